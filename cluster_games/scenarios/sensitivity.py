r"""One-at-a-time sensitivity of the model's conclusions to its assumed parameters.

A scenario such as ``chenghai`` fixes numbers the paper does not give. This
module answers "would the conclusions survive if an assumption were off by a
factor of two?": each parameter (and each agency rate the scenario sets) is
multiplied by each factor in turn, the others held, and the conclusions are
recomputed:

* the free-entry rate :math:`\omega^*` (Proposition 2) or why none exists,
* the threshold :math:`n_{\min} = 8\beta F / G^2` and whether :math:`n > n_{\min}`,
* whether seeing customers (Y) strictly dominates at the scenario's rates
  (:math:`\omega` defaults to :math:`\omega^*`; section 1.1 of the model, decided exactly),
* the factory's break-even output :math:`\bar Q(\omega^*) = F/(\omega^* c - c_A) = \tfrac12 n D(\omega^*)`
  (Proposition 4).

Only numpy-level code is used (no sympy), so a table is quick.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from dataclasses import dataclass

from ..errors import InvalidParameterError, NoEquilibriumError
from ..game import ClusterGame
from ..kernels.closed_forms import Q_bar
from ..parameters import PARAMETER_NAMES, Parameters, Rates

__all__ = ["SensitivityRow", "SensitivityTable", "sensitivity", "DEFAULT_FACTORS"]

#: Multipliers applied to each assumption by default.
DEFAULT_FACTORS: tuple[float, ...] = (0.5, 2.0)

_TEX = {
    "n": "n",
    "F": "F",
    "alpha": r"\alpha",
    "beta": r"\beta",
    "c": "c",
    "c_A": "c_A",
    "omega": r"\omega",
    "W": "W",
}


@dataclass(frozen=True)
class SensitivityRow:
    """The conclusions at one perturbed parameter set.

    Attributes
    ----------
    parameter : str
        The parameter changed (``"baseline"`` for the unchanged set).
    factor : float
        The multiplier applied to it (1.0 for the baseline).
    value : float
        Its new value (``nan`` for the baseline).
    omega_star : float or None
        Free-entry rate, ``None`` when no break-even rate exists.
    n_min : float
        Existence threshold, ``inf`` when trade is infeasible (``G <= 0``).
    omega, W : float or None
        The rates of the game (``omega`` defaults to ``omega_star``).
    dominance : str
        :meth:`ClusterGame.classify` at ``(omega, W)``, or why the game is not defined.
    dominance_same_premium : str
        The same at ``(omega*, omega* W0 / omega0)``: the hiding rate keeps the
        baseline's ratio to the seeing rate (the paper's "W cannot be much larger
        than omega"), so only the parameter change moves the game.
    Q_bar_star : float or None
        :math:`\\bar Q(\\omega^*)`, ``None`` without a break-even rate.
    """

    parameter: str
    factor: float
    value: float
    omega_star: float | None
    n_min: float
    omega: float | None
    W: float | None
    dominance: str
    dominance_same_premium: str
    Q_bar_star: float | None

    @property
    def feasible(self) -> bool:
        """Whether a free-entry rate exists (``G > 0`` and ``n >= n_min``)."""
        return self.omega_star is not None

    @property
    def Y_dominates(self) -> bool:
        """Whether Y strictly dominates N at the row's rates."""
        return self.dominance == "Y strictly dominant"

    @property
    def Y_dominates_same_premium(self) -> bool:
        """Whether Y strictly dominates N when W keeps its baseline ratio to omega."""
        return self.dominance_same_premium == "Y strictly dominant"


@dataclass(frozen=True)
class SensitivityTable:
    """Result of :func:`sensitivity`: the baseline row first, then one row per (parameter, factor).

    Examples
    --------
    >>> from cluster_games import Parameters, Rates
    >>> t = sensitivity(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1), Rates(W=0.1003), factors=(2.0,))
    >>> t.row("beta", 2.0).Y_dominates, t.robust()
    (True, False)
    >>> print(t.to_markdown().splitlines()[2])
    | baseline |  |  | 0.1002 |  | 0.00101 | yes | yes | yes | 445 |
    """

    params: Parameters
    rates: Rates
    factors: tuple[float, ...]
    rows: tuple[SensitivityRow, ...]

    @property
    def baseline(self) -> SensitivityRow:
        return self.rows[0]

    def row(self, parameter: str, factor: float) -> SensitivityRow:
        """The row for ``parameter`` multiplied by ``factor``."""
        for r in self.rows:
            if r.parameter == parameter and r.factor == factor:
                return r
        raise KeyError((parameter, factor))

    def robust(self) -> bool:
        """Whether every row keeps the baseline's conclusions (feasible, Y strictly dominant)."""
        return all(
            r.feasible == self.baseline.feasible and r.Y_dominates == self.baseline.Y_dominates
            for r in self.rows
        )

    def to_markdown(self) -> str:
        """A Markdown table (LaTeX symbols) with the relative change of omega* from the baseline."""
        base = self.baseline.omega_star
        head = (
            "| parameter | factor | value | $\\omega^*$ | change of $\\omega^*$ | $n_{\\min}$ "
            "| $n > n_{\\min}$ | Y dominates at $(\\omega, W)$ | Y dominates, same $W/\\omega$ "
            "| $\\bar Q(\\omega^*)$ |"
        )
        lines = [head, "|---|---|---|---|---|---|---|---|---|---|"]
        for r in self.rows:
            name = "baseline" if r.parameter == "baseline" else f"${_TEX[r.parameter]}$"
            factor = "" if r.parameter == "baseline" else f"x{r.factor:g}"
            value = "" if r.parameter == "baseline" else f"{r.value:.4g}"
            star = "none" if r.omega_star is None else f"{r.omega_star:.4g}"
            change = (
                f"{100 * (r.omega_star / base - 1):+.1f}%"
                if r.omega_star is not None and base is not None and r.parameter != "baseline"
                else ""
            )
            nmin = "inf (G <= 0)" if math.isinf(r.n_min) else f"{r.n_min:.4g}"
            feasible = "yes" if r.feasible else "**no**"
            dom = "yes" if r.Y_dominates else f"**no**: {r.dominance}"
            same = "yes" if r.Y_dominates_same_premium else f"**no**: {r.dominance_same_premium}"
            qbar = "" if r.Q_bar_star is None else f"{r.Q_bar_star:.4g}"
            lines.append(
                f"| {name} | {factor} | {value} | {star} | {change} | {nmin} | {feasible} | {dom} | {same} | {qbar} |"
            )
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __str__(self) -> str:
        return self.to_markdown()


