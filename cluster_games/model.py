r"""The symbolic model of Dudko and Zhao, with corrected algebra.

This module is the single source of truth of the toolkit: every numeric
function is either generated from the expressions here or cross-tested
against them, and every proposition is a proof over them.

Symbols carry the domain assumptions of the model (section 1) so that sympy can
decide signs: ``n, alpha, beta, c, omega, W, k, Q`` are positive, ``F`` and
``c_A`` non-negative.

Notation (section 1 of the model)
---------------------------------
Buyer price per unit is :math:`(1 + r) c` at agency rate :math:`r`.

.. math::

    D(r) = \alpha - \beta (1 + r) c, \qquad m(r) = r c - c_A .

Payoff of trading company A (rows: A plays Y or N; columns: B plays Y or N);
B's matrix is the transpose:

.. math::

    \Pi_A = \begin{pmatrix}
        \tfrac12 n\, m(\omega) D(\omega) - F & n\, m(\omega) D(\omega) - F \\
        -F & \tfrac12 n\, m(W) D(W) - F
    \end{pmatrix}.

Examples
--------
>>> from cluster_games import model
>>> model.payoff_matrix_A()[0, 0]
-F + n*(alpha - beta*c*(omega + 1))*(c*omega - c_A)/2
>>> model.n_min_expr()
8*F*beta/(alpha - beta*(c + c_A))**2
"""

from __future__ import annotations

from functools import cache

import sympy as sp

__all__ = [
    "n",
    "F",
    "alpha",
    "beta",
    "c",
    "c_A",
    "omega",
    "W",
    "k",
    "Q",
    "x",
    "PARAMETERS",
    "STRATEGIES",
    "G",
    "K",
    "demand",
    "margin",
    "category_profit",
    "payoff_matrix_A",
    "payoff_matrix_B",
    "C",
    "discriminant",
    "zero_profit_equation",
    "omega_star_roots",
    "omega_star_expr",
    "omega_star_rationalised",
    "n_min_expr",
    "omega_star_paper",
    "zero_profit_paper",
    "monopoly_rate",
    "factory_profit_alone",
    "Q_bar",
    "investment_through_system",
    "investment_alone",
    "investment_gap",
    "GAME_SYMBOLS",
    "paper_game",
]

# ----------------------------------------------------------------------------- symbols
n = sp.Symbol("n", positive=True)  #: number of product categories
F = sp.Symbol("F", nonnegative=True)  #: fixed cost of a trading company
alpha = sp.Symbol("alpha", positive=True)  #: demand intercept per category
beta = sp.Symbol("beta", positive=True)  #: demand slope
c = sp.Symbol("c", positive=True)  #: factory unit cost
c_A = sp.Symbol("c_A", nonnegative=True)  #: trading company unit cost
omega = sp.Symbol("omega", positive=True)  #: agency rate with seeing customers
W = sp.Symbol("W", positive=True)  #: agency rate without (paper: lowercase w)
k = sp.Symbol("k", positive=True)  #: number of symmetric trading companies (paper: 2)
Q = sp.Symbol("Q", positive=True)  #: a factory's output Q_ij
x = sp.Symbol("x", real=True)  #: the agency fee per unit, x = omega * c

#: The six structural parameters, in the order of :func:`cluster_games.omega_star`.
PARAMETERS = (n, F, alpha, beta, c, c_A)
#: Strategy labels: Y lets factories see customers, N hides them.
STRATEGIES = ("Y", "N")

#: Demand left at cost recovery, G = D evaluated at omega = c_A / c. Trade is feasible iff G > 0.
G = alpha - beta * (c + c_A)
#: Linear coefficient of the zero-profit quadratic in x = omega c.
K = alpha - beta * c + beta * c_A


# ----------------------------------------------------------------------------- primitives
def demand(rate: sp.Expr) -> sp.Expr:
    r"""Per-category demand at agency rate ``rate``: :math:`D(r) = \alpha - \beta (1 + r) c`."""
    return alpha - beta * (1 + rate) * c


def margin(rate: sp.Expr) -> sp.Expr:
    r"""Unit margin of a trading company: :math:`m(r) = r c - c_A`."""
    return rate * c - c_A


