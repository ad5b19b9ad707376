"""The cluster game: numeric dominance and equilibria against the symbolic regions.

Thousands of hypothesis-drawn games on both sides of the exact dominance
boundary 2 m(omega) D(omega) = m(W) D(W), exact boundary points, and points
where the paper's sufficient condition fails although Y still dominates.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
import sympy as sp
from hypothesis import event, given, settings
from hypothesis import strategies as st

from cluster_games import InvalidParameterError, Parameters, Rates
from cluster_games import model as M
from cluster_games.game import ClusterGame
from cluster_games.games.equilibria import nash_equilibria
from cluster_games.proofs.regions import dominance_conditions

from support import log_uniform

COND = dominance_conditions()


def symbolic_strict_dominance(g: ClusterGame) -> bool:
    """The symbolic exact region, evaluated exactly at the game's (float) inputs."""
    p = g.params
    subs = {getattr(M, k): sp.Rational(Fraction(v)) for k, v in p.as_dict().items()}
    subs[M.omega], subs[M.W] = sp.Rational(Fraction(g.omega)), sp.Rational(Fraction(g.W))
    return bool(COND.exact.subs(subs))


def boundary_W(alpha, beta, c, c_A, omega):
    """W(s) > omega where m(W) D(W) = 2 m(omega) D(omega), or None (Y dominates for every W)."""
    target = 2 * (omega * c - c_A) * (alpha - beta * (1 + omega) * c)
    K = alpha - beta * c + beta * c_A
    disc = K * K - 4 * beta * (c_A * (alpha - beta * c) + target)
    if disc < 0:
        return None
    x1 = (K - math.sqrt(disc)) / (2 * beta)
    return x1 / c if x1 / c > omega else None


@st.composite
def games(draw):
    beta = draw(log_uniform(1e-2, 1e2))
    c = draw(log_uniform(1e-2, 1e2))
    c_A = 0.0 if draw(st.integers(0, 9)) == 0 else draw(log_uniform(1e-4, 1e1)) * c
    mu = draw(log_uniform(1e-3, 1e1)) * c  # m(omega) > 0
    omega = (c_A + mu) / c
    d = draw(log_uniform(1e-2, 1e3)) * beta * c  # D(omega) > 0
    alpha = beta * (1 + omega) * c + d
    n = draw(log_uniform(1e-1, 1e4))
    F = draw(st.sampled_from([0.0, 1.0])) * draw(log_uniform(1e-3, 1e3))
    Wb = boundary_W(alpha, beta, c, c_A, omega)
    W_demand = (alpha - beta * c) / (beta * c)  # D(W_demand) = 0: the domain of a game ends there
    if Wb is not None and draw(st.booleans()):
        side = draw(st.sampled_from([-1.0, 1.0]))
        W = Wb * (1 + side * draw(log_uniform(1e-6, 1e-1)))
        W = max(W, omega * (1 + 1e-9) + 1e-12)
    else:
        W = omega * (1 + draw(log_uniform(1e-4, 1e2)))
    W = min(W, omega + (W_demand - omega) * (1 - 1e-9))
    return ClusterGame(Parameters(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A), omega, W)


# 600 games (~30 ms each: nashpy's cross-check); the boundary itself is tested exactly below
@settings(max_examples=600, deadline=None)
@given(games())
def test_numeric_dominance_and_equilibria_agree_with_symbolic_region(g):
    exact = symbolic_strict_dominance(g)
    label = g.classify()
    event(f"{label}; paper condition {'holds' if g.paper_condition() else 'fails'}")
    assert (label == "Y strictly dominant") == exact
    row, col = g.dominance()
    assert (row.strictly_dominant == "Y") == exact and (col.strictly_dominant == "Y") == exact
    # The paper's condition lies inside the exact region (P1).
    if g.trade_feasible() and g.paper_condition():
        assert exact
    # nashpy on the float64 payoffs, where the margin is resolvable in float64 (closer to the
    # boundary the mixed equilibrium sits within ~gap of a pure one and float64 cannot separate them):
    if abs(g.boundary_gap()) > 1e-5:
        eq = nash_equilibria(g.payoff_A, g.payoff_B, "YN", "YN")
        assert (eq.unique and eq.pure == (("Y", "Y"),)) == exact, (str(eq), label)
        if not exact:  # feasible trade, Y beats N against Y: a coordination game
            assert eq.finite and len(eq.extreme) == 3 and set(eq.pure) == {("Y", "Y"), ("N", "N")}
    # The exact-confirmed equilibria agree everywhere, boundary neighbourhood included.
    eq = g.equilibria()
    assert (eq.unique and eq.pure == (("Y", "Y"),)) == exact


