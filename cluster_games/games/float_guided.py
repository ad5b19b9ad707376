r"""All extreme equilibria by a compiled float walk, certified and finished exactly (numba, extra ``fast``).

The best-response polytopes :math:`P` and :math:`Q` of the positive integer game (see
:mod:`~cluster_games.games.pivoting`) are walked breadth first from the origin in float64
(:mod:`~cluster_games.games._float_guided_kernels`): each vertex is named by its set of tight
constraints, and *certified* simple, with that exact set, by a rigorous bound on the rounding
errors; its neighbours come from a float ratio test.

**Completeness.** The walk is one of the lexicographically perturbed polytope (right-hand
side :math:`1 + (\epsilon, \epsilon^2, \dots)`, as in :mod:`~cluster_games.games.pivoting`),
which is simple; its vertices are the lex-feasible bases, and a simple vertex of the polytope
is one of them. A mask the floats certify is such a basis; a mask they cannot certify (a
degenerate vertex's basis: a tie never certifies in floats; or an ill-conditioned one) is
solved exactly (:class:`~cluster_games.games._exact_basis.ExactBasis`), must be lex-feasible,
and its neighbours come from the exact lexicographic ratio test; so do the neighbours along
every edge whose float ratio test is within 1e-9 of a tie. At the end every mask met is a
lex-feasible basis, checked, and every basis has, for each nonbasic variable, a basis in the set
with that variable exchanged for one other. Such a basis lies on the edge that leaves the
variable and, being a vertex of the perturbed polytope, is that edge's other end: the set is
closed under adjacency, and since the vertex graph of a polytope is connected (Balinski) it
holds every basis, hence every vertex. If a mask the floats proposed turns out not to be
lex-feasible, the floats erred: the game is answered by exact pivoting instead.

**Exactness.** The extreme equilibria are the pairs of vertices with complementary labels: for
two certified simple vertices a look-up of integers, for the exactly solved ones a test of label
sets. When :math:`P` has a few degenerate vertices (at most :data:`FACE_LIMIT`) the game is
degenerate and :math:`Q` is not walked (lrsnash's scheme): each vertex of :math:`P` meets its
complementary face, a point certified in floats (``faces`` kernel) when it can be, else
enumerated exactly (:func:`~cluster_games.games.pivoting.complementary_face`). Each pair is solved on its support
in integer arithmetic (fraction-free, stacked by support size) and verified an equilibrium
exactly. ``degenerate`` is exact: a
degenerate vertex is never certified, so every one is solved exactly and its labels counted.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from fractions import Fraction
from math import gcd

import numpy as np

from ._batch_exact import is_nash_rows, solve_ones
from ._exact_basis import ExactBasis
from .pivoting import IntMatrix, _is_nash, _probabilities, complementary_face, solve_integer

__all__ = ["available", "usable", "vertex_masks", "estimate_vertices", "extreme_equilibria"]

#: Largest integer payoff the float walk takes (every entry exact in float64, products far from overflow).
MAX_ENTRY = 2**50

#: A degenerate P with at most this many exactly solved vertices meets the complementary faces
#: (lrsnash's scheme); with more, walking Q is faster (measured: a random 18x18 game with 18
#: degenerate vertices 7.2 s by faces, 10.2 s walking Q; a 14x14 game with five payoff values,
#: 384 of them, 6.6 s by faces, 5.3 s walking Q; 18x18, 100 s and 58 s).
FACE_LIMIT = 64


def available() -> bool:
    """Whether numba (extra ``fast``) can be imported."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def usable(Ai: IntMatrix, Bi: IntMatrix) -> bool:
    """Whether the float walk applies: numba present, masks fit 62 bits, payoffs exact in float64."""
    m, n = len(Ai), len(Ai[0])
    return m + n <= 62 and max(max(map(max, Ai)), max(map(max, Bi))) <= MAX_ENTRY and available()


def _kernels():
    from . import _float_guided_kernels

    return _float_guided_kernels


