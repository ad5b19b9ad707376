r"""Solve the model at one parameter set: the numbers a reader of the paper wants.

:func:`solve` returns a :class:`Solution` with the free-entry rate
:math:`\omega^*`, the threshold :math:`n_{\min}`, the payoff matrix at
:math:`(\omega, W)` (defaults :math:`\omega = \omega^*`, :math:`W = W_m`, the
monopoly rate, both taken exactly), the dominant strategies, all Nash equilibria,
and the factory's self-marketing threshold :math:`\bar Q(\omega)`. With ``k`` trading
companies (beyond the paper, :mod:`cluster_games.companies`) it reports the k-company game
instead of the 2x2 matrix, and for any k the collusion threshold of the repeated game.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from .companies import CompanyGame, check_k
from .domain import as_real_scalar
from .errors import InvalidParameterError, NoEquilibriumError
from .game import ClusterGame, exact_game_inputs
from .kernels.exact import Q_bar_rounded, rates_gap
from .kernels.threshold import G_exact
from .parameters import PARAMETER_NAMES, RATE_NAMES, Parameters, Rates
from .units import Units

__all__ = ["Solution", "solve"]


@dataclass(frozen=True)
class Solution:
    """Everything :func:`solve` computes, ready to print, display or serialise.

    ``omega_star`` and ``n_min`` are ``None`` when no free-entry rate exists
    (then ``infeasible_reason`` says why); the game is still analysed when the
    caller gave ``omega``. ``game`` is ``None`` when the *default* rates do not
    make a game (at :math:`n = n_{\\min}` the monopoly rate equals :math:`\\omega^*`);
    ``no_game_reason`` then says why.
    """

    params: Parameters
    omega_star: float | None
    n_min: float | None
    infeasible_reason: str | None
    game: ClusterGame | None
    rates: Rates
    no_game_reason: str | None = None
    k: int = 2
    companies: CompanyGame | None = None
    delta: float | None = None
    #: Units of the printed quantities (a scenario's); none declared by default.
    units: Units = field(default_factory=Units)
    #: What :func:`solve` changed in the input, in words (e.g. a W replaced by the monopoly rate).
    notes: tuple[str, ...] = ()

    @property
    def omega_default(self) -> bool:
        return self.rates.omega is None

    @property
    def W_default(self) -> bool:
        return self.rates.W is None

    # Derived views -------------------------------------------------------
    @property
    def classification(self) -> str | None:
        """The dominance class of the game (decided exactly), ``None`` without a game."""
        return None if self.game is None else self.game.classify()

    @property
    def Q_bar(self) -> float | None:
        r""":math:`\bar Q(\omega) = F / (\omega c - c_A)`; ``inf`` when the margin is not positive,
        ``None`` without a seeing rate."""
        p = self.params
        cg = self.companies
        if cg is not None and self.k != 2:
            if not cg.exact_profits()[0] > 0 or cg.omega * p.c <= p.c_A:
                return math.inf
            if cg.omega_is_free_entry:  # Q_bar(omega*(k)) = n D(omega*(k)) / k: M(omega*(k)) = kF/n
                return p.n * (p.alpha - p.beta * (1 + cg.omega) * p.c) / self.k
            return Q_bar_rounded(cg.omega, p.F, p.c, p.c_A)
        if self.game is not None:
            if not self.game.trade_feasible():
                return math.inf
            if self.game.omega_is_free_entry:  # Q_bar(omega*) = n D(omega*) / 2, no cancellation
                return p.n * (p.alpha - p.beta * (1 + self.game.omega) * p.c) / 2
            return Q_bar_rounded(self.game.omega, p.F, p.c, p.c_A)
        if self.omega_star is not None:
            return math.inf if p.F == 0 else p.n * (p.alpha - p.beta * (1 + self.omega_star) * p.c) / 2
        return None

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dictionary (the ``solve --json`` output); exact zeros print as 0."""
        d: dict[str, Any] = {
            "parameters": self.params.as_dict(),
            "omega_star": self.omega_star,
            "n_min": self.n_min,
            "infeasible_reason": self.infeasible_reason,
            "monopoly_rate": self.params.monopoly_rate,
            "omega_is_default": self.omega_default,
            "W_is_default": self.W_default,
            "game": self.game is not None or self.companies is not None,
            "no_game_reason": self.no_game_reason,
        }
        q = self.Q_bar
        d["Q_bar"] = None if q is None or math.isinf(q) else q
        d["k"] = self.k
        d["notes"] = list(self.notes)
        names = ("n", "F", "alpha", "beta", "c", "c_A", "n_min", "payoff", "Q_bar")
        d["units"] = {name: self.units.of(name) for name in names if self.units.of(name)}
        d.update(self._companies_dict())
        g = self.game
        if g is None:
            return d
        row, col = g.dominance()
        eq = g.equilibria()
        d.update(
            {
                "omega": g.omega,
                "W": g.W,
                "payoff_A": g.payoff_A.tolist(),
                "payoff_B": g.payoff_B.tolist(),
                "strategies": ["Y", "N"],
                "dominance": g.classify(),
                "dominant_strategy": {
                    "A": row.strictly_dominant or row.weakly_dominant,
                    "B": col.strictly_dominant or col.weakly_dominant,
                },
                "strictly_dominant": {"A": row.strictly_dominant, "B": col.strictly_dominant},
                "trade_feasible_at_omega": g.trade_feasible(),
                "paper_condition": g.paper_condition(),
                "equilibria": [
                    {
                        "A": dict(zip(("Y", "N"), map(float, p.row), strict=True)),
                        "B": dict(zip(("Y", "N"), map(float, p.col), strict=True)),
                        "pure": list(p.pure) if p.pure else None,
                    }
                    for p in eq.extreme
                ],
                "equilibria_finite": eq.finite,
                "degenerate": eq.degenerate,
                "equilibrium_summary": str(eq),
            }
        )
        return d

    def _companies_dict(self) -> dict[str, Any]:
        """The k-company fields: collusion threshold, pure equilibria, and (k > 2) the game itself."""
        cg = self.companies
        if cg is None:
            return {}
        threshold = cg.collusion_threshold()
        out: dict[str, Any] = {
            "collusion_threshold": None if threshold is None else float(threshold),
            "pure_equilibria_Y": list(cg.pure_equilibria_Y()),
        }
        if self.delta is not None:
            out["delta"] = self.delta
            out["collusion_sustainable"] = cg.collusion_sustainable(self.delta)
        if self.k != 2:
            dom = cg.dominance()
            choice = dom.strictly_dominant or dom.weakly_dominant
            out.update(
                {
                    "omega": cg.omega,
                    "W": cg.W,
                    "strategies": ["Y", "N"],
                    "payoff_Y": [float(v) + 0.0 for v in cg.payoff_Y()],
                    "payoff_N": [float(v) + 0.0 for v in cg.payoff_N()],
                    "dominance": cg.classify(),
                    "dominant_strategy": {"A": choice, "B": choice},
                    "strictly_dominant": {"A": dom.strictly_dominant, "B": dom.strictly_dominant},
                    "symmetric_equilibria": [float(x) for x in cg.symmetric_equilibria().probabilities],
                }
            )
        return out

    def _companies_text(self) -> list[str]:
        cg = self.companies
        if cg is None:
            return []
        lines = []
        if self.k != 2:
            money = self.units.money
            lines += [str(cg) + (f"\n  (payoffs in {money})" if money else ""), f"dominance: {cg.classify()}"]
            lines.append(f"pure equilibria (numbers of Y companies): {list(cg.pure_equilibria_Y())}")
            lines.append(str(cg.symmetric_equilibria()))
        threshold = cg.collusion_threshold()
        if threshold is None:
            lines.append("collusion: no threshold (M(omega) <= 0: deviating to Y gains nothing)")
        elif threshold <= 0:
            lines.append(
                f"collusion on N at W (repeated game, beyond the paper): delta_c = {float(threshold):.6g} <= 0, "
                "all-N is already a stage equilibrium"
            )
        elif threshold >= 1:
            lines.append(
                f"collusion on N at W (repeated game, beyond the paper): delta_c = {float(threshold):.6g} >= 1, "
                "never sustainable"
            )
        else:
            lines.append(
                f"collusion on N at W (repeated game, beyond the paper): sustainable iff delta >= {float(threshold):.6g}"
            )
            if self.delta is not None:
                lines.append(
                    f"  at delta = {self.delta:g}: {'sustainable' if cg.collusion_sustainable(self.delta) else 'not sustainable'}"
                )
        return lines

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def __str__(self) -> str:
        u = self.units
        lines = [f"parameters: {u.parameters(self.params.as_dict())}" if u.declared else str(self.params)]
        lines += [f"note     : {note}" for note in self.notes]
        if self.omega_star is None:
            lines.append(f"omega*   : none ({self.infeasible_reason})")
        else:
            lines.append(
                f"omega*   : {self.omega_star:.12g}   (free-entry agency rate, lower root of pi_YY = 0)"
            )
        lines.append(
            f"n_min    : {u.show(f'{self.n_min:.12g}', 'n_min')}"
            if self.n_min is not None
            else "n_min    : none (G <= 0)"
        )
        g = self.game
        if self.k != 2:
            lines.append(f"companies: k = {self.k} (beyond the paper; omega* and n_min are for k companies)")
            if self.companies is None:
                lines.append(f"game     : none ({self.no_game_reason})")
        elif g is None:
            lines.append(f"game     : none ({self.no_game_reason})")
        else:
            lines.append(
                f"rates    : omega = {g.omega:.12g}{' (omega*)' if g.omega_is_free_entry else ''}, "
                f"W = {g.W:.12g}{' (monopoly rate W_m)' if g.W_is_monopoly else ''}"
            )
            lines.append(str(g) + (f"\npayoffs in {u.money} (per trading company)" if u.money else ""))
            lines.append(
                f"dominance: {g.classify()} "
                f"(paper's condition (W - omega) c < omega c - c_A: {g.paper_condition()})"
            )
            lines.append(f"equilibria: {g.equilibria()}")
        lines += self._companies_text()
        q = self.Q_bar
        if q is not None and math.isinf(q):
            lines.append("Q_bar    : none (omega c <= c_A: marketing alone never makes a profit)")
        elif q is not None:
            lines.append(
                f"Q_bar    : {u.show(f'{q:.12g}', 'Q_bar')}   (a factory selling less cannot market itself at omega)"
            )
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        star = "none" if self.omega_star is None else f"{self.omega_star:.10g}"
        nmin = "none" if self.n_min is None else self.units.show(f"{self.n_min:.10g}", "n_min")
        head = f"$\\omega^* = {star}$, $n_{{\\min}} = {nmin}$"
        g = self.game
        if self.k != 2 and self.companies is not None:  # the k-company game has no 2x2 table
            q = self.Q_bar
            q_text = (
                "none ($\\omega c \\le c_A$)"
                if q is None or math.isinf(q)
                else self.units.show(f"{q:.6g}", "Q_bar")
            )
            lines = [f"{head} for $k = {self.k}$ companies (beyond the paper)", ""]
            for item in self._companies_text():  # a multi-line item's later lines as a nested list
                first, *rest = item.splitlines()
                lines += [f"- {first.strip()}", *(f"  - {r.strip()}" for r in rest)]
            return "\n".join([*lines, f"- $\\bar Q$ = {q_text}"])
        if g is None:
            return f"{head}; no game: {self.no_game_reason}"
        A = g.payoff_A
        table = [
            "| A \\ B | Y | N |",
            "|---|---|---|",
            f"| **Y** | ({A[0, 0]:.6g}, {A[0, 0]:.6g}) | ({A[0, 1]:.6g}, {A[1, 0]:.6g}) |",
            f"| **N** | ({A[1, 0]:.6g}, {A[0, 1]:.6g}) | ({A[1, 1]:.6g}, {A[1, 1]:.6g}) |",
        ]
        q = self.Q_bar
        q_text = (
            "none ($\\omega c \\le c_A$)"
            if q is None or math.isinf(q)
            else self.units.show(f"{q:.6g}", "Q_bar")
        )
        money = f" (payoffs in {self.units.money})" if self.units.money else ""
        return "\n".join(
            [
                *(f"*Note:* {note}" for note in self.notes),
                f"{head}, at $\\omega = {g.omega:.6g}$, $W = {g.W:.6g}${money}:",
                "",
                *table,
                "",
                f"**{g.classify()}**; equilibria: {g.equilibria()}; $\\bar Q$ = {q_text}",
            ]
        )


