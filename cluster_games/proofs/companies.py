r"""Beyond the paper: the stage game with k trading companies (SPEC section 4.1), as claims K1-K3.

Every payoff is taken from :mod:`cluster_games.model_k` (itself built on
:mod:`cluster_games.model`); the certificates hold for a *symbolic* number of companies
:math:`k` and a symbolic number :math:`y` of other companies playing Y. The numeric
checks build the game at the check point for several k with
:class:`~cluster_games.companies.CompanyGame`, whose analysis runs in the model-free
:class:`~cluster_games.games.anonymous.AnonymousGame`: an independent route to the same
answers.

>>> from cluster_games.proofs.example import check_point
>>> K1.run(check_point()).status
'proved'
"""

from __future__ import annotations

import math
from fractions import Fraction

import sympy as sp

from .. import model as M
from .. import model_k as MK
from ..companies import CompanyGame
from ..games.roots import sign_changes
from . import formulas as V
from .claims import CheckPoint, Claim, NotApplicable, certified
from .parametrisations import Region, at_least_two, everywhere, rates
from .parametrisations_k import all_N_stable
from .report import Step
from .statements import Statement, proved_by

__all__ = ["K1", "K2", "K3", "COMPANY_CLAIMS", "KS"]

#: Numbers of companies the numeric checks use.
KS = (2, 3, 5, 12)
_BEYOND = "Beyond the paper (SPEC section 4). "

#: The stage payoffs as printed (each certified equal to the model's, cluster_games.model_k).
PAYOFF_Y = V.n * V.M(V.omega) / (V.y + 1) - V.F
PAYOFF_N = -V.F
PAYOFF_ALL_N = V.n * V.M(V.W) / V.k - V.F
JOIN = V.pi_Y(V.y + 1) - V.pi_N  # Y against a profile with another Y company (y + 1 >= 1 of them)
LEAVE_ALL_N = V.pi_Y(0) - V.pi_N_all  # Y against all others on N
LEAVE_ALL_N_CLOSED = V.n / V.k * (V.k * V.M(V.omega) - V.M(V.W))
STAY_ALL_Y = V.pi_N - V.pi_Y(V.k - 1)  # leaving all-Y for N


def _k_region() -> Region:
    """Trade feasible at omega, W > omega, and k >= 2 companies (k = 2 + e), k integer."""
    return rates().refine(at_least_two())


def _games(pt: CheckPoint) -> list[CompanyGame]:
    """The k-company game at the check point's rates, for each k of :data:`KS` that makes a game."""
    out = []
    for k in KS:
        try:
            out.append(CompanyGame(pt.params, k, pt.omega, pt.W, omega_is_free_entry=False))
        except ValueError:
            continue
    if not out:
        raise NotApplicable("the check point's rates make no game")
    return out


#: An exact point on the boundary M(W) = k M(omega) for k = 2: n=2, F=1, alpha=8, beta=1, c=1, c_A=0,
#: omega = 1 (M = 6), W = 3 (M = 12): every input a float exactly.
BOUNDARY = {"params": (2.0, 1.0, 8.0, 1.0, 1.0, 0.0), "omega": 1.0, "W": 3.0, "k": 2}


def _boundary_game() -> CompanyGame:
    from ..parameters import Parameters

    return CompanyGame(Parameters(*BOUNDARY["params"]), BOUNDARY["k"], BOUNDARY["omega"], BOUNDARY["W"])


# ============================================================================ K1
def _k1_proof() -> list[Step]:
    region = _k_region()
    return [
        certified(
            V.eq(V.pi_Y(V.y), PAYOFF_Y), everywhere(), "a Y company facing y others on Y", key="payoff_Y"
        ),
        certified(
            V.eq(V.pi_N, PAYOFF_N), everywhere(), "an N company when some company plays Y", key="payoff_N"
        ),
        certified(
            V.eq(V.pi_N_all, PAYOFF_ALL_N), everywhere(), "each company when all hide", key="payoff_all_N"
        ),
        certified(
            V.gt(JOIN, 0), region, "against any profile with another Y company", key="beats_N_when_some_Y"
        ),
        certified(
            V.eq(LEAVE_ALL_N, LEAVE_ALL_N_CLOSED),
            region,
            "against all others on N: its sign is the sign of the bracket, both ways",
            key="margin_all_N",
        ),
    ]


