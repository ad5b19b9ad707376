r"""Nash equilibria of bimatrix games: all extreme equilibria, maximal Nash subsets, components.

A profile :math:`(x, y)` of mixed strategies is a Nash equilibrium iff

.. math::

    x^\top A y \ge \max_i (A y)_i \quad\text{and}\quad x^\top B y \ge \max_j (x^\top B)_j .

The equilibrium set is a finite union of *maximal Nash subsets*
:math:`\operatorname{conv}(X_s) \times \operatorname{conv}(Y_s)`: the maximal bicliques of
the bipartite graph joining extreme row strategies to extreme column strategies that
form an equilibrium (Winkels 1979; Avis, Rosenberg, Savani and von Stengel 2010).
Subsets that intersect (share a row vertex *and* a column vertex) belong to the same
connected **component**; a non-degenerate game has finitely many equilibria, an odd
number, each its own component.

:func:`nash_equilibria` chooses the method by the size of the game and says in
``method`` which one answered:

========================  ===================================================================
``"exact-2x2"``           2x2 games: best-response analysis in rationals
                          (:mod:`~cluster_games.games.two_by_two`), 0.1 ms.
``"float-guided"``        the default from about 10x10 with numba (extra ``fast``): a compiled
                          float walk of both best-response polytopes, every vertex certified
                          or solved exactly, every equilibrium solved and verified in integers
                          (:mod:`~cluster_games.games.float_guided`).
``"pivoting"``            the default otherwise: exact lexicographic pivoting in integers,
                          lrsnash's scheme (:mod:`~cluster_games.games.pivoting`), no compiled
                          dependency.
``"vertex-enumeration"``  exact vertex enumeration of both polytopes by cddlib
                          (:mod:`~cluster_games.games.vertex_enumeration`, pycddlib): the
                          previous default, kept as a cross-check; up to about 12x12.
``"nashpy"``              nashpy's vertex and support enumeration in floats, each profile
                          verified (up to 6 strategies each).
``"lemke-howson"``        Lemke-Howson from every dropped label, exact and lexicographic
                          (:mod:`~cluster_games.games.lemke_howson`): *some* equilibria
                          (``complete=False``), for games too large to enumerate.
========================  ===================================================================

The exact routes have no fixed size cap: :mod:`~cluster_games.games.enumeration` estimates the
work first and refuses a game whose estimate exceeds ``max_seconds`` (default 60), with the
estimate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise
from typing import Any

from ._rational import matrix, text

__all__ = [
    "Profile",
    "NashSubset",
    "EquilibriumSet",
    "is_nash_equilibrium",
    "nash_equilibria",
    "exact_2x2_equilibria",
    "maximal_nash_subsets",
    "METHODS",
]

METHODS = ("auto", "exact-2x2", "float-guided", "pivoting", "vertex-enumeration", "nashpy", "lemke-howson")

Strategy = tuple[Fraction | float, ...]


def _prob(p: Fraction | float) -> str:
    if isinstance(p, Fraction) and p.denominator <= 10_000:
        return text(p)
    return f"{float(p):.4g}"


def _fmt(v: Strategy, labels: tuple[str, ...]) -> str:
    parts = [(p, s) for p, s in zip(v, labels, strict=True) if p > 0]
    if len(parts) == 1:
        return parts[0][1]
    return " + ".join(f"{_prob(p)} {s}" for p, s in parts)


@dataclass(frozen=True)
class Profile:
    """A strategy profile ``(row, col)`` of mixed strategies (exact Fractions, or floats from nashpy)."""

    row: Strategy
    col: Strategy
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]

    @property
    def is_pure(self) -> bool:
        # One strategy with all the weight; a probability that merely rounds to 1.0 beside a
        # positive remainder (P(Y) = 1 - 5e-17, say) is still a mixed strategy.
        return sum(v > 0 for v in self.row) == 1 and sum(v > 0 for v in self.col) == 1

    @property
    def exact(self) -> bool:
        return all(isinstance(v, Fraction) for v in self.row + self.col)

    @property
    def pure(self) -> tuple[str, str] | None:
        """The labels of a pure profile, e.g. ``("Y", "Y")``; ``None`` if mixed."""
        if not self.is_pure:
            return None
        return self.row_labels[self.row.index(1)], self.col_labels[self.col.index(1)]

    def as_text(self) -> list[list[str]]:
        """``[x, y]`` with each probability as an exact rational string (``"1/3"``) or a float's repr."""
        return [[text(v) for v in self.row], [text(v) for v in self.col]]

    def __str__(self) -> str:
        return f"({_fmt(self.row, self.row_labels)}, {_fmt(self.col, self.col_labels)})"


