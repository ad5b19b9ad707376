r"""Beyond the paper: k symmetric trading companies, and the repeated game (SPEC section 4).

The paper argues in prose that trading companies are "far more than 2, and collusion is not
easy", and that long-term relations keep :math:`W` close to :math:`\omega`. This module
states the arguments as mathematics, built on the primitives of :mod:`cluster_games.model`
(nothing is typed in twice). With :math:`M(r) = m(r) D(r)`:

**Stage game.** Each of :math:`k \ge 2` companies plays Y (rate :math:`\omega`) or N (rate
:math:`W > \omega`). If :math:`y \ge 1` companies play Y, buyers go to them: each Y company
earns :math:`n M(\omega)/y - F` and each N company :math:`-F`; if none plays Y, all share:
:math:`n M(W)/k - F` each. For :math:`k = 2` this is the paper's matrix.

**Free entry.** :math:`\omega^*(k)` solves :math:`\tfrac{n}{k} M(\omega) = F` (derived here by
solving that equation), exists iff :math:`k \le \rho = nG^2/(4\beta F)`.

**Repeated game.** Collusion on N at :math:`W`, punished by all-Y forever, is subgame
perfect iff :math:`\delta \ge \delta_c(W) = (k M(\omega) - M(W)) / ((k - 1) M(\omega))`.

Everything here is labelled "beyond the paper" wherever it is reported.

>>> stage_payoff_Y(0)
-F + n*(alpha - beta*c*(omega + 1))*(c*omega - c_A)
>>> seeing, hiding = category_profit(omega), category_profit(W)
>>> sp.simplify(collusion_threshold().subs(k, 2) - (2 * seeing - hiding) / seeing)  # k = 2: (2M(w) - M(W))/M(w)
0
"""

from __future__ import annotations

from functools import cache

import sympy as sp

from .model import F, G, W, alpha, beta, c, c_A, category_profit, k, n, omega

__all__ = [
    "y",
    "delta",
    "p",
    "s",
    "rho",
    "stage_payoff_Y",
    "stage_payoff_N_some_Y",
    "stage_payoff_all_N",
    "zero_profit_equation_k",
    "omega_star_k",
    "collusion_threshold",
    "collusion_gain",
    "expected_payoff_Y",
    "expected_payoff_N",
    "mixed_polynomial",
]

#: Number of *other* companies playing Y (0 .. k - 1).
y = sp.Symbol("y", nonnegative=True, integer=True)
#: Common discount factor of the repeated game.
delta = sp.Symbol("delta", positive=True)
#: Probability that a company plays Y in a symmetric mixed profile; ``s = 1 - p``.
p = sp.Symbol("p", positive=True)
s = sp.Symbol("s", positive=True)


def rho() -> sp.Expr:
    r""":math:`\rho = n G^2 / (4\beta F)`: the number of companies free entry can support (:math:`n/n_{\min}` at k = 1)."""
    return n * G**2 / (4 * beta * F)


# ----------------------------------------------------------------------------- stage game
def stage_payoff_Y(others_Y: sp.Expr = y, omega_: sp.Expr = omega) -> sp.Expr:
    r"""A Y company's payoff when ``others_Y`` other companies also play Y: :math:`n M(\omega)/(y + 1) - F`."""
    return n * category_profit(omega_) / (others_Y + 1) - F


def stage_payoff_N_some_Y() -> sp.Expr:
    r"""An N company's payoff when at least one company plays Y: :math:`-F` (buyers go to the Y companies)."""
    return -F


def stage_payoff_all_N(k_: sp.Expr = k, W_: sp.Expr = W) -> sp.Expr:
    r"""Each company's payoff when all play N: :math:`n M(W)/k - F`."""
    return n * category_profit(W_) / k_ - F


# ----------------------------------------------------------------------------- free entry
def zero_profit_equation_k(k_: sp.Expr = k) -> sp.Eq:
    r"""All-Y profit is zero: :math:`\tfrac{n}{k} M(\omega) - F = 0`, from :func:`stage_payoff_Y` at y = k - 1."""
    return sp.Eq(stage_payoff_Y(k_ - 1), 0)


