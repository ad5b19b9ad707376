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

from .. import model_k as MK
from ..companies import CompanyGame
from ..kernels import closed_forms
from ..parameters import Parameters
from . import formulas as V
from .claims import (
    CheckPoint,
    Claim,
    NotApplicable,
    applicable,
    certified,
    free_entry_rate,
    within_free_entry_rate,
)
from .companies import _BEYOND, KS
from .example import check_point
from .parametrisations import at_least_two, everywhere
from .parametrisations_k import (
    above_rho,
    at_rho,
    below_rho,
    k_squared_above_rho,
    k_squared_at_rho,
    k_squared_below_rho,
)
from .report import Step
from .statements import Statement, proved_by

__all__ = ["K4", "K5", "ENTRY_CLAIMS", "AT_RHO", "AT_SQRT_RHO"]

W_K = V.omega_star_k(V.k)
ALL_Y = V.pi_Y(V.k - 1)  # the all-Y profit (n/k) M(omega) - F
#: The printed closed forms, each certified equal to the model's.
LOWER_ROOT_4K = (V.K - V.sqrt(V.G**2 - 4 * V.k * V.beta * V.F / V.n)) / (2 * V.beta * V.c)
RHO = V.n * V.G**2 / (4 * V.beta * V.F)
PEAK = V.n / V.k * V.M(V.W_m) - V.F
ALL_Y_PEAKS = PEAK - V.n / V.k * V.beta * V.c**2 * (V.omega - V.W_m) ** 2
MARGIN = V.k * V.M(W_K) - V.M(V.W_m)  # k times (Y against all-N at (omega*(k), W_m)), over n

#: Exact points on the boundaries (every input a float exactly): rho = n G^2/(4 beta F) = 4 and 9.
AT_RHO = Parameters(n=1, F=1, alpha=5, beta=1, c=1, c_A=0)  # G = 4, rho = 4: k = 4 is k = rho
AT_SQRT_RHO = Parameters(n=1, F=1, alpha=7, beta=1, c=1, c_A=0)  # G = 6, rho = 9: k = 3 is k^2 = rho


def _on(region):
    return region.refine(at_least_two())


# ============================================================================ K4
def _k4_proof() -> list[Step]:
    region = _on(below_rho())
    return [
        certified(V.eq(V.rho, RHO), region, key="rho_closed_form"),
        certified(
            V.eq(V.at(ALL_Y, V.omega, W_K), 0),
            region,
            "the rate derived by solving the zero-profit condition solves it",
            key="solves_zero_profit",
        ),
        certified(V.eq(W_K, LOWER_ROOT_4K), region, "the lower root", key="lower_root_4k"),
        certified(V.eq(V.n / V.n_min_k(V.k), V.rho / V.k), region, key="rho_over_k"),
        certified(
            V.eq(ALL_Y, ALL_Y_PEAKS),
            everywhere(),
            "the all-Y profit peaks at the monopoly rate",
            key="all_Y_peaks",
        ),
        certified(
            V.eq(W_K, V.W_m),
            _on(at_rho()),
            "the two roots merge at the monopoly rate, a double root",
            key="double_root_at_rho",
            case="k = rho",
        ),
        certified(
            V.lt(PEAK, 0),
            _on(above_rho()),
            "even at its peak the all-Y profit is negative: no break-even rate",
            key="no_rate_above_rho",
            case="k > rho",
        ),
    ]


def _k4_check(pt: CheckPoint) -> list[Step]:
    at_rho = check_point(AT_RHO)  # rho = 4: the point check there includes k = rho
    return [
        *_k4_boundary_check(),
        *_k4_point_check(at_rho),
        *applicable(_k4_point_check, pt, "the check at the given parameters"),
    ]


def _k4_boundary_check() -> list[Step]:
    """At k = rho = 4 exactly: omega*(k) is the double root W_m = 2 (exact), no rate at k = 5, no game at k = 4."""
    p = AT_RHO
    at, beyond = p.omega_star(k=4), p.omega_star(k=5, on_infeasible="nan")
    try:
        CompanyGame.at(p, 4)
        no_game = False
    except ValueError:
        no_game = True
    return [
        Step(
            "at an exact point with k = rho (four companies, rho = 4): the free-entry rate is the double root, "
            "the monopoly rate, exactly; one company more has no rate, and at the double root there is no game",
            "exact arithmetic (kernel at a float-exact point)",
            at == p.monopoly_rate == 2.0 and math.isnan(beyond) and no_game,
            detail=f"omega*(4) = {at!r}, W_m = {p.monopoly_rate!r}, "
            + ("omega*(5): none (no break-even rate)" if math.isnan(beyond) else f"omega*(5) = {beyond!r}"),
        ),
        within_free_entry_rate(
            "and below it, three companies: the kernel is within 1e-12 of the derived rate",
            p.omega_star(k=3),
            p,
            3,
        ),
    ]


