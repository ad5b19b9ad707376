r"""Errata of the paper, each established by a computation (the errata of the model).

* **E1**: the printed closed form
  :math:`(G + \sqrt{G^2 - 4\beta((\alpha - \beta c) c_A + 2F/n)}) / (2\beta c)`
  does not solve :math:`\pi_{YY} = 0` and *rises* with :math:`n`; with
  :math:`c_A = 0` it is the upper root, so the paper took the wrong root.
* **E2**: the printed zero-profit equation
  :math:`\tfrac12 n (\omega - c_A - c_A)[\alpha - \beta (1 - \omega) c_A] - F = 0`
  is not :math:`\pi_{YY} = 0`, and changes its solution when the currency unit changes.
* **E3**: the printed dominance condition :math:`W - \omega < \omega - c_A`
  subtracts a cost from a rate: its truth value depends on the currency unit.
  In consistent units it reads :math:`(W - \omega) c < \omega c - c_A`, which is
  sufficient but not necessary for dominance.

A change of currency unit by a factor :math:`\lambda` maps
:math:`c \to \lambda c`, :math:`c_A \to \lambda c_A`, :math:`F \to \lambda F`,
:math:`\beta \to \beta / \lambda` (demand :math:`Q = \alpha - \beta p` is in
units of goods) and leaves rates such as :math:`\omega` unchanged. A correct
statement about rates must be invariant under it.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import sympy as sp

from .. import model as M
from ..kernels.free_entry import omega_star
from ..parameters import PARAMETER_NAMES
from . import formulas as V
from . import precise
from .claims import (
    CheckPoint,
    Claim,
    NotApplicable,
    certified,
    free_entry_rate,
    symbolic_sign,
)
from .example import EXAMPLE
from .parametrisations import equal, everywhere, free_entry, paper_sufficient
from .propositions import OMEGA_STAR
from .regions import exact_not_implies_sufficient, paper_printed_condition, paper_sufficient_condition
from .report import Step
from .statements import Statement

__all__ = ["ERRATA", "E1", "E2", "E3", "currency_change"]

currency_change = V.currency_change

#: The paper's printed formulas, quoted (each certified equal to the model's transcription).
PRINTED_RADICAND = V.G**2 - 4 * V.beta * ((V.alpha - V.beta * V.c) * V.c_A + 2 * V.F / V.n)
PRINTED_ROOT = (V.G + V.sqrt(PRINTED_RADICAND)) / (2 * V.beta * V.c)
PRINTED_ZERO_PROFIT = V.n / 2 * (V.omega - V.c_A - V.c_A) * (V.alpha - V.beta * (1 - V.omega) * V.c_A) - V.F
CORRECT_ZERO_PROFIT = V.n / 2 * (V.omega * V.c - V.c_A) * (V.alpha - V.beta * (1 + V.omega) * V.c) - V.F
#: The printed condition compares these two: a rate and a rate minus a cost.
PRINTED_LEFT, PRINTED_RIGHT = V.W - V.omega, V.omega - V.c_A
CORRECTED = V.lt(V.c * (V.W - V.omega), V.m(V.omega))


def _example_subs(omega=None, **changes) -> dict:
    values = {**EXAMPLE.as_dict(), **changes}
    subs = {getattr(M, k): sp.Rational(Fraction(v)) for k, v in values.items()}
    if omega is not None:
        subs[M.omega] = omega
    return subs


# ============================================================================ E1
def _e1_proof() -> list[Step]:
    printed = M.omega_star_paper()
    pi_YY = M.payoff_matrix_A()[0, 0]
    at_example = sp.N(pi_YY.subs(M.omega, printed).subs(_example_subs()), 30)
    c_A_zero = equal(M.c_A).refine(free_entry())
    return [
        certified(
            V.eq(V.omega_star_printed, PRINTED_ROOT), everywhere(), "as printed", key="printed_closed_form"
        ),
        Step(
            f"the printed formula does not zero the all-Y profit: {V.pi_YY(V.omega_star_printed)} is not 0 "
            "at the worked example",
            "exact arithmetic",
            abs(at_example) > 1,
            latex=f"\\pi_{{YY}} = {sp.latex(sp.N(at_example, 6))}",
            detail=f"pi_YY(printed) = {sp.N(at_example, 8)} at n=10, F=1, alpha=100, beta=1, c=10, c_A=1",
        ),
        certified(
            V.gt(V.d(V.omega_star_printed, V.n) * V.sqrt(PRINTED_RADICAND), 0),
            free_entry(),
            "the printed formula rises with n wherever it is real",
            key="printed_rises",
        ),
        certified(
            V.eq(V.omega_star_printed, V.omega_up),
            c_A_zero,
            "the paper took the wrong root",
            key="printed_is_upper_root",
            case="c_A = 0",
        ),
        certified(V.eq(V.omega_star, OMEGA_STAR), free_entry(), "the correct rate", key="correct_rate"),
    ]


def _e1_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    if p.F == 0:
        raise NotApplicable("F = 0: neither the printed formula nor omega* depends on n")
    printed_fn = sp.lambdify(M.PARAMETERS, M.omega_star_paper(), modules="mpmath")

    def printed(n: float):
        values = {**p.as_dict(), "n": n}  # 10 n may leave the supported range: no Parameters here
        return printed_fn(*(mpmath.mpf(values[k]) for k in PARAMETER_NAMES))

    def moves():
        vals = [printed(n) for n in (p.n, 10 * p.n)]
        stars = [precise.omega_star(p, n=n) for n in (p.n, 10 * p.n)]
        if any(mpmath.im(v) != 0 for v in vals):
            return (mpmath.mpf(0), mpmath.mpf(0))
        return (mpmath.re(vals[1]) - mpmath.re(vals[0]), stars[1] - stars[0])

    with mpmath.workdps(30):
        radicands_real = all(mpmath.im(printed(n)) == 0 for n in (p.n, 10 * p.n))
    if not radicands_real:
        return [
            Step(
                "the printed formula is not even real at these parameters",
                "exact arithmetic",
                True,
                detail="negative radicand at n or 10 n",
            )
        ]
    printed_move, star_move = precise.resolved(moves, "printed formula and omega* at n and 10 n")
    return [
        Step(
            "from n to 10 n the printed formula rises while omega* falls (adaptive precision)",
            "exact arithmetic",
            printed_move > 0 > star_move,
            detail=f"printed: {mpmath.nstr(printed_move, 4)}; omega*: {mpmath.nstr(star_move, 4)}",
        )
    ]


E1 = Claim(
    id="E1",
    kind="erratum",
    title="The printed closed form for omega* is the wrong root",
    statement=Statement(
        "The paper's ",
        V.eq(V.omega_star_printed, PRINTED_ROOT),
        " does not zero the all-Y profit (see the worked example) and rises with n, ",
        V.gt(V.d(V.omega_star_printed, V.n) * V.sqrt(PRINTED_RADICAND), 0),
        "; at ",
        V.eq(V.c_A, 0),
        " it is the upper root, ",
        V.eq(V.omega_star_printed, V.omega_up),
        ". The correct rate is the lower root, ",
        V.eq(V.omega_star, OMEGA_STAR),
        ".",
    ),
    hypotheses=lambda: free_entry().hypotheses,
    cases=lambda: {"c_A = 0": equal(M.c_A).refine(free_entry()).hypotheses},
    proof=_e1_proof,
    check=_e1_check,
    key_expressions=lambda: {
        "printed": sp.latex(M.omega_star_paper()),
        "correct": sp.latex(M.omega_star_expr()),
    },
)


# ============================================================================ E2
def _e2_proof() -> list[Step]:
    printed = M.zero_profit_paper()
    correct = M.zero_profit_equation().lhs
    w = omega_star(**EXAMPLE.as_dict())
    diff_at = sp.N((printed - correct).subs(_example_subs(omega=sp.Rational(Fraction(w)))), 20)
    scale_region = everywhere()
    printed_scaled = sp.N(
        (currency_change(printed, 100) - 100 * printed).subs(_example_subs(omega=sp.Rational(1, 5))), 20
    )
    return [
        certified(
            V.eq(V.name("zero_profit_printed"), PRINTED_ZERO_PROFIT),
            scale_region,
            "as printed",
            key="printed_closed_form",
        ),
        certified(
            V.eq(V.zero_profit(V.omega), CORRECT_ZERO_PROFIT),
            scale_region,
            "the correct zero-profit condition",
            key="correct_closed_form",
        ),
        certified(
            V.eq(V.zero_profit(V.omega), V.pi_YY(V.omega)),
            scale_region,
            "it is the all-Y profit",
            key="correct_is_pi_YY",
        ),
        Step(
            "the printed left side differs from pi_YY: at the example and omega = omega* it is not 0",
            "exact arithmetic",
            diff_at != 0,
            detail=f"printed - pi_YY = {diff_at}",
        ),
        certified(
            V.eq(V.unit(V.zero_profit(V.omega)), V.lam * V.zero_profit(V.omega)),
            scale_region,
            "it scales with the currency unit, so its root omega* does not depend on it",
            key="pi_YY_scales",
        ),
        Step(
            "the printed expression does not scale: (omega - c_A - c_A) subtracts costs from a rate",
            "exact arithmetic",
            printed_scaled != 0,
            detail=f"printed(money in 1/100 units) - 100 printed = {printed_scaled} at omega = 0.2",
        ),
    ]


def _e2_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    subs = {getattr(M, k): sp.Rational(Fraction(v)) for k, v in p.as_dict().items()}
    printed = sp.Poly(M.zero_profit_paper().subs(subs), M.omega)
    correct = sp.Poly(M.zero_profit_equation().lhs.subs(subs), M.omega)
    steps = [
        Step(
            "at these parameters the printed left side and pi_YY are different polynomials in omega",
            "exact arithmetic",
            printed != correct,
            detail=f"leading coefficients {printed.LC()} (printed) and {correct.LC()} (pi_YY)",
        )
    ]
    at_star = CheckPoint(p, free_entry_rate(p), pt.W, omega_is_free_entry=True)
    value = symbolic_sign(M.zero_profit_paper(), at_star)
    steps.append(
        Step(
            "omega* is not a root of the printed equation (its left side at omega*, exactly)",
            "exact arithmetic" if value else "n/a",
            True if value else None,
            detail=f"sign of the printed left side at omega*: {value:+d}"
            if value
            else "at these parameters omega* happens to solve the printed equation too (e.g. F = c_A = 0, "
            "omega* = 0); the two equations still differ as functions of omega",
        )
    )
    return steps


E2 = Claim(
    id="E2",
    kind="erratum",
    title="The printed zero-profit equation is garbled",
    statement=Statement(
        "The printed ",
        V.eq(V.name("zero_profit_printed"), PRINTED_ZERO_PROFIT),
        " is not the free-entry condition, which is ",
        V.eq(V.zero_profit(V.omega), CORRECT_ZERO_PROFIT),
        " set to zero: ",
        V.eq(V.zero_profit(V.omega), V.pi_YY(V.omega)),
        ", and ",
        V.eq(V.unit(V.zero_profit(V.omega)), V.lam * V.zero_profit(V.omega)),
        " (it does not depend on the money unit), while the printed one does.",
    ),
    hypotheses=lambda: (),
    proof=_e2_proof,
    check=_e2_check,
    key_expressions=lambda: {
        "printed": sp.latex(M.zero_profit_paper()),
        "correct": sp.latex(M.zero_profit_equation().lhs),
    },
)


# ============================================================================ E3
_CORRECTED_GAP = CORRECTED.rhs - CORRECTED.lhs
_PRINTED_GAP = PRINTED_RIGHT - PRINTED_LEFT


def _e3_proof() -> list[Step]:
    printed = paper_printed_condition()
    region = everywhere()
    point = {M.omega: sp.Rational(1, 5), M.W: sp.Rational(1, 4)}
    yuan = bool(printed.subs(point).subs(_example_subs()))
    hundreds = bool(currency_change(printed, sp.Rational(1, 100)).subs(point).subs(_example_subs()))
    witness = exact_not_implies_sufficient()
    from ..kernels.closed_forms import dominance_margins

    margins = dominance_margins(*(witness[k] for k in ("n", "alpha", "beta", "c", "c_A", "omega", "W")))
    witness_ok = (
        min(margins) > 0
        and not (witness["W"] - witness["omega"]) * witness["c"]
        < witness["omega"] * witness["c"] - witness["c_A"]
    )
    return [
        certified(
            V.eq(V.unit(_CORRECTED_GAP), V.lam * _CORRECTED_GAP),
            region,
            "the corrected condition: both sides scale with the currency unit",
            key="corrected_scales",
        ),
        certified(
            V.eq(V.unit(_PRINTED_GAP) - _PRINTED_GAP, V.c_A * (1 - V.lam)),
            region,
            "the printed condition moves with the currency unit unless there is no trading cost",
            key="printed_moves_with_unit",
        ),
        certified(
            V.gt(V.pi_YN(V.omega) - V.pi_NN(V.W), 0),
            paper_sufficient(),
            "the corrected condition is sufficient for Y to beat N against N (Proposition 1)",
            key="corrected_is_sufficient",
            case="corrected condition",
        ),
        Step(
            "the printed W - omega < omega - c_A changes truth value with the currency unit",
            "exact arithmetic",
            yuan != hundreds,
            detail=f"omega=0.2, W=0.25, c=10, c_A=1: {yuan} in yuan, {hundreds} in hundreds of yuan",
        ),
        Step(
            "the corrected condition is sufficient (P1) but not necessary: a point where Y strictly dominates while it fails",
            "exact arithmetic",
            witness_ok,
            detail=", ".join(f"{k}={float(v):g}" for k, v in witness.items()),
        ),
    ]


def _e3_check(pt: CheckPoint) -> list[Step]:
    g = pt.game()
    printed = (Fraction(pt.W) - Fraction(pt.omega)) < Fraction(pt.omega) - Fraction(pt.params.c_A)
    corrected = g.paper_condition()
    label = g.classify()
    return [
        Step(
            "at the check point: the corrected condition implies the exact dominance result",
            "exact arithmetic",
            (not corrected) or label == "Y strictly dominant",
            detail=f"printed: {printed}; corrected: {corrected}; exact: {label}",
        )
    ]


E3 = Claim(
    id="E3",
    kind="erratum",
    title="The dominance condition mixes a rate with a cost",
    statement=Statement(
        "The printed condition compares ",
        PRINTED_LEFT,
        " with ",
        PRINTED_RIGHT,
        ", a rate with a rate minus a cost, and depends on the currency unit: ",
        V.eq(V.unit(_PRINTED_GAP) - _PRINTED_GAP, V.c_A * (1 - V.lam)),
        ". Read it as ",
        CORRECTED,
        ", which does not (",
        V.eq(V.unit(_CORRECTED_GAP), V.lam * _CORRECTED_GAP),
        "): a sufficient, not necessary, condition for Y to dominate.",
    ),
    hypotheses=lambda: (),
    cases=lambda: {"corrected condition": paper_sufficient().hypotheses},
    proof=_e3_proof,
    check=_e3_check,
    key_expressions=lambda: {
        "printed": sp.latex(paper_printed_condition()),
        "corrected": sp.latex(paper_sufficient_condition()),
    },
)

ERRATA: tuple[Claim, ...] = (E1, E2, E3)
