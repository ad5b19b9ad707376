"""``cluster-games game FILE``: the output contract, exit codes, and a fuzz of game files."""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path

import numpy as np
import pytest
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
    for bad in ("-1", "0", "nan", "x"):
        code, out, err = run_cli(["game", str(path), "--max-seconds", bad])
        assert code == 2 and "--max-seconds" in err and len(err.strip().splitlines()) == 1


entries = st.one_of(
    st.integers(-(10**12), 10**12).map(str),
    st.fractions(max_denominator=50).map(lambda q: f'"{q}"'),
    st.decimals(allow_nan=True, allow_infinity=True, places=3).map(str),
    st.sampled_from(['"x"', "true", '""', "[]", "1e999"]),
    # issue 19: each hung (built exactly) or exited 3; now refused before being built
    st.sampled_from(["1e999999999", "-1e-999999999", '"1e999999999"', "1e5000", "1" + "0" * 5000, '"1/0"']),
)
matrices = st.tuples(st.integers(1, 4), st.integers(1, 4)).flatmap(
    lambda s: st.lists(st.lists(entries, min_size=s[1], max_size=s[1]), min_size=s[0], max_size=s[0])
)


# derandomized in `python -m pytest` by the default profile (tests/conftest.py), explored with `explore`
@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
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


# ----------------------------------------------------------------------------- issue 19: every input
def _one_line_exit_2(argv, *needles):
    code, out, err = run_cli(argv)
    assert code == 2 and out == "" and err.count("\n") == 1 and err.startswith("cluster-games: error: "), err
    for needle in needles:
        assert needle in err, err
    return err


@pytest.mark.parametrize(
    ("name", "content", "needle"),
    [
        (
            "s.toml",
            'A = [["1e999999999", 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n',
            "'1e999999999' is beyond the exact",
        ),
        (
            "f.toml",
            "A = [[1e999999999, 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n",
            "1E+999999999 is beyond the exact",
        ),
        ("t.toml", "A = [[1e-999999999, 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n", "beyond the exact range"),
        (
            "e.toml",
            "A = [[1e5000, 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n",
            "A[0][0]: 1E+5000 is beyond",
        ),  # was exit 3
        ("i.toml", "A = [[1" + "0" * 5000 + ", 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n", "more than 4300 digits"),
        ("h.nfg", 'NFG 1 R "" { "1" "2" } { 2 2 }\n""\n1e999999999 1 0 0 0 0 1 1\n', "profile (0, 0)"),
        ("e.nfg", 'NFG 1 R "" { "1" "2" } { 2 2 }\n""\n1e5000 1 0 0 0 0 1 1\n', "'1e5000' is beyond"),
        ("z.nfg", "\0" * 4096, "not a Gambit strategic-form file"),
        ("z.toml", "\0" * 4096, "TOML syntax error"),
    ],
    ids=lambda v: v if len(v) < 10 else None,
)
def test_huge_numbers_and_garbage_in_game_files_exit_2_at_once(tmp_path, name, content, needle):
    path = tmp_path / name
    path.write_text(content)
    _one_line_exit_2(["game", str(path)], needle)


def test_random_bytes_exit_2(tmp_path):
    path = tmp_path / "r.nfg"
    path.write_bytes(np.random.default_rng(0).bytes(4096))
    _one_line_exit_2(["game", str(path)], "not UTF-8 text")


def test_what_is_not_a_regular_file_is_refused_before_reading(tmp_path):
    fifo = tmp_path / "g.nfg"
    os.mkfifo(fifo)  # reading it waited for a writer forever
    _one_line_exit_2(
        ["game", str(fifo)], "is a FIFO (named pipe), not a regular file (refused before reading)"
    )
    # /dev/zero was read to 3.7 GB before failing
    _one_line_exit_2(["game", "/dev/zero"], "is a character device, not a regular file")
    _one_line_exit_2(["game", str(tmp_path)], "is a directory")


def test_a_game_file_larger_than_8_mib_is_refused_before_reading(tmp_path):
    path = tmp_path / "big.nfg"
    with path.open("wb") as fh:  # sparse: no 9 MiB written
        fh.truncate(9 << 20)
    _one_line_exit_2(["game", str(path)], "is 9 MiB; at most 8 MiB is read")


def test_nashpy_prints_exact_rationals_and_no_false_equilibrium(tmp_path):
    path = tmp_path / "g.toml"
    path.write_text("A = [[5, 0], [0, 8]]\nB = [[1, 0], [0, 1]]\n")
    code, out, _ = run_cli(["game", str(path), "--method", "nashpy", "--json"])
    assert code == 0 and json.loads(out)["extreme_equilibria"][1] == [["1/2", "1/2"], ["8/13", "5/13"]]
    path.write_text("A = [[1e400, 0], [0, 1]]\nB = [[1, 0], [0, 1]]\n")
    code, out, _ = run_cli(["game", str(path), "--method", "nashpy", "--json"])
    data = json.loads(out)
    assert code == 0 and data["complete"] is False
    assert data["extreme_equilibria"] == [[["1", "0"], ["1", "0"]], [["0", "1"], ["0", "1"]]]


def test_a_long_analysis_is_refused_at_once_with_its_estimate(tmp_path):
    rng = np.random.default_rng(0)
    path = tmp_path / "g.toml"
    path.write_text(
        f"A = {rng.integers(0, 99, (60, 60)).tolist()}\nB = {rng.integers(0, 99, (60, 60)).tolist()}\n"
    )
    _one_line_exit_2(["game", str(path), "--method", "lemke-howson"], "the 60 x 60 game would take about")


def test_a_single_strategy_game_is_answered_directly(tmp_path):
    # 1 x 300 here to keep the test short (1 x 1000 takes 4.7 s, all of it pure dominance; it ran for minutes)
    path = tmp_path / "g.toml"
    path.write_text(f"A = [{[1] * 300}]\nB = [{list(range(300))}]\n")
    code, out, err = run_cli(["game", str(path), "--json"])
    assert code == 0 and err == "" and json.loads(out)["extreme_equilibria"] == [[["1"], ["0"] * 299 + ["1"]]]


def test_a_long_analysis_states_its_estimate_and_says_it_goes_on(tmp_path, monkeypatch):
    import time

    from cluster_games.commands import game as command
    from cluster_games.games import analysis, cost

    monkeypatch.setattr(cost, "ANNOUNCE_SECONDS", 0.0)
    monkeypatch.setattr(command, "HEARTBEAT_SECONDS", 0.05)
    real = analysis.BimatrixGame.equilibria

    def slow(self, **kwargs):
        time.sleep(0.3)
        return real(self, **kwargs)

    monkeypatch.setattr(analysis.BimatrixGame, "equilibria", slow)
    path = tmp_path / "bos.toml"
    path.write_text(BOS)
    code, out, err = run_cli(["game", str(path)])
    lines = err.splitlines()
    assert code == 0 and "3 isolated equilibria" in out
    assert lines[0] == "cluster-games: game: a 2 x 2 game, about 0 s"
    assert lines[1].startswith(
        "cluster-games: game (2 x 2): still working after 0 s (equilibria (exact-2x2))"
    )
