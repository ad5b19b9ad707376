r"""Figures of the model (matplotlib, an optional dependency: ``pip install 'cluster-games[plot]'``).

``import cluster_games`` does not import this module, and this module imports
matplotlib only inside the functions that draw, so the rest of the package
works without it. Each drawing function takes an optional ``ax`` (a matplotlib
``Axes``) and returns the ``Figure``; without ``ax`` it makes a new
:class:`matplotlib.figure.Figure` that is not registered with pyplot (no global
state, nothing to close; Jupyter displays it, ``fig.savefig`` writes it).

The curves are the model's own numbers: :func:`cluster_games.omega_star`, the
formulas of :mod:`cluster_games.payoffs`, and sympy derivatives of
:func:`cluster_games.model.omega_star_expr`. Each line carries a ``gid`` so
tests and readers can fetch its data (``line.get_xydata()``).

============================  ================================================================
:func:`omega_star_curve`      :math:`\omega^*(n)` with :math:`n_{\min}` and the limit :math:`c_A/c`,
                              beside the paper's printed formula (erratum E1)
:func:`dominance_map`         the :math:`(\omega, W)` plane: exact dominance region of Y, the
                              paper's sufficient condition inside it, infeasible trade
:func:`factory_threshold`     :math:`\bar Q(\omega) = F/(\omega c - c_A)` (Proposition 4)
:func:`investment_gap`        :math:`I' - I = c_A Q + F` (Proposition 5)
:func:`elasticities`          :math:`\partial \ln \omega^* / \partial \ln x` for each parameter
============================  ================================================================
"""

from __future__ import annotations

import math
from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from . import free_entry, payoffs
from .errors import InvalidParameterError, NoEquilibriumError
from .parameters import PARAMETER_NAMES, Parameters, Rates

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = [
    "PALETTE",
    "REGIONS",
    "dominance_map",
    "dominance_regions",
    "elasticities",
    "factory_threshold",
    "investment_gap",
    "omega_star_curve",
    "omega_star_elasticities",
    "omega_star_paper",
]

#: Okabe-Ito colours (colour-blind safe), by role.
PALETTE = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky": "#56B4E9",
    "green": "#009E73",
    "yellow": "#F0E442",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "purple": "#CC79A7",
    "grey": "#999999",
}
_LW = 1.6
_TEX = {"n": "n", "F": "F", "alpha": r"\alpha", "beta": r"\beta", "c": "c", "c_A": "c_A"}

#: Region codes of :func:`dominance_regions`: code -> (label, colour).
REGIONS: dict[int, tuple[str, str]] = {
    0: (r"$W \leq \omega$ (not the game)", "#FFFFFF"),
    1: (r"trade infeasible: $m(\omega) \leq 0$ or $D(\omega) \leq 0$", "#D9D9D9"),
    2: ("Y not strictly dominant", "#F6D58E"),
    3: ("Y strictly dominant (exact condition only)", PALETTE["sky"]),
    4: ("Y strictly dominant and paper's condition holds", PALETTE["blue"]),
    5: ("paper's condition without dominance (must be empty)", PALETTE["vermillion"]),
}


def _mpl():
    try:
        import matplotlib
    except ImportError as exc:
        raise ImportError("cluster_games.plots needs matplotlib: pip install 'cluster-games[plot]'") from exc
    return matplotlib


def _axes(ax: Axes | None, figsize: tuple[float, float]) -> tuple[Figure, Axes]:
    _mpl()
    if ax is not None:
        return ax.figure, ax
    from matplotlib.figure import Figure

    fig = Figure(figsize=figsize, layout="constrained")
    return fig, fig.add_subplot()


def _style(ax: Axes) -> None:
    ax.grid(True, which="major", color="#E5E5E5", linewidth=0.8)
    ax.set_axisbelow(True)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)


# ----------------------------------------------------------------------------- omega*(n)
@cache
def _paper_formula():
    import sympy as sp

    from . import model as M

    return sp.lambdify(M.PARAMETERS, M.omega_star_paper(), modules="numpy")


