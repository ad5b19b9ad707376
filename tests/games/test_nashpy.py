"""method='nashpy': nashpy's float profiles made exact on their supports, and verified exactly."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games import BimatrixGame
from cluster_games.games._nashpy import exact_on_support
from cluster_games.games._rational import matrix
from cluster_games.games.equilibria import is_nash_equilibrium


def test_probabilities_are_exact_rationals():
    # The row player is indifferent when 5 y = 8 (1 - y): y = 8/13; the column player when x = 1/2.
    eq = BimatrixGame.from_arrays([[5, 0], [0, 8]], [[1, 0], [0, 1]]).equilibria(method="nashpy")
    assert [p.as_text() for p in eq.extreme] == [
        [["1", "0"], ["1", "0"]],
        [["1/2", "1/2"], ["8/13", "5/13"]],  # floats rounded to 14 decimals were printed before
        [["0", "1"], ["0", "1"]],
    ]
    assert all(p.exact for p in eq.extreme) and eq.complete and "solved exactly" in eq.method


def test_payoffs_beyond_float_range_give_no_false_equilibrium():
    """A = [[1e400, 0], [0, 1]]: mapped onto [1, 2] in floats, 0 and 1 both become 1.0 (1e-400 is lost).

    The equilibria are (r0, c0), (r1, c1) and the mixed one with y0 = 1/(10**400 + 1) that floats cannot
    show; nashpy returned (1/2 r0 + 1/2 r1, c1), which is no equilibrium (r1 earns 1 > 1/2 against c1).
    """
    A, B = [["1e400", 0], [0, 1]], [[1, 0], [0, 1]]
    eq = BimatrixGame.from_arrays(A, B).equilibria(method="nashpy")
    assert all(is_nash_equilibrium(A, B, p.row, p.col, tol=0) for p in eq.extreme)
    assert {(p.row, p.col) for p in eq.extreme} <= {((1, 0), (1, 0)), ((0, 1), (0, 1))}
    assert not eq.complete and "discarded 1" in eq.method  # honest: the set is not claimed complete
    assert "[degenerate" not in str(eq)  # ties are decided on exact payoffs, not the rounded floats


def test_a_degenerate_support_keeps_the_float_point_on_its_face():
    # A = 0: the row player is indifferent everywhere; on the support ({0, 1}, {1}) the row mix is
    # free, and the float point (1/2, 1/2) is the exact one kept.
    A, B = matrix([[0, 0, 0], [0, 0, 0]], "A"), matrix([[1, 0, 0], [0, 1, 0]], "B")
    x, y = exact_on_support(A, B, (0.5, 0.5), (2.8e-17, 1.0, 0.0))
    assert x == (Fraction(1, 2), Fraction(1, 2)) and y == (0, 1, 0)
    assert exact_on_support(A, B, (1.0, 0.0), (0.5, 0.5, 0.0)) is None  # c1 is not a best response to r0


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    st.tuples(st.integers(2, 4), st.integers(2, 4)).flatmap(
        lambda s: st.tuples(*(arrays(np.int64, s, elements=st.integers(-5, 5)),) * 2)
    )
)
def test_every_profile_reported_is_an_exact_equilibrium(game):
    A, B = game
    eq = BimatrixGame.from_arrays(A, B).equilibria(method="nashpy")
    for p in eq.extreme:
        assert p.exact and is_nash_equilibrium(A, B, p.row, p.col, tol=0)