@dataclass(frozen=True)
class NashSubset:
    """A maximal Nash subset: every ``(x, y)`` with ``x`` in conv(row_vertices), ``y`` in conv(col_vertices)."""

    row_vertices: tuple[Strategy, ...]
    col_vertices: tuple[Strategy, ...]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]

    @property
    def is_point(self) -> bool:
        return len(self.row_vertices) == 1 and len(self.col_vertices) == 1

    def __str__(self) -> str:
        def hull(vs, labels):
            items = [_fmt(v, labels) for v in vs]
            return items[0] if len(items) == 1 else "conv{" + ", ".join(items) + "}"

        return f"{hull(self.row_vertices, self.row_labels)} x {hull(self.col_vertices, self.col_labels)}"


@dataclass(frozen=True)
class EquilibriumSet:
    """Nash equilibria of a bimatrix game.

    Attributes
    ----------
    extreme : tuple of Profile
        The extreme equilibria.
    subsets : tuple of NashSubset
        Maximal Nash subsets; the equilibrium set is their union.
    degenerate : bool
        The game is degenerate (a mixed strategy with more pure best responses than its
        support size: ties, unequal support sizes, or a continuum of equilibria).
    support_enumeration : tuple of Profile
        With ``method="nashpy"``: what support enumeration returned (the cross-check).
    method : str
        Which method answered, and notes.
    components : tuple of tuple of int
        Indices into ``subsets`` of each connected component of the equilibrium set.
    complete : bool
        False when the method finds some equilibria only (Lemke-Howson).
    """

    extreme: tuple[Profile, ...]
    subsets: tuple[NashSubset, ...]
    degenerate: bool
    support_enumeration: tuple[Profile, ...] = ()
    method: str = ""
    components: tuple[tuple[int, ...], ...] = ()
    complete: bool = True

    @property
    def finite(self) -> bool:
        """True when the equilibria are isolated points (no continuum)."""
        return all(s.is_point for s in self.subsets)

    @property
    def unique(self) -> bool:
        return self.complete and self.finite and len(self.extreme) == 1

    @property
    def pure(self) -> tuple[tuple[str, str], ...]:
        """The pure-strategy equilibria, as label pairs."""
        return tuple(p.pure for p in self.extreme if p.is_pure)

    def __str__(self) -> str:
        if not self.complete:
            text_ = f"{len(self.extreme)} equilibria found (not necessarily all): " + ", ".join(
                map(str, self.extreme)
            )
        elif self.finite:
            body = ", ".join(str(p) for p in self.extreme)
            kind = "unique equilibrium" if self.unique else f"{len(self.extreme)} isolated equilibria"
            text_ = f"{kind}: {body}"
        else:
            text_ = "a continuum of equilibria, union of " + "; ".join(str(s) for s in self.subsets)
        return text_ + (" [degenerate game]" if self.degenerate else "")

    def _repr_markdown_(self) -> str:
        return str(self).replace("conv", r"$\mathrm{conv}$")