def omega_star_paper(
    n: ArrayLike, F: ArrayLike, alpha: ArrayLike, beta: ArrayLike, c: ArrayLike, c_A: ArrayLike
) -> np.ndarray | float:
    r"""The paper's printed closed form (erratum E1), evaluated with numpy; NaN where its root is imaginary.

    .. math::

        \omega_{\text{printed}} = \frac{G + \sqrt{G^2 - 4\beta\bigl((\alpha - \beta c) c_A + 2F/n\bigr)}}{2\beta c}

    It is :func:`cluster_games.model.omega_star_paper` lambdified: it does not
    solve :math:`\pi_{YY} = 0` and it *rises* with ``n``.

    Examples
    --------
    >>> round(omega_star_paper(10, 1, 100, 1, 10, 1), 6)
    8.797471
    >>> bool(omega_star_paper(100, 1, 100, 1, 10, 1) > omega_star_paper(10, 1, 100, 1, 10, 1))
    True
    """
    with np.errstate(invalid="ignore"):
        value = _paper_formula()(*(np.asarray(v, dtype=float) for v in (n, F, alpha, beta, c, c_A)))
    value = np.asarray(value, dtype=float)
    return float(value) if value.ndim == 0 else value


def omega_star_curve(
    params: Parameters,
    *,
    n_range: tuple[float, float] | None = None,
    num: int = 400,
    paper: bool = True,
    ax: Axes | None = None,
) -> Figure:
    r"""Plot :math:`\omega^*(n)` (Propositions 2-3) and, on a second y-axis, the paper's printed formula.

    .. math::

        \omega^*(n) = \frac{K - \sqrt{G^2 - 8\beta F/n}}{2\beta c}
        \;\searrow\; \frac{c_A}{c} \quad (n \to \infty),
        \qquad n \geq n_{\min} = \frac{8\beta F}{G^2}.

    The corrected rate falls with :math:`n` towards cost recovery :math:`c_A/c`;
    the printed closed form (erratum E1) rises, the opposite of the paper's
    own claim. They live on different scales, hence the second axis.

    Parameters
    ----------
    params : Parameters
        All parameters but ``n`` are held; ``params.n`` is marked.
    n_range : (float, float), optional
        Range of ``n`` (log scale). Default: from just above :math:`n_{\min}`
        (or ``n/100`` when ``F = 0``) to ``100 max(n, 10 n_min)``.
    num : int
        Number of points.
    paper : bool
        Also draw the printed formula (on ``ax.twinx()``).
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        Lines (``gid``): ``"omega_star"``, ``"limit"``, ``"n_min"``,
        ``"scenario"`` on ``ax``; ``"paper"`` on the twin axis.

    Raises
    ------
    NoEquilibriumError
        When trade is infeasible (``G <= 0``): no ``n`` gives a break-even rate.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = omega_star_curve(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> fig.axes[0].get_xlabel()
    'number of product categories $n$'
    """
    p = params
    n_min = p.n_min()
    if math.isinf(n_min):
        raise NoEquilibriumError(
            f"no break-even agency rate at any n: trade is infeasible, G = {p.G:.6g} <= 0"
        )
    if n_range is None:
        lo = n_min * (1 + 1e-9) if n_min > 0 else p.n / 100
        hi = 100 * max(p.n, 10 * lo)
    else:
        lo, hi = (float(v) for v in n_range)
        if not (0 < lo < hi and math.isfinite(hi)):
            raise InvalidParameterError("n_range", f"must satisfy 0 < low < high, got {n_range!r}")
    fig, ax = _axes(ax, (6.4, 4.0))
    ns = np.geomspace(lo, hi, num)
    others = (p.F, p.alpha, p.beta, p.c, p.c_A)
    star = free_entry.omega_star(ns, *others, on_infeasible="nan")

    ax.plot(
        ns,
        star,
        color=PALETTE["blue"],
        lw=_LW,
        gid="omega_star",
        label=r"$\omega^*(n)$, lower root (corrected)",
    )
    ax.axhline(
        p.cost_recovery_rate,
        color=PALETTE["black"],
        lw=1.0,
        ls=":",
        gid="limit",
        label=r"$c_A/c$: limit of $\omega^*$ as $n \to \infty$",
    )
    handles = ax.get_lines()[:]
    if n_min > 0:
        handles.append(
            ax.axvline(
                n_min,
                color=PALETTE["grey"],
                lw=1.0,
                ls="--",
                gid="n_min",
                label=rf"$n_{{\min}} = 8\beta F/G^2 = {n_min:.3g}$",
            )
        )
    if lo <= p.n <= hi and p.is_feasible():
        (mark,) = ax.plot(
            [p.n],
            [p.omega_star()],
            "o",
            color=PALETTE["blue"],
            ms=6,
            gid="scenario",
            label=rf"$n = {p.n:g}$: $\omega^* = {p.omega_star():.4g}$",
        )
        handles.append(mark)
    ax.set_xscale("log")
    ax.set_xlabel(r"number of product categories $n$")
    ax.set_ylabel(r"free-entry agency rate $\omega^*$")
    _style(ax)
    if paper:
        twin = ax.twinx()
        printed = omega_star_paper(ns, *others)
        (line,) = twin.plot(
            ns,
            printed,
            color=PALETTE["vermillion"],
            lw=_LW,
            ls="--",
            gid="paper",
            label=r"paper's printed formula (erratum E1), right axis",
        )
        twin.set_ylabel(r"printed $\omega$ (erratum E1)", color=PALETTE["vermillion"])
        twin.tick_params(axis="y", colors=PALETTE["vermillion"])
        twin.spines["top"].set_visible(False)
        handles.append(line)
    ax.legend(handles=handles, loc="center right", fontsize="small", framealpha=0.9)
    return fig


