"""omega*(n) and, in a second panel on a common scale, the paper's printed formula (erratum E1)."""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from ..errors import InvalidParameterError, NoEquilibriumError
from ..kernels import closed_forms as payoffs
from ..kernels import free_entry
from ..kernels.free_entry import omega_star_paper
from ..parameters import Parameters
from ._style import _LW, PALETTE, _finish, _style, axis_range, format_number

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


def printed_formula_threshold(params: Parameters) -> float | None:
    r"""Smallest ``n`` at which the paper's printed formula (erratum E1) is real, or ``None`` if never.

    The printed square root is real iff :math:`8\beta F/n \le H = G^2 - 4\beta(\alpha - \beta c) c_A`,
    so from :math:`n_p = 8\beta F/H` on (every ``n`` when ``F = 0`` and :math:`H \ge 0`: returns 0).
    Compare :math:`n_{\min} = 8\beta F/G^2` of the corrected rate.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    >>> round(printed_formula_threshold(p), 9), round(p.n_min(), 9)   # 8/7561 and 8/7921
    (0.001058061, 0.00100997)
    """
    p = params
    H = p.G**2 - 4 * p.beta * (p.alpha - p.beta * p.c) * p.c_A
    if p.F == 0:
        return 0.0 if H >= 0 else None
    return 8 * p.beta * p.F / H if H > 0 else None


def omega_star_curve(
    params: Parameters,
    *,
    n_range: tuple[float, float] | None = None,
    xlim: tuple[float, float] | None = None,
    ylim: tuple[float, float] | None = None,
    num: int = 400,
    paper: bool = True,
    money_unit: str | None = None,
    quantity_unit: str | None = None,
    footer: bool = False,
    ax: Axes | Sequence[Axes] | None = None,
) -> Figure:
    r"""Plot :math:`\omega^*(n)` (Propositions 2-3) and, beside it, the paper's printed formula (erratum E1).

    .. math::

        \omega^*(n) = \frac{K - \sqrt{G^2 - 8\beta F/n}}{2\beta c}
        \;\searrow\; \frac{c_A}{c} \quad (n \to \infty),
        \qquad n \geq n_{\min} = \frac{8\beta F}{G^2}.

    The corrected rate falls with :math:`n` towards cost recovery :math:`c_A/c`.
    The printed closed form (erratum E1) rises with :math:`n`, the opposite of the
    paper's own claim, and does not make :math:`\pi_{YY}` zero. It is drawn in a second
    panel together with :math:`\omega^*` on one common scale (no twin axis), from the
    ``n`` where its square root becomes real (:func:`printed_formula_threshold`) on, so a
    crossing of the two curves is a real equality of the two numbers.

    Parameters
    ----------
    params : Parameters
        All parameters but ``n`` are held; ``params.n`` is marked.
    n_range : (float, float), optional
        Range of ``n`` (log scale). Default: from just above the smaller of :math:`n_{\min}`
        and the printed formula's threshold (or ``n/100`` when ``F = 0``) to
        ``100 max(n, 10 low)``.
    xlim, ylim : (float, float), optional
        ``xlim`` is ``n_range`` (the name every figure takes); ``ylim`` the range of
        :math:`\omega^*` on the first panel.
    num : int
        Number of points of each curve.
    paper : bool
        Also draw the printed formula (second panel).
    money_unit, quantity_unit : str, optional
        Units for the footer and the profit at the printed rate (e.g. ``"yuan"``, ``"toys"``).
    footer : bool
        Write the parameter set along the bottom of the figure (:func:`add_footer`).
    ax : matplotlib.axes.Axes or pair of Axes, optional
        Where to draw. One ``Axes``: everything on it, on one scale; two: the panels.
        Default: a new figure with one panel, or two with ``paper``.

    Returns
    -------
    matplotlib.figure.Figure
        Lines (``gid``) of the first panel: ``"omega_star"``, ``"limit"``, ``"n_min"``,
        ``"scenario"``; of the second: ``"paper"``, ``"omega_star_ref"`` (the corrected
        curve again, same scale), ``"n_printed"``, ``"paper_scenario"``.

    Raises
    ------
    NoEquilibriumError
        When trade is infeasible (``G <= 0``): no ``n`` gives a break-even rate.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> fig = omega_star_curve(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1))
    >>> [a.get_xlabel() for a in fig.axes]
    ['number of product categories $n$', 'number of product categories $n$']
    >>> [line.get_gid() for line in fig.axes[1].get_lines()]
    ['omega_star_ref', 'paper', 'n_printed', 'paper_scenario']
    """
    p = params
    n_min = p.n_min()
    if math.isinf(n_min):
        raise NoEquilibriumError(
            f"no break-even agency rate at any n: trade is infeasible, G = {p.G:.6g} <= 0"
        )
    n_p = printed_formula_threshold(p) if paper else None
    n_range = axis_range("xlim", xlim, positive=True, alias=("n_range", n_range))
    y_range = axis_range("ylim", ylim)
    if n_range is None:
        starts = [s for s in (n_min, n_p) if s is not None and s > 0]
        lo = min(starts) * (1 + 1e-9) if starts else p.n / 100
        hi = 100 * max(p.n, 10 * lo)
    else:
        lo, hi = n_range
    main, err, fig = _panels(ax, paper)
    others = (p.F, p.alpha, p.beta, p.c, p.c_A)
    start = n_min * (1 + 1e-9) if lo < n_min < hi else lo
    ns = np.geomspace(start, hi, num)
    star = free_entry.omega_star(ns, *others, on_infeasible="nan")
    curve = dict(color=PALETTE["blue"], lw=_LW, label=r"$\omega^*(n)$, lower root (corrected)")
    main.plot(ns, star, gid="omega_star", **curve)
    main.axhline(
        p.cost_recovery_rate,
        color=PALETTE["black"],
        lw=1.0,
        ls=":",
        gid="limit",
        label=rf"$c_A/c = {format_number(p.cost_recovery_rate)}$: limit of $\omega^*$ as $n \to \infty$",
    )
    if n_min > 0:
        main.axvline(
            n_min,
            color=PALETTE["grey"],
            lw=1.0,
            ls="--",
            gid="n_min",
            label=rf"$n_{{\min}} = 8\beta F/G^2 = {format_number(n_min, 3)}$",
        )
    if lo <= p.n <= hi and p.is_feasible():
        main.plot(
            [p.n],
            [p.omega_star()],
            "o",
            color=PALETTE["blue"],
            ms=6,
            gid="scenario",
            label=rf"$n = {format_number(p.n)}$: $\omega^* = {format_number(p.omega_star())}$",
        )
    for a in (main,) if err is None or err is main else (main, err):
        a.set_xscale("log")
        a.set_xlabel(r"number of product categories $n$")
        _style(a)
    main.set_ylabel(r"free-entry agency rate $\omega^*$ (fraction of $c$)")
    if y_range is not None:
        main.set_ylim(*y_range)
    if xlim is not None:  # the range asked for, exactly (default: autoscaled to the curves)
        main.set_xlim(lo, hi)
    if err is not None:
        _draw_printed(err, p, ns, star, curve, n_p, (lo, hi), num, err is main, money_unit)
    if err is not main:
        main.set_title("Propositions 2-3: the corrected free-entry rate", fontsize=10)
        main.legend(loc="upper right", fontsize="small", framealpha=0.9)
    return _finish(fig, p, footer, money_unit=money_unit, quantity_unit=quantity_unit)


