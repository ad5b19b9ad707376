"""solve(): the numbers a reader of the paper wants, in one object."""

from __future__ import annotations

import json
import math
import re

import mpmath
import pytest

import cluster_games as cg
from cluster_games import InvalidParameterError, NoEquilibriumError, Parameters, Rates
from cluster_games.scenarios import load_scenario
from cluster_games.solve import solve

from support import run_cli

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


# ---------------------------------------------------------------------- issue 19: a scenario's W with --k
def _omega_star_k(p: Parameters, k: int) -> mpmath.mpf:
    """omega*(k) = (K - sqrt(G^2 - 4 k beta F / n)) / (2 beta c) (SPEC 1.2 with 4k for 8), 50 digits."""
    mpmath.mp.dps = 50
    n, F, a, b, c, cA = (mpmath.mpf(v) for v in p.as_dict().values())
    K, G = a - b * c + b * cA, a - b * (c + cA)
    return (K - mpmath.sqrt(G**2 - 4 * k * b * F / n)) / (2 * b * c)


def test_a_scenario_W_not_above_omega_star_k_becomes_the_monopoly_rate_with_a_note():
    params, rates, _ = load_scenario("chenghai")
    assert rates.W == 0.06 < _omega_star_k(params, 8)  # the scenario's W is set for k = 2
    with pytest.raises(InvalidParameterError, match="'W'"):
        solve(params, rates, k=8)  # a W the caller requires is refused
    s = solve(params, rates, k=8, W_fallback=True)
    assert s.companies.W == params.monopoly_rate and s.companies.W_is_monopoly and s.W_default
    assert len(s.notes) == 1 and "W = 0.06 is not above omega*(8) = 0.113523" in s.notes[0]
    assert s.notes[0] in str(s) and json.loads(s.to_json())["notes"] == list(s.notes)
    # at k = 2 the scenario's W is above omega*: kept, no note
    two = solve(params, rates, W_fallback=True)
    assert two.game.W == 0.06 and two.notes == ()


def test_W_fallback_decides_a_tie_exactly():
    # W = omega exactly is "not above omega": replaced; one ulp above is kept
    s = solve(P, Rates(omega=0.2, W=0.2), W_fallback=True)
    assert s.game.W == P.monopoly_rate and "not above omega = 0.2" in s.notes[0]
    up = math.nextafter(0.2, 1)
    assert solve(P, Rates(omega=0.2, W=up), W_fallback=True).game.W == up


def test_cli_solve_scenario_k8_runs_and_says_so():
    code, out, err = run_cli(["solve", "--scenario", "chenghai", "--k", "8", "--delta", "0.9"])
    assert code == 0 and err == ""
    assert "note     : W = 0.06 is not above omega*(8)" in out and "monopoly rate W_m = 0.29625" in out
    code, out, err = run_cli(["solve", "--scenario", "chenghai", "--k", "8", "--W", "0.06"])
    assert code == 2 and out == "" and "must exceed omega" in err  # an explicit --W is not overridden


def test_units_on_every_printed_quantity_of_a_scenario():
    code, out, _ = run_cli(["solve", "--scenario", "chenghai"])
    assert code == 0
    lines = dict(line.split(":", 1) for line in out.splitlines() if ":" in line)
    assert lines["parameters"].strip() == (
        "n = 200 categories, F = 6e+07 yuan, alpha = 5e+06 toys, beta = 160000 toys/yuan, "
        "c = 20 yuan/toy, c_A = 0.6 yuan/toy"
    )
    assert lines["n_min    "].strip().endswith(" categories")
    assert re.search(r"Q_bar    : [\d.e+]+ toys ", out) and "payoffs in yuan" in out
    d = json.loads(run_cli(["solve", "--scenario", "chenghai", "--json"])[1])
    assert (
        d["units"]["Q_bar"] == "toys" and d["units"]["payoff"] == "yuan" and d["units"]["beta"] == "toys/yuan"
    )
    # the worked example declares no money or goods: none is printed
    code, out, _ = run_cli(["solve", "--example"])
    assert "yuan" not in out and "toys" not in out and "payoffs in" not in out
    assert json.loads(run_cli(["solve", "--example", "--json"])[1])["units"] == {
        "n": "categories",
        "n_min": "categories",
    }


def test_prove_header_states_the_scenario_units():
    code, out, _ = run_cli(["prove", "--scenario", "chenghai"])
    assert code == 0
    assert out.splitlines()[1].startswith(
        "numeric checks at n = 200 categories, F = 6e+07 yuan, alpha = 5e+06 toys"
    )


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


def test_q_bar_where_the_float_margin_rounds_to_zero():
    """omega = 0.1, c = 10, c_A = 1: the float 0.1 is 3602879701896397 / 2^55, so omega c - c_A is
    exactly 2 / 2^55 = 2^-54 > 0 (trade is feasible) while 0.1 * 10 - 1 is 0.0 in floats.
    Q_bar = F / 2^-54 = F * 2^54: 0 at F = 0 (it was a ZeroDivisionError, exit 3; found by the
    explore profile, seed 17) and 2^54 at F = 1."""
    for F, want in ((0.0, 0.0), (1.0, 2.0**54)):
        sol = solve(Parameters(0.001, F, 21, 1, 10, 1), Rates(0.1, 0.2))
        assert sol.Q_bar == want
        assert "Q_bar" in str(sol)
