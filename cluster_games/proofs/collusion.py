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

from .. import model as M
from .. import model_k as MK
from ..companies import CompanyGame
from ..domain import SUPPORTED_RANGE
from .claims import CheckPoint, Claim, NotApplicable, certified, free_entry_rate
from .companies import KS
from .parametrisations import Region, at_least_two, free_entry, others_at_most, rates
from .report import Step

__all__ = ["K6", "K7", "COLLUSION_CLAIMS"]

_BEYOND = "Beyond the paper (SPEC section 4). "


def _region() -> Region:
    """Trade feasible at omega, W > omega, and a company facing y of its k - 1 competitors on Y."""
    return rates().refine(others_at_most(MK.y))


def _kreg() -> Region:
    return rates().refine(at_least_two())


_M_W = sp.Symbol("M_W", positive=True)  # M(W) as a quantity of its own


def _k6_proof() -> list[Step]:
    seeing, hiding = M.category_profit(M.omega), M.category_profit(M.W)
    derived = MK.collusion_threshold()
    stated = (M.k * seeing - hiding) / ((M.k - 1) * seeing)
    kreg = _kreg()
    minmax = MK.stage_payoff_Y(MK.y) - MK.stage_payoff_Y(
        M.k - 1
    )  # Y against y others on Y, minus the all-Y payoff
    return [
        certified(
            derived - stated,
            "zero",
            kreg,
            "from the discounted streams: delta_c = (k M(w) - M(W)) / ((k - 1) M(w))",
            key="threshold_derived",
        ),
        certified(
            MK.collusion_gain() - (M.k - 1) * M.n * seeing / M.k * (MK.delta - stated),
            "zero",
            kreg,
            "colluding beats the best deviation by (k - 1)(n/k) M(w) (delta - delta_c): sustainable iff delta >= delta_c",
            key="gain_from_colluding",
        ),
        certified(
            minmax,
            "nonnegative",
            _region(),
            "whatever the others play, Y earns at least the all-Y payoff: it is each company's minmax, so "
            "Nash reversion is the harshest punishment and delta_c the exact threshold",
            key="minmax",
            case="any profile of the others",
        ),
        certified(  # in M(W) itself (dividing by dM(W)/dW would be 0/0 at W = W_m)
            sp.diff(stated.subs(hiding, _M_W), _M_W),
            "negative",
            kreg,
            "delta_c falls as M(W) rises: d delta_c / d M(W) = -1/((k - 1) M(w)) < 0, so W_m is the easiest collusion",
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
    steps = []
    for k in KS:
        try:
            g = CompanyGame(pt.params, k, pt.omega, pt.W)
        except ValueError:
            continue
        threshold = g.collusion_threshold()
        if threshold is None:
            raise NotApplicable("M(omega) = 0 at the check point: the threshold is not defined")
        inside = [d for d in (threshold - Fraction(1, 10**6), threshold + Fraction(1, 10**6)) if 0 < d < 1]
        agree = all((c >= v) == (d >= threshold) for d in inside for c, v in [_streams(g, d)])
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
    title="Collusion on hiding is sustainable iff delta >= delta_c = (k M(omega) - M(W)) / ((k - 1) M(omega))",
    statement=_BEYOND
    + "In the infinitely repeated game, all companies hiding at W every period, with any deviation punished "
    "by all-Y forever, is subgame perfect iff delta >= delta_c. The all-Y payoff is each company's minmax "
    "payoff, so no punishment is harsher and delta_c is the exact threshold for sustaining all-N at W; "
    "delta_c <= 0 means all-N is already a stage equilibrium; delta_c falls as M(W) rises.",
    hypotheses=lambda: _kreg().hypotheses,
    cases=lambda: {"any profile of the others": _region().hypotheses},
    proof=_k6_proof,
    check=_k6_check,
    key_expressions=lambda: {"delta_c": sp.latex(MK.collusion_threshold())},
)


_RHO = sp.Symbol("rho", positive=True)  # rho as a quantity of its own: delta_c's dependence on k at fixed rho


def _in_k() -> Region:
    """2 <= k <= rho, with rho abstract: rho = k + r, k = 2 + e."""
    r, e = sp.Symbol("r", nonnegative=True), sp.Symbol("e", nonnegative=True)
    return Region.from_steps(
        "2 <= k <= rho",
        (sp.GreaterThan(M.k, 2, evaluate=False), sp.GreaterThan(_RHO, M.k, evaluate=False)),
        [(_RHO, M.k + r), (M.k, 2 + e)],
        (r, e),
        {r: _RHO - M.k, e: M.k - 2},
    )


def _free_entry_threshold() -> sp.Expr:
    return MK.collusion_threshold(M.k, MK.omega_star_k(), M.monopoly_rate())


def _k7_proof() -> list[Step]:
    region = free_entry(M.k)
    dc = _free_entry_threshold()
    closed = 1 - (_RHO - M.k) / (M.k * (M.k - 1))
    in_k = _in_k()
    return [
        certified(
            dc - closed.subs(_RHO, MK.rho()),
            "zero",
            region,
            "at (omega*(k), W_m): delta_c = 1 - (rho - k)/(k (k - 1))",
            key="free_entry_threshold",
        ),
        certified(
            sp.diff(closed, M.k),
            "positive",
            in_k,
            "delta_c rises with k on 2 <= k <= rho",
            key="rises_with_k",
            case="2 <= k <= rho",
        ),
        certified(
            closed.subs(M.k, _RHO) - 1,
            "zero",
            in_k,
            "and reaches 1 at k = rho: no collusion once entry has run its course",
            key="one_at_rho",
            case="2 <= k <= rho",
        ),
        certified(
            sp.diff(closed.subs(_RHO, MK.rho()), M.n),
            "negative",
            region.refine(at_least_two()),
            "delta_c falls as n rises: more specialisation makes collusion on hiding easier (a tension with Proposition 3)",
            key="falls_with_n",
        ),
    ]


def _k7_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    if F == 0:
        raise NotApplicable("F = 0: M(omega*) = 0 and delta_c is not defined")
    rho = n * (alpha - beta * (c + c_A)) ** 2 / (4 * beta * F)
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
    title="At free entry, delta_c = 1 - (rho - k)/(k(k - 1)): rising in k to 1 at k = rho, falling in n",
    statement=_BEYOND
    + "At the free-entry rate omega*(k) and the monopoly hiding rate W_m, the collusion threshold is "
    "1 - (n/n_min(k) - 1)/(k - 1) = 1 - (rho - k)/(k(k - 1)). It rises with the number of companies and "
    "reaches 1 at k = rho (no collusion is sustainable when entry has run its course), and it falls as n "
    "rises: the specialisation that lowers omega* (Proposition 3) also makes collusion on hiding easier.",
    hypotheses=lambda: free_entry(M.k).refine(at_least_two()).hypotheses,
    cases=lambda: {"2 <= k <= rho": _in_k().hypotheses},
    proof=_k7_proof,
    check=_k7_check,
    key_expressions=lambda: {"delta_c(omega*(k), W_m)": r"1 - \frac{\rho - k}{k(k-1)}"},
)

COLLUSION_CLAIMS: tuple[Claim, ...] = (K6, K7)
