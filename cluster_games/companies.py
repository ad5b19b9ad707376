r"""Beyond the paper: the stage game with k trading companies, and collusion in the repeated game.

:class:`CompanyGame` is the paper's game with :math:`k \ge 2` symmetric companies (SPEC
section 4, :mod:`cluster_games.model_k`) at given rates, built as a model-free
:class:`~cluster_games.games.anonymous.AnonymousGame`: a Y company's payoff depends on how
many others play Y, an N company's on whether anyone does. Payoffs are exact (rates are
dyadic rationals, :math:`\omega^*(k)` enters through :math:`M(\omega^*(k)) = kF/n` and
:math:`W_m` through :math:`M(W_m) = G^2/(4\beta)`). At :math:`k = 2` it is
:class:`~cluster_games.game.ClusterGame`, class, equilibria and all.

With :math:`M(r) = m(r) D(r)`, every company's choice is decided by two margins: Y against
any profile with another Y company (sign of :math:`M(\omega)`) and Y against all others N
(sign of :math:`k M(\omega) - M(W)`). Collusion on N at :math:`W` with Nash reversion is
sustainable iff :math:`\delta \ge \delta_c = (k M(\omega) - M(W)) / ((k - 1) M(\omega))`.

>>> from cluster_games import Parameters
>>> g = CompanyGame.at(Parameters(10, 1, 100, 1, 10, 1), k=3)
>>> g.classify(), g.pure_equilibria_Y(), round(float(g.collusion_threshold()), 6)
('no dominant strategy', (0, 3), -3298.916667)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import TYPE_CHECKING

from .errors import InvalidParameterError
from .game import (
    STRATEGIES,
    DominanceClass,
    checked_rates,
    classify_margins,
    exact_game_inputs,
    rate_fields,
    rate_text,
)
from .kernels.exact import profits, rational, sign
from .parameters import Parameters, Rates

if TYPE_CHECKING:  # pragma: no cover
    from .games.anonymous import AnonymousGame, SymmetricEquilibria
    from .games.dominance import PlayerDominance

__all__ = ["CompanyGame", "MAX_K", "check_k"]

#: Largest number of companies the exact game object handles (its mixed equilibrium is a root of
#: a degree k - 1 polynomial); the vectorised kernels and the proofs have no such limit.
MAX_K = 2000


def check_k(k: object) -> int:
    """``k`` as an integer number of companies, 2 <= k <= :data:`MAX_K`, or :class:`InvalidParameterError`."""
    if isinstance(k, bool) or not isinstance(k, (int, float)) or not math.isfinite(k) or k != int(k):
        raise InvalidParameterError("k", f"must be a whole number of companies, got {k!r}")
    if not 2 <= int(k) <= MAX_K:
        raise InvalidParameterError("k", f"must be from 2 to {MAX_K}, got {int(k)}")
    return int(k)


@dataclass(frozen=True)
class CompanyGame:
    r"""The stage game of ``k`` trading companies at ``params`` and rates ``omega < W``.

    Parameters are as for :class:`~cluster_games.game.ClusterGame`; ``omega_is_free_entry``
    means :math:`\omega^*(k)`, the free-entry rate with k companies.
    """

    params: Parameters
    k: int
    omega: float
    W: float
    omega_is_free_entry: bool = False
    W_is_monopoly: bool = False

    def __post_init__(self) -> None:
        object.__setattr__(self, "k", check_k(self.k))
        omega, W = checked_rates(
            self.params,
            self.omega,
            self.W,
            omega_is_free_entry=self.omega_is_free_entry,
            W_is_monopoly=self.W_is_monopoly,
            k=self.k,
        )
        object.__setattr__(self, "omega", omega)
        object.__setattr__(self, "W", W)

    @classmethod
    def at(cls, params: Parameters, k: int = 2, rates: Rates | None = None) -> CompanyGame:
        r"""The game at ``rates``; ``omega`` defaults to :math:`\omega^*(k)` and ``W`` to :math:`W_m`, exactly."""
        return cls(params, k, **rate_fields(rates))

    def _exact_inputs(self) -> tuple:
        return exact_game_inputs(
            self.params, self.omega, self.W, self.omega_is_free_entry, self.W_is_monopoly
        )

    # ------------------------------------------------------------------ exact payoffs
    def exact_profits(self) -> tuple[Fraction, Fraction]:
        r"""Exact :math:`(M(\omega), M(W))`."""
        return profits(*self._exact_inputs(), k=self.k)

    def payoff_Y(self) -> tuple[Fraction, ...]:
        """A Y company's payoff when 0, 1, ..., k - 1 others play Y: n M(omega)/(y + 1) - F."""
        n, F = rational(self.params.n, self.params.F)
        seeing, _ = self.exact_profits()
        return tuple(n * seeing / (y + 1) - F for y in range(self.k))

    def payoff_N(self) -> tuple[Fraction, ...]:
        """An N company's payoff when 0, 1, ..., k - 1 others play Y: n M(W)/k - F, then -F."""
        n, F = rational(self.params.n, self.params.F)
        _, hiding = self.exact_profits()
        return (n * hiding / self.k - F, *(-F for _ in range(self.k - 1)))

    def as_anonymous(self) -> AnonymousGame:
        """The game as a model-free :class:`~cluster_games.games.anonymous.AnonymousGame` (actions Y, N)."""
        from .games.anonymous import AnonymousGame

        return AnonymousGame.two_actions(
            self.k, self.payoff_Y(), self.payoff_N(), STRATEGIES, title=self._title()
        )

    # ------------------------------------------------------------------ analyses
    def margins(self) -> tuple[Fraction, Fraction]:
        r""":math:`(M(\omega), k M(\omega) - M(W))`: Y against another Y company, and against all N."""
        seeing, hiding = self.exact_profits()
        return seeing, self.k * seeing - hiding

    def classify(self) -> DominanceClass:
        """One company's dominance situation (all are alike), decided exactly."""
        a, b = self.margins()
        return classify_margins(sign(a), sign(b))

    def dominance(self) -> PlayerDominance:
        """Dominance of Y and N for every company, from the model-free anonymous game."""
        return self.as_anonymous().dominance()

    def pure_equilibria_Y(self) -> tuple[int, ...]:
        """The numbers of Y companies in the pure equilibria, sorted (from the anonymous game)."""
        return tuple(sorted(dict(eq).get("Y", 0) for eq in self.as_anonymous().pure_equilibria()))

    def symmetric_equilibria(self) -> SymmetricEquilibria:
        """Symmetric equilibria, exact: P(Y) = 1, the interior roots, P(Y) = 0 (see the anonymous game)."""
        return self.as_anonymous().symmetric_equilibria()

    def collusion_threshold(self) -> Fraction | None:
        r""":math:`\delta_c = (k M(\omega) - M(W)) / ((k - 1) M(\omega))`, exact; ``None`` if :math:`M(\omega) = 0`.

        :math:`\le 0`: all-N is already a stage equilibrium; :math:`\ge 1`: collusion at W is never sustainable.
        ``None`` where :math:`M(\omega) \le 0`: there is no gain from deviating to Y to deter.
        """
        seeing, hiding = self.exact_profits()
        if seeing <= 0:
            return None
        return (self.k * seeing - hiding) / ((self.k - 1) * seeing)

    def collusion_sustainable(self, delta: float | Fraction) -> bool | None:
        r"""Whether all-N at W with Nash reversion is subgame perfect at discount factor ``delta``, exactly.

        Sustainable iff :math:`\delta \ge \delta_c`: at :math:`\delta = \delta_c` colluding is exactly as
        good as the best deviation, which is still an equilibrium. ``delta`` may be a Fraction (a
        threshold that is no float). ``None`` where :math:`M(\omega) \le 0` (the threshold is not defined).

        >>> from cluster_games import Parameters
        >>> g = CompanyGame(Parameters(2, 1, 8, 1, 1, 0), 2, 1.0, 2.5)
        >>> g.collusion_threshold(), g.collusion_sustainable(0.125), g.collusion_sustainable(0.124)
        (Fraction(1, 8), True, False)
        """
        if isinstance(delta, bool) or not isinstance(delta, (int, float, Fraction)) or not 0 < delta < 1:
            raise InvalidParameterError("delta", f"must be a discount factor in (0, 1), got {delta!r}")
        threshold = self.collusion_threshold()
        return None if threshold is None else Fraction(delta) >= threshold

    # ------------------------------------------------------------------ display
    def _title(self) -> str:
        rates = rate_text(self.omega, self.W, self.omega_is_free_entry, self.W_is_monopoly, star="omega*(k)")
        return f"{self.k} trading companies at {rates}"

    def __str__(self) -> str:
        ys, ns = self.payoff_Y(), self.payoff_N()
        shown = range(self.k) if self.k <= 8 else [0, 1, 2, None, self.k - 2, self.k - 1]
        rows = [
            "  ..."
            if y is None
            else f"  {y} others on Y: Y earns {float(ys[y]):.6g}, N earns {float(ns[y]):.6g}"
            for y in shown
        ]
        return "\n".join([self._title() + " (beyond the paper):", *rows])
