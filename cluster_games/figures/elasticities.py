"""Elasticities of omega* with respect to each parameter (comparative statics)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..parameters import PARAMETER_NAMES, Parameters
from ._style import _TEX, PALETTE, _axes, _style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


# ----------------------------------------------------------------------------- elasticities
@cache
def _elasticity_exprs() -> dict[str, Any]:
    import sympy as sp

    from .. import model as M

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

    from .. import model as M

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
