"""solve(): the numbers a reader of the paper wants, in one object."""

from __future__ import annotations

import json
import math
import re

import pytest

import cluster_games as cg
from cluster_games import NoEquilibriumError, Parameters, Rates
from cluster_games.solve import solve

P = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)


def test_defaults_are_omega_star_and_monopoly_rate():
    s = solve(P)
    assert s.omega_star == P.omega_star() and s.game.omega == s.omega_star and s.game.W == P.monopoly_rate
    assert s.omega_default and s.W_default
    # Finding R1: at (omega*, W_m), n = 10 >> 2 n_min, so the game is a coordination game.
    assert s.classification == "no dominant strategy"
    assert s.Q_bar == pytest.approx(P.n * (P.alpha - P.beta * (1 + s.omega_star) * P.c) / 2, rel=1e-12)


def test_json_round_trip_and_markdown():
    s = solve(P, Rates(W=0.1003))
    d = json.loads(s.to_json())
    assert d["dominance"] == "Y strictly dominant" and d["degenerate"] is False
    assert "Y strictly dominant" in s._repr_markdown_() and "omega*" in str(s)


def test_infeasible_needs_omega():
    thin = P.replace(n=1e-4)
    with pytest.raises(NoEquilibriumError):
        solve(thin)
    s = solve(thin, Rates(omega=0.2, W=0.3))
    assert s.omega_star is None and s.n_min == pytest.approx(8 / 89**2)
    assert "omega*   : none" in str(s)


def test_q_bar_infinite_when_margin_not_positive():
    s = solve(P, Rates(omega=0.05, W=0.3))  # omega c = 0.5 < c_A = 1
    assert math.isinf(s.Q_bar) and s.to_dict()["Q_bar"] is None


# ----------------------------------------------------------------------------- issue 19: clear errors
def test_a_mapping_is_validated_into_parameters():
    d = dict(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    assert solve(d, {"W": 0.1003}).classification == solve(P, Rates(W=0.1003)).classification
    with pytest.raises(cg.InvalidParameterError, match="parameter 'F': missing"):
        solve({"n": 10})


@pytest.mark.parametrize(
    ("args", "needle"),
    [
        (
            (None,),
            "parameter 'params': expected Parameters or a mapping of n, F, alpha, beta, c, c_A, got NoneType",
        ),
        (([1, 2],), "got list"),
        ((P, 3), "parameter 'rates': expected Rates or a mapping of omega, W, got int"),
        ((P, {"w": 0.2}), "parameter 'w': is not a rate"),
    ],
)
def test_anything_else_is_refused_by_name(args, needle):
    """solve(dict) raised AttributeError ('dict' object has no attribute 'omega_star')."""
    with pytest.raises(cg.InvalidParameterError, match=re.escape(needle)):
        solve(*args)


@pytest.mark.parametrize("k", [2.5, 1, 0, -3, True, "3", [2, 3]])
def test_k_is_a_whole_number_of_at_least_two(k):
    with pytest.raises(cg.InvalidParameterError, match="parameter 'k'"):
        solve(P, k=k)