def category_profit(rate: sp.Expr) -> sp.Expr:
    r"""Operating profit of serving one whole category: :math:`m(r) D(r)`."""
    return margin(rate) * demand(rate)


def payoff_matrix_A(omega_: sp.Expr = omega, W_: sp.Expr = W) -> sp.Matrix:
    r"""Trading company A's 2x2 payoff matrix (rows Y, N for A; columns Y, N for B).

    .. math::

        \pi_{YY} = \tfrac12 n m(\omega) D(\omega) - F,\;
        \pi_{YN} = n m(\omega) D(\omega) - F,\;
        \pi_{NY} = -F,\;
        \pi_{NN} = \tfrac12 n m(W) D(W) - F.
    """
    seeing = category_profit(omega_)
    hiding = category_profit(W_)
    return sp.Matrix(
        [
            [n * seeing / 2 - F, n * seeing - F],
            [-F, n * hiding / 2 - F],
        ]
    )


def payoff_matrix_B(omega_: sp.Expr = omega, W_: sp.Expr = W) -> sp.Matrix:
    """Trading company B's payoff matrix: the game is symmetric, so it is A's transpose."""
    return payoff_matrix_A(omega_, W_).T


# ----------------------------------------------------------------------------- free entry
def C(k_: sp.Expr = 2) -> sp.Expr:
    r"""Constant term of the zero-profit quadratic: :math:`C = c_A(\alpha - \beta c) + kF/n`."""
    return c_A * (alpha - beta * c) + k_ * F / n


def discriminant(k_: sp.Expr = 2) -> sp.Expr:
    r"""Discriminant :math:`K^2 - 4\beta C = G^2 - 4k\beta F/n` (simplified form)."""
    return G**2 - 4 * k_ * beta * F / n


def zero_profit_equation(k_: sp.Expr = 2) -> sp.Eq:
    r"""Free-entry condition :math:`\tfrac{n}{k} m(\omega) D(\omega) - F = 0` (section 1.2 of the model).

    For ``k = 2`` its left side is exactly :math:`\pi_{YY}`.
    """
    return sp.Eq(n / k_ * category_profit(omega) - F, 0)


@cache
def omega_star_roots(k_: sp.Expr = 2) -> tuple[sp.Expr, sp.Expr]:
    r"""Lower and upper roots :math:`(K \mp \sqrt{G^2 - 4k\beta F/n}) / (2\beta c)` of the zero-profit equation."""
    root = sp.sqrt(discriminant(k_))
    return (K - root) / (2 * beta * c), (K + root) / (2 * beta * c)


def omega_star_expr(k_: sp.Expr = 2) -> sp.Expr:
    r"""The free-entry rate: the lower root, where undercutting stops (Proposition 2)."""
    return omega_star_roots(k_)[0]


def omega_star_rationalised(k_: sp.Expr = 2) -> sp.Expr:
    r"""Cancellation-free form of the lower root, :math:`2C / (c (K + \sqrt{\Delta}))`.

    This is the form :func:`cluster_games.omega_star` evaluates; its identity
    with :func:`omega_star_expr` is proved in :mod:`cluster_games.proofs.propositions`.
    """
    return 2 * C(k_) / (c * (K + sp.sqrt(discriminant(k_))))


def n_min_expr(k_: sp.Expr = 2) -> sp.Expr:
    r"""Existence threshold :math:`n_{\min} = 4k\beta F / G^2` (:math:`8\beta F/G^2` in the paper's case)."""
    return 4 * k_ * beta * F / G**2


def omega_star_paper() -> sp.Expr:
    r"""The closed form as printed in the paper (erratum E1): it is *not* a root of :math:`\pi_{YY} = 0`.

    .. math::

        \frac{G + \sqrt{G^2 - 4\beta((\alpha - \beta c) c_A + 2F/n)}}{2\beta c}
    """
    return (G + sp.sqrt(G**2 - 4 * beta * ((alpha - beta * c) * c_A + 2 * F / n))) / (2 * beta * c)


def zero_profit_paper() -> sp.Expr:
    r"""Left side of the zero-profit equation as printed (erratum E2), garbled:
    :math:`\tfrac12 n (\omega - c_A - c_A)[\alpha - \beta (1 - \omega) c_A] - F`."""
    return n / 2 * (omega - c_A - c_A) * (alpha - beta * (1 - omega) * c_A) - F