# ----------------------------------------------------------------------------- dominance
def dominance_regions(params: Parameters, omega: ArrayLike, W: ArrayLike) -> np.ndarray:
    r"""Classify points of the :math:`(\omega, W)` plane (numpy broadcasting); codes as in :data:`REGIONS`.

    ====  ==========================================================================
    code  meaning
    ====  ==========================================================================
    0     :math:`W \leq \omega`: outside the game
    1     trade infeasible at :math:`\omega`: :math:`m(\omega) \leq 0` or :math:`D(\omega) \leq 0`
    2     feasible, but not :math:`2 m(\omega) D(\omega) > m(W) D(W)`: Y not strictly dominant
    3     Y strictly dominant (exact condition), the paper's condition fails
    4     Y strictly dominant and :math:`(W - \omega) c < \omega c - c_A` (paper's condition)
    5     paper's condition holds without dominance: impossible (the paper's condition is sufficient)
    ====  ==========================================================================

    Evaluated in float64 (:meth:`ClusterGame.classify` decides single points exactly).

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    >>> dominance_regions(p, [0.05, 0.2, 0.2, 0.2], [0.1, 0.1, 0.22, 2.0]).tolist()
    [1, 0, 4, 2]
    """
    om, Wv = np.broadcast_arrays(np.asarray(omega, dtype=float), np.asarray(W, dtype=float))
    a, b, c, cA = params.alpha, params.beta, params.c, params.c_A
    seeing = payoffs.category_profit(om, a, b, c, cA)
    hiding = payoffs.category_profit(Wv, a, b, c, cA)
    feasible = (payoffs.margin(om, c, cA) > 0) & (payoffs.demand(om, a, b, c) > 0)
    exact = 2 * seeing > hiding
    paper = (Wv - om) * c < om * c - cA
    codes = np.where(exact, np.where(paper, 4, 3), np.where(paper, 5, 2))
    codes = np.where(feasible, codes, 1)
    return np.where(Wv > om, codes, 0).astype(np.int8)


