"""``cluster-games atlas``: the contract of SPEC 5.3, and a fuzz suite of its own.

Every case keeps the exit-code contract: 0 with an answer; 2 with exactly one stderr line naming
what is wrong (a malformed expression, an unknown name, a division by zero on the domain, an empty
domain, contradictory assumptions, a point outside the domain, a huge exponent, a bad file); never
3, never a traceback.
"""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

from support import run_cli

HAWK_DOVE = """title = "Hawk-dove"
parameters = ["V", "C"]
assumptions = ["V > 0", "C > 0"]
rows = ["H", "D"]
cols = ["H", "D"]
A = [["(V - C)/2", "V"], ["0", "V/2"]]
B = [["(V - C)/2", "0"], ["V", "V/2"]]
"""


def _write(tmp_path: Path, text: str, name: str = "game.toml") -> str:
    path = tmp_path / name
    path.write_text(text)
    return str(path)


def _refused(argv, fragment: str) -> None:
    code, out, err = run_cli(argv)
    assert code == 2, (code, out, err)
    assert out == "" and len(err.strip().splitlines()) == 1, err
    assert fragment in err, err


def test_json_contract_and_points(tmp_path):
    game = _write(tmp_path, HAWK_DOVE)
    points = _write(tmp_path, "C,V\n3,2\n2,3\n1/2,0.5\n", "points.csv")  # columns in any order
    code, out, err = run_cli(["atlas", game, "--json", "--points", points])
    assert code == 0 and err == ""
    data = json.loads(out)
    assert data["parameters"] == ["V", "C"] and data["assumptions"] == ["V > 0", "C > 0"]
    ids = {r["id"] for r in data["regions"]}
    for r in data["regions"]:
        assert set(r["witness"]) == {"V", "C"} and all(
            isinstance(Fraction(v), Fraction) for v in r["witness"].values()
        )
    mixed = next(r for r in data["regions"] if r["conditions"] == ["V < C"])
    assert [["V/C", "(C - V)/C"], ["V/C", "(C - V)/C"]] in mixed["extreme_equilibria"]
    at = data["points"]
    assert [p["at"] for p in at] == [{"V": "2", "C": "3"}, {"V": "3", "C": "2"}, {"V": "1/2", "C": "1/2"}]
    assert {p["region"] for p in at} <= ids
    # V = 2, C = 3: the mixed equilibrium puts V/C = 2/3 on H (hand computation)
    assert [["2/3", "1/3"], ["2/3", "1/3"]] in at[0]["extreme_equilibria"]
    assert at[1]["extreme_equilibria"] == [[["1", "0"], ["1", "0"]]]


def test_text_and_markdown_and_examples(tmp_path):
    code, out, _ = run_cli(["atlas", _write(tmp_path, HAWK_DOVE)])
    assert code == 0 and "region 1 (dimension 2): V < C" in out
    code, out, _ = run_cli(["atlas", "--example", "prisoners_dilemma", "--format", "markdown"])
    assert code == 0 and "| region |" in out
    code, out, _ = run_cli(["atlas", "--example", "paper", "--json"])
    assert code == 0 and len(json.loads(out)["regions"]) >= 9


@pytest.mark.parametrize(
    ("toml", "fragment"),
    [
        (HAWK_DOVE.replace('"(V - C)/2", "V"]', '"(V - C)/2", "V("]'), "not a valid expression"),
        (HAWK_DOVE.replace('"V/2"]]\nB', '"x/2"]]\nB'), "unknown name 'x'"),
        (HAWK_DOVE.replace('"V/2"]]\nB', '"V/(C - 1)"]]\nB'), "division by zero on the domain: C - 1 = 0"),
        (HAWK_DOVE.replace('"V > 0", "C > 0"', '"V > 0", "V < 0"'), "contradictory"),
        (HAWK_DOVE.replace('"V > 0", "C > 0"', '"V^2 + C^2 + 1 <= 0"'), "contradictory"),
        (HAWK_DOVE.replace('"V/2"]]\nB', '"V^99999999"]]\nB'), "exponent"),
        (HAWK_DOVE.replace('"V/2"]]\nB', '"1e999999999"]]\nB'), "decimal exponent"),
        (HAWK_DOVE.replace('"V/2"]]\nB', '"__import__(1)"]]\nB'), "not allowed"),
        (HAWK_DOVE.replace('"V/2"]]\nB', '"V.real"]]\nB'), "attributes are not allowed"),
        (HAWK_DOVE.replace('parameters = ["V", "C"]', 'parameters = ["V", "V"]'), "distinct"),
        (HAWK_DOVE.replace('rows = ["H", "D"]', 'rows = ["H"]'), "labels"),
        (HAWK_DOVE + "extra = 1\n", "unknown key 'extra'"),
        ("A = [[", "TOML syntax"),
        ('parameters = ["V"]\nA = [[1]]\n', "missing key 'B'"),
        (HAWK_DOVE.replace('"V > 0", "C > 0"', '"V = 1"'), "'=='"),
        (HAWK_DOVE.replace('A = [["(V - C)/2", "V"], ["0", "V/2"]]', "A = [[true, 1], [0, 1]]"), "boolean"),
    ],
)
def test_bad_games_exit_2_with_one_line(tmp_path, toml, fragment):
    _refused(["atlas", _write(tmp_path, toml)], fragment)


