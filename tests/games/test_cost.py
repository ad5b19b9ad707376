"""Estimates before work: an analysis that would run long is refused with its estimate, before it starts."""

from __future__ import annotations

import numpy as np
import pytest

from cluster_games.games import BimatrixGame, cost
from cluster_games.games import lemke_howson as LH
from cluster_games.games.analysis import analyse, estimate_analysis


def _random(m, n, seed=0):
    rng = np.random.default_rng(seed)
    return BimatrixGame.from_arrays(rng.integers(0, 100, (m, n)), rng.integers(0, 100, (m, n)))


@pytest.fixture
def no_work(monkeypatch):
    """Any part of an analysis that starts is a failure: the refusals must come first."""

    def boom(*args, **kwargs):
        raise AssertionError("work started before the size check")

    for name in ("dominance", "eliminate", "_single_strategy"):
        monkeypatch.setattr(BimatrixGame, name, boom)
    monkeypatch.setattr(LH, "lemke_howson_all", boom)


@pytest.mark.parametrize(
    ("shape", "method", "needle"),
    [
        (
            (100, 100),
            "lemke-howson",
            r"the 100 x 100 game would take about [\d.]+ min .*refused before they start",
        ),
        ((60, 60), "lemke-howson", r"the 60 x 60 game would take about [\d.]+ min"),
        (
            (100, 100),
            "auto",
            r"enumeration .* years\) .*refused before they start .*--max-seconds.* method='lemke-howson' .*[\d.]+ min",
        ),
    ],
)
def test_long_analyses_are_refused_with_their_estimate_before_any_work(shape, method, needle, no_work):
    game = _random(*shape)
    with pytest.raises(ValueError, match=needle):
        analyse(game, method=method)


def test_a_player_with_one_strategy_is_answered_directly():
    """1 x 1000: the column player's best responses to the row's only strategy (cdd ran for minutes)."""
    B = [[0] * 1000]
    B[0][3] = B[0][997] = 5
    eq = BimatrixGame.from_arrays([[1] * 1000], B).equilibria()
    assert [p.col.index(1) for p in eq.extreme] == [3, 997] and eq.degenerate and not eq.finite
    assert "single strategy" in eq.method
    # no linear program; the pure comparisons of the column player's 1000 strategies (measured 4.7 s)
    assert estimate_analysis(BimatrixGame.from_arrays([[1] * 1000], B)).seconds < 10


def test_estimates_follow_the_measured_models():
    # dominance from the shape alone: every strategy of a player with >= 3 strategies needs 2 programs
    assert cost.estimate((3, 300), equilibria=False).parts["dominance and elimination"] == pytest.approx(
        2 * 5e-5 * (2 * 3 + 2 * 300) * 3 * 300 + 4.5e-6 * (9 * 300 + 300**2 * 3)
    )
    path = 3 + 40**2 / 10  # pivots per Lemke-Howson path, 40 x 40
    assert cost.estimate((40, 40), "lemke-howson", dominance=False).seconds == pytest.approx(
        4e-7 * 80 * path * 80 * 81 / 2
    )


def test_lp_candidates_skip_best_responses_and_single_columns():
    # row 2 is a best response nowhere (2 programs); rows 1 and 3 only tie for column 1 (1 each: weak)
    M = ((5, 1), (0, 4), (1, 1), (0, 4))
    assert cost.lp_candidates(tuple(tuple(r) for r in M)) == 2 + 1 + 1
    assert cost.lp_candidates(((1,), (2,), (3,))) == 0


def test_a_lemke_howson_path_beyond_the_pivot_limit_is_refused(monkeypatch):
    monkeypatch.setattr(LH, "MAX_PIVOTS", 2)
    g = _random(6, 6, seed=3)
    with pytest.raises(ValueError, match="longer than 2 pivots"):
        g.equilibria(method="lemke-howson")
