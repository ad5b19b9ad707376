"""Dominance and iterated elimination on general bimatrix games."""

from __future__ import annotations

import warnings
from fractions import Fraction

import nashpy
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games.dominance import dominant_strategies
from cluster_games.games.elimination import iterated_elimination


def test_prisoners_dilemma():
    A = [[3, 0], [5, 1]]
    row, col = dominant_strategies(A, np.array(A).T, ["C", "D"], ["C", "D"])
    assert row.strictly_dominant == col.strictly_dominant == "D"
    assert row.best_responses == (("D",), ("D",))
    assert str(row) == "row: D strictly dominant"


def test_weak_but_not_strict_dominance_is_exact():
    third = Fraction(1, 3)
    A = [[third, Fraction(1)], [third, Fraction(0)]]  # tie against column 0
    row, _ = dominant_strategies(A, [[0, 0], [0, 0]])
    assert row.strictly_dominant is None and row.weakly_dominant == "r0"
    assert row.best_responses == (("r0", "r1"), ("r0",))


def test_no_dominant_strategy_in_coordination_game():
    row, col = dominant_strategies([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert row.strictly_dominant is None and row.weakly_dominant is None
    assert str(col) == "column: no dominant strategy"


def test_mixed_dominance_found_by_linear_program():
    A = [[3, 0], [1, 1], [0, 3]]
    B = [[0, 0], [0, 0], [0, 0]]
    pure_only = iterated_elimination(A, B, ["T", "M", "B"], mixed=False)
    assert pure_only.row_strategies == ("T", "M", "B")
    result = iterated_elimination(A, B, ["T", "M", "B"])
    assert result.row_strategies == ("T", "B")
    step = result.steps[0]
    assert step.strategy == "M" and step.dominated_by == pytest.approx({"T": 0.5, "B": 0.5})
    assert step.margin == pytest.approx(0.5)


def test_iesds_solves_a_3x3_game_in_several_rounds():
    # Classic example: elimination alternates between players and ends at (U, L).
    A = [[4, 3, 6], [2, 1, 8], [3, 0, 9]]
    B = [[3, 1, 2], [1, 4, 6], [0, 6, 8]]
    result = iterated_elimination(A, B, ["U", "M", "D"], ["L", "C", "R"])
    assert (result.row_strategies, result.col_strategies) == (("U",), ("L",)) or result.solved is False
    for step in result.steps:
        assert step.margin > 0


def test_shape_errors():
    with pytest.raises(ValueError, match="same shape"):
        dominant_strategies([[1, 2]], [[1], [2]])
    with pytest.raises(ValueError, match="2-dimensional"):
        iterated_elimination([1, 2], [1, 2])
    with pytest.raises(ValueError, match="labels"):
        dominant_strategies([[1, 2]], [[1, 2]], ["a", "b"])


small_games = st.tuples(st.integers(2, 4), st.integers(2, 4)).flatmap(
    lambda shape: st.tuples(
        arrays(np.int64, shape, elements=st.integers(-5, 5)),
        arrays(np.int64, shape, elements=st.integers(-5, 5)),
    )
)


@settings(max_examples=150, deadline=None)
@given(small_games)
def test_iesds_never_removes_an_equilibrium_strategy(game):
    """Strategies played in any Nash equilibrium survive strict-dominance elimination (mixed included)."""
    A, B = game
    result = iterated_elimination(A, B)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        equilibria = list(
            nashpy.Game(A.astype(float), B.astype(float)).support_enumeration(non_degenerate=False)
        )
    survivors_r = {int(s[1:]) for s in result.row_strategies}
    survivors_c = {int(s[1:]) for s in result.col_strategies}
    for x, y in equilibria:
        assert set(np.flatnonzero(x > 1e-9)) <= survivors_r
        assert set(np.flatnonzero(y > 1e-9)) <= survivors_c


@settings(max_examples=150, deadline=None)
@given(small_games)
def test_every_eliminated_strategy_is_really_dominated(game):
    A, B = game
    rows, cols = list(range(A.shape[0])), list(range(A.shape[1]))
    labels_r = [f"r{i}" for i in rows]
    labels_c = [f"c{j}" for j in cols]
    for step in iterated_elimination(A, B).steps:
        own, other, M = (rows, cols, A) if step.player == "row" else (cols, rows, B.T)
        labels = labels_r if step.player == "row" else labels_c
        s = labels.index(step.strategy)
        mix = np.zeros(M.shape[0])
        for name, prob in step.dominated_by.items():
            mix[labels.index(name)] = prob
        gain = mix @ M[:, other] - M[s, other]
        assert np.all(gain > 0), (step, gain)
        own.remove(s)
