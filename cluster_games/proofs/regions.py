r"""Symbolic dominance regions of the trading companies' game (section 1.1 of the model).

Y strictly dominates N for company A iff it does better against both pure
strategies of B:

.. math::

    \pi_{YY} - \pi_{NY} = \tfrac12 n\, m(\omega) D(\omega) > 0,
    \qquad
    \pi_{YN} - \pi_{NN} = \tfrac12 n \bigl(2 m(\omega) D(\omega) - m(W) D(W)\bigr) > 0 .

Both differences are *derived* here from :func:`cluster_games.model.payoff_matrix_A`
(not typed in), so a change to the model changes the regions. The paper's
condition, read in consistent units, is :math:`(W - \omega) c < \omega c - c_A`;
:func:`sufficient_implies_exact` proves it implies the exact condition, and
:func:`exact_not_implies_sufficient` exhibits a point where it fails although Y
still strictly dominates.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from .. import model as M
from .certificates import SignCertificate, prove
from .parametrisations import paper_sufficient

__all__ = [
    "DominanceConditions",
    "dominance_conditions",
    "paper_sufficient_condition",
    "paper_printed_condition",
    "sufficient_implies_exact",
    "exact_not_implies_sufficient",
]


@dataclass(frozen=True)
class DominanceConditions:
    """The exact condition for Y to strictly dominate N, as sympy relationals.

    Attributes
    ----------
    margins : tuple of sympy.Expr
        ``(pi_YY - pi_NY, pi_YN - pi_NN)`` from the payoff matrix.
    factor : sympy.Expr
        The positive factor ``n/2`` taken out of both margins.
    against_Y, against_N : sympy.Relational
        ``m(omega) D(omega) > 0`` and ``2 m(omega) D(omega) - m(W) D(W) > 0``.
    exact : sympy.And
        Both together: Y strictly dominates N.
    """

    margins: tuple[sp.Expr, sp.Expr]
    factor: sp.Expr
    against_Y: sp.Rel
    against_N: sp.Rel

    @property
    def exact(self) -> sp.Expr:
        return sp.And(self.against_Y, self.against_N)

    def _repr_latex_(self) -> str:
        return f"$\\displaystyle {sp.latex(self.against_Y)} \\;\\wedge\\; {sp.latex(self.against_N)}$"


def dominance_conditions() -> DominanceConditions:
    r"""Derive the exact strict-dominance condition from the payoff matrix.

    Each margin (row Y minus row N of A's matrix) is divided by ``n/2 > 0``;
    the quotient must be free of ``n`` and ``F``, which is checked.

    Examples
    --------
    >>> cond = dominance_conditions()
    >>> cond.against_N
    -(alpha - beta*c*(W + 1))*(W*c - c_A) + 2*(alpha - beta*c*(omega + 1))*(c*omega - c_A) > 0
    """
    A = M.payoff_matrix_A()
    margins = (sp.expand(A[0, 0] - A[1, 0]), sp.expand(A[0, 1] - A[1, 1]))
    factor = M.n / 2
    reduced = []
    for margin in margins:
        q = sp.cancel(margin / factor)
        if q.has(M.n) or q.has(M.F):
            raise ValueError(f"dominance margin {margin} is not n/2 times an expression free of n and F")
        reduced.append(q)
    seeing = M.category_profit(M.omega)
    hiding = M.category_profit(M.W)
    # Present them in the paper's vocabulary, after checking they are the same expressions.
    target = (seeing, 2 * seeing - hiding)
    for got, want in zip(reduced, target, strict=True):
        if sp.expand(got - want) != 0:
            raise ValueError(f"dominance margin reduces to {got}, not {want}: the model changed")
    return DominanceConditions(
        margins, factor, sp.StrictGreaterThan(target[0], 0), sp.StrictGreaterThan(target[1], 0)
    )


def paper_sufficient_condition() -> sp.Rel:
    r"""The paper's condition in consistent units: :math:`(W - \omega) c < \omega c - c_A`."""
    return sp.StrictLessThan((M.W - M.omega) * M.c, M.omega * M.c - M.c_A)


def paper_printed_condition() -> sp.Rel:
    r"""The condition as printed, :math:`W - \omega < \omega - c_A` (a rate minus a cost; erratum E3)."""
    return sp.StrictLessThan(M.W - M.omega, M.omega - M.c_A)


def sufficient_implies_exact() -> SignCertificate:
    r"""Prove: feasible trade at :math:`\omega`, :math:`W > \omega` and the paper's condition imply
    :math:`\pi_{YN} > \pi_{NN}` (Y beats N against N; against Y it wins wherever trade is feasible).

    With slacks :math:`\mu = m(\omega)`, :math:`d = D(\omega)`, :math:`\Delta = W - \omega`
    and :math:`\sigma = \mu - \Delta c` (all positive),

    .. math::

        \pi_{YN} - \pi_{NN} = n \bigl(\tfrac12 d \sigma + \beta c^2 \Delta^2 + \tfrac12 \beta c \Delta \sigma\bigr) > 0,

    a polynomial with positive coefficients. Returns the certificate.
    """
    from . import formulas as V

    return prove(
        V.gt(V.pi_YN(V.omega) - V.pi_NN(V.W), 0),
        paper_sufficient(),
        key="beats_N",
        note="Y beats N against N under the paper's condition",
    )


def exact_not_implies_sufficient() -> dict[str, Fraction]:
    """A witness: a point where Y strictly dominates N but the paper's condition fails.

    Searched exactly (rationals) on a small grid of rates at the example
    parameters n=10, F=1, alpha=100, beta=1, c=10, c_A=1; returns the point.

    Examples
    --------
    >>> w = exact_not_implies_sufficient()
    >>> (w["W"] - w["omega"]) * w["c"] >= w["omega"] * w["c"] - w["c_A"]
    True
    """
    from ..kernels.closed_forms import dominance_margins

    base = dict(
        n=Fraction(10), F=Fraction(1), alpha=Fraction(100), beta=Fraction(1), c=Fraction(10), c_A=Fraction(1)
    )
    for i in range(1, 100):
        omega = Fraction(i, 100)
        for j in range(1, 200):
            W = omega + Fraction(j, 100)
            y_vs_Y, y_vs_N = dominance_margins(
                base["n"], base["alpha"], base["beta"], base["c"], base["c_A"], omega, W
            )
            paper = (W - omega) * base["c"] < omega * base["c"] - base["c_A"]
            if y_vs_Y > 0 and y_vs_N > 0 and not paper:
                return {**base, "omega": omega, "W": W}
    raise ValueError("no witness found on the search grid")
