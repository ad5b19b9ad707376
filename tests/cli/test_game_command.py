"""``cluster-games game FILE``: the output contract, exit codes, and a fuzz of game files."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import run_cli

BOS = 'title = "Battle of the sexes"\nA = [[2, 0], [0, 1]]\nB = [[1, 0], [0, 2]]\nrow_labels = ["O", "F"]\ncol_labels = ["O", "F"]\n'


def test_toml_game_as_text_and_json(tmp_path):
    path = tmp_path / "bos.toml"
    path.write_text(BOS)
    code, out, err = run_cli(["game", str(path)])
    assert code == 0 and err == ""
    assert "3 isolated equilibria: (O, O), (2/3 O + 1/3 F, 1/3 O + 2/3 F), (F, F)" in out
    code, out, _ = run_cli(["game", str(path), "--json"])
    data = json.loads(out)
    assert data["extreme_equilibria"] == [
        [["1", "0"], ["1", "0"]],
        [["2/3", "1/3"], ["1/3", "2/3"]],
        [["0", "1"], ["0", "1"]],
    ]
    assert data["surviving"] == {"rows": [0, 1], "cols": [0, 1]}


def test_nfg_game_with_elimination(tmp_path):
    path = tmp_path / "pd.nfg"
    path.write_text('NFG 1 R "PD" { "Row" "Column" } { { "C" "D" } { "C" "D" } }\n""\n3 3 5 0 0 5 1 1\n')
    code, out, _ = run_cli(["game", str(path), "--format", "json"])
    data = json.loads(out)
    assert code == 0 and data["surviving"] == {"rows": [1], "cols": [1]}
    assert data["extreme_equilibria"] == [[["0", "1"], ["0", "1"]]]
    assert [e["strategy"] for e in data["elimination"]] == ["C", "C"]


def test_bad_input_is_one_line_exit_2(tmp_path):
    cases = {
        "missing.nfg": None,
        "bad.toml": "A = [[1]]\n",
        "bad.nfg": "NFG 1 R oops",
    }
    for name, content in cases.items():
        path = tmp_path / name
        if content is not None:
            path.write_text(content)
        code, out, err = run_cli(["game", str(path)])
        assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and name in err


def test_a_game_too_large_to_enumerate_names_the_method_that_answers(tmp_path):
    rng = np.random.default_rng(0)
    A, B = rng.integers(0, 99, (30, 30)), rng.integers(0, 99, (30, 30))
    path = tmp_path / "big.toml"
    path.write_text(f"A = {A.tolist()}\nB = {B.tolist()}\n")
    code, out, err = run_cli(["game", str(path), "--max-seconds", "1"])
    assert (
        code == 2 and "--max-seconds" in err and "lemke-howson" in err and len(err.strip().splitlines()) == 1
    )
    code, out, err = run_cli(["game", str(path), "--method", "lemke-howson", "--json"])
    data = json.loads(out)
    assert code == 0 and data["complete"] is False and data["extreme_equilibria"]
    code, out, err = run_cli(["game", str(path), "--max-seconds", "-1"])
    assert code == 2 and "max_seconds must be positive" in err


entries = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.fractions(max_denominator=50).map(lambda q: f'"{q}"'),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.sampled_from(['"x"', "true", '""', "[]", "1e999"]),
)
matrices = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda s: st.lists(st.lists(entries, min_size=s[1], max_size=s[1]), min_size=s[0], max_size=s[0])
)


@settings(max_examples=120, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(matrices, matrices)
def test_fuzzed_toml_games_keep_the_contract(A, B):
    def toml(M):
        return "[" + ", ".join("[" + ", ".join(r) + "]" for r in M) + "]"

    with tempfile.TemporaryDirectory() as d:
        path = Path(d) / "g.toml"
        path.write_text(f"A = {toml(A)}\nB = {toml(B)}\n")
        code, out, err = run_cli(["game", str(path), "--json"])
    assert code in (0, 2), err
    if code == 2:
        assert out == "" and len(err.strip().splitlines()) == 1
    else:
        assert err == "" and json.loads(out)["extreme_equilibria"]
