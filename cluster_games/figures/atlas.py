"""The region map of an equilibrium atlas: a two-parameter slice, each region coloured by its structure."""

from __future__ import annotations

import itertools
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

import numpy as np

from ._style import axis_range

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

    from ..parametric import Atlas

#: Colours of the structures, in order of first appearance (colour-blind safe, then lighter tints).
STRUCTURE_COLOURS = (
    "#56B4E9", "#F6D58E", "#009E73", "#CC79A7", "#E69F00", "#0072B2", "#D55E00", "#999933",
    "#88CCEE", "#DDCC77", "#117733", "#AA4499", "#44AA99", "#882255", "#332288", "#661100",
)  # fmt: skip
#: Hatching of the parts of the slice outside the domain.
OUTSIDE_HATCH = "////"


def atlas_map(
    atlas: Atlas,
    x: str,
    y: str,
    fixed: Mapping[str, Any] | None = None,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    resolution: int = 300,
    boundaries: bool = True,
    ax: Axes | None = None,
) -> Figure:
    r"""Draw a two-parameter slice of an atlas: every region coloured and labelled by its structure.

    Each grid cell takes the region of its centre, decided exactly
    (:func:`cluster_games.parametric.slice.classify_slice`); regions with the same
    equilibrium structure share a colour and a legend entry. Regions of lower dimension
    (boundaries, where the game is degenerate) are drawn as lines: the zero sets of the
    critical polynomials that bound a region, labelled in the legend. The part of the slice
    outside the domain is hatched.

    Parameters
    ----------
    atlas : Atlas
        From :meth:`ParametricGame.atlas`.
    x, y : str
        The parameters on the horizontal and vertical axes.
    fixed : mapping, optional
        A value for every other parameter (exact: ints, ``"p/q"``, decimals).
    xlim, ylim : (float, float), optional
        Axis ranges. Default: a box around the regions' witnesses in the slice, or ``(0, 2)``.
    resolution : int
        Grid cells per axis.
    boundaries : bool
        Draw the boundaries between regions.
    ax : matplotlib.axes.Axes, optional

    Returns
    -------
    matplotlib.figure.Figure
        ``ax.images[0]`` (gid ``"regions"``) holds the region ids on the grid
        (``origin="lower"``; 0 outside the domain, -1 undecided); boundary lines have gid
        ``"boundary"`` and the hatched outside gid ``"outside"``.

    Examples
    --------
    >>> from cluster_games.parametric.examples import hawk_dove
    >>> fig = atlas_map(hawk_dove().atlas(), "V", "C", xlim=(0, 4), ylim=(0, 4), resolution=40)
    >>> sorted(set(fig.axes[0].images[0].get_array().ravel().tolist()))  # the diagonal's cells are V == C
    [1, 2, 3]
    """
    from matplotlib.colors import BoundaryNorm, ListedColormap
    from matplotlib.patches import Patch

    from ..parametric.slice import OUTSIDE, UNDECIDED, SlicePlane, classify_slice
    from ._style import _axes

    fixed = dict(fixed or {})
    SlicePlane(atlas, x, y, fixed)  # names and fixed values checked before any work
    if not 10 <= resolution <= 2000:
        raise ValueError(f"resolution must be from 10 to 2000, got {resolution}")
    x_range = axis_range("xlim", xlim) or _default_range(atlas, x)
    y_range = axis_range("ylim", ylim) or _default_range(atlas, y)
    xs = x_range[0] + (x_range[1] - x_range[0]) * (np.arange(resolution) + 0.5) / resolution
    ys = y_range[0] + (y_range[1] - y_range[0]) * (np.arange(resolution) + 0.5) / resolution
    ids = classify_slice(atlas, x, y, fixed, xs, ys)
    fig, ax = _axes(ax, (10.4, 5.0))
    regions = {r.id: r for r in atlas.regions}
    structures = sorted({regions[i].structure for i in np.unique(ids) if i > 0})
    colour = {s: STRUCTURE_COLOURS[(s - 1) % len(STRUCTURE_COLOURS)] for s in structures}
    # one colour index per region id present; outside white, undecided grey
    present = sorted(set(np.unique(ids).tolist()))
    palette = [
        "#FFFFFF" if i == OUTSIDE else "#BBBBBB" if i == UNDECIDED else colour[regions[i].structure]
        for i in present
    ]
    # ids are integers: boundaries half-way between consecutive ones give each id its own colour
    edges = [
        present[0] - 0.5,
        *((a + b) / 2 for a, b in itertools.pairwise(present)),
        present[-1] + 0.5,
    ]
    ax.imshow(
        ids,
        origin="lower",
        extent=(*x_range, *y_range),
        aspect="auto",
        interpolation="nearest",
        cmap=ListedColormap(palette),
        norm=BoundaryNorm(edges, len(palette)),
        gid="regions",
    )
    X, Y = np.meshgrid(xs, ys)
    outside = ids == OUTSIDE
    if outside.any():
        cs = ax.contourf(
            X, Y, outside.astype(float), levels=[0.5, 1.5], colors="none", hatches=[OUTSIDE_HATCH]
        )
        cs.set_gid("outside")
        for collection in getattr(cs, "collections", [cs]):
            collection.set_edgecolor("#8C8C8C")
            collection.set_linewidth(0.0)
    handles: list[Any] = []
    if boundaries:
        handles += _boundaries(ax, atlas, x, y, fixed, X, Y, ids)
    shown_ids = set(np.unique(ids).tolist())
    for s in structures:
        members = [i for i in sorted(regions) if regions[i].structure == s and i in shown_ids]
        handles.append(
            Patch(facecolor=colour[s], edgecolor="#666666", label=_legend_label(members, regions[members[0]]))
        )
    if outside.any():
        handles.append(
            Patch(facecolor="white", edgecolor="#8C8C8C", hatch=OUTSIDE_HATCH, label="outside the domain")
        )
    if (ids == UNDECIDED).any():
        handles.append(Patch(facecolor="#BBBBBB", label="undecided (solver time limit)"))
    _label_regions(ax, ids, xs, ys)
    ax.set_xlim(*x_range)
    ax.set_ylim(*y_range)
    ax.set_xlabel(f"${_latex(x)}$")
    ax.set_ylabel(f"${_latex(y)}$")
    import textwrap

    shown = ", ".join(f"{k} = {v}" for k, v in fixed.items())
    title = atlas.game.title or "equilibrium atlas"
    ax.set_title("\n".join(textwrap.wrap(title + (f" at {shown}" if shown else ""), 70)), fontsize="medium")
    ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.02, 1.0), fontsize="small", frameon=False)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return fig


