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
from .claims import CheckPoint, Claim, NotApplicable, certified
from .parametrisations import Region, at_least_two, rates
from .report import Step

__all__ = ["K1", "K2", "K3", "COMPANY_CLAIMS", "KS"]

#: Numbers of companies the numeric checks use.
KS = (2, 3, 5, 12)
_BEYOND = "Beyond the paper (SPEC section 4). "


def _k_region() -> Region:
    """Trade feasible at omega, W > omega, and k >= 2 companies (k = 2 + e)."""
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


# ============================================================================ K1
def _k1_proof() -> list[Step]:
    region = _k_region()
    vs_some_Y = MK.stage_payoff_Y(MK.y + 1) - MK.stage_payoff_N_some_Y()  # >= 1 other plays Y
    vs_all_N = MK.stage_payoff_Y(0) - MK.stage_payoff_all_N()
    seeing, hiding = M.category_profit(M.omega), M.category_profit(M.W)
    return [
        certified(
            vs_some_Y,
            "positive",
            region,
            "against any profile with another Y company, Y gains n M(w)/(y + 2) > 0",
            key="beats_N_when_some_Y",
        ),
        certified(
            vs_all_N - M.n / M.k * (M.k * seeing - hiding),
            "zero",
            region,
            "against all others N, Y gains (n/k)(k M(w) - M(W)): Y strictly dominates iff k M(w) > M(W)",
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
    steps = [
        Step(
            "the k-company game's payoffs are the symbolic model's (cluster_games.model_k), for k = "
            + ", ".join(str(g.k) for g in _games(pt)),
            "exact arithmetic (CompanyGame vs sympy)",
            all(_payoffs_match_the_model(g) for g in _games(pt)),
        )
    ]
    for g in _games(pt):
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
    title="With k companies, Y strictly dominates N iff k M(omega) > M(W) (and M(omega) > 0)",
    statement=_BEYOND
    + "If y >= 1 other companies play Y, a Y company earns n M(omega)/(y + 1) - F against -F for N; if none "
    "does, Y earns n M(omega) - F against n M(W)/k - F. So Y strictly dominates iff M(omega) > 0 and "
    "k M(omega) > M(W); for k = 2 this is the paper's 2 m(omega) D(omega) > m(W) D(W).",
    hypotheses=lambda: _k_region().hypotheses,
    proof=_k1_proof,
    check=_k1_check,
)


# ============================================================================ K2
def _k2_proof() -> list[Step]:
    region = _k_region()
    stay_all_Y = MK.stage_payoff_N_some_Y() - MK.stage_payoff_Y(M.k - 1)  # a Y company deviating from all-Y
    join = (
        MK.stage_payoff_Y(MK.y + 1) - MK.stage_payoff_N_some_Y()
    )  # an N company facing y + 1 >= 1 Y companies
    leave_all_N = MK.stage_payoff_Y(0) - MK.stage_payoff_all_N()
    seeing, hiding = M.category_profit(M.omega), M.category_profit(M.W)
    return [
        certified(
            stay_all_Y,
            "negative",
            region,
            "all-Y is an equilibrium: leaving it loses n M(w)/k",
            key="all_Y_stable",
        ),
        certified(
            join,
            "positive",
            region,
            "no profile with 1 .. k - 1 Y companies is one: an N company gains by joining Y",
            key="joining_Y_pays",
        ),
        certified(
            leave_all_N - M.n / M.k * (M.k * seeing - hiding),
            "zero",
            region,
            "all-N is an equilibrium iff leaving it does not pay: M(W) >= k M(w)",
            key="all_N_condition",
        ),
    ]


def _k2_check(pt: CheckPoint) -> list[Step]:
    steps = []
    for g in _games(pt):
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
    title="Pure equilibria with k companies: all-Y always, all-N iff M(W) >= k M(omega), nothing in between",
    statement=_BEYOND
    + "With M(omega) > 0, all companies playing Y is always an equilibrium; all playing N is one iff "
    "M(W) >= k M(omega); no profile with some but not all companies on Y is an equilibrium.",
    hypotheses=lambda: _k_region().hypotheses,
    proof=_k2_proof,
    check=_k2_check,
)


# ============================================================================ K3
# Abstract profits M_omega = M(omega) > 0 and M_W = M(W) = k M_omega + h, h > 0 (both equilibria exist).
_MU, _MW, _H = (
    sp.Symbol("M_omega", positive=True),
    sp.Symbol("M_W", positive=True),
    sp.Symbol("h", positive=True),
)


def _k3_region() -> Region:
    """M(omega) > 0 and M(W) > k M(omega), on abstract profits, with k >= 2."""
    profits = Region(
        "abstract_profits",
        (sp.StrictGreaterThan(_MU, 0, evaluate=False), sp.StrictGreaterThan(_MW, M.k * _MU, evaluate=False)),
        {_MW: M.k * _MU + _H},
        (_H,),
        {_H: _MW - M.k * _MU},
    )
    return profits.refine(at_least_two())


