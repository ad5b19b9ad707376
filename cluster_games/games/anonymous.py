r"""Symmetric anonymous games: k players, m actions, payoffs that depend on counts only.

A player's payoff :math:`u(a, c)` depends on its own action :math:`a` and on how many of
the *other* :math:`k - 1` players choose each action, :math:`c = (c_1, \dots, c_m)` with
:math:`\sum c = k - 1` (a *profile of the others*, listed in :attr:`AnonymousGame.profiles`).
Every player has the same :math:`u`, so the game is described by an
:math:`m \times \binom{k + m - 2}{m - 1}` table instead of :math:`k m^k` numbers.

* **Dominance** and **iterated elimination** treat the others' profiles as the columns of
  a one-player table (:mod:`~cluster_games.games.dominance`); elimination is symmetric
  (an action dominated for one player is dominated for all).
* **Pure equilibria** are action counts :math:`n` (:math:`\sum n = k`) such that no player
  gains by switching: :math:`u(a, n - e_a) \ge u(b, n - e_a)` whenever :math:`n_a > 0`.
* **Symmetric mixed equilibria** for two actions: with every player choosing action 0
  with probability :math:`p`, the gain from action 0 is the Bernstein polynomial

  .. math:: g(p) = \sum_{j=0}^{k-1} \binom{k-1}{j} p^j (1-p)^{k-1-j} \bigl(u(0, j) - u(1, j)\bigr),

  :math:`j` the number of others choosing action 0. The symmetric equilibria are
  :math:`p = 1` if :math:`g(1) \ge 0`, :math:`p = 0` if :math:`g(0) \le 0`, and the roots of
  :math:`g` in :math:`(0, 1)` (every :math:`p` if :math:`g \equiv 0`). The payoff differences
  are :math:`g`'s Bernstein coefficients, so their sign changes bound the number of roots
  (:mod:`~cluster_games.games.roots`): with none there is no interior root, with one exactly
  one, certified by an exact rational bracket (any k); with more, sympy isolates the roots of
  the power-basis polynomial exactly (up to :data:`MAX_ISOLATION_DEGREE`).
"""

from __future__ import annotations

import math
import numbers
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from math import comb
from typing import Any

import numpy as np

from ._rational import labels, to_fraction
from .dominance import PlayerDominance, player_dominance
from .elimination import EliminationResult, eliminate
from .roots import sign_changes, single_root

__all__ = [
    "AnonymousGame",
    "SymmetricEquilibria",
    "compositions",
    "table_size",
    "MAX_ISOLATION_DEGREE",
    "MAX_TABLE",
]

#: Largest degree of a gain polynomial with several sign changes whose roots sympy isolates
#: (its cost grows steeply with the degree; one sign change needs no sympy at any degree).
MAX_ISOLATION_DEGREE = 60

#: Most entries of the payoff table (actions x profiles of the others), checked from k and the
#: number of actions before any profile is listed: 100,000 exact payoffs take about 2 s and 15 MB
#: (k = 1000 players with 5 actions would need 2.1e11 entries: 56 s to a MemoryError).
MAX_TABLE = 100_000


#: Most payoffs (profiles x players) :meth:`AnonymousGame.to_normal_form` tabulates: about 10 s
#: (measured: 4 microseconds a payoff, 18 s for 18 players with 2 actions).
MAX_NORMAL_FORM_PAYOFFS = 2_500_000


def table_size(k: int, actions: int) -> int:
    """Entries of the payoff table: ``actions * C(k + actions - 2, actions - 1)``.

    >>> table_size(3, 2), table_size(1000, 5)
    (6, 209585626250)
    """
    return actions * comb(k - 1 + actions - 1, actions - 1)


def _check_size(k: int, actions: int) -> None:
    size = table_size(k, actions)
    if size > MAX_TABLE:
        raise ValueError(
            f"an anonymous game of {k} players and {actions} actions has a payoff table of {size:,} entries "
            f"(actions x profiles of the others); at most {MAX_TABLE:,} are built (about 2 s)"
        )


def _players(k: object) -> int:
    if isinstance(k, bool) or not isinstance(k, numbers.Integral) or k < 2:
        raise ValueError(f"k must be an integer >= 2, got {k!r}")
    return int(k)