@cache
def omega_star_k(k_: sp.Expr = k) -> sp.Expr:
    r"""The free-entry rate with k companies, *derived*: the lower root of :func:`zero_profit_equation_k`.

    The equation is a quadratic in :math:`\omega` with two real roots where
    :math:`G^2 \ge 4k\beta F/n`; profit is positive between them, so undercutting stops at
    the lower one. The roots are the branches of one square root and never cross on the
    feasible region, so the lower one is identified once, at a feasible point.
    """
    roots = sp.solve(zero_profit_equation_k(k_), omega)
    if len(roots) != 2:
        raise ValueError(f"the zero-profit equation should have two roots in omega, got {roots}")
    point = {n: 10, F: 1, alpha: 100, beta: 1, c: 10, c_A: 1, k: 2}
    lower, _ = sorted(roots, key=lambda r: float(r.subs(point).subs(k, 2)))
    return lower


# ----------------------------------------------------------------------------- repeated game
@cache
def collusion_threshold(k_: sp.Expr = k, omega_: sp.Expr = omega, W_: sp.Expr = W) -> sp.Expr:
    r""":math:`\delta_c(W) = (k M(\omega) - M(W)) / ((k - 1) M(\omega))`, solved from :func:`collusion_gain` = 0."""
    solution = sp.solve(sp.Eq(collusion_gain(k_, omega_, W_), 0), delta)
    if len(solution) != 1:
        raise ValueError(f"the collusion condition should be linear in delta, got {solution}")
    return sp.factor(solution[0])


def collusion_gain(k_: sp.Expr = k, omega_: sp.Expr = omega, W_: sp.Expr = W) -> sp.Expr:
    r"""Colluding minus the best deviation, in discounted values times :math:`(1 - \delta)`.

    Colluding: :math:`v_N = n M(W)/k - F` every period. Deviating: :math:`n M(\omega) - F` once
    (Y against k - 1 companies playing N), then the all-Y payoff :math:`n M(\omega)/k - F`
    forever (Nash reversion):

    .. math:: v_N - \bigl[(1 - \delta)(n M(\omega) - F) + \delta (n M(\omega)/k - F)\bigr].
    """
    deviation = stage_payoff_Y(0, omega_)
    punishment = stage_payoff_Y(k_ - 1, omega_)
    return sp.expand(stage_payoff_all_N(k_, W_) - ((1 - delta) * deviation + delta * punishment))


# ----------------------------------------------------------------------------- mixed play
def expected_payoff_Y(k_: sp.Expr = k) -> sp.Expr:
    r"""Expected payoff of Y when each of the k - 1 others plays Y with probability p, in closed form.

    .. math:: \sum_{j=0}^{k-1} \binom{k-1}{j} p^j (1-p)^{k-1-j} \frac{n M(\omega)}{j + 1} - F
              = \frac{n M(\omega) (1 - (1 - p)^k)}{k p} - F,

    by :math:`\binom{k-1}{j}/(j+1) = \binom{k}{j+1}/k` and the binomial theorem.
    """
    return n * category_profit(omega) * (1 - (1 - p) ** k_) / (k_ * p) - F


def expected_payoff_N(k_: sp.Expr = k) -> sp.Expr:
    r"""Expected payoff of N: :math:`-F` unless all k - 1 others play N, probability :math:`(1 - p)^{k-1}`."""
    return (1 - p) ** (k_ - 1) * n * category_profit(W) / k_ - F


def mixed_polynomial(k_: int) -> sp.Expr:
    r"""The indifference condition in :math:`s = 1 - p`, for a concrete k:
    :math:`M(\omega)(1 + s + \dots + s^{k-2}) + (M(\omega) - M(W)) s^{k-1}`.

    Its coefficients change sign once when :math:`M(W) > M(\omega) > 0`: one positive root
    (Descartes), in :math:`(0, 1)` when moreover :math:`M(W) > k M(\omega)`.
    """
    seeing, hiding = category_profit(omega), category_profit(W)
    return seeing * sum(s**i for i in range(k_ - 1)) + (seeing - hiding) * s ** (k_ - 1)
