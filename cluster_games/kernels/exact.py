r"""Exact arithmetic for the places where a tie is decided: rates, domains and payoffs at omega*.

Every float is a dyadic rational, so the model's rational closed forms
(:mod:`cluster_games.kernels.closed_forms`) evaluated on :class:`fractions.Fraction`
are exact. Two rates are not rational in the inputs, and are handled by identity
instead of by rounding:

* the free-entry rate :math:`\omega^*` is a root of :math:`\tfrac{n}{k} M(\omega) = F`, so
  :math:`M(\omega^*) = kF/n` **exactly** (:func:`profit_at_omega_star`), where
  :math:`M(r) = m(r) D(r)`; comparisons with :math:`\omega^*` are decided in
  :math:`\mathbb{Q}(\sqrt{\Delta})` (:func:`compare_with_omega_star`);
* the monopoly rate :math:`W_m = K / (2\beta c)` is rational, and
  :math:`M(W_m) = G^2 / (4\beta)` (:func:`profit_at_monopoly_rate`).

A game at :math:`(\omega^*, W_m)` therefore has exactly :math:`\pi_{YY} = 0` and, at
:math:`F = 0`, :math:`m(\omega^*) = 0`: ties that float rounding would break.

Examples
--------
>>> from fractions import Fraction as Fr
>>> profit_at_omega_star(Fr(10), Fr(1), 2)
Fraction(1, 5)
>>> compare_with_omega_star(Fr(1, 10), *map(Fr, (10, 0, 100, 1, 10, 1)))  # F = 0: omega* = c_A / c
0
"""

from __future__ import annotations

import math
from fractions import Fraction
from numbers import Rational

from .closed_forms import Q_bar, category_profit, demand, demand_at_cost, margin, monopoly_rate

__all__ = [
    "rational",
    "sign",
    "sign_of_root_sum",
    "compare_with_omega_star",
    "profit_at_omega_star",
    "profit_at_monopoly_rate",
    "rate_domain_violation",
    "rates_gap",
    "profits",
    "Q_bar_rounded",
]


def rational(*values: float) -> tuple[Fraction, ...]:
    """The floats as exact rationals (every float is a dyadic rational)."""
    return tuple(Fraction(v) for v in values)


def sign(x: Rational) -> int:
    """-1, 0 or 1."""
    return (x > 0) - (x < 0)


def sign_of_root_sum(u: Rational, d: Rational) -> int:
    r"""Exact sign of :math:`u + \sqrt{d}` for rationals :math:`u` and :math:`d \ge 0`.

    >>> sign_of_root_sum(Fraction(-3), Fraction(9)), sign_of_root_sum(Fraction(-3), Fraction(8))
    (0, -1)
    """
    if d < 0:
        raise ValueError("d must be >= 0")
    if u >= 0:
        return 0 if (u == 0 and d == 0) else 1
    return sign(d - u * u)


def compare_with_omega_star(r, n, F, alpha, beta, c, c_A, k=2) -> int:
    r"""Exact sign of :math:`r - \omega^*` for a rational rate :math:`r`, where a free-entry rate exists.

    With :math:`x = rc`, :math:`\omega^* c = (K - \sqrt{\Delta})/(2\beta)`, so
    :math:`r - \omega^* = (u + \sqrt{\Delta}) / (2\beta c)` with :math:`u = 2\beta r c - K`,
    :math:`K = \alpha - \beta c + \beta c_A` and :math:`\Delta = G^2 - 4k\beta F/n`.

    Raises
    ------
    ValueError
        If no free-entry rate exists (:math:`G \le 0` or :math:`\Delta < 0`).
    """
    G = demand_at_cost(alpha, beta, c, c_A)
    disc = G * G - 4 * k * beta * F / n
    if G <= 0 or disc < 0:
        raise ValueError("no free-entry rate at these parameters")
    K = alpha - beta * c + beta * c_A
    return sign_of_root_sum(2 * beta * r * c - K, disc)


def profit_at_omega_star(n, F, k=2):
    r""":math:`M(\omega^*) = m(\omega^*) D(\omega^*) = kF/n`: the zero-profit condition, exactly."""
    return k * F / n


