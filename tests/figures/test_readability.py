"""Issue 13: the figures an economist can publish (no twin axis, every region explained, ranges that
show what matters, units from the scenario, zero printed as 0, the parameter set on the figure)."""

from __future__ import annotations

import re

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.path import Path

from cluster_games import Parameters, Rates
from cluster_games import figures as plots
from cluster_games.scenarios import load_scenario

from support import run_cli

EXAMPLE = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
CHENGHAI, CHENGHAI_RATES, _ = load_scenario("chenghai")
ALL_FIGURES = {
    "omega": lambda p, **kw: plots.omega_star_curve(p, **kw),
    "dominance": lambda p, **kw: plots.dominance_map(p, Rates(), resolution=80, **kw),
    "threshold": lambda p, **kw: plots.factory_threshold(p, **kw),
    "investment": lambda p, **kw: plots.investment_gap(p, **kw),
    "elasticities": lambda p, **kw: plots.elasticities(p, **kw),
}


def texts(fig: Figure) -> list[str]:
    """Every piece of text a reader sees: labels, titles, tick labels, legends, bar labels, footer."""
    fig.canvas.draw()  # tick labels exist only once drawn
    return [t.get_text() for t in fig.findobj(matplotlib.text.Text) if t.get_text()]


@pytest.fixture
def saved(monkeypatch):
    """The Figure objects the CLI saves (``cluster-games plot``), captured at ``savefig``."""
    figures: list[Figure] = []
    original = Figure.savefig

    def capture(self, *args, **kwargs):
        figures.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", capture)
    return figures


# ----------------------------------------------------------------------------- no twin axis
@pytest.mark.parametrize("kind", sorted(ALL_FIGURES))
@pytest.mark.parametrize("params", [EXAMPLE, CHENGHAI], ids=["example", "chenghai"])
def test_no_figure_has_a_twin_axis(kind, params):
    fig = ALL_FIGURES[kind](params)
    boxes = [tuple(np.round(ax.get_position().bounds, 6)) for ax in fig.axes]
    assert len(set(boxes)) == len(boxes), "two axes drawn on top of each other (twinx)"
    for ax in fig.axes:  # a twin shares x with an axes at the same place and has its own y
        twins = [a for a in ax.get_shared_x_axes().get_siblings(ax) if a is not ax]
        assert all(a.get_position().bounds != ax.get_position().bounds for a in twins)


def test_the_printed_formula_shares_one_scale_with_omega_star():
    fig = plots.omega_star_curve(CHENGHAI)
    err = fig.axes[1]
    gids = [ln.get_gid() for ln in err.get_lines()]
    assert "paper" in gids and "omega_star_ref" in gids, "both curves on the same axes, one y scale"
    lo, hi = err.get_ylim()
    for gid in ("paper", "omega_star_ref"):
        y = next(ln for ln in err.get_lines() if ln.get_gid() == gid).get_ydata()
        assert lo <= np.min(y) and np.max(y) <= hi, f"{gid} clipped by the y limits"
    # one axes given: everything on it, on one scale
    fig = Figure()
    ax = fig.add_subplot()
    plots.omega_star_curve(EXAMPLE, ax=ax)
    assert len(fig.axes) == 1 and {"omega_star", "paper"} <= {ln.get_gid() for ln in ax.get_lines()}


# ----------------------------------------------------------------------------- dominance map
@pytest.mark.parametrize("params", [EXAMPLE, CHENGHAI], ids=["example", "chenghai"])
def test_every_region_of_the_dominance_map_has_a_legend_entry(params):
    fig = plots.dominance_map(params, resolution=90)
    ax = fig.axes[0]
    codes = set(np.unique(ax.images[0].get_array()).tolist())
    legend = ax.get_legend()
    labels = [t.get_text() for t in legend.get_texts()]
    for code in codes:
        assert plots.REGIONS[code][0] in labels, f"region {code} has no legend entry"
    assert {0, 1} <= codes
    by_label = dict(zip(labels, legend.legend_handles, strict=True))
    not_a_game = by_label[plots.REGIONS[0][0]]
    outside = by_label[plots.REGIONS[1][0]]
    assert (
        "not a game" in plots.REGIONS[0][0] and "hiding rate must exceed seeing rate" in plots.REGIONS[0][0]
    )
    assert "demand at $W$ negative" in plots.REGIONS[1][0] and "outside the model" in plots.REGIONS[1][0]
    # outside the domain: hatched, on white or a light grey, not a dominance colour
    for handle in (not_a_game, outside):
        assert handle.get_hatch()
        r, g, b, _ = handle.get_facecolor()
        assert r == g == b and r > 0.9
    for code in (2, 3, 4, 5):
        if code in codes:
            assert not by_label[plots.REGIONS[code][0]].get_hatch()