def solve(
    params: Parameters | Mapping[str, float],
    rates: Rates | Mapping[str, float] | None = None,
    *,
    k: int = 2,
    delta: float | None = None,
    units: Units | None = None,
    W_fallback: bool = False,
) -> Solution:
    """Solve the model at ``params``.

    Parameters
    ----------
    params : Parameters or mapping
        The model parameters (a mapping with the keys n, F, alpha, beta, c, c_A is validated
        into :class:`~cluster_games.parameters.Parameters`; anything else is refused).
    rates : Rates or mapping, optional
        ``omega`` defaults to omega*, ``W`` to the monopoly rate ``K/(2 beta c)``.
    k : int
        Number of trading companies (the paper: 2). With ``k != 2`` omega* is the free-entry
        rate with k companies and the game is :class:`~cluster_games.companies.CompanyGame`.
    delta : float, optional
        Discount factor of the repeated game: whether collusion on N at W is sustainable.
    units : Units, optional
        Units to print the quantities in (a scenario's money and goods).
    W_fallback : bool
        Take ``rates.W`` as a default rather than a requirement (a scenario's W, set for k = 2): where
        it is not above omega (omega*(k) by default), W is the monopoly rate instead, and
        ``notes`` says so. Otherwise such a W is refused.

    Raises
    ------
    NoEquilibriumError
        When no free-entry rate exists and ``omega`` was not given.
    InvalidParameterError
        When ``params`` or ``rates`` is not of the types above (naming it), or when given rates are
        outside the domain of a game (``W <= omega``, negative demand
        at ``W``, or ``W`` below cost recovery). Default rates that make no game (at
        ``n = n_min``) are not an error: the solution reports omega* and why there is no game.

    Examples
    --------
    >>> from cluster_games import Parameters, Rates
    >>> s = solve(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1), Rates(W=0.1003))
    >>> round(s.omega_star, 10), s.classification
    (0.1002247248, 'Y strictly dominant')
    >>> print(s.game.equilibria())
    unique equilibrium: (Y, Y)
    >>> solve(Parameters(n=0.5, F=1, alpha=6, beta=1, c=1, c_A=1)).no_game_reason  # n = n_min = 8 beta F / G**2
    'W must exceed omega: at n = n_min the monopoly rate W_m equals omega*; give W explicitly'
    """
    params, rates = _inputs(params, rates)
    rates = rates or Rates()
    k = check_k(k)
    if delta is not None:
        delta = as_real_scalar("delta", delta)
    notes = ()
    if W_fallback:
        rates, notes = _monopoly_W_if_not_above_omega(params, rates, k)
    try:
        omega_star = params.omega_star(k=k)
        reason = None
    except NoEquilibriumError as exc:
        if rates.omega is None:
            raise
        omega_star, reason = None, str(exc).removeprefix("no break-even agency rate: ")
    n_min = params.n_min(k=k)
    game, companies, no_game = None, None, None
    try:
        companies = CompanyGame.at(params, k, rates)
        game = ClusterGame.at(params, rates) if k == 2 else None
    except InvalidParameterError as exc:
        if rates.W is not None or omega_star is None:
            raise
        no_game = (
            "W must exceed omega: at n = n_min the monopoly rate W_m equals omega*; give W explicitly"
            if rates.omega is None
            and Fraction(params.n) * G_exact(params.alpha, params.beta, params.c, params.c_A) ** 2
            == 4 * k * Fraction(params.beta) * Fraction(params.F)
            else str(exc).removeprefix("parameter 'W': ")
        )
    return Solution(
        params=params,
        omega_star=omega_star,
        n_min=None if math.isinf(n_min) else n_min,
        infeasible_reason=reason,
        game=game,
        rates=rates,
        no_game_reason=no_game,
        k=k,
        companies=companies,
        delta=delta,
        units=units or Units(),
        notes=notes,
    )


