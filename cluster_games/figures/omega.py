"""omega*(n) beside the paper's printed formula (erratum E1)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InvalidParameterError, NoEquilibriumError
from ..kernels import free_entry
from ..kernels.free_entry import omega_star_paper
from ..parameters import Parameters
from ._style import _LW, PALETTE, _axes, _style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


# ----------------------------------------------------------------------------- omega*(n)
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