@pytest.mark.parametrize(
    ("csv", "fragment"),
    [
        ("V,C\n-1,3\n", "line 2: the point (V=-1, C=3) is outside the domain: V > 0 fails"),
        ("V,C\n1,0\n", "C > 0 fails"),
        ("V,x\n1,2\n", "header must name each parameter once"),
        ("V,C\n1\n", "line 2: 1 values, expected 2"),
        ("V,C\n1,abc\n", "not a number"),
        ("V,C\n1,1e999999999\n", "decimal exponent"),
        ("V,C\n1,1/0\n", "division by zero"),
        ("", "empty"),
    ],
)
def test_bad_points_exit_2_naming_the_line(tmp_path, csv, fragment):
    _refused(["atlas", _write(tmp_path, HAWK_DOVE), "--points", _write(tmp_path, csv, "p.csv")], fragment)


def test_files_that_are_not_regular_are_refused_before_reading(tmp_path):
    fifo = tmp_path / "game.toml"
    os.mkfifo(fifo)
    _refused(["atlas", str(fifo)], "not a regular file")
    _refused(["atlas", str(tmp_path / "missing.toml")], "not found")
    _refused(["atlas", str(tmp_path)], "directory")
    _refused(["atlas", "/dev/zero"], "not a regular file")
    _refused(["atlas", "--example", "nonsense"], "unknown")
    _refused(["atlas"], "required")
    _refused(["atlas", _write(tmp_path / "..", HAWK_DOVE, "g2.toml"), "--timeout", "0"], "--timeout")


# ----------------------------------------------------------------------------- fuzz
GOOD = st.sampled_from(
    ["V", "C", "(V - C)/2", "V^2 - C", "0.5", "3/4", "V*C", "-V", "2^-1", "0", "1", "-2", "1e300", "V^3",
     "((((V))))", "1_0", "V - 1", "C/2 - V", "V/(V^2 + 1)"]
)  # fmt: skip
BAD = st.one_of(
    st.sampled_from(
        ["1/V", "V^65", "1e999999999", "x", "V(", "V +", "1/0", "V ** C", "sin(V)", "V[0]", "V; C", "", " ", "\u00b3",
         "V\x00", "-" * 80 + "V", "9" * 250, "V = C", "V and C", "0x1F", "2j", "1/(V - C)", "1/(V - 1)"]
    ),
    st.text(alphabet="VC0123456789+-*/^(). ", min_size=0, max_size=12),
)  # fmt: skip
EXPRESSIONS = st.integers(0, 19).flatmap(lambda k: BAD if k == 0 else GOOD)
ASSUMPTIONS = st.lists(
    st.integers(0, 5).flatmap(
        lambda k: (
            st.sampled_from(
                [
                    "V > 0",
                    "C > 0",
                    "V < C",
                    "V >= 0",
                    "V == C",
                    "V != 1",
                    "0 < V < 1",
                    "V > 1",
                    "C == 2*V",
                    "1/V > 2",
                ]
            )
            if k
            else st.sampled_from(["V^2 + 1 < 0", "V < 0", "V", "V => 1", "V > x", "V > 1e999999999"])
        )
    ),
    max_size=3,
)


