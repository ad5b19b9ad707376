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
from . import precise
from .claims import CheckPoint, Claim, NotApplicable, certified, compare, free_entry_rate
from .parametrisations import double_root, feasible_trade, free_entry, no_fixed_cost
from .report import Step

__all__ = ["P3"]


# ============================================================================ P3
def _p3_proof() -> list[Step]:
    region = free_entry()
    w = M.omega_star_expr()
    dn = sp.diff(w, M.n)
    closed = -2 * M.F / (M.c * M.n**2 * sp.sqrt(M.discriminant()))
    limit = sp.limit(feasible_trade().apply(w), M.n, sp.oo)
    wk = M.omega_star_expr(M.k)
    return [
        certified(
            dn - closed, "zero", region, "d omega*/dn = -2F / (c n^2 sqrt(G^2 - 8 beta F/n))", key="dn_closed"
        ),
        certified(
            dn, "negative", region, "d omega*/dn < 0: more specialisation, lower rate", key="dn_negative"
        ),
        Step(
            "omega* -> c_A/c as n -> infinity (the rate falls to cost recovery)",
            "limit",
            sp.simplify(limit - M.c_A / M.c) == 0,
            latex=f"\\lim_{{n\\to\\infty}} \\omega^* = {sp.latex(limit)}",
        ),
        certified(sp.diff(w, M.F), "positive", region, "d omega*/dF > 0", key="dF_positive"),
        certified(sp.diff(w, M.c_A), "positive", region, "d omega*/dc_A > 0", key="dcA_positive"),
        certified(sp.diff(w, M.alpha), "negative", region, "d omega*/dalpha < 0", key="dalpha_negative"),
        certified(
            M.monopoly_rate() - w,
            "positive",
            region,
            "omega*(n) < W_m = omega*(n_min) for every n > n_min: the rate falls from its value at the threshold",
            key="below_threshold_value",
        ),
        certified(
            w - M.monopoly_rate(),
            "zero",
            double_root(),
            "at n = n_min, omega* = W_m = K/(2 beta c)",
            key="n_min_value",
            case="n = n_min",
        ),
        certified(
            dn,
            "zero",
            no_fixed_cost(),
            "at F = 0, omega* = c_A/c does not depend on n",
            key="F0_flat",
            case="F = 0",
        ),
        certified(
            sp.diff(wk, M.k),
            "positive",
            free_entry(M.k),
            "k companies: d omega*/dk > 0 (beyond the paper)",
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
    statement=(
        "d omega*/dn = -2F / (c n^2 sqrt(G^2 - 8 beta F/n)) < 0 and omega* -> c_A/c as n -> infinity; "
        "omega* rises with F and c_A and falls with alpha (economies of scope for factories). It falls from "
        "W_m = omega*(n_min) at the threshold; at F = 0 it is c_A/c for every n."
    ),
    hypotheses=lambda: free_entry().hypotheses,
    cases=lambda: {
        "n = n_min": double_root().hypotheses,
        "F = 0": no_fixed_cost().hypotheses,
        "k companies": free_entry(M.k).hypotheses,
    },
    proof=_p3_proof,
    check=_p3_check,
    key_expressions=lambda: {"d omega*/dn": sp.latex(-2 * M.F / (M.c * M.n**2 * sp.sqrt(M.discriminant())))},
)