def _payoffs_match_the_model(g: CompanyGame) -> bool:
    """The game's exact payoffs equal :mod:`cluster_games.model_k`'s, evaluated exactly at its point."""
    subs = {getattr(M, name): sp.Rational(Fraction(v)) for name, v in g.params.as_dict().items()}
    subs |= {M.omega: sp.Rational(Fraction(g.omega)), M.W: sp.Rational(Fraction(g.W)), M.k: g.k}
    symbolic_Y = [MK.stage_payoff_Y(y).subs(subs) for y in range(g.k)]
    symbolic_N = [MK.stage_payoff_all_N().subs(subs)] + [MK.stage_payoff_N_some_Y().subs(subs)] * (g.k - 1)
    numeric = [sp.Rational(v.numerator, v.denominator) for v in (*g.payoff_Y(), *g.payoff_N())]
    return all(sp.simplify(a - b) == 0 for a, b in zip(numeric, symbolic_Y + symbolic_N, strict=True))


def _k1_check(pt: CheckPoint) -> list[Step]:
    edge = _boundary_game()
    steps = [
        Step(
            "on the boundary, exactly: Y only weakly dominant, for the closed form and the anonymous game",
            "exact arithmetic (model-free anonymous game)",
            edge.classify() == "Y weakly dominant"
            and edge.dominance().strictly_dominant is None
            and edge.dominance().weakly_dominant == "Y",
            detail=f"{edge.classify()} at n=2, F=1, alpha=8, beta=1, c=1, c_A=0, omega=1, W=3, two companies",
        ),
        Step(
            "the k-company game's payoffs are the symbolic model's (cluster_games.model_k), for k = "
            + ", ".join(str(g.k) for g in _games(pt)),
            "exact arithmetic (CompanyGame vs sympy)",
            all(_payoffs_match_the_model(g) for g in _games(pt)),
        ),
    ]
    for g in [*_games(pt), edge]:
        seeing, hiding = g.exact_profits()
        closed = seeing > 0 and g.k * seeing > hiding
        anonymous = g.dominance().strictly_dominant == "Y"
        steps.append(
            Step(
                f"k = {g.k}: Y strictly dominant in the anonymous game iff M(w) > 0 and k M(w) > M(W)",
                "exact arithmetic (model-free anonymous game)",
                anonymous == closed,
                detail=f"{g.classify()}; k M(w) - M(W) = {float(g.k * seeing - hiding):.6g}",
            )
        )
    return steps


K1 = Claim(
    id="K1",
    kind="extension",
    title="With k companies, seeing customers strictly dominates exactly when hiding profit is small enough",
    statement=Statement(
        _BEYOND,
        "A Y company facing y other Y companies earns ",
        V.eq(V.pi_Y(V.y), PAYOFF_Y),
        "; an N company earns ",
        V.eq(V.pi_N, PAYOFF_N),
        " if some company plays Y and ",
        V.eq(V.pi_N_all, PAYOFF_ALL_N),
        " if none does. Against any profile with another Y company ",
        V.gt(JOIN, 0),
        "; against all others on N ",
        V.eq(LEAVE_ALL_N, LEAVE_ALL_N_CLOSED),
        ". So Y strictly dominates iff ",
        V.k * V.M(V.omega) - V.M(V.W),
        " is positive ",
        proved_by(("margin_all_N",), ("margin_all_N",)),
        "; for two companies this is the paper's exact condition of Proposition 1.",
    ),
    hypotheses=lambda: _k_region().conditions,
    proof=_k1_proof,
    check=_k1_check,
)


# ============================================================================ K2
def _k2_proof() -> list[Step]:
    region = _k_region()
    return [
        certified(
            V.lt(STAY_ALL_Y, 0), region, "all-Y is an equilibrium: leaving it loses", key="all_Y_stable"
        ),
        certified(
            V.gt(JOIN, 0),
            region,
            "no profile with some but not all companies on Y is one: an N company gains by joining",
            key="joining_Y_pays",
        ),
        certified(
            V.eq(LEAVE_ALL_N, LEAVE_ALL_N_CLOSED),
            region,
            "leaving all-N pays exactly when the bracket is positive",
            key="all_N_condition",
        ),
        certified(
            V.lt(LEAVE_ALL_N, 0),
            all_N_stable(">"),
            "all-N is a strict equilibrium",
            key="all_N_stable_above",
            case="M(W) > k M(omega)",
        ),
        certified(
            V.eq(LEAVE_ALL_N, 0),
            all_N_stable("="),
            "all-N is an equilibrium, leaving it neither gains nor loses",
            key="all_N_stable_at_boundary",
            case="M(W) = k M(omega)",
        ),
    ]