def is_nash_equilibrium(A: Any, B: Any, row: Sequence[Any], col: Sequence[Any], tol: float = 1e-9) -> bool:
    r"""Best-response test in exact arithmetic: no player gains more than ``tol`` times its payoff spread.

    With ``tol=0`` the test is exact (floats are taken as the rationals they store).

    >>> is_nash_equilibrium([[3, 0], [5, 1]], [[3, 5], [0, 1]], [0, 1], [0, 1], tol=0)
    True
    """
    Am, Bm = matrix(A, "A"), matrix(B, "B")
    x = [Fraction(v) for v in row]
    y = [Fraction(v) for v in col]
    Ay = [sum(a * q for a, q in zip(r, y, strict=True)) for r in Am]
    xB = [sum(x[i] * Bm[i][j] for i in range(len(x))) for j in range(len(y))]
    spread_A = max(max(r) for r in Am) - min(min(r) for r in Am) or 1
    spread_B = max(max(r) for r in Bm) - min(min(r) for r in Bm) or 1
    gain_A = max(Ay) - sum(p * v for p, v in zip(x, Ay, strict=True))
    gain_B = max(xB) - sum(q * v for q, v in zip(y, xB, strict=True))
    return gain_A <= Fraction(tol) * spread_A and gain_B <= Fraction(tol) * spread_B


