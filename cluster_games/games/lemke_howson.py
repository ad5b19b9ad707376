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

from fractions import Fraction

from ._rational import Matrix, normalised

__all__ = ["lemke_howson", "lemke_howson_all"]


class _Tableau:
    """Rows ``M z + I w = 1`` in the basis of ``w``, with the lexicographic ratio test."""

    def __init__(self, M: Matrix, first_label: int, slack_label: int) -> None:
        self.rows, self.cols = len(M), len(M[0])
        size = self.cols + self.rows
        # variables 0..cols-1: z (labels first_label + j); cols..: w (labels slack_label + i)
        self.T = [
            [*M[i], *(Fraction(int(i == t)) for t in range(self.rows)), Fraction(1)] for i in range(self.rows)
        ]
        self.basis = [self.cols + i for i in range(self.rows)]
        self.labels = [first_label + j for j in range(self.cols)] + [
            slack_label + i for i in range(self.rows)
        ]
        self.size = size

    def variable_with_label(self, label: int) -> int:
        return self.labels.index(label)

    def pivot(self, entering: int) -> int:
        """Bring ``entering`` into the basis; returns the variable that leaves."""
        candidates = [i for i in range(self.rows) if self.T[i][entering] > 0]
        if not candidates:  # pragma: no cover - cannot happen with positive payoffs (bounded polytope)
            raise RuntimeError("unbounded Lemke-Howson step")

        def key(i: int):
            row, piv = self.T[i], self.T[i][entering]
            # (rhs, then the columns of the initial slack basis) divided by the pivot: lexicographic
            return (row[-1] / piv, *(row[self.cols + t] / piv for t in range(self.rows)))

        r = min(candidates, key=key)
        piv = self.T[r][entering]
        self.T[r] = [v / piv for v in self.T[r]]
        for i in range(self.rows):
            f = self.T[i][entering]
            if i != r and f != 0:
                self.T[i] = [a - f * b for a, b in zip(self.T[i], self.T[r], strict=True)]
        leaving, self.basis[r] = self.basis[r], entering
        return leaving

    def values(self) -> list[Fraction]:
        """The z part of the basic solution, normalised to a probability vector."""
        z = [Fraction(0)] * self.cols
        for i, var in enumerate(self.basis):
            if var < self.cols:
                z[var] = self.T[i][-1]
        total = sum(z)
        return [v / total for v in z]


def lemke_howson(A: Matrix, B: Matrix, dropped: int) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]]:
    """The equilibrium at the end of the Lemke-Howson path that drops label ``dropped`` (0 .. m + n - 1).

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
    while True:
        leaving = tableau.pivot(entering)
        label = tableau.labels[leaving]
        if label == dropped:
            break
        tableau, other = other, tableau
        entering = tableau.variable_with_label(label)
    return tuple(P.values()), tuple(Q.values())


def lemke_howson_all(A: Matrix, B: Matrix) -> list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """The distinct equilibria reached from every dropped label, in the order first reached."""
    found: list[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]] = []
    for label in range(len(A) + len(A[0])):
        eq = lemke_howson(A, B, label)
        if eq not in found:
            found.append(eq)
    return found
