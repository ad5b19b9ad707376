"""Certified roots of Bernstein polynomials against sympy's exact real roots."""

from __future__ import annotations

from fractions import Fraction
from math import comb

import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_games.games.roots import IsolatedRoot, sign_changes, single_root

p = sp.Symbol("p")


def _sympy_poly(b):
    n = len(b) - 1
    return sp.Poly(
        sum(comb(n, j) * p**j * (1 - p) ** (n - j) * sp.Rational(str(c)) for j, c in enumerate(b)), p
    )


def _rat(x: Fraction) -> sp.Rational:
    return sp.Rational(x.numerator, x.denominator)


@st.composite
def one_sign_change(draw):
    """Bernstein coefficients: a block of one sign, zeros allowed, then a block of the other."""
    n = draw(st.integers(1, 9))
    cut = draw(st.integers(1, n))
    mags = st.fractions(min_value=Fraction(1, 10**6), max_value=10**6)
    head = [draw(st.one_of(mags, st.just(Fraction(0)))) for _ in range(cut)]
    tail = [-draw(st.one_of(mags, st.just(Fraction(0)))) for _ in range(n + 1 - cut)]
    head[0] = head[0] or Fraction(1)
    tail[-1] = tail[-1] or Fraction(-1)
    b = head + tail
    return [-x for x in b] if draw(st.booleans()) else b


@settings(max_examples=150, deadline=None)
@given(one_sign_change())
def test_the_single_root_matches_sympy_exactly(b):
    assert sign_changes(b) == 1
    (ref,) = [r for r in _sympy_poly(b).real_roots() if 0 < r < 1]  # one root: the variation bound
    got = single_root(b)
    if isinstance(got, IsolatedRoot):
        assert _rat(got.lo) < ref < _rat(got.hi)
        assert got.hi - got.lo <= max(got.lo, Fraction(1, 2**1074)) / 2**52
        assert float(got) == pytest.approx(float(ref), rel=1e-14)
    else:
        assert _rat(got) == ref


def test_comparisons_refine_the_bracket_exactly():
    # g = 1 - 2 p^2 in Bernstein form (n = 2): b = (1, 1, -1); root 1/sqrt(2)
    r = single_root([Fraction(1), Fraction(1), Fraction(-1)])
    assert isinstance(r, IsolatedRoot)
    below = Fraction(7071067811865475, 10**16)  # sqrt(1/2) = 0.70710678118654752...
    above = Fraction(7071067811865476, 10**16)
    assert r > below and r >= below and r < above and r <= above and r != below
    assert not (r < 0) and r < 1 and r > 0


def test_rational_roots_are_exact():
    assert single_root([Fraction(3), Fraction(-1)]) == Fraction(3, 4)  # degree 1: always a Fraction
    # b = (1, -1/2, 0): g = (1 - p)(1 - 2p), root 1/2 inside (0, 1): equal to 1/2 exactly either way
    got = single_root([Fraction(1), Fraction(-1, 2), Fraction(0)])
    assert got == Fraction(1, 2) and float(got) == 0.5


def test_more_than_one_sign_change_is_refused():
    with pytest.raises(ValueError, match="one sign change"):
        single_root([Fraction(1), Fraction(-1), Fraction(1)])
