"""The command line: outputs, exit codes, one-line errors, no evaluation of user text."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from cluster_games.cli import main

EXAMPLE_FLAGS = ["--n", "10", "--F", "1", "--alpha", "100", "--beta", "1", "--c", "10", "--c-A", "1"]


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_prove_json_contract(capsys):
    code, out, _ = run(capsys, "prove", "--json")
    assert code == 0
    data = json.loads(out)
    ids = [d["id"] for d in data]
    assert ids[:5] == ["P1", "P2", "P3", "P4", "P5"] and {"E1", "E2", "E3"} <= set(ids)
    assert all(d["status"] in ("proved", "refuted") and d["method"] for d in data)


def test_prove_formats(capsys):
    assert run(capsys, "prove", "--format", "markdown")[1].startswith("# cluster_games proof report")
    code, out, _ = run(capsys, "prove")
    assert code == 0 and "18/18 claims hold" in out


def test_solve_text_and_json(capsys):
    code, out, _ = run(capsys, "solve", *EXAMPLE_FLAGS, "--W", "0.1003", "--json")
    assert code == 0
    d = json.loads(out)
    assert d["omega_star"] == pytest.approx(0.1002247247754185, rel=1e-15)
    assert d["n_min"] == pytest.approx(8 / 89**2, rel=1e-15)
    assert d["dominance"] == "Y strictly dominant" and d["dominant_strategy"] == {"A": "Y", "B": "Y"}
    assert d["equilibria"] == [{"A": {"Y": 1.0, "N": 0.0}, "B": {"Y": 1.0, "N": 0.0}, "pure": ["Y", "Y"]}]
    code, out, _ = run(capsys, "solve", "--example")
    assert code == 0 and "omega*   : 0.100224724775" in out and "monopoly rate" in out


def test_solve_from_toml_with_rates(tmp_path, capsys):
    f = tmp_path / "p.toml"
    f.write_text("[parameters]\nn=10\nF=1\nalpha=100\nbeta=1\nc=10\nc_A=1\n[rates]\nomega=0.2\nW=2.0\n")
    code, out, _ = run(capsys, "solve", "--params", str(f), "--json")
    d = json.loads(out)
    assert code == 0 and d["omega"] == 0.2 and d["W"] == 2.0 and d["dominance"] == "no dominant strategy"
    code, out, _ = run(capsys, "solve", "--params", str(f), "--n", "20", "--json")  # flags override the file
    assert json.loads(out)["parameters"]["n"] == 20


def test_solve_with_omega_but_no_free_entry_rate(capsys):
    code, out, _ = run(
        capsys,
        "solve",
        "--n",
        "1e-4",
        "--F",
        "1",
        "--alpha",
        "100",
        "--beta",
        "1",
        "--c",
        "10",
        "--c-A",
        "1",
        "--omega",
        "0.2",
        "--W",
        "0.3",
        "--json",
    )
    d = json.loads(out)
    assert code == 0 and d["omega_star"] is None and "n_min" in d["infeasible_reason"]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["solve", "--n", "-1", *EXAMPLE_FLAGS[2:]], "parameter 'n': must be > 0"),
        (["solve", "--n", "abc", *EXAMPLE_FLAGS[2:]], "not a number: 'abc'"),
        (["solve", "--n", "nan", *EXAMPLE_FLAGS[2:]], "must be finite"),
        (["solve", "--n", "1e999", *EXAMPLE_FLAGS[2:]], "must be finite"),
        (["solve", "--n", "__import__('os').getcwd()", *EXAMPLE_FLAGS[2:]], "not a number"),
        (["solve", "--n", "0.0001", *EXAMPLE_FLAGS[2:]], "no break-even agency rate"),
        (["solve", "--alpha", "5", *EXAMPLE_FLAGS[:2], *EXAMPLE_FLAGS[6:]], "missing --F"),
        (["solve", "--params", "/nonexistent/p.toml"], "file not found"),
        (["solve", "--example", "--omega", "0.3", "--W", "0.2"], "must exceed omega"),
        (["solve"], "missing --n"),
        ([], "required: COMMAND"),
        (["prove", "--format", "xml"], "invalid choice"),
        (["frobnicate"], "invalid choice"),
    ],
)
def test_bad_input_is_one_line_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2
    assert err.count("\n") == 1 and err.startswith("cluster-games: error:") and message in err
    assert "Traceback" not in err and out == ""


def test_unknown_toml_key_is_reported(tmp_path, capsys):
    f = tmp_path / "p.toml"
    f.write_text("[parameters]\nn=10\nF=1\nalpha=100\nbeta=1\nc=10\nc_A=1\ngamma=3\n")
    code, _, err = run(capsys, "solve", "--params", str(f))
    assert code == 2 and "'gamma': unknown key" in err


def test_python_dash_m_and_console_script():
    out = subprocess.run(
        [sys.executable, "-m", "cluster_games", "solve", "--example", "--json"],
        capture_output=True,
        text=True,
    )
    assert out.returncode == 0 and json.loads(out.stdout)["omega_star"] > 0
    bad = subprocess.run(
        [sys.executable, "-m", "cluster_games", "solve", "--n", "x"], capture_output=True, text=True
    )
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "Traceback" not in bad.stderr


def test_cli_module_imports_nothing_heavy():
    code = (
        "import sys; import cluster_games.cli as c; c.build_parser();"
        "print(sorted(m for m in ('sympy', 'scipy', 'nashpy', 'matplotlib') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"
