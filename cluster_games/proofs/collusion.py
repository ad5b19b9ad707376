r"""Beyond the paper: collusion on hiding in the infinitely repeated game (SPEC section 4.2), claims K6-K7.

The k companies play the stage game every period with discount factor :math:`\delta`;
collusion is all-N at :math:`W`, punished by all-Y forever. The threshold
:math:`\delta_c` is *derived* from the discounted payoff streams
(:func:`cluster_games.model_k.collusion_threshold`), and the numeric checks compare it
with the streams themselves.

>>> from cluster_games.proofs.example import check_point
>>> K6.run(check_point()).status
'proved'
"""

from __future__ import annotations

import itertools
import math
from fractions import Fraction

import sympy as sp

from .. import model_k as MK
from ..companies import CompanyGame
from ..domain import SUPPORTED_RANGE
from ..kernels import closed_forms
from ..parameters import Parameters
from . import formulas as V
from .claims import CheckPoint, Claim, NotApplicable, applicable, certified, free_entry_rate
from .companies import KS
from .entry import AT_RHO, W_K
from .parametrisations import Region, at_least_two, everywhere, others_at_most, rates
from .parametrisations_k import at_most_rho, at_rho, below_rho, discount_factor
from .report import Step
from .statements import Statement, proved_by

__all__ = ["K6", "K7", "COLLUSION_CLAIMS", "DYADIC"]

_BEYOND = "Beyond the paper (SPEC section 4). "

#: The collusion gain as printed (colluding minus the best deviation, per period), and its threshold.
GAIN = V.pi_N_all - ((1 - V.delta) * V.pi_Y(0) + V.delta * V.pi_Y(V.k - 1))
GAIN_FACTORED = (V.k - 1) * V.n / V.k * V.M(V.omega) * (V.delta - V.delta_c)
THRESHOLD = (V.k * V.M(V.omega) - V.M(V.W)) / ((V.k - 1) * V.M(V.omega))
THRESHOLD_IN_HIDING_PROFIT = (V.k * V.M(V.omega) - V.M_W) / ((V.k - 1) * V.M(V.omega))
MINMAX = V.pi_Y(V.y) - V.pi_Y(V.k - 1)

#: Exact points where delta_c is a float exactly (dyadic): n=2, F=1, alpha=8, beta=1, c=1, c_A=0, omega = 1
#: (M = 6), W = 5/2 (M = 45/4): delta_c = 1/8 for two companies and 9/16 for three.
DYADIC = (
    Parameters(n=2, F=1, alpha=8, beta=1, c=1, c_A=0),
    1.0,
    2.5,
    {2: Fraction(1, 8), 3: Fraction(9, 16)},
)


def _region() -> Region:
    """Trade feasible at omega, W > omega, and a company facing y of its k - 1 competitors on Y."""
    return rates().refine(others_at_most(MK.y))


def _kreg() -> Region:
    return rates().refine(at_least_two())


def _k6_proof() -> list[Step]:
    kreg = _kreg()
    return [
        certified(
            V.eq(V.gain, GAIN),
            everywhere(),
            "colluding minus the best deviation, per period",
            key="gain_closed_form",
        ),
        certified(
            V.eq(V.delta_c, THRESHOLD), kreg, "derived from the discounted streams", key="threshold_derived"
        ),
        certified(V.eq(V.gain, GAIN_FACTORED), kreg, key="gain_from_colluding"),
        certified(
            V.gt(V.gain, 0),
            discount_factor(">"),
            "colluding beats deviating",
            key="sustainable_above_threshold",
            case="delta > delta_c",
        ),
        certified(
            V.eq(V.gain, 0),
            discount_factor("="),
            "colluding is exactly as good as deviating: still subgame perfect",
            key="sustainable_at_threshold",
            case="delta = delta_c",
        ),
        certified(
            V.lt(V.gain, 0),
            discount_factor("<"),
            "deviating pays",
            key="not_sustainable_below_threshold",
            case="delta < delta_c",
        ),
        certified(
            V.ge(MINMAX, 0),
            _region(),
            "whatever the others play, Y earns at least the all-Y payoff: it is each company's minmax, so "
            "Nash reversion is the harshest punishment and the threshold is exact",
            key="minmax",
            case="any profile of the others",
        ),
        certified(  # in M(W) itself (dividing by dM(W)/dW would be 0/0 at W = W_m)
            V.lt(V.d(THRESHOLD_IN_HIDING_PROFIT, V.M_W), 0),
            kreg,
            "the threshold falls as the hiding profit rises, so the monopoly rate is the easiest collusion",
            key="threshold_falls_with_hiding_profit",
        ),
    ]


