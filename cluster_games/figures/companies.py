r"""Beyond the paper: figures of the game with k trading companies and of collusion (SPEC section 4).

With :math:`\rho = n G^2 / (4\beta F)` (the number of companies free entry can support),
at the free-entry rate :math:`\omega^*(k)` and the monopoly hiding rate :math:`W_m`:

* free entry admits k companies iff :math:`k \le \rho`, i.e. :math:`n \ge k\, n_1` with
  :math:`n_1 = 4\beta F / G^2` (:math:`= n_{\min}/2`);
* seeing customers strictly dominates iff :math:`k^2 > \rho`, i.e. :math:`n < k^2 n_1`;
  otherwise the stage game is a coordination game (all-Y and all-N are both equilibria);
* collusion on hiding, punished by all-Y forever, is sustainable iff the discount factor is at
  least :math:`\delta_c = 1 - (\rho - k)/(k(k - 1))`.

The regions and curves are computed by the vectorised game kernel
(:func:`cluster_games.kernels.classify.games`, exact where a tie must be decided); the region
boundaries are drawn from the closed forms above, so a reader sees both agree.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import TYPE_CHECKING

import numpy as np

from ..companies import MAX_K
from ..domain import SUPPORTED_RANGE
from ..errors import InvalidParameterError
from ..kernels import classify as K
from ..parameters import Parameters
from ._style import _LW, PALETTE, _axes, _finish, _style, axis_range, format_number

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["COMPANY_REGIONS", "company_regions", "companies_map", "collusion_threshold_curves", "K_PLOT_MAX"]

#: Largest number of companies a figure draws (whatever rho is): what ``solve --k`` accepts.
K_PLOT_MAX = MAX_K

#: Region code -> (label, colour) of :func:`companies_map`.
COMPANY_REGIONS: dict[int, tuple[str, str]] = {
    0: (r"infeasible: free entry supports fewer than $k$ companies ($k > \rho$)", PALETTE["grey"]),
    1: (r"seeing customers dominant ($k^2 > \rho$)", PALETTE["green"]),
    2: (r"coordination game: all-Y and all-N are equilibria ($k^2 < \rho$)", PALETTE["orange"]),
}


def _unit_scale(params: Parameters) -> float:
    r""":math:`n_1 = 4\beta F / G^2`: :math:`\rho = n / n_1`; refuses :math:`G \le 0` and :math:`F = 0`."""
    G = params.alpha - params.beta * (params.c + params.c_A)
    if not G > 0:
        raise InvalidParameterError(
            "alpha", "trade is infeasible (G = alpha - beta (c + c_A) <= 0): no omega*"
        )
    if params.F == 0:
        raise InvalidParameterError(
            "F", "must be positive here: at F = 0, rho is infinite and M(omega*(k)) = 0 for every k"
        )
    return 4 * params.beta * params.F / G**2


def _integer_ticks(ax: Axes, k_max: float, k_min: float = 2) -> None:
    """Whole-number ticks 2, 3, 5, 10, 20, 50, ... on a log k axis (no 3x10^0 labels); over more than
    two decades 1, 2, 5 per decade only, so the labels never crowd."""
    from matplotlib.ticker import FixedLocator, NullFormatter, StrMethodFormatter

    steps = (1, 2, 5) if k_max / k_min > 100 else (1, 2, 3, 5)
    ticks = [t * 10**e for e in range(0, 8) for t in steps if k_min <= t * 10**e <= k_max]
    ax.xaxis.set_major_locator(FixedLocator(ticks))
    ax.xaxis.set_major_formatter(StrMethodFormatter("{x:.0f}"))
    ax.xaxis.set_minor_formatter(NullFormatter())


def _k_grid(k_lo: float, k_hi: float) -> np.ndarray:
    """Every whole k from ``k_lo`` (400 of them at most), then whole numbers on a log grid to ``k_hi``."""
    first, last = math.ceil(k_lo), math.floor(k_hi)
    return np.unique(
        np.concatenate([np.arange(first, min(last, first + 398) + 1), np.geomspace(first, last, 400).round()])
    ).astype(int)


def _k_range(xlim, k_max, default_max: int) -> tuple[int, int]:
    """The whole-number k range of a figure: ``xlim`` (or ``(2, k_max)``), inside ``[2, K_PLOT_MAX]``."""
    x_range = axis_range("xlim", xlim, positive=True)
    if x_range is not None and k_max is not None and k_max != x_range[1]:
        raise InvalidParameterError("xlim", f"and k_max give different ranges: {xlim!r}, {k_max!r}")
    lo, hi = x_range if x_range is not None else (2, k_max if k_max is not None else default_max)
    name = "xlim" if x_range is not None else "k_max"
    if not (2 <= lo and hi <= K_PLOT_MAX and math.floor(hi) - math.ceil(lo) >= 1):
        raise InvalidParameterError(
            name,
            f"the numbers of companies must lie from 2 to {K_PLOT_MAX} (two at least), got {lo:g} to {hi:g}",
        )
    return math.ceil(lo), math.floor(hi)


def company_regions(params: Parameters, ks: Iterable[int], ns: Iterable[float]) -> np.ndarray:
    r"""Region codes of :data:`COMPANY_REGIONS` on the grid ``ns`` x ``ks`` (rows n, columns k).

    Each point is the k-company game at :math:`(\omega^*(k), W_m)` from the vectorised kernel:
    no free-entry rate (or :math:`W_m = \omega^*(k)`, at :math:`k = \rho`) is region 0, Y strictly
    or weakly dominant region 1, no dominant strategy region 2.

    Examples
    --------
    >>> p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)  # rho = n G^2/(4 beta F) = 19802.5
    >>> company_regions(p, [2, 140, 141, 20000], [10]).tolist()
    [[2, 2, 1, 0]]
    """
    _unit_scale(params)
    k = np.asarray(list(ks), dtype=float)[None, :]
    n = np.asarray(list(ns), dtype=float)[:, None]
    g = K.games(n, params.F, params.alpha, params.beta, params.c, params.c_A, k=k)
    codes = np.where(g.klass <= 1, 1, 2)  # Y strictly / weakly dominant (the weak case is k^2 = rho)
    codes = np.where(g.klass == K.CLASS_CODES["no dominant strategy"], 2, codes)
    return np.where(g.undefined != 0, 0, codes).astype(np.int8)


def companies_map(
    params: Parameters,
    *,
    k_max: int | None = None,
    n_range: tuple[float, float] | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 240,
    mark: Iterable[int] = (),
    footer: bool = False,
    money_unit: str | None = None,
    quantity_unit: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    r"""The :math:`(k, n)` plane at :math:`(\omega^*(k), W_m)`: infeasible, Y dominant, coordination game.

    .. math:: \text{feasible} \iff n \ge k\, n_1, \qquad
              \text{Y dominant} \iff n < k^2 n_1, \qquad n_1 = \frac{4\beta F}{G^2}.

    Parameters
    ----------
    params : Parameters
        F, alpha, beta, c, c_A are held; ``params.n`` is marked with the numbers of companies in ``mark``.
    k_max : int, optional
        Largest number of companies (log axis from 2). Default: ``max(100, 4 rho)`` at ``params.n``, at
        most :data:`K_PLOT_MAX` (``solve --k`` accepts no more).
    n_range : (float, float), optional
        Range of n (log axis). Default: two decades around the region boundaries at ``params.n``.
    xlim, ylim : (float, float), optional
        The k range (whole numbers from 2 to :data:`K_PLOT_MAX`) and ``n_range`` (the names every
        figure takes).
    num : int
        Grid points along n (k takes every whole value up to 400, then a log grid).
    mark : iterable of int
        Numbers of companies to mark at ``n = params.n`` (a scenario's assumptions).
    footer : bool
        Write the parameter set along the bottom of the figure (units in it when given).
    money_unit, quantity_unit : str, optional
        Units for the footer (a scenario's ``"yuan"``, ``"toys"``).
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        The mesh has ``gid="regions"`` (codes of :data:`COMPANY_REGIONS`, from the kernel); the boundary
        lines ``gid="feasible_edge"`` (:math:`n = k n_1`) and ``"dominance_edge"`` (:math:`n = k^2 n_1`);
        the marks ``gid="mark"``.

    Examples
    --------
    >>> fig = companies_map(Parameters(200, 6e7, 5e6, 1.6e5, 20, 0.6), mark=[2, 4, 15])
    >>> sorted(line.get_gid() for line in fig.axes[0].lines)
    ['dominance_edge', 'feasible_edge', 'mark']
    """
    n1 = _unit_scale(params)
    rho = params.n / n1
    k_lo, k_max = _k_range(xlim, k_max, min(max(100, math.ceil(min(4 * rho, K_PLOT_MAX))), K_PLOT_MAX))
    ks = _k_grid(k_lo, k_max)
    n_range = axis_range("ylim", ylim, positive=True, alias=("n_range", n_range))
    if n_range is None:
        lo_n, hi_n = SUPPORTED_RANGE  # the grid stays inside the validated domain
        n_range = (
            max(min(params.n, 2 * n1) / 10, lo_n),
            min(max(params.n, float(k_max) ** 2 * n1) * 10, hi_n),
        )
    lo, hi = n_range
    if not (0 < lo < hi and math.isfinite(hi)):
        raise InvalidParameterError("n_range", f"must satisfy 0 < lo < hi < inf, got {n_range}")
    ns = np.geomspace(lo, hi, num)
    codes = company_regions(params, ks, ns)

    fig, ax = _axes(ax, (7.2, 4.8))
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    cmap = ListedColormap([COMPANY_REGIONS[i][1] for i in range(3)])
    edges_k = np.concatenate([[ks[0] - 0.5], (ks[1:] + ks[:-1]) / 2, [ks[-1] + 0.5]])
    edges_n = np.geomspace(lo, hi, num + 1)
    mesh = ax.pcolormesh(edges_k, edges_n, codes, cmap=cmap, norm=BoundaryNorm([-0.5, 0.5, 1.5, 2.5], 3))
    mesh.set_gid("regions")
    mesh.set_alpha(0.55)
    kk = np.geomspace(k_lo, k_max, 200)
    ax.plot(kk, kk * n1, color=PALETTE["black"], lw=_LW, gid="feasible_edge", label=r"$k = \rho$")
    ax.plot(
        kk, kk**2 * n1, color=PALETTE["blue"], lw=_LW, ls="--", gid="dominance_edge", label=r"$k^2 = \rho$"
    )
    marks = sorted(set(int(k) for k in mark))
    if marks:
        ax.plot(marks, [params.n] * len(marks), "o", color=PALETTE["black"], ms=6, gid="mark")
        for k in marks:
            ax.annotate(f"k = {k}", (k, params.n), textcoords="offset points", xytext=(4, 6), fontsize=8)
    ax.set_xscale("log")
    ax.set_yscale("log")
    ax.set_xlim(*(axis_range("xlim", xlim) or (edges_k[0], edges_k[-1])))
    _integer_ticks(ax, k_max, k_lo)
    ax.set_ylim(lo, hi)
    ax.set_xlabel("number of trading companies $k$")
    ax.set_ylabel("product categories $n$")
    ax.set_title(r"$k$ companies at $(\omega^*(k), W_m)$ (beyond the paper)", fontsize=10)
    handles = [Patch(color=COMPANY_REGIONS[i][1], alpha=0.55, label=COMPANY_REGIONS[i][0]) for i in range(3)]
    handles += ax.get_legend_handles_labels()[0]
    ax.legend(handles=handles, fontsize=7.5, loc="upper left", framealpha=0.9)
    _style(ax)
    return _finish(fig, params, footer, money_unit=money_unit, quantity_unit=quantity_unit)


def collusion_threshold_curves(
    params: Parameters,
    *,
    n_values: Iterable[float] | None = None,
    k_max: int | None = None,
    delta: float | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    mark: Iterable[int] = (),
    footer: bool = False,
    money_unit: str | None = None,
    quantity_unit: str | None = None,
    ax: Axes | None = None,
) -> Figure:
    r"""The collusion threshold :math:`\delta_c` at :math:`(\omega^*(k), W_m)` against k, for several n.

    .. math:: \delta_c = 1 - \frac{\rho - k}{k (k - 1)}, \qquad 2 \le k < \rho = \frac{n G^2}{4 \beta F}.

    Collusion on hiding (all N at :math:`W_m`, punished by all-Y forever) is sustainable iff the
    discount factor is at least :math:`\delta_c`; :math:`\delta_c \le 0`: all-N is already a stage
    equilibrium. Each curve stops below :math:`k = \rho`, where :math:`\delta_c \to 1`.

    Parameters
    ----------
    params : Parameters
    n_values : iterable of float, optional
        Values of n, one curve each. Default ``params.n`` times 1/2, 1, 2, 4 (those up to 1e50).
    k_max : int, optional
        Largest k drawn (default: the largest whole k below the largest rho, at most :data:`K_PLOT_MAX`).
    delta : float, optional
        A discount factor to draw as a horizontal line (an assumption of the reader's).
    xlim, ylim : (float, float), optional
        The k range (whole numbers from 2 to :data:`K_PLOT_MAX`) and the range of :math:`\delta_c`
        (default -1.05 to 1.05).
    mark : iterable of int
        Numbers of companies to mark on the curve of ``params.n``.
    footer : bool
        Write the parameter set along the bottom of the figure (units in it when given).
    money_unit, quantity_unit : str, optional
        Units for the footer.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        One line per n (``gid="delta_c n=<n>"``, the kernel's values at whole k), and ``gid="mark"``.
        Values below -1 leave the panel (stated in the legend).

    Examples
    --------
    >>> fig = collusion_threshold_curves(Parameters(200, 6e7, 5e6, 1.6e5, 20, 0.6), delta=0.9)
    >>> [line.get_gid() for line in fig.axes[0].lines][:2]
    ['delta_c n=100', 'delta_c n=200']
    """
    n1 = _unit_scale(params)
    if n_values is None:  # n/2, n, 2n, 4n, those inside the validated domain
        n_values = [params.n * f for f in (0.5, 1, 2, 4) if params.n * f <= SUPPORTED_RANGE[1]]
    n_values = sorted(float(v) for v in n_values)
    rhos = [n / n1 for n in n_values]
    top = max(rhos)
    if top <= 2:
        raise InvalidParameterError("n", f"rho = n G^2/(4 beta F) <= 2 for every n given (at most {top:.3g})")
    k_lo, k_max = _k_range(xlim, k_max, max(3, min(math.ceil(min(top, K_PLOT_MAX + 1)) - 1, K_PLOT_MAX)))
    y_range = axis_range("ylim", ylim)
    fig, ax = _axes(ax, (7.2, 4.4))
    colours = [PALETTE[c] for c in ("sky", "blue", "vermillion", "purple", "green", "orange", "black")]
    for i, (n, rho) in enumerate(zip(n_values, rhos, strict=True)):
        last = min(k_max, math.ceil(min(rho, K_PLOT_MAX + 1)) - 1)
        if last < k_lo:
            continue
        # every whole k (400 at most), then whole numbers on a log grid: at most ~800 points per curve
        ks = _k_grid(k_lo, last) if last > k_lo else np.array([k_lo])
        g = K.games(n, params.F, params.alpha, params.beta, params.c, params.c_A, k=ks)
        ax.plot(
            ks,
            g.collusion_threshold,
            color=colours[i % len(colours)],
            lw=_LW,
            gid=f"delta_c n={n:g}",
            label=rf"$n = {format_number(n)}$ ($\rho = {format_number(rho, 3)}$)",
        )
        if n == params.n and mark:
            marks = [k for k in sorted(set(int(k) for k in mark)) if k_lo <= k < rho and k <= k_max]
            if marks:
                at = K.games(
                    n, params.F, params.alpha, params.beta, params.c, params.c_A, k=np.array(marks, float)
                )
                ax.plot(marks, at.collusion_threshold, "o", color=PALETTE["black"], ms=6, gid="mark")
    ax.axhspan(
        -1.05, 0, color=PALETTE["grey"], alpha=0.15, label=r"$\delta_c \leq 0$: all-N is a stage equilibrium"
    )
    ax.axhline(1, color=PALETTE["black"], lw=0.8)
    if delta is not None:
        ax.axhline(
            delta,
            color=PALETTE["black"],
            lw=1.0,
            ls=":",
            label=rf"$\delta = {format_number(delta)}$ (assumed)",
        )
    ax.set_xscale("log")
    ax.set_xlim(k_lo, k_max)
    _integer_ticks(ax, k_max, k_lo)
    ax.set_ylim(*(y_range or (-1.05, 1.05)))
    ax.set_xlabel("number of trading companies $k$")
    ax.set_ylabel(r"collusion threshold $\delta_c$")
    ax.set_title(
        r"Collusion on hiding at $W_m$ is sustainable iff $\delta \geq \delta_c$ (beyond the paper; "
        r"values below $-1$ leave the panel)",
        fontsize=9,
    )
    ax.legend(fontsize=7.5, loc="lower right", framealpha=0.9)
    _style(ax)
    return _finish(fig, params, footer, money_unit=money_unit, quantity_unit=quantity_unit)