_Z = sp.Symbol("z", positive=True)  # stands for s^(k-1), s = 1 - p: the identities hold for every k


def _descartes_polynomial(k: sp.Expr, mu: sp.Expr, hiding: sp.Expr, s: sp.Expr, z: sp.Expr) -> sp.Expr:
    r""":math:`P(s) = \mu(1 + s + \dots + s^{k-2}) + (\mu - M(W)) s^{k-1}` with :math:`z = s^{k-1}`:
    the geometric sum is :math:`(1 - z)/(1 - s)`, so this holds for a symbolic k."""
    return mu * (1 - z) / (1 - s) + (mu - hiding) * z


def _k3_proof() -> list[Step]:
    j, kk = sp.symbols("j k", positive=True, integer=True)
    binomial_ok = (
        sp.simplify(sp.combsimp(sp.binomial(kk - 1, j) / (j + 1) - sp.binomial(kk, j + 1) / kk)) == 0
    )
    p, s, k = MK.p, 1 - MK.p, M.k
    seeing, hiding = M.category_profit(M.omega), M.category_profit(M.W)
    gap = (MK.expected_payoff_Y(k) - MK.expected_payoff_N(k)) * k * p / M.n
    # write (1 - p)^k = (1 - p) z and (1 - p)^(k - 1) = z: a rational identity in p and z for every k
    gap_z = sp.expand(gap).subs({(1 - p) ** k: (1 - p) * _Z, (1 - p) ** (k - 1): _Z})
    identity = sp.cancel(gap_z - p * _descartes_polynomial(k, seeing, hiding, s, _Z)) == 0 and not gap_z.has(
        k
    )
    kreg = _k3_region()
    form = sp.cancel(MK.stage_payoff_Y(MK.y) - (M.n * seeing / (MK.y + 1) - M.F)) == 0
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
    return [
        Step(
            "a Y company facing y other Y companies earns n M(w)/(y + 1) - F (the model's stage payoff)",
            "rational identity (symbolic y)",
            form,
        ),
        Step(
            "C(k-1, j)/(j+1) = C(k, j+1)/k, so E[Y] = n M(w)(1 - (1-p)^k)/(k p) - F (binomial theorem)",
            "symbolic identity (sympy combsimp, symbolic k and j)",
            binomial_ok,
        ),
        Step(
            "and explicitly for k = 2..5: the binomial expectation of the stage payoffs is that closed form",
            "rational identity (each k)",
            explicit,
        ),
        Step(
            "for every k: (E[Y] - E[N]) k p / n = p P(s), s = 1 - p, with "
            "P(s) = M(w)(1 + s + .. + s^(k-2)) + (M(w) - M(W)) s^(k-1) (geometric sum; z = s^(k-1))",
            "rational identity in p and z (symbolic k)",
            identity,
        ),
        certified(
            _MU,
            "positive",
            kreg,
            "P's first k - 1 coefficients, M(w), are positive",
            key="first_coefficients",
        ),
        certified(
            _MU - _MW,
            "negative",
            kreg,
            "its last, M(w) - M(W), is negative: one sign change",
            key="last_coefficient",
        ),
        certified(
            _MU * (M.k - 1) + _MU - _MW,
            "negative",
            kreg,
            "P(1) = (k - 1) M(w) + M(w) - M(W) = k M(w) - M(W) < 0, while P(0) = M(w) > 0",
            key="P_at_1",
        ),
        Step(
            "one sign change: P has exactly one positive root (Descartes' rule of signs), and it lies in (0, 1) "
            "since P(0) > 0 > P(1): exactly one symmetric mixed equilibrium, P(Y) = 1 - s*",
            "theorem (Descartes) on the certified coefficient signs",
            True,
        ),
    ]


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
    for where, g in games:
        seeing, hiding = g.exact_profits()
        interior = [q for q in g.symmetric_equilibria().probabilities if 0 < q < 1]
        if not hiding > g.k * seeing > 0:
            if where:
                continue
            steps.append(
                Step(
                    f"k = {g.k}: M(W) > k M(w) > 0 does not hold here: no mixed equilibrium predicted",
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
    title="If M(W) > k M(omega) > 0 there is exactly one symmetric mixed equilibrium",
    statement=_BEYOND
    + "When all-Y and all-N are both equilibria (M(W) > k M(omega) > 0), exactly one symmetric mixed "
    "equilibrium lies between them: P(Y) = p in (0, 1) with M(omega)(1 - (1 - p)^k) = p (1 - p)^(k-1) M(W), "
    "by the sign change argument (Descartes) on the polynomial in s = 1 - p; for k = 2 it is the mixed "
    "equilibrium of the paper's 2x2 game.",
    hypotheses=lambda: _k3_region().hypotheses,
    proof=_k3_proof,
    check=_k3_check,
)


COMPANY_CLAIMS: tuple[Claim, ...] = (K1, K2, K3)
