"""Nash equilibria: nashpy cross-checked, degenerate games, exact 2x2 analysis."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games.equilibria import exact_2x2_equilibria, is_nash_equilibrium, nash_equilibria


def test_matching_pennies_has_one_mixed_equilibrium():
    A = np.array([[1.0, -1.0], [-1.0, 1.0]])
    eq = nash_equilibria(A, -A)
    assert eq.unique and not eq.degenerate
    assert eq.extreme[0].row == (0.5, 0.5) and eq.extreme[0].col == (0.5, 0.5)
    assert eq.pure == ()


def test_battle_of_the_sexes():
    eq = nash_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]], "OF", "OF")
    assert eq.finite and len(eq.extreme) == 3
    assert set(eq.pure) == {("O", "O"), ("F", "F")}
    mixed = next(p for p in eq.extreme if not p.is_pure)
    assert mixed.row == pytest.approx((2 / 3, 1 / 3)) and mixed.col == pytest.approx((1 / 3, 2 / 3))


def test_all_zero_game_is_one_continuum():
    eq = nash_equilibria(np.zeros((2, 2)), np.zeros((2, 2)))
    assert not eq.finite and eq.degenerate
    assert len(eq.subsets) == 1 and len(eq.subsets[0].row_vertices) == 2


def test_continuum_joining_a_pure_profile():
    # Row Y ties with N against Y and wins against N: a continuum through (Y, Y).
    A = np.array([[-1.0, -1.0], [-1.0, -5.0]])
    eq = nash_equilibria(A, A.T, "YN", "YN")
    assert not eq.finite
    assert str(eq) == "a continuum of equilibria, union of Y x conv{Y, N}; conv{Y, N} x Y [degenerate game]"


def test_is_nash_equilibrium():
    A = [[3, 0], [5, 1]]
    assert is_nash_equilibrium(A, np.array(A).T, [0, 1], [0, 1])
    assert not is_nash_equilibrium(A, np.array(A).T, [1, 0], [1, 0])


games_2x2 = st.tuples(
    arrays(np.int64, (2, 2), elements=st.integers(-4, 4)),
    arrays(np.int64, (2, 2), elements=st.integers(-4, 4)),
)


@settings(max_examples=300, deadline=None)
@given(games_2x2)
def test_exact_2x2_agrees_with_nashpy(game):
    """Two independent methods (nashpy enumeration, exact best-response analysis) give one answer."""
    A, B = game
    numeric = nash_equilibria(A, B)
    exact = exact_2x2_equilibria(
        [[Fraction(int(v)) for v in r] for r in A], [[Fraction(int(v)) for v in r] for r in B]
    )
    assert numeric.finite == exact.finite

    def flat(eq):
        return sorted(p.row + p.col for p in eq.extreme)

    assert len(numeric.extreme) == len(exact.extreme)
    for u, v in zip(flat(numeric), flat(exact), strict=True):
        assert u == pytest.approx(v, abs=1e-9)
    assert len(numeric.subsets) == len(exact.subsets)
    for p in numeric.extreme:
        assert is_nash_equilibrium(A, B, p.row, p.col)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(2, 4).flatmap(
        lambda m: st.tuples(
            arrays(np.float64, (m, 3), elements=st.integers(-5, 5).map(float)),
            arrays(np.float64, (m, 3), elements=st.integers(-5, 5).map(float)),
        )
    )
)
def test_every_reported_profile_is_an_equilibrium(game):
    A, B = game
    eq = nash_equilibria(A, B)
    assert eq.extreme
    for p in eq.extreme + eq.support_enumeration:
        assert is_nash_equilibrium(A, B, p.row, p.col)
    # Every vertex of every Nash subset pairs into an equilibrium (the subset is a product set).
    for s in eq.subsets:
        for x in s.row_vertices:
            for y in s.col_vertices:
                assert is_nash_equilibrium(A, B, x, y)
