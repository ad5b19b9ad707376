r"""The Lemke-Howson algorithm in exact rationals with the lexicographic rule: one equilibrium per label.

For games too large to enumerate. With positive payoffs (exactly normalised, as in
:mod:`~cluster_games.games.vertex_enumeration`), the systems

.. math::

    B^\top x + s = \mathbf 1, \quad x, s \ge 0, \qquad A y + r = \mathbf 1, \quad y, r \ge 0

are kept in two tableaux; :math:`x_i` and :math:`r_i` carry label :math:`i`, :math:`y_j`
and :math:`s_j` label :math:`m + j`. Starting from the artificial equilibrium
:math:`(0, 0)`, label :math:`k` is dropped (its variable enters), and the variable that
leaves one tableau makes its complement enter the other, until label :math:`k` leaves:
the basis is then completely labeled and :math:`(x/\sum x, y/\sum y)` an equilibrium
(Lemke and Howson 1964; von Stengel 2002). The lexicographic minimum-ratio test makes
every step well defined on degenerate games, so the path cannot cycle; the arithmetic
is exact, so the equilibrium is exact. Different dropped labels may reach different
equilibria, never necessarily all of them.
"""

from __future__ import annotations

import math
from fractions import Fraction

from ._rational import Matrix, normalised

__all__ = ["lemke_howson", "lemke_howson_all", "MAX_PIVOTS"]

#: Most pivots of one path: a path this long is refused (the exponentially long paths of
#: Savani and von Stengel 2006 exist; a random 40 x 40 game needs a few hundred).
MAX_PIVOTS = 20_000


class PathTooLong(ValueError):
    """A Lemke-Howson path exceeded :data:`MAX_PIVOTS` pivots."""


def _integers(M: Matrix) -> list[list[int]]:
    """``M`` times the least common multiple of its denominators (a positive scaling: same equilibria)."""
    scale = math.lcm(*(v.denominator for row in M for v in row))
    return [[int(v * scale) for v in row] for row in M]


class _Tableau:
    """Rows ``M z + I w = 1`` in the basis of ``w``, by integer pivoting, with the lexicographic ratio test.

    The integers ``T`` are the tableau times ``det``, the last pivot element (the determinant of the
    basis): a pivot on ``(r, c)`` sets ``T[i][j] = (T[r][c] T[i][j] - T[i][c] T[r][j]) / det``, an exact
    division (von Stengel 2002, section 3.5). Entries stay as large as the basis's minors, without
    the gcd of every Fraction operation.
    """

    def __init__(self, M: Matrix, first_label: int, slack_label: int) -> None:
        self.rows, self.cols = len(M), len(M[0])
        ints = _integers(M)
        # variables 0..cols-1: z (labels first_label + j); cols..: w (labels slack_label + i)
        self.T = [[*ints[i], *(int(i == t) for t in range(self.rows)), 1] for i in range(self.rows)]
        self.det = 1
        self.basis = [self.cols + i for i in range(self.rows)]
        self.labels = [first_label + j for j in range(self.cols)] + [
            slack_label + i for i in range(self.rows)
        ]

    def variable_with_label(self, label: int) -> int:
        return self.labels.index(label)

    def pivot(self, entering: int) -> int:
        """Bring ``entering`` into the basis; returns the variable that leaves."""
        T, c = self.T, entering
        candidates = [i for i in range(self.rows) if T[i][c] > 0]
        if not candidates:  # pragma: no cover - cannot happen with positive payoffs (bounded polytope)
            raise RuntimeError("unbounded Lemke-Howson step")
        # lexicographic minimum of (rhs, columns of the initial slack basis) / pivot: compare
        # a / b with a' / b' (b, b' > 0) as a b' with a' b
        order = [-1, *range(self.cols, self.cols + self.rows)]
        r = candidates[0]
        for i in candidates[1:]:
            for col in order:
                left, right = T[i][col] * T[r][c], T[r][col] * T[i][c]
                if left != right:
                    if left < right:
                        r = i
                    break
        piv, det, row_r = T[r][c], self.det, T[r]
        for i in range(self.rows):
            if i != r:
                f, row = T[i][c], T[i]
                T[i] = [(piv * a - f * b) // det for a, b in zip(row, row_r, strict=True)]
        self.det = piv
        leaving, self.basis[r] = self.basis[r], entering
        return leaving

    def values(self) -> list[Fraction]:
        """The z part of the basic solution, normalised to a probability vector."""
        z = [0] * self.cols
        for i, var in enumerate(self.basis):
            if var < self.cols:
                z[var] = self.T[i][-1]  # times det, which the normalisation cancels
        total = sum(z)
        return [Fraction(v, total) for v in z]


def lemke_howson(A: Matrix, B: Matrix, dropped: int) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """The equilibrium at the end of the Lemke-Howson path that drops label ``dropped`` (0 .. m + n - 1).

    Raises :class:`PathTooLong` (a ``ValueError``) after :data:`MAX_PIVOTS` pivots.

    >>> from cluster_games.games._rational import matrix
    >>> lemke_howson(matrix([[2, 0], [0, 1]], "A"), matrix([[1, 0], [0, 2]], "B"), 0)
    ((Fraction(1, 1), Fraction(0, 1)), (Fraction(1, 1), Fraction(0, 1)))
    """
    m, n = len(A), len(A[0])
    if not 0 <= dropped < m + n:
        raise ValueError(f"the dropped label must be in 0..{m + n - 1}, got {dropped}")
    Ap = tuple(tuple(v + 1 for v in row) for row in normalised(A))
    Bt = tuple(tuple(v + 1 for v in row) for row in zip(*normalised(B), strict=True))
    P = _Tableau(Bt, first_label=0, slack_label=m)  # x (labels 0..m-1), s (labels m..m+n-1)
    Q = _Tableau(Ap, first_label=m, slack_label=0)  # y (labels m..m+n-1), r (labels 0..m-1)
    tableau, other = (P, Q) if dropped < m else (Q, P)
    entering = tableau.variable_with_label(dropped)
    for _ in range(MAX_PIVOTS):
        leaving = tableau.pivot(entering)
        label = tableau.labels[leaving]
        if label == dropped:
            return tuple(P.values()), tuple(Q.values())
        tableau, other = other, tableau
        entering = tableau.variable_with_label(label)
    raise PathTooLong(
        f"the Lemke-Howson path dropping label {dropped} is longer than {MAX_PIVOTS:,} pivots (refused)"
    )


def lemke_howson_all(A: Matrix, B: Matrix) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """The distinct equilibria reached from every dropped label, in the order first reached."""
    found: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = []
    for label in range(len(A) + len(A[0])):
        eq = lemke_howson(A, B, label)
        if eq not in found:
            found.append(eq)
    return found
