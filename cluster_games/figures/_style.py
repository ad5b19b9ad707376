r"""Shared style of the figures: palette, axes factory, number formatting, parameter footer.

Numbers in labels go through :func:`format_number`, so an exact zero, or a float that is zero
up to rounding at the scale of the quantity, prints as ``0`` (not ``5.2e-141``), and large
or small magnitudes print as :math:`1.65\times10^{8}` rather than ``1.65e+08``.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure
    from matplotlib.text import Text

    from ..parameters import Parameters, Rates

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
#: Relative size below which a float is printed as 0 (about 4500 ulps of the scale).
ZERO_TOLERANCE = 1e-12


def _mpl():
    try:
        import matplotlib
    except ImportError as exc:
        raise ImportError(
            "cluster_games.figures needs matplotlib: pip install -e '.[plot]' in a clone of cluster_games"
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


def _math_ticks(ax: Axes, which: str = "y") -> None:
    """Linear-axis ticks with a :math:`\\times10^k` offset in mathtext instead of ``1e9``, no shift."""
    from matplotlib.ticker import ScalarFormatter

    for name in which:
        fmt = ScalarFormatter(useMathText=True, useOffset=False)
        (ax.xaxis if name == "x" else ax.yaxis).set_major_formatter(fmt)


def format_number(
    x: float, digits: int = 4, *, scale: float | None = None, sign: bool = False, trailing: bool = False
) -> str:
    r"""``x`` with ``digits`` significant digits, as mathtext (to be put between ``$...$``).

    Zero prints as ``0``: an exact zero, and with ``scale`` any ``|x| <= 1e-12 * |scale|``
    (a value that is zero up to float rounding next to quantities of size ``scale``).
    Magnitudes from :math:`10^{-4}` to :math:`10^{5}` print positionally, others as
    :math:`m\times10^{k}`; NaN and infinities print as text.

    Parameters
    ----------
    x : float
    digits : int
        Significant digits (trailing zeros dropped).
    scale : float, optional
        Size of the quantities ``x`` is shown beside (e.g. the largest bar of a chart).
    sign : bool
        Prefix ``+`` to positive numbers.
    trailing : bool
        Keep trailing zeros of a value that is not a whole number (``-0.99975`` as ``-1.00``, so it
        does not read as exactly ``-1``).

    Examples
    --------
    >>> format_number(0.100224724775)
    '0.1002'
    >>> format_number(1.65e8, 3)
    '1.65\\times10^{8}'
    >>> format_number(5.2e-141), format_number(5.2e-141, scale=1.0), format_number(-0.0)
    ('5.2\\times10^{-141}', '0', '0')
    >>> format_number(0.00224, 3, sign=True), format_number(60000000.0, 12)
    ('+0.00224', '6\\times10^{7}')
    >>> format_number(-0.999748, 3), format_number(-0.999748, 3, trailing=True), format_number(-1.0, 3, trailing=True)
    ('-1', '-1.00', '-1')
    """
    x = float(x)
    if math.isnan(x):
        return r"\mathrm{NaN}"
    if math.isinf(x):
        return ("-" if x < 0 else "+" if sign else "") + r"\infty"
    if x == 0 or (scale is not None and abs(x) <= ZERO_TOLERANCE * abs(scale)):
        return "0"
    keep = "#" if trailing and x != int(x) else ""
    text = f"{x:{keep}.{digits}g}"
    if "e" in text or abs(x) >= 1e5:
        mantissa, exponent = f"{x:.{digits - 1}e}".split("e")
        if "." in mantissa and not keep:
            mantissa = mantissa.rstrip("0").rstrip(".")
        text = rf"{mantissa}\times10^{{{int(exponent)}}}"
        if mantissa in ("1", "-1"):
            text = rf"{mantissa[:-1]}10^{{{int(exponent)}}}"
    return ("+" if sign and x > 0 else "") + text


def axis_range(
    name: str,
    value: tuple[float, float] | None,
    *,
    positive: bool = False,
    alias: tuple[str, object] | None = None,
) -> tuple[float, float] | None:
    """``value`` as ``(low, high)`` floats (``None`` stays ``None``): finite, ``low < high``, and
    ``low > 0`` for a logarithmic axis; ``alias`` is an older keyword for the same range (both given:
    refused unless equal).

    >>> axis_range("xlim", [0, 0.2]), axis_range("xlim", None, alias=("omega_range", (0, 1)))
    ((0.0, 0.2), (0.0, 1.0))
    """
    from ..errors import InvalidParameterError

    if alias is not None and alias[1] is not None:
        if value is not None and tuple(value) != tuple(alias[1]):  # type: ignore[arg-type]
            raise InvalidParameterError(
                name, f"and {alias[0]} give different ranges: {value!r}, {alias[1]!r}"
            )
        name, value = alias[0], alias[1]  # type: ignore[assignment]
    if value is None:
        return None
    try:
        lo, hi = (float(v) for v in value)
    except (TypeError, ValueError):
        raise InvalidParameterError(name, f"must be (low, high), got {value!r}") from None
    if not (math.isfinite(lo) and math.isfinite(hi) and lo < hi) or (positive and not lo > 0):
        need = "0 < low < high" if positive else "low < high"
        raise InvalidParameterError(name, f"must be finite with {need}, got {value!r}")
    return lo, hi


def _unit(text: str | None) -> str:
    """`` [unit]`` for an axis label, or nothing when the unit is unknown."""
    return f" [{text}]" if text else ""


def footer_text(
    params: Parameters,
    rates: Rates | None = None,
    *,
    money_unit: str | None = None,
    quantity_unit: str | None = None,
    label: str | None = None,
) -> str:
    r"""One line with the parameter set a figure was drawn for (mathtext), for :func:`add_footer`.

    Values are printed with up to 10 significant digits; units are added when known.

    Parameters
    ----------
    params : Parameters
    rates : Rates, optional
        Agency rates to state as well (those that are set).
    money_unit, quantity_unit : str, optional
        E.g. ``"yuan"`` and ``"toys"`` (a scenario's ``money_unit``, ``quantity_unit``).
    label : str, optional
        Prefix, e.g. ``"scenario chenghai"``.

    Examples
    --------
    >>> from cluster_games import Parameters, Rates
    >>> p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    >>> footer_text(p, Rates(W=0.1003))
    '$n = 10$, $F = 1$, $\\alpha = 100$, $\\beta = 1$, $c = 10$, $c_A = 1$; $W = 0.1003$; cluster_games ...'
    >>> q = Parameters(n=200, F=6e7, alpha=5e6, beta=1.6e5, c=20, c_A=0.6)
    >>> footer_text(q, money_unit="yuan", quantity_unit="toys").split("; ")[0]
    '$n = 200$, $F = 6\\times10^{7}$ yuan, $\\alpha = 5\\times10^{6}$ toys, $\\beta = 1.6\\times10^{5}$ toys/yuan, $c = 20$ yuan/toy, $c_A = 0.6$ yuan/toy'
    """
    from .. import __version__
    from ..units import Units

    units = Units(money_unit or None, quantity_unit or None)
    items = []
    for name, value in params.as_dict().items():
        item = f"${_TEX[name]} = {format_number(value, 10)}$"
        unit = units.of(name) if name != "n" else ""  # n counts categories: the symbol says so
        items.append(f"{item} {unit}" if unit else item)
    parts = [", ".join(items)]
    if rates is not None:
        set_rates = [
            f"${sym} = {format_number(v, 10)}$"
            for sym, v in ((r"\omega", rates.omega), ("W", rates.W))
            if v is not None
        ]
        if set_rates:
            parts.append(", ".join(set_rates))
    parts.append(f"cluster_games {__version__}")
    return (f"{label}: " if label else "") + "; ".join(parts)


def add_footer(fig: Figure, text: str) -> Text:
    r"""Write ``text`` in small grey type along the bottom of ``fig`` (``gid="footer"``).

    The line is the figure's ``supxlabel``, so a constrained layout keeps room for it
    below the axes' own labels; text too long for the figure's width is wrapped after a comma.

    Examples
    --------
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(layout="constrained")
    >>> add_footer(fig, "$n = 10$").get_gid()
    'footer'
    """
    size = 7.0
    chars = int(0.96 * fig.get_figwidth() * 72 / (0.52 * size))  # a rough width of one line
    footer = fig.supxlabel(_wrap(text, chars), x=0.01, ha="left", fontsize=size, color="#555555")
    footer.set_gid("footer")
    return footer


def _visible_length(text: str) -> int:
    """Roughly how many characters ``text`` shows once its mathtext is rendered."""
    import re

    text = re.sub(r"\\times10\^\{(-?\d+)\}", lambda m: "x10" + m.group(1), text)
    text = re.sub(r"\\[a-zA-Z]+", "a", text)
    return len(re.sub(r"[${}_^]", "", text))


def _wrap(text: str, chars: int) -> str:
    """Break ``text`` after ``", "`` or ``"; "`` so that no line shows much more than ``chars``."""
    import re

    pieces = re.split(r"(?<=[,;] )", text)
    lines, line = [], ""
    for piece in pieces:
        if line and _visible_length(line + piece) > chars:
            lines.append(line.rstrip())
            line = ""
        line += piece
    return "\n".join([*lines, line])


def _finish(
    fig: Figure,
    params: Parameters,
    footer: bool,
    *,
    rates: Rates | None = None,
    money_unit: str | None = None,
    quantity_unit: str | None = None,
) -> Figure:
    if footer:
        add_footer(fig, footer_text(params, rates, money_unit=money_unit, quantity_unit=quantity_unit))
    return fig
