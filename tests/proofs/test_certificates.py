"""Sign certificates: they prove what is true and refuse what is not, each refusal for its reason."""

from __future__ import annotations

from dataclasses import replace
from fractions import Fraction

import pytest
import sympy as sp

from cluster_games import model as M
from cluster_games.proofs import formulas as V
from cluster_games.proofs.certificates import FORMAT, certify, prove
from cluster_games.proofs.parametrisations import Region, everywhere, feasible_trade, free_entry, rates

x, y = sp.symbols("x y", positive=True)
z = sp.Symbol("z", nonnegative=True)


def cert(expr, sign, region=None):
    return certify(expr, sign, everywhere() if region is None else region, "test", key="test")


def test_positive_polynomial_is_certified_and_exported_exactly():
    c = cert(x**2 + 3 * x * y + Fraction(1, 3), "positive")
    assert c.holds and c.method == "sign certificate"
    assert c.variables == ("x", "y")
    assert sorted(c.numerator) == sorted(
        [(Fraction(1), (2, 0)), (Fraction(3), (1, 1)), (Fraction(1, 3), (0, 0))]
    )
    with pytest.raises(ValueError, match="no structured statement"):
        c.to_json("T")  # a certificate is exported with its statement, as a relation, or not at all
    data = replace(c, relation=V.gt(V.n, 0)).to_json("T")  # any statement: the coefficients are the test
    assert data["id"] == "T.test" and ["1/3", [0, 0]] in data["numerator"]
    assert data["format"] == FORMAT == "cluster-games-certificate/2"


def test_a_proved_statement_exports_its_relation_and_its_region_as_relations():
    c = prove(V.gt(V.D(V.omega_star), 0), free_entry(), key="demand", note="buyers still buy")
    assert c.holds and (c.claim, c.note, c.sign) == ("D(omega*) > 0", "buyers still buy", "positive")
    data = c.to_json("P2")
    assert data["statement"] == "D(omega*) > 0"
    assert data["relation"] == {"lhs": ["D", "omega*"], "op": ">", "rhs": 0, "text": "D(omega*) > 0"}
    assert [h["text"] for h in data["region"]["hypotheses"]] == ["G > 0", "n > n_min", "F > 0"]
    assert data["region"]["hypotheses"][1] == {"lhs": "n", "op": ">", "rhs": "n_min", "text": "n > n_min"}
    assert data["region"]["restrictions"] == []
    assert "note" not in data  # prose is not exported: the checker reads statements, not prose
    with pytest.raises(ValueError, match="states no sign"):
        prove(V.integer(V.k), free_entry(), key="k")


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
    assert not c.holds
    assert c.method == "refused: the expression already contains the slack symbol(s) mu of region rates"
    both = certify(mu + rates().slacks[1], "positive", rates(), "clash", key="clash")
    assert "slack symbol(s) d, mu of region rates" in both.method


def test_constants():
    half = cert(sp.Rational(3, 2), "positive")
    assert half.holds and half.variables == ()
    assert half.numerator == ((Fraction(3), ()),) and half.denominator == ((Fraction(2), ()),)
    assert cert(sp.Integer(0), "zero").holds
    assert not cert(sp.Integer(-1), "positive").holds


def test_false_claims_on_the_model_are_refused():
    lower, upper = M.omega_star_roots()
    assert not certify(lower - upper, "positive", free_entry(), "false", key="a").holds
    assert certify(lower - upper, "negative", free_entry(), "true", key="b").holds
    assert not certify(M.G, "negative", feasible_trade(), "false", key="c").holds


def test_keys_are_identifiers():
    with pytest.raises(ValueError, match="key"):
        certify(x, "positive", everywhere(), "bad key", key="not/a key")
    for bad in ("", "_", "__", "a b", "a-b"):  # a key names a file: at least one letter or digit
        with pytest.raises(ValueError, match="key"):
            certify(x, "positive", everywhere(), "bad key", key=bad)
    assert certify(x + 1, "positive", everywhere(), "good key", key="P2_lower_2").holds


def test_region_with_hypothesis_symbols():
    r = Region("x > 0", (V.gt(V.name("x"), 0),), {}, (), {})
    assert certify(x, "positive", r, "x > 0", key="x").holds


# ----------------------------------------------------------------------------- every field, every path
def test_a_refusal_keeps_everything_it_was_asked():
    region = feasible_trade()
    c = certify(1 / M.c_A, "positive", region, "1/c_A > 0", key="inverse")
    assert (c.key, c.claim, c.sign, c.expression, c.region, c.holds) == (
        "inverse",
        "1/c_A > 0",
        "positive",
        1 / M.c_A,
        region,
        False,
    )
    assert c.slack_form == 1 / M.c_A
    assert c.method == "refused: the denominator may vanish (c_A, no strictly positive term)"
    assert (
        c.variables == ("c_A",)
        and c.numerator == ((Fraction(1), (0,)),)
        and c.denominator == ((Fraction(1), (1,)),)
    )
    u = certify(M.x * M.c, "positive", everywhere(), "x c > 0", key="u")
    assert u.method == "refused: a symbol of unknown sign remains (x)" and u.slack_form == M.x * M.c
    assert u.numerator == () and u.denominator == () and u.variables == ()
    r = sp.Symbol("r", real=True)
    two = certify(M.x + r, "positive", everywhere(), "", key="two")
    assert two.method == "refused: a symbol of unknown sign remains (r, x)"
    p = certify(sp.sqrt(x) + 1, "positive", everywhere(), "sqrt", key="p")
    assert p.method == "refused: not a polynomial after substitution" and p.slack_form == sp.sqrt(x) + 1
    mixed = certify(x - y, "positive", everywhere(), "x > y", key="m")
    assert mixed.method == "refused: numerator: coefficients of mixed sign" and mixed.slack_form == x - y
    assert mixed.numerator and mixed.denominator == ((Fraction(1), (0, 0)),)


