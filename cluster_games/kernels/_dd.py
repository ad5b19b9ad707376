r"""Vectorised double-double arithmetic: the second tier of the omega* kernel.

A double-double number is an unevaluated sum ``hi + lo`` of two float64 with
``|lo| <= ulp(hi) / 2``, about 106 bits of precision. The error-free transformations

* ``two_sum(a, b)``: ``s + e == a + b`` exactly (Knuth), and
* ``two_prod(a, b)``: ``p + e == a * b`` exactly (Dekker, with Veltkamp's split),

hold for float64 ``a, b`` as long as nothing overflows or underflows (the caller keeps
magnitudes inside :data:`SAFE_LO`, :data:`SAFE_HI`). The compound operations follow
Joldes, Muller and Popescu, "Tight and rigorous error bounds for basic building
blocks of double-word arithmetic" (ACM TOMS 44, 2017): with :math:`u = 2^{-53}`,

=====================  ==================================
operation              relative error bound
=====================  ==================================
``dd_add`` (DW + DW)   :math:`3u^2 + 13u^3`
``dd_add_d`` (DW + FP) :math:`2u^2`
``dd_mul`` (DW x DW)   :math:`7u^2` (Dekker product)
``dd_sqr`` (DW^2)      :math:`7u^2`
``dd_mul_d`` (DW x FP) :math:`2u^2`
``dd_div_d`` (DW / FP) :math:`3.5u^2`
=====================  ==================================

The omega* kernel doubles these constants in its bound. All functions work
elementwise on numpy arrays (or scalars).

>>> import numpy as np
>>> hi, lo = two_prod(np.float64(0.1), np.float64(0.1))
>>> from fractions import Fraction
>>> Fraction(hi) + Fraction(lo) == Fraction(0.1) ** 2
True
"""

from __future__ import annotations

__all__ = [
    "two_sum",
    "quick_two_sum",
    "two_prod",
    "dd_add",
    "dd_mul",
    "dd_mul_d",
    "dd_div_d",
    "U2",
    "SAFE_LO",
    "SAFE_HI",
]

#: u**2 with u = 2**-53, the unit of double-double error bounds.
U2 = 2.0**-106
#: Magnitudes between which the transformations are error-free (products and Veltkamp's
#: split neither overflow nor leave the normal range, with room for the low parts).
SAFE_LO, SAFE_HI = 1e-250, 1e250

_SPLITTER = 134217729.0  # 2**27 + 1


def two_sum(a, b):
    """``(s, e)`` with ``s = fl(a + b)`` and ``s + e = a + b`` exactly."""
    s = a + b
    bb = s - a
    e = (a - (s - bb)) + (b - bb)
    return s, e


def quick_two_sum(a, b):
    """``two_sum`` for ``|a| >= |b|`` (or ``a = 0``): three operations."""
    s = a + b
    e = b - (s - a)
    return s, e


def _split(a):
    t = _SPLITTER * a
    hi = t - (t - a)
    return hi, a - hi


def two_prod(a, b):
    """``(p, e)`` with ``p = fl(a b)`` and ``p + e = a b`` exactly (Dekker's algorithm)."""
    ah, al = _split(a)
    return two_prod_split(a, ah, al, b)


def two_prod_split(a, ah, al, b):
    """:func:`two_prod` with ``a`` already split (``ah, al = _split(a)``): a factor used twice is split once."""
    p = a * b
    bh, bl = _split(b)
    e = ((ah * bh - p) + ah * bl + al * bh) + al * bl
    return p, e


def dd_add_d(ah, al, b):
    """``(ah + al) + b`` for a float ``b``, relative error below :math:`2u^2` (DWPlusFP)."""
    s, e = two_sum(ah, b)
    e = e + al
    return quick_two_sum(s, e)


def dd_sqr(ah, al):
    """``(ah + al)**2``, relative error below :math:`7u^2` (:func:`dd_mul` with one split)."""
    p = ah * ah
    h, lo = _split(ah)
    e = ((h * h - p) + 2.0 * h * lo) + lo * lo
    e = e + 2.0 * ah * al
    return quick_two_sum(p, e)


def dd_add(ah, al, bh, bl):
    """``(ah + al) + (bh + bl)``, relative error below :math:`3u^2 + 13u^3` (AccurateDWPlusDW)."""
    s, e = two_sum(ah, bh)
    t, f = two_sum(al, bl)
    e = e + t
    s, e = quick_two_sum(s, e)
    e = e + f
    return quick_two_sum(s, e)


def dd_mul(ah, al, bh, bl):
    """``(ah + al)(bh + bl)``, relative error below :math:`7u^2`."""
    p, e = two_prod(ah, bh)
    e = e + (ah * bl + al * bh)
    return quick_two_sum(p, e)


def dd_mul_d(ah, al, b):
    """``(ah + al) b`` for a float ``b``, relative error below :math:`2u^2`."""
    p, e = two_prod(ah, b)
    e = e + al * b
    return quick_two_sum(p, e)


def dd_div_d(ah, al, b):
    """``(ah + al) / b`` for a float ``b``, relative error below :math:`3.5u^2`."""
    q1 = ah / b
    p, e = two_prod(q1, b)
    r, f = two_sum(ah, -p)
    r = r + (f - e + al)
    q2 = r / b
    return quick_two_sum(q1, q2)


#: Every function of this module, for the numba engine to compile (it registers them all).
FUNCTIONS = (
    two_sum,
    quick_two_sum,
    _split,
    two_prod,
    two_prod_split,
    dd_add,
    dd_add_d,
    dd_mul,
    dd_sqr,
    dd_mul_d,
    dd_div_d,
)
