r"""Polynomials in the parameters: exact evaluation, irreducible factors, and signs as products of factors.

Every strategic fact of a parametric game is the sign of a polynomial in the parameters
:math:`\theta` (SPEC 5.2). The atlas never decides such a sign from the polynomial as a
whole: it factors it over :math:`\mathbb{Q}` once,

.. math::  p = c \prod_k f_k^{e_k}, \qquad \operatorname{sign} p(\theta) = \operatorname{sign}(c) \prod_k \operatorname{sign} f_k(\theta)^{e_k},

and records the sign of each irreducible factor :math:`f_k` (the *critical polynomials*).
:class:`FactorTable` holds the distinct factors, each normalised to integer coefficients
with no common divisor and a positive leading coefficient, and turns any polynomial into a
:class:`SignedProduct` over them. Polynomials live in sympy's sparse ring
:math:`\mathbb{Q}[\theta]` (:mod:`sympy.polys.rings`); evaluation at a point is exact, in
integers: with :math:`\theta_i = p_i / q_i`, the value times :math:`\prod_i q_i^{D_i}` is an
integer whose sign is the sign of the value.

>>> import sympy as sp
>>> V, C = sp.symbols("V C", real=True)
>>> ring_ = ParameterRing((V, C))
>>> table = FactorTable(ring_)
>>> product = table.add(ring_.poly(-(V - C) ** 2 * (2 * V + 4)))
>>> [str(f) for f in table.factors], product.constant, product.powers
(['V + 2', '-C + V'], -1, ((0, 1), (1, 2)))
>>> product.sign({0: 1, 1: -1}), product.sign({0: 1, 1: 0})
(-1, 0)
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import gcd

import sympy as sp
from sympy import QQ
from sympy.polys.fields import field
from sympy.polys.rings import PolyElement

__all__ = ["ParameterRing", "Factor", "FactorTable", "SignedProduct", "sign", "evaluate"]


def sign(value: Fraction | int) -> int:
    """-1, 0 or 1."""
    return (value > 0) - (value < 0)


def _fraction(c) -> Fraction:
    return Fraction(int(c.numerator), int(c.denominator))


def evaluate(p: PolyElement, point: Sequence[Fraction]) -> Fraction:
    """A polynomial at a rational point, exactly (for one-off values; see :mod:`.evaluate` for many points)."""
    total = Fraction(0)
    for monom, coeff in p.terms():
        term = _fraction(coeff)
        for x, e in zip(point, monom, strict=False):
            if e:
                term *= x**e
        total += term
    return total


class ParameterRing:
    """The rings :math:`\\mathbb{Q}[\\theta]` and :math:`\\mathbb{Q}(\\theta)` of a game's parameters."""

    def __init__(self, symbols: Sequence[sp.Symbol]) -> None:
        self.symbols = tuple(symbols)
        if self.symbols:
            self.field = field(list(self.symbols), QQ)[0]
        else:  # a game with no parameter: polynomials are constants
            self.field = field([sp.Dummy("t")], QQ)[0]
        self.ring = self.field.ring

    @property
    def d(self) -> int:
        return len(self.symbols)

    def fraction(self, expr: sp.Expr) -> tuple[PolyElement, PolyElement]:
        """``expr`` as numerator and denominator, cancelled, the denominator with leading coefficient 1."""
        f = self.field.from_expr(expr)
        return f.numer, f.denom

    def poly(self, expr: sp.Expr) -> PolyElement:
        """A polynomial ``expr`` in the ring (``ValueError`` if it has a denominator)."""
        num, den = self.fraction(expr)
        if den != 1:
            if den.is_ground:
                return num * (1 / _fraction(den.LC))
            raise ValueError(f"{expr} is not a polynomial")
        return num

    def expr(self, p: PolyElement) -> sp.Expr:
        """The polynomial as a sympy expression over the game's symbols."""
        return p.as_expr(*self.symbols) if self.symbols else sp.Rational(_fraction(p.LC) if p else 0)

    def evaluate(self, p: PolyElement, point: Sequence[Fraction]) -> Fraction:
        """``p`` at the point, exactly (:func:`evaluate`)."""
        return evaluate(p, point)


