r"""Iterated elimination of strictly dominated strategies (IESDS) in bimatrix games.

A pure strategy :math:`s` of a player with own payoff matrix :math:`M` is
strictly dominated by a **mixed** strategy :math:`p` iff the linear program
:math:`\max_{p, \varepsilon} \varepsilon` subject to
:math:`\sum_k p_k M_{k j} \ge M_{s j} + \varepsilon` for all :math:`j`,
:math:`p \ge 0`, :math:`\sum_k p_k = 1`, has a positive optimum (solved with
:func:`scipy.optimize.linprog`). Strict dominance is order independent, so the
surviving strategies do not depend on the order of elimination.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ._input import bimatrix

__all__ = ["Elimination", "EliminationResult", "iterated_elimination"]


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
