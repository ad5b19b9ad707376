r"""Exact sparse multivariate polynomials and rational functions over :class:`fractions.Fraction`.

Variables are identified by their *names*. A monomial is a tuple of ``(name, exponent)``
pairs sorted by name, with every exponent positive (the empty tuple is the monomial 1); a
:class:`Poly` maps monomials to non-zero rational coefficients. A :class:`RatFunc` is a pair
(numerator, denominator) of polynomials, denominator non-zero; two rational functions are
equal iff :math:`N_1 D_2 = N_2 D_1` (cross-multiplication: no gcd is needed). To limit the
swell, construction cancels the common monomial factor and divides exactly when the
denominator divides the numerator.

Signs. Every variable of this kernel is non-negative (model symbols and slacks alike), so a
polynomial whose coefficients are all :math:`\ge 0` is :math:`\ge 0`, and it is :math:`> 0`
as soon as one of its monomials is made of strictly positive variables only
(:func:`coefficient_sign`).

Square roots (:meth:`Poly.sqrt`) use the leading-term method in the graded lexicographic
order, a monomial order, so :math:`\mathrm{LT}(S^2) = \mathrm{LT}(S)^2`: take the root of the
leading term, then repeatedly divide the leading term of the remainder :math:`P - S^2` by
:math:`2\,\mathrm{LT}(S)`. If :math:`P = T^2` the terms of :math:`T` are found in decreasing
order; otherwise the method stops with ``None``.

>>> x, y = Poly.var("x"), Poly.var("y")
>>> ((x + y) ** 2).sqrt() == x + y
True
>>> (x * x + y).sqrt() is None
True
>>> RatFunc(x * x - y * y, x + y) == RatFunc(x - y)
True
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping
from contextlib import contextmanager
from fractions import Fraction

__all__ = [
    "Monomial",
    "NotCheckable",
    "Poly",
    "RatFunc",
    "WORK_LIMIT",
    "coefficient_sign",
    "rational_sqrt",
    "work_limit",
]

Monomial = tuple[tuple[str, int], ...]


class NotCheckable(ValueError):
    """Arithmetic the kernel refuses: division by zero, a root that is not exact, an undecidable sign,
    or more work than :func:`work_limit` allows."""


#: The checker's bound on the work of one certificate, in products and sums of terms. A fresh
#: export needs at most 1,010 (measured); a file that asks for more is not checked. The bound is
#: reached in about a second (measured: 4 s for 500,000 operations on a crafted certificate).
WORK_LIMIT = 100_000

_budget: list[int | None] = [None, None]  # [operations left, the limit] in a :func:`work_limit` block


@contextmanager
def work_limit(limit: int = WORK_LIMIT) -> Iterator[None]:
    """Within the block, arithmetic beyond ``limit`` term operations raises :class:`NotCheckable`.

    The file chooses the polynomials, so the file would otherwise choose how long the check runs.

    >>> x = Poly.var("x") + Poly.const(1)
    >>> with work_limit(100):
    ...     _ = x**64
    Traceback (most recent call last):
    ...
    cluster_games.verify.polynomials.NotCheckable: the check needs more than 100 term operations (the checker's bound on work)
    """
    outer = list(_budget)
    _budget[:] = [limit, limit]
    try:
        yield
    finally:
        _budget[:] = outer


def _spend(n: int) -> None:
    left = _budget[0]
    if left is not None:
        left -= n
        _budget[0] = left
        if left < 0:
            _budget[0] = 0
            raise NotCheckable(
                f"the check needs more than {_budget[1]:,} term operations (the checker's bound on work)"
            )


def _mono_mul(a: Monomial, b: Monomial) -> Monomial:
    if not a:
        return b
    if not b:
        return a
    powers = dict(a)
    for name, e in b:
        powers[name] = powers.get(name, 0) + e
    return tuple(sorted(powers.items()))


def _mono_div(a: Monomial, b: Monomial) -> Monomial | None:
    """``a / b`` if ``b`` divides ``a``, else ``None``."""
    powers = dict(a)
    for name, e in b:
        left = powers.get(name, 0) - e
        if left < 0:
            return None
        if left:
            powers[name] = left
        else:
            del powers[name]
    return tuple(sorted(powers.items()))


def _degree(m: Monomial) -> int:
    return sum(e for _, e in m)


def rational_sqrt(q: Fraction) -> Fraction | None:
    """The non-negative rational square root of ``q``, or ``None`` if it is not a rational square."""
    if q < 0:
        return None
    p, r = math.isqrt(q.numerator), math.isqrt(q.denominator)
    return Fraction(p, r) if p * p == q.numerator and r * r == q.denominator else None


class Poly:
    """A sparse polynomial: ``terms`` maps monomials to non-zero :class:`~fractions.Fraction` coefficients."""

    __slots__ = ("terms",)

    def __init__(self, terms: Mapping[Monomial, Fraction | int] | None = None) -> None:
        self.terms: dict[Monomial, Fraction] = {m: Fraction(c) for m, c in (terms or {}).items() if c != 0}

    @classmethod
    def _raw(cls, terms: dict[Monomial, Fraction]) -> Poly:
        p = cls.__new__(cls)
        p.terms = terms
        return p

    @classmethod
    def const(cls, value: Fraction | int) -> Poly:
        return cls({(): value})

    @classmethod
    def var(cls, name: str) -> Poly:
        return cls._raw({((name, 1),): Fraction(1)})

    @classmethod
    def from_terms(cls, variables: Iterable[str], terms: Iterable[tuple[Fraction, Iterable[int]]]) -> Poly:
        """From ``(coefficient, exponents)`` pairs over ``variables`` (repeated monomials are summed)."""
        names = tuple(variables)
        out: dict[Monomial, Fraction] = {}
        for coef, exps in terms:
            m = tuple(sorted((n, e) for n, e in zip(names, exps, strict=True) if e))
            out[m] = out.get(m, Fraction(0)) + coef
        return cls({m: c for m, c in out.items() if c})

    # ------------------------------------------------------------------ arithmetic
    def __add__(self, other: Poly) -> Poly:
        _spend(len(other.terms))
        out = dict(self.terms)
        for m, c in other.terms.items():
            s = out.get(m, 0) + c
            if s:
                out[m] = s
            else:
                out.pop(m, None)
        return Poly._raw(out)

    def __neg__(self) -> Poly:
        return Poly._raw({m: -c for m, c in self.terms.items()})

    def __sub__(self, other: Poly) -> Poly:
        return self + (-other)

    def __mul__(self, other: Poly) -> Poly:
        _spend(len(self.terms) * len(other.terms))
        out: dict[Monomial, Fraction] = {}
        for m1, c1 in self.terms.items():
            for m2, c2 in other.terms.items():
                m = _mono_mul(m1, m2)
                out[m] = out.get(m, 0) + c1 * c2
        return Poly._raw({m: c for m, c in out.items() if c})

    def scale(self, q: Fraction) -> Poly:
        """``q`` times this polynomial."""
        return Poly._raw({m: c * q for m, c in self.terms.items()}) if q else Poly()

    def __pow__(self, e: int) -> Poly:
        if e < 0:
            raise ValueError("negative power of a polynomial")
        result, base = Poly.const(1), self
        while e:
            if e & 1:
                result = result * base
            base, e = base * base, e >> 1
        return result

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Poly) and self.terms == other.terms

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        if not self.terms:
            return "0"
        return " + ".join(
            f"{c}*" + "*".join(f"{n}^{e}" for n, e in m) if m else str(c) for m, c in self.terms.items()
        )

    # ------------------------------------------------------------------ structure
    def is_zero(self) -> bool:
        """Whether this is the zero polynomial (no terms)."""
        return not self.terms

    def variables(self) -> set[str]:
        """The names of the variables that occur."""
        return {name for m in self.terms for name, _ in m}

    def _key(self):
        """Graded lexicographic order on monomials (degree, then exponents over sorted names)."""
        names = sorted(self.variables())

        def key(m: Monomial) -> tuple[int, tuple[int, ...]]:
            d = dict(m)
            return _degree(m), tuple(d.get(n, 0) for n in names)

        return key

    def monomial_gcd(self) -> Monomial:
        """The largest monomial dividing every term (``()`` for the zero polynomial)."""
        if not self.terms:
            return ()
        monos = iter(self.terms)
        common = dict(next(monos))
        for m in monos:
            d = dict(m)
            common = {n: min(e, d[n]) for n, e in common.items() if n in d}
            if not common:
                break
        return tuple(sorted(common.items()))

    def divide_monomial(self, m: Monomial) -> Poly:
        """This polynomial divided by a monomial that divides every term (see :meth:`monomial_gcd`)."""
        return Poly._raw({_mono_div(t, m): c for t, c in self.terms.items()})  # type: ignore[misc]

    def divide_exact(self, d: Poly) -> Poly | None:
        """``self / d`` if ``d`` divides ``self`` exactly, else ``None`` (division by leading terms)."""
        if d.is_zero():
            raise NotCheckable("division by the zero polynomial")
        key = Poly._raw({**self.terms, **d.terms})._key()
        lead_d = max(d.terms, key=key)
        c_d = d.terms[lead_d]
        low = min(map(_degree, self.terms), default=0) - min(map(_degree, d.terms))
        rem, quotient = self, Poly()
        while rem.terms:
            m = max(rem.terms, key=key)
            q = _mono_div(m, lead_d)
            if q is None or _degree(q) < low:
                return None
            t = Poly._raw({q: rem.terms[m] / c_d})
            quotient, rem = quotient + t, rem - t * d
        return quotient

    def sqrt(self) -> Poly | None:
        """A polynomial ``S`` with ``S * S == self`` and positive leading coefficient, or ``None``."""
        if not self.terms:
            return Poly()
        key = self._key()
        lead = max(self.terms, key=key)
        root_c = rational_sqrt(self.terms[lead])
        if root_c is None or any(e % 2 for _, e in lead):
            return None
        root_m = tuple((n, e // 2) for n, e in lead)
        low = min(map(_degree, self.terms))  # every term of S has degree >= low / 2
        root = Poly._raw({root_m: root_c})
        rem = self - root * root
        last = root_m
        while rem.terms:
            m = max(rem.terms, key=key)
            q = _mono_div(m, root_m)
            if q is None or 2 * _degree(q) < low or key(q) >= key(last):
                return None
            t = Poly._raw({q: rem.terms[m] / (2 * root_c)})
            rem = rem - (root.scale(Fraction(2)) + t) * t
            root, last = root + t, q
        return root


def coefficient_sign(p: Poly, positive: Iterable[str]) -> tuple[int | None, bool]:
    """``(sign, strict)`` of ``p`` read from its coefficients, all variables being non-negative.

    ``sign`` is ``0`` for the zero polynomial, ``+1`` / ``-1`` if every coefficient has that sign,
    ``None`` for mixed signs. ``strict`` is True when some monomial uses only variables of
    ``positive`` (the constant monomial included): then :math:`p \\ne 0` wherever those are > 0.
    """
    if not p.terms:
        return 0, False
    signs = {c > 0 for c in p.terms.values()}
    if len(signs) != 1:
        return None, False
    pos = set(positive)
    strict = any(all(n in pos for n, _ in m) for m in p.terms)
    return (1 if signs.pop() else -1), strict


class RatFunc:
    """A rational function ``num / den`` (``den`` non-zero), kept with cancelled monomial factors."""

    __slots__ = ("den", "num")

    def __init__(self, num: Poly | Fraction | int, den: Poly | Fraction | int = 1) -> None:
        num = num if isinstance(num, Poly) else Poly.const(num)
        den = den if isinstance(den, Poly) else Poly.const(den)
        if den.is_zero():
            raise NotCheckable("division by zero")
        if num.is_zero():
            self.num, self.den = Poly(), Poly.const(1)
            return
        common = dict(num.monomial_gcd())
        if common:
            dd = dict(den.monomial_gcd())
            shared = tuple(sorted((n, min(e, dd[n])) for n, e in common.items() if n in dd))
            if shared:
                num, den = num.divide_monomial(shared), den.divide_monomial(shared)
        if len(den.terms) > 1:
            q = num.divide_exact(den)
            if q is not None:
                num, den = q, Poly.const(1)
        lead = den.terms[max(den.terms, key=den._key())]
        if lead != 1:
            num, den = num.scale(1 / lead), den.scale(1 / lead)
        self.num, self.den = num, den

    def __add__(self, other: RatFunc) -> RatFunc:
        if self.den == other.den:
            return RatFunc(self.num + other.num, self.den)
        return RatFunc(self.num * other.den + other.num * self.den, self.den * other.den)

    def __neg__(self) -> RatFunc:
        return RatFunc(-self.num, self.den)

    def __sub__(self, other: RatFunc) -> RatFunc:
        return self + (-other)

    def __mul__(self, other: RatFunc) -> RatFunc:
        return RatFunc(self.num * other.num, self.den * other.den)

    def inverse(self) -> RatFunc:
        """``den / num``; refuses the zero function."""
        if self.num.is_zero():
            raise NotCheckable("division by zero")
        return RatFunc(self.den, self.num)

    def __truediv__(self, other: RatFunc) -> RatFunc:
        return self * other.inverse()

    def __eq__(self, other: object) -> bool:
        return isinstance(other, RatFunc) and self.num * other.den == other.num * self.den

    __hash__ = None  # type: ignore[assignment]

    def __repr__(self) -> str:
        return f"({self.num}) / ({self.den})"

    def is_zero(self) -> bool:
        """Whether the numerator is the zero polynomial."""
        return self.num.is_zero()

    def sign(self) -> int | None:
        """+1 (>= 0), -1 (<= 0) or 0 from the coefficients (variables non-negative); ``None``: undecided."""
        sn, _ = coefficient_sign(self.num, ())
        sd, _ = coefficient_sign(self.den, ())
        return None if sn is None or sd is None else sn * sd

    def sqrt(self) -> RatFunc | None:
        r"""The exact root :math:`S \ge 0` with :math:`S^2 = N/D`, or ``None`` if :math:`N/D` is not a square.

        :math:`\sqrt{N/D} = \sqrt{N}/\sqrt{D}` when both are squares, else :math:`\sqrt{N D}/D`. The
        sign is chosen so that the root is manifestly non-negative (coefficients, all variables
        :math:`\ge 0`); a square whose root has no manifest sign raises :class:`NotCheckable`.
        """
        if self.num.is_zero():
            return self
        p, q = self.num.sqrt(), self.den.sqrt()
        if p is not None and q is not None:
            root = RatFunc(p, q)
        else:
            pq = (self.num * self.den).sqrt()
            if pq is None:
                return None
            root = RatFunc(pq, self.den)
        s = root.sign()
        if s is None:
            raise NotCheckable(f"the square root of {self} has no manifest sign")
        return root if s > 0 else -root
