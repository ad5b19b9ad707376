r"""All extreme equilibria by exact lexicographic pivoting, in integers: no pycddlib, no floats.

With payoffs made positive integers (:func:`positive_integers`; equilibria do not change
under a positive affine map of a player's payoffs), the best-response polytopes are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\},

labelled as in :mod:`~cluster_games.games.vertex_enumeration`: a point of :math:`P` has label
:math:`i` if :math:`x_i = 0` and :math:`m + j` if :math:`(B^\top x)_j = 1`; a point of :math:`Q`
has label :math:`i` if :math:`(A y)_i = 1` and :math:`m + j` if :math:`y_j = 0`. A pair of
vertices :math:`(x, y) \ne (0, 0)` carrying every label between them is, normalised, an
extreme equilibrium, and every extreme equilibrium is one (von Stengel 2002).

**Vertices.** :func:`lex_vertices` walks the feasible bases of :math:`\{z \ge 0, Mz \le 1\}`
in a fraction-free integer tableau (every entry an integer, the true value that integer over
the common denominator :math:`D`, a subdeterminant: no rational arithmetic, no growth beyond
Hadamard's bound). The right-hand side is perturbed lexicographically, :math:`1 + (\epsilon,
\epsilon^2, \dots)`: the perturbed polytope is simple, its vertices are the *lex-feasible*
bases, the lexicographic ratio test leaves from each along each of its edges to exactly one
lex-feasible neighbour, and its vertex graph is connected (Balinski), so a depth-first walk
from the origin's basis with a set of seen bases reaches them all. As the perturbation
vanishes the perturbed vertices tend to basic solutions of the unperturbed system whose convex
hull is the polytope itself: every vertex is reached, degenerate ones through several bases.
Backtracking pivots back (fraction-free pivots are exact, so the tableau is restored exactly).

**Matching** (lrsnash's scheme, Avis, Rosenberg, Savani and von Stengel 2010). When both
polytopes are simple (no vertex with more labels than its dimension: the game is
non-degenerate) the partner of a vertex :math:`x` is the vertex of :math:`Q` whose labels are
exactly the ones :math:`x` lacks: a dictionary look-up. Otherwise each vertex :math:`x` of
:math:`P` (support :math:`S`, best responses :math:`J`) is paired with the vertices of its
complementary face :math:`\{y \in Q : y_j = 0\ (j \notin J),\ (Ay)_i = 1\ (i \in S)\}`: a point
when :math:`A_{SJ}` is square and non-singular (one fraction-free solve), else the vertices of
:math:`\{y_J \ge 0, A_{\cdot J}\, y_J \le 1\}` with the rows :math:`S` tight (cached by :math:`J`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from fractions import Fraction
from math import gcd, lcm

import numpy as np

__all__ = [
    "positive_integers",
    "solve_integer",
    "solve_integer_many",
    "lex_vertices",
    "complementary_face",
    "extreme_equilibria",
]

IntMatrix = list[list[int]]


def positive_integers(M: Sequence[Sequence[Fraction]]) -> IntMatrix:
    """``M`` mapped exactly onto positive integers by ``(M - min M) L / g + 1``.

    ``L`` clears the denominators and ``g`` is the gcd of the result, so the matrix does
    not change when ``M`` is shifted or scaled (the equilibria do not either).

    >>> positive_integers([[Fraction(1, 2), Fraction(3, 2)], [Fraction(-1, 2), Fraction(1, 2)]])
    [[2, 3], [1, 2]]
    """
    flat = [Fraction(v) for row in M for v in row]
    lo = min(flat)
    den = lcm(*(v.denominator for v in flat))
    ints = [[int((Fraction(v) - lo) * den) for v in row] for row in M]
    g = gcd(*(v for row in ints for v in row)) or 1
    return [[v // g + 1 for v in row] for row in ints]


def solve_integer(M: IntMatrix, rhs: Sequence[int]) -> tuple[list[int], int] | None:
    """``(numerators, det)`` with ``M z = rhs`` at ``z = numerators / det``, or ``None`` if ``M`` is singular.

    Fraction-free (Bareiss) elimination: every intermediate is an integer minor.

    >>> solve_integer([[2, 1], [1, 3]], [1, 1])
    ([2, 1], 5)
    """
    out = solve_integer_many(M, [list(rhs)])
    return None if out is None else (out[0][0], out[1])


def solve_integer_many(M: IntMatrix, rhs: Sequence[Sequence[int]]) -> tuple[list[list[int]], int] | None:
    """``(columns, det)`` with ``M z = b`` at ``z = column / det`` for each right-hand side ``b`` in ``rhs``.

    ``det`` is the determinant of ``M`` up to sign (``None`` if it is 0); every ``column`` is
    an integer vector (Cramer's rule).

    >>> solve_integer_many([[2, 1], [1, 3]], [[1, 0], [0, 1]])  # the adjugate over the determinant
    ([[3, -1], [-1, 2]], 5)
    """
    k, q = len(M), len(rhs)
    a = [list(row) + [b[r] for b in rhs] for r, row in enumerate(M)]
    prev = 1
    for c in range(k):
        p = next((r for r in range(c, k) if a[r][c] != 0), None)
        if p is None:
            return None
        if p != c:
            a[c], a[p] = a[p], a[c]
        pc, rowc = a[c][c], a[c]
        for r in range(c + 1, k):
            ar = a[r]
            f = ar[c]
            a[r] = [(x * pc - f * y) // prev for x, y in zip(ar, rowc, strict=True)]
        prev = pc
    det = a[k - 1][k - 1] if k else 1
    cols = []
    for t in range(q):
        num = [0] * k
        for i in range(k - 1, -1, -1):
            s = det * a[i][k + t] - sum(a[i][j] * num[j] for j in range(i + 1, k))
            num[i] = s // a[i][i]  # exact: det * z_i is an integer (Cramer)
        cols.append(num)
    return cols, det


class _Tableau:
    """Fraction-free tableau of ``M z + s = 1``: variables ``z_0..z_{d-1}`` then ``s_0..s_{f-1}``."""

    def __init__(self, M: IntMatrix) -> None:
        f, d = len(M), len(M[0])
        self.d, self.f = d, f
        T = np.zeros((f, 1 + d + f), dtype=object)
        T[:, 0] = 1
        T[:, 1 : 1 + d] = np.array(M, dtype=object)
        for r in range(f):
            T[r, 1 + d + r] = 1
        self.T = T
        self.rhs = T[:, 0].tolist()
        self.D = 1
        self.basic = list(range(d, d + f))
        self.lex_columns = [0, *range(1 + d, 1 + d + f)]  # right-hand side, then the perturbation

    def pivot(self, r: int, var: int) -> None:
        T, c = self.T, 1 + var
        p = T[r, c]
        row = T[r].copy()
        new = (T * p - np.outer(T[:, c], row)) // self.D
        new[r] = row
        self.T, self.D = new, p
        self.rhs = new[:, 0].tolist()
        self.basic[r] = var

    def lex_row(self, var: int) -> int:
        """The leaving row of the lexicographic ratio test for entering ``var``."""
        T = self.T
        col = T[:, 1 + var].tolist()
        rhs = self.rhs
        best, bq = -1, 0
        for r in range(self.f):
            q = col[r]
            if q <= 0:
                continue
            if best < 0:
                best, bq = r, q
                continue
            a, b = rhs[r] * bq, rhs[best] * q
            if a == b:  # a tie in the values: the perturbation decides (rows of the basis inverse differ)
                for k in self.lex_columns[1:]:
                    a, b = T[r, k] * bq, T[best, k] * q
                    if a != b:
                        break
            if a < b:
                best, bq = r, q
        return best


def lex_vertices(M: IntMatrix, on_basis: Callable[[int], None] | None = None) -> dict[tuple[int, ...], int]:
    """Every vertex of ``{z >= 0 : M z <= 1}`` (``M`` positive integers) and its labels.

    Returns ``{key: labels}``: ``key`` is ``(n_0, ..., n_{d-1}, D)`` in lowest terms with
    ``z = n / D``; bit ``i < d`` of ``labels`` is set if ``z_i = 0``, bit ``d + j`` if row ``j``
    of ``M z <= 1`` is tight. ``on_basis(count)`` is called every 256 bases (progress).

    >>> sorted(lex_vertices([[1, 2], [2, 1]]).items())
    [((0, 0, 1), 3), ((0, 1, 2), 5), ((1, 0, 2), 10), ((1, 1, 3), 12)]
    """
    tab = _Tableau(M)
    d, nvars = tab.d, tab.d + tab.f
    out: dict[tuple[int, ...], int] = {}

    def record() -> None:
        rhs = tab.rhs
        z = [0] * d
        labels = (1 << nvars) - 1
        for r, v in enumerate(tab.basic):
            if rhs[r] != 0:
                labels &= ~(1 << v)
                if v < d:
                    z[v] = rhs[r]
        g = gcd(*z, tab.D)
        out.setdefault((*(v // g for v in z), tab.D // g), labels)

    mask = sum(1 << v for v in tab.basic)
    seen = {mask}
    record()
    stack: list[list] = [[0, None]]
    while stack:
        top = stack[-1]
        c = top[0]
        while c < nvars and (mask >> c) & 1:
            c += 1
        if c == nvars:
            stack.pop()
            if top[1] is not None:
                r, var = top[1]
                mask ^= (1 << tab.basic[r]) | (1 << var)
                tab.pivot(r, var)
            continue
        top[0] = c + 1
        r = tab.lex_row(c)
        left = tab.basic[r]
        new = mask ^ (1 << left) ^ (1 << c)
        if new in seen:
            continue
        seen.add(new)
        tab.pivot(r, c)
        mask = new
        record()
        if on_basis is not None and len(seen) % 256 == 0:
            on_basis(256)
        stack.append([0, (r, left)])
    return out


def _is_nash(Ai: IntMatrix, Bi: IntMatrix, x: Sequence[int], y: Sequence[int]) -> bool:
    """Exact best-response test of the (unnormalised, non-negative) profile ``(x, y)``."""
    Ay = [sum(a * q for a, q in zip(row, y, strict=True) if q) for row in Ai]
    xB = [sum(x[i] * Bi[i][j] for i in range(len(x)) if x[i]) for j in range(len(y))]
    top_r, top_c = max(Ay), max(xB)
    return all(Ay[i] == top_r for i in range(len(x)) if x[i]) and all(
        xB[j] == top_c for j in range(len(y)) if y[j]
    )


_ZERO = Fraction(0)


def _probabilities(z: Sequence[int]) -> tuple[Fraction, ...]:
    total = sum(z)
    return tuple(Fraction(v, total) if v else _ZERO for v in z)


def extreme_equilibria(
    Ai: IntMatrix, Bi: IntMatrix, on_basis: Callable[[int], None] | None = None
) -> tuple[list[tuple[Fraction, ...]], list[tuple[Fraction, ...]], list[tuple[int, int]], bool]:
    """Extreme equilibria of the positive integer game ``(Ai, Bi)``, as ``(xs, ys, pairs, degenerate)``.

    ``degenerate`` is exact: true iff a vertex of ``P`` or ``Q`` has more labels than its
    dimension (some mixed strategy has more pure best responses than its support size).

    >>> xs, ys, pairs, degenerate = extreme_equilibria([[3, 1], [1, 2]], [[2, 1], [1, 3]])
    >>> sorted((tuple(map(str, xs[i])), tuple(map(str, ys[j]))) for i, j in pairs), degenerate
    ([(('0', '1'), ('0', '1')), (('1', '0'), ('1', '0')), (('2/3', '1/3'), ('1/3', '2/3'))], False)
    """
    m, n = len(Ai), len(Ai[0])
    Bt = [list(col) for col in zip(*Bi, strict=True)]
    P = lex_vertices(Bt, on_basis)  # labels already in P's convention
    degenerate = any(bin(lab).count("1") > m for lab in P.values())
    xs: list[tuple[Fraction, ...]] = []
    ys: list[tuple[Fraction, ...]] = []
    pairs: list[tuple[int, int]] = []
    index_y: dict[tuple[Fraction, ...], int] = {}

    def add(x: tuple[Fraction, ...], y: tuple[Fraction, ...], x_index: int | None) -> int:
        if x_index is None:
            xs.append(x)
            x_index = len(xs) - 1
        if y not in index_y:
            index_y[y] = len(ys)
            ys.append(y)
        pairs.append((x_index, index_y[y]))
        return x_index

    full = (1 << (m + n)) - 1
    if not degenerate:
        Qraw = lex_vertices(Ai, on_basis)  # bits j < n: y_j = 0; n + i: row i tight
        Q: dict[int, tuple[int, ...]] = {}
        for key, lab in Qraw.items():
            if bin(lab).count("1") > n:
                degenerate = True
                break
            rows, cols = lab >> n, lab & ((1 << n) - 1)
            Q[rows | (cols << m)] = key[:-1]
        if not degenerate:
            for key, lab in P.items():
                y = Q.get(full ^ lab)
                if y is not None and any(key[:-1]):
                    add(_probabilities(key[:-1]), _probabilities(y), None)
            return xs, ys, pairs, False
    faces: dict[int, dict] = {}
    for key, lab in P.items():
        x = key[:-1]
        if not any(x):
            continue
        x_index = None
        for y in complementary_face(Ai, x, lab, faces):
            if not _is_nash(Ai, Bi, x, y):
                raise ArithmeticError("complementary face gave a non-equilibrium")  # a bug, never a game
            x_index = add(_probabilities(x), _probabilities(y), x_index)
    return xs, ys, pairs, True


def complementary_face(
    Ai: IntMatrix, x: Sequence[int], labels: int, cache: dict[int, dict]
) -> list[tuple[int, ...]]:
    """The vertices ``y != 0`` of Q completing the vertex ``x`` of P (labels ``labels``) to equilibria.

    ``y`` lives on the best responses ``J`` to ``x`` and makes the support ``S`` of ``x`` best
    responses: a point if ``A_SJ`` is square and non-singular, else the vertices of
    ``{y_J >= 0 : A_J y_J <= 1}`` with the rows ``S`` tight (``cache`` keeps them by ``J``).
    Returned as integer vectors (scaled probabilities).
    """
    m, n = len(Ai), len(Ai[0])
    S = [i for i in range(m) if x[i]]
    J = [j for j in range(n) if (labels >> (m + j)) & 1]
    partners: list[tuple[int, ...]] = []
    sol = solve_integer([[Ai[i][j] for j in J] for i in S], [1] * len(S)) if len(S) == len(J) else None
    if sol is not None:
        num, det = sol
        if det < 0:
            num = [-v for v in num]
        if min(num) >= 0 and all(
            sum(Ai[i][j] * v for j, v in zip(J, num, strict=True)) <= abs(det) for i in range(m)
        ):
            y = [0] * n
            for j, v in zip(J, num, strict=True):
                y[j] = v
            partners.append(tuple(y))
        return partners
    mask_J = sum(1 << j for j in J)
    if mask_J not in cache:
        cache[mask_J] = lex_vertices([[Ai[i][j] for j in J] for i in range(m)])
    need = sum(1 << (len(J) + i) for i in S)
    for fkey, flab in cache[mask_J].items():
        if flab & need == need and any(fkey[:-1]):
            y = [0] * n
            for j, v in zip(J, fkey[:-1], strict=True):
                y[j] = v
            partners.append(tuple(y))
    return partners