def _streams(g: CompanyGame, delta: Fraction) -> tuple[Fraction, Fraction]:
    """Discounted values of colluding forever and of the best one-shot deviation then all-Y forever."""
    ys, ns = g.payoff_Y(), g.payoff_N()
    collude = ns[0] / (1 - delta)  # all N: everyone earns n M(W)/k - F every period
    deviate = ys[0] + delta * ys[g.k - 1] / (1 - delta)  # Y against all N once, then all Y
    return collude, deviate


def _k6_check(pt: CheckPoint) -> list[Step]:
    params, omega, W, _ = DYADIC  # the point check there runs at delta = delta_c exactly, a float
    return [
        *_k6_boundary_check(),
        *_k6_point_check(CheckPoint(params, omega, W)),
        *applicable(_k6_point_check, pt, "the check at the given parameters"),
    ]


def _k6_boundary_check() -> list[Step]:
    """At delta = delta_c exactly (dyadic points): sustainable, the two streams equal; a hair below, not."""
    params, omega, W, thresholds = DYADIC
    steps = []
    for k, expected in thresholds.items():
        g = CompanyGame(params, k, omega, W)
        threshold = g.collusion_threshold()
        hair = Fraction(1, 2**40)
        collude, deviate = _streams(g, threshold)
        ok = (
            threshold == expected
            and g.collusion_sustainable(float(threshold)) is True
            and g.collusion_sustainable(float(threshold - hair)) is False
            and g.collusion_sustainable(float(threshold + hair)) is True
            and collude == deviate
            and _streams(g, threshold - hair)[0] < _streams(g, threshold - hair)[1]
        )
        steps.append(
            Step(
                f"{k} companies at an exact point: at delta = delta_c = {threshold} collusion is sustainable "
                "(the discounted streams are equal), 2^-40 below it is not",
                "exact geometric sums (CompanyGame at dyadic rates)",
                ok,
                detail=f"n=2, F=1, alpha=8, beta=1, c=1, c_A=0, omega=1, W=2.5: delta_c = {threshold}",
            )
        )
    return steps


def _k6_point_check(pt: CheckPoint) -> list[Step]:
    steps = []
    for k in KS:
        try:
            g = CompanyGame(pt.params, k, pt.omega, pt.W)
        except ValueError:
            continue
        threshold = g.collusion_threshold()
        if threshold is None:
            raise NotApplicable("M(omega) = 0 at the check point: the threshold is not defined")
        inside = [
            d
            for d in (threshold - Fraction(1, 10**6), threshold, threshold + Fraction(1, 10**6))
            if 0 < d < 1
        ]
        agree = all(
            (c >= v) == (d >= threshold) == g.collusion_sustainable(d)
            for d in inside
            for c, v in [_streams(g, d)]
        )
        if not inside:  # outside (0, 1): check the verdict at a few discount factors
            inside = [Fraction(1, 10), Fraction(1, 2), Fraction(9, 10)]
            agree = all((c >= v) == (d >= threshold) for d in inside for c, v in [_streams(g, d)])
        # and the truncated float sums of the streams, 1100 periods, at a clearly decided delta
        d = Fraction(1, 2)
        all_N, alone_Y, all_Y = float(g.payoff_N()[0]), float(g.payoff_Y()[0]), float(g.payoff_Y()[k - 1])
        c_sum = math.fsum(all_N * 0.5**t for t in range(1100))
        v_sum = alone_Y + math.fsum(all_Y * 0.5**t for t in range(1, 1100))
        floats = (c_sum >= v_sum) == (d >= threshold) or abs(c_sum - v_sum) < 1e-9 * (abs(c_sum) + abs(v_sum))
        steps.append(
            Step(
                f"k = {k}: delta_c = {float(threshold):.6g} separates sustainable from not, by the discounted streams",
                "exact geometric sums; float sums over 1100 periods (0.5^1100 underflows)",
                agree and floats,
                detail=f"at delta = {[float(x) for x in inside]}",
            )
        )
    if not steps:
        raise NotApplicable("no k makes a game at the check point's rates")
    return steps