def profit_at_monopoly_rate(alpha, beta, c, c_A):
    r""":math:`M(W_m) = G^2 / (4\beta)`, the largest operating profit of one category."""
    G = demand_at_cost(alpha, beta, c, c_A)
    return G * G / (4 * beta)


def rate_domain_violation(alpha, beta, c, c_A, W) -> str | None:
    r"""Why a hiding rate is outside the domain of a game, or ``None`` if it is inside.

    The domain (:mod:`cluster_games.domain`) asks :math:`D(W) \ge 0` and :math:`m(W) \ge 0`,
    decided here exactly; :math:`W > \omega` is :func:`rates_gap`.

    Parameters
    ----------
    alpha, beta, c, c_A : Fraction
    W : Fraction or None
        The hiding rate; ``None`` is the monopoly rate :math:`W_m`, where
        :math:`D(W_m) = G/2` and :math:`m(W_m) = G/(2\beta)`.

    Examples
    --------
    >>> F = Fraction
    >>> rate_domain_violation(F(100), F(1), F(10), F(1), F(9.5))
    'demand at W is negative: D(W) = alpha - beta (1 + W) c = -5 < 0'
    """
    if W is None:
        G = demand_at_cost(alpha, beta, c, c_A)
        if G < 0:
            return f"demand at the monopoly rate is negative: D(W_m) = G/2 = {float(G) / 2:.6g} < 0"
        return None
    D = demand(W, alpha, beta, c)
    if D < 0:
        return f"demand at W is negative: D(W) = alpha - beta (1 + W) c = {float(D):.6g} < 0"
    m = margin(W, c, c_A)
    if m < 0:
        return f"W does not cover the trading company's unit cost: m(W) = W c - c_A = {float(m):.6g} < 0"
    return None


def rates_gap(n, F, alpha, beta, c, c_A, omega, W, k=2) -> int:
    r"""Exact sign of :math:`W - \omega`; ``omega=None`` is :math:`\omega^*(k)`, ``W=None`` is :math:`W_m`.

    :math:`W_m - \omega^* = \sqrt{\Delta}/(\beta c)`, so at the default rates the sign is that of
    :math:`\Delta = G^2 - 4k\beta F/n`: zero exactly at :math:`n = n_{\min}`.

    >>> F = Fraction
    >>> rates_gap(*map(F, (0.5, 1, 6, 1, 1, 1)), None, None)  # n = n_min = 8 beta F / G^2
    0
    """
    if omega is None and W is None:
        G = demand_at_cost(alpha, beta, c, c_A)
        return sign(G * G - 4 * k * beta * F / n)
    if omega is None:
        return compare_with_omega_star(W, n, F, alpha, beta, c, c_A, k)
    W = monopoly_rate(alpha, beta, c, c_A) if W is None else W
    return sign(W - omega)


def profits(n, F, alpha, beta, c, c_A, omega, W, k=2):
    r"""Exact :math:`(M(\omega), M(W))`, :math:`M(r) = m(r) D(r)`; ``None`` rates are :math:`\omega^*(k)`, :math:`W_m`.

    >>> F = Fraction
    >>> profits(*map(F, (10, 1, 100, 1, 10, 1)), None, None)
    (Fraction(1, 5), Fraction(7921, 4))
    """
    seeing = profit_at_omega_star(n, F, k) if omega is None else category_profit(omega, alpha, beta, c, c_A)
    hiding = (
        profit_at_monopoly_rate(alpha, beta, c, c_A) if W is None else category_profit(W, alpha, beta, c, c_A)
    )
    return seeing, hiding


def Q_bar_rounded(omega: float, F: float, c: float, c_A: float) -> float:
    r""":func:`~cluster_games.kernels.closed_forms.Q_bar` :math:`F / (\omega c - c_A)` in rationals, rounded once.

    The caller has checked :math:`\omega c > c_A` exactly; in float64 the margin can still round
    to 0 (omega = 0.1, c = 10, c_A = 1: exactly :math:`2^{-54}`, but 0.0 in floats), which made
    the float quotient 0/0. Returns inf where the quotient exceeds the largest float.

    >>> Q_bar_rounded(0.1, 1.0, 10.0, 1.0) == 2.0**54
    True
    """
    try:
        return float(Q_bar(*rational(omega, F, c, c_A)))
    except OverflowError:
        return math.inf
