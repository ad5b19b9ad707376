r"""Closed forms of the model written once for any number type.

The functions here use only ``+ - * /`` and so evaluate the same formula on
Python floats, numpy arrays (with broadcasting), :class:`fractions.Fraction`
(exact) and sympy symbols. ``tests/test_payoffs.py`` checks that, called with
the symbols of :mod:`cluster_games.model`, they *are* the symbolic model; the
numeric and exact code paths therefore cannot drift from it.

.. math::

    D(r) = \alpha - \beta (1 + r) c, \quad m(r) = r c - c_A,

    \pi_{YY} = \tfrac12 n m(\omega) D(\omega) - F, \;
    \pi_{YN} = n m(\omega) D(\omega) - F, \;
    \pi_{NY} = -F, \;
    \pi_{NN} = \tfrac12 n m(W) D(W) - F.
"""

from __future__ import annotations

from typing import Any, NamedTuple

__all__ = [
    "PayoffEntries",
    "demand",
    "margin",
    "demand_at_cost",
    "rho",
    "category_profit",
    "payoff_entries",
    "payoffs_from_profits",
    "dominance_margins",
    "margins_from_profits",
    "monopoly_rate",
    "Q_bar",
    "factory_profit_alone",
    "investment_gap",
]


class PayoffEntries(NamedTuple):
    """Company A's payoffs ``(pi_YY, pi_YN, pi_NY, pi_NN)``; B's are the transpose."""

    YY: Any
    YN: Any
    NY: Any
    NN: Any


def demand(rate, alpha, beta, c):
    r"""Per-category demand :math:`D(r) = \alpha - \beta (1 + r) c`."""
    return alpha - beta * (1 + rate) * c


def margin(rate, c, c_A):
    r"""Unit margin of a trading company :math:`m(r) = r c - c_A`."""
    return rate * c - c_A


def demand_at_cost(alpha, beta, c, c_A):
    r""":math:`G = \alpha - \beta (c + c_A) = D(c_A / c)`: demand at the rate where the margin is zero.

    Trade is feasible iff :math:`G > 0`; the free-entry rate exists iff also
    :math:`n G^2 \ge 4 k \beta F`.

    >>> demand_at_cost(100, 1, 10, 1)
    89
    """
    return alpha - beta * (c + c_A)


def rho(n, F, alpha, beta, c, c_A):
    r""":math:`\rho = n G^2 / (4 \beta F)`: how many companies free entry supports (a rate iff :math:`k \le \rho`), for :math:`F > 0`.

    >>> rho(1, 1, 5, 1, 1, 0)  # G = 4
    4.0
    """
    G = demand_at_cost(alpha, beta, c, c_A)
    return n * G**2 / (4 * beta * F)


def category_profit(rate, alpha, beta, c, c_A):
    r"""Operating profit on one whole category, :math:`m(r) D(r)`."""
    return margin(rate, c, c_A) * demand(rate, alpha, beta, c)


def payoffs_from_profits(n, F, seeing, hiding) -> PayoffEntries:
    r"""Company A's four payoffs from the operating profits :math:`M(\omega)` (``seeing``) and :math:`M(W)` (``hiding``).

    .. math::

        \pi_{YY} = \tfrac12 n M(\omega) - F,\;
        \pi_{YN} = n M(\omega) - F,\;
        \pi_{NY} = -F,\;
        \pi_{NN} = \tfrac12 n M(W) - F,
        \qquad M(r) = m(r) D(r).

    Taking the profits (not the rates) lets exact callers pass :math:`M(\omega^*) = 2F/n`
    (:mod:`cluster_games.kernels.exact`), so that :math:`\pi_{YY} = 0` holds exactly.

    >>> payoffs_from_profits(10, 1, 0.2, 3)
    PayoffEntries(YY=0.0, YN=1.0, NY=-1.0, NN=14.0)
    """
    return PayoffEntries(n * seeing / 2 - F, n * seeing - F, -F + 0 * seeing, n * hiding / 2 - F)


def payoff_entries(n, F, alpha, beta, c, c_A, omega, W) -> PayoffEntries:
    r"""The four payoffs of company A at rates ``omega`` (seeing) and ``W`` (hiding).

    Examples
    --------
    >>> payoff_entries(10, 1, 100, 1, 10, 1, 0.2, 0.4)
    PayoffEntries(YY=439.0, YN=879.0, NY=-1.0, NN=1289.0)
    """
    return payoffs_from_profits(
        n, F, category_profit(omega, alpha, beta, c, c_A), category_profit(W, alpha, beta, c, c_A)
    )


def margins_from_profits(n, seeing, hiding):
    r"""How much better Y does than N against each pure strategy, from :math:`M(\omega)` and :math:`M(W)`.

    .. math::

        \pi_{YY} - \pi_{NY} = \tfrac12 n\, M(\omega), \qquad
        \pi_{YN} - \pi_{NN} = \tfrac12 n\,\bigl(2 M(\omega) - M(W)\bigr).

    Y strictly dominates N iff both are positive (section 1.1 of the model). ``F`` cancels.
    """
    return n * seeing / 2, n * (2 * seeing - hiding) / 2


def dominance_margins(n, alpha, beta, c, c_A, omega, W):
    r"""The dominance margins at rates ``omega`` and ``W``: :func:`margins_from_profits` of
    :math:`m(\omega) D(\omega)` and :math:`m(W) D(W)`."""
    return margins_from_profits(
        n, category_profit(omega, alpha, beta, c, c_A), category_profit(W, alpha, beta, c, c_A)
    )


def monopoly_rate(alpha, beta, c, c_A):
    r"""The rate maximising :math:`m(r) D(r)`: :math:`W_m = K / (2\beta c)`, :math:`K = \alpha - \beta c + \beta c_A`.

    >>> monopoly_rate(100, 1, 10, 1)
    4.55
    """
    return (alpha - beta * c + beta * c_A) / (2 * beta * c)


def Q_bar(omega, F, c, c_A):
    r"""Self-marketing break-even output :math:`\bar Q(\omega) = F / (\omega c - c_A)` (Proposition 4)."""
    return F / margin(omega, c, c_A)


def factory_profit_alone(Q, omega, F, c, c_A):
    r"""Profit of a factory marketing itself, :math:`\pi' = Q (\omega c - c_A) - F`."""
    return Q * margin(omega, c, c_A) - F


def investment_gap(Q, F, c_A):
    r"""Capital saved by the customer system, :math:`I' - I = c_A Q + F` (Proposition 5)."""
    return c_A * Q + F
