r"""Findings: what the computation shows beyond the paper's text (R1, R2).

* **R1**: at the free-entry rate, seeing customers dominates hiding at the
  monopoly rate only in thin markets, ``n < 2 n_min``.
* **R2**: on the dominance boundary the game is degenerate, with exactly two
  isolated equilibria.
"""

from __future__ import annotations

import math
from fractions import Fraction
from functools import cache

import mpmath
import sympy as sp

from .. import model as M
from ..game import ClusterGame
from ..kernels.closed_forms import demand_at_cost
from ..kernels.exact import sign
from ..parameters import Parameters
from . import formulas as V
from . import precise
from .claims import CheckPoint, Claim, NotApplicable, applicable, certified, free_entry_rate
from .degenerate import R2, symmetric_2x2_equilibria
from .parametrisations import double_root, everywhere, feasible_trade, free_entry, thin_market
from .report import Step
from .statements import Statement, proved_by

__all__ = ["FINDINGS", "R1", "R2", "symmetric_2x2_equilibria"]

W_STAR = V.omega_star
#: Y against N when the other plays N, at omega* and a hiding rate.
AGAINST_N_AT = {
    "W_m": V.pi_YN(W_STAR) - V.pi_NN(V.W_m),
    "W": V.pi_YN(W_STAR) - V.pi_NN(V.W),
    "W_1": V.pi_YN(W_STAR) - V.pi_NN(V.W_1),
    "W_2": V.pi_YN(W_STAR) - V.pi_NN(V.W_2),
}
AGAINST_Y_AT_STAR = V.pi_YY(W_STAR) - V.pi_NY
MONOPOLY_RATE = V.K / (2 * V.beta * V.c)
MARGIN_AT_MONOPOLY_RATE = V.F * (2 - V.n / V.n_min)
MARGIN_ANY_W = V.n / 2 * (4 * V.F / V.n - V.M(V.W))
LARGEST_HIDING_PROFIT = V.G**2 / (4 * V.beta) * (1 - 2 * V.n_min / V.n)
#: The ends of the hiding interval, as printed (each certified equal to the model's roots with 4k = 16).
W_1_CLOSED = (V.K - V.sqrt(V.G**2 - 16 * V.beta * V.F / V.n)) / (2 * V.beta * V.c)
W_2_CLOSED = (V.K + V.sqrt(V.G**2 - 16 * V.beta * V.F / V.n)) / (2 * V.beta * V.c)
INTERVAL_FACTORED = -V.beta * V.c**2 * (V.W - V.W_1) * (V.W - V.W_2)
FLAT_AT_MONOPOLY_RATE = V.at(V.d(V.M(V.W), V.W), V.W, V.W_m)


def _r1_proof() -> list[Step]:
    region = free_entry()
    margin = AGAINST_N_AT["W_m"]
    return [
        certified(V.eq(V.W_m, MONOPOLY_RATE), everywhere(), key="monopoly_rate_closed_form"),
        certified(
            V.eq(FLAT_AT_MONOPOLY_RATE, 0),
            feasible_trade(),
            "the monopoly rate maximises the hiding profit",
            key="monopoly_rate_maximises",
        ),
        certified(
            V.eq(margin, MARGIN_AT_MONOPOLY_RATE),
            region,
            "the margin against N at the monopoly rate",
            key="margin_at_monopoly_rate",
        ),
        certified(V.gt(AGAINST_Y_AT_STAR, 0), region, "Y beats N against Y", key="beats_Y"),
        certified(
            V.gt(margin, 0),
            thin_market(),
            "Y strictly dominates in thin markets",
            key="dominant_below_twice_n_min",
            case="n < 2 n_min",
        ),
        certified(
            V.eq(margin, 0),
            double_root(4),
            "the tie: Y only weakly dominant",
            key="tie_at_twice_n_min",
            case="n = 2 n_min",
        ),
        certified(
            V.lt(margin, 0),
            free_entry(4),
            "N does better against N: a coordination game",
            key="not_dominant_above_twice_n_min",
            case="n > 2 n_min",
        ),
        *_r1_interval_proof(),
    ]


