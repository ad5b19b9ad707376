r"""Dominance in finite two-player (bimatrix) games.

Conventions follow nashpy: ``A[i, j]`` is the row player's payoff and
``B[i, j]`` the column player's when row plays ``i`` and column plays ``j``.
Each player's *own* matrix has its strategies as rows: ``A`` for the row
player, ``B.T`` for the column player.

For a player with own matrix :math:`M`:

* :math:`s` **strictly dominates** :math:`s'` iff :math:`M_{s j} > M_{s' j}` for every
  opponent strategy :math:`j`; :math:`s` is **strictly dominant** iff it strictly
  dominates every other strategy, i.e. it is the unique best response to every
  pure strategy of the opponent.
* :math:`s` **weakly dominates** :math:`s'` iff :math:`M_{s j} \ge M_{s' j}` for all
  :math:`j`, with strict inequality for some :math:`j`.
* domination by mixed strategies and iterated elimination are in
  :mod:`cluster_games.games.elimination`.

The comparisons are exact when the matrices hold :class:`fractions.Fraction`
(or integers), which is how the cluster game classifies its boundary cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._input import bimatrix

__all__ = [
    "PlayerDominance",
    "dominant_strategies",
]


@dataclass(frozen=True)
class PlayerDominance:
    """Dominance facts for one player.

    Attributes
    ----------
    player : str
    strategies : tuple of str
    best_responses : tuple of tuple of str
        The player's best responses to each pure strategy of the opponent, in order.
    strictly_dominant, weakly_dominant : str or None
        The (at most one) strictly / weakly dominant strategy.
    """

    player: str
    strategies: tuple[str, ...]
    opponent_strategies: tuple[str, ...]
    best_responses: tuple[tuple[str, ...], ...]
    strictly_dominant: str | None
    weakly_dominant: str | None

    def __str__(self) -> str:
        if self.strictly_dominant is not None:
            return f"{self.player}: {self.strictly_dominant} strictly dominant"
        if self.weakly_dominant is not None:
            return f"{self.player}: {self.weakly_dominant} weakly (not strictly) dominant"
        return f"{self.player}: no dominant strategy"

    def _repr_markdown_(self) -> str:
        rows = "\n".join(
            f"| {o} | {', '.join(b)} |"
            for o, b in zip(self.opponent_strategies, self.best_responses, strict=True)
        )
        return f"**{self}**\n\n| opponent plays | best responses |\n|---|---|\n{rows}"


def _player_dominance(
    M: np.ndarray, player: str, own: tuple[str, ...], other: tuple[str, ...]
) -> PlayerDominance:
    rows, cols = M.shape
    best = []
    for j in range(cols):
        column = M[:, j]
        top = max(column)
        best.append(tuple(own[i] for i in range(rows) if column[i] == top))

    def dominates(s: int, t: int, strict: bool) -> bool:
        if strict:
            return all(M[s, j] > M[t, j] for j in range(cols))
        return all(M[s, j] >= M[t, j] for j in range(cols)) and any(M[s, j] > M[t, j] for j in range(cols))

    strict = [s for s in range(rows) if all(dominates(s, t, True) for t in range(rows) if t != s)]
    weak = [s for s in range(rows) if all(dominates(s, t, False) for t in range(rows) if t != s)]
    return PlayerDominance(
        player=player,
        strategies=own,
        opponent_strategies=other,
        best_responses=tuple(best),
        strictly_dominant=own[strict[0]] if strict else None,
        weakly_dominant=own[weak[0]] if weak else None,
    )


def dominant_strategies(
    A: Any, B: Any, row_labels: Sequence[str] | None = None, col_labels: Sequence[str] | None = None
) -> tuple[PlayerDominance, PlayerDominance]:
    """Strictly and weakly dominant strategies of both players.

    Computed from the best responses to every pure strategy of the opponent.

    Parameters
    ----------
    A, B : array_like, shape (m, k)
        Row and column player's payoffs. Fractions are compared exactly.
    row_labels, col_labels : sequence of str, optional
        Strategy names (default ``r0, r1, ...`` and ``c0, c1, ...``).

    Returns
    -------
    (PlayerDominance, PlayerDominance)
        For the row player and the column player.

    Examples
    --------
    Prisoner's dilemma: defection (D) strictly dominates.

    >>> A = [[3, 0], [5, 1]]
    >>> row, col = dominant_strategies(A, [[3, 5], [0, 1]], ["C", "D"], ["C", "D"])
    >>> row.strictly_dominant, col.strictly_dominant
    ('D', 'D')
    >>> row.best_responses
    (('D',), ('D',))
    """
    A, B, rl, cl = bimatrix(A, B, row_labels, col_labels, exact=True)
    return _player_dominance(A, "row", rl, cl), _player_dominance(B.T, "column", cl, rl)
