"""solve(): the numbers a reader of the paper wants, in one object."""

from __future__ import annotations

import json
import math

import pytest

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
