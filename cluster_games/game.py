r"""The 2x2 game between two trading companies at given rates (SPEC section 1.1).

:class:`ClusterGame` is a numeric instance of the symbolic game: a parameter
set plus the two agency rates. Its payoffs come from :mod:`cluster_games.kernels.closed_forms`
(the model's formulas, evaluated in float64 for nashpy and exactly in
rationals for classification, so a tie on the dominance boundary is seen as a
tie and not as a rounding accident).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

import numpy as np

from .domain import as_real_scalar
from .errors import InvalidParameterError
from .kernels.closed_forms import category_profit, demand, dominance_margins, margin, payoff_entries
from .parameters import Parameters, Rates

if TYPE_CHECKING:  # pragma: no cover
    import nashpy

    from .games.dominance import PlayerDominance
    from .games.equilibria import EquilibriumSet

__all__ = ["ClusterGame", "DominanceClass", "STRATEGIES"]

STRATEGIES = ("Y", "N")

DominanceClass = Literal[
    "Y strictly dominant",
    "Y weakly dominant",
    "N strictly dominant",
    "N weakly dominant",
    "no dominant strategy",
    "Y and N equivalent",
]


@dataclass(frozen=True)
class ClusterGame:
    r"""The trading companies' game at parameters ``params`` and rates ``omega`` < ``W``.

    Company A is the row player, B the column player; strategies are
    ``("Y", "N")``. B's payoff matrix is the transpose of A's.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> g = ClusterGame(Parameters(10, 1, 100, 1, 10, 1), omega=0.2, W=2.0)
    >>> g.payoff_A
    array([[ 4.390e+02,  8.790e+02],
           [-1.000e+00,  6.649e+03]])
    >>> g.classify()
    'no dominant strategy'
    >>> ClusterGame(Parameters(10, 1, 100, 1, 10, 1), omega=0.2, W=0.22).classify()
    'Y strictly dominant'
    """

    params: Parameters
    omega: float
    W: float

    def __post_init__(self) -> None:
        if not isinstance(self.params, Parameters):
            raise TypeError(f"params must be a Parameters instance, got {type(self.params).__name__}")
        omega = as_real_scalar("omega", self.omega)
        W = as_real_scalar("W", self.W)
        if not W > omega:
            raise InvalidParameterError("W", f"must exceed omega = {omega:.6g}, got {W:.6g}")
        object.__setattr__(self, "omega", omega)
        object.__setattr__(self, "W", W)

    @classmethod
    def at(cls, params: Parameters, rates: Rates | None = None) -> ClusterGame:
        """The game at ``rates``, defaulting omega to omega* and W to the monopoly rate."""
        omega, W = (rates or Rates()).resolve(params)
        return cls(params, omega, W)

    # ------------------------------------------------------------------ payoffs
    def _args(self, convert=float):
        p = self.params
        return tuple(convert(v) for v in (p.n, p.F, p.alpha, p.beta, p.c, p.c_A, self.omega, self.W))

    @property
    def payoff_A(self) -> np.ndarray:
        """Company A's payoffs, rows (Y, N) for A, columns (Y, N) for B, in float64."""
        e = payoff_entries(*self._args())
        return np.array([[e.YY, e.YN], [e.NY, e.NN]], dtype=float)

    @property
    def payoff_B(self) -> np.ndarray:
        """Company B's payoffs (the transpose of A's: the game is symmetric)."""
        return self.payoff_A.T

    def exact_payoff_A(self) -> np.ndarray:
        """A's payoffs as exact rationals of the float inputs (object array of Fractions)."""
        e = payoff_entries(*self._args(Fraction))
        return np.array([[e.YY, e.YN], [e.NY, e.NN]], dtype=object)

    def exact_margins(self) -> tuple[Fraction, Fraction]:
        r"""Exact :math:`(\pi_{YY} - \pi_{NY}, \pi_{YN} - \pi_{NN})`; Y strictly dominates iff both > 0."""
        n, _, alpha, beta, c, c_A, omega, W = self._args(Fraction)
        return dominance_margins(n, alpha, beta, c, c_A, omega, W)

    def trade_feasible(self) -> bool:
        r"""Whether :math:`m(\omega) > 0` and :math:`D(\omega) > 0` (decided exactly)."""
        _, _, alpha, beta, c, c_A, omega, _ = self._args(Fraction)
        return margin(omega, c, c_A) > 0 and demand(omega, alpha, beta, c) > 0

    def paper_condition(self) -> bool:
        r"""The paper's sufficient condition :math:`(W - \omega) c < \omega c - c_A` (exact)."""
        _, _, _, _, c, c_A, omega, W = self._args(Fraction)
        return (W - omega) * c < omega * c - c_A

    def boundary_gap(self) -> float:
        r"""Relative distance to the dominance boundary, :math:`(2 m D(\omega) - m D(W)) / (2|m D(\omega)| + |m D(W)|)`."""
        _, _, alpha, beta, c, c_A, omega, W = self._args(Fraction)
        seeing = category_profit(omega, alpha, beta, c, c_A)
        hiding = category_profit(W, alpha, beta, c, c_A)
        scale = 2 * abs(seeing) + abs(hiding)
        return float((2 * seeing - hiding) / scale) if scale else 0.0

    # ------------------------------------------------------------------ analysis
    def dominance(self) -> tuple[PlayerDominance, PlayerDominance]:
        """Dominant strategies of A and B from exact payoffs (see :mod:`cluster_games.games.dominance`)."""
        from .games.dominance import dominant_strategies

        A = self.exact_payoff_A()
        return dominant_strategies(A, A.T, STRATEGIES, STRATEGIES)

    def classify(self) -> DominanceClass:
        """One label for company A's (= B's, by symmetry) dominance situation, decided exactly."""
        y_vs_Y, y_vs_N = self.exact_margins()
        if y_vs_Y > 0 and y_vs_N > 0:
            return "Y strictly dominant"
        if y_vs_Y < 0 and y_vs_N < 0:
            return "N strictly dominant"
        if y_vs_Y == 0 and y_vs_N == 0:
            return "Y and N equivalent"
        if y_vs_Y >= 0 and y_vs_N >= 0:
            return "Y weakly dominant"
        if y_vs_Y <= 0 and y_vs_N <= 0:
            return "N weakly dominant"
        return "no dominant strategy"

    def equilibria(self) -> EquilibriumSet:
        """All Nash equilibria: nashpy (vertex and support enumeration), confirmed in exact arithmetic.

        The exact 2x2 analysis (:func:`~cluster_games.games.equilibria.exact_2x2_equilibria`)
        is the reference. nashpy's result is returned when it agrees with it; when
        it fails or disagrees (payoffs spanning more than float64 can resolve,
        e.g. pi_YY ~ 1e-15 beside pi_NN ~ 1e16), the exact set is returned and
        its ``method`` says so.
        """
        from .games.equilibria import exact_2x2_equilibria, nash_equilibria

        A = self.exact_payoff_A()
        exact = exact_2x2_equilibria(A, A.T, STRATEGIES, STRATEGIES)
        try:
            numeric = nash_equilibria(self.payoff_A, self.payoff_B, STRATEGIES, STRATEGIES)
        except Exception as exc:  # nashpy's LP can fail on badly scaled payoffs
            return dataclasses.replace(exact, method=f"{exact.method}; nashpy failed ({type(exc).__name__})")
        if _same_equilibria(numeric, exact):
            return dataclasses.replace(numeric, method=f"{numeric.method}; confirmed exactly")
        return dataclasses.replace(exact, method=f"{exact.method}; nashpy disagreed (float64 resolution)")

    def to_nashpy(self) -> nashpy.Game:
        """The game as a :class:`nashpy.Game` (A row player, B column player)."""
        import nashpy

        return nashpy.Game(self.payoff_A, self.payoff_B)

    # ------------------------------------------------------------------ display
    def __str__(self) -> str:
        A = self.payoff_A
        cell = [[f"({A[i, j]:.6g}, {A[j, i]:.6g})" for j in range(2)] for i in range(2)]
        width = max(len(x) for row in cell for x in row)
        lines = [f"ClusterGame(omega={self.omega:.6g}, W={self.W:.6g}) payoffs (A, B):"]
        lines.append(" " * 6 + "".join(f"B: {s}".ljust(width + 2) for s in STRATEGIES))
        for s, row in zip(STRATEGIES, cell, strict=True):
            lines.append(f"A: {s}  " + "".join(x.ljust(width + 2) for x in row))
        return "\n".join(lines)

    def _repr_latex_(self) -> str:
        A = self.payoff_A
        rows = r" \\ ".join(
            f"\\text{{{s}}} & " + " & ".join(f"({A[i, j]:.6g},\\ {A[j, i]:.6g})" for j in range(2))
            for i, s in enumerate(STRATEGIES)
        )
        return (
            f"$\\omega = {self.omega:.6g},\\ W = {self.W:.6g}:\\quad"
            f"\\begin{{array}}{{c|cc}} A \\backslash B & \\text{{Y}} & \\text{{N}} \\\\ \\hline {rows}\\end{{array}}$"
        )


def _same_equilibria(a: EquilibriumSet, b: EquilibriumSet, tol: float = 1e-9) -> bool:
    if len(a.extreme) != len(b.extreme) or a.finite != b.finite:
        return False
    return all(
        max(abs(u - v) for u, v in zip(p.row + p.col, r.row + r.col, strict=True)) <= tol
        for p, r in zip(
            sorted(a.extreme, key=lambda e: e.row + e.col),
            sorted(b.extreme, key=lambda e: e.row + e.col),
            strict=True,
        )
    )
