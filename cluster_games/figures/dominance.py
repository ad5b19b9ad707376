"""The (omega, W) plane: where seeing customers strictly dominates."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from numpy.typing import ArrayLike

from ..errors import InvalidParameterError, NoEquilibriumError
from ..kernels import closed_forms as payoffs
from ..parameters import Parameters, Rates
from ._style import _LW, PALETTE, _axes

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

#: Region codes of :func:`dominance_regions`: code -> (label, colour).
REGIONS: dict[int, tuple[str, str]] = {
    0: (r"$W \leq \omega$ (not a game)", "#FFFFFF"),
    1: (r"outside the model: $D(W) < 0$ or $m(W) < 0$", "#EEEEEE"),
    2: (r"trade infeasible at $\omega$: $m(\omega) \leq 0$", "#C8C8C8"),
    3: ("Y not strictly dominant", "#F6D58E"),
    4: ("Y strictly dominant (exact condition only)", PALETTE["sky"]),
    5: ("Y strictly dominant and paper's condition holds", PALETTE["blue"]),
    6: ("paper's condition without dominance (must be empty)", PALETTE["vermillion"]),
}


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


def dominance_map(
    params: Parameters,
    rates: Rates | None = None,
    *,
    omega_range: tuple[float, float] | None = None,
    W_range: tuple[float, float] | None = None,
    resolution: int = 300,
    ax: Axes | None = None,
) -> Figure:
    r"""Map where seeing customers (Y) strictly dominates in the :math:`(\omega, W)` plane.

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
                label=rf"$\omega^* = {star:.4g}$",
            )
        )
    omega = W = None
    if rates is not None:
        from ..game import ClusterGame

        try:
            g = ClusterGame.at(p, rates)
            omega, W = g.omega, g.W
        except (NoEquilibriumError, InvalidParameterError):
            pass
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