@st.composite
def games(draw) -> str:
    m, n = draw(st.sampled_from([1, 2, 2, 2, 3])), draw(st.sampled_from([1, 2, 2, 2]))
    A = [[draw(EXPRESSIONS) for _ in range(n)] for _ in range(m)]
    B = [[draw(EXPRESSIONS) for _ in range(n)] for _ in range(m)]
    lines = [
        'parameters = ["V", "C"]',
        f"assumptions = {json.dumps(draw(ASSUMPTIONS))}",
        f"A = {json.dumps(A)}",
        f"B = {json.dumps(B)}",
    ]
    if draw(st.integers(0, 9)) == 0:
        lines.append(draw(st.sampled_from(["rows = []", 'rows = ["a"]', "junk", 'cols = ["x", "x", "y"]'])))
    return "\n".join(lines) + "\n"


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(games(), st.sampled_from(["", "", "V,C\n2,3\n3,2\n", "V,C\n1/2,1/4\n", "V,C\n2,3\n1/2,-1\n0,0\n"]))
def test_fuzz_every_game_keeps_the_contract(tmp_path, toml, with_points):
    argv = ["atlas", _write(tmp_path, toml), "--json", "--timeout", "2", "--max-seconds", "20"]
    if with_points:
        argv += ["--points", _write(tmp_path, with_points, "p.csv")]
    code, out, err = run_cli(argv)
    event(f"exit {code}")
    assert code in (0, 2), (code, err)
    assert "Traceback" not in err
    if code == 2:
        assert out == "" and len(err.strip().splitlines()) == 1 and err.startswith("cluster-games: error: ")
    else:
        data = json.loads(out)
        assert "regions" in data and err == ""


SLOW = """parameters = ["V", "C"]
assumptions = []
A = [["V^2 - C", "0"], ["0.5", "C/2 - V"], ["V/(V^2 + 1)", "1e300"]]
B = [["1e300", "C"], ["C/2 - V", "3/4"], ["((((V))))", "V/(V^2 + 1)"]]
"""


def test_a_time_limit_leaves_undecided_regions_not_a_silent_hour(tmp_path):
    """Found by the explore profile (seed 8): payoffs of 1e300 make z3's queries slow, and this 3x2
    game ran for more than 10 minutes. --max-seconds bounds the decision tree; what is still open
    is reported undecided, with the reason, and the atlas says it is incomplete."""
    game = _write(tmp_path, SLOW)
    code, out, err = run_cli(["atlas", game, "--json", "--timeout", "0.5", "--max-seconds", "1"])
    assert code == 0 and err == "", err
    data = json.loads(out)
    reasons = {u["reason"] for u in data["undecided"]}
    assert data["complete"] is False
    assert "the atlas's time limit (max_seconds) ran out before this region" in reasons
    _refused(["atlas", game, "--max-seconds", "0.5"], "--max-seconds must be from 1 to 86400 seconds")


def test_plot_atlas(tmp_path):
    pytest.importorskip("matplotlib", reason="figures need matplotlib (extra 'plot')")
    game = _write(tmp_path, HAWK_DOVE)
    out = tmp_path / "map.png"
    code, stdout, err = run_cli(
        ["plot", "atlas", game, "--x", "V", "--y", "C", "--out", str(out), "--xlim", "0:4"]
    )
    assert code == 0 and out.stat().st_size > 0 and "wrote" in stdout, err
    _refused(["plot", "atlas", game, "--x", "V", "--out", str(out)], "needs FILE, --x and --y")
    _refused(["plot", "atlas", game, "--x", "V", "--y", "Q", "--out", str(out)], "unknown parameter 'Q'")
    _refused(
        ["plot", "atlas", game, "--x", "V", "--y", "C", "--fixed", "V=1", "--out", str(out)], "'V' is an axis"
    )
    _refused(
        ["plot", "atlas", game, "--x", "V", "--y", "C", "--n", "3", "--out", str(out)], "model parameter"
    )
    _refused(["plot", "dominance", "--example", "--x", "V", "--out", str(out)], "for 'plot atlas' only")


@pytest.mark.parametrize("name", ["prisoners_dilemma", "stag_hunt", "chicken", "entry_game", "mixed_dominance",
                                  "two_by_three", "three_by_three", "coordination"])  # fmt: skip
def test_the_command_answers_the_textbook_games_exactly(tmp_path, name):
    # the points are the regions' witnesses (boundaries included): at each, the exact equilibria the
    # command prints must be those cluster_games.games computes for the numeric game there
    from cluster_games.parametric.examples import TEXTBOOK

    game = TEXTBOOK[name]()
    code, out, err = run_cli(["atlas", "--example", name, "--json"])
    assert code == 0, err
    regions = json.loads(out)["regions"]
    rows = [",".join(r["witness"][p] for p in game.parameters) for r in regions]
    csv = _write(tmp_path, ",".join(game.parameters) + "\n" + "\n".join(rows) + "\n", "w.csv")
    code, out, err = run_cli(["atlas", "--example", name, "--json", "--points", csv])
    assert code == 0, err
    for region, answer in zip(regions, json.loads(out)["points"], strict=True):
        assert answer["region"] == region["id"]
        truth = game.at(region["witness"]).equilibria()
        assert sorted(answer["extreme_equilibria"]) == sorted(p.as_text() for p in truth.extreme)
