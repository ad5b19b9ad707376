"""One game analysed at once, and game files (.nfg, .toml) read with clear errors."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from cluster_games.errors import InputFileError
from cluster_games.games import BimatrixGame
from cluster_games.games.analysis import analyse, read_game_file

from support import needs_cdd


def test_toml_decimals_are_exact_and_labels_optional(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text('title = "t"\nA = [[0.1, "1/3"], [2, 0]]\nB = [[1, 0], [0, 1]]\n')
    g = read_game_file(path)
    assert (
        g.A == ((Fraction(1, 10), Fraction(1, 3)), (2, 0)) and g.row_labels == ("r0", "r1") and g.title == "t"
    )


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        ("A = [[1]]\n", "g.toml", "missing payoff matrix 'B'"),
        ("A = [[1]]\nB = [[1]]\nC = 1\n", "g.toml", "unknown key 'C'"),
        ("A = [[1, 2]]\nB = [[1]]\n", "g.toml", "same shape"),
        ('A = [[1, "x"]]\nB = [[1, 2]]\n', "g.toml", r"A\[0\]\[1\]: 'x' is not a number"),
        ("A = [[nan]]\nB = [[1]]\n", "g.toml", "finite"),
        ("A = [[1\n", "g.toml", "TOML syntax error"),
        ('NFG 1 R "t" { "a" "b" "c" } { 1 1 1 } "" 1 2 3', "g.nfg", "3 players"),
        ("hello", "g.txt", "expected a .nfg"),
    ],
)
def test_bad_files_are_input_errors_naming_the_file(tmp_path, content, name, message):
    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(InputFileError, match=message) as info:
        read_game_file(path)
    assert str(path) in str(info.value)


def test_unreadable_files(tmp_path):
    with pytest.raises(InputFileError, match="not found"):
        read_game_file(tmp_path / "none.nfg")
    with pytest.raises(InputFileError, match="is a directory"):
        read_game_file(tmp_path)
    bad = tmp_path / "latin.nfg"
    bad.write_bytes(b"NFG 1 R \xe9")
    with pytest.raises(InputFileError, match="not UTF-8"):
        read_game_file(bad)


#: Round 1: M is strictly dominated by T/2 + B/2 and R by L (column earns 1 at L, 0 at R); round 2: B by T.
#: (T, L) is the unique equilibrium.
SOLVED_BY_ELIMINATION = ([[3, 0], [1, 1], [0, 3]], [[1, 0], [1, 0], [1, 0]], "TMB", "LR")


def test_analysis_json_has_the_contract_keys():
    game = BimatrixGame.from_arrays(*SOLVED_BY_ELIMINATION, title="x")
    data = json.loads(analyse(game).to_json())
    assert data["surviving"] == {"rows": [0], "cols": [0]}
    # exact strings from vertex enumeration (pycddlib), float strings from the nashpy fallback without it
    assert [[[float(v) for v in x] for x in eq] for eq in data["extreme_equilibria"]] == [[[1, 0, 0], [1, 0]]]
    assert data["elimination"][0] == {
        "round": 1,
        "player": "row",
        "strategy": "M",
        "by": {"T": "1/2", "B": "1/2"},
        "margin": "1/2",
    }
    assert data["dominance"]["row"]["dominated"][0]["by"] == {"T": "1/2", "B": "1/2"}
    assert {"maximal_nash_subsets", "components", "degenerate", "complete", "method"} <= set(data)


@needs_cdd
def test_exact_equilibria_are_rational_strings_in_json():
    game = BimatrixGame.from_arrays(*SOLVED_BY_ELIMINATION, title="x")
    data = json.loads(analyse(game, method="vertex-enumeration").to_json())
    assert data["extreme_equilibria"] == [[["1", "0", "0"], ["1", "0"]]]


def test_text_and_markdown():
    a = analyse(BimatrixGame.from_arrays([[2, 0], [0, 1]], [[1, 0], [0, 2]], "OF", "OF", title="BoS"))
    assert "3 isolated equilibria: (O, O), (2/3 O + 1/3 F, 1/3 O + 2/3 F), (F, F)" in str(a)
    assert "**Equilibria**" in a._repr_markdown_()
