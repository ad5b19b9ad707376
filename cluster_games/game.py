r"""The 2x2 game between two trading companies at given rates (section 1.1 of the model).

:class:`ClusterGame` is a numeric instance of the symbolic game: a parameter set
plus the two agency rates. Its payoffs are computed **exactly**, in rationals
(:mod:`cluster_games.kernels.exact`), and only then rounded to float64 for display
and for nashpy, so a tie is seen as a tie and never as a rounding accident:

* a float rate is a dyadic rational and is taken as such;
* the free-entry rate :math:`\omega^*` (the default) enters through the identity
  :math:`m(\omega^*) D(\omega^*) = 2F/n`, so :math:`\pi_{YY} = 0` exactly and, at
  :math:`F = 0`, :math:`\pi_{YY} = \pi_{YN} = \pi_{NY} = 0` exactly;
* the monopoly rate :math:`W_m` (the default hiding rate) through
  :math:`m(W_m) D(W_m) = G^2/(4\beta)`.

The rates must lie in the domain of a game (:mod:`cluster_games.domain`):
:math:`W > \omega`, :math:`D(W) \ge 0`, :math:`m(W) \ge 0`, decided exactly.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING, Literal

import numpy as np

from .domain import as_real_scalar
from .errors import InvalidParameterError
from .kernels.closed_forms import (
    demand,
    margin,
    margins_from_profits,
    monopoly_rate,
    payoffs_from_profits,
)
from .kernels.exact import compare_with_omega_star, profits, rate_domain_violation, rates_gap, rational, sign
from .parameters import Parameters, Rates

if TYPE_CHECKING:  # pragma: no cover
    import nashpy

    from .games.bimatrix import BimatrixGame
    from .games.dominance import PlayerDominance
    from .games.equilibria import EquilibriumSet

__all__ = [
    "ClusterGame",
    "DominanceClass",
    "STRATEGIES",
    "checked_rates",
    "classify_margins",
    "exact_game_inputs",
    "rate_fields",
    "rate_text",
]

STRATEGIES = ("Y", "N")

DominanceClass = Literal[
    "Y strictly dominant",
    "Y weakly dominant",
    "N strictly dominant",
    "N weakly dominant",
    "no dominant strategy",
    "Y and N equivalent",
]


def classify_margins(a: int, b: int) -> DominanceClass:
    r"""The dominance class from the signs of :math:`a = \pi_{YY} - \pi_{NY}` and :math:`b = \pi_{YN} - \pi_{NN}`.

    >>> classify_margins(1, 0), classify_margins(0, -1)
    ('Y weakly dominant', 'N weakly dominant')
    """
    if a > 0 and b > 0:
        return "Y strictly dominant"
    if a < 0 and b < 0:
        return "N strictly dominant"
    if a == 0 and b == 0:
        return "Y and N equivalent"
    if a >= 0 and b >= 0:
        return "Y weakly dominant"
    if a <= 0 and b <= 0:
        return "N weakly dominant"
    return "no dominant strategy"


def _as_float(x: Fraction) -> float:
    return float(x) + 0.0  # + 0.0 turns -0.0 into 0.0: an exact zero prints as 0


@dataclass(frozen=True)
class ClusterGame:
    r"""The trading companies' game at parameters ``params`` and rates ``omega`` < ``W``.

    Company A is the row player, B the column player; strategies are
    ``("Y", "N")``. B's payoff matrix is the transpose of A's. Build it at the
    default rates with :meth:`at` (exactly :math:`\omega^*` and :math:`W_m`), or at
    any float rates with the constructor.

    Parameters
    ----------
    params : Parameters
    omega, W : float
        The rates; ignored (and replaced by their float values) where the flags say
        the rate is :math:`\omega^*` or :math:`W_m`.
    omega_is_free_entry : bool
        ``omega`` is the free-entry rate :math:`\omega^*` itself, not its float rounding.
    W_is_monopoly : bool
        ``W`` is the monopoly rate :math:`W_m = K/(2\beta c)` itself.

    Raises
    ------
    InvalidParameterError
        Where the rates are outside the domain of a game: :math:`W \le \omega`,
        :math:`D(W) < 0` or :math:`m(W) < 0` (the error names ``W``).
    NoEquilibriumError
        With ``omega_is_free_entry`` where no free-entry rate exists.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> g = ClusterGame(Parameters(10, 1, 100, 1, 10, 1), omega=0.2, W=2.0)
    >>> g.payoff_A
    array([[ 4.390e+02,  8.790e+02],
           [-1.000e+00,  6.649e+03]])
    >>> g.classify()
    'no dominant strategy'
    >>> free = ClusterGame.at(Parameters(10, 0, 100, 1, 10, 1))  # F = 0: omega* = c_A / c exactly
    >>> free.payoff_A[0].tolist(), free.classify()
    ([0.0, 0.0], 'N weakly dominant')
    """

    params: Parameters
    omega: float
    W: float
    omega_is_free_entry: bool = False
    W_is_monopoly: bool = False

    def __post_init__(self) -> None:
        omega, W = checked_rates(
            self.params,
            self.omega,
            self.W,
            omega_is_free_entry=self.omega_is_free_entry,
            W_is_monopoly=self.W_is_monopoly,
        )
        object.__setattr__(self, "omega", omega)
        object.__setattr__(self, "W", W)

    @classmethod
    def at(cls, params: Parameters, rates: Rates | None = None) -> ClusterGame:
        r"""The game at ``rates``; ``omega`` defaults to :math:`\omega^*` and ``W`` to :math:`W_m`, exactly.

        >>> from cluster_games import Parameters
        >>> g = ClusterGame.at(Parameters(10, 1, 100, 1, 10, 1))
        >>> g.omega_is_free_entry, float(g.payoff_A[0, 0])
        (True, 0.0)
        """
        return cls(params, **rate_fields(rates))

    # ------------------------------------------------------------------ exact arithmetic
    def _exact_inputs(self) -> tuple:
        """The parameters and rates as rationals; ``None`` for a rate that is omega* or W_m."""
        return exact_game_inputs(
            self.params, self.omega, self.W, self.omega_is_free_entry, self.W_is_monopoly
        )

    def exact_profits(self) -> tuple[Fraction, Fraction]:
        r"""Exact operating profits :math:`(M(\omega), M(W))` of one whole category, :math:`M(r) = m(r) D(r)`."""
        return profits(*self._exact_inputs())

    def exact_payoff_A(self) -> np.ndarray:
        """A's payoffs as exact rationals (object array of Fractions), rows (Y, N), columns (Y, N)."""
        n, F = rational(self.params.n, self.params.F)
        e = payoffs_from_profits(n, F, *self.exact_profits())
        return np.array([[e.YY, e.YN], [e.NY, e.NN]], dtype=object)

    def exact_margins(self) -> tuple[Fraction, Fraction]:
        r"""Exact :math:`(\pi_{YY} - \pi_{NY}, \pi_{YN} - \pi_{NN})`; Y strictly dominates iff both > 0."""
        return margins_from_profits(Fraction(self.params.n), *self.exact_profits())

    # ------------------------------------------------------------------ payoffs
    @property
    def payoff_A(self) -> np.ndarray:
        """Company A's payoffs, rows (Y, N) for A, columns (Y, N) for B: the exact values, rounded once."""
        return np.vectorize(_as_float, otypes=[float])(self.exact_payoff_A())

    @property
    def payoff_B(self) -> np.ndarray:
        """Company B's payoffs (the transpose of A's: the game is symmetric)."""
        return self.payoff_A.T

    def trade_feasible(self) -> bool:
        r"""Whether :math:`m(\omega) > 0` and :math:`D(\omega) > 0` (decided exactly)."""
        if self.omega_is_free_entry:  # m(omega*) = t/(2 beta) > 0 iff F > 0; D(omega*) > 0 always
            return self.params.F > 0
        _, _, alpha, beta, c, c_A = rational(*self.params.as_dict().values())
        omega = Fraction(self.omega)
        return margin(omega, c, c_A) > 0 and demand(omega, alpha, beta, c) > 0

    def paper_condition(self) -> bool:
        r"""The paper's sufficient condition :math:`(W - \omega) c < \omega c - c_A`, decided exactly.

        With :math:`\omega = \omega^*` it reads :math:`Wc + c_A < 2\omega^* c`, an exact comparison
        in :math:`\mathbb{Q}(\sqrt{\Delta})`.
        """
        p = self.params
        n, F, alpha, beta, c, c_A = rational(*p.as_dict().values())
        W = monopoly_rate(alpha, beta, c, c_A) if self.W_is_monopoly else Fraction(self.W)
        if self.omega_is_free_entry:  # 2 omega* - (W + c_A/c) > 0  <=>  omega* > r = (W + c_A / c) / 2
            return compare_with_omega_star((W + c_A / c) / 2, n, F, alpha, beta, c, c_A) < 0
        omega = Fraction(self.omega)
        return (W - omega) * c < omega * c - c_A

    def boundary_gap(self) -> float:
        r"""Relative distance to the dominance boundary, :math:`(2M(\omega) - M(W)) / (2|M(\omega)| + |M(W)|)`, exact.

        Zero on the boundary :math:`2 m(\omega) D(\omega) = m(W) D(W)`, where Y is only weakly
        dominant; float64 payoffs resolve the game only where it is well away from zero.
        """
        seeing, hiding = self.exact_profits()
        scale = 2 * abs(seeing) + abs(hiding)
        return float((2 * seeing - hiding) / scale) if scale else 0.0

    # ------------------------------------------------------------------ analysis
    def as_bimatrix(self) -> BimatrixGame:
        """The game as a model-free :class:`~cluster_games.games.bimatrix.BimatrixGame` with exact payoffs."""
        from .games.bimatrix import BimatrixGame

        A = self.exact_payoff_A()
        return BimatrixGame.from_arrays(
            A, A.T, STRATEGIES, STRATEGIES, title=f"ClusterGame({self._rate_text()})"
        )

    def dominance(self) -> tuple[PlayerDominance, PlayerDominance]:
        """Dominant strategies of A and B from exact payoffs (see :mod:`cluster_games.games.dominance`)."""
        return self.as_bimatrix().dominance()

    def classify(self) -> DominanceClass:
        """One label for company A's (= B's, by symmetry) dominance situation, decided exactly."""
        a, b = self.exact_margins()
        return classify_margins(sign(a), sign(b))

    def equilibria(self) -> EquilibriumSet:
        """All Nash equilibria, decided in exact arithmetic and cross-checked by nashpy.

        The exact 2x2 analysis (:mod:`cluster_games.games.two_by_two`) is the answer, in
        exact rationals. nashpy's vertex and support enumeration on the float payoffs is the
        independent check, and the
        ``method`` says whether it agreed (it may not where the payoffs span more than
        float64 can resolve, e.g. pi_YY ~ 1e-15 beside pi_NN ~ 1e16).
        """
        game = self.as_bimatrix()
        exact = game.equilibria(method="exact-2x2")
        try:
            numeric = game.equilibria(method="nashpy")
        except Exception as exc:  # nashpy's LP can fail on badly scaled payoffs
            return dataclasses.replace(exact, method=f"{exact.method}; nashpy failed ({type(exc).__name__})")
        if _same_equilibria(numeric, exact):
            return dataclasses.replace(exact, method=f"{exact.method}; nashpy agrees")
        return dataclasses.replace(exact, method=f"{exact.method}; nashpy disagreed (float64 resolution)")

    def to_nashpy(self) -> nashpy.Game:
        """The game as a :class:`nashpy.Game` (A row player, B column player)."""
        import nashpy

        return nashpy.Game(self.payoff_A, self.payoff_B)

    # ------------------------------------------------------------------ display
    def _rate_text(self) -> str:
        return rate_text(self.omega, self.W, self.omega_is_free_entry, self.W_is_monopoly)

    def __str__(self) -> str:
        A = self.payoff_A
        cell = [[f"({A[i, j]:.6g}, {A[j, i]:.6g})" for j in range(2)] for i in range(2)]
        width = max(len(x) for row in cell for x in row)
        lines = [f"ClusterGame({self._rate_text()}) payoffs (A, B):"]
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
        omega = r"\omega^*" if self.omega_is_free_entry else f"{self.omega:.6g}"
        return (
            f"$\\omega = {omega},\\ W = {self.W:.6g}:\\quad"
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


# ---------------------------------------------------------------------- rates of a game (k >= 2)
def checked_rates(
    params: Parameters,
    omega: float,
    W: float,
    *,
    omega_is_free_entry: bool,
    W_is_monopoly: bool,
    k: int = 2,
) -> tuple[float, float]:
    r"""The float rates of a game of ``k`` companies, checked exactly to lie in the domain of a game.

    ``omega`` is replaced by :math:`\omega^*(k)` where ``omega_is_free_entry``, ``W`` by
    :math:`W_m = K/(2\beta c)` where ``W_is_monopoly``. The domain (:mod:`cluster_games.domain`)
    is :math:`W > \omega`, :math:`D(W) \ge 0` and :math:`m(W) \ge 0`, decided in rationals
    (:math:`\omega^*` and :math:`W_m` through their defining identities, never their roundings).

    Raises
    ------
    TypeError
        If ``params`` is not a :class:`~cluster_games.parameters.Parameters`.
    InvalidParameterError
        Naming ``omega`` or ``W`` where a rate is not a finite real, or ``W`` where the
        rates are outside the domain of a game.
    NoEquilibriumError
        With ``omega_is_free_entry`` where no free-entry rate exists.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> checked_rates(Parameters(10, 1, 100, 1, 10, 1), 0.2, 2.0, omega_is_free_entry=False, W_is_monopoly=False)
    (0.2, 2.0)
    >>> checked_rates(Parameters(10, 1, 100, 1, 10, 1), 0.2, 0.1, omega_is_free_entry=False, W_is_monopoly=False)
    Traceback (most recent call last):
    ...
    cluster_games.errors.InvalidParameterError: parameter 'W': must exceed omega = 0.2, got 0.1
    """
    if not isinstance(params, Parameters):
        raise TypeError(f"params must be a Parameters instance, got {type(params).__name__}")
    omega = params.omega_star(k=k) if omega_is_free_entry else as_real_scalar("omega", omega)
    W = params.monopoly_rate if W_is_monopoly else as_real_scalar("W", W)
    if rates_gap(*exact_game_inputs(params, omega, W, omega_is_free_entry, W_is_monopoly), k=k) <= 0:
        hint = " (the default W is the monopoly rate W_m; give W explicitly)" if W_is_monopoly else ""
        raise InvalidParameterError("W", f"must exceed omega = {omega:.6g}, got {W:.6g}{hint}")
    alpha, beta, c, c_A = rational(params.alpha, params.beta, params.c, params.c_A)
    why = rate_domain_violation(alpha, beta, c, c_A, None if W_is_monopoly else Fraction(W))
    if why is not None:
        raise InvalidParameterError("W", why)
    return omega, W


def exact_game_inputs(
    params: Parameters, omega: float, W: float, omega_is_free_entry: bool, W_is_monopoly: bool
) -> tuple:
    """``(n, F, alpha, beta, c, c_A, omega, W)`` as rationals; ``None`` for a rate that is omega* or W_m."""
    return (
        *rational(*params.as_dict().values()),
        None if omega_is_free_entry else Fraction(omega),
        None if W_is_monopoly else Fraction(W),
    )


def rate_fields(rates: Rates | None) -> dict[str, float | bool]:
    """Constructor keywords of a game at ``rates`` (a rate left ``None`` is omega* or W_m, flagged).

    >>> rate_fields(Rates(omega=0.2))
    {'omega': 0.2, 'W': nan, 'omega_is_free_entry': False, 'W_is_monopoly': True}
    """
    rates = rates or Rates()
    return {
        "omega": math.nan if rates.omega is None else rates.omega,
        "W": math.nan if rates.W is None else rates.W,
        "omega_is_free_entry": rates.omega is None,
        "W_is_monopoly": rates.W is None,
    }


def rate_text(
    omega: float, W: float, omega_is_free_entry: bool, W_is_monopoly: bool, star: str = "omega*"
) -> str:
    """``omega=..., W=...`` with the rate's name where it is omega* (or ``star``) or W_m.

    >>> rate_text(0.1234567, 2.0, True, False)
    'omega=0.123457 (omega*), W=2'
    """
    omega_text = f"{omega:.6g}" + (f" ({star})" if omega_is_free_entry else "")
    W_text = f"{W:.6g}" + (" (W_m)" if W_is_monopoly else "")
    return f"omega={omega_text}, W={W_text}"