def _k4_point_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    rho = closed_forms.rho(n, F, alpha, beta, c, c_A) if F > 0 else None
    steps = []
    near = set() if rho is None or rho > 10**6 else {math.floor(rho), math.floor(rho) + 1}
    for k in sorted(set(KS) | (near - {0, 1})):  # and k = rho itself where rho is a whole number
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
    title="The free-entry rate with k companies, derived, exists exactly while free entry can support them",
    statement=Statement(
        _BEYOND,
        "Free entry drives the all-Y profit ",
        ALL_Y,
        " to zero at the lower root ",
        V.eq(W_K, LOWER_ROOT_4K),
        " (derived by solving it: ",
        V.eq(V.at(ALL_Y, V.omega, W_K), 0),
        "). With ",
        V.eq(V.rho, RHO),
        " and ",
        V.eq(V.n / V.n_min_k(V.k), V.rho / V.k),
        ", the rate exists where ",
        V.lt(V.k, V.rho),
        ", is the double root ",
        V.eq(W_K, V.W_m),
        " at ",
        V.eq(V.k, V.rho),
        ", and does not exist where ",
        V.gt(V.k, V.rho),
        ": the all-Y profit peaks at the monopoly rate, ",
        V.eq(ALL_Y, ALL_Y_PEAKS),
        ", and there ",
        V.lt(PEAK, 0),
        " ",
        proved_by(("solves_zero_profit", "double_root_at_rho"), ("no_rate_above_rho",)),
        ". Free entry can support at most rho companies.",
    ),
    hypotheses=lambda: _on(below_rho()).conditions,
    cases=lambda: {"k = rho": _on(at_rho()).conditions, "k > rho": _on(above_rho()).conditions},
    proof=_k4_proof,
    check=_k4_check,
    key_expressions=lambda: {"rho": sp.latex(MK.rho())},
)


# ============================================================================ K5
def _k5_proof() -> list[Step]:
    region = _on(below_rho())
    return [
        certified(
            V.eq(V.M(W_K), V.k * V.F / V.n),
            region,
            "the seeing profit at free entry",
            key="profit_at_free_entry",
        ),
        certified(
            V.eq(MARGIN, V.F / V.n * (V.k**2 - V.rho)),
            region,
            "against all others on N at the monopoly rate",
            key="margin_k_squared_rho",
        ),
        certified(
            V.gt(MARGIN, 0),
            _on(k_squared_above_rho()),
            "Y strictly dominates",
            key="strictly_dominant_above_sqrt_rho",
            case="k^2 > rho",
        ),
        certified(
            V.eq(MARGIN, 0),
            _on(k_squared_at_rho()),
            "Y only weakly dominant: all-Y and all-N are both equilibria",
            key="weak_at_k_squared_equals_rho",
            case="k^2 = rho",
        ),
        certified(
            V.lt(MARGIN, 0),
            _on(k_squared_below_rho()),
            "N does better against all-N: no dominant strategy",
            key="not_dominant_below_sqrt_rho",
            case="k^2 < rho",
        ),
    ]


def _k5_boundary_check() -> list[Step]:
    """At k^2 = rho = 9 exactly (three companies): Y weakly dominant, equilibria all-Y and all-N; k = 2, 4 either side."""
    p = AT_SQRT_RHO
    expected = {2: "no dominant strategy", 3: "Y weakly dominant", 4: "Y strictly dominant"}
    games = {k: CompanyGame.at(p, k) for k in expected}
    return [
        Step(
            "at an exact point with k^2 = rho (three companies, rho = 9): Y only weakly dominant, the pure "
            "equilibria are all-N and all-Y; with two companies no dominant strategy, with four a strict one",
            "exact arithmetic (model-free anonymous game)",
            all(g.classify() == expected[k] for k, g in games.items())
            and games[3].pure_equilibria_Y() == (0, 3)
            and games[3].dominance().weakly_dominant == "Y"
            and games[3].dominance().strictly_dominant is None,
            detail="; ".join(f"k = {k}: {g.classify()}" for k, g in games.items()),
        )
    ]


def _k5_check(pt: CheckPoint) -> list[Step]:
    at_sqrt_rho = check_point(AT_SQRT_RHO)  # rho = 9: the point check there includes k^2 = rho
    return [
        *_k5_boundary_check(),
        *_k5_point_check(at_sqrt_rho),
        *applicable(_k5_point_check, pt, "the check at the given parameters"),
    ]


def _k5_point_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    if F == 0:
        raise NotApplicable("F = 0: omega*(k) = c_A / c for every k and M(omega*) = 0 (N weakly dominant)")
    rho = closed_forms.rho(n, F, alpha, beta, c, c_A)
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
    title="At free entry, seeing customers dominates hiding at the monopoly rate once companies outnumber the square root of rho",
    statement=Statement(
        _BEYOND,
        "At free entry ",
        V.eq(V.M(W_K), V.k * V.F / V.n),
        ", and against hiding at the monopoly rate ",
        V.eq(MARGIN, V.F / V.n * (V.k**2 - V.rho)),
        ". So at ",
        W_K,
        " and ",
        V.W_m,
        ", Y strictly dominates N iff ",
        V.gt(V.k**2, V.rho),
        " ",
        proved_by(
            ("strictly_dominant_above_sqrt_rho",),
            ("weak_at_k_squared_equals_rho", "not_dominant_below_sqrt_rho"),
        ),
        ": at ",
        V.eq(V.k**2, V.rho),
        ", ",
        V.eq(MARGIN, 0),
        " and Y is only weakly dominant, all-Y and all-N both equilibria; where ",
        V.lt(V.k**2, V.rho),
        ", ",
        V.lt(MARGIN, 0),
        ". Once there are more than the square root of rho companies, seeing customers is dominant even "
        "against hiding at the monopoly rate, and free entry allows up to rho of them. For two companies this "
        "is finding R1.",
    ),
    hypotheses=lambda: _on(below_rho()).conditions,
    cases=lambda: {
        "k^2 > rho": _on(k_squared_above_rho()).conditions,
        "k^2 = rho": _on(k_squared_at_rho()).conditions,
        "k^2 < rho": _on(k_squared_below_rho()).conditions,
    },
    proof=_k5_proof,
    check=_k5_check,
)

ENTRY_CLAIMS: tuple[Claim, ...] = (K4, K5)