def _hiding_interval() -> tuple[sp.Expr, sp.Expr]:
    r"""The ends :math:`W_{1,2} = (K \mp \sqrt{G^2 - 16\beta F/n})/(2\beta c)`: where :math:`M(W) = 4F/n = 2M(\omega^*)`."""
    return V.to_sympy(V.W_1), V.to_sympy(V.W_2)


@cache
def _hiding_interval_fn():
    """W_1 and W_2 as mpmath functions of (n, F, alpha, beta, c, c_A)."""
    return [sp.lambdify(M.PARAMETERS, w, modules="mpmath") for w in _hiding_interval()]


def _r1_interval_proof() -> list[Step]:
    r"""For every W: Y fails to dominate at omega* iff M(W) >= 2 M(omega*) = 4F/n, i.e. W in [W_1, W_2].

    M(W) is a concave quadratic with maximum G^2/(4 beta) at W_m; it reaches 4F/n iff
    G^2 >= 16 beta F / n, i.e. n >= 2 n_min, and then exactly on the closed interval
    between its two roots, which lie above omega* (M is increasing up to W_m and
    M(W_1) = 4F/n > 2F/n = M(omega*)).
    """
    wide = free_entry(4)  # n > 16 beta F / G^2 = 2 n_min, F > 0
    case = "n > 2 n_min"
    return [
        certified(
            V.eq(AGAINST_N_AT["W"], MARGIN_ANY_W),
            free_entry(),
            "for any hiding rate: Y dominates iff the hiding profit is below twice the seeing profit",
            key="margin_any_W",
        ),
        certified(
            V.eq(V.M(V.W_m) - 4 * V.F / V.n, LARGEST_HIDING_PROFIT),
            feasible_trade(),
            "the largest hiding profit against the tie",
            key="largest_hiding_profit",
        ),
        certified(V.eq(V.W_1, W_1_CLOSED), wide, key="W1_closed_form", case=case),
        certified(V.eq(V.W_2, W_2_CLOSED), wide, key="W2_closed_form", case=case),
        certified(V.eq(V.M(V.W_1), 4 * V.F / V.n), wide, key="W1_end", case=case),
        certified(V.eq(V.M(V.W_2), 4 * V.F / V.n), wide, key="W2_end", case=case),
        certified(
            V.eq(V.M(V.W) - 4 * V.F / V.n, INTERVAL_FACTORED),
            wide,
            "not negative exactly on the closed interval",
            key="interval_factored",
            case=case,
        ),
        certified(V.gt(V.W_2, V.W_1), wide, "the interval is not empty", key="interval_nonempty", case=case),
        certified(
            V.gt(V.W_m, V.W_1),
            wide,
            "its lower end is on the rising side of the hiding profit, so above omega*",
            key="interval_above_omega_star",
            case=case,
        ),
        certified(
            V.eq(AGAINST_N_AT["W_1"], 0),
            wide,
            "Y only weakly dominant at the lower end",
            key="weak_at_W1",
            case=case,
        ),
        certified(
            V.eq(AGAINST_N_AT["W_2"], 0),
            wide,
            "Y only weakly dominant at the upper end",
            key="weak_at_W2",
            case=case,
        ),
    ]


#: Exact points (every input a float exactly): W_1 = 2 and W_2 = 8 (G = K = 10, G^2 - 16 beta F/n = 36),
#: and n = 2 n_min (G = 8, G^2 = 16 beta F/n).
AT_W_ENDS = Parameters(n=1, F=4, alpha=11, beta=1, c=1, c_A=0)
AT_TWICE_N_MIN = Parameters(n=1, F=4, alpha=9, beta=1, c=1, c_A=0)


def _r1_check(pt: CheckPoint) -> list[Step]:
    from .example import check_point

    return [
        *_r1_boundary_check(),
        *_r1_point_check(check_point(AT_TWICE_N_MIN)),  # the closed form's tie, exactly
        *_r1_point_check(check_point(AT_W_ENDS)),
        *applicable(_r1_point_check, pt, "the check at the given parameters"),
    ]


