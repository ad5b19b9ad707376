r"""Iterated elimination of dominated strategies, round by round, decided exactly.

Each **round** removes, for every player at once, all strategies dominated in the game
that survived the previous rounds (pure or mixed dominators,
:func:`~cluster_games.games.dominance.dominated_by`), until a round removes nothing.

* **Strict** dominance (the default): the surviving set does not depend on the order
  of elimination, nor on removing one or all dominated strategies per round.
* **Weak** dominance (``weak=True``): the survivors *can* depend on the order; this
  module removes all weakly dominated strategies of every player simultaneously in each
  round, the usual convention, and says so in the result.

The same procedure serves bimatrix games (two own payoff matrices) and symmetric
anonymous games (one matrix of actions against the others' profiles,
:mod:`cluster_games.games.anonymous`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

from ._rational import Matrix, labels, matrix, text
from .dominance import dominated_by

__all__ = ["Elimination", "EliminationResult", "iterated_elimination", "eliminate"]


@dataclass(frozen=True)
class Elimination:
    """In round ``round``, ``strategy`` of ``player`` is dominated by the mixture ``dominated_by``.

    ``margin`` is the dominator's smallest gain over the remaining columns (zero for weak dominance).
    """

    player: str
    strategy: str
    dominated_by: dict[str, Fraction]
    margin: Fraction
    round: int = 1
    strict: bool = True

    def __str__(self) -> str:
        if len(self.dominated_by) == 1:
            by = next(iter(self.dominated_by))
        else:
            by = " + ".join(f"{text(p)} {s}" for s, p in self.dominated_by.items())
        kind = "strictly" if self.strict else "weakly"
        return f"round {self.round}: {self.player} {self.strategy} {kind} dominated by {by} (margin {text(self.margin)})"


@dataclass(frozen=True)
class EliminationResult:
    """Outcome of iterated elimination.

    Attributes
    ----------
    row_strategies, col_strategies : tuple of str
        The survivors (for an anonymous game both are the surviving actions).
    steps : tuple of Elimination
        Every elimination, in round order.
    weak : bool
        Weak dominance was used (then the result may depend on the order of elimination).
    row_indices, col_indices : tuple of int
        0-based indices of the survivors.
    """

    row_strategies: tuple[str, ...]
    col_strategies: tuple[str, ...]
    steps: tuple[Elimination, ...] = field(default_factory=tuple)
    weak: bool = False
    row_indices: tuple[int, ...] = ()
    col_indices: tuple[int, ...] = ()

    @property
    def rounds(self) -> int:
        """Number of rounds that removed something."""
        return max((s.round for s in self.steps), default=0)

    @property
    def solved(self) -> bool:
        """True when a single strategy profile survives (the game is dominance solvable)."""
        return len(self.row_strategies) == 1 and len(self.col_strategies) == 1

    def __str__(self) -> str:
        lines = [str(s) for s in self.steps] or ["no dominated strategy"]
        lines.append(f"surviving: row {list(self.row_strategies)}, column {list(self.col_strategies)}")
        if self.weak:
            lines.append(
                "(weak dominance: all weakly dominated strategies removed in each round; order matters)"
            )
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        steps = "\n".join(f"1. {s}" for s in self.steps) or "No dominated strategy."
        return (
            f"{steps}\n\nSurviving: row {', '.join(self.row_strategies)}; "
            f"column {', '.join(self.col_strategies)}"
        )


#: A player in :func:`eliminate`: name, own matrix (rows: its strategies, columns: the others'
#: profiles), labels, and a function giving the columns that survive given every player's rows.
_Player = tuple[str, Matrix, Sequence[str], Callable[[list[list[int]]], list[int]]]


def eliminate(
    players: Sequence[_Player], *, mixed: bool = True, weak: bool = False
) -> list[tuple[list[int], list[Elimination]]]:
    """The engine: each player's surviving rows and its eliminations, round by round."""
    alive = [list(range(len(M))) for _, M, _, _ in players]
    steps: list[list[Elimination]] = [[] for _ in players]
    r = 0
    while True:
        r += 1
        removals = []
        for p, (name, M, labs, columns) in enumerate(players):
            cols = columns(alive)
            for s in alive[p]:
                d = dominated_by(M, s, alive[p], cols, labs, weak=weak, mixtures=mixed)
                if d is not None:
                    removals.append((p, s, Elimination(name, d.strategy, d.by, d.margin, r, d.strict)))
        # Removing them all at once is safe: a best response to a completely mixed belief is
        # never (even weakly) dominated, so every player keeps at least one strategy.
        if not removals:
            break
        for p, s, e in removals:
            alive[p].remove(s)
            steps[p].append(e)
    return list(zip(alive, steps, strict=True))


def iterated_elimination(
    A: Any,
    B: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    *,
    mixed: bool = True,
    weak: bool = False,
) -> EliminationResult:
    """Iterated elimination of dominated strategies in the bimatrix game ``(A, B)``, exactly.

    Parameters
    ----------
    A, B : array_like, shape (m, k)
        Payoff matrices of the row and column player.
    row_labels, col_labels : sequence of str, optional
        Strategy names.
    mixed : bool
        Also eliminate strategies dominated only by a mixed strategy.
    weak : bool
        Eliminate weakly dominated strategies (order dependent) instead of strictly dominated ones.

    Examples
    --------
    Strategy ``M`` is dominated by no pure strategy, but by ``T/2 + B/2``:

    >>> result = iterated_elimination([[3, 0], [1, 1], [0, 3]], [[1, 0], [1, 0], [1, 0]], "TMB", "LR")
    >>> print(result)
    round 1: row M strictly dominated by 1/2 T + 1/2 B (margin 1/2)
    round 1: column R strictly dominated by L (margin 1)
    round 2: row B strictly dominated by T (margin 3)
    surviving: row ['T'], column ['L']
    >>> result.row_indices, result.col_indices
    ((0,), (0,))
    """
    Am, Bm = matrix(A, "A"), matrix(B, "B")
    if (len(Am), len(Am[0])) != (len(Bm), len(Bm[0])):
        raise ValueError("A and B must have the same shape")
    rl, cl = labels(row_labels, len(Am), "r"), labels(col_labels, len(Am[0]), "c")
    Bt = tuple(zip(*Bm, strict=True))
    (rows, row_steps), (cols, col_steps) = eliminate(
        [("row", Am, rl, lambda alive: alive[1]), ("column", Bt, cl, lambda alive: alive[0])],
        mixed=mixed,
        weak=weak,
    )
    steps = sorted(row_steps + col_steps, key=lambda e: (e.round, e.player != "row"))
    return EliminationResult(
        tuple(rl[i] for i in rows), tuple(cl[j] for j in cols), tuple(steps), weak, tuple(rows), tuple(cols)
    )
