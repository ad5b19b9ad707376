"""Linear programs for dominance: a float solver for speed, an exact one for the ties.

Both solve ``max c.x`` subject to ``A_ub x <= b_ub``, ``A_eq x = b_eq`` and ``x_i >= 0``
for the variables not listed as ``free``.

* :func:`solve_float`: scipy's HiGHS; also returns the duals of the inequalities.
* :func:`solve_exact`: rational arithmetic, with cddlib's exact LP (pycddlib, extra
  ``exact``) when installed, else sympy's simplex; ``None`` as the status where the
  problem is infeasible.
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
        return _sympy(c, A_ub, b_ub, A_eq, b_eq, free)
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


def _sympy(c, A_ub, b_ub, A_eq, b_eq, free):
    from sympy import Matrix
    from sympy.solvers.simplex import InfeasibleLPError, linprog

    n = len(c)
    try:
        opt, x = linprog(
            Matrix([-Fraction(v) for v in c]),
            Matrix([[Fraction(a) for a in row] for row in A_ub]) if A_ub else None,
            Matrix([Fraction(b) for b in b_ub]) if A_ub else None,
            Matrix([[Fraction(a) for a in row] for row in A_eq]) if A_eq else None,
            Matrix([Fraction(b) for b in b_eq]) if A_eq else None,
            bounds={i: (None, None) for i in free} or None,
        )
    except InfeasibleLPError as exc:
        if "Oscillating" in str(exc):  # sympy's simplex can cycle on degenerate programs
            raise RuntimeError(
                "the exact LP cycled in sympy's simplex; install pycddlib (pip install -e '.[exact]' in a clone of cluster_games)"
            ) from exc
        return None
    return -Fraction(str(opt)), [Fraction(str(v)) for v in x[:n]]
