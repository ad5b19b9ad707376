r"""Negative controls of the proof engine, run by every ``prove`` (claim C1).

A certifier that accepts a false statement would make ``prove`` print "proved" for anything.
Each control below is a *false* statement (or a statement that must not be certified as it is
written) aimed at one guard of :func:`~cluster_games.proofs.certificates.certify` or of the
claims: if any is accepted, C1 fails and ``prove`` exits 1, whatever else holds.

======================  ===================================================================
guard                   planted statement
======================  ===================================================================
strictness              :math:`c_A > 0` on feasible trade (:math:`c_A \ge 0` only)
symbol of unknown sign  :math:`x + c > 0` for a real :math:`x`
vanishing denominator   :math:`1/c_A > 0` (undefined at :math:`c_A = 0`)
non-polynomial          :math:`\sqrt{G^2 - 8\beta F/n} > G` (false, and a root remains)
identity                the printed zero-profit equation is :math:`\pi_{YY} = 0` (erratum E2)
coefficient signs       :math:`\pi_{YN} - \pi_{NN} > 0` without the paper's condition
slack clash             :math:`W - \omega = \Delta` with the rates region's own slack
hypotheses              a claim that states fewer hypotheses than its proof uses
composition             a region refined by one that reintroduces a substituted symbol
======================  ===================================================================

>>> from cluster_games.proofs.example import check_point
>>> C1.run(check_point()).status
'proved'
"""

from __future__ import annotations

import sympy as sp

from .. import model as M
from . import formulas as V
from .certificates import SignCertificate, certify
from .claims import CheckPoint, Claim, certified
from .parametrisations import equal, everywhere, feasible_trade, free_entry, rates
from .report import Step

__all__ = ["C1", "CONTROLS", "planted"]


def planted() -> list[tuple[str, SignCertificate, str]]:
    """The planted statements: (guard, the certifier's verdict on it, the refusal it must give)."""
    pi = M.payoff_matrix_A()
    gap_slack = rates().slacks[2]  # Delta = W - omega
    return [
        ("strictness", certify(M.c_A, "positive", feasible_trade(), "c_A > 0", key="c1"), "not strict"),
        ("unknown sign", certify(M.x + M.c, "positive", everywhere(), "x + c > 0", key="c2"), "unknown sign"),
        (
            "vanishing denominator",
            certify(1 / M.c_A, "positive", feasible_trade(), "1/c_A > 0", key="c3"),
            "may vanish",
        ),
        (
            "non-polynomial",
            certify(
                sp.sqrt(M.discriminant()) - M.G, "positive", feasible_trade(), "sqrt(disc) > G", key="c4"
            ),
            "not a polynomial",
        ),
        (
            "identity",
            certify(
                M.zero_profit_paper() - pi[0, 0],
                "zero",
                everywhere(),
                "the printed equation is pi_YY = 0",
                key="c5",
            ),
            "not zero",
        ),
        (
            "coefficient signs",
            certify(pi[0, 1] - pi[1, 1], "positive", rates(), "pi_YN > pi_NN", key="c6"),
            "mixed sign",
        ),
        (
            "slack clash",
            certify(M.W - M.omega - gap_slack, "zero", rates(), "W - omega = Delta", key="c7"),
            "slack symbol",
        ),
    ]


def _hypotheses_control() -> Step:
    """A claim proved on free entry that states only G > 0 must fail its statement-against-proof step."""
    short = Claim(
        id="X",
        kind="control",
        title="planted",
        statement="planted",
        hypotheses=lambda: (V.gt(V.G, 0),),
        proof=lambda: [],
        check=lambda pt: [],
    )
    proof = [certified(V.gt(V.D(V.omega_star), 0), free_entry(), key="x")]
    (verdict,) = short._hypotheses_agree(tuple(proof))
    return Step(
        "a statement that drops hypotheses its certificates use is rejected",
        "negative control (hypotheses)",
        verdict.holds is False and "which the statement does not" in verdict.detail,
        detail=verdict.detail,
    )


def _composition_control() -> Step:
    """c_A = 0 refined by feasible trade (alpha = beta (c + c_A) + g): the c_A in alpha must stay 0."""
    region = equal(M.c_A).refine(feasible_trade())
    alpha = region.apply(M.alpha)
    return Step(
        "regions compose: the second substitution sees the first's result (no c_A comes back)",
        "negative control (composition)",
        not alpha.has(M.c_A) and region.apply(M.G) == region.slacks[0],
        detail=f"alpha -> {alpha}",
    )


def _c1_proof() -> list[Step]:
    steps = []
    for guard, cert, reason in planted():
        steps.append(
            Step(
                f"refuses a false statement ({guard}): {cert.claim}",
                f"negative control ({guard})",
                not cert.holds and reason in cert.method,
                detail=cert.method,
            )
        )
    return [*steps, _hypotheses_control(), _composition_control()]


def _c1_check(pt: CheckPoint) -> list[Step]:
    return [Step("the controls are symbolic: nothing to evaluate at the check point", "n/a", None)]


C1 = Claim(
    id="C1",
    kind="control",
    title="The certifier rejects planted false statements (negative controls)",
    statement=(
        "Each guard of the sign certifier and of the claims refuses a statement planted to get past it: "
        "strictness, a symbol of unknown sign, a vanishing denominator, a non-polynomial leftover, an identity "
        "that does not hold, coefficients of mixed sign, a slack clash, hypotheses dropped from a statement, "
        "and a region composition that would bring a substituted symbol back."
    ),
    hypotheses=lambda: (),
    proof=_c1_proof,
    check=_c1_check,
)

CONTROLS: tuple[Claim, ...] = (C1,)