def _panels(ax, paper: bool):
    """(main axes, erratum axes or None, figure) from the ``ax`` argument."""
    from ._style import _mpl

    _mpl()
    if ax is None:
        from matplotlib.figure import Figure

        if not paper:
            fig = Figure(figsize=(6.4, 4.0), layout="constrained")
            return fig.add_subplot(), None, fig
        fig = Figure(figsize=(11.5, 4.4), layout="constrained")
        main, err = fig.subplots(1, 2, sharex=True)
        return main, err, fig
    if isinstance(ax, Sequence):
        if len(ax) != 2:
            raise InvalidParameterError("ax", f"must be one Axes or a pair, got {len(ax)}")
        return ax[0], (ax[1] if paper else None), ax[0].figure
    return ax, (ax if paper else None), ax.figure


def _draw_printed(err, p, ns, star, curve, n_p, span, num, shared, money_unit) -> None:
    """The printed formula on ``err`` with the corrected curve on the same scale."""
    lo, hi = span
    others = (p.F, p.alpha, p.beta, p.c, p.c_A)
    if not shared:
        err.plot(ns, star, gid="omega_star_ref", **curve)
    if n_p is not None:
        first = max(lo, n_p * (1 + 1e-9))
        # dense near the threshold, where the printed curve rises like a square root
        s = np.linspace(0.0, 0.6, 61)
        near = first / (1 - s**2) if n_p >= lo else np.empty(0)
        grid = np.unique(np.concatenate([near[near < hi], np.geomspace(first, hi, num)]))
        with np.errstate(invalid="ignore"):
            printed = np.asarray(omega_star_paper(grid, *others), dtype=float)
        keep = np.isfinite(printed)
        err.plot(
            grid[keep],
            printed[keep],
            color=PALETTE["vermillion"],
            lw=_LW,
            ls="--",
            gid="paper",
            label=r"paper's printed formula (erratum E1): rises with $n$",
        )
        if lo < n_p < hi:
            err.axvline(
                n_p,
                color=PALETTE["vermillion"],
                lw=0.8,
                ls=":",
                gid="n_printed",
                label=rf"printed formula not real below $n = {format_number(n_p, 3)}$",
            )
        if lo <= p.n <= hi and p.n >= n_p:
            w = float(omega_star_paper(p.n, *others))
            pi = 0.5 * p.n * float(payoffs.category_profit(w, p.alpha, p.beta, p.c, p.c_A)) - p.F
            unit = f" {money_unit}" if money_unit else ""
            err.plot(
                [p.n],
                [w],
                "s",
                color=PALETTE["vermillion"],
                ms=6,
                gid="paper_scenario",
                label=rf"printed at $n = {format_number(p.n)}$: $\omega = {format_number(w)}$, "
                rf"$\pi_{{YY}} = {format_number(pi, 5, scale=p.F)}${unit} (must be 0)",
            )
    else:
        err.text(
            0.5,
            0.5,
            "printed formula (erratum E1): not real at any n here",
            transform=err.transAxes,
            ha="center",
            color=PALETTE["vermillion"],
        )
    data = ("omega_star", "omega_star_ref", "paper", "paper_scenario")
    values = [np.asarray(ln.get_ydata(), dtype=float) for ln in err.get_lines() if ln.get_gid() in data]
    values = np.concatenate([v[np.isfinite(v)] for v in values] + [star[np.isfinite(star)]])
    err.set_ylim(0.0, 1.06 * float(values.max()) if values.size and values.max() > 0 else 1.0)
    err.set_ylabel(r"agency rate $\omega$ (fraction of $c$), one scale for both")
    if not shared:
        err.set_title(r"Erratum E1: the printed formula against $\omega^*$", fontsize=10)
    err.legend(loc="best", fontsize="small", framealpha=0.9)
