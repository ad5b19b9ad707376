"""ParametricGame: built from text, sympy or numbers; points checked against the domain; files read safely."""

from __future__ import annotations

import os
from fractions import Fraction

import pytest
import sympy as sp

from cluster_games.errors import DomainError, InputFileError, ParseError
from cluster_games.parametric import ParametricGame
from cluster_games.parametric.examples import hawk_dove

HAWK_DOVE_TOML = """
title = "Hawk-dove"
parameters = ["V", "C"]
assumptions = ["V > 0", "C > 0"]
rows = ["H", "D"]
cols = ["H", "D"]
A = [["(V - C)/2", "V"], ["0", "V/2"]]
B = [["(V - C)/2", 0], ["V", "V/2"]]
"""


def test_text_sympy_and_numbers_build_the_same_game():
    V, C = sp.symbols("V C", positive=True)  # the user's own symbols, with their own assumptions
    from_sympy = ParametricGame(
        [[(V - C) / 2, V], [0, V / 2]],
        [[(V - C) / 2, 0], [V, V / 2]],
        parameters=["V", "C"],
        assumptions=[sp.Gt(V, 0), sp.Lt(0, C)],
        rows="HD",
        cols="HD",
    )
    from_text = hawk_dove()
    assert from_sympy.A == from_text.A and from_sympy.B == from_text.B
    # V > 0 is decided True by sympy for a positive V, and comes back from V's own assumption
    assert {(r.expr, r.op) for r in from_sympy.assumptions} == {(r.expr, r.op) for r in from_text.assumptions}


def test_toml_file_with_exact_decimals(tmp_path):
    path = tmp_path / "hd.toml"
    path.write_text(HAWK_DOVE_TOML.replace('"V/2"]]\nB', '"V/2"]]\nB').replace("0], [", "0.1], ["))
    g = ParametricGame.from_toml(path)
    assert g.title == "Hawk-dove" and g.rows == ("H", "D")
    assert g.at({"V": 2, "C": 3}).B[0][1] == Fraction(1, 10)  # 0.1 in the file is 1/10


def test_at_gives_the_exact_numeric_game():
    g = hawk_dove()
    game = g.at({"V": "1/3", "C": 1})
    assert game.A == ((Fraction(-1, 3), Fraction(1, 3)), (Fraction(0), Fraction(1, 6)))
    assert game.B == tuple(zip(*game.A, strict=True))
    assert g.at([Fraction(1, 3), 1]).A == game.A  # a list in parameter order


@pytest.mark.parametrize(
    ("point", "fragment"),
    [
        ({"V": -1, "C": 1}, "V > 0 fails"),
        ({"V": 1}, "no value for parameter 'C'"),
        ({"V": 1, "C": 1, "x": 2}, "unknown parameter 'x'"),
        ({"V": 1, "C": float("nan")}, "finite"),
        ({"V": 1, "C": "1e999999999"}, "exponent"),
        ({"V": True, "C": 1}, "boolean"),
        ([1], "expected 2 values"),
    ],
)
def test_points_outside_the_domain_are_refused_by_name(point, fragment):
    with pytest.raises(DomainError, match=None) as info:
        hawk_dove().point(point)
    assert fragment in str(info.value)


def test_a_payoff_dividing_by_zero_at_a_point_is_refused():
    g = ParametricGame([["1/(a - 1)", 0]], [[0, 0]], parameters=["a"])
    with pytest.raises(DomainError, match="divides by zero"):
        g.point({"a": 1})
    assert g.at({"a": 3}).A[0][0] == Fraction(1, 2)


