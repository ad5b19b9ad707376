"""Formulas and relations: how a statement is printed and exported, and what a certificate file may hold.

Every expected text is written out by hand from the rules of ordinary notation (a difference's right
operand in parentheses when it is a sum or difference, a quotient's denominator when it is a product,
...), never produced by the printer under test.
"""

from __future__ import annotations

import re

import pytest

from cluster_games.verify.formulas import (
    Formula,
    FormulaError,
    Relation,
    at,
    call,
    d,
    eq,
    formula_from_json,
    ge,
    gt,
    integer,
    le,
    lt,
    name,
    prose_problems,
    relation_from_json,
    sqrt,
    unit,
)

n, F, G, K, beta, c, k, rho, W = (name(x) for x in ("n", "F", "G", "K", "beta", "c", "k", "rho", "W"))


@pytest.mark.parametrize(
    ("formula", "text"),
    [
        (n - (F - G), "n - (F - G)"),  # a difference on the right keeps its parentheses
        ((n - F) - G, "n - F - G"),
        (n - (F + G), "n - (F + G)"),
        (n + (F - G), "n + F - G"),
        (n + (-F), "n + (-F)"),
        (n * (F + G), "n*(F + G)"),
        ((n + F) * G, "(n + F)*G"),
        (n / (F * G), "n/(F*G)"),  # a product in a denominator keeps its parentheses
        (n / F * G, "n/F*G"),
        (n / (F / G), "n/(F/G)"),
        ((n - F) / (G * beta), "(n - F)/(G*beta)"),
        (-(n * F), "-n*F"),
        (-(n + F), "-(n + F)"),
        (-2 * F / n, "-2*F/n"),  # a leading negation prints as a minus sign
        (n * (-F), "n*(-F)"),
        (n - (-F), "n - (-F)"),
        ((n + F) ** 2, "(n + F)^2"),
        (k**2 - rho, "k^2 - rho"),
        (4 * k * beta * F / n, "4*k*beta*F/n"),
        ((K - sqrt(G**2 - 16 * beta * F / n)) / (2 * beta * c), "(K - sqrt(G^2 - 16*beta*F/n))/(2*beta*c)"),
        (call("M", name("W_1")), "M(W_1)"),
        (call("delta_c", name("omega*"), name("W_m")), "delta_c(omega*, W_m)"),
        (d(name("omega*"), n), "d/dn[omega*]"),
        (at(d(call("M", W), W), W, name("W_m")), "d/dW[M(W)]{W -> W_m}"),
        (unit(n - F), "(n - F){money in units of 1/lambda}"),
    ],
)
def test_formulas_print_in_ordinary_notation(formula, text):
    assert formula.text() == text


def test_relations_print_and_state_a_sign():
    assert [r.text() for r in (eq(n, F), gt(n, F), ge(n, F), lt(n, F), le(n, F))] == [
        "n = F",
        "n > F",
        "n >= F",
        "n < F",
        "n <= F",
    ]
    assert [r.sign for r in (eq(n, F), gt(n, F), ge(n, F), lt(n, F), le(n, F))] == [
        "zero",
        "positive",
        "nonnegative",
        "negative",
        "nonpositive",
    ]
    assert integer(k).text() == "k integer" and integer(k).sign is None
    assert gt(k**2, rho) != ge(k**2, rho) and gt(k**2, rho) == gt(k**2, rho)
    with pytest.raises(ValueError):
        Relation(n, "=>", F)
    with pytest.raises(ValueError):
        Relation(n, "integer", F)


def test_trees_round_trip_through_json_and_equal_trees_are_equal_formulas():
    f = (K - sqrt(G**2 - 16 * beta * F / n)) / (2 * beta * c)
    assert formula_from_json(f.json()) == f
    assert f.json() == [
        "/",
        ["-", "K", ["sqrt", ["-", ["^", "G", 2], ["/", ["*", 16, "beta", "F"], "n"]]]],
        ["*", 2, "beta", "c"],
    ]
    rel = gt(k**2, rho)
    data = rel.json()
    assert data == {"lhs": ["^", "k", 2], "op": ">", "rhs": "rho", "text": "k^2 > rho"}
    assert relation_from_json(data) == rel
    assert relation_from_json(integer(k).json()) == integer(k)
    assert len({f, formula_from_json(f.json()), rel.lhs}) == 2  # hashable, equal when the trees are


@pytest.mark.parametrize(
    ("bad", "reason"),
    [
        (["+", "n"], "'+' needs two operands or more"),  # one operand
        (["^", "n", "k"], "only integer powers"),  # a symbolic power
        (["-", "n", "F", "G"], "'-' takes 2 operand(s)"),  # three operands for a difference
        (["d", "n", ["+", "n", "F"]], "'d' needs a symbol"),  # a derivative in an expression
        (["M"], "bad function 'M'"),  # a function with no argument
        (["neg", "n", "F"], "'neg' takes 1 operand(s)"),  # operations keep their arity
        (["sqrt", "n", "F"], "'sqrt' takes 1 operand(s)"),
        (["unit", "n", "F"], "'unit' takes 1 operand(s)"),
        (["at", "n", "F"], "'at' takes 3 operand(s)"),
        ("1n", "bad name '1n'"),  # not a name
        ("sqrt", "bad name 'sqrt'"),  # an operation is not a name
        (-3, "integer -3 out of range"),  # a negative integer (negation is an operation)
        (10**7, "integer 10000000 out of range"),  # too large
        (True, "not a formula: True"),  # not an integer
        (["+", "n", 1.5], "not a formula: 1.5"),  # not an integer
        ({"op": ">"}, "not a formula: {'op': '>'}"),  # not a tree
        ([], "not a formula: []"),
    ],
)
def test_malformed_trees_are_refused_with_their_reason(bad, reason):
    """The reason is what the checker prints for a rejected certificate: it must name the fault."""
    with pytest.raises(FormulaError, match=f"^{re.escape(reason)}$"):
        formula_from_json(bad)


