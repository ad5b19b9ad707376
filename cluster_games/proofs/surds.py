r"""Exact values of model expressions at a check point: rationals and one square root.

At a check point every input is a float, i.e. a dyadic rational, and the free-entry rate
:math:`\omega^* = 2C / (c(K + \sqrt{\Delta}))` brings one square root. So every rational function
of the inputs and :math:`\omega^*` lies in the field :math:`\mathbb{Q}(\sqrt{\Delta})`: it is
:math:`a + b\sqrt{d}` with rational :math:`a, b, d`, and its sign is decided exactly
(:meth:`Surd.sign`). :func:`evaluate` walks a model expression (sympy's ``Add``, ``Mul``, ``Pow``
with integer exponents or :math:`\pm 1/2` of a rational) in that field, so no digit is lost
however much the expression cancels: sympy's ``sign`` of the same value, numerically evaluated,
could not decide it at extreme magnitudes ("cannot compute int value accurately").

>>> import sympy as sp
>>> x = sp.Symbol("x")
>>> v = evaluate(x**2 - 2, {x: Surd(0, 1, 2)})  # sqrt(2)^2 - 2
>>> v, v.sign()
(Surd(a=Fraction(0, 1), b=Fraction(0, 1), d=Fraction(2, 1)), 0)
>>> evaluate(1 / (x - 1), {x: Surd(0, 1, 2)})  # 1/(sqrt(2) - 1) = 1 + sqrt(2)
Surd(a=Fraction(1, 1), b=Fraction(1, 1), d=Fraction(2, 1))
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction
from math import isqrt

import sympy as sp

__all__ = ["Surd", "evaluate"]


def _sign(x: Fraction) -> int:
    return (x > 0) - (x < 0)


def _rational_sqrt(d: Fraction) -> Fraction | None:
    """sqrt(d) if it is rational, else None."""
    p, q = d.numerator, d.denominator
    rp, rq = isqrt(p), isqrt(q)
    return Fraction(rp, rq) if rp * rp == p and rq * rq == q else None


@dataclass(frozen=True)
class Surd:
    r""":math:`a + b\sqrt{d}` with rationals :math:`a, b` and :math:`d \ge 0`."""

    a: Fraction
    b: Fraction
    d: Fraction

    def __post_init__(self) -> None:
        for name in ("a", "b", "d"):
            object.__setattr__(self, name, Fraction(getattr(self, name)))
        if self.d < 0:
            raise ValueError("the radicand must not be negative")

    @classmethod
    def sqrt(cls, d: Fraction) -> Fraction | Surd:
        """:math:`\\sqrt{d}`: a rational where it is one, else the surd."""
        root = _rational_sqrt(Fraction(d))
        return root if root is not None else cls(Fraction(0), Fraction(1), Fraction(d))

    def _lift(self, other) -> Surd:
        if isinstance(other, Surd):
            if other.d != self.d and other.b != 0 and self.b != 0:
                raise NotImplementedError("two different square roots")
            return other
        return Surd(Fraction(other), Fraction(0), self.d)

    def _with(self, other: Surd) -> Fraction:
        return self.d if self.b != 0 else other.d

    def __add__(self, other):
        o = self._lift(other)
        return Surd(self.a + o.a, self.b + o.b, self._with(o))

    __radd__ = __add__

    def __neg__(self):
        return Surd(-self.a, -self.b, self.d)

    def __sub__(self, other):
        return self + (-self._lift(other))

    def __rsub__(self, other):
        return (-self) + other

    def __mul__(self, other):
        o = self._lift(other)
        d = self._with(o)
        return Surd(self.a * o.a + self.b * o.b * d, self.a * o.b + self.b * o.a, d)

    __rmul__ = __mul__

    def inverse(self) -> Surd:
        r""":math:`1/(a + b\sqrt d) = (a - b\sqrt d)/(a^2 - b^2 d)`."""
        norm = self.a * self.a - self.b * self.b * self.d
        if norm == 0:
            raise ZeroDivisionError("division by zero in Q(sqrt(d))")
        return Surd(self.a / norm, -self.b / norm, self.d)

    def __truediv__(self, other):
        return self * self._lift(other).inverse()

    def __rtruediv__(self, other):
        return self._lift(other) * self.inverse()

    def __pow__(self, e: int):
        if e < 0:
            return self.inverse() ** (-e)
        out: Surd = Surd(Fraction(1), Fraction(0), self.d)
        for _ in range(e):
            out = out * self
        return out

    def sign(self) -> int:
        r"""The exact sign of :math:`a + b\sqrt d`: compare :math:`a^2` with :math:`b^2 d` where they differ in sign."""
        sa, sb = _sign(self.a), _sign(self.b) if self.d else 0
        if sb == 0 or sa == sb:
            return sa or sb
        if sa == 0:
            return sb
        return sa * _sign(self.a * self.a - self.b * self.b * self.d)


def evaluate(expr: sp.Expr, values: dict) -> Fraction | Surd:
    """``expr`` at ``values`` (symbol -> Fraction or :class:`Surd`), exactly.

    Raises
    ------
    NotImplementedError
        If the expression leaves the field: a second, different square root, another power or a function.
    """
    if expr.is_Rational:
        return Fraction(int(expr.p), int(expr.q))
    if expr.is_Symbol:
        return values[expr]
    if expr.is_Add or expr.is_Mul:
        parts = [evaluate(a, values) for a in expr.args]
        out = parts[0]
        for x in parts[1:]:
            out = out + x if expr.is_Add else out * x
        return out
    if expr.is_Pow:
        base, e = expr.args
        value = evaluate(base, values)
        if e.is_Integer:
            return value ** int(e)
        if e in (sp.Rational(1, 2), sp.Rational(-1, 2)) and isinstance(value, Fraction):
            if value < 0:
                raise NotImplementedError("square root of a negative number")
            root = Surd.sqrt(value)
            return root if e > 0 else 1 / root
    raise NotImplementedError(f"not an expression of Q(sqrt(d)): {type(expr).__name__}")