def _r1_boundary_check() -> list[Step]:
    """At W = W_1, W_2 and at n = 2 n_min exactly: Y only weakly dominant, equilibria (Y, Y) and (N, N)."""
    expected = {
        1.5: "Y strictly dominant",
        2.0: "Y weakly dominant",
        5.0: "no dominant strategy",
        8.0: "Y weakly dominant",
        8.5: "Y strictly dominant",
    }
    games = {W: ClusterGame(AT_W_ENDS, math.nan, W, omega_is_free_entry=True) for W in expected}
    ends = [games[2.0].equilibria(), games[8.0].equilibria()]
    tie = ClusterGame.at(AT_TWICE_N_MIN)
    return [
        Step(
            "at an exact point with W_1 = 2 and W_2 = 8 (n=1, F=4, alpha=11, beta=1, c=1, c_A=0): at both ends "
            "Y is only weakly dominant, with exactly the equilibria (Y, Y) and (N, N); strictly dominant "
            "outside, not dominant inside",
            "exact arithmetic",
            all(g.classify() == expected[W] for W, g in games.items())
            and all(
                e.finite and set(e.pure) == {("Y", "Y"), ("N", "N")} and len(e.extreme) == 2 for e in ends
            ),
            detail="; ".join(f"W = {W:g}: {g.classify()}" for W, g in games.items()),
        ),
        Step(
            "at an exact point with n = 2 n_min (n=1, F=4, alpha=9, beta=1, c=1, c_A=0), at the monopoly rate: "
            "Y only weakly dominant",
            "exact arithmetic",
            tie.classify() == "Y weakly dominant",
            detail=tie.classify(),
        ),
    ]


def _r1_point_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    G = demand_at_cost(alpha, beta, c, c_A)
    if n * G * G == 8 * beta * F:
        raise NotApplicable("n = n_min: the monopoly rate W_m equals omega*, so there is no game")
    game = ClusterGame.at(p)  # omega* and W_m, both exact
    label = game.classify()
    tie = sign(16 * beta * F - n * G * G)  # sign of 2 n_min - n, exactly
    expected = {1: "Y strictly dominant", 0: "Y weakly dominant", -1: "no dominant strategy"}[tie]
    if F == 0:
        expected = "N weakly dominant"  # a = F = 0: Y never does strictly better against Y
    eq = game.equilibria()
    return [
        *_r1_interval_check(p),
        Step(
            "classification at (omega*, W_m) matches n vs 2 n_min (both exact)",
            "exact arithmetic",
            label == expected,
            detail=f"n = {p.n:.6g}, 2 n_min = {2 * p.n_min():.6g}: {label}",
        ),
        Step(
            "the equilibria at (omega*, W_m): unique exactly when Y strictly dominates",
            f"exact 2x2 analysis ({eq.method.split('; ')[-1]})",
            eq.unique == (label == "Y strictly dominant"),
            detail=str(eq),
        ),
    ]