def monopoly_rate() -> sp.Expr:
    r"""Rate maximising :math:`m(r) D(r)`: :math:`W_m = K / (2\beta c)`.

    The natural rate for a company that hides its factories and so holds its
    half of the cluster's buyers captive; the default ``W`` of the CLI.
    """
    return K / (2 * beta * c)


# ----------------------------------------------------------------------------- factories
def factory_profit_alone(Q_: sp.Expr = Q, omega_: sp.Expr = omega) -> sp.Expr:
    r"""Profit of a factory marketing by itself: :math:`\pi' = Q(\omega c - c_A) - F` (section 1.3 of the model)."""
    return Q_ * margin(omega_) - F


def Q_bar(omega_: sp.Expr = omega) -> sp.Expr:
    r"""Break-even output for self-marketing, :math:`\bar Q(\omega) = F / (\omega c - c_A)` (Proposition 4)."""
    return F / margin(omega_)


def investment_through_system(Q_: sp.Expr = Q) -> sp.Expr:
    r"""Capital a factory needs when it sells through the customer system: :math:`I = c Q`."""
    return c * Q_


def investment_alone(Q_: sp.Expr = Q) -> sp.Expr:
    r"""Capital a factory needs to market by itself: :math:`I' = (c + c_A) Q + F`."""
    return (c + c_A) * Q_ + F


def investment_gap(Q_: sp.Expr = Q) -> sp.Expr:
    r"""Entry barrier removed by the system, :math:`I' - I = c_A Q + F` (Proposition 5)."""
    return sp.expand(investment_alone(Q_) - investment_through_system(Q_))


# ----------------------------------------------------------------------------- as a parametric game
#: The symbols of the paper's 2x2 game, in the order its parametric game lists them.
GAME_SYMBOLS = (n, F, alpha, beta, c, c_A, omega, W)


def paper_game(*, market: bool = False):
    r"""The trading companies' game of section 1.1 as a :class:`~cluster_games.parametric.ParametricGame`.

    Payoffs are :func:`payoff_matrix_A` and :func:`payoff_matrix_B` over the eight symbols of
    :data:`GAME_SYMBOLS`; the domain is the economic domain of section 1
    (:data:`cluster_games.domain.SPECS`: :math:`n, \alpha, \beta, c, \omega > 0`,
    :math:`F, c_A \ge 0`) and :math:`W > \omega`. With ``market=True`` it also requires
    the market at the hiding rate to exist, :math:`D(W) \ge 0` and :math:`m(W) \ge 0`
    (the rate conditions of :mod:`cluster_games.domain`). Its atlas reproduces the exact
    dominance region of section 1.1, the degenerate boundary of finding R2 and the free-entry
    case :math:`F = 0` (:math:`m(\omega) = 0`).

    Examples
    --------
    >>> g = paper_game()
    >>> g.parameters, g.rows
    (('n', 'F', 'alpha', 'beta', 'c', 'c_A', 'omega', 'W'), ('Y', 'N'))
    >>> point = dict(n=10, F=1, alpha=100, beta=1, c=10, c_A=1, omega="1/5")
    >>> g.at({**point, "W": "21/100"}).pure_equilibria(), g.at({**point, "W": 2}).pure_equilibria()
    ((('Y', 'Y'),), (('Y', 'Y'), ('N', 'N')))
    """
    from .domain import SPECS
    from .parametric import ParametricGame

    names = [s.name for s in GAME_SYMBOLS]
    assumptions: list = [f"{name} {SPECS[name].text}" for name in names if name != "W"]
    assumptions.append(sp.StrictGreaterThan(W, omega))
    if market:
        assumptions += [sp.GreaterThan(demand(W), 0), sp.GreaterThan(margin(W), 0)]
    return ParametricGame(
        payoff_matrix_A().tolist(),
        payoff_matrix_B().tolist(),
        parameters=names,
        assumptions=assumptions,
        rows=STRATEGIES,
        cols=STRATEGIES,
        title="Trading companies' game (Dudko and Zhao, section 3.2)",
    )
