"""The exact 2x2 analysis against exact vertex enumeration (two algorithms) and pygambit."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games import BimatrixGame
from cluster_games.games import vertex_enumeration as V
from cluster_games.games.equilibria import exact_2x2_equilibria

from support import gambit_extreme_equilibria, needs_pygambit

games_2x2 = st.tuples(*(arrays(np.int64, (2, 2), elements=st.integers(-3, 3)),) * 2)


@needs_pygambit
@settings(max_examples=300, deadline=None)
@given(games_2x2)
def test_exact_2x2_agrees_with_pygambit_and_vertex_enumeration(game):
    A, B = game
    exact = exact_2x2_equilibria(A, B)
    got = {(p.row, p.col) for p in exact.extreme}
    assert got == gambit_extreme_equilibria(A, B)
    if V.available():
        vertex = BimatrixGame.from_arrays(A, B).equilibria(method="vertex-enumeration")
        assert {(p.row, p.col) for p in vertex.extreme} == got
        assert len(vertex.subsets) == len(exact.subsets) and vertex.components == exact.components


def test_degenerate_2x2_with_fractions():
    A = [[Fraction(5), Fraction(11)], [Fraction(-1), Fraction(11)]]
    eq = exact_2x2_equilibria(A, [list(r) for r in zip(*A, strict=True)], "YN", "YN")
    assert str(eq) == "2 isolated equilibria: (Y, Y), (N, N) [degenerate game]"
    assert eq.method == "exact 2x2 best-response analysis (rationals)"


def test_shape_is_checked():
    with pytest.raises(ValueError, match="2x2"):
        exact_2x2_equilibria([[1, 2, 3], [4, 5, 6]], [[1, 2, 3], [4, 5, 6]])
