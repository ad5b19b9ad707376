"""Iterated elimination round by round: exact, invariant to shifts and scalings, never losing an equilibrium."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games import BimatrixGame
from cluster_games.games._rational import matrix
from cluster_games.games.elimination import iterated_elimination


def test_mixed_dominance_then_pure_over_two_rounds():
    A = [[3, 0], [1, 1], [0, 3]]
    pure_only = iterated_elimination(A, [[0, 0]] * 3, ["T", "M", "B"], mixed=False)
    assert pure_only.row_strategies == ("T", "M", "B") and pure_only.steps == ()
    result = iterated_elimination(A, [[1, 0], [1, 0], [1, 0]], "TMB", "LR")
    assert [(e.round, e.player, e.strategy) for e in result.steps] == [
        (1, "row", "M"),
        (1, "column", "R"),
        (2, "row", "B"),
    ]
    assert result.steps[0].dominated_by == {"T": Fraction(1, 2), "B": Fraction(1, 2)}
    assert result.solved and result.rounds == 2 and (result.row_indices, result.col_indices) == ((0,), (0,))


def test_elimination_alternates_between_the_players():
    # Column: C < R against every row; then row: M < D against L and R; then nothing more.
    A = [[4, 3, 6], [2, 1, 8], [3, 0, 9]]
    B = [[3, 1, 2], [1, 4, 6], [0, 6, 8]]
    result = iterated_elimination(A, B, "UMD", "LCR")
    assert [(e.round, e.player, e.strategy, e.dominated_by) for e in result.steps] == [
        (1, "column", "C", {"R": 1}),
        (2, "row", "M", {"D": 1}),
    ]
    assert (result.row_strategies, result.col_strategies) == (("U", "D"), ("L", "R")) and not result.solved


def test_weak_elimination_is_flagged_as_order_dependent():
    # r1 is weakly dominated by r0 (tie against c0); with it gone, c1 is strictly worse for column.
    A = [[1, 1], [1, 0]]
    B = [[1, 0], [0, 1]]
    strict = iterated_elimination(A, B)
    weak = iterated_elimination(A, B, weak=True)
    assert strict.steps == () and strict.row_strategies == ("r0", "r1")
    assert weak.row_strategies == ("r0",) and weak.col_strategies == ("c0",) and weak.weak
    assert "order matters" in str(weak) and not weak.steps[0].strict


def test_input_errors():
    with pytest.raises(ValueError, match="2-D"):
        iterated_elimination([1, 2], [1, 2])
    with pytest.raises(ValueError, match="same shape"):
        iterated_elimination([[1, 2]], [[1], [2]])


small_games = st.tuples(st.integers(2, 4), st.integers(2, 4)).flatmap(
    lambda shape: st.tuples(
        arrays(np.int64, shape, elements=st.integers(-5, 5)),
        arrays(np.int64, shape, elements=st.integers(-5, 5)),
    )
)


@settings(max_examples=120, deadline=None)
@given(small_games)
def test_elimination_never_removes_an_equilibrium_strategy(game):
    """Strategies played in any Nash equilibrium survive strict-dominance elimination (mixed included)."""
    A, B = game
    result = iterated_elimination(A, B)
    eq = BimatrixGame.from_arrays(A, B).equilibria()
    for p in eq.extreme:
        assert {i for i, v in enumerate(p.row) if v > 0} <= set(result.row_indices)
        assert {j for j, v in enumerate(p.col) if v > 0} <= set(result.col_indices)


@settings(max_examples=120, deadline=None)
@given(small_games)
def test_every_step_is_a_dominance_in_the_game_at_the_start_of_its_round(game):
    A, B = matrix(game[0], "A"), matrix(game[1], "B")
    rows, cols = list(range(len(A))), list(range(len(A[0])))
    result = iterated_elimination(A, B)
    for r in range(1, result.rounds + 1):
        steps = [e for e in result.steps if e.round == r]
        for e in steps:
            own, other = (rows, cols) if e.player == "row" else (cols, rows)
            payoff = (lambda i, j: A[i][j]) if e.player == "row" else (lambda i, j: B[j][i])
            s = int(e.strategy[1:])
            mix = {int(k[1:]): p for k, p in e.dominated_by.items()}
            assert set(mix) <= set(own) and sum(mix.values()) == 1
            gains = [sum(p * payoff(t, j) for t, p in mix.items()) - payoff(s, j) for j in other]
            assert min(gains) == e.margin > 0
        for e in steps:
            (rows if e.player == "row" else cols).remove(int(e.strategy[1:]))
    assert (tuple(rows), tuple(cols)) == (result.row_indices, result.col_indices)


@settings(max_examples=60, deadline=None)
@given(small_games, st.sampled_from([(1, 10**9), (10**10, 0), (Fraction(1, 10**10), 0), (3, -(10**9))]))
def test_elimination_is_invariant_to_shifts_and_scalings(game, affine):
    a, b = affine
    A, B = game
    ref = iterated_elimination(A, B)
    moved_row = iterated_elimination([[a * int(v) + b for v in row] for row in A], B)
    moved_col = iterated_elimination(A, [[a * int(v) + b for v in row] for row in B])
    for got in (moved_row, moved_col):
        assert (got.row_indices, got.col_indices) == (ref.row_indices, ref.col_indices)
        assert [(e.round, e.player, e.strategy, e.dominated_by) for e in got.steps] == [
            (e.round, e.player, e.strategy, e.dominated_by) for e in ref.steps
        ]


def test_float_payoffs_shifted_by_1e9_are_still_reduced():
    # The same dominance, with payoffs written as floats around 1e9 (exactly representable).
    A = np.array([[3.0, 0.0], [1.0, 1.0], [0.0, 3.0]]) + 1e9
    result = iterated_elimination(A, np.zeros((3, 2)), "TMB")
    assert result.steps[0].strategy == "M" and result.steps[0].margin == Fraction(1, 2)
