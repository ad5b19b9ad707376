"""Exact lexicographic Lemke-Howson: every path ends at an exact equilibrium, degenerate games included."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games._rational import matrix
from cluster_games.games.equilibria import is_nash_equilibrium
from cluster_games.games.lemke_howson import lemke_howson, lemke_howson_all

from support import gambit_extreme_equilibria, import_pygambit

games = st.tuples(st.integers(2, 5), st.integers(2, 5)).flatmap(
    lambda s: st.tuples(*(arrays(np.int64, s, elements=st.integers(0, 2)),) * 2)  # many ties: degenerate
)


@settings(max_examples=150, deadline=None)
@given(games)
def test_every_label_reaches_an_exact_equilibrium(game):
    A, B = matrix(game[0], "A"), matrix(game[1], "B")
    for x, y in lemke_howson_all(A, B):
        assert sum(x) == sum(y) == 1 and min(x) >= 0 and min(y) >= 0
        assert is_nash_equilibrium(A, B, x, y, tol=0)


def test_equilibria_reached_are_extreme_equilibria_of_the_reference():
    import_pygambit()  # the exact reference
    rng = np.random.default_rng(3)
    for _ in range(5):
        A, B = rng.integers(0, 5, (4, 5)), rng.integers(0, 5, (4, 5))
        found = set(lemke_howson_all(matrix(A, "A"), matrix(B, "B")))
        assert found <= gambit_extreme_equilibria(A, B)


def test_battle_of_the_sexes_paths():
    A, B = matrix([[2, 0], [0, 1]], "A"), matrix([[1, 0], [0, 2]], "B")
    assert lemke_howson(A, B, 0)[0] == (1, 0)
    assert len(lemke_howson_all(A, B)) == 2  # the mixed equilibrium is never reached from (0, 0)
    with pytest.raises(ValueError, match="dropped label"):
        lemke_howson(A, B, 4)