def _classify(params: Parameters, omega: float | None, W: float | None) -> str:
    if omega is None or W is None:
        return "no omega* (and omega not given)"
    if not W > omega:
        return f"not a game: W = {W:.4g} <= omega = {omega:.4g}"
    return ClusterGame(params, omega, W).classify()


def _conclusions(
    parameter: str, factor: float, value: float, params: Parameters, rates: Rates, premium: float | None
) -> SensitivityRow:
    try:
        star: float | None = params.omega_star()
    except NoEquilibriumError:
        star = None
    omega = rates.omega if rates.omega is not None else star
    W = rates.W if rates.W is not None else params.monopoly_rate
    same = None if premium is None or omega is None else omega * premium
    return SensitivityRow(
        parameter=parameter,
        factor=factor,
        value=value,
        omega_star=star,
        n_min=params.n_min(),
        omega=omega,
        W=W,
        dominance=_classify(params, omega, W),
        dominance_same_premium=_classify(params, omega, same),
        Q_bar_star=None if star is None else float(Q_bar(star, params.F, params.c, params.c_A)),
    )


def sensitivity(
    params: Parameters,
    rates: Rates | None = None,
    *,
    factors: Sequence[float] = DEFAULT_FACTORS,
) -> SensitivityTable:
    r"""Recompute the conclusions with each assumption multiplied by each factor.

    Every model parameter is varied, and so is each rate that ``rates`` sets
    (a rate left to its default follows the parameters: :math:`\omega = \omega^*`,
    :math:`W = W_m = K/(2\beta c)`). A change that leaves a domain (e.g. ``W``
    below ``omega``) is reported in the row, not raised.

    Parameters
    ----------
    params : Parameters
        The baseline.
    rates : Rates, optional
        The baseline rates (default: both defaults).
    factors : sequence of float, keyword-only
        Positive multipliers (default ``(0.5, 2.0)``).

    Returns
    -------
    SensitivityTable
        Frozen; ``.rows[0]`` is the baseline; ``to_markdown()`` renders it.

    Examples
    --------
    >>> from cluster_games import Parameters, Rates
    >>> t = sensitivity(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1), Rates(W=0.1003))
    >>> len(t.rows)  # baseline + 7 assumptions x 2 factors
    15
    >>> t.baseline.Y_dominates, round(t.baseline.omega_star, 6)
    (True, 0.100225)
    >>> t.row("alpha", 0.5).feasible  # G = 50 - 11 > 0 still
    True
    >>> t.row("c", 0.5).dominance  # omega* doubles, above the fixed W
    'not a game: W = 0.1003 <= omega = 0.2004'
    >>> t.row("c", 0.5).dominance_same_premium  # W scaled with omega* keeps dominance
    'Y strictly dominant'
    """
    rates = rates or Rates()
    factors = tuple(float(f) for f in factors)
    for f in factors:
        if not (math.isfinite(f) and f > 0):
            raise InvalidParameterError("factors", f"must be finite and > 0, got {f!r}")
    baseline = _conclusions("baseline", 1.0, math.nan, params, rates, None)
    premium = baseline.W / baseline.omega if baseline.omega is not None and baseline.W is not None else None
    rows = [dataclasses.replace(baseline, dominance_same_premium=baseline.dominance)]
    for name in PARAMETER_NAMES:
        for f in factors:
            value = getattr(params, name) * f
            rows.append(_conclusions(name, f, value, params.replace(**{name: value}), rates, premium))
    for name in ("omega", "W"):
        base = getattr(rates, name)
        if base is None:
            continue
        for f in factors:
            changed = Rates(**{**{"omega": rates.omega, "W": rates.W}, name: base * f})
            row = _conclusions(name, f, base * f, params, changed, None)
            rows.append(dataclasses.replace(row, dominance_same_premium=row.dominance))
    return SensitivityTable(params=params, rates=rates, factors=factors, rows=tuple(rows))
