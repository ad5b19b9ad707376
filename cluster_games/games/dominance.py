r"""Dominance by pure and by mixed strategies, decided exactly.

For a player with own payoff matrix :math:`M` (its strategies as rows, the opponent's
strategies, or profiles of the others, as columns) and a strategy :math:`s`:

* :math:`s` is **strictly dominated** by the mixed strategy :math:`p` iff
  :math:`\sum_k p_k M_{kj} > M_{sj}` for every column :math:`j`;
* **weakly dominated** iff :math:`\sum_k p_k M_{kj} \ge M_{sj}` for every :math:`j`,
  with strict inequality for some :math:`j` (and :math:`p \ne e_s`);
* **strictly dominant** iff it strictly dominates every other pure strategy
  (it is then the unique best response to everything).

A mixed dominator is found by the linear program

.. math::

    \max_{p \ge 0,\ \sum p = 1,\ \varepsilon} \varepsilon
    \quad\text{s.t.}\quad \sum_k p_k M_{kj} - M_{sj} \ge \varepsilon \ \ \forall j

(:func:`scipy.optimize.linprog`, HiGHS, on :func:`~cluster_games.games._rational.normalised`
payoffs), and **every answer carries an exact certificate** checked in rationals on the
original payoffs: the dominator :math:`p` itself, or, for "not dominated", the dual
solution, a belief :math:`y` over the columns against which :math:`s` is a best response
(:math:`s` is strictly dominated iff no such belief exists). When rounding spoils both
certificates (an exact tie: :math:`\varepsilon^* = 0`), the program is solved again in
exact rational arithmetic (:mod:`cluster_games.games._lp`). Weak dominance is certified
the same way: a weak dominator, or a *completely mixed* belief against which :math:`s` is
a best response (a strategy is not weakly dominated iff there is one; Pearce 1984). The
answer is therefore exact and invariant to positive affine maps of the payoffs.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from ._lp import solve_exact, solve_float
from ._rational import Matrix, labels, matrix, normalised, text

__all__ = ["Domination", "PlayerDominance", "dominated_by", "player_dominance", "dominant_strategies"]


@dataclass(frozen=True)
class Domination:
    """``strategy`` is (strictly or weakly) dominated by the mixture ``by`` (label -> probability).

    ``margin`` is the smallest gain of the dominator over ``strategy`` across the columns
    (positive for strict dominance, zero for weak).
    """

    strategy: str
    by: dict[str, Fraction]
    strict: bool
    margin: Fraction

    @property
    def by_pure(self) -> bool:
        return len(self.by) == 1

    def dominator_text(self) -> str:
        if self.by_pure:
            return next(iter(self.by))
        return " + ".join(f"{text(p)} {s}" for s, p in self.by.items())

    def __str__(self) -> str:
        kind = "strictly" if self.strict else "weakly"
        return f"{self.strategy} {kind} dominated by {self.dominator_text()}"


@dataclass(frozen=True)
class PlayerDominance:
    """Dominance facts for one player.

    Attributes
    ----------
    player : str
    strategies, opponent_strategies : tuple of str
    best_responses : tuple of tuple of str
        The player's best responses to each column (pure strategy of the opponent), in order.
    strictly_dominant, weakly_dominant : str or None
        The (at most one) strictly / weakly dominant strategy.
    dominated : tuple of Domination
        Each strategy dominated by another pure or mixed strategy: strictly if it is, else weakly.
    """

    player: str
    strategies: tuple[str, ...]
    opponent_strategies: tuple[str, ...]
    best_responses: tuple[tuple[str, ...], ...]
    strictly_dominant: str | None
    weakly_dominant: str | None
    dominated: tuple[Domination, ...] = ()

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
        dominated = "".join(f"\n- {d}" for d in self.dominated)
        return f"**{self}**{dominated}\n\n| opponent plays | best responses |\n|---|---|\n{rows}"


# ----------------------------------------------------------------------------- the LPs
def _programs(M: Matrix, s: int, others: Sequence[int], cols: Sequence[int], weak: bool, *, exact: bool):
    """The dominance program over the variables (p_others..., [eps]) and the belief program.

    Gains ``g[k][j] = M[k][j] - M[s][j]``; for the float solver they are normalised (shift and
    scale do not change which mixture dominates). Strict: max eps, ``sum_k p_k g_kj >= eps``.
    Weak: max ``sum_j sum_k p_k g_kj`` subject to ``sum_k p_k g_kj >= 0``.
    """
    sub = tuple(tuple(M[i][j] for j in cols) for i in (s, *others))
    if not exact:
        sub = normalised(sub)
    g = [[sub[1 + k][j] - sub[0][j] for j in range(len(cols))] for k in range(len(others))]
    k, c = len(others), len(cols)
    if weak:
        cost = [sum(row) for row in g]
        A_ub = [[-g[t][j] for t in range(k)] for j in range(c)]
        return cost, A_ub, [0] * c, [[1] * k], [1], ()
    cost = [0] * k + [1]
    A_ub = [[-g[t][j] for t in range(k)] + [1] for j in range(c)]
    return cost, A_ub, [0] * c, [[1] * k + [0]], [1], (k,)


def _float_lp(M, s, others, cols, weak):
    cost, A_ub, b_ub, A_eq, b_eq, free = _programs(M, s, others, cols, weak, exact=False)
    f = np.float64
    return solve_float(
        [f(v) for v in cost], [[f(v) for v in r] for r in A_ub], [f(v) for v in b_ub], A_eq, b_eq, free
    )


def _belief_lp(M, s, others, cols):
    """A completely mixed belief against which ``s`` is a best response (max of its smallest weight)."""
    N = normalised(tuple(tuple(M[i][j] for j in cols) for i in (s, *others)))
    c = len(cols)
    # variables y_1..y_c, t: max t s.t. t - y_j <= 0, sum_j y_j (N_kj - N_sj) <= 0, sum y = 1;
    # sparse, as the c constraints t <= y_j would be a dense c x c block (memory ~ c**2)
    from scipy import sparse

    gains = [[float(N[k][j] - N[0][j]) for j in range(c)] + [0.0] for k in range(1, len(N))]
    A_ub = sparse.vstack(
        [sparse.hstack([-sparse.identity(c), np.ones((c, 1))]), sparse.csr_matrix(gains)], format="csr"
    )
    x, _ = solve_float([0.0] * c + [1.0], A_ub, [0.0] * A_ub.shape[0], [[1.0] * c + [0.0]], [1.0], (c,))
    return None if x is None or x[-1] <= 0 else x[:c]


def _mixture(values, size: int, limit: int | None = None) -> list[Fraction] | None:
    """Non-negative floats as an exact probability vector (None if they sum to zero).

    With ``limit``, each value is first replaced by the nearest fraction of denominator at
    most ``limit``: an exact tie's solution usually has small denominators, which the
    float solution only approximates.
    """
    if values is None:
        return None
    q = [Fraction(max(float(v), 0.0)) for v in values[:size]]
    if limit is not None:
        q = [v.limit_denominator(limit) for v in q]
    total = sum(q)
    return [v / total for v in q] if total > 0 else None


_LIMITS = (10**3, 10**6, None)  # small denominators first: the nicest certificate


def _check(M: Matrix, s: int, others, cols, p: list[Fraction] | None, weak: bool) -> Fraction | None:
    """The exact margin of mixture ``p`` over ``s`` if it dominates (strictly, or weakly), else None."""
    if p is None:
        return None
    gains = [sum(pk * M[t][j] for pk, t in zip(p, others, strict=True)) - M[s][j] for j in cols]
    low = min(gains)
    if low > 0 or (weak and low == 0 and max(gains) > 0):
        return low
    return None


def _best_response_to(M: Matrix, s: int, others, cols, y: list[Fraction] | None, *, full: bool) -> bool:
    """Whether ``s`` is a best response to the belief ``y`` over ``cols`` (completely mixed if ``full``)."""
    if y is None or (full and min(y) <= 0):
        return False
    value = sum(yj * M[s][j] for yj, j in zip(y, cols, strict=True))
    return all(sum(yj * M[t][j] for yj, j in zip(y, cols, strict=True)) <= value for t in others)


def _mixed(M, s, others, cols, labels_, *, weak: bool) -> Domination | None:
    """Certified mixed dominance: a dominator checked exactly, or a belief certificate, else the exact LP."""
    p_float, duals = _float_lp(M, s, others, cols, weak)
    p, margin = None, None
    for limit in _LIMITS:
        p = _mixture(p_float, len(others), limit)
        margin = _check(M, s, others, cols, p, weak)
        if margin is not None:
            break
    if margin is None:
        # not weakly dominated iff a best response to a completely mixed belief (Pearce 1984);
        # not strictly dominated iff a best response to some belief: the LP's dual
        belief = _belief_lp(M, s, others, cols) if weak else duals
        if any(
            _best_response_to(M, s, others, cols, _mixture(belief, len(cols), limit), full=weak)
            for limit in _LIMITS
        ):
            return None
        solved = solve_exact(*_programs(M, s, others, cols, weak, exact=True))
        if solved is None:
            return None  # no mixture loses nowhere: not (weakly) dominated
        value, x = solved
        p = x[: len(others)]
        margin = _check(M, s, others, cols, p, weak)
        if margin is None or value <= 0:
            return None
    by = {labels_[t]: pk for t, pk in zip(others, p, strict=True) if pk > 0}
    return Domination(labels_[s], by, margin > 0, margin)


def dominated_by(
    M: Matrix,
    s: int,
    own: Sequence[int],
    cols: Sequence[int],
    labels_: Sequence[str],
    *,
    weak: bool = False,
    mixtures: bool = True,
) -> Domination | None:
    """How strategy ``s`` (a row of ``M``) is dominated by the rows ``own``, over the columns ``cols``.

    Pure dominators are tried first (exact comparisons), then mixtures (the certified LP of
    the module docstring). ``weak=False`` looks for strict dominance only; ``weak=True``
    for strict, else weak dominance; ``mixtures=False`` tries pure dominators only. Returns
    ``None`` if ``s`` is not dominated.
    """
    others = [t for t in own if t != s]
    if not others or not cols:
        return None
    best: Domination | None = None
    for t in others:
        gains = [M[t][j] - M[s][j] for j in cols]
        low = min(gains)
        if low > 0:
            return Domination(labels_[s], {labels_[t]: Fraction(1)}, True, low)
        if weak and best is None and low == 0 and max(gains) > 0:
            best = Domination(labels_[s], {labels_[t]: Fraction(1)}, False, low)
    if mixtures and len(others) >= 2:
        # A best response to a pure column is never strictly dominated, and a unique best
        # response never even weakly: the column itself is the belief certificate (no LP).
        best_somewhere = unique_somewhere = False
        for j in cols:
            top = max(M[t][j] for t in others)
            best_somewhere |= M[s][j] >= top
            unique_somewhere |= M[s][j] > top
        if not best_somewhere:
            found = _mixed(M, s, others, cols, labels_, weak=False)
            if found is not None:
                return found
        if weak and best is None and not unique_somewhere:
            best = _mixed(M, s, others, cols, labels_, weak=True)
    return best


# ----------------------------------------------------------------------------- dominance
def player_dominance(
    M: Matrix, player: str, own: tuple[str, ...], other: tuple[str, ...], *, mixed: bool = True
) -> PlayerDominance:
    """Dominance facts of the player whose own payoff matrix is ``M`` (rows: its strategies)."""
    rows, cols = len(M), len(M[0])
    best = []
    for j in range(cols):
        top = max(M[i][j] for i in range(rows))
        best.append(tuple(own[i] for i in range(rows) if M[i][j] == top))

    def dominates(s: int, t: int, strict: bool) -> bool:
        gains = [M[s][j] - M[t][j] for j in range(cols)]
        return min(gains) > 0 if strict else (min(gains) >= 0 and max(gains) > 0)

    strict = [s for s in range(rows) if all(dominates(s, t, True) for t in range(rows) if t != s)]
    weak = [s for s in range(rows) if all(dominates(s, t, False) for t in range(rows) if t != s)]
    everyone, columns = list(range(rows)), list(range(cols))
    dominated = []
    for s in everyone:
        d = dominated_by(M, s, everyone, columns, own, weak=True, mixtures=mixed)
        if d is not None:
            dominated.append(d)
    return PlayerDominance(
        player=player,
        strategies=own,
        opponent_strategies=other,
        best_responses=tuple(best),
        strictly_dominant=own[strict[0]] if strict else None,
        weakly_dominant=own[weak[0]] if weak else None,
        dominated=tuple(dominated),
    )


def dominant_strategies(
    A: Any, B: Any, row_labels: Sequence[str] | None = None, col_labels: Sequence[str] | None = None
) -> tuple[PlayerDominance, PlayerDominance]:
    """Dominant and dominated strategies of both players of the bimatrix game ``(A, B)``, exactly.

    Parameters
    ----------
    A, B : array_like, shape (m, k)
        Row and column player's payoffs (numbers, Fractions or strings such as ``"1/3"``).
    row_labels, col_labels : sequence of str, optional
        Strategy names (default ``r0, r1, ...`` and ``c0, c1, ...``).

    Returns
    -------
    (PlayerDominance, PlayerDominance)
        For the row player and the column player.

    Examples
    --------
    Prisoner's dilemma: defection (D) strictly dominates.

    >>> row, col = dominant_strategies([[3, 0], [5, 1]], [[3, 5], [0, 1]], ["C", "D"], ["C", "D"])
    >>> row.strictly_dominant, col.strictly_dominant, str(row.dominated[0])
    ('D', 'D', 'C strictly dominated by D')
    >>> row, _ = dominant_strategies([[3, 0], [1, 1], [0, 3]], [[0, 0]] * 3, "TMB", "LR")
    >>> str(row.dominated[0])
    'M strictly dominated by 1/2 T + 1/2 B'
    """
    Am, Bm = matrix(A, "A"), matrix(B, "B")
    if (len(Am), len(Am[0])) != (len(Bm), len(Bm[0])):
        raise ValueError(
            f"A and B must have the same shape, got {len(Am)}x{len(Am[0])} and {len(Bm)}x{len(Bm[0])}"
        )
    rl, cl = labels(row_labels, len(Am), "r"), labels(col_labels, len(Am[0]), "c")
    Bt = tuple(zip(*Bm, strict=True))
    return player_dominance(Am, "row", rl, cl), player_dominance(Bt, "column", cl, rl)
