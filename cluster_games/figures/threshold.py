"""Factories: the self-marketing threshold Q_bar (Proposition 4) and the investment gap (Proposition 5)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InvalidParameterError
from ..kernels import closed_forms as payoffs
from ..parameters import Parameters
from ._style import _LW, PALETTE, _axes, _style

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


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