def maximal_nash_subsets(
    n_rows: int, edges: set[tuple[int, int]]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    """Maximal bicliques ``(rows, cols)`` of the bipartite graph ``edges``, by closing neighbourhoods.

    The column sets of maximal bicliques are exactly the non-empty intersections of
    neighbourhoods of rows; each is closed under intersection with every neighbourhood.
    Only neighbourhoods that share a column with a set can change it, so the cost grows
    with the number of subsets and the edges they touch, not with 2**rows or rows**2.
    """
    neighbour_sets: list[set[int]] = [set() for _ in range(n_rows)]
    col_rows: dict[int, set[int]] = {}
    for i, j in edges:
        neighbour_sets[i].add(j)
        col_rows.setdefault(j, set()).add(i)
    neighbours = [frozenset(N) for N in neighbour_sets]
    seeds = {N for N in neighbours if N}
    by_col: dict[int, list[frozenset[int]]] = {}
    for N in seeds:
        for j in N:
            by_col.setdefault(j, []).append(N)
    closed, frontier = set(seeds), set(seeds)
    while frontier:
        new: set[frozenset[int]] = set()
        for T in frontier:
            touching = {N for j in T for N in by_col[j]}
            new |= {T & N for N in touching} - closed
        closed |= new
        frontier = new
    out = []
    for T in closed:
        S = tuple(sorted(set.intersection(*(col_rows[j] for j in T))))
        out.append((S, tuple(sorted(T))))
    return sorted(out)


def _components(subsets: list[tuple[tuple[int, ...], tuple[int, ...]]]) -> tuple[tuple[int, ...], ...]:
    """Groups of subsets joined by sharing a row vertex and a column vertex, i.e. an extreme equilibrium."""
    parent = list(range(len(subsets)))

    def find(a: int) -> int:
        while parent[a] != a:
            parent[a] = parent[parent[a]]
            a = parent[a]
        return a

    owner: dict[tuple[int, int], int] = {}
    for a, (S, T) in enumerate(subsets):
        for i in S:
            for j in T:
                b = owner.setdefault((i, j), a)
                if b != a:
                    parent[find(a)] = find(b)
    groups: dict[int, list[int]] = {}
    for a in range(len(subsets)):
        groups.setdefault(find(a), []).append(a)
    return tuple(tuple(g) for g in sorted(groups.values()))


def _float(q: Fraction | float) -> float:
    return q.numerator / q.denominator if type(q) is Fraction else float(q)  # int / int rounds correctly


def _decreasing(vs: list[Strategy]) -> list[int]:
    """Indices of ``vs`` in decreasing lexicographic order (pure strategies first, as r0, r1, ...).

    Sorted by the rounded floats (rounding is monotone), then certified exactly pair by adjacent
    pair; only if a pair is out of order (floats that tie where the rationals differ) by exact sort.
    """
    order = sorted(range(len(vs)), key=lambda i: tuple(map(_float, vs[i])), reverse=True)
    if all(vs[a] > vs[b] for a, b in pairwise(order)):
        return order
    return sorted(range(len(vs)), key=lambda i: vs[i], reverse=True)


def assemble(
    xs: list[Strategy],
    ys: list[Strategy],
    pairs: list[tuple[int, int]],
    rl: tuple[str, ...],
    cl: tuple[str, ...],
    *,
    degenerate: bool,
    method: str,
    support: tuple[Profile, ...] = (),
    complete: bool = True,
) -> EquilibriumSet:
    """An :class:`EquilibriumSet` from extreme strategies and the pairs forming equilibria."""

    order_x, order_y = _decreasing(xs), _decreasing(ys)
    rank_x = {i: r for r, i in enumerate(order_x)}
    rank_y = {j: r for r, j in enumerate(order_y)}
    xs2, ys2 = [xs[i] for i in order_x], [ys[j] for j in order_y]
    edges = {(rank_x[i], rank_y[j]) for i, j in pairs}
    found = maximal_nash_subsets(len(xs2), edges) if complete else [((i,), (j,)) for i, j in sorted(edges)]
    subsets = tuple(NashSubset(tuple(xs2[i] for i in S), tuple(ys2[j] for j in T), rl, cl) for S, T in found)
    extreme = tuple(Profile(xs2[i], ys2[j], rl, cl) for i, j in sorted(edges))
    size_x = [sum(1 for v in x if v) for x in xs2]  # probabilities are >= 0: support sizes
    size_y = [sum(1 for v in y if v) for y in ys2]
    unequal = any(size_x[i] != size_y[j] for i, j in edges)
    degenerate = degenerate or unequal or not all(s.is_point for s in subsets)
    if complete and not degenerate and len(extreme) % 2 == 0:
        degenerate = True  # a non-degenerate game has an odd number of equilibria
    return EquilibriumSet(extreme, subsets, degenerate, support, method, _components(found), complete)


def exact_2x2_equilibria(
    A: Any, B: Any, row_labels: Sequence[str] = ("r0", "r1"), col_labels: Sequence[str] = ("c0", "c1")
) -> EquilibriumSet:
    """All equilibria of a 2x2 game in exact arithmetic: see :mod:`cluster_games.games.two_by_two`.

    >>> from fractions import Fraction as Fr
    >>> A = [[Fr(5), Fr(11)], [Fr(-1), Fr(11)]]
    >>> print(exact_2x2_equilibria(A, [list(r) for r in zip(*A)], "YN", "YN"))
    2 isolated equilibria: (Y, Y), (N, N) [degenerate game]
    """
    from .two_by_two import equilibria_2x2

    return equilibria_2x2(matrix(A, "A"), matrix(B, "B"), tuple(row_labels), tuple(col_labels))


def nash_equilibria(
    A: Any,
    B: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    *,
    method: str = "auto",
    max_seconds: float = 60.0,
    progress: bool | None = None,
) -> EquilibriumSet:
    """All Nash equilibria of the bimatrix game ``(A, B)`` (see the module docstring for ``method``).

    Parameters
    ----------
    A, B : array_like, shape (m, k)
        Payoffs of the row and column player: numbers, Fractions or strings such as ``"1/3"``.
    row_labels, col_labels : sequence of str, optional
        Strategy names.
    method : {"auto", "exact-2x2", "float-guided", "pivoting", "vertex-enumeration", "nashpy", "lemke-howson"}
        ``"auto"``: exact 2x2 analysis for 2x2 games, else the float-guided walk (numba
        installed, games from about 10x10) or exact pivoting.
    max_seconds : float
        Refuse (``ValueError``, with the estimate) an enumeration estimated to take longer.
    progress : bool, optional
        Show a progress bar on stderr (tqdm); default: on a terminal, for runs over 2 s.

    Raises
    ------
    ValueError
        For a game too large for the method or the time limit (the message says how long and
        which methods can answer).
    UnavailableError
        For ``method="vertex-enumeration"`` without pycddlib, ``"float-guided"`` without numba.

    Examples
    --------
    >>> eq = nash_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]], ["O", "F"], ["O", "F"])
    >>> print(eq)
    3 isolated equilibria: (O, O), (2/3 O + 1/3 F, 1/3 O + 2/3 F), (F, F)
    >>> eq.extreme[1].as_text()
    [['2/3', '1/3'], ['1/3', '2/3']]
    """
    from .bimatrix import BimatrixGame

    game = BimatrixGame.from_arrays(A, B, row_labels, col_labels)
    return game.equilibria(method=method, max_seconds=max_seconds, progress=progress)