def _r1_interval_check(p: Parameters) -> list[Step]:
    """At the check point: Y fails to dominate exactly between W_1 and W_2 (games just inside and outside)."""
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    G = demand_at_cost(alpha, beta, c, c_A)
    if F == 0:
        return []
    if n * G * G <= 16 * beta * F:
        return [
            Step(
                "n <= 2 n_min here: no interval, Y dominates for every W > omega* (checked at W_m)",
                "exact arithmetic",
                True,
            )
        ]
    # W_1 = (K - sqrt(.)) / (2 beta c) cancels at extreme magnitudes (a fixed 30 digits gave noise):
    # evaluated at rising precision until it is resolved
    ends = _hiding_interval_fn()
    values = [mpmath.mpf(v) for v in p.as_dict().values()]
    W1, W2 = (float(v) for v in precise.resolved(lambda: [f(*values) for f in ends], "W_1 and W_2"))
    width = W2 - W1
    if width <= 1e-8 * W1:  # the probes 1e-6 of the width inside would be within float rounding of W_1
        raise NotApplicable(
            f"[W_1, W_2] is too narrow for float probes here (width {width / W1:.2g} of W_1; n is within "
            "a hair of 2 n_min)"
        )
    probes = (
        (W1 * (1 - 1e-9), False),
        (W1 + 1e-6 * width, True),
        ((W1 + W2) / 2, True),
        (W2 - 1e-6 * width, True),
        (W2 * (1 + 1e-9), False),
    )
    labels = []
    for W, inside in probes:
        try:
            label = ClusterGame(p, math.nan, W, omega_is_free_entry=True).classify()
        except ValueError:  # W at or below omega*, or above the demand's end: not a game
            continue
        labels.append((W, inside, label))
    if not any(inside for _, inside, _ in labels):
        raise NotApplicable("no hiding rate inside [W_1, W_2] makes a game at these magnitudes")
    outside = [x for x in labels if not x[1]]
    return [
        Step(
            f"W_1 = {W1:.10g}, W_2 = {W2:.10g}: Y strictly dominates just outside [W_1, W_2] and not inside"
            + ("" if outside else " (just outside is no game here: only the inside is checked)"),
            "exact arithmetic",
            all((label == "Y strictly dominant") == (not inside) for _, inside, label in labels),
            detail="; ".join(f"W = {W:.10g}: {label}" for W, _, label in labels),
        )
    ]


R1 = Claim(
    id="R1",
    kind="finding",
    title="At the free-entry rate, seeing customers dominates hiding at the monopoly rate only in thin markets",
    statement=Statement(
        "If a company that hides its factories charges the monopoly rate ",
        V.eq(V.W_m, MONOPOLY_RATE),
        " (",
        V.eq(FLAT_AT_MONOPOLY_RATE, 0),
        "), then at the free-entry rate, where ",
        V.gt(AGAINST_Y_AT_STAR, 0),
        " and ",
        V.eq(AGAINST_N_AT["W_m"], MARGIN_AT_MONOPOLY_RATE),
        ", Y strictly dominates N iff ",
        V.lt(V.n, 2 * V.n_min),
        " ",
        proved_by(("dominant_below_twice_n_min",), ("tie_at_twice_n_min", "not_dominant_above_twice_n_min")),
        ": at ",
        V.eq(V.n, 2 * V.n_min),
        " it is only weakly dominant, and where ",
        V.gt(V.n, 2 * V.n_min),
        " the game is a coordination game with equilibria (Y, Y), (N, N) and a mixed one. More generally, "
        "at the free-entry rate ",
        V.eq(AGAINST_N_AT["W"], MARGIN_ANY_W),
        ", and ",
        V.eq(V.M(V.W_m) - 4 * V.F / V.n, LARGEST_HIDING_PROFIT),
        ": where ",
        V.lt(V.n, 2 * V.n_min),
        " Y strictly dominates at every hiding rate; where ",
        V.gt(V.n, 2 * V.n_min),
        " it fails exactly on the closed interval from ",
        V.eq(V.W_1, W_1_CLOSED),
        " to ",
        V.eq(V.W_2, W_2_CLOSED),
        ", as ",
        V.eq(V.M(V.W) - 4 * V.F / V.n, INTERVAL_FACTORED),
        ", and at its ends Y is only weakly dominant (",
        V.eq(AGAINST_N_AT["W_1"], 0),
        ", ",
        V.eq(AGAINST_N_AT["W_2"], 0),
        "). Proposition 1 therefore needs its hypothesis on the hiding rate.",
    ),
    hypotheses=lambda: free_entry().hypotheses,
    cases=lambda: {
        "n < 2 n_min": thin_market().hypotheses,
        "n = 2 n_min": double_root(4).hypotheses,
        "n > 2 n_min": free_entry(4).hypotheses,
    },
    proof=_r1_proof,
    check=_r1_check,
    key_expressions=lambda: {"W_m": sp.latex(M.monopoly_rate())},
)


FINDINGS: tuple[Claim, ...] = (R1, R2)
