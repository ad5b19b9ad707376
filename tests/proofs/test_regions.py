"""Symbolic dominance regions."""

from __future__ import annotations

import sympy as sp

from cluster_games import model as M
from cluster_games.proofs.regions import (
    dominance_conditions,
    paper_printed_condition,
    paper_sufficient_condition,
    sufficient_implies_exact,
)


def test_conditions_are_derived_from_the_matrix():
    cond = dominance_conditions()
    A = M.payoff_matrix_A()
    assert sp.expand(cond.margins[0] - (A[0, 0] - A[1, 0])) == 0
    assert sp.expand(cond.factor * cond.against_N.lhs - cond.margins[1]) == 0
    assert isinstance(cond.exact, sp.And)
    assert cond._repr_latex_().startswith("$")


def test_sufficient_implies_exact_with_positive_slack_form():
    c2 = sufficient_implies_exact()
    assert c2.holds and c2.claim == "pi_YN(omega) - pi_NN(W) > 0"
    poly = sp.Poly(sp.fraction(c2.slack_form)[0], *sorted(c2.slack_form.free_symbols, key=str))
    assert all(coeff > 0 for coeff in poly.coeffs())


def test_conditions_as_relationals():
    point = {M.omega: sp.Rational(1, 5), M.W: sp.Rational(1, 4), M.c: 10, M.c_A: 1}
    assert paper_sufficient_condition().subs(point) == sp.true  # 0.5 < 1
    assert paper_printed_condition().subs(point) == sp.false  # 0.05 < -0.8