@pytest.mark.parametrize("params", [EXAMPLE, CHENGHAI], ids=["example", "chenghai"])
def test_hatched_polygons_are_exactly_the_cells_outside_the_domain(params):
    res = 90
    fig = plots.dominance_map(params, resolution=res)
    ax = fig.axes[0]
    image = ax.images[0]
    codes = np.asarray(image.get_array())
    o_lo, o_hi, w_lo, w_hi = image.get_extent()
    om = o_lo + (o_hi - o_lo) * (np.arange(res) + 0.5) / res
    W = w_lo + (w_hi - w_lo) * (np.arange(res) + 0.5) / res
    OM, WW = np.meshgrid(om, W)
    points = np.column_stack([OM.ravel(), WW.ravel()])
    # boundaries of the domain, written here from SPEC 1: W = omega, D(W) = 0, m(W) = 0
    omega_D = params.alpha / (params.beta * params.c) - 1
    cell = max((o_hi - o_lo), (w_hi - w_lo)) / res
    far = (
        (np.abs(WW - OM) > cell) & (np.abs(WW - omega_D) > cell) & (np.abs(WW - params.c_A / params.c) > cell)
    ).ravel()
    for code in (0, 1):
        patches = [p for p in ax.patches if p.get_gid() == f"outside_{code}"]
        assert patches and all(p.get_hatch() for p in patches)
        inside = np.zeros(len(points), bool)
        for patch in patches:
            inside |= Path(patch.get_xy()).contains_points(points)
        np.testing.assert_array_equal(inside[far], (codes.ravel() == code)[far])


# ----------------------------------------------------------------------------- threshold range
@pytest.mark.parametrize("params", [EXAMPLE, CHENGHAI], ids=["example", "chenghai"])
def test_threshold_range_is_centred_on_omega_star(params):
    ax = plots.factory_threshold(params).axes[0]
    lo, hi = ax.get_xlim()
    star = params.omega_star()
    assert lo < star < hi and 0.35 < (star - lo) / (hi - lo) < 0.65
    # Q_bar over the range: within a factor 10 of Q_bar(omega*), not a spike of many decades
    q = np.array([params.F / (x * params.c - params.c_A) for x in (lo, star, hi)])
    assert q[0] / q[2] < 10
    qlo, qhi = ax.get_ylim()
    half = params.n * (params.alpha - params.beta * (1 + star) * params.c) / 2
    assert qlo < half < qhi and qlo < q.min() and q.max() < qhi
    meet = next(ln for ln in ax.get_lines() if ln.get_gid() == "meet").get_xydata()[0]
    assert meet[0] == star and meet[1] == pytest.approx(half, rel=1e-9)


# ----------------------------------------------------------------------------- units
def test_no_fake_units_without_a_scenario():
    for kind, draw in ALL_FIGURES.items():
        for text in texts(draw(EXAMPLE, footer=True)):
            assert "[units]" not in text and "[money]" not in text, (kind, text)


def test_cli_passes_the_scenario_units_to_the_figures(saved, tmp_path):
    code, _, err = run_cli(["plot", "threshold", "--scenario", "chenghai", "--out", str(tmp_path / "t.png")])
    assert code == 0, err
    left, right = saved[-1].axes
    assert left.get_ylabel() == r"break-even output $\bar Q$ [toys]"
    assert right.get_xlabel() == "factory output $Q$ [toys]" and right.get_ylabel() == "investment [yuan]"
    code, _, err = run_cli(["plot", "threshold", "--example", "--out", str(tmp_path / "e.png")])
    assert code == 0, err
    left, right = saved[-1].axes
    assert left.get_ylabel() == r"break-even output $\bar Q$" and right.get_ylabel() == "investment"


