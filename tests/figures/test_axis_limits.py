"""Issue 19: figure axes limited to what the model accepts, sensible default ranges, and --xlim/--ylim
(API: xlim=, ylim=) on every figure."""

from __future__ import annotations

import itertools

import matplotlib

matplotlib.use("Agg")

import pytest
from matplotlib.figure import Figure

from cluster_games import InvalidParameterError, Parameters
from cluster_games import figures as plots
from cluster_games.companies import MAX_K
from cluster_games.scenarios import load_scenario

from support import run_cli

EXAMPLE = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)  # rho = 19802.5: 4 rho = 79210
CHENGHAI, CHENGHAI_RATES, _ = load_scenario("chenghai")


@pytest.fixture
def saved(monkeypatch):
    """The Figure objects the CLI saves, captured at ``savefig``."""
    figures: list[Figure] = []
    original = Figure.savefig

    def capture(self, *args, **kwargs):
        figures.append(self)
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Figure, "savefig", capture)
    return figures


def _overlaps(fig: Figure, ax) -> list[tuple[str, str]]:
    """Pairs of visible x tick labels whose drawn boxes intersect."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    lo, hi = sorted(ax.get_xlim())
    labels = [t for t in ax.get_xticklabels() if t.get_text() and t.get_visible()]
    labels = [t for t in labels if lo <= t.get_position()[0] <= hi]
    boxes = [(t.get_text(), t.get_window_extent(renderer)) for t in labels]
    return [(a, b) for (a, ba), (b, bb) in itertools.combinations(boxes, 2) if ba.overlaps(bb)]


@pytest.mark.parametrize("draw", [plots.companies_map, plots.collusion_threshold_curves])
@pytest.mark.parametrize("params", [EXAMPLE, CHENGHAI], ids=["example", "chenghai"])
def test_k_axis_stays_within_what_solve_accepts_with_readable_ticks(draw, params):
    fig = draw(params)
    ax = fig.axes[0]
    assert ax.get_xlim()[1] <= MAX_K + 0.5 == 2000.5  # solve --k accepts 2 to 2000
    assert _overlaps(fig, ax) == []
    ticks = [float(t) for t in ax.get_xticks() if ax.get_xlim()[0] <= t <= ax.get_xlim()[1]]
    assert all(t == int(t) for t in ticks) and len(ticks) >= 3


def test_the_chenghai_dominance_map_shows_its_point_well_inside():
    fig = plots.dominance_map(CHENGHAI, CHENGHAI_RATES, resolution=60)
    ax = fig.axes[0]
    ((x, y),) = next(ln for ln in ax.get_lines() if ln.get_gid() == "rates").get_xydata()
    (x0, x1), (y0, y1) = ax.get_xlim(), ax.get_ylim()
    assert 0.2 <= (x - x0) / (x1 - x0) <= 0.8 and 0.2 <= (y - y0) / (y1 - y0) <= 0.8
    # the default: [0, 3 max(omega, W)] = [0, 0.18] (W = 0.06 > omega* = 0.0482)
    assert (x0, x1) == (y0, y1) == (0.0, pytest.approx(0.18))
    # without rates to mark, the whole plane up to where demand vanishes: 1.05 (alpha - beta c)/(beta c)
    whole = plots.dominance_map(CHENGHAI, resolution=20).axes[0].get_xlim()
    assert whole == (0.0, pytest.approx(1.05 * (5e6 - 1.6e5 * 20) / (1.6e5 * 20)))


LIMITS = {
    "omega": (lambda p, **kw: plots.omega_star_curve(p, **kw), (50.0, 500.0), (0.04, 0.07)),
    "dominance": (
        lambda p, **kw: plots.dominance_map(p, CHENGHAI_RATES, resolution=40, **kw),
        (0.02, 0.08),
        (0.03, 0.1),
    ),
    "threshold": (lambda p, **kw: plots.factory_threshold(p, **kw), (0.04, 0.06), (1e8, 3e8)),
    "investment": (lambda p, **kw: plots.investment_gap(p, **kw), (1e6, 5e6), (0.0, 2e8)),
    "companies": (lambda p, **kw: plots.companies_map(p, **kw), (3.0, 40.0), (10.0, 1e4)),
    "collusion": (lambda p, **kw: plots.collusion_threshold_curves(p, **kw), (3.0, 12.0), (-0.5, 1.0)),
}


@pytest.mark.parametrize("kind", sorted(LIMITS))
def test_xlim_and_ylim_set_the_axes(kind):
    draw, xlim, ylim = LIMITS[kind]
    ax = draw(CHENGHAI, xlim=xlim, ylim=ylim).axes[0]
    assert ax.get_xlim() == pytest.approx(xlim) and ax.get_ylim() == pytest.approx(ylim)


def test_elasticities_take_ylim_and_refuse_xlim():
    assert plots.elasticities(CHENGHAI, ylim=(-2, 2)).axes[0].get_ylim() == (-2, 2)
    with pytest.raises(InvalidParameterError, match="'xlim'"):
        plots.elasticities(CHENGHAI, xlim=(0, 1))


@pytest.mark.parametrize(
    ("call", "name"),
    [
        (lambda: plots.dominance_map(CHENGHAI, xlim=(0.2, 0.1)), "xlim"),
        (lambda: plots.dominance_map(CHENGHAI, xlim=(0, 0.1), omega_range=(0, 0.2)), "xlim"),
        (lambda: plots.omega_star_curve(CHENGHAI, xlim=(0, 100)), "xlim"),  # log axis: low > 0
        (lambda: plots.omega_star_curve(CHENGHAI, ylim=(0, float("inf"))), "ylim"),
        (lambda: plots.companies_map(CHENGHAI, xlim=(2, 2001)), "xlim"),  # more than solve --k accepts
        (lambda: plots.companies_map(CHENGHAI, xlim=(1, 10)), "xlim"),
        (lambda: plots.companies_map(CHENGHAI, xlim=(2.2, 2.9)), "xlim"),  # no two whole k
        (lambda: plots.collusion_threshold_curves(CHENGHAI, k_max=5000), "k_max"),
        (lambda: plots.investment_gap(CHENGHAI, xlim=(0, 1e6), Q_max=2e6), "xlim"),
        (lambda: plots.factory_threshold(CHENGHAI, ylim="low"), "ylim"),
    ],
)
def test_bad_ranges_are_refused_naming_the_keyword(call, name):
    with pytest.raises(InvalidParameterError, match=f"'{name}'"):
        call()


def test_the_old_range_keywords_still_work_and_agree_with_xlim():
    a = plots.dominance_map(CHENGHAI, omega_range=(0, 0.1), resolution=20).axes[0].get_xlim()
    b = plots.dominance_map(CHENGHAI, xlim=(0, 0.1), omega_range=(0, 0.1), resolution=20).axes[0].get_xlim()
    assert a == b == (0.0, 0.1)


def test_cli_xlim_ylim(saved, tmp_path):
    out = str(tmp_path / "d.png")
    code, _, err = run_cli(
        [
            "plot",
            "dominance",
            "--scenario",
            "chenghai",
            "--xlim",
            "0.02:0.08",
            "--ylim",
            "0.04:0.1",
            "--out",
            out,
        ]
    )
    assert code == 0 and err == ""
    ax = saved[-1].axes[0]
    assert ax.get_xlim() == (0.02, 0.08) and ax.get_ylim() == (0.04, 0.1)
    code, _, err = run_cli(["plot", "companies", "--example", "--xlim", "2:50", "--out", out])
    assert code == 0 and saved[-1].axes[0].get_xlim() == (2, 50)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["threshold", "--example", "--xlim", "0:1"], "two panels"),
        (["elasticities", "--example", "--xlim", "0:1"], "no range"),
        (["omega", "--example", "--xlim", "5"], "LO:HI"),
        (["omega", "--example", "--ylim", "a:b"], "LO:HI"),
        (["companies", "--example", "--xlim", "2:80000"], "from 2 to 2000"),
        (["dominance", "--example", "--xlim", "0.3:0.1"], "xlim"),
    ],
)
def test_cli_bad_limits_exit_2_with_one_line(argv, fragment, tmp_path):
    code, out, err = run_cli(["plot", *argv, "--out", str(tmp_path / "x.png")])
    assert code == 2 and out == "" and err.count("\n") == 1 and fragment in err