def compositions(total: int, parts: int) -> tuple[tuple[int, ...], ...]:
    """Every way of writing ``total`` as ``parts`` non-negative counts, the first count descending.

    >>> compositions(2, 2)
    ((2, 0), (1, 1), (0, 2))
    """
    if parts == 1:
        return ((total,),)
    return tuple(
        (first, *rest) for first in range(total, -1, -1) for rest in compositions(total - first, parts - 1)
    )


@dataclass(frozen=True)
class SymmetricEquilibria:
    """Symmetric equilibria of a two-action anonymous game.

    Attributes
    ----------
    probabilities : tuple
        Each equilibrium's probability of action 0, exact, in decreasing order: a Fraction, an
        :class:`~cluster_games.games.roots.IsolatedRoot` (an irrational root certified by an exact
        bracket; ``float()`` gives its value) or, for several interior roots, a sympy algebraic number.
    continuum : bool
        Every symmetric profile is an equilibrium (:math:`g \\equiv 0`).
    coefficients : tuple of Fraction
        Bernstein coefficients of :math:`g` (the payoff differences :math:`u(0, j) - u(1, j)`).
    method : str
        How the interior roots were found.
    """

    actions: tuple[str, ...]
    probabilities: tuple[Any, ...]
    continuum: bool
    coefficients: tuple[Fraction, ...] = ()
    method: str = ""

    @property
    def gain(self) -> str:
        """The polynomial :math:`g(p)` as text (factored by sympy up to degree 8)."""
        k = len(self.coefficients)
        if k > 9:
            return f"sum_j C({k - 1}, j) p^j (1 - p)^({k - 1} - j) b_j, b = [{self.coefficients[0]}, ...]"
        import sympy as sp

        p = sp.Symbol("p")
        return str(sp.factor(_power_form(self.coefficients, p)))

    @property
    def values(self) -> tuple[float, ...]:
        return tuple(float(p) for p in self.probabilities)

    def __str__(self) -> str:
        a0, a1 = self.actions
        if self.continuum:
            return f"every symmetric profile is an equilibrium (g(p) = 0 for all p; {a0} and {a1} tie)"
        names = []
        for p in self.probabilities:
            names.append(a0 if p == 1 else a1 if p == 0 else f"P({a0}) = {float(p):.6g}")
        noun = "symmetric equilibrium" if len(names) == 1 else "symmetric equilibria"
        return f"{len(names)} {noun}: " + ", ".join(names)