def test_paper_condition_can_fail_while_Y_dominates():
    """Sufficient, not necessary: find many such points on a grid and check them with nashpy."""
    p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    found = 0
    for omega in np.linspace(0.11, 2.0, 25):
        for W in omega * np.linspace(1.05, 3.0, 25):
            g = ClusterGame(p, omega, W)
            if not g.paper_condition() and g.classify() == "Y strictly dominant":
                found += 1
                eq = nash_equilibria(g.payoff_A, g.payoff_B, "YN", "YN")
                assert eq.unique and eq.pure == (("Y", "Y"),)
    assert found >= 20


def _exact_boundary_points():
    """Integer (omega, W, alpha) with c = beta = 1, c_A = 0 where 2 m D(omega) = m D(W) exactly."""
    points = []
    for omega in range(1, 6):
        for W in range(omega + 1, 30):
            if 2 * omega == W:
                continue
            a1 = Fraction(2 * omega * omega - W * W, 2 * omega - W)  # alpha - 1
            if a1.denominator == 1 and a1 > W:  # integer alpha, D(W) > 0
                points.append((omega, W, int(a1) + 1))
    return points


@pytest.mark.parametrize(("omega", "W", "alpha"), _exact_boundary_points())
@pytest.mark.parametrize("scale_exp", [-3, 0, 5])
def test_exact_boundary_is_weak_dominance_with_two_equilibria(omega, W, alpha, scale_exp):
    # Money measured in units 2**scale_exp: c -> s c, beta -> beta / s keeps every value a dyadic float.
    s = 2.0**scale_exp
    g = ClusterGame(Parameters(n=3, F=0.5, alpha=alpha, beta=1 / s, c=s, c_A=0), float(omega), float(W))
    assert g.exact_margins()[1] == 0 and g.exact_margins()[0] > 0
    assert not symbolic_strict_dominance(g)
    assert g.classify() == "Y weakly dominant"
    row, col = g.dominance()
    assert row.weakly_dominant == col.weakly_dominant == "Y" and row.strictly_dominant is None
    for eq in (g.equilibria(), nash_equilibria(g.payoff_A, g.payoff_B, "YN", "YN")):
        assert (
            eq.finite and eq.degenerate and set(eq.pure) == {("Y", "Y"), ("N", "N")} and len(eq.extreme) == 2
        )
    # One ulp of W to either side leaves the boundary: strict dominance below, none above.
    below = ClusterGame(g.params, g.omega, math.nextafter(g.W, 0))
    above = ClusterGame(g.params, g.omega, math.nextafter(g.W, math.inf))
    assert {below.classify(), above.classify()} == {"Y strictly dominant", "no dominant strategy"}
    assert symbolic_strict_dominance(below) == (below.classify() == "Y strictly dominant")


def test_exact_boundary_points_exist():
    assert len(_exact_boundary_points()) >= 5


def test_defaults_and_validation():
    p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    g = ClusterGame.at(p)
    assert g.omega == p.omega_star() and g.W == p.monopoly_rate
    assert ClusterGame.at(p, Rates(W=0.2)).W == 0.2
    with pytest.raises(InvalidParameterError, match="'W': must exceed"):
        ClusterGame(p, 0.3, 0.3)
    with pytest.raises(InvalidParameterError, match="'omega'"):
        ClusterGame(p, float("nan"), 0.3)
    with pytest.raises(TypeError, match="Parameters"):
        ClusterGame({"n": 1}, 0.1, 0.2)


def test_payoffs_are_symmetric_and_match_the_model():
    g = ClusterGame(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1), 0.2, 2.0)
    np.testing.assert_array_equal(g.payoff_B, g.payoff_A.T)
    subs = {getattr(M, k): v for k, v in g.params.as_dict().items()} | {M.omega: 0.2, M.W: 2.0}
    expected = np.array(M.payoff_matrix_A().subs(subs).evalf(30), dtype=float)
    np.testing.assert_allclose(g.payoff_A, expected, rtol=1e-14)
    assert g.to_nashpy().payoff_matrices[0].tolist() == g.payoff_A.tolist()


def test_display():
    g = ClusterGame(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1), 0.2, 2.0)
    text = str(g)
    assert "A: Y  (439, 439)" in text and "(6649, 6649)" in text
    latex = g._repr_latex_()
    assert latex.startswith("$") and r"\begin{array}" in latex
