"""The duck-typed closed forms are the symbolic model (one source of truth)."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import sympy as sp

from cluster_games import model as M
from cluster_games import model_k as MK
from cluster_games.kernels import closed_forms as P
from cluster_games.kernels.exact import rational

SYMBOLS = (M.n, M.F, M.alpha, M.beta, M.c, M.c_A, M.omega, M.W)


def test_payoff_entries_are_the_symbolic_matrix():
    e = P.payoff_entries(*SYMBOLS)
    A = M.payoff_matrix_A()
    for got, want in zip(e, (A[0, 0], A[0, 1], A[1, 0], A[1, 1]), strict=True):
        assert sp.expand(got - want) == 0


def test_factory_and_investment_forms_are_the_model():
    assert sp.simplify(P.Q_bar(M.omega, M.F, M.c, M.c_A) - M.Q_bar()) == 0
    assert sp.expand(P.factory_profit_alone(M.Q, M.omega, M.F, M.c, M.c_A) - M.factory_profit_alone()) == 0
    assert sp.expand(P.investment_gap(M.Q, M.F, M.c_A) - M.investment_gap()) == 0
    assert sp.expand(P.demand(M.W, M.alpha, M.beta, M.c) - M.demand(M.W)) == 0


def test_dominance_margins_are_row_differences():
    A = M.payoff_matrix_A()
    a, b = P.dominance_margins(M.n, M.alpha, M.beta, M.c, M.c_A, M.omega, M.W)
    assert sp.expand(a - (A[0, 0] - A[1, 0])) == 0
    assert sp.expand(b - (A[0, 1] - A[1, 1])) == 0


def test_broadcasting_and_exact_types():
    omega = np.array([0.2, 0.3])
    e = P.payoff_entries(10.0, 1.0, 100.0, 1.0, 10.0, 1.0, omega, np.array([[0.5], [0.6]]))
    assert e.YY.shape == (2,) and e.NN.shape == (2, 1) and e.NY.shape == (2,)
    exact = P.payoff_entries(*rational(10, 1, 100, 1, 10, 1, 0.2, 0.4))
    assert all(isinstance(v, Fraction) for v in exact)
    # omega = 0.2 is not exactly 1/5 in binary: the exact value differs from 439 in the 14th digit
    assert exact.YY != 439 and abs(float(exact.YY) - 439.0) < 1e-11


def test_demand_at_cost_is_the_models_G_and_demand_where_the_margin_vanishes():
    assert sp.expand(P.demand_at_cost(M.alpha, M.beta, M.c, M.c_A) - M.G) == 0
    # G = D(c_A / c): the rate at which m(r) = r c - c_A is zero.
    assert sp.simplify(P.demand(M.c_A / M.c, M.alpha, M.beta, M.c) - M.G) == 0
    assert P.margin(M.c_A / M.c, M.c, M.c_A) == 0


def test_rho_is_the_models_rho():
    assert sp.simplify(P.rho(M.n, M.F, M.alpha, M.beta, M.c, M.c_A) - MK.rho()) == 0
