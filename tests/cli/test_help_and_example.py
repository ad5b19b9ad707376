"""Issue 19, item 7: every command that takes parameters takes --example (README: "Parameters come from
... or from --example"), and --help lists every dimension of a sweep and every coordinate and claim of
a check."""

from __future__ import annotations

import json
import re

import pytest

from cluster_games.cli import build_parser

from support import run_cli

#: The worked example, as README and SPEC section 2 state it.
WORKED_EXAMPLE = {"n": 10.0, "F": 1.0, "alpha": 100.0, "beta": 1.0, "c": 10.0, "c_A": 1.0}


def _help(command: str) -> str:
    code, out, _ = run_cli([command, "--help"], expect_exit=True)
    assert code == 0
    return " ".join(out.split())  # argparse wraps at the terminal width


def _subparsers():
    parser = build_parser()
    sub = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    return sub.choices


def test_every_command_with_parameter_flags_takes_example():
    with_parameters = {name for name, p in _subparsers().items() if "--n" in p._option_string_actions}
    assert with_parameters == {"prove", "solve", "plot", "sweep"}
    for name in with_parameters:
        assert "--example" in _subparsers()[name]._option_string_actions, name


def test_prove_example_is_the_worked_example():
    from cluster_games.commands._common import load_parameters

    args = build_parser().parse_args(["prove", "--example"])
    params, rates = load_parameters(args, required=False)
    assert params.as_dict() == WORKED_EXAMPLE and (rates.omega, rates.W) == (None, None)
    # and it runs: the numeric checks are at the worked example, every claim holds
    code, out, err = run_cli(["prove", "--example", "--format", "markdown"])
    assert code == 0 and err == ""
    assert "Numeric checks at $n = 10$, $F = 1$, $\\alpha = 100$, $\\beta = 1$, $c = 10$, $c_A = 1$" in out


def test_prove_example_conflicts_with_another_source():
    code, out, err = run_cli(["prove", "--example", "--scenario", "chenghai"])
    assert code == 2 and out == "" and err.count("\n") == 1 and "--example" in err


def test_prove_example_json_matches_the_default_run():
    code, out, _ = run_cli(["prove", "--example", "--json"])
    code_default, out_default, _ = run_cli(["prove", "--json"])
    assert code == code_default == 0
    assert [(c["id"], c["status"]) for c in json.loads(out)] == [
        (c["id"], c["status"]) for c in json.loads(out_default)
    ]


def test_sweep_help_lists_every_grid_dimension():
    from cluster_games.scale.grid import COLUMNS, GRID_NAMES

    text = _help("sweep")
    listed = re.search(r"NAME is one of ([\w, ]+?) \(", text)
    assert listed is not None and listed.group(1).split(", ") == list(GRID_NAMES)
    assert {"k", "delta"} <= set(GRID_NAMES)
    assert "number of trading companies" in text and "discount factor" in text
    for column in COLUMNS:
        assert re.search(rf"\b{re.escape(column)}\b", text), column


def test_check_help_lists_every_box_coordinate_and_claim_family():
    from cluster_games.scale.block_checks import PAPER_CLAIMS
    from cluster_games.scale.block_checks_k import K_CLAIMS
    from cluster_games.scale.boxes import BOX_NAMES, DEFAULT_BOX

    text = _help("check")
    for name in BOX_NAMES:
        lo, hi = DEFAULT_BOX[name]
        assert f"{name} {lo:g}:{hi:g}" in text, name
    assert "NAME one of " + ", ".join(BOX_NAMES) in text
    for claim in (*PAPER_CLAIMS, *K_CLAIMS):
        assert re.search(rf"\b{claim}\b", text), claim
    assert set(K_CLAIMS) == {"K1", "K2", "K4", "K5", "K6", "K7"} and "K3" in text  # K3: proved, not drawn


@pytest.mark.parametrize("command", ["sweep", "check"])
def test_help_is_what_the_parser_accepts(command, tmp_path):
    # a dimension the help lists is accepted (k and delta were refused by nothing but missing from help)
    argv = {
        "sweep": [
            "sweep",
            "--example",
            "--grid",
            "k=2,3",
            "--grid",
            "delta=0.5",
            "--out",
            str(tmp_path / "a.csv"),
        ],
        "check": ["check", "--box", "k=2:5", "--box", "delta=0.5:0.9", "--draws", "2000", "--seed", "1"],
    }[command]
    code, _, err = run_cli([*argv, "--no-progress"])
    assert code in (0, 1) and err == ""
