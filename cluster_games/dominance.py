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
* a pure strategy :math:`s` is strictly dominated by a **mixed** strategy
  :math:`p` iff :math:`\max_{p, \varepsilon} \varepsilon` subject to
  :math:`\sum_k p_k M_{k j} \ge M_{s j} + \varepsilon` for all :math:`j`,
  :math:`p \ge 0`, :math:`\sum_k p_k = 1`, is positive (a linear program,
  solved with :func:`scipy.optimize.linprog`).

The comparisons are exact when the matrices hold :class:`fractions.Fraction`
(or integers), which is how the cluster game classifies its boundary cases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._bimatrix import bimatrix

__all__ = [
    "PlayerDominance",
    "Elimination",
    "EliminationResult",
    "dominant_strategies",
    "iterated_elimination",
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


# ----------------------------------------------------------------------------- IESDS
@dataclass(frozen=True)
class Elimination:
    """One step of iterated elimination: ``strategy`` of ``player`` is strictly dominated.

    ``dominated_by`` maps the dominating strategies to their probabilities (one
    entry of probability 1 for a pure dominator); ``margin`` is the smallest gain.
    """

    player: str
    strategy: str
    dominated_by: dict[str, float]
    margin: float

    def __str__(self) -> str:
        if len(self.dominated_by) == 1:
            by = next(iter(self.dominated_by))
        else:
            by = " + ".join(f"{p:.4g} {s}" for s, p in self.dominated_by.items())
        return f"{self.player} {self.strategy} strictly dominated by {by} (margin {self.margin:.4g})"


@dataclass(frozen=True)
class EliminationResult:
    """Outcome of iterated elimination of strictly dominated strategies."""

    row_strategies: tuple[str, ...]
    col_strategies: tuple[str, ...]
    steps: tuple[Elimination, ...] = field(default_factory=tuple)

    @property
    def solved(self) -> bool:
        """True when a single strategy profile survives (the game is dominance solvable)."""
        return len(self.row_strategies) == 1 and len(self.col_strategies) == 1

    def __str__(self) -> str:
        lines = [str(s) for s in self.steps] or ["no strictly dominated strategy"]
        lines.append(f"surviving: row {list(self.row_strategies)}, column {list(self.col_strategies)}")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return "\n".join(f"{i}. {s}" for i, s in enumerate(self.steps, 1)) + (
            f"\n\nSurviving: row {', '.join(self.row_strategies)}; column {', '.join(self.col_strategies)}"
        )


def _mixed_dominator(M: np.ndarray, s: int, others: list[int], cols: list[int], tol: float):
    """Best mixed strategy over ``others`` against row ``s`` of ``M`` (restricted to ``cols``).

    Returns ``(probabilities, margin)``; ``margin > tol`` means strict dominance.
    """
    from scipy.optimize import linprog

    sub = np.asarray(M[np.ix_(others, cols)], dtype=float)  # (len(others), len(cols))
    target = np.asarray(M[s, cols], dtype=float)
    k = len(others)
    # variables: p_1..p_k, eps ; maximise eps  <=>  minimise -eps
    cost = np.zeros(k + 1)
    cost[-1] = -1.0
    # eps + M_s,j - sum_k p_k M_k,j <= 0  for each column j
    A_ub = np.hstack([-sub.T, np.ones((len(cols), 1))])
    b_ub = -target
    A_eq = np.hstack([np.ones((1, k)), np.zeros((1, 1))])
    res = linprog(
        cost,
        A_ub=A_ub,
        b_ub=b_ub,
        A_eq=A_eq,
        b_eq=[1.0],
        bounds=[(0, None)] * k + [(None, None)],
        method="highs",
    )
    if res.status != 0:  # cannot happen for a bounded feasible LP; report as "not dominated"
        return None, -np.inf
    return res.x[:k], -res.fun


def iterated_elimination(
    A: Any,
    B: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    *,
    mixed: bool = True,
    tol: float = 1e-9,
) -> EliminationResult:
    """Iterated elimination of strictly dominated strategies (IESDS) for any bimatrix game.

    At each round every remaining strategy of each player is tested, first
    against the player's other pure strategies (exact comparison), then, if
    ``mixed``, against mixed strategies by linear programming. One strategy is
    removed per step; the order does not change the surviving set because
    strict dominance is order independent.

    Parameters
    ----------
    A, B : array_like, shape (m, k)
        Payoff matrices of the row and column player.
    row_labels, col_labels : sequence of str, optional
        Strategy names.
    mixed : bool
        Also eliminate strategies dominated only by a mixed strategy.
    tol : float
        A mixed dominator must win by more than ``tol`` times the payoff scale.

    Examples
    --------
    Strategy ``M`` is dominated by no pure strategy, but by ``T/2 + B/2``:

    >>> A = [[3, 0], [1, 1], [0, 3]]
    >>> B = [[1, 0], [1, 0], [1, 0]]
    >>> result = iterated_elimination(A, B, ["T", "M", "B"], ["L", "R"])
    >>> print(result)
    row M strictly dominated by 0.5 T + 0.5 B (margin 0.5)
    column R strictly dominated by L (margin 1)
    row B strictly dominated by T (margin 3)
    surviving: row ['T'], column ['L']
    >>> result.row_strategies, result.col_strategies
    (('T',), ('L',))
    """
    A, B, rl, cl = bimatrix(A, B, row_labels, col_labels, exact=True)
    rows, cols = list(range(A.shape[0])), list(range(A.shape[1]))
    scale = max(
        1.0,
        float(np.max(np.abs(np.asarray(A, dtype=float)))),
        float(np.max(np.abs(np.asarray(B, dtype=float)))),
    )
    steps: list[Elimination] = []

    def try_player(M: np.ndarray, own: list[int], other: list[int], labels, player) -> bool:
        if len(own) < 2:
            return False
        for s in own:
            for t in own:
                if t != s and all(M[t, j] > M[s, j] for j in other):
                    gap = min(M[t, j] - M[s, j] for j in other)
                    steps.append(Elimination(player, labels[s], {labels[t]: 1.0}, float(gap)))
                    own.remove(s)
                    return True
        if mixed and len(own) >= 3:  # with two strategies a mixed dominator implies a pure one
            for s in own:
                others = [t for t in own if t != s]
                p, margin = _mixed_dominator(M, s, others, other, tol)
                if p is not None and margin > tol * scale:
                    by = {labels[t]: float(q) for t, q in zip(others, p, strict=True) if q > 1e-12}
                    steps.append(Elimination(player, labels[s], by, float(margin)))
                    own.remove(s)
                    return True
        return False

    while try_player(A, rows, cols, rl, "row") or try_player(B.T, cols, rows, cl, "column"):
        pass
    return EliminationResult(tuple(rl[i] for i in rows), tuple(cl[j] for j in cols), tuple(steps))