def _monopoly_W_if_not_above_omega(params: Parameters, rates: Rates, k: int) -> tuple[Rates, tuple[str, ...]]:
    """``rates`` with W replaced by the monopoly rate where it is not above omega (decided exactly)."""
    if rates.W is None:
        return rates, ()
    try:
        omega = params.omega_star(k=k) if rates.omega is None else as_real_scalar("omega", rates.omega)
        W = as_real_scalar("W", rates.W)
    except NoEquilibriumError:  # no omega*(k): solve refuses, naming why
        return rates, ()
    if rates_gap(*exact_game_inputs(params, omega, W, rates.omega is None, False), k=k) > 0:
        return rates, ()
    which = f"omega*({k})" if rates.omega is None else "omega"
    return Rates(omega=rates.omega), (
        f"W = {W:.6g} is not above {which} = {omega:.6g}: W is the monopoly rate W_m = "
        f"{params.monopoly_rate:.6g} instead",
    )


def _inputs(params: Any, rates: Any) -> tuple[Parameters, Rates | None]:
    """``params`` and ``rates`` as the classes, from the classes or mappings; a clear error otherwise."""
    if isinstance(params, Mapping):
        params = Parameters.from_mapping(params)
    elif not isinstance(params, Parameters):
        raise InvalidParameterError(
            "params",
            f"expected Parameters or a mapping of {', '.join(PARAMETER_NAMES)}, got {type(params).__name__}",
        )
    if isinstance(rates, Mapping):
        unknown = sorted(set(rates) - set(RATE_NAMES))
        if unknown:
            raise InvalidParameterError(unknown[0], "is not a rate (expected omega and/or W)")
        rates = Rates(**rates)
    elif rates is not None and not isinstance(rates, Rates):
        raise InvalidParameterError(
            "rates", f"expected Rates or a mapping of omega, W, got {type(rates).__name__}"
        )
    return params, rates
