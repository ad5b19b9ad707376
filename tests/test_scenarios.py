"""Shipped scenarios, the sensitivity table, and the `--scenario` / `plot` CLI."""

from __future__ import annotations

import json
import re
import tomllib

import matplotlib

matplotlib.use("Agg")

import pytest

import cluster_games as cg
from cluster_games import Parameters, Rates
from cluster_games.cli import main
from cluster_games.kernels.closed_forms import demand
from cluster_games.parameters import PARAMETER_NAMES
from cluster_games.scenarios import available_scenarios, load_scenario, scenario_text, sensitivity

# ------------------------------------------------------------------ scenario files


def test_chenghai_is_available_and_loads():
    assert "chenghai" in available_scenarios()
    params, rates, extra = load_scenario("chenghai")
    assert isinstance(params, Parameters) and isinstance(rates, Rates)
    assert extra["scenario"]["name"] == "chenghai"
    assert extra["scenario"]["money_unit"] == "yuan"


def test_chenghai_is_feasible_and_y_dominates():
    params, rates, _ = load_scenario("chenghai")
    assert params.G > 0
    assert params.n > params.n_min()
    star = params.omega_star()
    assert params.cost_recovery_rate < star < rates.W
    solution = cg.solve.solve(params, rates)
    assert solution.classification == "Y strictly dominant"
    assert str(solution.game.equilibria()) == "unique equilibrium: (Y, Y)"


def test_chenghai_facts_are_the_papers():
    _, _, extra = load_scenario("chenghai")
    facts = extra["facts"]
    assert facts["enterprises_min"] == 2800
    assert facts["employees_min"] == 100_000
    assert facts["output_2004_yuan"] == 1e10
    assert facts["export_share"] == 0.70
    assert facts["share_of_district_industrial_output"] == 0.40


def test_chenghai_calibration_reproduces_the_export_value():
    """The comment claims n D(omega*) (1 + omega*) c is about the exported 70% of 10 bn yuan."""
    params, _, extra = load_scenario("chenghai")
    star = params.omega_star()
    traded = params.n * demand(star, params.alpha, params.beta, params.c) * (1 + star) * params.c
    exports = extra["facts"]["output_2004_yuan"] * extra["facts"]["export_share"]
    assert traded == pytest.approx(exports, rel=0.03)


@pytest.mark.parametrize("name", available_scenarios())
def test_every_assumed_number_is_documented(name):
    """Each key of [parameters] and [rates] is preceded by a comment block naming it and its unit."""
    text = scenario_text(name)
    lines = text.splitlines()
    data = tomllib.loads(text)
    keys = [*PARAMETER_NAMES, *data.get("rates", {})]
    for key in keys:
        (at,) = [i for i, ln in enumerate(lines) if re.match(rf"{re.escape(key)}\s*=", ln)]
        block = []
        i = at - 1
        while i >= 0 and lines[i].startswith("#"):
            block.insert(0, lines[i])
            i -= 1
        comment = " ".join(block)
        assert comment.startswith(f"# {key}:"), f"{key}: no comment block naming it right above"
        assert "ASSUMED" in comment, f"{key}: the comment must say the value is an assumption"
        assert "in " in comment or "fraction" in comment, f"{key}: the comment must state the unit"
        assert len(comment) > 120, f"{key}: the reasoning is missing"
    # omega is documented too (left to default on purpose)
    assert re.search(r"^# omega: .*NOT SET", text, re.MULTILINE)


def test_unknown_scenario_is_named():
    with pytest.raises(cg.InvalidParameterError, match=r"unknown scenario 'atlantis' .*available: chenghai"):
        load_scenario("atlantis")
    for bad in ("../chenghai", "Chenghai", "chenghai.toml", ""):
        with pytest.raises(cg.InvalidParameterError, match="unknown scenario"):
            load_scenario(bad)


# ------------------------------------------------------------------ sensitivity


def test_sensitivity_rows_recompute_the_conclusions():
    params, rates, _ = load_scenario("chenghai")
    table = sensitivity(params, rates)
    assert len(table.rows) == 1 + 2 * (len(PARAMETER_NAMES) + 1)  # + W, which the scenario sets
    base = table.baseline
    assert base.omega_star == params.omega_star() and base.Y_dominates and base.feasible
    row = table.row("n", 2.0)
    assert row.value == 2 * params.n
    assert row.omega_star == params.replace(n=2 * params.n).omega_star() < base.omega_star
    assert row.n_min == params.n_min()
    # halving alpha makes trade infeasible at these costs (G <= 0)
    assert params.replace(alpha=params.alpha / 2).G <= 0
    assert not table.row("alpha", 0.5).feasible and table.row("alpha", 0.5).Q_bar_star is None
    # Q_bar(omega*) = n D(omega*) / 2 in every feasible row
    for r in table.rows:
        if r.feasible and r.parameter in PARAMETER_NAMES:
            p = params.replace(**{r.parameter: r.value})
            assert r.Q_bar_star == pytest.approx(
                p.n * demand(r.omega_star, p.alpha, p.beta, p.c) / 2, rel=1e-8
            )
    # at a fixed W, raising omega* above W is reported, not raised
    assert table.row("F", 2.0).dominance.startswith("not a game: W = 0.06 <= omega")
    assert table.row("F", 2.0).Y_dominates_same_premium
    assert not table.robust()