K6 = Claim(
    id="K6",
    kind="extension",
    title="Collusion on hiding is sustainable exactly from a threshold discount factor on",
    statement=Statement(
        _BEYOND,
        "In the infinitely repeated game, all companies hide every period and any deviation is punished by "
        "all-Y forever. Per period, colluding beats the best deviation by ",
        V.eq(V.gain, GAIN),
        ", and ",
        V.eq(V.gain, GAIN_FACTORED),
        " with ",
        V.eq(V.delta_c, THRESHOLD),
        ". So collusion is subgame perfect where ",
        V.gt(V.delta, V.delta_c),
        " and at ",
        V.eq(V.delta, V.delta_c),
        " (colluding is then exactly as good as deviating), and not where ",
        V.lt(V.delta, V.delta_c),
        " ",
        proved_by(
            ("sustainable_above_threshold", "sustainable_at_threshold"), ("not_sustainable_below_threshold",)
        ),
        ". The all-Y payoff is each company's minmax payoff, ",
        V.ge(MINMAX, 0),
        ", so no punishment is harsher and delta_c is the exact threshold for sustaining all-N; where "
        "delta_c is not positive, all-N is already a stage equilibrium; and ",
        V.lt(V.d(THRESHOLD_IN_HIDING_PROFIT, V.M_W), 0),
        ": the threshold falls as the hiding profit rises.",
    ),
    hypotheses=lambda: _kreg().conditions,
    cases=lambda: {
        "delta > delta_c": discount_factor(">").conditions,
        "delta = delta_c": discount_factor("=").conditions,
        "delta < delta_c": discount_factor("<").conditions,
        "any profile of the others": _region().conditions,
    },
    proof=_k6_proof,
    check=_k6_check,
    key_expressions=lambda: {"delta_c": sp.latex(MK.collusion_threshold())},
)


# ============================================================================ K7
AT_FREE_ENTRY = V.delta_c_at(W_K, V.W_m)
CLOSED = 1 - (V.rho - V.k) / (V.k * (V.k - 1))
VIA_N_MIN = 1 - (V.n / V.n_min_k(V.k) - 1) / (V.k - 1)


def _k7_proof() -> list[Step]:
    region = below_rho().refine(at_least_two())
    return [
        certified(V.eq(AT_FREE_ENTRY, VIA_N_MIN), region, key="threshold_via_n_min"),
        certified(V.eq(AT_FREE_ENTRY, CLOSED), region, key="free_entry_threshold"),
        certified(
            V.gt(V.d(CLOSED, V.k), 0),
            at_most_rho().refine(at_least_two()),
            "it rises with the number of companies",
            key="rises_with_k",
            case="k <= rho",
        ),
        certified(
            V.eq(AT_FREE_ENTRY, 1),
            at_rho().refine(at_least_two()),
            "no collusion once entry has run its course",
            key="one_at_rho",
            case="k = rho",
        ),
        certified(
            V.lt(V.d(CLOSED, V.n), 0),
            region,
            "more specialisation makes collusion on hiding easier (a tension with Proposition 3)",
            key="falls_with_n",
        ),
    ]