def test_malformed_relations_are_refused_with_their_reason():
    good = gt(n, F).json()
    shape = "a relation is an object with exactly lhs, op, rhs and text"
    for broken, reason in (
        ({**good, "op": "=>"}, "unknown relation '=>'"),
        ({k_: v for k_, v in good.items() if k_ != "text"}, shape),
        ({**good, "extra": 1}, shape),
        ({**good, "text": 3}, "the text of a relation must be a string"),
        ({**integer(k).json(), "rhs": "n"}, "'integer' has no right side"),
        ([good], shape),
    ):
        with pytest.raises(FormulaError, match=f"^{re.escape(reason)}$"):
            relation_from_json(broken)


def test_the_node_limit_is_exact():
    """A tree of exactly MAX_NODES nodes is read; one more node is refused."""
    from cluster_games.verify.formulas import MAX_NODES

    def chain(nodes: int) -> list:  # ["+", "n", "n", ...]: one node for the list, one per name
        return ["+", *["n"] * (nodes - 1)]

    assert formula_from_json(chain(MAX_NODES)).tree == ("+", *["n"] * (MAX_NODES - 1))
    with pytest.raises(FormulaError, match=r"^formula too large$"):
        formula_from_json(chain(MAX_NODES + 1))


def test_the_depth_limit_is_exact():
    """The innermost name of d nested negations is at depth d: MAX_DEPTH is read, one more is refused."""
    from cluster_games.verify.formulas import MAX_DEPTH

    def nested(d: int) -> list | str:
        tree: list | str = "n"
        for _ in range(d):
            tree = ["neg", tree]
        return tree

    assert formula_from_json(nested(MAX_DEPTH)).json() == nested(MAX_DEPTH)
    with pytest.raises(FormulaError, match=r"^formula too large$"):
        formula_from_json(nested(MAX_DEPTH + 1))


def test_a_substitution_at_a_value_prints_and_reads_back():
    from cluster_games.proofs.formulas import delta_c_at
    from cluster_games.verify.formulas import at

    f = at(n * F, n, G + 1)
    assert f.text() == "(n*F){n -> G + 1}" and formula_from_json(f.json()) == f
    assert delta_c_at(name("omega"), W).text() == "delta_c(omega, W)"


def test_reflected_operations_build_the_same_trees():
    assert (1 + n).tree == ("+", 1, "n") and (1 + n).text() == "1 + n"
    assert (2 * n).tree == ("*", 2, "n")
    assert (1 - n).tree == ("-", 1, "n") and (1 - n).text() == "1 - n"


def test_deep_trees_are_refused_not_recursed_into():
    deep: list | str = "n"
    for _ in range(60):
        deep = ["neg", deep]
    with pytest.raises(FormulaError, match="too large"):
        formula_from_json(deep)


@pytest.mark.parametrize(
    ("prose", "found"),
    [
        ("Y strictly dominates N iff k^2 >= rho", ["^", "2", ">", "="]),
        ("where n < 2 n_min", ["<", "2"]),
        ("the rate is (K - sqrt(Disc))/(2 beta c)", ["K - s", "t(D", "/", "2"]),
        ("it exists iff k - 1 companies remain", ["k - 1"]),
        ("evaluated at f(x)", ["f(x"]),
        ("Beyond the paper (SPEC section 4). By Proposition 3 (and P1-P5)", []),
        ("seeing customers dominates in thin markets; all-Y and all-N are equilibria", []),
    ],
)
def test_prose_holding_a_formula_is_found(prose, found):
    assert prose_problems(prose) == found


def test_only_integer_powers_are_formulas():
    for e in (1.5, True, n):
        with pytest.raises(TypeError, match="only integer powers"):
            n**e
    assert (n**3).tree == ("^", "n", 3)


def test_only_integers_and_formulas_are_operands():
    for bad in (1.5, True, "n"):
        with pytest.raises(TypeError, match="not a formula"):
            Formula.of(bad)
    assert (n + F).tree == ("+", "n", "F") and Formula.of(-2).tree == ("neg", 2)
    with pytest.raises(ValueError, match=r"^'integer' takes one side, every other relation two$"):
        Relation(n, ">")


def test_products_and_quotients_print_without_needless_parentheses():
    """Standard precedence: a negated product leads a product with a bare minus (-(nF)G = -nFG),
    a quotient as a later factor needs none (n(F/G) = nF/G), a product as a divisor does."""
    assert ((-(n * F)) * G).text() == "-n*F*G"
    assert (n * (F / G)).text() == "n*F/G"
    assert (n / (F * G)).text() == "n/(F*G)"