def test_sensitivity_markdown_and_validation():
    params, rates, _ = load_scenario("chenghai")
    table = sensitivity(params, rates, factors=(0.9,))
    md = table._repr_markdown_()
    assert md.splitlines()[0].startswith("| parameter | factor |")
    assert len(md.splitlines()) == 2 + len(table.rows)
    assert "$\\alpha$ | x0.9" in md
    with pytest.raises(AttributeError):
        table.rows = ()  # frozen
    with pytest.raises(cg.InvalidParameterError, match="factors"):
        sensitivity(params, rates, factors=(0,))


# ------------------------------------------------------------------ CLI


def test_solve_with_scenario(capsys):
    assert main(["solve", "--scenario", "chenghai", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    params, rates, _ = load_scenario("chenghai")
    assert out["omega_star"] == params.omega_star()
    assert out["W"] == rates.W and out["dominance"] == "Y strictly dominant"


def test_scenario_flags_override_and_conflicts(capsys):
    assert main(["solve", "--scenario", "chenghai", "--n", "400", "--W", "0.2", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["parameters"]["n"] == 400 and out["W"] == 0.2
    assert main(["solve", "--scenario", "atlantis"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "unknown scenario 'atlantis'" in err
    assert main(["solve", "--scenario", "chenghai", "--params", "x.toml"]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_prove_with_scenario(capsys):
    assert main(["prove", "--scenario", "chenghai", "--json"]) == 0
    claims = json.loads(capsys.readouterr().out)
    assert {c["id"] for c in claims} >= {"P1", "P2", "P3", "P4", "P5"}


MAGIC = {".png": b"\x89PNG\r\n\x1a\n", ".pdf": b"%PDF-", ".svg": b"<?xml"}


@pytest.mark.parametrize(
    ("kind", "suffix", "source"),
    [
        ("omega", ".png", ["--scenario", "chenghai"]),
        ("dominance", ".svg", ["--example"]),
        ("threshold", ".pdf", ["--scenario", "chenghai"]),
        (
            "elasticities",
            ".png",
            ["--n", "10", "--F", "1", "--alpha", "100", "--beta", "1", "--c", "10", "--c-A", "1"],
        ),
    ],
)
def test_plot_writes_a_valid_file(tmp_path, capsys, kind, suffix, source):
    out = tmp_path / f"fig{suffix}"
    assert main(["plot", kind, *source, "--out", str(out), "--dpi", "60"]) == 0
    assert out.read_bytes().startswith(MAGIC[suffix])
    assert f"wrote {out}" in capsys.readouterr().out
    if suffix == ".svg":
        assert b"<svg" in out.read_bytes()[:2000]


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["plot", "bogus", "--example", "--out", "{tmp}/x.png"], "invalid choice: 'bogus'"),
        (["plot", "omega", "--example", "--out", "{tmp}/x.jpg"], "unsupported format '.jpg'"),
        (["plot", "omega", "--example", "--out", "{tmp}/x"], "unsupported format '(none)'"),
        (["plot", "omega", "--example", "--out", "{tmp}/no/such/dir/x.png"], "does not exist"),
        (["plot", "omega", "--example", "--out", "{tmp}/file.txt/x.png"], "does not exist"),
        (["plot", "omega", "--example"], "--out"),
        (["plot", "omega", "--out", "{tmp}/x.png"], "missing --n"),
        (["plot", "omega", "--example", "--alpha", "5", "--out", "{tmp}/x.png"], "trade is infeasible"),
        (["plot", "omega", "--example", "--dpi", "0", "--out", "{tmp}/x.png"], "--dpi"),
        (["plot", "omega", "--example", "--beta", "nan", "--out", "{tmp}/x.png"], "'beta'"),
    ],
)
def test_plot_bad_input_is_one_line_exit_2(tmp_path, capsys, argv, message):
    (tmp_path / "file.txt").write_text("not a directory")
    argv = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.err.count("\n") == 1 and captured.err.startswith("cluster-games: error: ")
    assert message in captured.err
    assert not (tmp_path / "x.png").exists()


def test_plot_unwritable_file_is_one_line_exit_2(tmp_path, capsys, monkeypatch):
    from matplotlib.figure import Figure

    def refuse(self, *args, **kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(Figure, "savefig", refuse)
    assert main(["plot", "omega", "--example", "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "cannot write" in err and "Permission denied" in err


def test_plot_without_matplotlib_is_one_line_exit_2(tmp_path, capsys, monkeypatch):
    monkeypatch.setitem(__import__("sys").modules, "matplotlib", None)  # import matplotlib -> ImportError
    assert main(["plot", "omega", "--example", "--out", str(tmp_path / "x.png")]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "needs matplotlib" in err