def _k2_check(pt: CheckPoint) -> list[Step]:
    steps = []
    for g in [*_games(pt), _boundary_game()]:
        seeing, hiding = g.exact_profits()
        closed = (0, g.k) if hiding >= g.k * seeing else (g.k,)
        got = g.pure_equilibria_Y()
        steps.append(
            Step(
                f"k = {g.k}: pure equilibria (numbers of Y companies) of the anonymous game match the closed form",
                "exact arithmetic (model-free anonymous game)",
                got == closed if seeing > 0 else True,
                detail=f"{got} vs {closed}",
            )
        )
    return steps


K2 = Claim(
    id="K2",
    kind="extension",
    title="Pure equilibria with k companies: all-Y always, all-N exactly when hiding pays enough, nothing in between",
    statement=Statement(
        _BEYOND,
        "With feasible trade, all companies playing Y is always an equilibrium, ",
        V.lt(STAY_ALL_Y, 0),
        "; no profile with some but not all companies on Y is one, ",
        V.gt(JOIN, 0),
        "; and all playing N is one iff leaving it does not pay, ",
        V.eq(LEAVE_ALL_N, LEAVE_ALL_N_CLOSED),
        ": where ",
        V.gt(V.M(V.W), V.k * V.M(V.omega)),
        " or ",
        V.eq(V.M(V.W), V.k * V.M(V.omega)),
        " ",
        proved_by(("all_N_stable_above", "all_N_stable_at_boundary"), ("all_N_condition",)),
        ".",
    ),
    hypotheses=lambda: _k_region().conditions,
    cases=lambda: {
        "M(W) > k M(omega)": all_N_stable(">").conditions,
        "M(W) = k M(omega)": all_N_stable("=").conditions,
    },
    proof=_k2_proof,
    check=_k2_check,
)


# ============================================================================ K3
#: The indifference condition times k p / n, and p times the polynomial in s = 1 - p (z = s^(k-1)).
INDIFFERENCE = (V.E_Y - V.E_N) * V.k * V.p / V.n
POLYNOMIAL = V.M(V.omega) * (1 - V.z) / (1 - V.s) + (V.M(V.omega) - V.M(V.W)) * V.z
FIRST_TIMES_LAST = V.M(V.omega) * (V.M(V.omega) - V.M(V.W))
AT_0_TIMES_AT_1 = V.M(V.omega) * ((V.k - 1) * V.M(V.omega) + V.M(V.omega) - V.M(V.W))


def _k3_proof() -> list[Step]:
    j, kk = sp.symbols("j k", positive=True, integer=True)
    binomial_ok = (
        sp.simplify(sp.combsimp(sp.binomial(kk - 1, j) / (j + 1) - sp.binomial(kk, j + 1) / kk)) == 0
    )
    p = MK.p
    explicit = all(
        sp.cancel(
            sum(
                sp.binomial(kk_ - 1, jj) * p**jj * (1 - p) ** (kk_ - 1 - jj) * MK.stage_payoff_Y(jj)
                for jj in range(kk_)
            )
            - MK.expected_payoff_Y(kk_)
        )
        == 0
        for kk_ in range(2, 6)
    )
    both = all_N_stable(">")
    steps = [
        Step(
            "C(k-1, j)/(j+1) = C(k, j+1)/k, so the expected payoff of Y is the model's closed form (binomial theorem)",
            "symbolic identity (sympy combsimp, symbolic k and j)",
            binomial_ok,
        ),
        Step(
            "and explicitly for two to five companies: the binomial expectation of the stage payoffs is that closed form",
            "rational identity (each k)",
            explicit,
        ),
        certified(
            V.eq(INDIFFERENCE, V.p * POLYNOMIAL),
            _k_region(),
            "for every number of companies: the indifference condition is p times the polynomial in s, "
            "its first coefficients all the seeing profit and its last the seeing minus the hiding profit "
            "(a geometric sum)",
            key="indifference_polynomial",
        ),
        certified(
            V.lt(FIRST_TIMES_LAST, 0),
            both,
            "its first and last coefficients have opposite signs: exactly one sign change",
            key="descartes_sign_change",
            case="M(W) > k M(omega)",
        ),
        certified(
            V.lt(AT_0_TIMES_AT_1, 0),
            both,
            "its values at the two pure profiles have opposite signs",
            key="root_in_unit_interval",
            case="M(W) > k M(omega)",
        ),
    ]
    certified_ok = all(s.holds for s in steps[2:])
    steps.append(
        Step(
            "one sign change: the polynomial has exactly one positive root (Descartes' rule of signs, applied to the "
            "certified coefficient signs), and it lies between the pure profiles: exactly one symmetric mixed "
            "equilibrium",
            "theorem (Descartes) on the certified coefficient signs",
            certified_ok,
        )
    )
    return steps


