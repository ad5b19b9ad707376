"""Linear programs for dominance: a float solver for speed, an exact one for the ties.

Both solve ``max c.x`` subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq`` and ``x_i >= 0``
for the variables not listed as ``free``.

* :func:`solve_float`: scipy's HiGHS; also returns the duals of the inequalities.
* :func:`solve_exact`: rational arithmetic, with cddlib's exact LP (pycddlib, extra
  ``exact``) when installed, else a two-phase simplex in :class:`~fractions.Fraction` with
  Bland's rule (sympy's simplex oscillates on degenerate dominance programs); ``None``
  where the problem is infeasible.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import numpy as np

__all__ = ["solve_float", "solve_exact"]

Rows = Sequence[Sequence[Fraction]]


def solve_float(c, A_ub, b_ub, A_eq, b_eq, free: Sequence[int] = ()):
    """HiGHS: ``(x, duals)`` with ``duals >= 0`` the multipliers of ``A_ub``, or ``(None, None)`` if infeasible."""
    from scipy.optimize import linprog

    n = len(c)
    bounds = [(None, None) if i in free else (0, None) for i in range(n)]
    res = linprog(
        -np.asarray(c, dtype=float), A_ub=A_ub, b_ub=b_ub, A_eq=A_eq, b_eq=b_eq, bounds=bounds, method="highs"
    )
    if res.status != 0:
        return None, None
    return res.x, -res.ineqlin.marginals


def solve_exact(
    c: Sequence[Fraction],
    A_ub: Rows,
    b_ub: Sequence[Fraction],
    A_eq: Rows,
    b_eq: Sequence[Fraction],
    free: Sequence[int] = (),
) -> tuple[Fraction, list[Fraction]] | None:
    """The exact optimum ``(value, x)``, or ``None`` if the problem is infeasible (it must be bounded)."""
    try:
        import cdd
    except ImportError:
        return _simplex(c, A_ub, b_ub, A_eq, b_eq, free)
    n = len(c)
    rows = [[Fraction(b), *(-Fraction(a) for a in row)] for row, b in zip(A_ub, b_ub, strict=True)]
    rows += [[Fraction(0), *(Fraction(int(i == j)) for j in range(n))] for i in range(n) if i not in free]
    first_eq = len(rows)
    rows += [[Fraction(b), *(-Fraction(a) for a in row)] for row, b in zip(A_eq, b_eq, strict=True)]
    mat = cdd.Matrix(rows, number_type="fraction")
    mat.lin_set = frozenset(range(first_eq, len(rows)))
    mat.obj_type = cdd.LPObjType.MAX
    mat.obj_func = (Fraction(0), *(Fraction(v) for v in c))
    lp = cdd.LinProg(mat)
    lp.solve()
    if lp.status == cdd.LPStatusType.INCONSISTENT:
        return None
    if lp.status != cdd.LPStatusType.OPTIMAL:  # pragma: no cover - the dominance programs are bounded
        raise RuntimeError(f"exact LP ended with status {lp.status}")
    return Fraction(lp.obj_value), [Fraction(v) for v in lp.primal_solution]


def _simplex(c, A_ub, b_ub, A_eq, b_eq, free) -> tuple[Fraction, list[Fraction]] | None:
    """Two-phase tableau simplex in rationals with Bland's rule (no cycling: Bland 1977).

    Standard form: a free ``x_i`` is ``u_i - v_i`` with ``u_i, v_i >= 0``, each inequality gets a
    slack, rows with a negative right-hand side are negated. Phase 1 maximises ``-sum(a)`` over
    one artificial ``a_r`` per row (infeasible iff its optimum is negative); artificials left in
    the basis at level 0 are pivoted out, or their row dropped when it is redundant. Phase 2
    maximises ``c.x``. Bland's rule (the lowest-indexed improving column enters; ties in the
    ratio test leave by the lowest basic index) terminates on every program, degenerate ones
    included, where sympy's simplex can oscillate.
    """
    n = len(c)
    free = sorted(set(free))
    neg = {i: n + k for k, i in enumerate(free)}
    N = n + len(free) + len(A_ub)  # x (or u), v, slacks
    rows: list[list[Fraction]] = []
    rhs: list[Fraction] = []
    for r, (row, b) in enumerate([*zip(A_ub, b_ub, strict=True), *zip(A_eq, b_eq, strict=True)]):
        v = [Fraction(0)] * N
        for i, a in enumerate(row):
            v[i] = Fraction(a)
            if i in neg:
                v[neg[i]] = -v[i]
        if r < len(A_ub):
            v[n + len(free) + r] = Fraction(1)
        b = Fraction(b)
        if b < 0:
            v, b = [-a for a in v], -b
        rows.append(v)
        rhs.append(b)
    m = len(rows)
    T = [rows[r] + [Fraction(int(k == r)) for k in range(m)] + [rhs[r]] for r in range(m)]
    basis = [N + r for r in range(m)]
    # phase 1: the objective -sum(a) = -sum(rhs) + sum_j (sum_r T[r][j]) x_j over the x columns
    d = [sum((T[r][j] for r in range(m)), Fraction(0)) if j < N else Fraction(0) for j in range(N + m)]
    d.append(sum(rhs, Fraction(0)))
    _bland(T, basis, d, N + m)
    if d[-1] > 0:
        return None  # the least total infeasibility is positive
    for r in range(m - 1, -1, -1):  # artificials still basic are at level 0
        if basis[r] >= N:
            j = next((j for j in range(N) if T[r][j] != 0), None)
            if j is None:  # a redundant equality
                del T[r], basis[r]
            else:
                _pivot(T, basis, d, r, j)
    T = [[*row[:N], row[-1]] for row in T]
    cost = [Fraction(0)] * N
    for i in range(n):
        cost[i] = Fraction(c[i])
        if i in neg:
            cost[neg[i]] = -cost[i]
    # phase 2: reduced costs cost_j - c_B B^-1 A_j; d[-1] = -(objective at the basic solution)
    d = [
        cost[j] - sum((cost[b] * row[j] for b, row in zip(basis, T, strict=True)), Fraction(0))
        for j in range(N)
    ]
    d.append(-sum((cost[b] * row[-1] for b, row in zip(basis, T, strict=True)), Fraction(0)))
    if not _bland(T, basis, d, N):
        raise RuntimeError("the exact LP is unbounded")  # the dominance programs are bounded
    values = [Fraction(0)] * N
    for b, row in zip(basis, T, strict=True):
        values[b] = row[-1]
    x = [values[i] - values[neg[i]] if i in neg else values[i] for i in range(n)]
    return -d[-1], x


def _pivot(T, basis, d, r: int, j: int) -> None:
    """Make column ``j`` basic in row ``r`` (tableau, basis and reduced-cost row in place)."""
    p = T[r][j]
    T[r] = [a / p for a in T[r]]
    pivot_row = T[r]
    for k, row in enumerate(T):
        if k != r and row[j] != 0:
            f = row[j]
            T[k] = [a - f * b for a, b in zip(row, pivot_row, strict=True)]
    if d[j] != 0:
        f = d[j]
        d[:] = [a - f * b for a, b in zip(d, pivot_row, strict=True)]
    basis[r] = j


def _bland(T, basis, d, columns: int) -> bool:
    """Maximise by Bland's rule over the first ``columns`` columns; False if unbounded."""
    while True:
        j = next((j for j in range(columns) if d[j] > 0), None)
        if j is None:
            return True
        best = None
        for r, row in enumerate(T):
            if row[j] > 0:
                key = (row[-1] / row[j], basis[r])
                if best is None or key < best[0]:
                    best = (key, r)
        if best is None:
            return False
        _pivot(T, basis, d, best[1], j)