class _Walk:
    """The vertices of ``{z >= 0 : G z <= 1}`` (``G``: positive integers, ``f`` rows, ``d`` columns)."""

    def __init__(self, Gi: IntMatrix, on_vertices: Callable[[int], None] | None) -> None:
        self.K = K = _kernels()
        self.Gi = Gi
        self.G = np.ascontiguousarray(np.array(Gi, dtype=float))
        self.Go = np.array(Gi, dtype=object)
        self.d = d = len(Gi[0])
        self.masks = np.empty(1024, np.int64)
        self.table = np.full(2048, -1, np.int64)
        self.masks[0] = (1 << d) - 1  # the origin: every z_i = 0
        K.rebuild(self.table, self.masks, 1)
        self.n, self.head = 1, 0
        self.exact: dict[int, ExactBasis] = {}  # bases the floats could not certify, solved exactly
        self.edges: dict[int, ExactBasis] = {}  # certified bases with an edge too close to call
        self.on_vertices = on_vertices

    def _grow(self, room: int) -> None:
        if self.n + room <= self.masks.size:
            return
        cap = 2 * self.masks.size
        self.masks = np.concatenate([self.masks, np.empty(cap - self.masks.size, np.int64)])
        self.table = np.full(2 * cap, -1, np.int64)
        self.K.rebuild(self.table, self.masks, self.n)

    def _add(self, key: int) -> None:
        self._grow(1)
        self.n = self.K.insert(self.table, self.masks, self.n, key)

    def run(self) -> bool:
        """Walk to the end; False if a mask the floats proposed is not a lex-feasible basis.

        An edge of a certified basis that was too close to call is resolved, when it can be, by
        symmetry: if the exactly solved basis ``w`` reaches ``w'`` by entering ``l`` while ``e``
        leaves, then ``w'`` reaches ``w`` by entering ``e`` (the perturbed polytope is simple).
        Only the edges left over at the end are solved from their own basis.
        """
        K = self.K
        deferred = np.empty((4096, 2), np.int64)
        counts = np.zeros(1, np.int64)
        resolved: set[tuple[int, int]] = set()  # (basis, label): its neighbour along label is known
        pending: list[tuple[int, int]] = []  # edges too close to call, not yet resolved
        while True:
            before = self.head
            self.head, self.n, status = K.walk(
                self.G, self.masks, self.n, self.head, self.table, 20_000, deferred, counts
            )
            if self.on_vertices is not None:
                self.on_vertices(self.head - before)
            for mask, lab in deferred[: counts[0]].tolist():
                if lab != -1:
                    pending.append((mask, lab))
                    continue
                basis = self.exact[mask] = ExactBasis(self.Gi, mask, self.Go)
                if not basis.valid:
                    return False
                for lab2 in range(self.d + len(self.Gi)):
                    if (mask >> lab2) & 1:
                        other = basis.neighbour(lab2)
                        resolved.add((other, (other & ~mask).bit_length() - 1))
                        self._add(other)
            if self.on_vertices is not None and counts[0]:
                self.on_vertices(0)  # a chance to stop after exact work
            counts[0] = 0
            if status == K.GROW:
                self._grow(self.d + 1)
            elif status == K.DONE and self.head == self.n:
                # A few of the edges left, then walk on: the bases they reach resolve others.
                pending = [edge for edge in pending if edge not in resolved]
                left, pending = pending[:16], pending[16:]
                for mask, lab in left:
                    basis = self.edges.get(mask) or self.edges.setdefault(
                        mask, ExactBasis(self.Gi, mask, self.Go)
                    )
                    if not basis.valid:
                        return False
                    self._add(basis.neighbour(lab))
                if self.head == self.n and not pending:
                    return True

    def simple(self) -> np.ndarray:
        """Masks of the certified simple vertices (their labels)."""
        masks = self.masks[: self.n]
        if not self.exact:
            return masks.copy()
        return masks[~np.isin(masks, np.fromiter(self.exact, np.int64, len(self.exact)))]

    def solved(self) -> dict[tuple[int, ...], tuple[int, tuple[int, ...]]]:
        """The exactly solved vertices: ``{point in lowest terms: (labels, point)}``."""
        out: dict[tuple[int, ...], tuple[int, tuple[int, ...]]] = {}
        for basis in self.exact.values():
            g = gcd(*basis.point) or 1
            key = tuple(v // g for v in basis.point)
            out.setdefault(key, (basis.labels, key))
        return out


def vertex_masks(Gi: IntMatrix) -> tuple[np.ndarray, dict] | None:
    """``(simple vertex masks, exactly solved vertices)`` of ``{z >= 0 : Gi z <= 1}``, or ``None``."""
    walk = _Walk(Gi, None)
    return (walk.simple(), walk.solved()) if walk.run() else None


def estimate_vertices(G: np.ndarray, paths: int = 400, seconds: float = 0.25, seed: int = 0) -> float:
    """Knuth's estimate of the number of vertices of ``{z >= 0 : G z <= 1}``: the mean over random
    paths, in batches of 25, until ``paths`` of them or ``seconds`` have been spent."""
    K = _kernels()
    G = np.ascontiguousarray(G, dtype=float)
    total, done, start = 0.0, 0, time.perf_counter()
    while done < paths and (done == 0 or time.perf_counter() - start < seconds):
        total += 25 * K.probe(G, 25, seed + done)
        done += 25
    return total / done


def extreme_equilibria(
    Ai: IntMatrix, Bi: IntMatrix, on_vertices: Callable[[int], None] | None = None
) -> tuple[list[tuple[Fraction, ...]], list[tuple[Fraction, ...]], list[tuple[int, int]], bool] | None:
    """Extreme equilibria of the positive integer game ``(Ai, Bi)`` as ``(xs, ys, pairs, degenerate)``.

    ``None`` when a basis the floats proposed is not lex-feasible (they erred): the caller
    answers by exact pivoting.
    """
    m, n = len(Ai), len(Ai[0])
    Bt = [list(col) for col in zip(*Bi, strict=True)]
    walk_P = _Walk(Bt, on_vertices)
    if not walk_P.run():
        return None
    full = (1 << (m + n)) - 1
    P_simple = walk_P.simple()
    P_exact = list(walk_P.solved().values())
    P_degenerate = any(bin(lab).count("1") > m for lab, _ in P_exact)
    if P_degenerate and len(P_exact) <= FACE_LIMIT:
        # P is degenerate, so is the game: no need to walk Q (lrsnash's scheme). Each vertex of P
        # meets its complementary face: certified in floats for the simple ones, else exactly.
        found = _faces(Ai, Bi, P_simple, P_exact, full)
        degenerate = True
    else:
        walk_Q = _Walk(Ai, on_vertices)
        if not walk_Q.run():
            return None
        found, degenerate_Q = _match(P_simple, P_exact, walk_Q, m, n, full)
        degenerate = P_degenerate or degenerate_Q
    xs: list[tuple[Fraction, ...]] = []
    ys: list[tuple[Fraction, ...]] = []
    index_x: dict[object, int] = {}
    index_y: dict[object, int] = {}
    pairs = []

    by_value_x: dict[tuple[Fraction, ...], int] = {}
    by_value_y: dict[tuple[Fraction, ...], int] = {}

    def add(xk: object, x: list[int], yk: object, y: list[int]) -> None:
        # One index per strategy, however it was reached (a mask, or an exactly solved point).
        for key, z, index, by_value, out in (
            (xk, x, index_x, by_value_x, xs),
            (yk, y, index_y, by_value_y, ys),
        ):
            if key not in index:
                p = _probabilities(z)
                if p not in by_value:
                    by_value[p] = len(out)
                    out.append(p)
                index[key] = by_value[p]
        pairs.append((index_x[xk], index_y[yk]))

    simple = [
        (xk, yk)
        for xk, yk in found
        if isinstance(xk, int) and isinstance(yk, int) and xk & ((1 << m) - 1) != (1 << m) - 1
    ]
    if simple and not _finish_simple(simple, Ai, Bi, m, n, add):
        return None
    for xk, yk in found:
        if isinstance(xk, int) and isinstance(yk, int):
            continue  # solved above (or the two origins: no equilibrium)
        x = _point(xk, Bi, m, n, True) if isinstance(xk, int) else list(xk)
        y = _point(yk, Ai, m, n, False) if isinstance(yk, int) else list(yk)
        if x is None or y is None:
            return None
        if not any(x) or not any(y):
            continue  # the two origins: no equilibrium
        if not _is_nash(Ai, Bi, x, y):
            return None
        add(xk, x, yk, y)
    return xs, ys, pairs, degenerate


def _match(
    P_simple: np.ndarray, P_exact: list, walk_Q: _Walk, m: int, n: int, full: int
) -> tuple[list, bool]:
    """Pairs of vertices of P and Q with complementary labels: ``(found, degenerate)``.

    Labels in one convention: ``i`` for x_i = 0 or row i a best response, ``m + j`` for column j
    a best response or y_j = 0. P's masks are already so; Q's bits (j: y_j = 0, n + i: row i)
    are moved. Simple with simple is a look-up; an exactly solved vertex is tested as a superset.
    """
    low_n = (1 << n) - 1
    Qm = walk_Q.simple()
    Q_simple = (Qm >> n) | ((Qm & low_n) << m)
    Q_exact = [((lab >> n) | ((lab & low_n) << m), y) for lab, y in walk_Q.solved().values()]
    degenerate = any(bin(lab).count("1") > n for lab, _ in Q_exact)
    found: list[tuple[object, object]] = []  # (x: mask or point, y: mask or point)
    order = np.argsort(Q_simple)
    need = full ^ P_simple
    pos = np.searchsorted(Q_simple, need, sorter=order)
    pos[pos == Q_simple.size] = 0
    if Q_simple.size:
        hit = Q_simple[order[pos]] == need
        found += [(int(x), int(y)) for x, y in zip(P_simple[hit], need[hit], strict=True)]
    for lab, x in P_exact:
        want = full ^ lab
        found += [(x, int(y)) for y in Q_simple[(Q_simple & want) == want]]
        found += [(x, y) for lab_y, y in Q_exact if lab_y & want == want]
    for lab, y in Q_exact:
        want = full ^ lab
        found += [(int(x), y) for x in P_simple[(P_simple & want) == want]]
    return found, degenerate


def _faces(Ai: IntMatrix, Bi: IntMatrix, P_simple: np.ndarray, P_exact: list, full: int) -> list:
    """Pairs ``(x, y)`` from the complementary face of every vertex of P (P degenerate: Q not walked)."""
    m, n = len(Ai), len(Ai[0])
    status = np.empty(P_simple.size, np.int64)
    _kernels().faces(np.array(Ai, dtype=float), P_simple, status)
    found: list[tuple[object, object]] = [(int(x), full ^ int(x)) for x in P_simple[status == 1]]
    cache: dict[int, dict] = {}
    undecided = [(int(x), _point(int(x), Bi, m, n, True), int(x)) for x in P_simple[status == 2]]
    for key, x, lab in undecided + [(x, list(x), lab) for lab, x in P_exact]:
        if x is None:
            raise ArithmeticError("a certified vertex of P has a singular system")  # a bug, never a game
        if any(x):
            found += [(key, y) for y in complementary_face(Ai, x, lab, cache)]
    return found


def _finish_simple(pairs: list[tuple[int, int]], Ai: IntMatrix, Bi: IntMatrix, m: int, n: int, add) -> bool:
    """Solve and verify the pairs of simple vertices (common-label masks), stacked by support size.

    Both share the support ``S`` of ``x`` (rows that are best responses to ``y``) and the support
    ``J`` of ``y`` (columns that are best responses to ``x``): ``x_S`` solves ``B_SJ^T x_S = 1`` and
    ``y_J`` solves ``A_SJ y_J = 1``. False if a system is singular or a profile fails the exact test.
    """
    Ao, Bo = np.array(Ai, dtype=object), np.array(Bi, dtype=object)
    groups: dict[int, list[tuple[int, int, list[int], list[int]]]] = {}
    for xk, yk in pairs:
        S = [i for i in range(m) if not (xk >> i) & 1]
        J = [j for j in range(n) if (xk >> (m + j)) & 1]
        if len(S) != len(J):
            return False
        groups.setdefault(len(S), []).append((xk, yk, S, J))
    for items in groups.values():
        S = np.array([it[2] for it in items])
        J = np.array([it[3] for it in items])
        nx, okx = solve_ones(Bo[S[:, None, :], J[:, :, None]])  # rows j in J, columns i in S
        ny, oky = solve_ones(Ao[S[:, :, None], J[:, None, :]])  # rows i in S, columns j in J
        if not (okx.all() and oky.all()) or (nx <= 0).any() or (ny <= 0).any():
            return False
        X = np.zeros((len(items), m), dtype=object)
        Y = np.zeros((len(items), n), dtype=object)
        np.put_along_axis(X, S, nx, axis=1)
        np.put_along_axis(Y, J, ny, axis=1)
        if not is_nash_rows(Ao, Bo, X, Y).all():
            return False
        for (xk, yk, _, _), x, y in zip(items, X.tolist(), Y.tolist(), strict=True):
            add(xk, x, yk, y)
    return True


def _point(mask: int, M: IntMatrix, m: int, n: int, row_player: bool) -> list[int] | None:
    """The simple vertex with ``mask`` (common labels) solved on its support, as integers."""
    tight_rows = [i for i in range(m) if (mask >> i) & 1]  # x_i = 0, or row i a best response to y
    tight_cols = [j for j in range(n) if (mask >> (m + j)) & 1]  # column j a best response to x, or y_j = 0
    if row_player:  # x on its support S: sum_i B[i][j] x_i = 1 for the best responses j
        S = [i for i in range(m) if i not in tight_rows]
        return _on_support([[M[i][j] for i in S] for j in tight_cols], S, m) if S else [0] * m
    C = [
        j for j in range(n) if j not in tight_cols
    ]  # y's support: sum_j A[i][j] y_j = 1 for its best responses i
    return _on_support([[M[i][j] for j in C] for i in tight_rows], C, n) if C else [0] * n


def _on_support(M: IntMatrix, support: list[int], size: int) -> list[int] | None:
    """The non-negative integer vector solving ``M z_support = 1``, zero elsewhere (None if singular)."""
    sol = solve_integer(M, [1] * len(M))
    if sol is None:
        return None
    num, det = sol
    if det < 0:
        num = [-v for v in num]
    if min(num) < 0:
        return None
    z = [0] * size
    for i, v in zip(support, num, strict=True):
        z[i] = v
    return z
