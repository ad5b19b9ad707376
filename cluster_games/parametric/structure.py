r"""The strategic structure of a game as a function of the critical factors' signs.

Given the sign of every critical factor (:mod:`cluster_games.parametric.systems`) the
following are determined, with no arithmetic on the parameters:

* the vertices of both best-response polyhedra (support systems with a non-zero
  determinant and a feasible solution), each with its labels;
* the extreme equilibria: completely labelled pairs of vertices, and from them the
  maximal Nash subsets (bicliques) and components;
* whether the game is degenerate (a vertex with more labels than its dimension);
* each player's strictly and weakly dominant strategy (pure payoff differences);
* the survivors of iterated elimination of strictly dominated strategies, mixed dominators
  included: in each round a strategy survives iff it labels a vertex of its player's
  polyhedron in the surviving subgame.

:func:`structure` asks for signs through a mapping that raises :class:`NeedSign` for a
factor not yet decided; the atlas's decision tree (:mod:`cluster_games.parametric.tree`)
catches it, splits the region on that factor, and asks again. Signs are requested in a
fixed order and evaluation stops at the first infeasibility, so a region is split only on
the factors its structure depends on.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..games.equilibria import _components, maximal_nash_subsets
from .systems import CriticalSet, PlayerTables, System

__all__ = ["NeedSign", "LazySigns", "Vertex", "Structure", "structure"]

Label = tuple[str, int]  # ("r", i) or ("c", j)


class NeedSign(Exception):
    """The sign of factor ``factor`` is needed and not known."""

    def __init__(self, factor: int) -> None:
        super().__init__(factor)
        self.factor = factor


class LazySigns(Mapping):
    """Known signs (a region's, then the domain's fixed ones); a missing factor raises :class:`NeedSign`."""

    def __init__(self, known: Mapping[int, int], fixed: Mapping[int, int]) -> None:
        self.known, self.fixed = known, fixed

    def __getitem__(self, k: int) -> int:
        s = self.known.get(k)
        if s is None:
            s = self.fixed.get(k)
            if s is None:
                raise NeedSign(k)
        return s

    def __iter__(self):  # pragma: no cover - Mapping protocol
        return iter({**self.fixed, **self.known})

    def __len__(self) -> int:  # pragma: no cover
        return len({**self.fixed, **self.known})


@dataclass(frozen=True)
class Vertex:
    """A vertex of a best-response polyhedron: its labels and the system giving its closed form."""

    labels: frozenset[Label]
    system: System


@dataclass(frozen=True)
class Structure:
    """Everything strategic about the game in one region; see the module docstring.

    ``x_vertices`` are the row player's extreme mixed strategies that occur in equilibria
    (vertices of the column player's polyhedron), ``y_vertices`` the column player's;
    ``equilibria`` pairs their indices.
    """

    x_vertices: tuple[Vertex, ...]
    y_vertices: tuple[Vertex, ...]
    equilibria: tuple[tuple[int, int], ...]
    subsets: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    components: tuple[tuple[int, ...], ...]
    degenerate: bool
    strictly_dominant: tuple[int | None, int | None]
    weakly_dominant: tuple[int | None, int | None]
    survivors: tuple[tuple[int, ...], tuple[int, ...]]


def _vertex(
    system: System, alive_own: frozenset[int], alive_opp: frozenset[int], signs: Mapping[int, int]
) -> frozenset[Label] | None:
    """The labels of the system's solution if it is a vertex of the subgame's polyhedron, else ``None``."""
    own, opp = ("r", "c") if system.player == 0 else ("c", "r")
    if system.det.sign(signs) == 0:
        return None
    zero_opp = set(alive_opp - set(system.support))
    for j, prob in zip(system.support, system.probabilities, strict=True):
        s = prob.sign(signs)
        if s < 0:
            return None
        if s == 0:
            zero_opp.add(j)
    tight = set(system.own)
    for i, slack in system.slacks:
        if i not in alive_own:
            continue
        s = slack.sign(signs)
        if s < 0:
            return None
        if s == 0:
            tight.add(i)
    return frozenset({(opp, j) for j in zero_opp} | {(own, i) for i in tight})


def _vertices(
    tables: PlayerTables,
    alive_own: frozenset[int],
    alive_opp: frozenset[int],
    signs: Mapping[int, int],
    memo: dict | None = None,
) -> dict[frozenset[Label], System]:
    """Vertices of the player's polyhedron in the subgame ``alive_own x alive_opp``, keyed by labels.

    ``memo`` keeps each system's verdict across calls whose known signs only grow (a node of the
    decision tree and its descendants), so a split does not redo the systems already decided.
    """
    found: dict[frozenset[Label], System] = {}
    for index, system in enumerate(tables.systems):
        if not (alive_own.issuperset(system.own) and alive_opp.issuperset(system.support)):
            continue
        key = (tables.player, index, alive_own, alive_opp)
        if memo is not None and key in memo:
            labels = memo[key]
        else:
            labels = _vertex(system, alive_own, alive_opp, signs)
            if memo is not None:
                memo[key] = labels
        if labels is not None:
            found.setdefault(labels, system)
    return found


def _dominant(tables: PlayerTables, signs: Mapping[int, int], strict: bool) -> int | None:
    n_own, n_opp = tables.n_own, tables.n_opp
    for s in range(n_own):
        ok = True
        for t in range(n_own):
            if t == s:
                continue
            gains = []
            for j in range(n_opp):
                g = tables.differences[(s, t, j)].sign(signs)
                if g < 0 or (strict and g == 0):
                    ok = False
                    break
                gains.append(g)
            if not ok or (not strict and max(gains) <= 0):
                ok = False
                break
        if ok:
            return s
    return None


def _survivors(
    critical: CriticalSet, signs: Mapping[int, int], memo: dict | None
) -> tuple[tuple[int, ...], tuple[int, ...]]:
    rows, cols = critical.players
    alive = [frozenset(range(rows.n_own)), frozenset(range(cols.n_own))]
    while True:
        keep = []
        for p, tables in enumerate((rows, cols)):
            own_label = "r" if p == 0 else "c"
            vertices = _vertices(tables, alive[p], alive[1 - p], signs, memo)
            labelled = {i for labels in vertices for (kind, i) in labels if kind == own_label}
            keep.append(frozenset(alive[p] & labelled))
        if keep == alive:
            return tuple(sorted(alive[0])), tuple(sorted(alive[1]))
        alive = keep


def structure(critical: CriticalSet, signs: Mapping[int, int], memo: dict | None = None) -> Structure:
    """The structure at any point where the critical factors have the signs ``signs``.

    ``memo``: see :func:`_vertices` (optional).

    Raises
    ------
    NeedSign
        When a needed factor's sign is missing from ``signs``.
    """
    rows, cols = critical.players
    m, n = rows.n_own, cols.n_own
    all_rows, all_cols = frozenset(range(m)), frozenset(range(n))
    P = _vertices(cols, all_cols, all_rows, signs, memo)  # column player's polyhedron: x over rows
    Q = _vertices(rows, all_rows, all_cols, signs, memo)  # row player's polyhedron: y over columns
    degenerate = any(len(lab) > m for lab in P) or any(len(lab) > n for lab in Q)
    everything = {("r", i) for i in range(m)} | {("c", j) for j in range(n)}
    pairs = [(lx, ly) for lx in P for ly in Q if lx | ly >= everything]
    xs = sorted({lx for lx, _ in pairs}, key=sorted)
    ys = sorted({ly for _, ly in pairs}, key=sorted)
    index_x = {lab: i for i, lab in enumerate(xs)}
    index_y = {lab: j for j, lab in enumerate(ys)}
    edges = sorted((index_x[lx], index_y[ly]) for lx, ly in pairs)
    subsets = maximal_nash_subsets(len(xs), set(edges))
    return Structure(
        x_vertices=tuple(Vertex(lab, P[lab]) for lab in xs),
        y_vertices=tuple(Vertex(lab, Q[lab]) for lab in ys),
        equilibria=tuple(edges),
        subsets=tuple(subsets),
        components=_components(subsets),
        degenerate=degenerate,
        strictly_dominant=(_dominant(rows, signs, True), _dominant(cols, signs, True)),
        weakly_dominant=(_dominant(rows, signs, False), _dominant(cols, signs, False)),
        survivors=_survivors(critical, signs, memo),
    )
