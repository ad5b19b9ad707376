r"""The numbers the kernel computes with: one square root over rational functions, and dual numbers.

:class:`Surd` is :math:`a + b\sqrt R` with :math:`a, b, R` rational functions
(:class:`~cluster_games.verify.polynomials.RatFunc`). A square root is *exact* when its radicand
is the square of a rational function (after a region's substitution, radicands such as
:math:`G^2 - 8\beta F/n` become :math:`s^2`); the root is then the one that is manifestly
:math:`\ge 0`. Otherwise :math:`R` is not a square in the field :math:`\mathbb Q(x)` and
:math:`\mathbb Q(x)[\sqrt R]` is a field of degree 2 (:math:`y^2 = R`): arithmetic in it is
exact, with :math:`(a + b\sqrt R)^{-1} = (a - b\sqrt R)/(a^2 - b^2 R)`. A result whose
:math:`\sqrt R` part vanishes is a rational function that does not depend on the branch of the
root (conjugation :math:`\sqrt R \mapsto -\sqrt R` fixes it), so nothing is assumed about the sign
of a root that is not exact. Only one such radicand may occur per computation, and roots do not nest:
anything else raises :class:`~cluster_games.verify.polynomials.NotCheckable`.

:class:`Dual` is forward-mode differentiation: :math:`(v, v')` with :math:`(uv)' = u'v + uv'`,
:math:`(u/v)' = (u'v - uv')/v^2`, :math:`(u^n)' = n u^{n-1} u'` and
:math:`(\sqrt u)' = u'/(2\sqrt u)`; a derivative of ``None`` is zero.

>>> from cluster_games.verify.polynomials import Poly
>>> x = Dual.const(RatFunc(Poly.var("x")))
>>> root = sqrt(x * x * 4)
>>> root.value.rational() == RatFunc(Poly.var("x") * Poly.const(2))
True
>>> r = sqrt(x)            # not a square: a formal root, and yet r * r is rational
>>> (r * r).value.rational() == RatFunc(Poly.var("x"))
True
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Union

from .polynomials import NotCheckable, Poly, RatFunc

__all__ = ["Dual", "Surd", "evaluate", "sqrt"]

Scalar = Union[int, Fraction, RatFunc, "Surd", "Dual"]
_ZERO = RatFunc(0)


def _rat(x: int | Fraction | RatFunc) -> RatFunc:
    return x if isinstance(x, RatFunc) else RatFunc(Fraction(x))


class Surd:
    r""":math:`a + b\sqrt R`; ``R`` is ``None`` exactly when :math:`b = 0`."""

    __slots__ = ("R", "a", "b")

    def __init__(self, a: RatFunc, b: RatFunc = _ZERO, R: RatFunc | None = None) -> None:
        if b.is_zero():
            R = None
        elif R is None:
            raise ValueError("a square-root part needs its radicand")
        self.a, self.b, self.R = a, b, R

    @classmethod
    def of(cls, x: int | Fraction | RatFunc | Surd) -> Surd:
        return x if isinstance(x, Surd) else cls(_rat(x))

    def _radicand(self, other: Surd) -> RatFunc | None:
        if self.R is None:
            return other.R
        if other.R is None or other.R is self.R or other.R == self.R:
            return self.R
        raise NotCheckable(f"two different square roots, of {self.R} and of {other.R}")

    def __add__(self, other: Surd) -> Surd:
        R = self._radicand(other)
        return Surd(self.a + other.a, self.b + other.b, R)

    def __neg__(self) -> Surd:
        return Surd(-self.a, -self.b, self.R)

    def __sub__(self, other: Surd) -> Surd:
        return self + (-other)

    def __mul__(self, other: Surd) -> Surd:
        R = self._radicand(other)
        if R is None:
            return Surd(self.a * other.a)
        a = self.a * other.a + self.b * other.b * R
        return Surd(a, self.a * other.b + self.b * other.a, R)

    def inverse(self) -> Surd:
        r""":math:`1/a`, or :math:`(a - b\sqrt R)/(a^2 - b^2 R)` with a root part."""
        if self.R is None:
            return Surd(self.a.inverse())
        norm = self.a * self.a - self.b * self.b * self.R  # non-zero: R is not a square
        return Surd(self.a / norm, -self.b / norm, self.R)

    def __truediv__(self, other: Surd) -> Surd:
        return self * other.inverse()

    def is_zero(self) -> bool:
        """Whether both parts are zero."""
        return self.a.is_zero() and self.b.is_zero()

    def rational(self) -> RatFunc:
        """The value as a rational function; refuses a value with a square root left in it."""
        if self.R is not None:
            raise NotCheckable(f"a square root of {self.R} does not cancel")
        return self.a

    def sqrt(self) -> Surd:
        """The exact non-negative root of a rational value if there is one, else a formal root."""
        if self.R is not None:
            raise NotCheckable("a nested square root")
        root = self.a.sqrt()
        return Surd(root) if root is not None else Surd(_ZERO, RatFunc(1), self.a)


def _surd(x: Scalar) -> Surd:
    if isinstance(x, Dual):
        if x.deriv is not None:
            raise TypeError("a dual number is not a plain number")
        return x.value
    return Surd.of(x)  # type: ignore[arg-type]


class Dual:
    """A value and its derivative (``None`` for zero) along one model symbol."""

    __slots__ = ("deriv", "value")

    def __init__(self, value: Surd, deriv: Surd | None = None) -> None:
        self.value = value
        self.deriv = None if deriv is None or deriv.is_zero() else deriv

    @classmethod
    def const(cls, x: Scalar) -> Dual:
        return x if isinstance(x, Dual) else cls(_surd(x))

    def __add__(self, other: Scalar) -> Dual:
        o = Dual.const(other)
        d = o.deriv if self.deriv is None else self.deriv if o.deriv is None else self.deriv + o.deriv
        return Dual(self.value + o.value, d)

    __radd__ = __add__

    def __neg__(self) -> Dual:
        return Dual(-self.value, None if self.deriv is None else -self.deriv)

    def __sub__(self, other: Scalar) -> Dual:
        return self + (-Dual.const(other))

    def __rsub__(self, other: Scalar) -> Dual:
        return Dual.const(other) + (-self)

    def __mul__(self, other: Scalar) -> Dual:
        o = Dual.const(other)
        d = None
        if self.deriv is not None:
            d = self.deriv * o.value
        if o.deriv is not None:
            d = self.value * o.deriv if d is None else d + self.value * o.deriv
        return Dual(self.value * o.value, d)

    __rmul__ = __mul__

    def __truediv__(self, other: Scalar) -> Dual:
        o = Dual.const(other)
        inv = o.value.inverse()
        value = self.value * inv
        d = None if self.deriv is None else self.deriv * inv
        if o.deriv is not None:
            term = -(value * o.deriv * inv)
            d = term if d is None else d + term
        return Dual(value, d)

    def __rtruediv__(self, other: Scalar) -> Dual:
        return Dual.const(other) / self

    def __pow__(self, e: int) -> Dual:
        if not isinstance(e, int):
            raise TypeError("only integer powers")
        if e < 0:
            return Dual.const(1) / self**-e
        result, base = Dual.const(1), self
        while e:  # repeated squaring
            if e & 1:
                result = result * base
            e >>= 1
            if e:
                base = base * base
        return result

    def sqrt(self) -> Dual:
        r""":math:`(\sqrt v, v'/(2\sqrt v))`."""
        root = self.value.sqrt()
        if self.deriv is None:
            return Dual(root)
        return Dual(root, self.deriv / (Surd.of(2) * root))


def sqrt(x: Scalar) -> Dual:
    """The square root of a number (see the module docstring for which root)."""
    return Dual.const(x).sqrt()


def evaluate(f: RatFunc, values: Mapping[str, Dual]) -> Dual:
    """``f`` with each variable replaced by its value in ``values`` (a missing variable is an error)."""

    def poly(p: Poly) -> Dual:
        total = Dual.const(0)
        for m, c in p.terms.items():
            term = Dual.const(c)
            for name, e in m:
                if name not in values:
                    raise NotCheckable(f"no value for the variable {name!r}")
                term = term * values[name] ** e
            total = total + term
        return total

    return poly(f.num) / poly(f.den)
