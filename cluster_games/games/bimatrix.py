r"""Finite two-player games in strategic form, with exact payoffs.

:class:`BimatrixGame` holds the payoffs as exact rationals (conventions as nashpy:
``A[i][j]`` and ``B[i][j]`` are the row and column player's payoffs when row plays
``i`` and column plays ``j``) and gathers the analyses of this subpackage: dominance,
iterated elimination, pure and mixed equilibria. Games can be read from Gambit's
strategic-form files (:mod:`cluster_games.games.nfg`).

>>> g = BimatrixGame.from_arrays([[3, 0], [5, 1]], [[3, 5], [0, 1]], "CD", "CD", title="Prisoner's dilemma")
>>> g.shape, g.pure_equilibria()
((2, 2), (('D', 'D'),))
>>> print(g.equilibria())
unique equilibrium: (D, D)
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

import numpy as np

from . import cost
from ._rational import Matrix, as_float, labels, matrix, text
from .dominance import PlayerDominance, player_dominance
from .elimination import EliminationResult, iterated_elimination
from .equilibria import METHODS, EquilibriumSet

__all__ = ["BimatrixGame"]


@dataclass(frozen=True)
class BimatrixGame:
    """A two-player game: exact payoff matrices, strategy labels and a title.

    Build it with :meth:`from_arrays` (numbers, Fractions or strings such as ``"1/3"``),
    :meth:`zero_sum`, or :func:`cluster_games.games.nfg.read_nfg`.
    """

    A: Matrix
    B: Matrix
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]
    title: str = ""

    def __post_init__(self) -> None:
        if (len(self.A), len(self.A[0])) != (len(self.B), len(self.B[0])):
            raise ValueError(
                f"A and B must have the same shape, got {self.shape} and {(len(self.B), len(self.B[0]))}"
            )
        if len(self.row_labels) != len(self.A) or len(self.col_labels) != len(self.A[0]):
            raise ValueError("one label per strategy is needed")

    @classmethod
    def from_arrays(
        cls,
        A: Any,
        B: Any,
        row_labels: Sequence[str] | None = None,
        col_labels: Sequence[str] | None = None,
        *,
        title: str = "",
    ) -> BimatrixGame:
        """The game with payoffs ``A`` (row player) and ``B`` (column player), taken exactly."""
        Am, Bm = matrix(A, "A"), matrix(B, "B")
        return cls(Am, Bm, labels(row_labels, len(Am), "r"), labels(col_labels, len(Am[0]), "c"), title)

    @classmethod
    def zero_sum(cls, A: Any, row_labels=None, col_labels=None, *, title: str = "") -> BimatrixGame:
        """The zero-sum game ``(A, -A)``."""
        Am = matrix(A, "A")
        return cls.from_arrays(Am, [[-v for v in row] for row in Am], row_labels, col_labels, title=title)

    # ------------------------------------------------------------------ views
    @property
    def shape(self) -> tuple[int, int]:
        return len(self.A), len(self.A[0])

    @property
    def A_float(self) -> np.ndarray:
        return as_float(self.A)

    @property
    def B_float(self) -> np.ndarray:
        return as_float(self.B)

    def own_matrix(self, player: int) -> Matrix:
        """Player 0's (row) or 1's (column) payoffs with its own strategies as rows."""
        return self.A if player == 0 else tuple(zip(*self.B, strict=True))

    # ------------------------------------------------------------------ analyses
    def dominance(
        self, *, mixed: bool = True, max_seconds: float | None = cost.MAX_SECONDS
    ) -> tuple[PlayerDominance, PlayerDominance]:
        """Dominant and dominated strategies of each player (see :mod:`cluster_games.games.dominance`).

        Refused with :class:`~cluster_games.games.cost.TooMuchWork` when estimated to take longer
        than ``max_seconds`` (see :mod:`cluster_games.games.cost`; ``None``: no limit).
        """
        if mixed:
            cost.require(cost.estimate(self.shape, A=self.A, B=self.B, equilibria=False), max_seconds)
        return (
            player_dominance(self.A, "row", self.row_labels, self.col_labels, mixed=mixed),
            player_dominance(self.own_matrix(1), "column", self.col_labels, self.row_labels, mixed=mixed),
        )

    def eliminate(
        self, *, mixed: bool = True, weak: bool = False, max_seconds: float | None = cost.MAX_SECONDS
    ) -> EliminationResult:
        """Iterated elimination of dominated strategies (see :mod:`cluster_games.games.elimination`).

        Refused, like :meth:`dominance`, when estimated to take longer than ``max_seconds``.
        """
        if mixed:
            cost.require(cost.estimate(self.shape, A=self.A, B=self.B, equilibria=False), max_seconds)
        return iterated_elimination(self.A, self.B, self.row_labels, self.col_labels, mixed=mixed, weak=weak)

    def pure_equilibria(self) -> tuple[tuple[str, str], ...]:
        """Pure-strategy equilibria, exactly: each strategy a best response to the other."""
        m, n = self.shape
        col_best = [max(self.A[i][j] for i in range(m)) for j in range(n)]
        row_best = [max(self.B[i][j] for j in range(n)) for i in range(m)]
        return tuple(
            (self.row_labels[i], self.col_labels[j])
            for i in range(m)
            for j in range(n)
            if self.A[i][j] == col_best[j] and self.B[i][j] == row_best[i]
        )

    def equilibria(
        self,
        *,
        method: str = "auto",
        max_seconds: float | None = cost.MAX_SECONDS,
        progress: bool | None = None,
    ) -> EquilibriumSet:
        """All Nash equilibria; ``method`` as in :func:`cluster_games.games.equilibria.nash_equilibria`.

        ``"auto"`` answers a game where a player has a single strategy directly (its opponent's
        best responses), a 2x2 game by exact analysis and any other by exact enumeration
        (:mod:`cluster_games.games.enumeration`). A method estimated to take longer than
        ``max_seconds`` is refused with :class:`~cluster_games.games.cost.TooMuchWork` before it
        starts (``None``: no limit); an enumeration still running at the limit stops there.
        ``progress`` shows a progress bar of a long enumeration (default: on a terminal).
        """
        from . import _nashpy, enumeration, vertex_enumeration
        from .equilibria import assemble
        from .two_by_two import equilibria_2x2

        if method not in METHODS:
            raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
        requested = method
        method = cost.equilibria_method(self.shape, method)
        if requested == "auto" and method in enumeration.ROUTES and enumeration.prefers_cdd(self.A, self.B):
            method = "vertex-enumeration"  # heavily tied: cddlib's double description is faster there
        if method not in enumeration.ROUTES:  # the enumeration estimates, refuses and stops by itself
            cost.require(cost.estimate(self.shape, method, dominance=False), max_seconds)
        rl, cl = self.row_labels, self.col_labels
        if method == "single-strategy":
            return self._single_strategy(assemble)
        if method == "exact-2x2":
            return equilibria_2x2(self.A, self.B, rl, cl)
        if method == "nashpy":
            return _nashpy.enumerate_float(self.A, self.B, rl, cl)
        if method == "lemke-howson":
            from .lemke_howson import lemke_howson_all

            found = lemke_howson_all(self.A, self.B)
            xs = sorted({x for x, _ in found})
            ys = sorted({y for _, y in found})
            return assemble(
                xs,
                ys,
                [(xs.index(x), ys.index(y)) for x, y in found],
                rl,
                cl,
                degenerate=False,
                method="Lemke-Howson from every dropped label (lexicographic, rationals): some equilibria, not necessarily all",
                complete=False,
            )
        if method == "vertex-enumeration":
            xs, ys, pairs, degenerate = vertex_enumeration.extreme_equilibria(self.A, self.B)
            how = "exact vertex enumeration of the best-response polytopes (pycddlib, rationals)"
        else:
            route = "auto" if requested == "auto" else method  # "auto" may fall to pivoting on huge payoffs
            xs, ys, pairs, degenerate, how = enumeration.extreme_equilibria(
                self.A, self.B, method=route, max_seconds=max_seconds, progress=progress
            )
        return assemble(xs, ys, pairs, rl, cl, degenerate=degenerate, method=how)

    def _single_strategy(self, assemble) -> EquilibriumSet:
        """A player with one strategy: the equilibria are it against each best response of the other."""
        m, n = self.shape
        if m == 1:
            top = max(self.B[0])
            best = [j for j in range(n) if self.B[0][j] == top]
            xs, ys = [(Fraction(1),)], [tuple(Fraction(int(j == b)) for j in range(n)) for b in best]
            pairs = [(0, k) for k in range(len(best))]
        else:
            top = max(row[0] for row in self.A)
            best = [i for i in range(m) if self.A[i][0] == top]
            xs, ys = [tuple(Fraction(int(i == b)) for i in range(m)) for b in best], [(Fraction(1),)]
            pairs = [(k, 0) for k in range(len(best))]
        return assemble(
            xs,
            ys,
            pairs,
            self.row_labels,
            self.col_labels,
            degenerate=len(best) > 1,
            method="exact: one player has a single strategy, the other's best responses to it",
        )

    # ------------------------------------------------------------------ conversion and display
    def to_nashpy(self):
        """The game as a :class:`nashpy.Game` (floats)."""
        import nashpy

        return nashpy.Game(self.A_float, self.B_float)

    def to_pygambit(self):
        """The game as a :class:`pygambit.Game` with exact rational payoffs (pygambit: extras ``peers``, ``bench``)."""
        import pygambit as gbt

        g = gbt.Game.from_arrays(
            [list(r) for r in self.A],
            [list(r) for r in self.B],
            title=self.title or "cluster_games bimatrix game",
        )
        for strategy, label in zip(g.players[0].strategies, self.row_labels, strict=True):
            strategy.label = label
        for strategy, label in zip(g.players[1].strategies, self.col_labels, strict=True):
            strategy.label = label
        return g

    def __str__(self) -> str:
        cells = [
            [f"{text(self.A[i][j])}, {text(self.B[i][j])}" for j in range(self.shape[1])]
            for i in range(self.shape[0])
        ]
        width = max(max(len(c) for row in cells for c in row), *(len(s) for s in self.col_labels))
        lead = max(len(s) for s in self.row_labels)
        head = " " * (lead + 2) + "  ".join(s.ljust(width) for s in self.col_labels)
        body = [
            f"{r.ljust(lead)}  " + "  ".join(c.ljust(width) for c in row)
            for r, row in zip(self.row_labels, cells, strict=True)
        ]
        return "\n".join(([self.title] if self.title else []) + [head, *body])

    def _repr_markdown_(self) -> str:
        head = "| | " + " | ".join(self.col_labels) + " |\n|---|" + "---|" * self.shape[1]
        rows = [
            f"| **{r}** | " + " | ".join(f"{text(a)}, {text(b)}" for a, b in zip(ra, rb, strict=True)) + " |"
            for r, ra, rb in zip(self.row_labels, self.A, self.B, strict=True)
        ]
        return "\n".join(([f"**{self.title}**", ""] if self.title else []) + [head, *rows])
