"""Nash equilibria: every extreme equilibrium, exactly, against pygambit; subsets, components, methods."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games import BimatrixGame
from cluster_games.games.equilibria import is_nash_equilibrium, maximal_nash_subsets, nash_equilibria

from support import gambit_extreme_equilibria, needs_cdd, needs_pygambit


def test_matching_pennies_has_one_mixed_equilibrium():
    A = np.array([[1.0, -1.0], [-1.0, 1.0]])
    eq = nash_equilibria(A, -A)
    assert eq.unique and not eq.degenerate
    assert eq.extreme[0].row == (Fraction(1, 2), Fraction(1, 2)) and eq.extreme[0].exact
    assert eq.pure == ()


def test_battle_of_the_sexes():
    eq = nash_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]], "OF", "OF")
    assert eq.finite and len(eq.extreme) == 3 and len(eq.components) == 3
    assert set(eq.pure) == {("O", "O"), ("F", "F")}
    mixed = next(p for p in eq.extreme if not p.is_pure)
    assert mixed.row == (Fraction(2, 3), Fraction(1, 3)) and mixed.col == (Fraction(1, 3), Fraction(2, 3))


def test_all_zero_game_is_one_continuum():
    eq = nash_equilibria(np.zeros((3, 2)), np.zeros((3, 2)))
    assert not eq.finite and eq.degenerate
    assert len(eq.subsets) == 1 and len(eq.subsets[0].row_vertices) == 3 and eq.components == ((0,),)


def test_continuum_joining_a_pure_profile_is_one_component_of_two_subsets():
    A = np.array([[-1.0, -1.0], [-1.0, -5.0]])
    eq = nash_equilibria(A, A.T, "YN", "YN")
    assert str(eq) == "a continuum of equilibria, union of Y x conv{Y, N}; conv{Y, N} x Y [degenerate game]"
    assert eq.components == ((0, 1),)


@needs_cdd
def test_identity_game_has_31_isolated_equilibria():
    eq = nash_equilibria(np.eye(5), np.eye(5))
    assert len(eq.extreme) == 31 == len(eq.subsets) == len(eq.components)
    assert eq.finite and not eq.degenerate and ("pivoting" in eq.method or "float-guided" in eq.method)
    assert {p.row for p in eq.extreme} == {p.col for p in eq.extreme}  # each equilibrium uniform on a support


@needs_cdd
def test_larger_identity_games_scale_with_their_equilibria():
    eq = nash_equilibria(np.eye(8), np.eye(8))
    assert len(eq.extreme) == 2**8 - 1 == len(eq.components)


def test_maximal_bicliques():
    # rows 0, 1 share columns {0, 1}; row 2 alone with column 2; row 1 also with column 2
    edges = {(0, 0), (0, 1), (1, 0), (1, 1), (1, 2), (2, 2)}
    assert maximal_nash_subsets(3, edges) == [((0, 1), (0, 1)), ((1,), (0, 1, 2)), ((1, 2), (2,))]


def test_is_nash_equilibrium_exact_and_tolerant():
    A = [[3, 0], [5, 1]]
    assert is_nash_equilibrium(A, np.array(A).T, [0, 1], [0, 1], tol=0)
    assert not is_nash_equilibrium(A, np.array(A).T, [1, 0], [1, 0])
    third = [1 / 3, 2 / 3]  # rounded: exact test fails, tolerant test passes
    B = [[1, 0], [0, 2]]
    assert is_nash_equilibrium([[2, 0], [0, 1]], B, [2 / 3, 1 / 3], third)
    assert not is_nash_equilibrium([[2, 0], [0, 1]], B, [2 / 3, 1 / 3], third, tol=0)


def test_method_choice_and_errors():
    g = BimatrixGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert "exact 2x2" in g.equilibria().method
    assert "nashpy" in g.equilibria(method="nashpy").method
    with pytest.raises(ValueError, match="method must be one of"):
        g.equilibria(method="magic")
    big = BimatrixGame.from_arrays(np.eye(3), np.eye(3))
    with pytest.raises(ValueError, match="2x2"):
        big.equilibria(method="exact-2x2")


def test_too_large_games_are_refused_with_the_estimate_and_the_methods_that_can_answer():
    rng = np.random.default_rng(0)
    g = BimatrixGame.from_arrays(rng.integers(0, 99, (30, 30)), rng.integers(0, 99, (30, 30)))
    with pytest.raises(ValueError, match=r"would take about .* vertices .* raise max_seconds .*lemke-howson"):
        g.equilibria(max_seconds=1)
    for bad in (0, -1, float("nan")):
        with pytest.raises(ValueError, match="max_seconds must be positive"):
            g.equilibria(max_seconds=bad)
    small = BimatrixGame.from_arrays(rng.integers(0, 9, (14, 14)), rng.integers(0, 9, (14, 14)))
    some = small.equilibria(method="lemke-howson")
    assert not some.complete and some.extreme and "not necessarily all" in str(some)
    for p in some.extreme:
        assert is_nash_equilibrium(small.A, small.B, p.row, p.col)


def _extreme(eq):
    return {(p.row, p.col) for p in eq.extreme}


games = st.tuples(st.integers(2, 5), st.integers(2, 5), st.integers(1, 6)).flatmap(
    lambda s: st.tuples(
        arrays(np.int64, s[:2], elements=st.integers(-s[2], s[2])),
        arrays(np.int64, s[:2], elements=st.integers(-s[2], s[2])),
    )
)


@needs_cdd
@needs_pygambit
@settings(max_examples=150, deadline=None)
@given(games)
def test_extreme_equilibria_agree_with_pygambit(game):
    """Small payoff ranges make most of these games degenerate: ties, continua, unequal supports."""
    A, B = game
    eq = nash_equilibria(A, B)
    assert _extreme(eq) == gambit_extreme_equilibria(A, B)
    for s in eq.subsets:  # each maximal subset is a product set of equilibria
        for x in s.row_vertices:
            for y in s.col_vertices:
                assert is_nash_equilibrium(A, B, x, y, tol=0)


@needs_cdd
@needs_pygambit
@pytest.mark.parametrize("seed", range(3))
def test_random_7x7_games_generic_and_degenerate(seed):
    rng = np.random.default_rng(seed)
    generic = (rng.random((7, 7)), rng.random((7, 7)))
    degenerate = (rng.integers(0, 3, (7, 7)), rng.integers(0, 3, (7, 7)))
    for A, B in (generic, degenerate):
        eq = nash_equilibria(A, B)
        assert _extreme(eq) == gambit_extreme_equilibria(A, B)
    assert not nash_equilibria(*generic).degenerate and len(nash_equilibria(*generic).extreme) % 2 == 1


@needs_cdd  # without pycddlib the reference itself would be nashpy's answer: a comparison that cannot fail
@settings(max_examples=60, deadline=None)
@given(
    st.integers(2, 4).flatmap(
        lambda m: st.tuples(*(arrays(np.int64, (m, 3), elements=st.integers(-4, 4)),) * 2)
    )
)
def test_nashpy_method_finds_the_same_equilibria(game):
    A, B = game
    exact = nash_equilibria(A, B)
    floats = nash_equilibria(A, B, method="nashpy")
    assert floats.finite == exact.finite
    if exact.finite:  # with a continuum, nashpy may return other points of the same subsets
        assert len(floats.extreme) == len(exact.extreme)
        for p, q in zip(sorted(_extreme(floats)), sorted(_extreme(exact)), strict=True):
            assert max(abs(float(u) - float(v)) for u, v in zip(p[0] + p[1], q[0] + q[1], strict=True)) < 1e-9


@needs_cdd
@settings(max_examples=40, deadline=None)
@given(games, st.sampled_from([(1, 10**9), (10**10, 0), (Fraction(1, 10**10), 0)]))
def test_equilibria_are_invariant_to_shifts_and_scalings(game, affine):
    a, b = affine
    A, B = game
    ref = _extreme(nash_equilibria(A, B))
    assert _extreme(nash_equilibria([[a * int(v) + b for v in r] for r in A], B)) == ref
    assert _extreme(nash_equilibria(A, [[a * int(v) + b for v in r] for r in B])) == ref
