"""Exact payoffs: every input becomes a :class:`fractions.Fraction`, and decisions are taken on those.

Integers, Fractions, decimal or rational strings (``"0.1"`` is 1/10, ``"1/3"``) and
floats are accepted; a float is the dyadic rational it stores (``0.1`` is
3602879701896397/36028797018963968), so a comparison of two float payoffs is decided as
the floats compare, never after further rounding. Booleans, NaN, infinities and other
objects are refused with a message naming the entry.

Because decisions are exact, they are invariant under any positive affine map of a
player's payoffs that the inputs represent exactly. Numeric algorithms (linear
programs, nashpy) get :func:`normalised` payoffs, mapped exactly onto [0, 1] before
rounding, so they see the same floats whatever the shift and scale.

>>> to_fraction("0.25"), to_fraction(0.5), to_fraction(3)
(Fraction(1, 4), Fraction(1, 2), Fraction(3, 1))
>>> normalised(((Fraction(10), Fraction(30)), (Fraction(20), Fraction(10))))
((Fraction(0, 1), Fraction(1, 1)), (Fraction(1, 2), Fraction(0, 1)))
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = ["Matrix", "to_fraction", "matrix", "normalised", "as_float", "labels", "text"]

#: An exact payoff matrix: a tuple of rows of Fractions.
Matrix = tuple[tuple[Fraction, ...], ...]


def to_fraction(value: Any, where: str = "payoff") -> Fraction:
    """``value`` as an exact rational; raises ``ValueError`` naming ``where`` if it is not a finite real."""
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{where}: expected a number, got a boolean {value!r}")
    if isinstance(value, Fraction):
        return value
    if isinstance(value, (numbers.Integral, np.integer)):
        return Fraction(int(value))
    if isinstance(value, (float, np.floating)):
        if not math.isfinite(value):
            raise ValueError(f"{where}: must be finite, got {float(value)!r}")
        return Fraction(float(value))
    if isinstance(value, numbers.Rational):
        return Fraction(value.numerator, value.denominator)
    if isinstance(value, str):
        try:
            out = Fraction(value.strip())
        except (ValueError, ZeroDivisionError):
            raise ValueError(f"{where}: {value!r} is not a number (write 3, -1/2 or 0.25)") from None
        return out
    raise ValueError(f"{where}: expected a number, got {type(value).__name__}")


def matrix(values: Any, name: str) -> Matrix:
    """A non-empty 2-D payoff matrix of exact rationals."""
    if isinstance(values, np.ndarray):
        rows = values.tolist() if values.dtype != object else [list(r) for r in values]
        if values.ndim != 2:
            raise ValueError(f"{name}: must be 2-dimensional, got shape {values.shape}")
    else:
        if not isinstance(values, Sequence) or isinstance(values, str):
            raise ValueError(f"{name}: expected a 2-D array of payoffs, got {type(values).__name__}")
        rows = list(values)
    if not rows or any(isinstance(r, str) or not isinstance(r, (Sequence, np.ndarray)) for r in rows):
        raise ValueError(f"{name}: expected a non-empty 2-D array of payoffs")
    width = len(rows[0])
    if width == 0 or any(len(r) != width for r in rows):
        raise ValueError(f"{name}: rows must be non-empty and of equal length")
    return tuple(
        tuple(to_fraction(v, f"{name}[{i}][{j}]") for j, v in enumerate(row)) for i, row in enumerate(rows)
    )


def normalised(M: Matrix) -> Matrix:
    """``(M - min M) / (max M - min M)`` exactly (all zeros for a constant matrix): invariant to shift and scale."""
    flat = [v for row in M for v in row]
    lo, hi = min(flat), max(flat)
    span = hi - lo
    if span == 0:
        return tuple(tuple(Fraction(0) for _ in row) for row in M)
    return tuple(tuple((v - lo) / span for v in row) for row in M)


def as_float(M: Matrix) -> np.ndarray:
    """The matrix as float64 (each entry rounded once)."""
    return np.array([[float(v) for v in row] for row in M], dtype=float)


def labels(given: Sequence[str] | None, size: int, prefix: str) -> tuple[str, ...]:
    """Strategy names: ``given`` (checked for length and uniqueness) or ``prefix0, prefix1, ...``."""
    if given is None:
        return tuple(f"{prefix}{i}" for i in range(size))
    out = tuple(str(s) for s in given)
    if len(out) != size:
        raise ValueError(f"expected {size} strategy labels, got {len(out)}")
    if len(set(out)) != size:
        raise ValueError(f"strategy labels must be distinct, got {list(out)}")
    return out


def text(q: Fraction | float) -> str:
    """An exact rational as ``"1/3"`` (``"2"`` for an integer); a float as ``repr``."""
    if isinstance(q, Fraction):
        return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
    return repr(float(q))
