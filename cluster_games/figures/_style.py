"""Shared style of the figures: colour palette, axes factory, matplotlib import guard."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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


def _mpl():
    try:
        import matplotlib
    except ImportError as exc:
        raise ImportError(
            "cluster_games.figures needs matplotlib: pip install 'cluster-games[plot]'"
        ) from exc
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
