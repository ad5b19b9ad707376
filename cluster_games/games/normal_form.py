r"""Finite games with any number of players in strategic form: the full payoff tables, for cross-checks.

:class:`NormalFormGame` stores each player's payoff as an exact array indexed by the
whole strategy profile. It is what a symmetric anonymous game
(:mod:`cluster_games.games.anonymous`) or a Gambit file with more than two players
becomes, so that its pure equilibria can be checked profile by profile and the game
handed to pygambit. The table has :math:`\prod_i m_i` profiles, so it is refused beyond
:data:`MAX_PROFILES`.

>>> g = NormalFormGame.from_function([("C", "D")] * 3, lambda profile: [3 - 2 * (s == "C") + profile.count("C") for s in profile])
>>> g.pure_equilibria()
(('D', 'D', 'D'),)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from ._rational import to_fraction

__all__ = ["NormalFormGame", "MAX_PROFILES"]

#: Largest number of strategy profiles a full table may have.
MAX_PROFILES = 2_000_000


@dataclass(frozen=True)
class NormalFormGame:
    """An N-player game: ``payoffs[profile]`` is the tuple of every player's exact payoff.

    Profiles are tuples of strategy indices, player 0's first.
    """

    strategies: tuple[tuple[str, ...], ...]
    payoffs: dict[tuple[int, ...], tuple[Fraction, ...]]
    players: tuple[str, ...] = ()
    title: str = ""

    def __post_init__(self) -> None:
        if not self.players:
            object.__setattr__(self, "players", tuple(f"player {i + 1}" for i in range(len(self.strategies))))
        expected = math.prod(len(s) for s in self.strategies)
        if len(self.payoffs) != expected:
            raise ValueError(f"expected payoffs for {expected} profiles, got {len(self.payoffs)}")

    @classmethod
    def from_function(
        cls,
        strategies: Sequence[Sequence[str]],
        payoff: Callable[[tuple[str, ...]], Sequence[Any]],
        *,
        players: Sequence[str] = (),
        title: str = "",
    ) -> NormalFormGame:
        """Tabulate ``payoff(profile of strategy names) -> payoffs of every player``."""
        names = tuple(tuple(str(s) for s in group) for group in strategies)
        size = math.prod(len(s) for s in names)
        if size > MAX_PROFILES:
            raise ValueError(
                f"the game has {size:,} strategy profiles; at most {MAX_PROFILES:,} are tabulated"
            )
        table = {}
        for profile in itertools.product(*(range(len(s)) for s in names)):
            values = payoff(tuple(names[i][a] for i, a in enumerate(profile)))
            if len(values) != len(names):
                raise ValueError(f"payoff must return one value per player, got {len(values)}")
            table[profile] = tuple(to_fraction(v, f"payoff at {profile}") for v in values)
        return cls(names, table, tuple(players), title)

    @property
    def n_players(self) -> int:
        return len(self.strategies)

    def pure_equilibria(self) -> tuple[tuple[str, ...], ...]:
        """Every pure-strategy Nash equilibrium, checked exactly against each unilateral deviation."""
        found = []
        for profile, values in self.payoffs.items():
            stable = True
            for i, own in enumerate(self.strategies):
                for b in range(len(own)):
                    if b != profile[i] and self.payoffs[(*profile[:i], b, *profile[i + 1 :])][i] > values[i]:
                        stable = False
                        break
                if not stable:
                    break
            if stable:
                found.append(tuple(self.strategies[i][a] for i, a in enumerate(profile)))
        return tuple(found)

    def arrays(self) -> list[list]:
        """Each player's payoffs as a nested list indexed by the profile (for pygambit's ``from_arrays``)."""
        shape = [len(s) for s in self.strategies]

        def nest(player: int, prefix: tuple[int, ...]):
            if len(prefix) == len(shape):
                return self.payoffs[prefix][player]
            return [nest(player, (*prefix, a)) for a in range(shape[len(prefix)])]

        return [nest(p, ()) for p in range(self.n_players)]

    def to_pygambit(self):
        """The game as a :class:`pygambit.Game` with exact payoffs."""
        import numpy as np
        import pygambit as gbt

        g = gbt.Game.from_arrays(
            *(np.array(a, dtype=object) for a in self.arrays()), title=self.title or "cluster_games game"
        )
        for player, name, strategies in zip(g.players, self.players, self.strategies, strict=True):
            player.label = name
            for strategy, label in zip(player.strategies, strategies, strict=True):
                strategy.label = label
        return g

    def to_bimatrix(self):
        """The two-player game as a :class:`~cluster_games.games.bimatrix.BimatrixGame`."""
        from .bimatrix import BimatrixGame

        if self.n_players != 2:
            raise ValueError(f"a bimatrix game has 2 players, this game has {self.n_players}")
        m, n = (len(s) for s in self.strategies)
        A = [[self.payoffs[(i, j)][0] for j in range(n)] for i in range(m)]
        B = [[self.payoffs[(i, j)][1] for j in range(n)] for i in range(m)]
        return BimatrixGame.from_arrays(A, B, self.strategies[0], self.strategies[1], title=self.title)
