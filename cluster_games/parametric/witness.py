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

__all__ = ["is_rational", "factor_sign", "poly_sign", "holds", "rationalise", "text", "UndecidedSign"]


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
    intervals = {i: isolate(point[i]) for i in algebraic}
    # a non-zero value is separated from 0 by refining the intervals (64 bits a round); a value that
    # still straddles 0 is tested for an exact zero once: then 0 is a root of an annihilating
    # polynomial, and an enclosure inside its root-free radius around 0 proves the value is 0
    radius = None
    for rounds in range(_ROUNDS):
        lo, hi = _interval(p, point, intervals)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        if rounds >= 2:
            if radius is None:
                radius = _zero_radius(p, point)
            if -radius < lo and hi < radius:
                return 0
        intervals = {i: refine(iv) for i, iv in intervals.items()}
        for i, iv in intervals.items():
            _remember(point[i], iv)
    raise UndecidedSign(f"could not decide the sign of {p} at {point}")


def _zero_radius(p: PolyElement, point: Sequence[Value]) -> Fraction:
    r"""A radius :math:`m` such that :math:`x = p(\text{point})` is 0 if :math:`|x| < m`, or 0 if x cannot be 0.

    :math:`A(t) = \operatorname{res}_{x_j}(\dots\operatorname{res}_{x_i}(t - p(x), g_i(x_i))\dots)` over
    the algebraic coordinates (:math:`g_i` their defining polynomials, the rational ones substituted)
    vanishes at x and is not the zero polynomial. If :math:`A(0) \ne 0`, x is not 0. Otherwise
    write the square-free part of A as :math:`t\,Q(t)` with :math:`Q(0) = q_0 \ne 0`: by Cauchy's
    bound applied to :math:`1/r`, every root :math:`r \ne 0` of Q has
    :math:`|r| \ge |q_0| / (|q_0| + \max_{i \ge 1} |q_i|)`, so a real root of A in
    :math:`(-m, m)` is 0. (sympy's ``minimal_polynomial`` chooses its factor numerically and is
    wrong here at payoffs of 1e300.)
    """
    t = sp.Dummy("t")
    A = t - p.as_expr()
    for s, v in zip(p.ring.symbols, point, strict=False):
        if isinstance(v, Fraction):
            A = A.xreplace({s: sp.Rational(v.numerator, v.denominator)})
    for s, v in zip(p.ring.symbols, point, strict=False):
        if not isinstance(v, Fraction) and A.has(s):
            g = sum(sp.Integer(c) * s**k for k, c in enumerate(v.coefficients))
            A = sp.resultant(A, g, s)
    poly = sp.Poly(A, t, domain=sp.QQ)
    if poly.eval(0) != 0:
        return Fraction(0)
    Q = sp.quo(poly.sqf_part(), sp.Poly(t, t, domain=sp.QQ))
    coeffs = [abs(Fraction(int(c.p), int(c.q))) for c in reversed(Q.all_coeffs())]
    return coeffs[0] / (coeffs[0] + max(coeffs[1:], default=Fraction(0)))


class UndecidedSign(ArithmeticError):
    """A sign that exact refinement could not separate from zero within its budget of bits."""


#: rounds of 64-bit refinement before a sign is reported undecided: 5120 bits, beyond any payoff
#: the grammar admits (200 digits, exponents of +-300)
_ROUNDS = 80
#: the narrowest isolating interval known for each algebraic number: refinement resumes from it
_NARROWEST: dict[tuple, tuple] = {}
#: at most this many are kept (the oldest is dropped first), so a long session's memory stays bounded
_NARROWEST_SIZE = 4096


def _key(alpha) -> tuple:
    return (tuple(alpha.coefficients), alpha.index)


def _remember(alpha, interval: tuple) -> tuple:
    """Keep ``interval`` as the narrowest known for ``alpha`` and return it."""
    key = _key(alpha)
    _NARROWEST.pop(key, None)  # re-inserted last: the most recently used is dropped last
    if len(_NARROWEST) >= _NARROWEST_SIZE:
        del _NARROWEST[next(iter(_NARROWEST))]
    _NARROWEST[key] = interval
    return interval


def isolate(alpha) -> tuple:
    """``(poly, a, b)``: alpha's defining polynomial and an isolating interval with rational ends."""
    known = _NARROWEST.get(_key(alpha))
    if known is not None:
        return known
    t = sp.Dummy("t")
    g = sp.Poly(list(reversed(alpha.coefficients)), t, domain=sp.QQ)
    (a, b), _ = g.intervals()[alpha.index]
    return _remember(alpha, (g, Fraction(int(a.p), int(a.q)), Fraction(int(b.p), int(b.q))))


def _value(coeffs: list[Fraction], x: Fraction) -> Fraction:
    v = Fraction(0)
    for c in coeffs:  # Horner, leading coefficient first
        v = v * x + c
    return v


def refine(interval: tuple, bits: int = 64) -> tuple:
    """The isolating interval narrowed ``bits`` times by half (exact bisection on sign changes).

    Bisection needs a sign change of the defining polynomial across the interval, which a simple
    root gives; otherwise (a multiple root) sympy's refinement narrows it to a quarter.
    """
    g, a, b = interval
    if a == b:
        return interval
    coeffs = [Fraction(int(c.p), int(c.q)) for c in g.all_coeffs()]
    ga, gb = _value(coeffs, a), _value(coeffs, b)
    if ga == 0:
        return g, a, a
    if gb == 0:
        return g, b, b
    if (ga > 0) == (gb > 0):
        eps = (b - a) / 4
        a2, b2 = g.refine_root(sp.Rational(a.numerator, a.denominator), sp.Rational(b.numerator, b.denominator),
                               eps=sp.Rational(eps.numerator, eps.denominator))  # fmt: skip
        return g, Fraction(int(a2.p), int(a2.q)), Fraction(int(b2.p), int(b2.q))
    for _ in range(bits):
        mid = (a + b) / 2
        gm = _value(coeffs, mid)
        if gm == 0:
            return g, mid, mid
        if (gm > 0) == (ga > 0):
            a, ga = mid, gm
        else:
            b = mid
    return g, a, b


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
    for _ in range(_ROUNDS):
        _, a, b = interval
        lo, hi = _univariate_range(coeffs, a, b)
        if lo > 0:
            return 1
        if hi < 0:
            return -1
        interval = _remember(alpha, refine(interval))
    raise UndecidedSign(f"could not decide the sign of {p} at {point}")


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