def test_cli_reads_units_from_a_parameter_file(saved, tmp_path):
    f = tmp_path / "p.toml"
    f.write_text(
        '[scenario]\nmoney_unit = "EUR"\nquantity_unit = "pieces"\n'
        "[parameters]\nn = 10\nF = 1\nalpha = 100\nbeta = 1\nc = 10\nc_A = 1\n"
    )
    code, _, err = run_cli(["plot", "threshold", "--params", str(f), "--out", str(tmp_path / "t.png")])
    assert code == 0, err
    assert saved[-1].axes[1].get_ylabel() == "investment [EUR]"
    assert "EUR/piece" in saved[-1].get_supxlabel()


# ----------------------------------------------------------------------------- zero is 0
def test_zero_elasticities_print_as_zero():
    flat = EXAMPLE.replace(F=0)  # omega* = c_A / c: n, F, alpha, beta do not move it
    values = plots.omega_star_elasticities(flat)
    assert [values[k] for k in ("n", "F", "alpha", "beta")] == [0.0, 0.0, 0.0, 0.0]
    assert values["c"] == -1.0 and values["c_A"] == 1.0
    fig = plots.elasticities(flat)
    labels = [t.get_text() for t in fig.axes[0].texts]
    assert labels == ["$0$", "$0$", "$0$", "$0$", "$-1$", "$+1$"]
    for text in texts(fig):
        assert not re.search(r"e-\d|10\^\{-\d{2,}", text), text


def test_format_number():
    assert plots.format_number(0.0) == plots.format_number(-0.0) == "0"
    assert plots.format_number(5.2e-141, scale=1.0) == "0"
    assert plots.format_number(5.2e-141) == r"5.2\times10^{-141}"  # without a scale it is a number
    assert plots.format_number(2e-8, scale=1.0) == r"2\times10^{-8}"  # small is not zero
    assert plots.format_number(1.65e8, 3) == r"1.65\times10^{8}" and plots.format_number(1e-5) == "10^{-5}"
    assert plots.format_number(445.03, 3) == "445" and plots.format_number(0.5, sign=True) == "+0.5"
    # a rounded value keeps its digits, so -0.99975 does not read as exactly -1
    assert plots.format_number(-0.999748, 3, trailing=True) == "-1.00"
    assert plots.format_number(1.0, 3, trailing=True) == "1"


def test_elasticity_labels_are_the_values_to_three_digits():
    fig = plots.elasticities(EXAMPLE)
    labels = [t.get_text() for t in fig.axes[0].texts]
    # values of omega_star_elasticities at the example (docstring): -0.002242, ..., -0.999748, 0.997783
    assert labels == ["$-0.00224$", "$+0.00224$", "$-0.00252$", "$+0.000277$", "$-1.00$", "$+0.998$"]


# ----------------------------------------------------------------------------- footer
@pytest.mark.parametrize("kind", ["omega", "dominance", "threshold", "elasticities"])
def test_cli_figures_carry_the_parameter_set_unless_told_not_to(kind, saved, tmp_path):
    code, _, err = run_cli(["plot", kind, "--scenario", "chenghai", "--out", str(tmp_path / "f.png")])
    assert code == 0, err
    footer = saved[-1].get_supxlabel()
    for item in (
        "$n = 200$",
        r"$F = 6\times10^{7}$ yuan",
        r"$\alpha = 5\times10^{6}$ toys",
        "$c = 20$ yuan/toy",
    ):
        assert item in footer, (item, footer)
    assert r"$c_A = 0.6$ yuan/toy" in footer.replace("\n", " ")
    if kind == "dominance":
        assert "$W = 0.06$" in footer and r"$\omega = 0.04822971353$" in footer
    code, _, err = run_cli(["plot", kind, "--example", "--no-footer", "--out", str(tmp_path / "g.png")])
    assert code == 0, err
    assert saved[-1].get_supxlabel() == ""


def test_api_footer_is_off_by_default_and_on_by_keyword():
    assert plots.omega_star_curve(EXAMPLE).get_supxlabel() == ""
    fig = plots.omega_star_curve(EXAMPLE, footer=True)
    footer = [t for t in fig.texts if t.get_gid() == "footer"]
    assert len(footer) == 1 and footer[0].get_text().startswith("$n = 10$, $F = 1$, $\\alpha = 100$")