def dominance_map(
    params: Parameters,
    rates: Rates | None = None,
    *,
    omega_range: tuple[float, float] | None = None,
    W_range: tuple[float, float] | None = None,
    resolution: int = 300,
    ax: Axes | None = None,
) -> Figure:
    r"""Map where seeing customers (Y) strictly dominates in the :math:`(\omega, W)` plane (SPEC 1.1).

    Exact: Y strictly dominates N iff :math:`m(\omega) D(\omega) > 0` and
    :math:`2 m(\omega) D(\omega) > m(W) D(W)`. The paper's condition
    :math:`(W - \omega) c < \omega c - c_A` (below the dashed line
    :math:`W = 2\omega - c_A/c`) is sufficient: its region (dark blue) lies inside
    the exact one (dark + light blue). ``F`` and ``n`` do not matter.

    Parameters
    ----------
    params : Parameters
    rates : Rates, optional
        If given (or resolvable: ``omega`` defaults to :math:`\omega^*`), the point
        :math:`(\omega, W)` is marked. :math:`\omega^*` is always marked when it exists.
    omega_range, W_range : (float, float), optional
        Axis ranges; default both :math:`[0, 1.05\,\omega_D]` with
        :math:`\omega_D = (\alpha - \beta c)/(\beta c)` where demand vanishes.
    resolution : int
        Grid points per axis (cell centres).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.images[0]`` holds the region codes of :func:`dominance_regions`
        on the grid (``origin="lower"``); lines ``"exact_boundary"`` (contour),
        ``"paper_boundary"``, ``"omega_star"``, ``"rates"``.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = dominance_map(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1), resolution=50)
    >>> fig.axes[0].get_ylabel()
    'hiding rate $W$'
    """
    p = params
    omega_D = (p.alpha - p.beta * p.c) / (p.beta * p.c)
    top = 1.05 * omega_D if omega_D > 0 else 1.0
    o_lo, o_hi = omega_range if omega_range is not None else (0.0, top)
    w_lo, w_hi = W_range if W_range is not None else (o_lo, o_hi)
    if not (o_lo < o_hi and w_lo < w_hi):
        raise InvalidParameterError("omega_range", "ranges must be (low, high) with low < high")
    fig, ax = _axes(ax, (8.4, 4.6))
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch

    do, dw = (o_hi - o_lo) / resolution, (w_hi - w_lo) / resolution
    omegas = o_lo + do * (np.arange(resolution) + 0.5)
    Ws = w_lo + dw * (np.arange(resolution) + 0.5)
    codes = dominance_regions(p, omegas[None, :], Ws[:, None])
    cmap = ListedColormap([REGIONS[k][1] for k in sorted(REGIONS)])
    norm = BoundaryNorm(np.arange(-0.5, len(REGIONS)), cmap.N)
    ax.imshow(
        codes,
        origin="lower",
        extent=(o_lo, o_hi, w_lo, w_hi),
        aspect="auto",
        interpolation="nearest",
        cmap=cmap,
        norm=norm,
        gid="regions",
    )
    # Boundaries drawn on a finer, continuous field so they are smooth.
    a, b, c, cA = p.alpha, p.beta, p.c, p.c_A
    gap = 2 * payoffs.category_profit(omegas[None, :], a, b, c, cA) - payoffs.category_profit(
        Ws[:, None], a, b, c, cA
    )
    gap = np.where((Ws[:, None] > omegas[None, :]) & (codes != 1), gap, np.nan)
    handles: list[Any] = []
    if np.nanmin(gap, initial=np.inf) < 0 < np.nanmax(gap, initial=-np.inf):
        cs = ax.contour(omegas, Ws, gap, levels=[0.0], colors=PALETTE["black"], linewidths=_LW)
        cs.set_gid("exact_boundary")
        handles.append(
            Line2D([], [], color=PALETTE["black"], lw=_LW, label=r"$2m(\omega)D(\omega) = m(W)D(W)$")
        )
    xs = np.array([o_lo, o_hi])
    ax.plot(
        xs,
        2 * xs - p.cost_recovery_rate,
        color=PALETTE["black"],
        lw=_LW,
        ls="--",
        gid="paper_boundary",
        label=r"paper: $(W - \omega)c = \omega c - c_A$",
    )
    handles.append(ax.get_lines()[-1])
    if p.is_feasible():
        star = p.omega_star()
        handles.append(
            ax.axvline(
                star,
                color=PALETTE["vermillion"],
                lw=1.2,
                ls=":",
                gid="omega_star",
                label=rf"$\omega^* = {star:.4g}$",
            )
        )
    try:
        omega, W = (rates or Rates()).resolve(p) if rates is not None else (None, None)
    except (NoEquilibriumError, InvalidParameterError):
        omega, W = None, None
    if omega is not None:
        (mark,) = ax.plot(
            [omega],
            [W],
            "o",
            color=PALETTE["vermillion"],
            mec="white",
            ms=7,
            gid="rates",
            label=rf"$(\omega, W) = ({omega:.4g}, {W:.4g})$",
        )
        handles.append(mark)
    ax.set_xlim(o_lo, o_hi)
    ax.set_ylim(w_lo, w_hi)
    ax.set_xlabel(r"seeing rate $\omega$")
    ax.set_ylabel(r"hiding rate $W$")
    present = sorted(set(np.unique(codes).tolist()) - {0})
    patches = [Patch(facecolor=REGIONS[k][1], edgecolor="#666666", label=REGIONS[k][0]) for k in present]
    ax.legend(
        handles=patches + handles,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize="small",
        frameon=False,
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


# ----------------------------------------------------------------------------- factories
def factory_threshold(
    params: Parameters,
    *,
    omega_range: tuple[float, float] | None = None,
    Q: float | None = None,
    num: int = 400,
    quantity_unit: str = "units",
    ax: Axes | None = None,
) -> Figure:
    r"""Plot the self-marketing break-even output :math:`\bar Q(\omega) = F/(\omega c - c_A)` (Proposition 4).

    A factory selling :math:`Q < \bar Q(\omega)` loses money marketing itself
    (:math:`\pi' = Q(\omega c - c_A) - F < 0`) and needs the customer system.
    :math:`\bar Q` falls as :math:`\omega` rises, so the lower the agency rate
    the more necessary the system. At :math:`\omega^*`,
    :math:`\bar Q(\omega^*) = \tfrac12 n D(\omega^*)`: a factory would have to
    sell alone what half of the whole cluster sells.

    Parameters
    ----------
    params : Parameters
        Must have ``F > 0`` (else :math:`\bar Q = 0`) and a free-entry rate.
    omega_range : (float, float), optional
        Default: from :math:`c_A/c + (\omega^* - c_A/c)/20` to the rate where demand vanishes.
    Q : float, optional
        A factory's output to mark (e.g. a typical factory of a scenario).
    num : int
    quantity_unit : str
        Unit of output for the axis label (e.g. ``"toys"``).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        Lines (``gid``): ``"Q_bar"``, ``"omega_star"``, ``"half_market"``, ``"factory"``.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = factory_threshold(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> fig.axes[0].get_xlabel()
    'agency rate $\\omega$'
    """
    p = params
    if not p.F > 0:
        raise InvalidParameterError("F", "must be > 0 for a break-even output (with F = 0, Q_bar = 0)")
    star = p.omega_star()
    floor = p.cost_recovery_rate
    omega_D = (p.alpha - p.beta * p.c) / (p.beta * p.c)
    lo, hi = omega_range if omega_range is not None else (floor + (star - floor) / 20, omega_D)
    if not (floor < lo < hi):
        raise InvalidParameterError(
            "omega_range", f"must satisfy c_A/c = {floor:.6g} < low < high, got {(lo, hi)!r}"
        )
    fig, ax = _axes(ax, (5.6, 4.0))
    omegas = np.linspace(lo, hi, num)
    qbar = payoffs.Q_bar(omegas, p.F, p.c, p.c_A)
    ax.plot(
        omegas,
        qbar,
        color=PALETTE["blue"],
        lw=_LW,
        gid="Q_bar",
        label=r"$\bar Q(\omega) = F/(\omega c - c_A)$",
    )
    ax.fill_between(
        omegas,
        qbar,
        qbar.min() * 1e-3,
        color=PALETTE["sky"],
        alpha=0.25,
        lw=0,
        label=r"self-marketing loses money ($\pi' < 0$)",
    )
    half = p.n * payoffs.demand(star, p.alpha, p.beta, p.c) / 2
    ax.axvline(
        star, color=PALETTE["vermillion"], lw=1.2, ls=":", gid="omega_star", label=rf"$\omega^* = {star:.4g}$"
    )
    ax.axhline(
        half,
        color=PALETTE["black"],
        lw=1.0,
        ls="--",
        gid="half_market",
        label=rf"$\bar Q(\omega^*) = \frac{{1}}{{2}} n D(\omega^*) = {half:.3g}$",
    )
    ax.plot([star], [half], "o", color=PALETTE["vermillion"], ms=6)
    if Q is not None:
        ax.axhline(
            Q, color=PALETTE["green"], lw=_LW, gid="factory", label=rf"a factory's output $Q = {Q:.3g}$"
        )
    ax.set_yscale("log")
    ax.set_ylim(bottom=min(qbar.min(), Q or np.inf) / 3)
    ax.set_xlabel(r"agency rate $\omega$")
    ax.set_ylabel(rf"break-even output $\bar Q$ [{quantity_unit}]")
    _style(ax)
    ax.legend(loc="upper right", fontsize="small", framealpha=0.9)
    return fig


def investment_gap(
    params: Parameters,
    *,
    Q_max: float | None = None,
    num: int = 200,
    quantity_unit: str = "units",
    money_unit: str = "money",
    ax: Axes | None = None,
) -> Figure:
    r"""Plot the capital a factory needs with and without the customer system (Proposition 5).

    .. math::

        I = c Q, \qquad I' = (c + c_A) Q + F, \qquad I' - I = c_A Q + F > 0.

    Parameters
    ----------
    params : Parameters
    Q_max : float, optional
        Largest output shown; default :math:`\bar Q(\omega^*)` if it exists, else ``10 F / c``.
    num : int
    quantity_unit, money_unit : str
        Units for the axis labels.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        Lines (``gid``): ``"I"`` (through the system), ``"I_alone"``.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = investment_gap(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> fig.axes[0].get_ylabel()
    'investment [money]'
    """
    p = params
    if Q_max is None:
        star = p.omega_star(on_infeasible="nan")
        Q_max = (
            float(payoffs.Q_bar(star, p.F, p.c, p.c_A))
            if math.isfinite(star) and p.F > 0
            else 10 * max(p.F, 1.0) / p.c
        )
    if not (math.isfinite(Q_max) and Q_max > 0):
        raise InvalidParameterError("Q_max", f"must be finite and > 0, got {Q_max!r}")
    fig, ax = _axes(ax, (5.6, 4.0))
    Qs = np.linspace(0.0, Q_max, num)
    through = p.c * Qs
    alone = (p.c + p.c_A) * Qs + p.F
    ax.plot(Qs, through, color=PALETTE["blue"], lw=_LW, gid="I", label=r"through the system: $I = cQ$")
    ax.plot(
        Qs,
        alone,
        color=PALETTE["vermillion"],
        lw=_LW,
        ls="--",
        gid="I_alone",
        label=r"marketing alone: $I' = (c + c_A)Q + F$",
    )
    ax.fill_between(
        Qs,
        through,
        alone,
        color=PALETTE["orange"],
        alpha=0.25,
        lw=0,
        label=r"entry barrier removed: $I' - I = c_A Q + F$",
    )
    ax.set_xlabel(rf"factory output $Q$ [{quantity_unit}]")
    ax.set_ylabel(rf"investment [{money_unit}]")
    _style(ax)
    ax.legend(loc="upper left", fontsize="small", framealpha=0.9)
    return fig


# ----------------------------------------------------------------------------- elasticities
@cache
def _elasticity_exprs() -> dict[str, Any]:
    import sympy as sp

    from . import model as M

    star = M.omega_star_expr()
    return {
        name: sp.diff(star, sym) * sym / star for name, sym in zip(PARAMETER_NAMES, M.PARAMETERS, strict=True)
    }


def omega_star_elasticities(params: Parameters, *, digits: int = 30) -> dict[str, float]:
    r"""Elasticities :math:`\varepsilon_x = \partial \ln \omega^* / \partial \ln x = (x/\omega^*)\, \partial\omega^*/\partial x`.

    Computed from the sympy derivative of :func:`cluster_games.model.omega_star_expr`,
    evaluated at the exact (rational) parameter values with ``digits``
    significant digits, so the cancellation of the root form costs nothing.
    Signs on the feasible region (Proposition 3): :math:`\varepsilon_n < 0`,
    :math:`\varepsilon_F > 0`, :math:`\varepsilon_\alpha < 0`, :math:`\varepsilon_{c_A} > 0`.

    Raises
    ------
    NoEquilibriumError
        When ``params`` admit no free-entry rate.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> e = omega_star_elasticities(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> {k: round(v, 6) for k, v in e.items()}
    {'n': -0.002242, 'F': 0.002242, 'alpha': -0.002519, 'beta': 0.000277, 'c': -0.999748, 'c_A': 0.997783}
    """
    import sympy as sp

    from . import model as M

    params.omega_star()  # raises NoEquilibriumError where none exists
    subs = {
        sym: sp.Rational(getattr(params, name))
        for name, sym in zip(PARAMETER_NAMES, M.PARAMETERS, strict=True)
    }
    return {name: float(expr.evalf(digits, subs=subs)) for name, expr in _elasticity_exprs().items()}


def elasticities(params: Parameters, *, ax: Axes | None = None) -> Figure:
    r"""Bar chart of the elasticities of :math:`\omega^*` with respect to each parameter.

    Bar heights are :func:`omega_star_elasticities`: a 1% rise in :math:`x`
    moves :math:`\omega^*` by about :math:`\varepsilon_x` percent. Blue bars:
    the parameter raises the rate; vermillion bars: it lowers it.

    Parameters
    ----------
    params : Parameters
        Must admit a free-entry rate.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.patches`` are the bars in the order ``n, F, alpha, beta, c, c_A``.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = elasticities(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> [t.get_text() for t in fig.axes[0].get_xticklabels()][:3]
    ['$n$', '$F$', '$\\alpha$']
    """
    values = omega_star_elasticities(params)
    fig, ax = _axes(ax, (5.6, 3.6))
    names = list(values)
    heights = np.array([values[k] for k in names])
    colours = [PALETTE["blue"] if h > 0 else PALETTE["vermillion"] for h in heights]
    bars = ax.bar(
        range(len(names)),
        heights,
        color=colours,
        edgecolor=PALETTE["black"],
        linewidth=0.6,
        gid="elasticities",
    )
    ax.bar_label(bars, labels=[f"{h:+.3g}" for h in heights], padding=2, fontsize="small")
    ax.axhline(0.0, color=PALETTE["black"], lw=0.8)
    ax.set_xticks(range(len(names)), [f"${_TEX[k]}$" for k in names])
    ax.set_xlabel(r"parameter $x$")
    ax.set_ylabel(r"elasticity $\partial \ln \omega^* / \partial \ln x$")
    lo, hi = min(heights.min(), 0.0), max(heights.max(), 0.0)
    pad = 0.15 * (hi - lo or 1.0)
    ax.set_ylim(lo - pad, hi + pad)
    _style(ax)
    ax.grid(False, axis="x")
    return fig
