"""Exact payoffs: every input becomes a :class:`fractions.Fraction`, and decisions are taken on those.

Integers, Fractions, Decimals, decimal or rational strings (``"0.1"`` is 1/10, ``"1/3"``)
and floats of any precision are accepted; a float is the dyadic rational it stores (``0.1``
is 3602879701896397/36028797018963968; a ``numpy.longdouble`` keeps its 64-bit mantissa),
so a comparison of two float payoffs is decided as the floats compare, never after further
rounding. Booleans, NaN, infinities, masked entries and other objects are refused with a
message naming the entry.

Exact arithmetic has a cost that grows with the size of the numbers, so a payoff's numerator
and denominator may have at most :data:`MAX_DIGITS` (2000) decimal digits: ``"1e1999"`` is
accepted, ``"1e5000"`` and ``"1e-999999999"`` are refused from the digits and the exponent
as written, *before* the number is built (building ``10**999999999`` alone takes minutes). A
matrix may hold at most :data:`MAX_PAYOFFS` payoffs, checked from its shape before any entry
is converted.

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

import decimal
import math
import numbers
import re
from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np

__all__ = [
    "Matrix",
    "MAX_DIGITS",
    "MAX_PAYOFFS",
    "to_fraction",
    "matrix",
    "normalised",
    "as_float",
    "labels",
    "text",
]

#: An exact payoff matrix: a tuple of rows of Fractions.
Matrix = tuple[tuple[Fraction, ...], ...]

#: Most decimal digits of a payoff's numerator and of its denominator (10**1999 is accepted).
MAX_DIGITS = 2000
_SAFE_BITS = 6643  # 2**6643 < 10**2000: an integer of at most 6643 bits has at most 2000 digits

#: Most payoffs in one matrix (500 x 500): about 3 s and 60 MB to convert, checked from the shape first.
MAX_PAYOFFS = 250_000

# Python's own grammar of Fraction strings (fractions._RATIONAL_FORMAT), to size a number before
# it is built: Fraction("1e999999999") computes 10**999999999, which takes minutes.
_NUMBER = re.compile(
    r"""\A\s*(?P<sign>[-+]?)(?=\d|\.\d)(?P<num>\d*|\d+(_\d+)*)
    (?:(?:/(?P<denom>\d+(_\d+)*))?|(?:\.(?P<decimal>\d*|\d+(_\d+)*))?(?:E(?P<exp>[-+]?\d+(_\d+)*))?)\s*\Z""",
    re.VERBOSE | re.IGNORECASE,
)


def _too_large(where: str, shown: str, digits: int) -> ValueError:
    need = f"about {digits:,}" if digits < 10**12 else "more than 10**12"
    return ValueError(
        f"{where}: {shown} is beyond the exact range of payoffs (a numerator and a denominator of at most "
        f"{MAX_DIGITS} digits; this needs {need})"
    )


def _digits(n: int) -> int:
    """The number of decimal digits of ``|n|`` (from the bit length beyond the limit: never a long ``str``)."""
    n = abs(n)
    return len(str(n)) if n.bit_length() <= 7000 else math.ceil(n.bit_length() * math.log10(2))


def _checked(q: Fraction, where: str, shown: str) -> Fraction:
    if q.numerator.bit_length() <= _SAFE_BITS and q.denominator.bit_length() <= _SAFE_BITS:
        return q  # the common case, decided without converting to decimal
    digits = max(_digits(q.numerator), _digits(q.denominator))
    if digits > MAX_DIGITS:
        raise _too_large(where, shown, digits)
    return q


def _short(value: str) -> str:
    return repr(value if len(value) <= 40 else value[:37] + "...")


def _from_string(value: str, where: str) -> Fraction:
    m = _NUMBER.match(value) if len(value) <= 4 * MAX_DIGITS else None
    if m is None:
        if len(value) > 4 * MAX_DIGITS:
            raise _too_large(where, f"a string of {len(value):,} characters", len(value))
        raise ValueError(f"{where}: {_short(value)} is not a number (write 3, -1/2 or 0.25)")
    num = (m["num"] or "").replace("_", "").lstrip("0")
    if m["denom"] is not None:
        top, bottom = len(num), len(m["denom"].replace("_", "").lstrip("0"))
    else:
        frac = (m["decimal"] or "").replace("_", "")
        exp_text = (m["exp"] or "0").replace("_", "")
        big = len(exp_text.lstrip("+-0")) > 12  # int() of a long exponent would itself be slow
        exponent = (-1 if exp_text[0] == "-" else 1) * 10**13 if big else int(exp_text)
        shift = exponent - len(frac)  # value = int(num + frac) * 10**shift
        top, bottom = len(num + frac) + max(shift, 0), max(-shift, 0) + 1
    if max(top, bottom) > MAX_DIGITS + 1:
        raise _too_large(where, _short(value), max(top, bottom))
    try:
        return _checked(Fraction(value), where, _short(value))
    except ZeroDivisionError:
        raise ValueError(f"{where}: {_short(value)} is not a number (a zero denominator)") from None


def _from_decimal(value: decimal.Decimal, where: str) -> Fraction:
    if not value.is_finite():
        raise ValueError(f"{where}: must be finite, got {value}")
    _, digits, exponent = value.as_tuple()
    top, bottom = len(digits) + max(int(exponent), 0), max(-int(exponent), 0) + 1
    if max(top, bottom) > MAX_DIGITS + 1:
        raise _too_large(
            where, str(value) if len(digits) < 40 else f"a decimal of {len(digits)} digits", max(top, bottom)
        )
    return _checked(Fraction(value), where, str(value))


def to_fraction(value: Any, where: str = "payoff") -> Fraction:
    """``value`` as an exact rational; raises ``ValueError`` naming ``where`` if it is not a finite real.

    Numbers beyond :data:`MAX_DIGITS` digits are refused before they are built.

    >>> to_fraction("1e-3"), to_fraction(np.longdouble(1) + np.longdouble(2) ** -60) - 1
    (Fraction(1, 1000), Fraction(1, 1152921504606846976))
    >>> to_fraction("1e999999999", "A[0][0]")
    Traceback (most recent call last):
    ...
    ValueError: A[0][0]: '1e999999999' is beyond the exact range of payoffs (a numerator and a denominator of at most 2000 digits; this needs about 1,000,000,000)
    """
    if isinstance(value, (bool, np.bool_)):
        raise ValueError(f"{where}: expected a number, got a boolean {value!r}")
    if value is np.ma.masked:
        raise ValueError(f"{where}: the entry is masked (no payoff)")
    if isinstance(value, Fraction):
        return _checked(value, where, "the fraction")
    if isinstance(value, (numbers.Integral, np.integer)):
        return _checked(Fraction(int(value)), where, "the integer")
    if isinstance(value, (float, np.floating)):
        if not np.isfinite(value):
            raise ValueError(f"{where}: must be finite, got {value!r}")
        # exact in every precision (a longdouble keeps its 64-bit mantissa: no rounding to float64)
        return _checked(Fraction(*value.as_integer_ratio()), where, repr(value))
    if isinstance(value, decimal.Decimal):
        return _from_decimal(value, where)
    if isinstance(value, numbers.Rational):
        return _checked(Fraction(value.numerator, value.denominator), where, "the rational")
    if isinstance(value, str):
        return _from_string(value, where)
    raise ValueError(f"{where}: expected a number, got {type(value).__name__}")


def _size_check(name: str, rows: int, cols: int) -> None:
    if rows * cols > MAX_PAYOFFS:
        raise ValueError(
            f"{name}: a {rows} x {cols} matrix has {rows * cols:,} payoffs; at most {MAX_PAYOFFS:,} are taken "
            "(each becomes an exact rational: about 3 s and 60 MB at the limit)"
        )


def matrix(values: Any, name: str) -> Matrix:
    """A non-empty 2-D payoff matrix of exact rationals (its size checked before any entry is converted).

    A masked array is taken when no entry is masked and refused otherwise (a masked entry has
    no payoff); numpy floats of every precision are taken exactly.
    """
    if isinstance(values, np.ndarray):
        if values.ndim != 2:
            raise ValueError(f"{name}: must be 2-dimensional, got shape {values.shape}")
        if np.ma.isMaskedArray(values):
            mask = np.ma.getmaskarray(values)
            if mask.any():
                i, j = (int(v) for v in np.argwhere(mask)[0])
                raise ValueError(
                    f"{name}: {int(mask.sum())} masked entr{'y' if mask.sum() == 1 else 'ies'} (first {name}[{i}][{j}]): "
                    "every profile needs a payoff; fill them (e.g. with .filled(0)) or pass a plain array"
                )
            values = np.ma.getdata(values)
        _size_check(name, *values.shape)
        if values.dtype.kind == "c":
            raise ValueError(f"{name}: payoffs must be real, got an array of dtype {values.dtype}")
        rows = values.tolist() if values.dtype != object else [list(r) for r in values]
    else:
        if not isinstance(values, Sequence) or isinstance(values, str):
            raise ValueError(f"{name}: expected a 2-D array of payoffs, got {type(values).__name__}")
        rows = list(values)
    if not rows or any(isinstance(r, str) or not isinstance(r, (Sequence, np.ndarray)) for r in rows):
        raise ValueError(f"{name}: expected a non-empty 2-D array of payoffs")
    width = len(rows[0])
    _size_check(name, len(rows), width)
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


def _int_text(n: int) -> str:
    """``str(n)`` for integers of any size (Python refuses more than 4300 digits; halves are converted)."""
    if n < 0:
        return "-" + _int_text(-n)
    if n.bit_length() <= 12_000:  # about 3600 digits: below the interpreter's limit
        return str(n)
    half = int(n.bit_length() * 0.30103) // 2
    high, low = divmod(n, 10**half)
    return _int_text(high) + _int_text(low).rjust(half, "0")


def text(q: Fraction | float) -> str:
    """An exact rational as ``"1/3"`` (``"2"`` for an integer, any number of digits); a float as ``repr``.

    >>> text(Fraction(1, 3)), text(Fraction(-4)), len(text(Fraction(10**5000)))
    ('1/3', '-4', 5001)
    """
    if isinstance(q, Fraction):
        top = _int_text(q.numerator)
        return top if q.denominator == 1 else f"{top}/{_int_text(q.denominator)}"
    return repr(float(q))
