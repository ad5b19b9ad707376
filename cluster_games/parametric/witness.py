r"""Exact witnesses: signs of polynomials at rational or real algebraic points, and rational witnesses.

A witness proves that a region is not empty. Its check does not trust the solver: the
sign of every condition is recomputed here, in integer arithmetic at a rational point; at
a point with algebraic coordinates (:class:`~cluster_games.parametric.solver.Algebraic`),
by exact interval arithmetic on isolating intervals that are refined until the sign is
clear, and, for a value that must be zero, by its minimal polynomial (sympy).

The solver's models are turned into rational points where one exists nearby: coordinates
are rounded to short rationals (enough for an open condition), and coordinates that an
equation pins down are solved for, one variable per equation that is linear in it.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction

import sympy as sp
from sympy.polys.rings import PolyElement

from .polys import Factor, evaluate, sign
from .solver import Constraint, Value

__all__ = ["is_rational", "factor_sign", "poly_sign", "holds", "rationalise", "text"]


def is_rational(point: Sequence[Value]) -> bool:
    return all(isinstance(v, Fraction) for v in point)


def text(v: Value) -> str:
    """A coordinate as text: ``"3/2"``, or ``"root 1 of ..."`` for an algebraic number."""
    if isinstance(v, Fraction):
        return str(v.numerator) if v.denominator == 1 else f"{v.numerator}/{v.denominator}"
    return str(v)


def _algebraic_sign(p: PolyElement, point: Sequence[Value]) -> int:
    """Sign of ``p`` at a point with algebraic coordinates, exactly."""
    algebraic = [i for i, v in enumerate(point) if not isinstance(v, Fraction)]
    if len({(point[i].coefficients, point[i].index) for i in algebraic}) == 1:
        # one algebraic number (in one or several coordinates, as on the line a = b): a gcd decides a zero
        return _one_algebraic_sign(p, point, algebraic)
    symbols = p.ring.symbols
    values = {s: (sp.Rational(v.numerator, v.denominator) if isinstance(v, Fraction) else v.to_sympy())
              for s, v in zip(symbols, point, strict=False)}  # fmt: skip
    expr = p.as_expr().xreplace(values)
    intervals = {i: isolate(point[i]) for i in algebraic}
    # a non-zero value is separated from 0 by refining the intervals; only a value still straddling 0
    # after that is tested for an exact zero (a minimal polynomial: slow, so asked once)
    for rounds in range(80):
        lo, hi = _interval(p, point, intervals)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        if rounds == 12 and _is_zero(expr):
            return 0
        intervals = {i: refine(iv) for i, iv in intervals.items()}
    raise ArithmeticError(f"could not decide the sign of {p} at {point}")  # pragma: no cover


def isolate(alpha) -> tuple:
    """``(poly, a, b)``: alpha's defining polynomial and an isolating interval with rational ends."""
    t = sp.Dummy("t")
    g = sp.Poly(list(reversed(alpha.coefficients)), t, domain=sp.QQ)
    (a, b), _ = g.intervals()[alpha.index]
    return g, Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))


def refine(interval: tuple) -> tuple:
    """The isolating interval narrowed to a quarter of its width (or less)."""
    g, a, b = interval
    if a == b:
        return interval
    eps = (b - a) / 4
    a2, b2 = g.refine_root(sp.Rational(a.numerator, a.denominator), sp.Rational(b.numerator, b.denominator),
                           eps=sp.Rational(eps.numerator, eps.denominator))  # fmt: skip
    return g, Fraction(int(a2.p), int(a2.q)), Fraction(int(b2.p), int(b2.q))


def _one_algebraic_sign(p: PolyElement, point: Sequence[Value], at: Sequence[int]) -> int:
    """Coordinates ``at`` all equal to one algebraic alpha, a root of g: p(.., alpha, ..) = q(alpha) is
    zero iff alpha is a root of gcd(q, g), decided on alpha's isolating interval; otherwise refine
    until the sign is clear."""
    alpha = point[at[0]]
    interval = isolate(alpha)
    g, a, b = interval
    t = g.gen
    q = sp.Poly(0, t, domain=sp.QQ)
    for monom, coeff in p.terms():
        c = Fraction(int(coeff.numerator), int(coeff.denominator))
        for i, e in enumerate(monom):
            if e and i not in at:
                c *= point[i] ** e
        degree = sum(monom[i] for i in at)
        q += sp.Poly(sp.Rational(c.numerator, c.denominator) * t**degree, t, domain=sp.QQ)
    if q.is_zero:
        return 0
    h = sp.gcd(q, g)
    if (
        h.degree() >= 1
        and h.count_roots(sp.Rational(a.numerator, a.denominator), sp.Rational(b.numerator, b.denominator))
        > 0
    ):
        return 0
    coeffs = [Fraction(int(c.p), int(c.q)) for c in reversed(q.all_coeffs())]
    for _ in range(200):
        _, a, b = interval
        lo, hi = _univariate_range(coeffs, a, b)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        interval = refine(interval)
    raise ArithmeticError(f"could not decide the sign of {p} at {point}")  # pragma: no cover


