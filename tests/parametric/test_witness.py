"""Exact signs at algebraic points (``parametric.witness``), where floats and sympy's choice of a
minimal polynomial's factor both fail."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from cluster_games.parametric import witness
from cluster_games.parametric.polys import ParameterRing
from cluster_games.parametric.solver import Algebraic

V, C = sp.symbols("V C", real=True)
RING = ParameterRing((V, C))
BIG = 10**300


def _root(coefficients: tuple[int, ...], index: int) -> Algebraic:
    return Algebraic(coefficients, index, Fraction(0))  # approx is not used by the exact signs


# V = 1 + s and C = 7/2 + 2s with s = sqrt(10^300 + 5/2): the larger roots of
# 2t^2 - 4t - (2*10^300 + 3) and 4t^2 - 28t - (16*10^300 - 9)
POINT = (_root((-(2 * BIG + 3), -4, 2), 1), _root((-(16 * BIG - 9), -28, 4), 1))


def test_an_exact_zero_at_two_algebraic_coordinates_of_size_1e150():
    """p = 4V^2 - 4V - 2C - (4*10^300 + 3) = 4V - 2C + 3 (using 2V^2 = 4V + 2*10^300 + 3) = 4 + 4s - 7 - 4s + 3 = 0.

    The atlas fuzz found this (explore profile, seed 7): sympy's minimal_polynomial of the value
    picks the factor t^2 - 64*10^300 - 160 (its numerical choice cancels), so the old check said
    "not zero" and refinement ran out: exit 3 after 70 s.
    """
    p = RING.poly(4 * V**2 - 4 * V - 2 * C - (4 * BIG + 3))
    assert witness.poly_sign(p, POINT) == 0
    # the same polynomial one lower and one higher: -1 and +1 at the same point
    assert witness.poly_sign(RING.poly(4 * V**2 - 4 * V - 2 * C - (4 * BIG + 4)), POINT) == -1
    assert witness.poly_sign(RING.poly(4 * V**2 - 4 * V - 2 * C - (4 * BIG + 2)), POINT) == 1


def test_the_zero_radius_is_zero_where_the_value_cannot_vanish():
    # at V = sqrt(2): V - 1 is annihilated by (t + 1)^2 - 2, not 0 at t = 0, so it cannot vanish;
    # V^2 - 2 by res_V(t - V^2 + 2, V^2 - 2) = t^2, whose square-free part t leaves Q = 1: radius 1
    sqrt2 = _root((-2, 0, 1), 1)
    assert witness._zero_radius(RING.poly(V - 1), (sqrt2, Fraction(1, 3))) == 0
    assert witness._zero_radius(RING.poly(V**2 - 2), (sqrt2, Fraction(1, 3))) == 1


def test_bisection_refines_an_isolating_interval_by_64_bits():
    sqrt2 = _root((-2, 0, 1), 1)
    g, a, b = witness.isolate(sqrt2)
    _, a2, b2 = witness.refine((g, a, b))
    assert a2 < b2 and (b2 - a2) <= (b - a) / 2**64
    assert a2**2 < 2 < b2**2  # still isolates sqrt(2)
    # an exact rational root ends the refinement at a point
    _, h, k = witness.refine(witness.isolate(_root((-4, 0, 1), 1)), bits=70)
    assert h <= 2 <= k


def test_a_sign_that_cannot_be_decided_makes_an_undecided_region(monkeypatch):
    """With no refinement allowed, every sign at an algebraic witness is undecidable: the atlas reports
    those regions as undecided (with the reason) instead of failing."""
    from cluster_games.parametric import ParametricGame

    monkeypatch.setattr(witness, "_ROUNDS", 0)
    with pytest.raises(witness.UndecidedSign):
        witness.poly_sign(RING.poly(V - 1), (_root((-2, 0, 1), 1), _root((-3, 0, 1), 1)))
    game = ParametricGame(
        [["V^2 - 2", "0"], ["0", "V - 1"]],
        [["C", "0"], ["0", "1"]],
        parameters=["V", "C"],
        assumptions=["V > 0"],
    )
    atlas = game.atlas()
    reasons = [u.reason for u in atlas.undecided]
    # the boundary V^2 = 2 has no rational point: its regions' witnesses are algebraic
    assert atlas.regions and reasons
    assert set(reasons) == {"a sign at the region's algebraic witness could not be decided exactly"}
    monkeypatch.undo()
    assert not game.atlas().undecided  # with refinement, every sign is decided


def test_the_cache_of_narrowest_intervals_is_bounded(monkeypatch):
    """sqrt(2), sqrt(3), sqrt(5) (roots of t^2 - d, index 1) with room for two: the oldest is dropped,
    and each interval still isolates its root (a^2 <= d <= b^2)."""
    monkeypatch.setattr(witness, "_NARROWEST", {})
    monkeypatch.setattr(witness, "_NARROWEST_SIZE", 2)
    roots = {d: Algebraic((-d, 0, 1), 1, Fraction(0)) for d in (2, 3, 5)}
    for d, alpha in roots.items():
        _, a, b = witness.isolate(alpha)
        assert 0 <= a <= b and a * a <= d <= b * b
    assert len(witness._NARROWEST) == 2 and witness._key(roots[2]) not in witness._NARROWEST
