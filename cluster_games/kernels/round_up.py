r"""Rounding the existence threshold upward: the smallest float n at which a free-entry rate exists.

A free-entry rate exists at :math:`n > 0` iff :math:`G > 0` and the discriminant
:math:`G^2 - 4k\beta F/n` is not negative, i.e. iff

.. math::

    R(n) = n G^2 - T \ge 0, \qquad T = 4k\beta F,

so the threshold a caller can pass to :func:`~cluster_games.omega_star` is the smallest
float :math:`f > 0` with :math:`R(f) \ge 0`: the exact rational :math:`x = T/G^2` rounded
**upward** (and the smallest positive float, :math:`2^{-1074}`, where :math:`F = 0` and every
:math:`n > 0` works). Rounding to nearest, as before, put the float below :math:`x` about
half of the time, where no rate exists.

:func:`round_up` starts from an approximation :math:`v` of :math:`x` (relative error at most
:data:`~cluster_games.kernels.tiers.FAST_PATH_TOLERANCE`, a few hundred ulps at worst) and
decides with the sign of :math:`R`, evaluated in double-double with a rigorous bound
(:func:`residual`):

1. :math:`\hat x = v - R(v)/G^2` is within a small fraction of an ulp of :math:`x` (the
   correction is a few ulps of :math:`v`, computed to a few :math:`u` relative), so the
   float :math:`f = fl(\hat x)` is within half an ulp of :math:`x` and the answer is
   :math:`f` or the float after it;
2. :math:`f` is the answer where :math:`R(f) > 0` and :math:`R(f^-) < 0` (:math:`f^-` the float
   below), the float after it where :math:`R(f) < 0` and :math:`R(f^+) > 0`; each sign is taken
   only where :math:`|R|` exceeds its error bound;
3. every other point (an exact tie :math:`f = x`, a :math:`G` that cancels beyond what
   double-double resolves, magnitudes outside the double-double safe range) goes to
   :func:`ceil_exact`, in rationals.

So the returned float is the exact ceiling at every point, never a neighbour of it.

>>> from fractions import Fraction
>>> ceil_exact(Fraction(8, 89**2)) > Fraction(8, 89**2) > Fraction(math.nextafter(ceil_exact(Fraction(8, 89**2)), 0))
True
>>> ceil_exact(Fraction(0)) == math.ulp(0.0)   # F = 0: every n > 0 admits a rate
True
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from . import _dd

__all__ = ["ceil_exact", "residual", "round_up", "SMALLEST"]

#: The smallest positive float, 2**-1074: the threshold where F = 0 (every n > 0 admits a rate).
SMALLEST = math.ulp(0.0)

_U2 = _dd.U2
_U = 2.0**-53


def ceil_exact(x: Fraction) -> float:
    """The smallest float ``f > 0`` with ``f >= x`` for a rational ``x >= 0`` (``inf`` beyond the largest)."""
    try:
        f = float(x)  # correctly rounded to nearest
    except OverflowError:
        return math.inf
    if Fraction(f) < x:
        f = math.nextafter(f, math.inf)
    return max(f, SMALLEST)


def residual(f, S_h, S_l, T_h, T_l, G_h, eG, S_split=None):
    r""":math:`R(f) = f G^2 - T` and a bound on its error (elementwise), for :math:`f` near :math:`T/G^2`.

    ``S_h + S_l`` is :math:`\tilde G^2` (:func:`~cluster_games.kernels._dd.dd_sqr` of the double-double
    :math:`\tilde G = G_h + G_l`, within :math:`e_G` of :math:`G`), ``T_h + T_l`` is :math:`T` to
    :math:`2u^2` relative. The product :math:`f\tilde G^2` is formed in double-double,
    :math:`P_h + P_l` (relative error :math:`2u^2`); where :math:`T_h/2 \le P_h \le 2T_h` (always,
    near the threshold) :math:`P_h - T_h` is exact (Sterbenz), so
    :math:`\tilde R = (P_h - T_h) + (P_l - T_l)` has two roundings. With :math:`u = 2^{-53}`, the
    errors add up to

    .. math::

        |\tilde R - R| \le f e_G (2|G_h| + e_G) + 7u^2 f G_h^2 + 2u^2 f S_h + 2u^2 T_h
            + u(|P_l| + |T_l|) + u |\tilde R|

    (the difference of :math:`G^2` and :math:`\tilde G^2`, the square's, the product's and
    :math:`T`'s roundings, and the two final ones); the bound returned is twice that, which covers
    the second-order terms and the rounding of the bound itself. Returns ``(R, E, valid)``: ``valid``
    is false where Sterbenz's condition fails (then the bound does not hold). ``S_split`` is
    Veltkamp's split of ``S_h`` if the caller has it.
    """
    P_h, e = _dd.two_prod_split(S_h, *(S_split or _dd._split(S_h)), f)  # S_h split once by the caller
    P_h, P_l = _dd.quick_two_sum(P_h, e + S_l * f)  # dd_mul_d
    R = (P_h - T_h) + (P_l - T_l)
    E = 2.0 * (
        f * eG * (2.0 * np.abs(G_h) + eG)
        + _U2 * (9.0 * f * S_h + 2.0 * T_h)
        + _U * (np.abs(P_l) + np.abs(T_l) + np.abs(R))
    )
    valid = (P_h >= 0.5 * T_h) & (P_h <= 2.0 * T_h)
    return R, E, valid


def _sign(R, E):
    """+1 or -1 where ``|R| > E`` (the sign is certain), 0 where it is not."""
    return (R > E).astype(np.int8) - (R < -E)


def round_up(v, F, beta, k, G_h, G_l, eG):
    r"""The ceiling of :math:`x = 4k\beta F/G^2` from its approximation ``v`` (elementwise, 1-D arrays).

    ``G_h + G_l`` is the double-double :math:`G > 0` within ``eG`` of the exact value
    (:func:`~cluster_games.kernels.tiers.G_dd`). Returns ``(f, decided)``: ``f`` is the smallest float
    :math:`\ge x` where ``decided``; the other points need :func:`ceil_exact` (see the module
    docstring). Every quantity must lie in the double-double safe range; points where it does not
    are left undecided.
    """
    with np.errstate(all="ignore"):
        T_h, T_l = _dd.dd_mul_d(*_dd.two_prod(4.0 * k, beta), F)
        S_h, S_l = _dd.dd_sqr(G_h, G_l)
        ok = (T_h >= _dd.SAFE_LO) & (T_h <= _dd.SAFE_HI) & (S_h >= _dd.SAFE_LO) & (S_h <= _dd.SAFE_HI)
        ok &= (v >= _dd.SAFE_LO) & (v <= _dd.SAFE_HI)
        terms = (S_h, S_l, T_h, T_l, G_h, eG, _dd._split(S_h))
        R_v, _, valid = residual(v, *terms)
        f = v - R_v / S_h  # x = v - R(v) / G^2
        R_f, E_f, valid_f = residual(f, *terms)
        above = _sign(R_f, E_f)  # +1: f > x, -1: f < x, 0: undecided (f = x, or too close to tell)
        # the neighbour on the other side of x: the float below f if f > x, the one above if f < x
        g = np.nextafter(f, np.where(above > 0, 0.0, np.inf))
        R_g, E_g, valid_g = residual(g, *terms)
        other = _sign(R_g, E_g)
        decided = ok & valid & valid_f & valid_g & (above != 0) & (other == -above)
        decided &= (f >= _dd.SAFE_LO) & (f <= _dd.SAFE_HI)
    return np.where(above > 0, f, g), decided
