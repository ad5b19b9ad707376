r"""Solve the model at one parameter set: the numbers a reader of the paper wants.

:func:`solve` returns a :class:`Solution` with the free-entry rate
:math:`\omega^*`, the threshold :math:`n_{\min}`, the payoff matrix at
:math:`(\omega, W)` (defaults :math:`\omega = \omega^*`, :math:`W = W_m`, the
monopoly rate, both taken exactly), the dominant strategies, all Nash equilibria,
and the factory's self-marketing threshold :math:`\bar Q(\omega)`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from .errors import InvalidParameterError, NoEquilibriumError
from .game import ClusterGame
from .kernels.closed_forms import Q_bar
from .parameters import Parameters, Rates

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
        if self.game is not None:
            if not self.game.trade_feasible():
                return math.inf
            if self.game.omega_is_free_entry:  # Q_bar(omega*) = n D(omega*) / 2, no cancellation
                return p.n * (p.alpha - p.beta * (1 + self.game.omega) * p.c) / 2
            return Q_bar(self.game.omega, p.F, p.c, p.c_A)
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
            "game": self.game is not None,
            "no_game_reason": self.no_game_reason,
        }
        q = self.Q_bar
        d["Q_bar"] = None if q is None or math.isinf(q) else q
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

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def __str__(self) -> str:
        lines = [str(self.params)]
        if self.omega_star is None:
            lines.append(f"omega*   : none ({self.infeasible_reason})")
        else:
            lines.append(
                f"omega*   : {self.omega_star:.12g}   (free-entry agency rate, lower root of pi_YY = 0)"
            )
        lines.append(
            f"n_min    : {self.n_min:.12g}" if self.n_min is not None else "n_min    : none (G <= 0)"
        )
        g = self.game
        if g is None:
            lines.append(f"game     : none ({self.no_game_reason})")
        else:
            lines.append(
                f"rates    : omega = {g.omega:.12g}{' (omega*)' if g.omega_is_free_entry else ''}, "
                f"W = {g.W:.12g}{' (monopoly rate W_m)' if g.W_is_monopoly else ''}"
            )
            lines.append(str(g))
            lines.append(
                f"dominance: {g.classify()} "
                f"(paper's condition (W - omega) c < omega c - c_A: {g.paper_condition()})"
            )
            lines.append(f"equilibria: {g.equilibria()}")
        q = self.Q_bar
        if q is not None and math.isinf(q):
            lines.append("Q_bar    : none (omega c <= c_A: marketing alone never makes a profit)")
        elif q is not None:
            lines.append(f"Q_bar    : {q:.12g}   (a factory selling less cannot market itself at omega)")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        star = "none" if self.omega_star is None else f"{self.omega_star:.10g}"
        nmin = "none" if self.n_min is None else f"{self.n_min:.10g}"
        head = f"$\\omega^* = {star}$, $n_{{\\min}} = {nmin}$"
        g = self.game
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
        q_text = "none ($\\omega c \\le c_A$)" if q is None or math.isinf(q) else f"{q:.6g}"
        return "\n".join(
            [
                f"{head}, at $\\omega = {g.omega:.6g}$, $W = {g.W:.6g}$:",
                "",
                *table,
                "",
                f"**{g.classify()}**; equilibria: {g.equilibria()}; $\\bar Q$ = {q_text}",
            ]
        )


def solve(params: Parameters, rates: Rates | None = None) -> Solution:
    """Solve the model at ``params``.

    Parameters
    ----------
    params : Parameters
    rates : Rates, optional
        ``omega`` defaults to omega*, ``W`` to the monopoly rate ``K/(2 beta c)``.

    Raises
    ------
    NoEquilibriumError
        When no free-entry rate exists and ``omega`` was not given.
    InvalidParameterError
        When given rates are outside the domain of a game (``W <= omega``, negative demand
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
    rates = rates or Rates()
    try:
        omega_star = params.omega_star()
        reason = None
    except NoEquilibriumError as exc:
        if rates.omega is None:
            raise
        omega_star, reason = None, str(exc).removeprefix("no break-even agency rate: ")
    n_min = params.n_min()
    game, no_game = None, None
    try:
        game = ClusterGame.at(params, rates)
    except InvalidParameterError as exc:
        if rates.W is not None or omega_star is None:
            raise
        no_game = (
            "W must exceed omega: at n = n_min the monopoly rate W_m equals omega*; give W explicitly"
            if rates.omega is None and params.n == n_min
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
    )