@dataclass(frozen=True)
class Factor:
    """An irreducible polynomial over Q in the parameters: integer coefficients, content 1, leading coefficient > 0.

    ``terms`` holds ``(exponents, integer coefficient)`` pairs for exact integer evaluation.
    """

    index: int
    poly: PolyElement
    expr: sp.Expr
    terms: tuple[tuple[tuple[int, ...], int], ...]
    degrees: tuple[int, ...]

    @property
    def total_degree(self) -> int:
        return max(sum(m) for m, _ in self.terms)

    def sign_at(self, point: Sequence[Fraction]) -> int:
        """The exact sign at a rational point, in integer arithmetic (no Fraction per term)."""
        nums = [x.numerator for x in point]
        dens = [x.denominator for x in point]
        total = 0
        for monom, coeff in self.terms:
            term = coeff
            for i, e in enumerate(monom):
                D = self.degrees[i]
                if D:
                    term *= nums[i] ** e * dens[i] ** (D - e)
            total += term
        return (total > 0) - (total < 0)

    def __str__(self) -> str:
        return sp.sstr(self.expr)


@dataclass(frozen=True)
class SignedProduct:
    """A polynomial's sign as ``constant * prod sign(f_k)^e_k``; ``constant == 0`` for the zero polynomial.

    ``powers`` lists ``(factor index, exponent)``.
    """

    constant: int
    powers: tuple[tuple[int, int], ...]

    @property
    def is_zero(self) -> bool:
        return self.constant == 0

    def factors(self) -> tuple[int, ...]:
        return tuple(k for k, _ in self.powers)

    def sign(self, signs: Mapping[int, int]) -> int:
        """The sign given each factor's sign (``KeyError`` for a factor whose sign is not given)."""
        out = self.constant
        for k, e in self.powers:
            s = signs[k]
            if s == 0:
                return 0
            if s < 0 and e % 2:
                out = -out
        return out

    def times(self, other: SignedProduct) -> SignedProduct:
        powers: dict[int, int] = dict(self.powers)
        for k, e in other.powers:
            powers[k] = powers.get(k, 0) + e
        return SignedProduct(self.constant * other.constant, tuple(sorted(powers.items())))


class FactorTable:
    """The distinct irreducible factors met so far, and each polynomial as a :class:`SignedProduct` of them."""

    def __init__(self, ring: ParameterRing) -> None:
        self.ring = ring
        self.factors: list[Factor] = []
        self._index: dict[PolyElement, int] = {}
        self._cache: dict[PolyElement, SignedProduct] = {}

    def add(self, p: PolyElement) -> SignedProduct:
        """Factor ``p`` and register its factors; the result gives ``sign(p)`` from the factors' signs."""
        if not p:
            return SignedProduct(0, ())
        cached = self._cache.get(p)
        if cached is not None:
            return cached
        if p.is_ground:
            out = SignedProduct(sign(_fraction(p.LC)), ())
            self._cache[p] = out
            return out
        coeff, parts = p.factor_list()
        constant = sign(_fraction(coeff))
        powers: dict[int, int] = {}
        for f, e in parts:
            g, flip = self._normalise(f)
            if flip and e % 2:
                constant = -constant
            k = self._register(g)
            powers[k] = powers.get(k, 0) + e
        out = SignedProduct(constant, tuple(sorted(powers.items())))
        self._cache[p] = out
        return out

    def _normalise(self, f: PolyElement) -> tuple[PolyElement, bool]:
        """``f`` scaled to integer coefficients with content 1 and a positive leading coefficient.

        Returns ``(g, flip)``: ``f`` is a positive constant times ``-g`` if ``flip``, else times ``g``.
        """
        _, g = f.clear_denoms()  # a positive multiple of f with integer coefficients
        content = 0
        for c in g.coeffs():
            content = gcd(content, int(_fraction(c)))
        g = g.quo_ground(QQ(content))
        flip = _fraction(g.LC) < 0
        return (-g if flip else g), flip

    def _register(self, g: PolyElement) -> int:
        k = self._index.get(g)
        if k is not None:
            return k
        k = len(self.factors)
        terms = tuple((tuple(m), int(_fraction(c))) for m, c in g.terms())
        degrees = tuple(max(m[i] for m, _ in terms) for i in range(len(terms[0][0])))
        self.factors.append(Factor(k, g, self.ring.expr(g), terms, degrees))
        self._index[g] = k
        return k