def _k7_boundary_check() -> list[Step]:
    """At k = rho = 4 exactly: delta_c(omega*(k), W_m) = 1 from the kernel's rate (the double root) and M."""
    p = AT_RHO
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())

    def M_(r: Fraction) -> Fraction:
        return (r * c - c_A) * (alpha - beta * (1 + r) * c)

    k, rho = 4, closed_forms.rho(n, F, alpha, beta, c, c_A)
    seeing, hiding = M_(Fraction(p.omega_star(k=k))), M_(Fraction(p.monopoly_rate))
    at_rho_value = (k * seeing - hiding) / ((k - 1) * seeing)
    below = CompanyGame.at(p, 3).collusion_threshold()
    return [
        Step(
            "at an exact point with k = rho (four companies, rho = 4): the threshold at the kernel's rate is 1, "
            "as the closed form says; with three companies it is the closed form's value",
            "exact arithmetic (kernel at a float-exact point)",
            rho == k
            and at_rho_value == 1 == 1 - (rho - k) / (k * (k - 1))
            and below == 1 - (rho - 3) / (3 * 2),
            detail=f"delta_c = {at_rho_value} at k = 4, {below} at k = 3",
        )
    ]


def _k7_check(pt: CheckPoint) -> list[Step]:
    return [*_k7_boundary_check(), *applicable(_k7_point_check, pt, "the check at the given parameters")]


def _k7_point_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    if F == 0:
        raise NotApplicable("F = 0: M(omega*) = 0 and delta_c is not defined")
    rho = closed_forms.rho(n, F, alpha, beta, c, c_A)
    ks = [k for k in (2, 3, 4, 5, 8, 12, 50, 200) if k < rho]
    if len(ks) < 2:
        raise NotApplicable(f"rho = {float(rho):.3g}: fewer than two k admit a game at (omega*(k), W_m)")
    values = [CompanyGame.at(p, k).collusion_threshold() for k in ks]
    closed = [1 - (rho - k) / (k * (k - 1)) for k in ks]
    # n doubled (or halved where doubling leaves the supported range): delta_c must fall (rise)
    factor = 2.0 if 2 * p.n <= SUPPORTED_RANGE[1] else 0.5
    moved = [CompanyGame.at(p.replace(n=factor * p.n), k).collusion_threshold() for k in ks]
    return [
        Step(
            "delta_c at (omega*(k), W_m) equals 1 - (rho - k)/(k(k - 1)) (exact)",
            "exact arithmetic",
            values == closed,
            detail=f"k = {ks}",
        ),
        Step(
            "delta_c rises with k",
            "exact arithmetic",
            all(a < b for a, b in itertools.pairwise(values)),
            detail=", ".join(f"{float(v):.4g}" for v in values),
        ),
        Step(
            f"delta_c {'falls' if factor > 1 else 'rises'} when n is multiplied by {factor:g}",
            "exact arithmetic",
            all((b < a) if factor > 1 else (b > a) for a, b in zip(values, moved, strict=True)),
        ),
    ]


K7 = Claim(
    id="K7",
    kind="extension",
    title="At free entry the collusion threshold rises with the number of companies to one and falls in n",
    statement=Statement(
        _BEYOND,
        "At the free-entry rate and the monopoly hiding rate the collusion threshold is ",
        V.eq(AT_FREE_ENTRY, VIA_N_MIN),
        ", that is ",
        V.eq(AT_FREE_ENTRY, CLOSED),
        ". It rises with the number of companies, ",
        V.gt(V.d(CLOSED, V.k), 0),
        " where ",
        V.le(V.k, V.rho),
        ", and reaches ",
        V.eq(AT_FREE_ENTRY, 1),
        " at ",
        V.eq(V.k, V.rho),
        " (no collusion is sustainable when entry has run its course); and it falls as n rises, ",
        V.lt(V.d(CLOSED, V.n), 0),
        ": the specialisation that lowers omega* (Proposition 3) also makes collusion on hiding easier.",
    ),
    hypotheses=lambda: below_rho().refine(at_least_two()).conditions,
    cases=lambda: {
        "k <= rho": at_most_rho().refine(at_least_two()).conditions,
        "k = rho": at_rho().refine(at_least_two()).conditions,
    },
    proof=_k7_proof,
    check=_k7_check,
    key_expressions=lambda: {"delta_c(omega*(k), W_m)": sp.latex(V.to_sympy(CLOSED))},
)

COLLUSION_CLAIMS: tuple[Claim, ...] = (K6, K7)