def test_a_denominator_of_unknown_or_mixed_sign_says_why():
    c = cert(x / (x - y), "positive")
    assert c.method == "refused: the denominator may vanish (x - y, coefficients of mixed sign)"


def test_identities_keep_their_fields_and_say_when_they_fail():
    c = certify((x + y) ** 2 - x**2 - 2 * x * y - y**2, "zero", everywhere(), "square", key="sq")
    assert (c.key, c.claim, c.holds, c.method, c.slack_form) == (
        "sq",
        "square",
        True,
        "rational identity after substitution",
        0,
    )
    assert c.expression == (x + y) ** 2 - x**2 - 2 * x * y - y**2 and c.numerator == ()
    bad = certify(x - y, "zero", everywhere(), "x = y", key="xy")
    assert (bad.holds, bad.method, bad.slack_form) == (False, "refused: the numerator is not zero", x - y)


def test_signs_weak_and_strict_including_zero():
    assert cert(sp.Integer(0), "nonnegative").holds and cert(sp.Integer(0), "nonpositive").holds
    assert cert(z, "nonnegative").holds and not cert(z, "nonpositive").holds
    assert cert(-z, "nonpositive").holds and not cert(-z, "nonnegative").holds
    assert not cert(x, "nonpositive").holds and not cert(-x, "nonnegative").holds
    assert not cert(sp.Integer(0), "positive").holds and not cert(sp.Integer(0), "negative").holds
    weak = cert(z, "positive")
    assert weak.method == "refused: the coefficients give sign +1 (not strict)"
    wrong = cert(x, "negative")
    assert wrong.method == "refused: the coefficients give sign +1"
    ok = certify(-x - 2 * y, "negative", everywhere(), "neg", key="neg")
    assert ok.holds and ok.method == "sign certificate" and ok.claim == "neg" and ok.expression == -x - 2 * y
    assert ok.notes == ("numerator: 2 terms of one sign", "denominator: 1 terms of one sign")
    assert ok.slack_form == -x - 2 * y and ok.latex() == "- x - 2 y < 0"
    assert cert(z, "nonnegative").latex() == r"z \ge 0" and cert(-z, "nonpositive").latex() == r"- z \le 0"


def test_rational_coefficients_are_exported_exactly():
    c = certify(Fraction(1, 3) * x / (2 * y), "positive", everywhere(), "third", key="third")
    assert c.numerator == ((Fraction(1), (1, 0)),) and c.denominator == ((Fraction(6), (0, 1)),)  # x / (6 y)
    half = certify(x / 2 + y / 3, "positive", everywhere(), "", key="h")  # kept as x/2 + y/3 over 1
    assert sorted(half.numerator) == [(Fraction(1, 3), (0, 1)), (Fraction(1, 2), (1, 0))]
    assert replace(half, relation=V.gt(V.n, 0)).to_json("T")["numerator"] == [
        ["1/2", [1, 0]],
        ["1/3", [0, 1]],
    ]
    assert "not a rational number" in cert(sp.pi * x, "positive").method


def test_a_polynomial_over_a_non_polynomial_is_refused_as_such():
    c = cert(x / (sp.sqrt(x) + 1), "positive")
    assert c.method == "refused: not a polynomial after substitution"


def test_a_zero_numerator_and_an_irrational_coefficient_are_reported_word_for_word():
    """The refusal texts are what a reader of a failed proof sees: each is pinned exactly."""
    zero = cert((x + y) ** 2 - x**2 - 2 * x * y - y**2, "positive")  # 0 > 0 is false
    assert not zero.holds and zero.method == "refused: the coefficients give sign +0 (not strict)"
    assert zero.notes == ("numerator: identically zero", "denominator: 1 terms of one sign")
    assert cert(x - x, "nonnegative").holds  # 0 >= 0
    irrational = cert(sp.sqrt(2) * x, "positive")
    assert irrational.method == "refused: numerator: a coefficient is not a rational number"
    mixed = cert(x - y, "nonnegative")
    assert mixed.method == "refused: numerator: coefficients of mixed sign"


def test_the_exported_substitution_is_sorted_by_symbol_name():
    """An export must not follow dict order (string hashing): here n is substituted before F."""
    s, t = sp.symbols("s t", positive=True)
    region = Region(
        "n, F > 0",
        (V.gt(V.n, 0), V.gt(V.F, 0)),
        {M.n: s, M.F: t},
        (s, t),
        {s: M.n, t: M.F},
    )
    assert list(region.substitution) == [M.n, M.F]
    exported = prove(V.gt(V.n * V.F, 0), region, key="t").to_json("T")["region"]["substitution"]
    assert list(exported) == ["F", "n"]
