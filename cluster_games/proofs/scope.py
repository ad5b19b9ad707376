r"""Proposition 3 of Dudko and Zhao (economies of scope): the finer the division of labour, the lower omega*.

Certified on :func:`~cluster_games.proofs.parametrisations.free_entry`, with the boundary
cases n = n_min (the double root, where omega* = W_m and d omega*/dn is infinite) and F = 0
(omega* = c_A/c for every n), and k companies (beyond the paper).

>>> from cluster_games.proofs.example import check_point
>>> P3.run(check_point()).status
'proved'
"""

from __future__ import annotations

import itertools

import mpmath
import sympy as sp

from .. import model as M
from . import formulas as V
from . import precise
from .claims import CheckPoint, Claim, NotApplicable, certified, compare, free_entry_rate
from .parametrisations import double_root, feasible_trade, free_entry, no_fixed_cost
from .report import Step
from .statements import Statement

__all__ = ["P3"]

W_STAR = V.omega_star
DN = V.d(W_STAR, V.n)
#: The printed derivative, certified equal to the model's.
DN_CLOSED = -2 * V.F / (V.c * V.n**2 * V.sqrt(V.G**2 - 8 * V.beta * V.F / V.n))
COST_RECOVERY = V.c_A / V.c


# ============================================================================ P3
def _p3_proof() -> list[Step]:
    region = free_entry()
    limit = sp.limit(feasible_trade().apply(V.to_sympy(W_STAR)), M.n, sp.oo)
    return [
        certified(V.eq(DN, DN_CLOSED), region, key="dn_closed"),
        certified(V.lt(DN, 0), region, "more specialisation, lower rate", key="dn_negative"),
        Step(
            f"the limit of {W_STAR} as n grows without bound is {COST_RECOVERY} (cost recovery)",
            "limit",
            sp.simplify(limit - V.to_sympy(COST_RECOVERY)) == 0,
            latex=f"\\lim_{{n\\to\\infty}} \\omega^* = {sp.latex(limit)}",
        ),
        certified(V.gt(V.d(W_STAR, V.F), 0), region, key="dF_positive"),
        certified(V.gt(V.d(W_STAR, V.c_A), 0), region, key="dcA_positive"),
        certified(V.lt(V.d(W_STAR, V.alpha), 0), region, key="dalpha_negative"),
        certified(
            V.gt(V.W_m, W_STAR),
            region,
            "the rate falls from its value at the threshold",
            key="below_threshold_value",
        ),
        certified(V.eq(W_STAR, V.W_m), double_root(), key="n_min_value", case="n = n_min"),
        certified(V.eq(DN, 0), no_fixed_cost(), "cost recovery for every n", key="F0_flat", case="F = 0"),
        certified(
            V.gt(V.d(V.omega_star_k(V.k), V.k), 0),
            free_entry(M.k),
            "beyond the paper",
            key="dk_positive",
            case="k companies",
        ),
    ]


def _p3_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    if p.F == 0:
        raise NotApplicable("F = 0: omega* = c_A/c for every n (the proposition assumes F > 0)")
    ns = [p.n, 2 * p.n, 10 * p.n, 1e6 * p.n]

    def falls():
        ws = [precise.omega_star(p, n=n) for n in ns]
        return (*(a - b for a, b in itertools.pairwise(ws)), ws[-1] - mpmath.mpf(p.c_A) / p.c)

    steps_down = precise.resolved(falls, "omega* along n, 2n, 10n, 1e6 n")
    steps = [
        Step(
            "omega* falls along n, 2n, 10n, 1e6 n and stays above c_A/c (adaptive precision)",
            "exact arithmetic",
            all(d > 0 for d in steps_down),
            detail="differences " + ", ".join(mpmath.nstr(d, 4) for d in steps_down),
        )
    ]
    # d omega*/dn against a central difference, with h well inside (n_min, n): at n = n_min the
    # derivative is infinite (the double root).
    n_min = p.n_min()
    if p.n <= n_min * (1 + 1e-12):
        steps.append(
            Step(
                "central difference of omega* in n matches the closed-form derivative",
                "n/a",
                None,
                detail="n = n_min: d omega*/dn is infinite at the double root",
            )
        )
        return steps
    # The central difference's truncation error is h^2 / 6 times the third derivative. With
    # s = n - n_min, omega* = (K - G sqrt(s / n)) / (2 beta c), whose third derivative is at most about
    # 3/(4 s^2) times its first (the square root's branch point at s = 0), plus terms of order 1/(s n)
    # and 1/n^2 <= 1/s^2: the relative truncation error is of order (h / s)^2 <= 1e-8 with h <= s / 1e4,
    # far inside the 1e-6 compared. (h = s / 16, as before, left errors of 1e-3 near n_min: a failure
    # from the method, not from the claim.)
    h = min(1e-12 * p.n, (p.n - n_min) / 1e4)

    def derivative():
        n = mpmath.mpf(p.n)
        G = mpmath.mpf(p.alpha) - mpmath.mpf(p.beta) * (mpmath.mpf(p.c) + mpmath.mpf(p.c_A))
        closed = -2 * mpmath.mpf(p.F) / (p.c * n**2 * mpmath.sqrt(G**2 - 8 * p.beta * mpmath.mpf(p.F) / n))
        hh = mpmath.mpf(h)
        fd = (precise.omega_star(p, n=n + hh) - precise.omega_star(p, n=n - hh)) / (2 * hh)
        return fd, closed

    fd, closed = precise.resolved(derivative, "d omega*/dn")
    steps.append(
        compare(
            "central difference of omega* in n (adaptive precision) matches the closed-form derivative",
            float(fd),
            float(closed),
            1e-6,
        )
    )
    return steps


P3 = Claim(
    id="P3",
    kind="proposition",
    title="The finer the division of labour (larger n), the lower the agency rate",
    statement=Statement(
        V.eq(DN, DN_CLOSED),
        ", so ",
        V.lt(DN, 0),
        ": the finer the division of labour, the lower the rate, which falls to cost recovery as n grows "
        "without bound; ",
        V.gt(V.d(W_STAR, V.F), 0),
        ", ",
        V.gt(V.d(W_STAR, V.c_A), 0),
        " and ",
        V.lt(V.d(W_STAR, V.alpha), 0),
        " (economies of scope for factories). It falls from its value at the threshold: ",
        V.gt(V.W_m, W_STAR),
        " where ",
        V.gt(V.n, V.n_min),
        ", and ",
        V.eq(W_STAR, V.W_m),
        " at ",
        V.eq(V.n, V.n_min),
        "; at ",
        V.eq(V.F, 0),
        ", ",
        V.eq(DN, 0),
        ". With k companies (beyond the paper), ",
        V.gt(V.d(V.omega_star_k(V.k), V.k), 0),
        ".",
    ),
    hypotheses=lambda: free_entry().hypotheses,
    cases=lambda: {
        "n = n_min": double_root().hypotheses,
        "F = 0": no_fixed_cost().hypotheses,
        "k companies": free_entry(M.k).hypotheses,
    },
    proof=_p3_proof,
    check=_p3_check,
    key_expressions=lambda: {"d omega*/dn": sp.latex(V.to_sympy(DN_CLOSED))},
)