@dataclass(frozen=True)
class AnonymousGame:
    """``k`` symmetric players, actions ``actions``, and ``table[a][i] = u(a, profiles[i])``.

    Build it with :meth:`from_function` or :meth:`two_actions`.
    """

    k: int
    actions: tuple[str, ...]
    table: tuple[tuple[Fraction, ...], ...]
    title: str = ""

    def __post_init__(self) -> None:
        if isinstance(self.k, bool) or not isinstance(self.k, numbers.Integral) or self.k < 2:
            raise ValueError(
                f"an anonymous game needs an integer number k >= 2 of players, got k = {self.k!r}"
            )
        _check_size(self.k, len(self.actions))
        if len(self.table) != len(self.actions) or any(len(r) != len(self.profiles) for r in self.table):
            raise ValueError(f"the table must have {len(self.actions)} rows of {len(self.profiles)} payoffs")

    @classmethod
    def from_function(
        cls, k: int, actions: Sequence[str], payoff: Callable[[str, dict[str, int]], Any], *, title: str = ""
    ) -> AnonymousGame:
        """The game with ``payoff(action, {action: number of others choosing it})``.

        The size of the table is checked before any profile is listed (:data:`MAX_TABLE`).
        """
        k = _players(k)
        if not isinstance(actions, Sequence):
            raise ValueError(f"actions must be a sequence of names, got {type(actions).__name__}")
        if not callable(payoff):
            raise ValueError(
                f"payoff must be a function of (action, counts of the others), got {type(payoff).__name__}"
            )
        names = labels(actions, len(actions), "a")
        if len(names) < 1:
            raise ValueError("at least one action is needed")
        _check_size(k, len(names))
        profiles = compositions(k - 1, len(names))
        table = tuple(
            tuple(to_fraction(payoff(a, dict(zip(names, c, strict=True))), f"u({a}, {c})") for c in profiles)
            for a in names
        )
        return cls(k, names, table, title)

    @classmethod
    def two_actions(
        cls,
        k: int,
        first: Sequence[Any],
        second: Sequence[Any],
        actions: Sequence[str] = ("Y", "N"),
        *,
        title: str = "",
    ) -> AnonymousGame:
        """Two actions; ``first[j]`` / ``second[j]``: payoff of choosing action 0 / 1 when ``j`` others choose action 0.

        >>> g = AnonymousGame.two_actions(3, [2, 3, 4], [0, 1, 2], ("C", "D"))
        >>> g.pure_equilibria(), g.dominance().strictly_dominant  # one equilibrium: all three play C
        (((('C', 3),),), 'C')
        """
        k = _players(k)
        for name, values in (("first", first), ("second", second)):
            if isinstance(values, str) or not isinstance(values, (Sequence, np.ndarray)):
                raise ValueError(f"{name} must be a sequence of {k} payoffs, got {type(values).__name__}")
        if len(first) != k or len(second) != k:
            raise ValueError(f"need {k} payoffs per action (for 0 .. k - 1 others choosing the first)")
        if not isinstance(actions, Sequence) or len(actions) != 2:
            raise ValueError(f"two_actions needs two action names, got {actions!r}")
        values = {0: first, 1: second}
        return cls.from_function(
            k, actions, lambda a, c: values[list(actions).index(a)][c[actions[0]]], title=title
        )

    # ------------------------------------------------------------------ structure
    @cached_property
    def profiles(self) -> tuple[tuple[int, ...], ...]:
        """The others' profiles (counts per action), the columns of :attr:`table`."""
        return compositions(self.k - 1, len(self.actions))

    @cached_property
    def _column(self) -> dict[tuple[int, ...], int]:
        return {c: i for i, c in enumerate(self.profiles)}

    def payoff(self, action: str, others: dict[str, int]) -> Fraction:
        """:math:`u(a, c)` for an action and the others' counts."""
        c = tuple(others.get(a, 0) for a in self.actions)
        return self.table[self.actions.index(action)][self._column[c]]

    def _profile_names(self) -> tuple[str, ...]:
        return tuple(
            ", ".join(f"{n} {a}" for n, a in zip(c, self.actions, strict=True) if n) or "none"
            for c in self.profiles
        )

    # ------------------------------------------------------------------ analyses
    def dominance(self, *, mixed: bool = True) -> PlayerDominance:
        """Dominant and dominated actions, against every profile of the others."""
        return player_dominance(self.table, "every player", self.actions, self._profile_names(), mixed=mixed)

    def eliminate(self, *, mixed: bool = True, weak: bool = False) -> EliminationResult:
        """Symmetric iterated elimination: the others' profiles shrink with the surviving actions."""
        profiles = self.profiles

        def columns(alive: list[list[int]]) -> list[int]:
            keep = set(alive[0])
            return [i for i, c in enumerate(profiles) if all(n == 0 or a in keep for a, n in enumerate(c))]

        ((rows, steps),) = eliminate(
            [("every player", self.table, self.actions, columns)], mixed=mixed, weak=weak
        )
        names = tuple(self.actions[i] for i in rows)
        return EliminationResult(names, names, tuple(steps), weak, tuple(rows), tuple(rows))

    def pure_equilibria(self) -> tuple[tuple[tuple[str, int], ...], ...]:
        """Pure equilibria as action counts, e.g. ``(("Y", 2), ("N", 1))`` (players are interchangeable)."""
        found = []
        for n in compositions(self.k, len(self.actions)):
            stable = True
            for a, na in enumerate(n):
                if na == 0:
                    continue
                others = tuple(x - (i == a) for i, x in enumerate(n))
                col = self._column[others]
                if any(self.table[b][col] > self.table[a][col] for b in range(len(self.actions))):
                    stable = False
                    break
            if stable:
                found.append(tuple((a, x) for a, x in zip(self.actions, n, strict=True) if x))
        return tuple(found)

    def symmetric_equilibria(self) -> SymmetricEquilibria:
        """All symmetric equilibria of a two-action game, exactly (see the module docstring).

        Raises
        ------
        ValueError
            With more than two actions, or when the gain polynomial changes sign more than once
            and its degree exceeds :data:`MAX_ISOLATION_DEGREE`.
        """
        if len(self.actions) != 2:
            raise ValueError(
                f"symmetric mixed equilibria are computed for two actions, this game has {len(self.actions)}: "
                "use to_normal_form() and pygambit for the others"
            )
        k = self.k
        column = self._column
        # column of j others choosing action 0 is profile (j, k - 1 - j)
        d = tuple(
            self.table[0][column[(j, k - 1 - j)]] - self.table[1][column[(j, k - 1 - j)]] for j in range(k)
        )
        if not any(d):
            return SymmetricEquilibria(self.actions, (), True, d, "g = 0")
        changes = sign_changes(d)
        if changes == 0:
            interior, method = [], "no sign change in the Bernstein coefficients: no interior root"
        elif changes == 1:
            interior = [single_root(d)]
            method = "one sign change: one root, certified by an exact rational bracket"
        elif k - 1 > MAX_ISOLATION_DEGREE:
            raise ValueError(
                f"the gain polynomial has degree {k - 1} and {changes} sign changes: exact isolation of "
                f"several roots is supported up to degree {MAX_ISOLATION_DEGREE}"
            )
        else:
            interior, method = _sympy_roots(d), "sympy real-root isolation (exact algebraic numbers)"
        points: list[Any] = [Fraction(1)] if d[k - 1] >= 0 else []
        points += sorted(interior, key=lambda v: -float(v))
        if d[0] <= 0:
            points.append(Fraction(0))
        return SymmetricEquilibria(self.actions, tuple(points), False, d, method)

    def to_normal_form(self):
        """The full k-player strategic form (:class:`~cluster_games.games.normal_form.NormalFormGame`).

        It has ``m**k`` profiles of ``k`` payoffs each (m actions): refused up front beyond
        :data:`~cluster_games.games.normal_form.MAX_PROFILES` profiles, or beyond
        :data:`MAX_NORMAL_FORM_PAYOFFS` payoffs (about 10 s).
        """
        from .normal_form import MAX_PROFILES, NormalFormGame

        m = len(self.actions)
        profiles = m**self.k if self.k * math.log2(max(m, 2)) < 64 else 2**64
        if profiles <= MAX_PROFILES and profiles * self.k > MAX_NORMAL_FORM_PAYOFFS:
            raise ValueError(
                f"the strategic form of {self.k} players with {m} actions has {profiles:,} profiles of "
                f"{self.k} payoffs, about {profiles * self.k * 4e-6:.2g} s to tabulate; at most "
                f"{MAX_NORMAL_FORM_PAYOFFS:,} payoffs are tabulated"
            )
        index = {a: i for i, a in enumerate(self.actions)}
        column = self._column

        def payoff(profile: tuple[str, ...]) -> list[Fraction]:
            counts = [0] * m
            for a in profile:
                counts[index[a]] += 1
            out = []
            for a in profile:
                i = index[a]
                counts[i] -= 1  # the others' profile: one player of action a fewer
                out.append(self.table[i][column[tuple(counts)]])
                counts[i] += 1
            return out

        return NormalFormGame.from_function([self.actions] * self.k, payoff, title=self.title)

    def __str__(self) -> str:
        head = f"{self.title + ': ' if self.title else ''}anonymous game, k = {self.k}, actions {list(self.actions)}"
        rows = [
            f"  u({a}, others: {name}) = {', '.join(str(v) for v in [self.table[i][c]])}"
            for i, a in enumerate(self.actions)
            for c, name in enumerate(self._profile_names())
        ]
        return "\n".join([head, *rows])


def _power_form(coefficients: Sequence[Fraction], p):
    """:math:`g(p)` from its Bernstein coefficients, as a sympy expression."""
    import sympy as sp

    n = len(coefficients) - 1
    return sp.expand(
        sum(
            comb(n, j) * p**j * (1 - p) ** (n - j) * sp.Rational(b.numerator, b.denominator)
            for j, b in enumerate(coefficients)
        )
    )


def _sympy_roots(coefficients: Sequence[Fraction]) -> list[Any]:
    """Roots of :math:`g` in (0, 1), exact: Fractions where rational, sympy algebraic numbers otherwise."""
    import sympy as sp

    p = sp.Symbol("p")
    roots = [r for r in sp.Poly(_power_form(coefficients, p), p).real_roots() if 0 < r < 1]
    return [Fraction(int(r.p), int(r.q)) if r.is_Rational else r for r in sorted(set(roots), key=float)]
