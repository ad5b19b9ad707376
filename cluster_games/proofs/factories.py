r"""Propositions 4 and 5 of Dudko and Zhao: the factories' side (section 1.3 of the model).

* **P4**: a factory marketing itself loses below :math:`\bar Q(\omega) = F/(\omega c - c_A)`,
  which falls as :math:`\omega` rises, and :math:`\bar Q(\omega^*) = \tfrac12 n D(\omega^*)`.
* **P5**: the system lowers the entry barrier, :math:`I' - I = c_A Q + F > 0` (F > 0, or F = 0
  with c_A > 0).

>>> from cluster_games.proofs.example import check_point
>>> P5.run(check_point()).status
'proved'
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import sympy as sp

from .. import model as M
from ..kernels.closed_forms import demand, investment_gap
from . import formulas as V
from . import precise
from .claims import CheckPoint, Claim, NotApplicable, certified, compare, free_entry_rate
from .parametrisations import Region, equal, everywhere, free_entry, positive
from .report import Step
from .statements import Statement, proved_by

__all__ = ["P4", "P5"]

PI_ALONE = V.Q * V.m(V.omega) - V.F
PI_FACTORED = V.m(V.omega) * (V.Q - V.Q_bar)
Q_BAR = V.F / V.m(V.omega)


# ============================================================================ P4
def _p4_regions() -> tuple[Region, Region, Region, Region]:
    r"""m(omega) = mu > 0 with F > 0; below the threshold (F = mu (Q + e)); above it (Q = F/mu + e);
    at it (F = mu Q)."""
    mu, e, f = sp.Symbol("mu", positive=True), sp.Symbol("e", positive=True), sp.Symbol("f", positive=True)
    m = M.margin(M.omega)
    margin = [(M.omega, (M.c_A + mu) / M.c)]
    m_positive, F_positive = V.gt(V.m(V.omega), 0), V.gt(V.F, 0)
    positive_margin = Region.from_steps(
        "margin_positive", (m_positive, F_positive), [(M.F, f), *margin], (mu, f), {mu: m, f: M.F}
    )
    below = Region.from_steps(
        "below_Q_bar",
        (m_positive, V.lt(V.Q, V.Q_bar)),
        [(M.F, mu * (M.Q + e)), *margin],
        (mu, e),
        {mu: m, e: M.Q_bar() - M.Q},
    )
    above = Region.from_steps(
        "above_Q_bar",
        (m_positive, F_positive, V.gt(V.Q, V.Q_bar)),
        [(M.Q, M.F / mu + e), (M.F, f), *margin],
        (mu, e, f),
        {mu: m, e: M.Q - M.Q_bar(), f: M.F},
    )
    at = Region.from_steps(
        "at_Q_bar", (m_positive, V.eq(V.Q, V.Q_bar)), [(M.F, mu * M.Q), *margin], (mu,), {mu: m}
    )
    return positive_margin, below, above, at


def _p4_proof() -> list[Step]:
    positive_margin, below, above, at = _p4_regions()
    return [
        certified(
            V.eq(V.pi_alone, PI_ALONE), everywhere(), "a factory marketing itself", key="profit_closed_form"
        ),
        certified(V.eq(V.Q_bar, Q_BAR), positive_margin, "its break-even output", key="Q_bar_closed_form"),
        certified(V.eq(V.pi_alone, PI_FACTORED), positive_margin, key="profit_factored"),
        certified(
            V.lt(V.d(V.Q_bar, V.omega), 0),
            positive_margin,
            "the lower the rate, the more factories need the system",
            key="Q_bar_falls",
        ),
        certified(
            V.lt(V.pi_alone, 0),
            below,
            "the factory cannot market itself",
            key="below_loses",
            case="Q < Q_bar",
        ),
        certified(V.gt(V.pi_alone, 0), above, key="above_gains", case="Q > Q_bar"),
        certified(
            V.eq(V.pi_alone, 0), at, "it just breaks even", key="breaks_even_at_Q_bar", case="Q = Q_bar"
        ),
        certified(
            V.eq(V.Q_bar_at(V.omega_star), V.n * V.D(V.omega_star) / 2),
            free_entry(),
            "alone, a factory must sell a whole trading company's half of the cluster",
            key="Q_bar_at_free_entry",
            case="omega = omega*",
        ),
    ]


def _p4_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    free_entry_rate(p)
    if p.F == 0:
        raise NotApplicable(
            "F = 0: m(omega*) = 0 and pi' = 0 for every output (the proposition assumes F > 0)"
        )

    def threshold():
        w = precise.omega_star(p)
        margin = w * p.c - p.c_A  # cancels at large n: the precision is raised until it is resolved
        qbar = mpmath.mpf(p.F) / margin
        half = p.n * (p.alpha - p.beta * (1 + w) * p.c) / 2
        up = mpmath.mpf(p.F) / (mpmath.mpf(1.5) * w * p.c - p.c_A)
        return qbar, half, qbar / 2 * margin - p.F, 2 * qbar * margin - p.F, up - qbar

    qbar, half, small, large, fall = precise.resolved(threshold, "Q_bar(omega*)")
    return [
        compare("Q_bar(omega*) equals n D(omega*)/2", float(qbar), float(half), 1e-12, "exact arithmetic"),
        Step(
            "a factory at half the threshold loses, at twice it gains",
            "exact arithmetic",
            small < 0 < large,
            detail=f"pi'(Q_bar/2) = {mpmath.nstr(small, 4)}, pi'(2 Q_bar) = {mpmath.nstr(large, 4)}, "
            f"Q_bar = {mpmath.nstr(qbar, 6)}",
        ),
        Step(
            "Q_bar falls as omega rises",
            "exact arithmetic",
            fall < 0,
            detail=f"Q_bar(1.5 omega*) - Q_bar(omega*) = {mpmath.nstr(fall, 4)}",
        ),
    ]


P4 = Claim(
    id="P4",
    kind="proposition",
    title="The system suits clusters of small and medium factories",
    statement=Statement(
        "A factory marketing itself earns ",
        V.eq(V.pi_alone, PI_ALONE),
        ", that is ",
        V.eq(V.pi_alone, PI_FACTORED),
        " with ",
        V.eq(V.Q_bar, Q_BAR),
        ": it loses money iff ",
        V.lt(V.Q, V.Q_bar),
        " (",
        V.lt(V.pi_alone, 0),
        "; at ",
        V.eq(V.Q, V.Q_bar),
        " it breaks even and above it gains) ",
        proved_by(("below_loses",), ("breaks_even_at_Q_bar", "above_gains")),
        ". ",
        V.lt(V.d(V.Q_bar, V.omega), 0),
        ": the lower the rate, the more factories need the system; and ",
        V.eq(V.Q_bar_at(V.omega_star), V.n * V.D(V.omega_star) / 2),
        ".",
    ),
    hypotheses=lambda: _p4_regions()[0].hypotheses,
    cases=lambda: {
        "Q < Q_bar": _p4_regions()[1].hypotheses,
        "Q > Q_bar": _p4_regions()[2].hypotheses,
        "Q = Q_bar": _p4_regions()[3].hypotheses,
        "omega = omega*": free_entry().hypotheses,
    },
    proof=_p4_proof,
    check=_p4_check,
    key_expressions=lambda: {"Q_bar": sp.latex(M.Q_bar()), "pi'": sp.latex(M.factory_profit_alone())},
)


# ============================================================================ P5
GAP = V.I_alone - V.I
GAP_CLOSED = V.c_A * V.Q + V.F


def _p5_proof() -> list[Step]:
    without_F = equal(M.F).refine(positive(M.c_A, "a"))
    return [
        certified(V.eq(V.I, V.c * V.Q), everywhere(), "through the system", key="I_closed_form"),
        certified(
            V.eq(V.I_alone, (V.c + V.c_A) * V.Q + V.F), everywhere(), "alone", key="I_alone_closed_form"
        ),
        certified(V.eq(GAP, GAP_CLOSED), everywhere(), key="gap"),
        certified(
            V.gt(GAP, 0), positive(M.F, "f"), "the system lowers the entry barrier", key="gap_positive"
        ),
        certified(V.gt(GAP, 0), without_F, key="gap_positive_F0", case="F = 0, c_A > 0"),
    ]


def _p5_check(pt: CheckPoint) -> list[Step]:
    p = pt.params
    _, F, alpha, beta, c, c_A = (Fraction(v) for v in p.as_dict().values())
    Q = demand(Fraction(free_entry_rate(p)), alpha, beta, c)  # one category's output at omega*
    I = c * Q
    I_alone = (c + c_A) * Q + F
    steps = [
        Step(
            "I' - I equals c_A Q + F at Q = D(omega*)",
            "exact arithmetic",
            I_alone - I == investment_gap(Q, F, c_A),
            detail=f"I' - I = {float(I_alone - I):.6g}",
        )
    ]
    if F == 0 and c_A == 0:
        steps.append(
            Step("I' > I", "n/a", None, detail="F = 0 and c_A = 0: I' = I (the proposition assumes F > 0)")
        )
    else:
        steps.append(
            Step(
                "I' > I",
                "exact arithmetic",
                I_alone > I,
                detail=f"I = {float(I):.6g}, I' = {float(I_alone):.6g}",
            )
        )
    return steps


P5 = Claim(
    id="P5",
    kind="proposition",
    title="The system lowers capital's entry barrier",
    statement=Statement(
        "A factory needs ",
        V.eq(V.I, V.c * V.Q),
        " through the system and ",
        V.eq(V.I_alone, (V.c + V.c_A) * V.Q + V.F),
        " alone; ",
        V.eq(GAP, GAP_CLOSED),
        ", and ",
        V.gt(GAP, 0),
        " whenever ",
        V.gt(V.F, 0),
        ", and also at ",
        V.eq(V.F, 0),
        " when ",
        V.gt(V.c_A, 0),
        ".",
    ),
    hypotheses=lambda: positive(M.F, "f").hypotheses,
    cases=lambda: {"F = 0, c_A > 0": equal(M.F).refine(positive(M.c_A, "a")).hypotheses},
    proof=_p5_proof,
    check=_p5_check,
    key_expressions=lambda: {"I' - I": sp.latex(M.investment_gap())},
)
