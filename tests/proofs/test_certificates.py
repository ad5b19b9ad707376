"""Sign certificates: they prove what is true and refuse what is not, each refusal for its reason."""

from __future__ import annotations

from fractions import Fraction

import pytest
import sympy as sp

from cluster_games import model as M
from cluster_games.proofs.certificates import certify
from cluster_games.proofs.parametrisations import Region, everywhere, feasible_trade, free_entry, rates

x, y = sp.symbols("x y", positive=True)
z = sp.Symbol("z", nonnegative=True)
PLAIN = everywhere()


def cert(expr, sign, region=PLAIN):
    return certify(expr, sign, region, "test", key="test")


def test_positive_polynomial_is_certified_and_exported_exactly():
    c = cert(x**2 + 3 * x * y + Fraction(1, 3), "positive")
    assert c.holds and c.method == "sign certificate"
    assert c.variables == ("x", "y")
    assert sorted(c.numerator) == sorted(
        [(Fraction(1), (2, 0)), (Fraction(3), (1, 1)), (Fraction(1, 3), (0, 0))]
    )
    data = c.to_json("T")
    assert data["id"] == "T.test" and ["1/3", [0, 0]] in data["numerator"]


def test_mixed_signs_are_not_certified():
    # x^2 - x y + y^2 > 0 is true, but not by coefficient signs: the certificate must not claim it.
    c = cert(x**2 - x * y + y**2, "positive")
    assert not c.holds and "mixed sign" in c.method
    assert not cert(x - y, "positive").holds
    assert not cert(x + y, "negative").holds


def test_strictness_needs_a_strictly_positive_monomial():
    assert not cert(z, "positive").holds
    assert "not strict" in cert(z, "positive").method
    assert cert(z, "nonnegative").holds
    assert cert(z + x, "positive").holds


def test_a_denominator_that_may_vanish_is_refused_even_for_identities():
    assert "may vanish" in cert(1 / z, "positive").method
    assert "may vanish" in cert(x / z, "zero").method  # x/z is not 0, and z may vanish: refused first
    assert not cert(x / (x - y), "positive").holds  # denominator of mixed sign
    assert cert(x / (x + y), "positive").holds and cert(-x / (x + y), "negative").holds


def test_identities_and_non_identities():
    assert cert((x + y) ** 2 - x**2 - 2 * x * y - y**2, "zero").holds
    c = cert(x - y, "zero")
    assert not c.holds and "not zero" in c.method


def test_symbols_of_unknown_sign_and_non_polynomials_are_refused():
    real = sp.Symbol("r", real=True)
    assert "unknown sign" in cert(real**2 + 1, "positive").method  # true, but not by this certifier
    assert "not a polynomial" in cert(sp.sqrt(x) + 1, "positive").method
    assert "not a rational number" in cert(sp.sqrt(2) * x, "positive").method


def test_slack_clash_is_refused():
    mu = rates().slacks[0]
    c = certify(M.omega * M.c - M.c_A - mu, "zero", rates(), "clash", key="clash")
    assert not c.holds and "slack symbol" in c.method


def test_constants():
    assert cert(sp.Rational(3, 2), "positive").holds
    assert cert(sp.Integer(0), "zero").holds
    assert not cert(sp.Integer(-1), "positive").holds


def test_false_claims_on_the_model_are_refused():
    lower, upper = M.omega_star_roots()
    assert not certify(lower - upper, "positive", free_entry(), "false", key="a").holds
    assert certify(lower - upper, "negative", free_entry(), "true", key="b").holds
    assert not certify(M.G, "negative", feasible_trade(), "false", key="c").holds


def test_keys_are_identifiers():
    with pytest.raises(ValueError, match="key"):
        certify(x, "positive", PLAIN, "bad key", key="not/a key")


def test_region_with_hypothesis_symbols():
    r = Region("x > 0", (sp.StrictGreaterThan(x, 0, evaluate=False),), {}, (), {})
    assert certify(x, "positive", r, "x > 0", key="x").holds
