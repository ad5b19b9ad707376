"""Factories: the self-marketing threshold Q_bar (Proposition 4) and the investment gap (Proposition 5)."""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InvalidParameterError
from ..kernels import closed_forms as payoffs
from ..parameters import Parameters
from ._style import _LW, PALETTE, _axes, _finish, _math_ticks, _style, _unit, axis_range, format_number

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


# ----------------------------------------------------------------------------- factories
def factory_threshold(
    params: Parameters,
    *,
    omega_range: tuple[float, float] | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    Q: float | None = None,
    num: int = 400,
    quantity_unit: str | None = None,
    money_unit: str | None = None,
    footer: bool = False,
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
        Default: centred on :math:`\omega^*`, from :math:`c_A/c + d/4` to :math:`c_A/c + 7d/4`
        with :math:`d = \omega^* - c_A/c` (at most the rate where demand vanishes), so that
        :math:`\bar Q` runs from 4 times to 4/7 of :math:`\bar Q(\omega^*)`.
    xlim, ylim : (float, float), optional
        ``xlim`` is ``omega_range`` (the name every figure takes); ``ylim`` the range of :math:`\bar Q`.
    Q : float, optional
        A factory's output to mark (e.g. a typical factory of a scenario).
    num : int
        Number of points.
    quantity_unit, money_unit : str, optional
        Units for the axis label and the footer (e.g. ``"toys"``, ``"yuan"``); none shown if not given.
    footer : bool
        Write the parameter set along the bottom of the figure (:func:`add_footer`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        Lines (``gid``): ``"Q_bar"``, ``"omega_star"``, ``"half_market"``, ``"factory"``.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = factory_threshold(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> fig.axes[0].get_xlabel()
    'agency rate $\\omega$ (fraction of $c$)'
    >>> [round(float(x), 7) for x in fig.axes[0].get_xlim()]   # centred on omega* = 0.1002247
    [0.1000562, 0.1003933]
    """
    p = params
    if not p.F > 0:
        raise InvalidParameterError("F", "must be > 0 for a break-even output (with F = 0, Q_bar = 0)")
    star = p.omega_star()
    floor = p.cost_recovery_rate
    omega_D = (p.alpha - p.beta * p.c) / (p.beta * p.c)
    d = star - floor
    omega_range = axis_range("xlim", xlim, alias=("omega_range", omega_range))
    y_range = axis_range("ylim", ylim)
    lo, hi = omega_range if omega_range is not None else (floor + d / 4, min(floor + 7 * d / 4, omega_D))
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
    bottom = min(qbar.min(), Q or np.inf) / 2
    ax.fill_between(
        omegas,
        qbar,
        bottom,
        color=PALETTE["sky"],
        alpha=0.25,
        lw=0,
        label=r"self-marketing loses money ($\pi' < 0$)",
    )
    half = p.n * payoffs.demand(star, p.alpha, p.beta, p.c) / 2
    ax.axvline(
        star,
        color=PALETTE["vermillion"],
        lw=1.2,
        ls=":",
        gid="omega_star",
        label=rf"free-entry rate $\omega^* = {format_number(star, 6)}$",
    )
    ax.axhline(
        half,
        color=PALETTE["black"],
        lw=1.0,
        ls="--",
        gid="half_market",
        label=rf"$\bar Q(\omega^*) = \frac{{1}}{{2}} n D(\omega^*) = {format_number(half, 3)}$",
    )
    ax.plot([star], [half], "o", color=PALETTE["vermillion"], ms=6, gid="meet")
    if Q is not None:
        ax.axhline(
            Q,
            color=PALETTE["green"],
            lw=_LW,
            gid="factory",
            label=rf"a factory's output $Q = {format_number(Q, 3)}$",
        )
    ax.set_yscale("log")
    # headroom: the data fill the lower 62% of the (log) height, the legend the top
    top = math.exp(math.log(bottom) + (math.log(max(qbar.max(), Q or 0.0)) - math.log(bottom)) / 0.62)
    ax.set_ylim(*(y_range or (bottom, top)))
    ax.set_xlim(lo, hi)
    _math_ticks(ax, "x")
    ax.set_xlabel(r"agency rate $\omega$ (fraction of $c$)")
    ax.set_ylabel(rf"break-even output $\bar Q${_unit(quantity_unit)}")
    ax.set_title(r"Proposition 4: below $\bar Q$ a factory needs the system", fontsize=10)
    _style(ax)
    ax.legend(loc="upper right", fontsize="small", framealpha=0.9)
    return _finish(fig, p, footer, money_unit=money_unit, quantity_unit=quantity_unit)


def investment_gap(
    params: Parameters,
    *,
    Q_max: float | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 200,
    quantity_unit: str | None = None,
    money_unit: str | None = None,
    footer: bool = False,
    ax: Axes | None = None,
) -> Figure:
    r"""Plot the capital a factory needs with and without the customer system (Proposition 5).

    .. math::

        I = c Q, \qquad I' = (c + c_A) Q + F, \qquad I' - I = c_A Q + F > 0.

    Parameters
    ----------
    params : Parameters
        The model's parameters.
    Q_max : float, optional
        Largest output shown; default :math:`\bar Q(\omega^*)` if it exists, else ``10 F / c``.
    xlim, ylim : (float, float), optional
        Ranges of the output :math:`Q` (``(0, Q_max)`` by default) and of the investment.
    num : int
        Number of points.
    quantity_unit, money_unit : str, optional
        Units for the axis labels and the footer (e.g. ``"toys"``, ``"yuan"``); none shown if not given.
    footer : bool
        Write the parameter set along the bottom of the figure (:func:`add_footer`).
    ax : matplotlib.axes.Axes, optional
        Where to draw; default a new figure.

    Returns
    -------
    matplotlib.figure.Figure
        Lines (``gid``): ``"I"`` (through the system), ``"I_alone"``.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = investment_gap(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> fig.axes[0].get_ylabel(), investment_gap(Parameters(10, 1, 100, 1, 10, 1), money_unit="yuan").axes[0].get_ylabel()
    ('investment', 'investment [yuan]')
    """
    p = params
    x_range = axis_range("xlim", xlim)
    y_range = axis_range("ylim", ylim)
    if x_range is not None:
        if Q_max is not None and Q_max != x_range[1]:
            raise InvalidParameterError("xlim", f"and Q_max give different ranges: {xlim!r}, {Q_max!r}")
        Q_max = x_range[1]
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
    Qs = np.linspace(x_range[0] if x_range else 0.0, Q_max, num)
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
    ax.set_xlabel(rf"factory output $Q${_unit(quantity_unit)}")
    ax.set_ylabel(rf"investment{_unit(money_unit)}")
    ax.set_title("Proposition 5: the system lowers the entry barrier", fontsize=10)
    if x_range is not None:
        ax.set_xlim(*x_range)
    if y_range is not None:
        ax.set_ylim(*y_range)
    _math_ticks(ax, "xy")
    _style(ax)
    ax.legend(loc="upper left", fontsize="small", framealpha=0.9)
    return _finish(fig, p, footer, money_unit=money_unit, quantity_unit=quantity_unit)
