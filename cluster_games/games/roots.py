r"""Real roots in :math:`(0, 1)` of a polynomial in Bernstein form, decided exactly.

A symmetric mixed equilibrium of a two-action anonymous game with :math:`k` players is a root
in :math:`(0, 1)` of the gain polynomial

.. math:: g(p) = \sum_{j=0}^{n} b_j \binom{n}{j} p^j (1 - p)^{n - j}, \qquad n = k - 1,

whose Bernstein coefficients :math:`b_j` are payoff differences (exact rationals). Two facts
make most games cheap, whatever their degree:

* **Variation diminishing** (Descartes' rule in the Bernstein basis): the number of roots in
  :math:`(0, 1)`, counted with multiplicity, is at most the number :math:`V` of sign changes
  of :math:`b_0, \dots, b_n` (zeros skipped) and has its parity. So :math:`V = 0` means no
  root, and :math:`V = 1` exactly one, simple.
* **Exact signs at rationals:** at :math:`p = a/q`, :math:`q^n g(p) = \sum_j b_j \binom{n}{j} a^j
  (q - a)^{n - j}`, an integer sum once the :math:`b_j` share a denominator.

For :math:`V = 1` the root is located in float64 (brentq on a log-weighted evaluation) and then
*certified*: a rational bracket whose ends have opposite exact signs, refined by exact
bisection wherever the float location was not good enough. The result is an
:class:`IsolatedRoot` (exact bracket, float value, exact comparisons with rationals), or a
:class:`~fractions.Fraction` when the root is rational and found (always for :math:`n = 1`).
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from math import comb

__all__ = ["IsolatedRoot", "sign_changes", "single_root"]

#: Relative width of a certified bracket: float(root) is then accurate to about 1e-15.
_RELATIVE_WIDTH = Fraction(1, 2**52)


def sign_changes(coefficients: Sequence[Fraction]) -> int:
    """Sign changes in a sequence, zeros skipped: ``sign_changes([1, 0, -2, 3]) == 2``.

    >>> sign_changes([Fraction(1), Fraction(0), Fraction(-2), Fraction(3)])
    2
    """
    signs = [1 if c > 0 else -1 for c in coefficients if c != 0]
    return sum(1 for a, b in itertools.pairwise(signs) if a != b)


class _Bernstein:
    """Integer data for exact sign evaluation of :math:`g` at rationals."""

    def __init__(self, coefficients: Sequence[Fraction]) -> None:
        denominator = math.lcm(*(Fraction(c).denominator for c in coefficients))
        self.n = len(coefficients) - 1
        # c_j = b_j * C(n, j) * denominator: integers, so signs need no fractions at all
        self.weights = [int(Fraction(b) * denominator) * comb(self.n, j) for j, b in enumerate(coefficients)]
        nonzero = [w for w in self.weights if w != 0]
        self.sign_near_0 = (nonzero[0] > 0) - (nonzero[0] < 0) if nonzero else 0
        self.sign_near_1 = (nonzero[-1] > 0) - (nonzero[-1] < 0) if nonzero else 0
        top = max((abs(b) for b in coefficients), default=Fraction(0)) or Fraction(1)
        self.floats = [float(Fraction(b) / top) for b in coefficients]  # scaled into [-1, 1]

    def sign(self, x: Fraction) -> int:
        """Exact sign of :math:`g(x)` for rational :math:`0 < x < 1`."""
        total, _, _ = _split_sum(self.weights, x.numerator, x.denominator - x.numerator, 0, len(self.weights))
        return (total > 0) - (total < 0)

    def approx(self, x: float) -> float:
        r"""Float :math:`g(x)/\max|b|` through log-weights (no overflow at large n)."""
        lx, l1 = math.log(x), math.log1p(-x)
        lg = math.lgamma(self.n + 1)
        return math.fsum(
            b * math.exp(lg - math.lgamma(j + 1) - math.lgamma(self.n - j + 1) + j * lx + (self.n - j) * l1)
            for j, b in enumerate(self.floats)
            if b != 0.0
        )


def _split_sum(w: list[int], a: int, r: int, lo: int, hi: int) -> tuple[int, int, int]:
    r"""Binary splitting of :math:`T = \sum_{j=lo}^{hi-1} w_j a^{j-lo} r^{hi-1-j}`; returns
    :math:`(T, a^{hi-lo}, r^{hi-lo})`.

    Halves combine as :math:`T = T_L r^{hi-mid} + a^{mid-lo} T_R`, so the big multiplications
    are balanced (Karatsuba-friendly) instead of one long Horner chain of growing numbers.
    """
    if hi - lo <= 16:  # a short Horner chain: T = T r + w_j a^(j - lo)
        total, apow = 0, 1
        for j in range(lo, hi):
            total = total * r + w[j] * apow
            apow *= a
        return total, apow, r ** (hi - lo)
    mid = (lo + hi) // 2
    left, a_left, r_left = _split_sum(w, a, r, lo, mid)
    right, a_right, r_right = _split_sum(w, a, r, mid, hi)
    return left * r_right + a_left * right, a_left * a_right, r_left * r_right


@dataclass(frozen=True, eq=False)
class IsolatedRoot:
    r"""The only root of a polynomial :math:`g` in the open interval ``(lo, hi)``, certified exactly.

    ``g(lo)`` and ``g(hi)`` have opposite exact signs (one-sided limits at 0 and 1) and ``g`` has
    one root in :math:`(0, 1)`. ``float(root)`` is accurate to about 1e-15; comparisons with
    numbers are exact (the bracket is refined by exact bisection when a number falls inside).

    Examples
    --------
    >>> r = single_root([Fraction(1), Fraction(1), Fraction(-1)])  # g = 1 - 2p^2: 1/sqrt(2)
    >>> round(float(r), 12), r > Fraction(7071, 10000), r < Fraction(7072, 10000)
    (0.707106781187, True, True)
    """

    coefficients: tuple[Fraction, ...]
    lo: Fraction
    hi: Fraction

    def __float__(self) -> float:
        return float((self.lo + self.hi) / 2)

    def _compare(self, other: object) -> int:
        x = Fraction(other)  # type: ignore[arg-type]
        if x <= self.lo:
            return 1
        if x >= self.hi:
            return -1
        g = _Bernstein(self.coefficients)
        s = g.sign(x)
        if s == 0:
            return 0
        # the root is on the side of x where g has the other sign than at x
        low_sign = g.sign_near_0 if self.lo == 0 else g.sign(self.lo)
        return 1 if s == low_sign else -1

    def __eq__(self, other: object) -> bool:
        if isinstance(other, IsolatedRoot):
            return self.coefficients == other.coefficients and not (
                self.hi <= other.lo or other.hi <= self.lo
            )
        try:
            return self._compare(other) == 0
        except (TypeError, ValueError):
            return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # equal to Fractions it is not equal in hash to

    def __lt__(self, other: object) -> bool:
        return self._compare(other) < 0

    def __le__(self, other: object) -> bool:
        return self._compare(other) <= 0

    def __gt__(self, other: object) -> bool:
        return self._compare(other) > 0

    def __ge__(self, other: object) -> bool:
        return self._compare(other) >= 0

    def __repr__(self) -> str:
        return f"IsolatedRoot({float(self):.15g}, in ({float(self.lo):.17g}, {float(self.hi):.17g}))"


def single_root(coefficients: Sequence[Fraction]) -> Fraction | IsolatedRoot:
    """The root in (0, 1) of the Bernstein polynomial with one sign change in ``coefficients``.

    Returns a :class:`~fractions.Fraction` when the root is rational and met (degree 1 always;
    otherwise when the float location lands on it), else an :class:`IsolatedRoot`.

    Raises
    ------
    ValueError
        If the coefficients do not change sign exactly once.

    Examples
    --------
    >>> single_root([Fraction(3), Fraction(-1)])  # 3 (1 - p) - p = 0
    Fraction(3, 4)
    """
    coefficients = tuple(Fraction(c) for c in coefficients)
    if sign_changes(coefficients) != 1:
        raise ValueError(f"expected exactly one sign change, got {sign_changes(coefficients)}")
    g = _Bernstein(coefficients)
    if g.n == 1:
        b0, b1 = coefficients
        return b0 / (b0 - b1)
    guess = _float_root(g)
    lo, hi = Fraction(0), Fraction(1)
    if guess is not None:
        x = Fraction(guess)
        s = g.sign(x)
        if s == 0:
            return x
        # widen a bracket around the float location until the exact signs at its ends differ
        # (the float value carries the cancellation error of g near its root)
        for bits in (52, 40, 26, 12):
            width = max(x, Fraction(1, 2**1074)) / 2**bits
            a, b = max(Fraction(0), x - width), min(Fraction(1), x + width)
            sa = g.sign_near_0 if a == 0 else g.sign(a)
            sb = g.sign_near_1 if b == 1 else g.sign(b)
            if sa == 0 or sb == 0:  # a rational root at an end
                return a if sa == 0 else b
            if sa != sb:
                lo, hi = a, b
                break
    return _bisect(g, coefficients, lo, hi)


def _float_root(g: _Bernstein) -> float | None:
    """A float location of the root (brentq on :meth:`_Bernstein.approx`), or None if it fails."""
    from scipy.optimize import brentq

    tiny = 1e-300
    try:
        f0, f1 = g.approx(tiny), g.approx(1 - 2**-53)
        if not (f0 * f1 < 0):
            return None
        return float(brentq(g.approx, tiny, 1 - 2**-53, xtol=1e-300, rtol=8 * 2**-53, maxiter=500))
    except (ValueError, OverflowError, RuntimeError):
        return None


def _bisect(g: _Bernstein, coefficients, lo: Fraction, hi: Fraction) -> Fraction | IsolatedRoot:
    """Exact bisection of a certified bracket down to :data:`_RELATIVE_WIDTH` (or a rational root)."""
    s_lo = g.sign_near_0 if lo == 0 else g.sign(lo)
    while hi - lo > max(lo, Fraction(1, 2**1074)) * _RELATIVE_WIDTH:
        mid = (lo + hi) / 2
        s = g.sign(mid)
        if s == 0:
            return mid
        if s == s_lo:
            lo = mid
        else:
            hi = mid
    return IsolatedRoot(coefficients, lo, hi)