def test_an_assumption_with_a_denominator_holds_where_it_is_defined():
    g = ParametricGame([["a", 0]], [[0, 0]], parameters=["a"], assumptions=["1/a > 2"])
    assert g.point({"a": "1/3"}) == (Fraction(1, 3),)
    with pytest.raises(DomainError):
        g.point({"a": 1})


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        (dict(A=[["x"]], B=[[0]], parameters=["V"]), "unknown name 'x'"),
        (dict(A=[[0, 1]], B=[[0]], parameters=[]), "same shape"),
        (dict(A=[[0]] * 7, B=[[0]] * 7, parameters=[]), "up to 6"),
        (dict(A=[[0]], B=[[0]], parameters=["V", "V"]), "distinct"),
        (dict(A=[[0]], B=[[0]], parameters=["2x"]), "ASCII identifiers"),
        (dict(A=[[0]], B=[[0]], parameters="V"), "list of names"),
        (dict(A=[[sp.sin(sp.Symbol("V"))]], B=[[0]], parameters=["V"]), "not a rational function"),
        (dict(A=[[sp.Float(0.5)]], B=[[0]], parameters=[]), "floating-point"),
        (dict(A=[[0]], B=[[0]], parameters=[], assumptions=["1 >"]), "not a valid"),
        (dict(A=[[0], [0]], B=[[0], [0]], parameters=[], rows=["a", "a"]), "distinct"),
        (dict(A="V", B=[[0]], parameters=["V"]), "2-D array"),
        (dict(A=[[0], [0, 1]], B=[[0]], parameters=[]), "equal length"),
    ],
)
def test_malformed_games_are_refused_by_name(kwargs, fragment):
    with pytest.raises(ParseError) as info:
        ParametricGame(**kwargs)
    assert fragment in str(info.value)


def test_game_files_that_are_not_small_regular_utf8_files_are_refused(tmp_path):
    with pytest.raises(InputFileError, match="not found"):
        ParametricGame.from_toml(tmp_path / "missing.toml")
    with pytest.raises(InputFileError, match="directory"):
        ParametricGame.from_toml(tmp_path)
    fifo = tmp_path / "fifo.toml"
    os.mkfifo(fifo)
    with pytest.raises(InputFileError, match="not a regular file"):
        ParametricGame.from_toml(fifo)  # refused before reading: no hang
    big = tmp_path / "big.toml"
    big.write_bytes(b"#" * 1_000_001)
    with pytest.raises(InputFileError, match="bytes"):
        ParametricGame.from_toml(big)
    binary = tmp_path / "binary.toml"
    binary.write_bytes(b"\xff\xfe\x00")
    with pytest.raises(InputFileError, match="UTF-8"):
        ParametricGame.from_toml(binary)
    with pytest.raises(ParseError, match="unknown key 'payoffs'"):
        ParametricGame.from_toml_string(HAWK_DOVE_TOML + "payoffs = 1\n")
    with pytest.raises(ParseError, match="missing key 'B'"):
        ParametricGame.from_toml_string("parameters = []\nA = [[0]]\n")
    with pytest.raises(ParseError, match="TOML syntax"):
        ParametricGame.from_toml_string("A = [[")


def test_symmetric_games_transpose_the_row_payoffs():
    g = ParametricGame.symmetric([["a", 0], [1, "b"]], parameters=["a", "b"], rows="XY")
    assert g.B == ((sp.Symbol("a", real=True), 1), (0, sp.Symbol("b", real=True)))
    assert g.cols == ("X", "Y")


def test_written_denominators_are_kept_before_cancelling():
    # (a - 1)/(a^2 - 1) cancels to 1/(a + 1), but it is undefined at a = 1 as written
    g = ParametricGame([["(a - 1)/(a^2 - 1)", 0]], [[0, 0]], parameters=["a"])
    a = g.symbols[0]
    assert g.written_denominators() == [a**2 - 1]
    with pytest.raises(DomainError, match="divides by zero"):
        g.point({"a": 1})


def test_printing(capsys):
    g = hawk_dove()
    text = str(g)
    assert "parameters: V, C" in text and "assumptions: V > 0, C > 0" in text
    assert "$" in g._repr_markdown_()
