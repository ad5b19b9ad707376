"""The symbolic model: identities the numeric code relies on, and cross-checks with it."""

from __future__ import annotations

import sympy as sp
from hypothesis import given, settings

import cluster_games as cg
from cluster_games import model as M

from support import feasible_parameters, rel_err


def test_payoff_matrices_are_the_paper_game():
    A = M.payoff_matrix_A()
    md = M.margin(M.omega) * M.demand(M.omega)
    assert sp.simplify(A[0, 0] - (M.n * md / 2 - M.F)) == 0
    assert sp.simplify(A[0, 1] - (M.n * md - M.F)) == 0
    assert A[1, 0] == -M.F
    assert M.payoff_matrix_B() == A.T
    # buyer price (1 + r) c: demand at r = 0 is alpha - beta c
    assert M.demand(0) == M.alpha - M.beta * M.c


def test_discriminant_identity():
    K, C = M.K, M.C()
    assert sp.expand(K**2 - 4 * M.beta * C - M.discriminant()) == 0
    k = M.k
    assert sp.expand(K**2 - 4 * M.beta * M.C(k) - M.discriminant(k)) == 0


def test_both_roots_solve_zero_profit_and_sympy_finds_the_same():
    assert M.zero_profit_equation().rhs == 0 and M.zero_profit_equation(M.k).rhs == 0
    lhs = M.zero_profit_equation().lhs
    assert sp.simplify(lhs - M.payoff_matrix_A()[0, 0]) == 0
    for root in M.omega_star_roots():
        assert sp.simplify(sp.expand(lhs.subs(M.omega, root))) == 0
    # Independent derivation: sympy's own solution of the quadratic in x = omega c.
    eq = sp.expand((lhs.subs(M.omega, M.x / M.c)) * 2 / M.n)
    solutions = sp.solve(eq, M.x)
    assert len(solutions) == 2
    ours = {sp.expand(r * M.c) for r in M.omega_star_roots()}
    for s in solutions:
        assert any(sp.simplify(s - o) == 0 for o in ours)


def test_rationalised_form_equals_lower_root():
    lower, _ = M.omega_star_roots()
    # (K - r)(K + r) = K^2 - r^2 = 4 beta C, so the two forms agree wherever K + r > 0
    r = sp.sqrt(M.discriminant())
    assert sp.expand((M.K - r) * (M.K + r) - 4 * M.beta * M.C()) == 0
    assert sp.simplify(M.omega_star_rationalised() - lower) == 0


def test_investment_gap_and_threshold():
    assert sp.expand(M.investment_gap() - (M.c_A * M.Q + M.F)) == 0
    assert sp.simplify(M.factory_profit_alone(M.Q_bar())) == 0


@settings(max_examples=60, deadline=None)
@given(feasible_parameters(n_max=1e12))
def test_numeric_omega_star_agrees_with_symbolic_expression(p):
    subs = {getattr(M, k): sp.Rational(v) for k, v in p.items()}  # the floats, exactly
    ref = M.omega_star_rationalised().evalf(50, subs=subs)
    assert rel_err(cg.omega_star(**p), ref) <= 1e-12


def test_payoff_matrix_of_B_is_A_transposed_at_any_rates():
    w, v = sp.Rational(1, 5), sp.Rational(7, 3)
    A = M.payoff_matrix_A(w, v)
    assert M.payoff_matrix_B(w, v) == A.T
    assert M.payoff_matrix_B(w, v)[0, 1] == -M.F  # B hides while A sees: buyers go to A
    assert M.payoff_matrix_B(w, v)[1, 1] == M.n * M.category_profit(v) / 2 - M.F
