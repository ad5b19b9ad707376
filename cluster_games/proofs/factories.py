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
from . import precise
from .claims import CheckPoint, Claim, NotApplicable, certified, compare, free_entry_rate
from .parametrisations import Region, equal, everywhere, free_entry, positive
from .report import Step

__all__ = ["P4", "P5"]


# ============================================================================ P4
def _p4_regions() -> tuple[Region, Region, Region]:
    r"""m(omega) = mu > 0 with F > 0; below the threshold (F = mu (Q + e)); above it (Q = F/mu + e)."""
    mu, e, f = sp.Symbol("mu", positive=True), sp.Symbol("e", positive=True), sp.Symbol("f", positive=True)
    m = M.margin(M.omega)
    margin = [(M.omega, (M.c_A + mu) / M.c)]
    positive_margin = Region.from_steps(
        "margin_positive",
        (sp.StrictGreaterThan(m, 0, evaluate=False), sp.StrictGreaterThan(M.F, 0, evaluate=False)),
        [(M.F, f), *margin],
        (mu, f),
        {mu: m, f: M.F},
    )
    below = Region.from_steps(
        "below_Q_bar",
        (sp.StrictGreaterThan(m, 0, evaluate=False), sp.StrictLessThan(M.Q, M.Q_bar(), evaluate=False)),
        [(M.F, mu * (M.Q + e)), *margin],
        (mu, e),
        {mu: m, e: M.Q_bar() - M.Q},
    )
    above = Region.from_steps(
        "above_Q_bar",
        (
            sp.StrictGreaterThan(m, 0, evaluate=False),
            sp.StrictGreaterThan(M.F, 0, evaluate=False),
            sp.StrictGreaterThan(M.Q, M.Q_bar(), evaluate=False),
        ),
        [(M.Q, M.F / mu + e), (M.F, f), *margin],
        (mu, e, f),
        {mu: m, e: M.Q - M.Q_bar(), f: M.F},
    )
    return positive_margin, below, above


def _p4_proof() -> list[Step]:
    positive_margin, below, above = _p4_regions()
    profit = M.factory_profit_alone()
    return [
        certified(
            profit - M.margin(M.omega) * (M.Q - M.Q_bar()),
            "zero",
            positive_margin,
            "pi' = m(omega) (Q - Q_bar)",
            key="profit_factored",
        ),
        certified(
            sp.diff(M.Q_bar(), M.omega),
            "negative",
            positive_margin,
            "dQ_bar/domega < 0: the lower omega, the more factories need the system",
            key="Q_bar_falls",
        ),
        certified(
            profit,
            "negative",
            below,
            "Q < Q_bar implies pi' < 0: the factory cannot market itself",
            key="below_loses",
            case="Q < Q_bar",
        ),
        certified(
            profit, "positive", above, "Q > Q_bar implies pi' > 0", key="above_gains", case="Q > Q_bar"
        ),
        certified(
            M.Q_bar(M.omega_star_expr()) - M.n * M.demand(M.omega_star_expr()) / 2,
            "zero",
            free_entry(),
            "Q_bar(omega*) = n D(omega*)/2: alone, a factory must sell a whole trading company's half of the cluster",
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
    statement=(
        "A factory marketing itself earns pi' = Q (omega c - c_A) - F < 0 iff Q < Q_bar(omega) = F/(omega c - c_A); "
        "Q_bar falls as omega rises, and Q_bar(omega*) = n D(omega*)/2."
    ),
    hypotheses=lambda: _p4_regions()[0].hypotheses,
    cases=lambda: {
        "Q < Q_bar": _p4_regions()[1].hypotheses,
        "Q > Q_bar": _p4_regions()[2].hypotheses,
        "omega = omega*": free_entry().hypotheses,
    },
    proof=_p4_proof,
    check=_p4_check,
    key_expressions=lambda: {"Q_bar": sp.latex(M.Q_bar()), "pi'": sp.latex(M.factory_profit_alone())},
)


# ============================================================================ P5
def _p5_proof() -> list[Step]:
    gap = M.investment_alone() - M.investment_through_system()
    without_F = equal(M.F).refine(positive(M.c_A, "a"))
    return [
        certified(gap - (M.c_A * M.Q + M.F), "zero", everywhere(), "I' - I = c_A Q + F", key="gap"),
        certified(
            gap,
            "positive",
            positive(M.F, "f"),
            "I' - I > 0: the system lowers the entry barrier",
            key="gap_positive",
        ),
        certified(
            gap,
            "positive",
            without_F,
            "with F = 0 but c_A > 0, still I' - I = c_A Q > 0",
            key="gap_positive_F0",
            case="F = 0, c_A > 0",
        ),
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
    statement=(
        "A factory needs I = c Q through the system and I' = (c + c_A) Q + F alone; I' - I = c_A Q + F > 0 "
        "whenever F > 0, and also at F = 0 when c_A > 0."
    ),
    hypotheses=lambda: positive(M.F, "f").hypotheses,
    cases=lambda: {"F = 0, c_A > 0": equal(M.F).refine(positive(M.c_A, "a")).hypotheses},
    proof=_p5_proof,
    check=_p5_check,
    key_expressions=lambda: {"I' - I": sp.latex(M.investment_gap())},
)
