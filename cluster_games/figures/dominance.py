"""The (omega, W) plane: where seeing customers strictly dominates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from ..errors import InvalidParameterError, NoEquilibriumError
from ..kernels import closed_forms as payoffs
from ..parameters import Parameters, Rates
from ._style import _LW, PALETTE, _axes, _finish, axis_range, format_number

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Region codes of :func:`dominance_regions`: code -> (label, colour). Codes 0 and 1 lie outside
#: the model's domain: :func:`dominance_map` shows them hatched (:data:`HATCHES`), not as a class.
REGIONS: dict[int, tuple[str, str]] = {
    0: (r"$W \leq \omega$: not a game (hiding rate must exceed seeing rate)", "#FFFFFF"),
    1: (r"outside the model: demand at $W$ negative, $D(W) < 0$, or $m(W) < 0$", "#F4F4F4"),
    2: (r"trade infeasible at $\omega$: $m(\omega) \leq 0$", "#C8C8C8"),
    3: ("Y not strictly dominant", "#F6D58E"),
    4: ("Y strictly dominant (exact condition only)", PALETTE["sky"]),
    5: ("Y strictly dominant and paper's condition holds", PALETTE["blue"]),
    6: ("paper's condition without dominance (must be empty)", PALETTE["vermillion"]),
}
#: Hatching of the codes outside the model's domain in :func:`dominance_map`.
HATCHES: dict[int, str] = {0: "\\\\", 1: "////"}


# ----------------------------------------------------------------------------- dominance
def dominance_regions(params: Parameters, omega: ArrayLike, W: ArrayLike) -> np.ndarray:
    r"""Classify points of the :math:`(\omega, W)` plane (numpy broadcasting); codes as in :data:`REGIONS`.

    ====  ==========================================================================
    code  meaning
    ====  ==========================================================================
    0     :math:`W \leq \omega`: not a game
    1     outside the model's domain: negative demand :math:`D(W) < 0`, or :math:`m(W) < 0`
    2     trade infeasible at :math:`\omega`: :math:`m(\omega) \leq 0`
    3     a game where Y does not strictly dominate (:math:`2 m(\omega) D(\omega) \le m(W) D(W)`)
    4     Y strictly dominant (exact condition), the paper's condition fails
    5     Y strictly dominant and :math:`(W - \omega) c < \omega c - c_A` (paper's condition)
    6     paper's condition holds without dominance: impossible (the paper's condition is sufficient)
    ====  ==========================================================================

    The domain and the dominance class are decided exactly
    (:func:`cluster_games.kernels.classify.games`), as :meth:`ClusterGame.classify` does.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    >>> dominance_regions(p, [0.05, 0.2, 0.2, 0.2, 0.2], [0.1, 0.1, 0.22, 2.0, 9.5]).tolist()
    [2, 0, 5, 3, 1]
    """
    from ..kernels.classify import games

    om, Wv = np.broadcast_arrays(np.asarray(omega, dtype=float), np.asarray(W, dtype=float))
    g = games(params.n, params.F, params.alpha, params.beta, params.c, params.c_A, om, Wv)
    paper = (Wv - om) * params.c < om * params.c - params.c_A
    dominant = g.klass == 0
    codes = np.where(dominant, np.where(paper, 5, 4), np.where(paper, 6, 3))
    codes = np.where(g.sign_a > 0, codes, 2)
    codes = np.where(np.isin(g.undefined, (3, 4)), 1, codes)
    return np.where(g.undefined == 2, 0, codes).astype(np.int8)


def _clip(poly: list[tuple[float, float]], a: float, b: float, c: float) -> list[tuple[float, float]]:
    """The part of a convex polygon where ``a x + b y + c >= 0`` (one Sutherland-Hodgman step)."""
    out: list[tuple[float, float]] = []
    for i, (x0, y0) in enumerate(poly):
        x1, y1 = poly[(i + 1) % len(poly)]
        f0, f1 = a * x0 + b * y0 + c, a * x1 + b * y1 + c
        if f0 >= 0:
            out.append((float(x0), float(y0)))
        if (f0 > 0 > f1) or (f0 < 0 < f1):  # the edge crosses the line strictly inside
            t = f0 / (f0 - f1)
            out.append((float(x0 + t * (x1 - x0)), float(y0 + t * (y1 - y0))))
    return out


def outside_domain(
    params: Parameters, omega_range: tuple[float, float], W_range: tuple[float, float]
) -> dict[int, list[list[tuple[float, float]]]]:
    r"""Exact polygons of the codes 0 and 1 of :data:`REGIONS` inside a rectangle of the plane.

    Code 0 is the half-plane :math:`W \le \omega`; code 1 is :math:`W > \omega` with
    :math:`W > \alpha/(\beta c) - 1` (then :math:`D(W) < 0`) or :math:`W < c_A/c` (then :math:`m(W) < 0`).

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    >>> outside_domain(p, (0, 10), (0, 10))[0]
    [[(0.0, 0.0), (10.0, 0.0), (10.0, 10.0)]]
    >>> outside_domain(p, (0, 10), (0, 10))[1]  # D(W) < 0 above W = 9, m(W) < 0 below W = 0.1
    [[(9.0, 9.0), (10.0, 10.0), (0.0, 10.0), (0.0, 9.0)], [(0.0, 0.0), (0.1, 0.1), (0.0, 0.1)]]
    """
    (o_lo, o_hi), (w_lo, w_hi) = omega_range, W_range
    box = [(o_lo, w_lo), (o_hi, w_lo), (o_hi, w_hi), (o_lo, w_hi)]
    omega_D = params.alpha / (params.beta * params.c) - 1
    floor = params.cost_recovery_rate
    game = _clip(box, -1.0, 1.0, 0.0)  # W >= omega
    pieces = {
        0: [_clip(box, 1.0, -1.0, 0.0)],
        1: [_clip(game, 0.0, 1.0, -omega_D), _clip(game, 0.0, -1.0, floor)],
    }
    return {k: [poly for poly in v if len(poly) >= 3] for k, v in pieces.items()}


def dominance_map(
    params: Parameters,
    rates: Rates | None = None,
    *,
    omega_range: tuple[float, float] | None = None,
    W_range: tuple[float, float] | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    resolution: int = 300,
    money_unit: str | None = None,
    quantity_unit: str | None = None,
    footer: bool = False,
    ax: Axes | None = None,
) -> Figure:
    r"""Map where seeing customers (Y) strictly dominates in the :math:`(\omega, W)` plane.

    Exact: Y strictly dominates N iff :math:`m(\omega) D(\omega) > 0` and
    :math:`2 m(\omega) D(\omega) > m(W) D(W)`. The paper's condition
    :math:`(W - \omega) c < \omega c - c_A` (below the dashed line
    :math:`W = 2\omega - c_A/c`) is sufficient: its region (dark blue) lies inside
    the exact one (dark + light blue). ``F`` and ``n`` do not matter.

    This is the paper's game's equilibrium atlas (:func:`cluster_games.model.paper_game` with
    ``market=True``) on its :math:`(\omega, W)` slice, drawn as :func:`atlas_map` draws any
    atlas, with the paper's sufficient condition over it; it classifies the plane with the
    vectorised numeric kernel, and ``tests/figures/test_atlas_map.py`` checks cell by cell that
    its classes are the atlas's regions.

    Every region has a legend entry. The parts of the plane outside the model's domain are
    hatched, not coloured as a dominance class: :math:`W \le \omega` (not a game, the hiding rate
    must exceed the seeing rate) and, above it, negative demand at :math:`W`
    (:math:`W > \alpha/(\beta c) - 1`) or a negative margin :math:`m(W) < 0` (:math:`W < c_A/c`).

    Parameters
    ----------
    params : Parameters
        The model's parameters.
    rates : Rates, optional
        If given (or resolvable: ``omega`` defaults to :math:`\omega^*`), the point
        :math:`(\omega, W)` is marked. :math:`\omega^*` is always marked when it exists.
    omega_range, W_range : (float, float), optional
        Axis ranges (``xlim`` and ``ylim`` are the same). Default: both
        :math:`[0, \min(3\max(\omega, W), 1.05\,\omega_D)]` around the marked rates (so the point is
        well inside the map), or :math:`[0, 1.05\,\omega_D]` without them, with
        :math:`\omega_D = (\alpha - \beta c)/(\beta c)` where demand vanishes.
    xlim, ylim : (float, float), optional
        The same as ``omega_range`` and ``W_range`` (the names every figure takes).
    resolution : int
        Grid points per axis (cell centres).
    money_unit, quantity_unit : str, optional
        Units for the footer (rates are fractions of :math:`c` and have none).
    footer : bool
        Write the parameter set and the marked rates along the bottom (:func:`add_footer`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.images[0]`` holds the region codes of :func:`dominance_regions`
        on the grid (``origin="lower"``); hatched patches ``gid="outside_0"``, ``"outside_1"``
        (:func:`outside_domain`); lines ``"exact_boundary"`` (contour),
        ``"paper_boundary"``, ``"omega_star"``, ``"rates"``.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = dominance_map(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1), resolution=50)
    >>> fig.axes[0].get_ylabel()
    'hiding rate $W$ (fraction of $c$)'
    >>> [t.get_text().split(":")[0] for t in fig.axes[0].get_legend().get_texts()][:3]
    ['$W \\leq \\omega$', 'outside the model', 'trade infeasible at $\\omega$']
    """
    p = params
    omega_D = (p.alpha - p.beta * p.c) / (p.beta * p.c)
    top = 1.05 * omega_D if omega_D > 0 else 1.0
    omega = W = None
    if rates is not None:
        from ..game import ClusterGame

        try:
            g = ClusterGame.at(p, rates)
            omega, W = g.omega, g.W
        except (NoEquilibriumError, InvalidParameterError):
            pass
    if omega is not None:  # zoom on the marked point: it sits at about a third of each axis
        top = min(top, 3 * max(omega, W))
    x_range = axis_range("xlim", xlim, alias=("omega_range", omega_range))
    y_range = axis_range("ylim", ylim, alias=("W_range", W_range))
    o_lo, o_hi = x_range if x_range is not None else (0.0, top)
    w_lo, w_hi = y_range if y_range is not None else (o_lo, o_hi)
    fig, ax = _axes(ax, (10.4, 5.0))
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch, Polygon

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
    hatch = dict(edgecolor="#8C8C8C", linewidth=0.0)
    for k, polys in outside_domain(p, (o_lo, o_hi), (w_lo, w_hi)).items():
        for poly in polys:
            ax.add_patch(
                Polygon(
                    poly, closed=True, facecolor=REGIONS[k][1], hatch=HATCHES[k], gid=f"outside_{k}", **hatch
                )
            )
    # Boundaries drawn on a finer, continuous field so they are smooth.
    a, b, c, cA = p.alpha, p.beta, p.c, p.c_A
    gap = 2 * payoffs.category_profit(omegas[None, :], a, b, c, cA) - payoffs.category_profit(
        Ws[:, None], a, b, c, cA
    )
    gap = np.where(codes >= 3, gap, np.nan)
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
                label=rf"$\omega^* = {format_number(star)}$",
            )
        )
    if omega is not None:
        (mark,) = ax.plot(
            [omega],
            [W],
            "o",
            color=PALETTE["vermillion"],
            mec="white",
            ms=7,
            gid="rates",
            label=rf"$(\omega, W) = ({format_number(omega)}, {format_number(W)})$",
        )
        handles.append(mark)
    ax.set_xlim(o_lo, o_hi)
    ax.set_ylim(w_lo, w_hi)
    ax.set_xlabel(r"seeing rate $\omega$ (fraction of $c$)")
    ax.set_ylabel(r"hiding rate $W$ (fraction of $c$)")
    present = sorted(set(np.unique(codes).tolist()))
    patches = [
        Patch(facecolor=REGIONS[k][1], edgecolor="#666666", hatch=HATCHES.get(k), label=REGIONS[k][0])
        for k in present
    ]
    ax.legend(
        handles=patches + handles,
        loc="upper left",
        bbox_to_anchor=(1.02, 1.0),
        fontsize="small",
        frameon=False,
    )
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    shown = Rates(omega=omega, W=W) if omega is not None else None
    return _finish(fig, p, footer, rates=shown, money_unit=money_unit, quantity_unit=quantity_unit)
