"""Dominance by pure and mixed strategies: exact, certified, invariant to affine maps of the payoffs."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games import dominance as D
from cluster_games.games._rational import matrix
from cluster_games.games.dominance import dominant_strategies, dominated_by

from support import exact_domination_margin


def test_prisoners_dilemma():
    A = [[3, 0], [5, 1]]
    row, col = dominant_strategies(A, np.array(A).T, ["C", "D"], ["C", "D"])
    assert row.strictly_dominant == col.strictly_dominant == "D"
    assert row.best_responses == (("D",), ("D",))
    assert str(row) == "row: D strictly dominant"
    assert [str(d) for d in row.dominated] == ["C strictly dominated by D"]


def test_weak_but_not_strict_dominance_is_exact():
    third = Fraction(1, 3)
    A = [[third, Fraction(1)], [third, Fraction(0)]]  # tie against column 0
    row, _ = dominant_strategies(A, [[0, 0], [0, 0]])
    assert row.strictly_dominant is None and row.weakly_dominant == "r0"
    assert row.best_responses == (("r0", "r1"), ("r0",))
    assert [(d.strategy, d.strict) for d in row.dominated] == [("r1", False)]


def test_no_dominant_strategy_in_coordination_game():
    row, col = dominant_strategies([[2, 0], [0, 1]], [[1, 0], [0, 2]])
    assert row.strictly_dominant is None and row.weakly_dominant is None and row.dominated == ()
    assert str(col) == "column: no dominant strategy"


def test_a_strategy_dominated_only_by_a_mixture():
    row, _ = dominant_strategies([[3, 0], [1, 1], [0, 3]], [[0, 0]] * 3, "TMB", "LR")
    (d,) = row.dominated
    assert d.strategy == "M" and d.strict and d.by == {"T": Fraction(1, 2), "B": Fraction(1, 2)}
    assert d.margin == Fraction(1, 2)


def test_weak_dominance_by_a_mixture_at_an_exact_tie():
    # M = (3/2, 3/2) equals T/2 + B/2 against L and R, and loses to it against C: weakly dominated
    # only; the float LP's optimum is exactly 0 there, so the answer needs exact arithmetic.
    A = [[3, 0, 1], [Fraction(3, 2), Fraction(3, 2), 0], [0, 3, 1]]
    row, _ = dominant_strategies(A, [[0] * 3] * 3, "TMB", "LCR")
    (d,) = row.dominated
    assert (
        d.strategy == "M"
        and not d.strict
        and d.margin == 0
        and d.by == {"T": Fraction(1, 2), "B": Fraction(1, 2)}
    )


def test_not_dominated_when_a_best_response_to_some_belief():
    M = matrix([[2, 0], [0, 2], [1, 1]], "M")  # the middle row ties the mixture T/2 + B/2 everywhere
    assert dominated_by(M, 2, [0, 1, 2], [0, 1], "TBM", weak=True) is None
    assert dominated_by(M, 2, [0, 1, 2], [0, 1], "TBM") is None


def test_duplicate_strategies_do_not_dominate_each_other():
    row, _ = dominant_strategies([[1, 2], [1, 2]], [[0, 0], [0, 0]])
    assert row.dominated == () and row.weakly_dominant is None


def test_shape_and_input_errors():
    with pytest.raises(ValueError, match="same shape"):
        dominant_strategies([[1, 2]], [[1], [2]])
    with pytest.raises(ValueError, match="labels"):
        dominant_strategies([[1, 2]], [[1, 2]], ["a", "b"])
    with pytest.raises(ValueError, match=r"A\[0\]\[1\]: must be finite"):
        dominant_strategies([[1, float("nan")]], [[1, 2]])
    with pytest.raises(ValueError, match=r"B\[0\]\[0\]: expected a number, got a boolean"):
        dominant_strategies([[1, 2]], [[True, 2]])


payoff_tables = st.tuples(st.integers(3, 4), st.integers(2, 4)).flatmap(
    lambda shape: arrays(np.int64, shape, elements=st.integers(-4, 4))
)


@settings(max_examples=120, deadline=None)
@given(payoff_tables)
def test_strict_mixed_dominance_agrees_with_an_exact_lp(table):
    M = matrix(table, "M")
    rows = list(range(len(M)))
    for s in rows:
        d = dominated_by(M, s, rows, list(range(len(M[0]))), [str(i) for i in rows])
        others = [t for t in rows if t != s]
        assert (d is not None and d.strict) == (exact_domination_margin(M, s, others) > 0)
        if d is not None:  # the certificate itself: the mixture beats s in every column, exactly
            p = {int(k): v for k, v in d.by.items()}
            assert sum(p.values()) == 1
            gains = [sum(q * M[t][j] for t, q in p.items()) - M[s][j] for j in range(len(M[0]))]
            assert min(gains) == d.margin > 0


@settings(max_examples=80, deadline=None)
@given(
    payoff_tables,
    st.sampled_from(
        [
            (Fraction(1), Fraction(10**9)),
            (Fraction(10**10), Fraction(0)),
            (Fraction(1, 10**10), Fraction(0)),
            (Fraction(1, 10**10), Fraction(-7)),
        ]
    ),
)
def test_dominance_is_invariant_to_shift_and_scale(table, affine):
    a, b = affine
    A = matrix(table, "A")
    B = matrix(np.zeros_like(table), "B")
    moved = tuple(tuple(a * v + b for v in row) for row in A)
    ref, _ = dominant_strategies(A, B)
    got, _ = dominant_strategies(moved, B)
    assert [(d.strategy, d.strict, d.by) for d in got.dominated] == [
        (d.strategy, d.strict, d.by) for d in ref.dominated
    ]
    assert (got.strictly_dominant, got.weakly_dominant) == (ref.strictly_dominant, ref.weakly_dominant)


def test_the_exact_lp_decides_what_the_float_certificates_cannot(monkeypatch):
    # Spoil both float certificates: the exact program must still give the right answer.
    monkeypatch.setattr(D, "_float_lp", lambda *a: (None, None))
    monkeypatch.setattr(D, "_belief_lp", lambda *a: None)
    row, _ = dominant_strategies([[3, 0], [1, 1], [0, 3]], [[0, 0]] * 3, "TMB", "LR")
    assert [str(d) for d in row.dominated] == ["M strictly dominated by 1/2 T + 1/2 B"]
    row, _ = dominant_strategies([[2, 0], [0, 2], [1, 1]], [[0, 0]] * 3, "TBM", "LR")
    assert row.dominated == ()