def _univariate_range(coeffs: list[Fraction], a: Fraction, b: Fraction) -> tuple[Fraction, Fraction]:
    """An enclosure of sum c_k t^k over a <= t <= b (coefficients from the constant term up)."""
    lo = hi = Fraction(0)
    for k, c in enumerate(coeffs):
        if not c:
            continue
        pa, pb = a**k, b**k
        plo, phi = (Fraction(0), max(pa, pb)) if (k % 2 == 0 and a < 0 < b) else (min(pa, pb), max(pa, pb))
        lo, hi = (lo + c * plo, hi + c * phi) if c > 0 else (lo + c * phi, hi + c * plo)
    return lo, hi


_ZERO_CACHE: dict = {}


def _is_zero(expr) -> bool:
    key = expr
    if key not in _ZERO_CACHE:
        t = sp.Dummy("t")
        _ZERO_CACHE[key] = sp.minimal_polynomial(expr, t) == t
    return _ZERO_CACHE[key]


def _interval(p: PolyElement, point: Sequence[Value], intervals) -> tuple[Fraction, Fraction]:
    """An enclosure of ``p`` over the box of isolating intervals (rational coordinates are points)."""
    boxes = []
    for v in point:
        if isinstance(v, Fraction):
            boxes.append((v, v))
        else:
            _, a, b = intervals[len(boxes)]
            boxes.append((a, b))
    lo_total, hi_total = Fraction(0), Fraction(0)
    for monom, coeff in p.terms():
        c = Fraction(int(coeff.numerator), int(coeff.denominator))
        lo, hi = Fraction(1), Fraction(1)
        for (a, b), e in zip(boxes, monom, strict=False):
            if not e:
                continue
            pa, pb = a**e, b**e
            if e % 2 == 0 and a < 0 < b:
                plo, phi = Fraction(0), max(pa, pb)
            else:
                plo, phi = min(pa, pb), max(pa, pb)
            products = (lo * plo, lo * phi, hi * plo, hi * phi)
            lo, hi = min(products), max(products)
        lo, hi = (c * lo, c * hi) if c >= 0 else (c * hi, c * lo)
        lo_total += lo
        hi_total += hi
    return lo_total, hi_total


def poly_sign(p: PolyElement, point: Sequence[Value]) -> int:
    """The exact sign of a polynomial at a rational or algebraic point."""
    if is_rational(point):
        return sign(evaluate(p, point))
    return _algebraic_sign(p, point)


def factor_sign(f: Factor, point: Sequence[Value]) -> int:
    """The exact sign of a critical factor at a witness (integer arithmetic at a rational point)."""
    if is_rational(point):
        return f.sign_at(point)
    return _algebraic_sign(f.poly, point)


_HOLDS = {
    ">": lambda s: s > 0,
    ">=": lambda s: s >= 0,
    "==": lambda s: s == 0,
    "!=": lambda s: s != 0,
    "<": lambda s: s < 0,
    "<=": lambda s: s <= 0,
}


def holds(constraints: Sequence[Constraint], point: Sequence[Value]) -> bool:
    """Whether every ``(polynomial, op)`` holds exactly at the point."""
    return all(_HOLDS[op](poly_sign(p, point)) for p, op in constraints)


def _rounded(point: Sequence[Value], digits: int) -> list[Fraction]:
    return [v if isinstance(v, Fraction) else v.approx.limit_denominator(10**digits) for v in point]


def rationalise(point: Sequence[Value], constraints: Sequence[Constraint]) -> tuple[Value, ...]:
    """A rational point satisfying ``constraints`` near ``point``, or ``point`` itself if none is found.

    Rounding keeps strict inequalities; an equation ``p == 0`` is kept by solving it for a
    variable in which it is linear, after rounding the others.
    """
    if is_rational(point):
        return tuple(point)
    for digits in (1, 2, 3, 6, 12, 24):
        candidate = _rounded(point, digits)
        if holds(constraints, candidate):
            return tuple(candidate)
        solved = _solve_equations(candidate, point, constraints)
        if solved is not None and holds(constraints, solved):
            return tuple(solved)
    return tuple(point)


def _solve_equations(candidate: list[Fraction], point: Sequence[Value], constraints) -> list[Fraction] | None:
    """Re-solve the equations, each for one variable it is linear in (an algebraic coordinate first)."""
    equations = [p for p, op in constraints if op == "=="]
    if not equations:
        return None
    values = list(candidate)
    free = [i for i, v in enumerate(point) if not isinstance(v, Fraction)] + [
        i for i, v in enumerate(point) if isinstance(v, Fraction)
    ]
    used: set[int] = set()
    for p in equations:
        pivot = next((i for i in free if i not in used and p.degree(i) == 1), None)
        if pivot is None:
            return None
        used.add(pivot)
        # p = a * x_pivot + b with a, b free of x_pivot: evaluate a and b at the other values
        a = b = Fraction(0)
        for monom, coeff in p.terms():
            c = Fraction(int(coeff.numerator), int(coeff.denominator))
            for i, e in enumerate(monom):
                if e and i != pivot:
                    c *= values[i] ** e
            if monom[pivot] == 1:
                a += c
            else:
                b += c
        if a == 0:
            return None
        values[pivot] = -b / a
    return values
