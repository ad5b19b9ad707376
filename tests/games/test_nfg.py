"""Gambit .nfg files: read exactly, written back, against pygambit's own reader and writer."""

from __future__ import annotations

import io
from fractions import Fraction

import pytest

from cluster_games.games import BimatrixGame, NfgError, NormalFormGame, read_nfg, write_nfg

from support import import_pygambit

PD = 'NFG 1 R "PD" { "Row" "Column" } { { "C" "D" } { "C" "D" } }\n""\n3 3 5 0 0 5 1 1\n'
OUTCOMES = """NFG 1 R "outcome version" { "P1" "P2" } { 2 2 }

{ { "a" 1, 2 } { "b" 3/4 0.5 } }
1 2 0 1
"""


def test_payoff_version_first_player_fastest():
    g = read_nfg(PD)
    assert isinstance(g, BimatrixGame) and g.title == "PD"
    assert g.A == ((3, 0), (5, 1)) and g.B == ((3, 5), (0, 1)) and g.row_labels == ("C", "D")


def test_outcome_version_with_null_outcomes_and_exact_decimals():
    g = read_nfg(OUTCOMES)
    # profiles (1,1) (2,1) (1,2) (2,2) -> outcomes 1, 2, none, 1
    assert g.A == ((1, 0), (Fraction(3, 4), 1)) and g.B == ((2, 0), (Fraction(1, 2), 2))
    assert g.row_labels == ("1", "2")


def test_round_trip_and_three_players(tmp_path):
    g = read_nfg(PD)
    assert read_nfg(write_nfg(g)) == g
    three = NormalFormGame.from_function(
        [("a", "b")] * 3, lambda p: [p.count("a"), -p.count("b"), Fraction(1, 3)]
    )
    path = tmp_path / "three.nfg"
    path.write_text(write_nfg(three))
    back = read_nfg(path)
    assert isinstance(back, NormalFormGame) and back.payoffs == three.payoffs


def test_agrees_with_pygambit_reader_and_writer():
    gbt = import_pygambit()  # the reference reader and writer
    for slug in (
        "books/myerson1991/fig4_2",
        "journals/other/shapley1974/fig2",
        "books/vonstengel2022/fig10.5",
    ):
        ref = gbt.catalog.load(slug)
        text = ref.to_nfg() if hasattr(ref, "to_nfg") else ref.write(format="nfg")
        ours = read_nfg(text)
        A, B = ref.to_arrays()
        assert [[Fraction(str(v)) for v in row] for row in A] == [list(r) for r in ours.A]
        assert [[Fraction(str(v)) for v in row] for row in B] == [list(r) for r in ours.B]
        again = gbt.read_nfg(io.StringIO(write_nfg(ours)))
        A2, _ = again.to_arrays()
        assert [[Fraction(str(v)) for v in row] for row in A2] == [list(r) for r in ours.A]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("EFG 2 R", "not a Gambit strategic-form file"),
        ('NFG 1 X "t" { "a" "b" } { 2 2 } 1 2', "'NFG 1 R' or 'NFG 1 D'"),
        ('NFG 1 R "t" { "a" "b" } { 2 2 } "" 1 2 3', "unexpected end of file"),
        ('NFG 1 R "t" { "a" "b" } { 2 x } "" 1', "a number of strategies"),
        ('NFG 1 R "t" { "a" "b" } { 1 1 } "" 1 one', "expected the payoffs"),
        ('NFG 1 R "t" { "a" "b" } { 1 1 } "" 1 2 3', "unexpected '3'"),
        ('NFG 1 R "t" { "a" "b" } { 1 1 } { { "" 1 } } 1', "has 1 payoffs for 2 players"),
        ('NFG 1 R "t" { "a" "b" } { 1 1 } { { "" 1 2 } } 2', "outcome index 2 out of range"),
        ('NFG 1 R "t" { "a" } { 1 1 } "" 1', "1 players but strategies for 2"),
    ],
)
def test_malformed_files_say_what_is_wrong(text, message):
    with pytest.raises(NfgError, match=message):
        read_nfg(text)


@pytest.mark.parametrize(
    ("payoff", "needle"),
    [
        ("1e999999999", "about 1,000,000,000"),
        ("1e-999999999", "about 1,000,000,000"),
        ("1e5000", "about 5,001"),
    ],
)
def test_a_huge_exponent_is_refused_naming_the_profile(payoff, needle):
    """Sized before it is built: Fraction('1e999999999') alone ran for minutes."""
    text = f'NFG 1 R "" {{ "1" "2" }} {{ 2 2 }}\n""\n{payoff} 1 0 0 0 0 1 1\n'
    with pytest.raises(NfgError, match=rf"the payoffs of profile \(0, 0\).*beyond the exact range.*{needle}"):
        read_nfg(text)


def test_a_two_player_game_is_sized_from_its_header():
    with pytest.raises(NfgError, match="a 1000 x 1000 game: at most 250,000 profiles"):
        read_nfg('NFG 1 R "" { "1" "2" } { 1000 1000 }\n""\n1 2 3\n')  # refused before the payoffs
