r"""Solve the model at one parameter set: the numbers a reader of the paper wants.

:func:`solve` returns a :class:`Solution` with the free-entry rate
:math:`\omega^*`, the threshold :math:`n_{\min}`, the payoff matrix at
:math:`(\omega, W)` (defaults :math:`\omega = \omega^*`, :math:`W = W_m`, the
monopoly rate), the dominant strategies, all Nash equilibria (nashpy), and the
factory's self-marketing threshold :math:`\bar Q(\omega)`.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from typing import Any

from .errors import NoEquilibriumError
from .game import ClusterGame
from .kernels.closed_forms import Q_bar
from .parameters import Parameters, Rates

__all__ = ["Solution", "solve"]


@dataclass(frozen=True)
class Solution:
    """Everything :func:`solve` computes, ready to print, display or serialise.

    ``omega_star`` and ``n_min`` are ``None`` when no free-entry rate exists
    (then ``infeasible_reason`` says why); the game is still analysed when the
    caller gave ``omega``.
    """

    params: Parameters
    omega_star: float | None
    n_min: float | None
    infeasible_reason: str | None
    game: ClusterGame
    omega_default: bool
    W_default: bool

    # Derived views -------------------------------------------------------
    @property
    def classification(self) -> str:
        return self.game.classify()

    @property
    def Q_bar(self) -> float:
        r""":math:`\bar Q(\omega) = F / (\omega c - c_A)`, ``inf`` when the margin is not positive."""
        p = self.params
        margin = self.game.omega * p.c - p.c_A
        return Q_bar(self.game.omega, p.F, p.c, p.c_A) if margin > 0 else math.inf

    def to_dict(self) -> dict[str, Any]:
        g = self.game
        row, col = g.dominance()
        eq = g.equilibria()
        return {
            "parameters": self.params.as_dict(),
            "omega_star": self.omega_star,
            "n_min": self.n_min,
            "infeasible_reason": self.infeasible_reason,
            "omega": g.omega,
            "W": g.W,
            "omega_is_default": self.omega_default,
            "W_is_default": self.W_default,
            "monopoly_rate": self.params.monopoly_rate,
            "payoff_A": g.payoff_A.tolist(),
            "payoff_B": g.payoff_B.tolist(),
            "strategies": ["Y", "N"],
            "dominance": self.classification,
            "dominant_strategy": {
                "A": row.strictly_dominant or row.weakly_dominant,
                "B": col.strictly_dominant or col.weakly_dominant,
            },
            "strictly_dominant": {"A": row.strictly_dominant, "B": col.strictly_dominant},
            "trade_feasible_at_omega": g.trade_feasible(),
            "paper_condition": g.paper_condition(),
            "equilibria": [
                {
                    "A": dict(zip(("Y", "N"), p.row, strict=True)),
                    "B": dict(zip(("Y", "N"), p.col, strict=True)),
                    "pure": list(p.pure) if p.pure else None,
                }
                for p in eq.extreme
            ],
            "equilibria_finite": eq.finite,
            "degenerate": eq.degenerate,
            "equilibrium_summary": str(eq),
            "Q_bar": None if math.isinf(self.Q_bar) else self.Q_bar,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def __str__(self) -> str:
        d = self.to_dict()
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
        lines.append(
            f"rates    : omega = {self.game.omega:.12g}{' (omega*)' if self.omega_default else ''}, "
            f"W = {self.game.W:.12g}{' (monopoly rate W_m)' if self.W_default else ''}"
        )
        lines.append(str(self.game))
        lines.append(
            f"dominance: {d['dominance']} (paper's condition (W - omega) c < omega c - c_A: {d['paper_condition']})"
        )
        lines.append(f"equilibria: {d['equilibrium_summary']}")
        lines.append(f"Q_bar    : {self.Q_bar:.12g}   (a factory selling less cannot market itself at omega)")
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        d = self.to_dict()
        star = "none" if self.omega_star is None else f"{self.omega_star:.10g}"
        nmin = "none" if self.n_min is None else f"{self.n_min:.10g}"
        A = self.game.payoff_A
        table = [
            "| A \\ B | Y | N |",
            "|---|---|---|",
            f"| **Y** | ({A[0, 0]:.6g}, {A[0, 0]:.6g}) | ({A[0, 1]:.6g}, {A[1, 0]:.6g}) |",
            f"| **N** | ({A[1, 0]:.6g}, {A[0, 1]:.6g}) | ({A[1, 1]:.6g}, {A[1, 1]:.6g}) |",
        ]
        return "\n".join(
            [
                f"$\\omega^* = {star}$, $n_{{\\min}} = {nmin}$, at $\\omega = {self.game.omega:.6g}$, $W = {self.game.W:.6g}$:",
                "",
                *table,
                "",
                f"**{d['dominance']}**; equilibria: {d['equilibrium_summary']}; $\\bar Q = {self.Q_bar:.6g}$",
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
        When ``W <= omega``.

    Examples
    --------
    >>> from cluster_games import Parameters, Rates
    >>> s = solve(Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1), Rates(W=0.1003))
    >>> round(s.omega_star, 10), s.classification
    (0.1002247248, 'Y strictly dominant')
    >>> print(s.game.equilibria())
    unique equilibrium: (Y, Y)
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
    game = ClusterGame.at(
        params, Rates(omega=rates.omega if rates.omega is not None else omega_star, W=rates.W)
    )
    return Solution(
        params=params,
        omega_star=omega_star,
        n_min=None if math.isinf(n_min) else n_min,
        infeasible_reason=reason,
        game=game,
        omega_default=rates.omega is None,
        W_default=rates.W is None,
    )
