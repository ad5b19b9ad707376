r"""Beyond the paper: free entry with k trading companies (SPEC section 4.1), claims K4 and K5.

The free-entry rate :math:`\omega^*(k)` is *derived* by solving the k-company zero-profit
condition :math:`\tfrac{n}{k} M(\omega) = F` (:func:`cluster_games.model_k.omega_star_k`), not
typed in; the certificates hold for a symbolic number of companies :math:`k`. The numeric checks
compare the kernel's :math:`\omega^*(k)` with the derived rate exactly (the proof certifies that it is
the lower root with 4k, which is compared with the kernel's float in rationals) and the game's
class at :math:`(\omega^*(k), W_m)` with :math:`k^2` against :math:`\rho`, exactly.

>>> from cluster_games.proofs.example import check_point
>>> K5.run(check_point()).status
'proved'
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp

from .. import model as M
from .. import model_k as MK
from ..companies import CompanyGame
from .claims import CheckPoint, Claim, NotApplicable, certified, free_entry_rate, within_free_entry_rate
from .companies import _BEYOND, KS
from .parametrisations import free_entry
from .report import Step

__all__ = ["K4", "K5", "ENTRY_CLAIMS"]


# ============================================================================ K4
def _k4_proof() -> list[Step]:
    region = free_entry(M.k)
    w = MK.omega_star_k()
    eq = MK.zero_profit_equation_k()
    return [
        certified(
            eq.lhs.subs(M.omega, w),
            "zero",
            region,
            "omega*(k), derived by solving (n/k) M(w) = F, solves it",
            key="solves_zero_profit",
        ),
        certified(
            w - M.omega_star_expr(M.k),
            "zero",
            region,
            "it is the lower root with 4k in place of 8 (section 1.2)",
            key="lower_root_4k",
        ),
        certified(
            M.n / M.n_min_expr(M.k) - MK.rho() / M.k,
            "zero",
            region,
            "n / n_min(k) = rho / k: omega*(k) exists iff k <= rho",
            key="rho_over_k",
        ),
    ]


def _k4_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    rho = n * (alpha - beta * (c + c_A)) ** 2 / (4 * beta * F) if F > 0 else None
    steps = []
    for k in KS:
        exists = rho is None or k <= rho
        value = p.omega_star(k=k, on_infeasible="nan")
        steps.append(
            Step(
                f"k = {k}: omega*(k) exists iff k <= rho (exactly)",
                "exact arithmetic",
                exists == (not math.isnan(value)),
                detail="F = 0: no bound on k" if rho is None else f"rho = {float(rho):.6g}",
            )
        )
        if exists:
            # decided exactly: a reference at a fixed number of digits cancels to noise at extreme
            # magnitudes (n = 1e50, F = 1e-50, alpha = 1e50: omega* is a 1e-200 part of K)
            steps.append(
                within_free_entry_rate(
                    f"k = {k}: the numeric kernel is within 1e-12 of the derived rate (the lower root with 4k)",
                    value,
                    p,
                    k,
                )
            )
    return steps


K4 = Claim(
    id="K4",
    kind="extension",
    title="The free-entry rate with k companies, derived, exists iff k <= rho = n G^2 / (4 beta F)",
    statement=_BEYOND
    + "Free entry drives the all-Y profit n M(omega)/k - F to zero at omega*(k), the lower root of the "
    "zero-profit equation with 4k in place of 8; it exists iff k <= rho: free entry can support at most "
    "rho companies.",
    hypotheses=lambda: free_entry(M.k).hypotheses,
    proof=_k4_proof,
    check=_k4_check,
    key_expressions=lambda: {"rho": sp.latex(MK.rho())},
)


# ============================================================================ K5
def _k5_proof() -> list[Step]:
    region = free_entry(M.k)
    w = MK.omega_star_k()
    seeing = M.category_profit(w)
    hiding = M.category_profit(M.monopoly_rate())
    return [
        certified(
            seeing - M.k * M.F / M.n, "zero", region, "M(omega*(k)) = k F / n", key="profit_at_free_entry"
        ),
        certified(
            M.k * seeing - hiding - M.F / M.n * (M.k**2 - MK.rho()),
            "zero",
            region,
            "at (omega*(k), W_m): k M(w*) - M(W_m) = (F/n)(k^2 - rho): Y strictly dominates iff k^2 > rho",
            key="margin_k_squared_rho",
        ),
    ]


def _k5_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    if F == 0:
        raise NotApplicable("F = 0: omega*(k) = c_A / c for every k and M(omega*) = 0 (N weakly dominant)")
    rho = n * (alpha - beta * (c + c_A)) ** 2 / (4 * beta * F)
    ks = sorted({2, 3, max(2, math.isqrt(int(rho))), max(2, math.isqrt(int(rho)) + 1)} & set(range(2, 201)))
    steps = []
    for k in ks:
        if k >= rho:  # no game: W_m = omega*(k) at k = rho, no omega* beyond
            continue
        g = CompanyGame.at(p, k)
        expected = (
            "Y strictly dominant"
            if k * k > rho
            else ("Y weakly dominant" if k * k == rho else "no dominant strategy")
        )
        steps.append(
            Step(
                f"k = {k}: class at (omega*(k), W_m) matches k^2 vs rho = {float(rho):.6g}",
                "exact arithmetic",
                g.classify() == expected,
                detail=g.classify(),
            )
        )
    if not steps:
        raise NotApplicable("rho <= 2 here: no k >= 2 admits a game at the default rates")
    return steps


K5 = Claim(
    id="K5",
    kind="extension",
    title="At free entry, seeing customers dominates hiding at the monopoly rate iff k^2 > rho",
    statement=_BEYOND
    + "At (omega*(k), W_m), Y strictly dominates N iff k^2 > rho: once there are more than sqrt(rho) "
    "companies, seeing customers is dominant even against hiding at the monopoly rate, and free entry "
    "allows up to rho of them. For k = 2 this is finding R1 (n < 2 n_min).",
    hypotheses=lambda: free_entry(M.k).hypotheses,
    proof=_k5_proof,
    check=_k5_check,
)

ENTRY_CLAIMS: tuple[Claim, ...] = (K4, K5)
