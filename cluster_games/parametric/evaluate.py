r"""Exact evaluation of an atlas at many points: compiled polynomials, no sympy in the loop.

Every polynomial the atlas evaluates at a point (an assumption, a written denominator, a
critical factor, a closed-form numerator or denominator) is compiled once to a list of
``(exponents, coefficient)`` terms. At a rational point :math:`\theta_i = p_i / q_i` a
polynomial of degree :math:`D_i` in :math:`\theta_i` is evaluated as the integer

.. math:: \Big(\prod_i q_i^{D_i}\Big)\, f(\theta) = \sum_\alpha c_\alpha \prod_i p_i^{\alpha_i} q_i^{D_i - \alpha_i}

(times the common denominator of the coefficients), so a sign costs integer arithmetic
only and a value one division. This is what answers ``cluster-games atlas --points`` on
:math:`10^4` points in well under a second per thousand.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import lcm

from sympy.polys.rings import PolyElement

__all__ = ["CompiledPoly", "CompiledRational"]


class CompiledPoly:
    """A polynomial with rational coefficients, evaluated exactly in integers at rational points."""

    __slots__ = ("degrees", "scale", "terms")

    def __init__(self, p: PolyElement) -> None:
        raw = [(tuple(m), Fraction(int(c.numerator), int(c.denominator))) for m, c in p.terms()]
        self.scale = lcm(*(c.denominator for _, c in raw)) if raw else 1
        self.terms = tuple((m, int(c * self.scale)) for m, c in raw)
        nvars = len(raw[0][0]) if raw else 0
        self.degrees = tuple(max(m[i] for m, _ in raw) for i in range(nvars))

    def _scaled(self, nums: Sequence[int], dens: Sequence[int]) -> int:
        total = 0
        for monom, coeff in self.terms:
            term = coeff
            for i, e in enumerate(monom):
                D = self.degrees[i]
                if D:
                    term *= nums[i] ** e * dens[i] ** (D - e)
            total += term
        return total

    def sign(self, nums: Sequence[int], dens: Sequence[int]) -> int:
        """The sign at the point ``nums[i] / dens[i]`` (denominators positive)."""
        v = self._scaled(nums, dens)
        return (v > 0) - (v < 0)

    def value(self, nums: Sequence[int], dens: Sequence[int]) -> Fraction:
        """The exact value at the point."""
        if not self.terms:
            return Fraction(0)
        denominator = self.scale
        for i, D in enumerate(self.degrees):
            if D:
                denominator *= dens[i] ** D
        return Fraction(self._scaled(nums, dens), denominator)


class CompiledRational:
    """A rational function ``num/den`` (a sympy ``FracElement``), evaluated exactly."""

    __slots__ = ("den", "num")

    def __init__(self, f) -> None:
        self.num = CompiledPoly(f.numer)
        self.den = CompiledPoly(f.denom)

    def value(self, nums: Sequence[int], dens: Sequence[int]) -> Fraction:
        return self.num.value(nums, dens) / self.den.value(nums, dens)


def split(point: Sequence[Fraction]) -> tuple[list[int], list[int]]:
    """Numerators and (positive) denominators of a rational point."""
    return [q.numerator for q in point], [q.denominator for q in point]