def _default_range(atlas: Atlas, name: str) -> tuple[float, float]:
    values = [float(r.witness[name]) for r in atlas.regions]
    lo, hi = min([0.0, *values]), max([0.0, *values])
    span = hi - lo or 1.0
    return (lo - 0.25 * span if lo < 0 else 0.0, hi + 0.5 * span)


def _legend_label(ids: list[int], region) -> str:
    """``regions 2, 5: 3 isolated equilibria: ...``, wrapped to lines of about 60 characters."""
    import textwrap

    head = ("region " if len(ids) == 1 else "regions ") + ", ".join(map(str, ids))
    return "\n".join(textwrap.wrap(f"{head}: {region.description}", 60, subsequent_indent="  "))


def _latex(name: str) -> str:
    from ..parametric.printing import _latex_name

    return _latex_name(name)


def _boundaries(ax, atlas, x, y, fixed, X, Y, ids) -> list:
    """Zero lines of the factors that bound regions, drawn where the domain is, with one legend entry."""
    from matplotlib.lines import Line2D

    from ..parametric.slice import OUTSIDE, SlicePlane

    plane = SlicePlane(atlas, x, y, fixed)
    used = sorted({k for r in atlas.regions for k in _factor_ids(atlas, r)})
    drawn = False
    for k in used:
        terms = plane.restrict(atlas._factors[k].poly)
        if not terms or all(i == 0 and j == 0 for i, j, _ in terms):
            continue
        with np.errstate(all="ignore"):
            field = sum(float(c) * X**i * Y**j for i, j, c in terms)
        field = np.where(ids != OUTSIDE, field, np.nan)
        finite = field[np.isfinite(field)]
        if finite.size == 0 or not (finite.min() < 0 < finite.max()):
            continue
        cs = ax.contour(X, Y, field, levels=[0.0], colors="#222222", linewidths=1.0)
        cs.set_gid("boundary")
        drawn = True
    return [Line2D([], [], color="#222222", lw=1.0, label="boundary (degenerate game)")] if drawn else []


def _factor_ids(atlas, region) -> list[int]:
    """The critical factors a region's conditions mention."""
    exprs = {c.factor for c in region.conditions}
    return [k for k, f in enumerate(atlas._factors) if f.expr in exprs]


def _label_regions(ax, ids: np.ndarray, xs: np.ndarray, ys: np.ndarray) -> None:
    """Write each region's id at the grid cell of that region nearest to its centroid."""
    for rid in np.unique(ids):
        if rid <= 0:
            continue
        rows, cols = np.nonzero(ids == rid)
        if rows.size < 0.002 * ids.size:
            continue
        r0, c0 = rows.mean(), cols.mean()
        k = np.argmin((rows - r0) ** 2 + (cols - c0) ** 2)
        ax.annotate(
            str(rid), (xs[cols[k]], ys[rows[k]]), ha="center", va="center", fontsize="small", weight="bold",
            gid=f"label_{rid}",
        )  # fmt: skip
