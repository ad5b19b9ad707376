"""Figures: each draws, is labelled, and plots the model's own numbers."""

from __future__ import annotations

import math
import subprocess
import sys

import matplotlib

matplotlib.use("Agg")

import numpy as np
import pytest
import sympy as sp
from matplotlib.figure import Figure

import cluster_games as cg
from cluster_games import Parameters, Rates
from cluster_games import figures as plots
from cluster_games import model as M
from cluster_games.game import ClusterGame
from cluster_games.kernels import closed_forms as P
from cluster_games.scenarios import load_scenario

EXAMPLE = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
CHENGHAI, CHENGHAI_RATES, _ = load_scenario("chenghai")
CASES = [EXAMPLE, CHENGHAI]


def line(ax, gid):
    found = [ln for ln in ax.get_lines() if ln.get_gid() == gid]
    assert len(found) == 1, f"expected one line with gid {gid!r}, got {len(found)}"
    return found[0]


def test_import_cluster_games_does_not_import_matplotlib():
    code = "import sys, cluster_games, cluster_games.scenarios; print('matplotlib' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


@pytest.mark.parametrize("params", CASES, ids=["example", "chenghai"])
def test_omega_star_curve_plots_omega_star_and_the_printed_formula(params):
    fig = plots.omega_star_curve(params)
    assert isinstance(fig, Figure)
    ax, err = fig.axes
    assert ax.get_xlabel() == err.get_xlabel() == "number of product categories $n$"
    assert r"\omega^*" in ax.get_ylabel() and "E1" in err.get_title()
    assert ax.get_legend() is not None and err.get_legend() is not None and ax.get_xscale() == "log"
    xy = line(ax, "omega_star").get_xydata()
    n, y = xy[:, 0], xy[:, 1]
    want = cg.omega_star(n, params.F, params.alpha, params.beta, params.c, params.c_A)
    np.testing.assert_allclose(y, want, rtol=1e-14)
    assert np.all(np.diff(y) < 0), "omega* must fall with n (Proposition 3)"
    assert n[0] > params.n_min() and n[0] == pytest.approx(params.n_min(), rel=1e-6)
    assert line(ax, "limit").get_ydata()[0] == params.c_A / params.c
    assert line(ax, "n_min").get_xdata()[0] == params.n_min()
    assert tuple(line(ax, "scenario").get_xydata()[0]) == (params.n, params.omega_star())
    # the erratum panel: the corrected curve again, and the printed one, on the same axes
    np.testing.assert_array_equal(line(err, "omega_star_ref").get_xydata(), xy)
    paper = line(err, "paper").get_xydata()
    assert np.isfinite(paper).all() and len(paper) >= 400
    assert np.all(np.diff(paper[:, 1]) > 0), "the printed formula rises with n (erratum E1)"
    # it starts where its square root becomes real, n_p = 8 beta F / (G^2 - 4 beta (alpha - beta c) c_A),
    # at the value G / (2 beta c): the curve is drawn from its own beginning, not cut off
    G = params.alpha - params.beta * (params.c + params.c_A)
    n_p = (
        8
        * params.beta
        * params.F
        / (G**2 - 4 * params.beta * (params.alpha - params.beta * params.c) * params.c_A)
    )
    assert paper[0, 0] == pytest.approx(n_p, rel=1e-8)
    assert paper[0, 1] == pytest.approx(G / (2 * params.beta * params.c), rel=1e-3)
    assert line(err, "n_printed").get_xdata()[0] == pytest.approx(n_p, rel=1e-12)
    assert paper[-1, 0] == pytest.approx(n[-1])
    # the lambdified printed formula is the sympy expression of model.omega_star_paper
    expr = M.omega_star_paper()
    for i in (len(paper) - 1, len(paper) // 2, 5):
        subs = dict(
            zip(
                M.PARAMETERS,
                (paper[i, 0], *(getattr(params, k) for k in ("F", "alpha", "beta", "c", "c_A"))),
                strict=True,
            )
        )
        assert paper[i, 1] == pytest.approx(float(expr.evalf(30, subs=subs)), rel=1e-12)
    # the marked printed rate at params.n, with its profit pi_YY (SPEC section 2: not 0)
    (w_n, w) = line(err, "paper_scenario").get_xydata()[0]
    assert w_n == params.n and w == pytest.approx(plots.omega_star_paper(**params.as_dict()), rel=1e-15)
    pi = P.payoff_entries(*params.as_dict().values(), w, w + 1).YY
    assert abs(pi) > params.F / 10, "the printed rate does not give zero profit"


def test_omega_star_curve_range_and_errors():
    fig = plots.omega_star_curve(EXAMPLE, n_range=(1, 1e3), num=7, paper=False)
    assert len(fig.axes) == 1
    xy = line(fig.axes[0], "omega_star").get_xydata()
    np.testing.assert_allclose(xy[:, 0], np.geomspace(1, 1e3, 7))
    with pytest.raises(cg.NoEquilibriumError, match="G = "):
        plots.omega_star_curve(EXAMPLE.replace(alpha=5))
    with pytest.raises(cg.InvalidParameterError, match="n_range"):
        plots.omega_star_curve(EXAMPLE, n_range=(10, 1))


def test_omega_star_curve_draws_on_a_given_axes():
    fig = Figure()
    ax = fig.add_subplot()
    assert plots.omega_star_curve(EXAMPLE, ax=ax) is fig
    assert line(ax, "omega_star") is not None


@pytest.mark.parametrize("params", CASES, ids=["example", "chenghai"])
def test_dominance_map_regions_are_the_exact_classification(params):
    rates = Rates(W=0.06) if params is CHENGHAI else Rates(W=0.1003)
    fig = plots.dominance_map(params, rates, resolution=60)
    ax = fig.axes[0]
    assert ax.get_xlabel() == r"seeing rate $\omega$ (fraction of $c$)"
    assert ax.get_ylabel() == "hiding rate $W$ (fraction of $c$)"
    assert ax.get_legend() is not None
    image = ax.images[0]
    codes = np.asarray(image.get_array())
    o_lo, o_hi, w_lo, w_hi = image.get_extent()
    # the cell centres as the figure computes them (same rounding: a centre may sit within an ulp of the
    # dominance boundary, as one does in the zoomed Chenghai map)
    omegas = o_lo + (o_hi - o_lo) / 60 * (np.arange(60) + 0.5)
    Ws = w_lo + (w_hi - w_lo) / 60 * (np.arange(60) + 0.5)
    np.testing.assert_array_equal(codes, plots.dominance_regions(params, omegas[None, :], Ws[:, None]))
    assert not (codes == 6).any(), "the paper's condition must lie inside the exact region"
    assert {0, 1, 2, 3, 4, 5} <= set(np.unique(codes).tolist())
    # Compare grid cells against the exact domain and classification of ClusterGame.
    rng = np.random.default_rng(0)
    for i, j in rng.integers(0, 60, size=(120, 2)):
        code, omega, W = codes[i, j], omegas[j], Ws[i]
        if W <= omega:
            assert code == 0
            continue
        try:
            game = ClusterGame(params, omega, W)
        except cg.InvalidParameterError:  # D(W) < 0 or m(W) < 0: outside the model
            assert code == 1
            continue
        if not game.trade_feasible():
            assert code == 2
            continue
        assert (code in (4, 5)) == (game.classify() == "Y strictly dominant")
        assert (code == 5) == game.paper_condition()
    # the marked point is the scenario's (omega*, W)
    assert tuple(line(ax, "rates").get_xydata()[0]) == (params.omega_star(), rates.W)
    assert line(ax, "omega_star").get_xdata()[0] == params.omega_star()
    paper = line(ax, "paper_boundary").get_xydata()
    np.testing.assert_allclose(paper[:, 1], 2 * paper[:, 0] - params.c_A / params.c)


def test_dominance_regions_codes():
    p = EXAMPLE
    # omega below cost recovery, W <= omega, paper region, exact-only region, no dominance
    got = plots.dominance_regions(p, [0.05, 0.2, 0.2, 1.5, 0.2, 0.2], [0.1, 0.1, 0.22, 3.0, 2.0, 9.5])
    assert got.tolist() == [2, 0, 5, 4, 3, 1]
    assert (
        ClusterGame(p, 1.5, 3.0).classify() == "Y strictly dominant"
        and not ClusterGame(p, 1.5, 3.0).paper_condition()
    )
    assert ClusterGame(p, 0.2, 2.0).classify() == "no dominant strategy"


@pytest.mark.parametrize("params", CASES, ids=["example", "chenghai"])
def test_factory_threshold_plots_Q_bar(params):
    fig = plots.factory_threshold(params, Q=50.0, quantity_unit="toys")
    ax = fig.axes[0]
    assert ax.get_xlabel() == r"agency rate $\omega$ (fraction of $c$)" and "[toys]" in ax.get_ylabel()
    assert ax.get_legend() is not None
    xy = line(ax, "Q_bar").get_xydata()
    np.testing.assert_allclose(xy[:, 1], params.F / (xy[:, 0] * params.c - params.c_A), rtol=1e-14)
    assert np.all(np.diff(xy[:, 1]) < 0), "Q_bar falls as omega rises (Proposition 4)"
    star = params.omega_star()
    assert line(ax, "omega_star").get_xdata()[0] == star
    half = line(ax, "half_market").get_ydata()[0]
    # Q_bar(omega*) = n D(omega*) / 2 (free entry)
    assert half == pytest.approx(P.Q_bar(star, params.F, params.c, params.c_A), rel=1e-9)
    assert half == pytest.approx(
        params.n * P.demand(star, params.alpha, params.beta, params.c) / 2, rel=1e-12
    )
    assert line(ax, "factory").get_ydata()[0] == 50.0


def test_factory_threshold_errors():
    with pytest.raises(cg.InvalidParameterError, match="'F'"):
        plots.factory_threshold(EXAMPLE.replace(F=0))
    with pytest.raises(cg.InvalidParameterError, match="omega_range"):
        plots.factory_threshold(EXAMPLE, omega_range=(0.05, 1))


@pytest.mark.parametrize("params", CASES, ids=["example", "chenghai"])
def test_investment_gap_is_cA_Q_plus_F(params):
    fig = plots.investment_gap(params, quantity_unit="toys", money_unit="yuan")
    ax = fig.axes[0]
    assert ax.get_ylabel() == "investment [yuan]" and ax.get_xlabel() == "factory output $Q$ [toys]"
    through = line(ax, "I").get_xydata()
    alone = line(ax, "I_alone").get_xydata()
    Q = through[:, 0]
    np.testing.assert_allclose(through[:, 1], params.c * Q)
    np.testing.assert_allclose(
        alone[:, 1] - through[:, 1], P.investment_gap(Q, params.F, params.c_A), rtol=1e-9
    )
    assert Q[-1] == pytest.approx(P.Q_bar(params.omega_star(), params.F, params.c, params.c_A))


def test_elasticities_match_the_symbolic_derivative_and_finite_differences():
    for params in CASES:
        values = plots.omega_star_elasticities(params)
        assert list(values) == ["n", "F", "alpha", "beta", "c", "c_A"]
        star = params.omega_star()
        for name, eps in values.items():
            x = getattr(params, name)
            h = 1e-6
            up = params.replace(**{name: x * math.exp(h)}).omega_star()
            down = params.replace(**{name: x * math.exp(-h)}).omega_star()
            fd = (math.log(up) - math.log(down)) / (2 * h)
            assert eps == pytest.approx(fd, rel=1e-5, abs=1e-9), name
        # Proposition 3 signs, and omega* depends on F and n only through F/n
        assert values["n"] < 0 < values["F"] and values["alpha"] < 0 < values["c_A"]
        assert values["n"] == pytest.approx(-values["F"], rel=1e-12)
        # symbolic value of d omega*/dn against the closed form of SPEC 1.2
        d_dn = (
            -2
            * params.F
            / (params.c * params.n**2 * math.sqrt(params.G**2 - 8 * params.beta * params.F / params.n))
        )
        assert values["n"] == pytest.approx(d_dn * params.n / star, rel=1e-12)


def test_elasticities_figure_bars_are_the_values():
    fig = plots.elasticities(CHENGHAI)
    ax = fig.axes[0]
    assert "elasticity" in ax.get_ylabel() and ax.get_xlabel() == "parameter $x$"
    assert [t.get_text() for t in ax.get_xticklabels()] == [
        "$n$",
        "$F$",
        r"$\alpha$",
        r"$\beta$",
        "$c$",
        "$c_A$",
    ]
    values = plots.omega_star_elasticities(CHENGHAI)
    heights = [patch.get_height() for patch in ax.patches]
    np.testing.assert_allclose(heights, list(values.values()), rtol=1e-15)
    with pytest.raises(cg.NoEquilibriumError):
        plots.omega_star_elasticities(EXAMPLE.replace(n=1e-4))


def test_symbolic_elasticity_expressions_are_the_model():
    from cluster_games.figures.elasticities import _elasticity_exprs

    exprs = _elasticity_exprs()
    star = M.omega_star_expr()
    assert sp.simplify(exprs["n"] - sp.diff(star, M.n) * M.n / star) == 0


def test_omega_star_paper_matches_the_erratum_example():
    # SPEC section 2: at the example the printed form gives pi_YY = 879.7, not 0.
    w = plots.omega_star_paper(10, 1, 100, 1, 10, 1)
    assert P.payoff_entries(10, 1, 100, 1, 10, 1, w, w + 1).YY == pytest.approx(879.7, abs=0.05)
    assert math.isnan(plots.omega_star_paper(1e-3, 1, 100, 1, 10, 1))


def test_plots_without_matplotlib_say_how_to_install(monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)  # import matplotlib -> ImportError
    with pytest.raises(ImportError, match=r"pip install -e '\.\[plot\]' in a clone"):
        plots.omega_star_curve(EXAMPLE)
