"""Elasticities of omega* with respect to each parameter (comparative statics)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING, Any

import numpy as np

from ..errors import InvalidParameterError
from ..parameters import PARAMETER_NAMES, Parameters
from ._style import _TEX, PALETTE, _axes, _finish, _style, axis_range, format_number

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
    substituted with the exact (rational) parameter values and evaluated to ``digits``
    significant digits, so the cancellation of the root form costs nothing and an
    elasticity that is exactly zero (e.g. with respect to :math:`\alpha` at ``F = 0``, where
    :math:`\omega^* = c_A/c`) is returned as ``0.0``, not as a rounding residue.
    Signs on the feasible region (Proposition 3): :math:`\varepsilon_n < 0`,
    :math:`\varepsilon_F > 0`, :math:`\varepsilon_\alpha < 0`, :math:`\varepsilon_{c_A} > 0`.

    Parameters
    ----------
    params : Parameters
        Must admit a free-entry rate.
    digits : int
        Significant digits of the evaluation.

    Returns
    -------
    dict of str to float
        Elasticity by parameter name, in the order ``n, F, alpha, beta, c, c_A``.

    Raises
    ------
    NoEquilibriumError
        When ``params`` admit no free-entry rate.
    InvalidParameterError
        Where :math:`\omega^* = 0` (``F = 0`` and ``c_A = 0``): its logarithm is undefined; and at
        :math:`n = n_{\min}` (with :math:`F > 0`), where :math:`\partial\omega^*/\partial n` is infinite.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> e = omega_star_elasticities(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> {k: round(v, 6) for k, v in e.items()}
    {'n': -0.002242, 'F': 0.002242, 'alpha': -0.002519, 'beta': 0.000277, 'c': -0.999748, 'c_A': 0.997783}
    >>> omega_star_elasticities(Parameters(n=10, F=0, alpha=100, beta=1, c=10, c_A=1))
    {'n': 0.0, 'F': 0.0, 'alpha': 0.0, 'beta': 0.0, 'c': -1.0, 'c_A': 1.0}
    """
    import sympy as sp

    from .. import model as M

    if params.omega_star() == 0:  # raises NoEquilibriumError where none exists
        raise InvalidParameterError(
            "c_A", "elasticities of omega* are undefined where omega* = 0 (F = 0 and c_A = 0: ln 0)"
        )
    subs = {
        sym: sp.Rational(getattr(params, name))
        for name, sym in zip(PARAMETER_NAMES, M.PARAMETERS, strict=True)
    }
    if params.F > 0 and sp.expand(M.discriminant().subs(subs)) == 0:  # decided exactly
        raise InvalidParameterError(
            "n",
            "at n = n_min the two break-even rates merge and omega*(n) has a vertical tangent: its "
            "elasticities in n, F, alpha, beta, c and c_A are infinite there",
        )
    return {name: float(expr.subs(subs).evalf(digits)) for name, expr in _elasticity_exprs().items()}


def elasticities(
    params: Parameters,
    *,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    money_unit: str | None = None,
    quantity_unit: str | None = None,
    footer: bool = False,
    ax: Axes | None = None,
) -> Figure:
    r"""Bar chart of the elasticities of :math:`\omega^*` with respect to each parameter.

    Bar heights are :func:`omega_star_elasticities`: a 1% rise in :math:`x`
    moves :math:`\omega^*` by about :math:`\varepsilon_x` percent. Blue bars:
    the parameter raises the rate; vermillion bars: it lowers it; a zero elasticity
    is labelled ``0`` (grey).

    Parameters
    ----------
    params : Parameters
        Must admit a free-entry rate.
    xlim, ylim : (float, float), optional
        ``ylim``: the range of the elasticities. ``xlim`` is refused: the x axis lists the six
        parameters, it has no range.
    money_unit, quantity_unit : str, optional
        Units for the footer (elasticities themselves have none).
    footer : bool
        Write the parameter set along the bottom of the figure (:func:`add_footer`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

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
    if xlim is not None:
        raise InvalidParameterError(
            "xlim", "the elasticities' x axis lists the six parameters: it has no range"
        )
    y_range = axis_range("ylim", ylim)
    values = omega_star_elasticities(params)
    fig, ax = _axes(ax, (5.6, 3.6))
    names = list(values)
    heights = np.array([values[k] for k in names])
    scale = float(np.abs(heights).max()) or 1.0
    labels = [format_number(h, 3, scale=scale, sign=True, trailing=True) for h in heights]
    colours = [
        PALETTE["grey"] if text == "0" else PALETTE["blue"] if h > 0 else PALETTE["vermillion"]
        for h, text in zip(heights, labels, strict=True)
    ]
    bars = ax.bar(
        range(len(names)),
        heights,
        color=colours,
        edgecolor=PALETTE["black"],
        linewidth=0.6,
        gid="elasticities",
    )
    ax.bar_label(bars, labels=[f"${text}$" for text in labels], padding=2, fontsize="small")
    ax.axhline(0.0, color=PALETTE["black"], lw=0.8)
    ax.set_xticks(range(len(names)), [f"${_TEX[k]}$" for k in names])
    ax.set_xlabel(r"parameter $x$")
    ax.set_ylabel(r"elasticity $\partial \ln \omega^* / \partial \ln x$")
    lo, hi = min(heights.min(), 0.0), max(heights.max(), 0.0)
    pad = 0.15 * (hi - lo or 1.0)
    ax.set_ylim(*(y_range or (lo - pad, hi + pad)))
    _style(ax)
    ax.grid(False, axis="x")
    return _finish(fig, params, footer, money_unit=money_unit, quantity_unit=quantity_unit)
