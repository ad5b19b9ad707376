"""Exact arithmetic in Q(sqrt(d)) (proofs/surds.py), the field of every check-point value.

Expectations are stated identities of surds (e.g. (1 + sqrt 2)(sqrt 2 - 1) = 1) and signs decided by
hand, not values from the code under test.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from cluster_games import Parameters
from cluster_games import model as M
from cluster_games.proofs.claims import exact_values, symbolic_sign
from cluster_games.proofs.example import check_point
from cluster_games.proofs.surds import Surd, evaluate

R2 = Surd(0, 1, 2)  # sqrt(2)


def test_field_operations():
    assert (1 + R2) * (R2 - 1) == Surd(1, 0, 2)
    assert 1 / (R2 - 1) == Surd(1, 1, 2)
    assert (R2**2) == Surd(2, 0, 2) and R2 ** (-2) == Surd(Fraction(1, 2), 0, 2)
    assert Fraction(3) - R2 == Surd(3, -1, 2) and R2 / 2 == Surd(0, Fraction(1, 2), 2)
    assert Surd.sqrt(Fraction(9, 4)) == Fraction(3, 2)  # a rational root stays rational
    with pytest.raises(ZeroDivisionError):
        (R2 - R2).inverse()
    with pytest.raises(NotImplementedError, match="two different"):
        R2 + Surd(0, 1, 3)
    with pytest.raises(ValueError):
        Surd(0, 1, -1)


@pytest.mark.parametrize(
    ("value", "sign"),
    [
        (Surd(0, 0, 2), 0),
        (Surd(3, 0, 2), 1),
        (Surd(0, -1, 2), -1),
        (Surd(-3, 2, 2), -1),  # 2 sqrt 2 = 2.83 < 3
        (Surd(-2, 2, 2), 1),  # 2.83 > 2
        (Surd(3, -2, 2), 1),
        (Surd(-3, 0, 0), -1),
        (Surd(5, 3, 0), 1),  # sqrt 0 = 0
        # a huge cancellation: 10^50 - sqrt(10^100 - 1) = 5e-51 > 0, below any fixed float precision
        (Surd(10**50, -1, 10**100 - 1), 1),
        (Surd(-(10**50), 1, 10**100 + 1), 1),
        (Surd(-(10**50), 1, 10**100), 0),
    ],
)
def test_signs(value, sign):
    assert value.sign() == sign


def test_evaluate_walks_rational_functions_and_square_roots():
    x, y = sp.symbols("x y")
    assert evaluate((x + 1) / (x - 1), {x: R2}) == Surd(3, 2, 2)  # (1 + sqrt 2)^2 = 3 + 2 sqrt 2
    assert evaluate((sp.sqrt(y) + 1) ** 2, {y: Fraction(7)}) == Surd(8, 2, 7)
    assert evaluate(1 / sp.sqrt(y), {y: Fraction(2)}) == Surd(0, Fraction(1, 2), 2)
    assert evaluate(x**3 - Fraction(1, 3), {x: Fraction(2)}) == Fraction(23, 3)
    with pytest.raises(NotImplementedError):
        evaluate(sp.exp(x), {x: Fraction(1)})


def test_symbolic_sign_at_extreme_magnitudes_is_exact():
    """m(omega*) = omega* c - c_A is 2F/(n D(omega*)) > 0 exactly for F > 0: positive even where it is
    a 1e-170 part of c_A (n = 1e50, F = 1e-50); zero at F = 0 (omega* = c_A/c)."""
    p = Parameters(n=1e50, F=1e-50, alpha=5.263254635172351e49, beta=0.5263254634957474, c=1e50, c_A=8.6e18)
    assert symbolic_sign(M.margin(M.omega), check_point(p)) == 1
    assert symbolic_sign(M.margin(M.omega), check_point(p.replace(F=0.0))) == 0
    omega = exact_values(check_point(p))[M.omega]
    assert isinstance(omega, Surd) and omega.d > 0