def _descartes_brackets(k: int, seeing: Fraction, hiding: Fraction, q) -> bool:
    """Independent of the root finder: P has one sign change, and changes sign across ``1 - q``.

    ``q`` is the anonymous game's P(Y): a Fraction (then P(1 - q) = 0 exactly) or an
    :class:`~cluster_games.games.roots.IsolatedRoot` (then P(1 - hi) and P(1 - lo) differ in sign).
    """

    def P(x: Fraction) -> Fraction:  # power basis, Horner, exact
        total = seeing - hiding
        for _ in range(k - 1):
            total = total * x + seeing
        return total

    coefficients = [seeing] * (k - 1) + [seeing - hiding]
    one_change = sign_changes(coefficients) == 1
    if isinstance(q, Fraction):
        return one_change and P(1 - q) == 0
    return one_change and (P(1 - q.hi) > 0) != (P(1 - q.lo) > 0) and P(1 - q.hi) != 0 != P(1 - q.lo)


def _k3_check(pt: CheckPoint) -> list[Step]:
    steps = []
    games = [("", g) for g in _games(pt)]
    for k in KS:  # and at the default rates (omega*(k), W_m): a coordination game wherever k^2 < rho
        try:
            games.append((" at (omega*(k), W_m)", CompanyGame.at(pt.params, k)))
        except ValueError:
            continue
    games.append((" on the boundary M(W) = k M(omega), exactly", _boundary_game()))
    for where, g in games:
        seeing, hiding = g.exact_profits()
        interior = [q for q in g.symmetric_equilibria().probabilities if 0 < q < 1]
        if not hiding > g.k * seeing > 0:
            if where and "boundary" not in where:
                continue
            steps.append(
                Step(
                    f"k = {g.k}{where}: M(W) > k M(w) > 0 does not hold here: no mixed equilibrium predicted",
                    "exact arithmetic",
                    not interior,
                )
            )
            continue
        steps.append(
            Step(
                f"k = {g.k}{where}: one interior symmetric equilibrium, P(Y) = 1 - the Descartes root",
                "anonymous game (Bernstein form, certified bracket) vs the Descartes polynomial (exact signs)",
                len(interior) == 1 and _descartes_brackets(g.k, seeing, hiding, interior[0]),
                detail=f"P(Y) = {float(interior[0]) if interior else math.nan:.12g}",
            )
        )
    if not steps:
        raise NotApplicable("no k makes a game at the check point's rates")
    return steps


K3 = Claim(
    id="K3",
    kind="extension",
    title="When both all-Y and all-N are equilibria there is exactly one symmetric mixed equilibrium",
    statement=Statement(
        _BEYOND,
        "Where ",
        V.gt(V.M(V.W), V.k * V.M(V.omega)),
        ", all-Y and all-N are both equilibria and exactly one symmetric mixed equilibrium lies between "
        "them. With each company on Y with probability p, ",
        V.s,
        " the probability of N and ",
        V.z,
        " standing for its power with exponent one less than k, the indifference condition is ",
        V.eq(INDIFFERENCE, V.p * POLYNOMIAL),
        ": p times a polynomial in s whose coefficients are all ",
        V.M(V.omega),
        " but the last, ",
        V.M(V.omega) - V.M(V.W),
        ". Since ",
        V.lt(FIRST_TIMES_LAST, 0),
        " it has one sign change, hence one positive root (Descartes' rule of signs, a theorem applied to the "
        "certified signs), and since ",
        V.lt(AT_0_TIMES_AT_1, 0),
        " that root lies between the pure profiles; for two companies it is the mixed equilibrium of the "
        "paper's game.",
    ),
    hypotheses=lambda: _k_region().conditions,
    cases=lambda: {"M(W) > k M(omega)": all_N_stable(">").conditions},
    proof=_k3_proof,
    check=_k3_check,
)


COMPANY_CLAIMS: tuple[Claim, ...] = (K1, K2, K3)
