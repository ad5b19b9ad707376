"""Signs from factors: sign(p(x)) equals the product of its factors' signs (direct evaluation is the truth)."""

from __future__ import annotations

from fractions import Fraction

import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_games.parametric.evaluate import CompiledPoly, split
from cluster_games.parametric.polys import FactorTable, ParameterRing

X, Y, Z = sp.symbols("x y z", real=True)
RING = ParameterRing((X, Y, Z))

small = st.integers(-3, 3)
linear = st.builds(lambda a, b, c, d: a * X + b * Y + c * Z + d, small, small, small, small)
point = st.tuples(*[st.fractions(min_value=-4, max_value=4, max_denominator=6)] * 3)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.tuples(linear, st.integers(1, 3)), min_size=1, max_size=3), small, point)
def test_sign_of_a_product_is_the_product_of_factor_signs(parts, constant, x):
    # p = constant * prod(l_i ^ e_i): linear factors repeat and cancel signs, which is the point
    expr = sp.Integer(constant)
    for lin, e in parts:
        expr *= lin**e
    p = RING.poly(sp.expand(expr))
    table = FactorTable(RING)
    product = table.add(p)
    signs = {f.index: f.sign_at(x) for f in table.factors}
    value = RING.evaluate(p, x)  # the truth: the expanded polynomial at the point, in Fractions
    assert product.sign(signs) == (value > 0) - (value < 0)
    for f in table.factors:  # every factor is normalised: integer content 1, positive leading coefficient
        assert f.poly.LC > 0


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.tuples(st.integers(0, 3), st.integers(0, 3), st.integers(0, 3)),
            st.fractions(max_denominator=7),
        ),
        min_size=1,
        max_size=6,
    ),
    point,
)
def test_compiled_polynomials_evaluate_exactly(terms, x):
    expr = sum((c * X**i * Y**j * Z**k for (i, j, k), c in terms), sp.Integer(0))
    p = RING.poly(sp.expand(expr))
    compiled = CompiledPoly(p)
    nums, dens = split(x)
    truth = RING.evaluate(p, x)
    assert compiled.value(nums, dens) == truth
    assert compiled.sign(nums, dens) == (truth > 0) - (truth < 0)


def test_zero_polynomial_and_constants():
    table = FactorTable(RING)
    assert table.add(RING.poly(sp.Integer(0))).is_zero
    assert table.add(RING.poly(sp.Integer(-3))).sign({}) == -1
    assert CompiledPoly(RING.poly(sp.Integer(0))).value([1, 1, 1], [1, 1, 1]) == Fraction(0)
