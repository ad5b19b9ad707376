r"""The critical polynomials of a parametric game: payoff differences and the support systems' Cramer's rule.

For the player with own payoff matrix :math:`O` (its strategies as rows; :math:`O = A` for
the row player, :math:`O = B^\top` for the column player) the best-response polyhedron over
the opponent's mixed strategy :math:`z` is

.. math::

    \{(z, u) : z \ge 0,\ \textstyle\sum_j z_j = 1,\ (O z)_i \le u \ \forall i\}.

Its vertices are the solutions of the **support systems** :math:`(R, J)`,
:math:`|R| = |J| = k`: own strategies :math:`R` tight (best responses), support :math:`J`,

.. math::

    \begin{pmatrix} O_{RJ} & -\mathbf 1 \\ \mathbf 1^\top & 0 \end{pmatrix}
    \begin{pmatrix} z_J \\ u \end{pmatrix} = \begin{pmatrix} 0 \\ 1 \end{pmatrix},
    \qquad z_j = \frac{\det M_j}{\det M}\ \text{(Cramer)},

whenever :math:`\det M \ne 0` and the solution is feasible: :math:`z_J \ge 0` and every other
own strategy's slack :math:`u - (O z)_i \ge 0`. A pair of vertices, one of each player's
polyhedron, whose labels (zero probabilities and best responses) cover every strategy is
an extreme Nash equilibrium, degenerate games included; a strategy survives iterated
elimination of strictly dominated strategies (mixed dominators included) iff it labels a
vertex of the polyhedron of the surviving subgame (a strategy is strictly dominated iff it
is a best response to no belief). So the signs of

* :math:`\det M`, the numerators :math:`\det M_j` and the slacks' numerators, for every
  support system of both players, and
* the payoff differences :math:`O_{sj} - O_{tj}` (pure dominance),

decide every strategic fact: their irreducible factors are the critical polynomials.
Payoffs with denominators are first scaled by the least common denominator :math:`L` of
the player's matrix, :math:`\hat O = L O`: probabilities do not change, slacks and
differences are multiplied by :math:`L`, whose sign is a product of critical factors too.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import combinations

from sympy.polys.fields import FracElement
from sympy.polys.matrices import DomainMatrix
from sympy.polys.rings import PolyElement

from .polys import FactorTable, ParameterRing, SignedProduct

__all__ = ["System", "PlayerTables", "CriticalSet"]


@dataclass(frozen=True)
class System:
    """A support system ``(own, support)`` of one player's polyhedron, with the signs that decide it.

    Attributes
    ----------
    player : int
        0 for the row player (the polyhedron over column strategies), 1 for the column player.
    own, support : tuple of int
        Tight own strategies :math:`R` and the opponent's support :math:`J`.
    det : SignedProduct
        Sign of :math:`\\det M` (zero: the system defines no vertex).
    probabilities : tuple of SignedProduct
        Sign of each :math:`z_j`, :math:`j \\in J` (numerator times determinant).
    slacks : tuple of (int, SignedProduct)
        Each other own strategy and the sign of its slack :math:`u - (O z)_i`.
    closed_form : tuple of FracElement
        :math:`z` over all the opponent's strategies (zero outside :math:`J`), cancelled.
    """

    player: int
    own: tuple[int, ...]
    support: tuple[int, ...]
    det: SignedProduct
    probabilities: tuple[SignedProduct, ...]
    slacks: tuple[tuple[int, SignedProduct], ...]
    closed_form: tuple[FracElement, ...]


@dataclass(frozen=True)
class PlayerTables:
    """One player's systems (by increasing size) and pure payoff differences ``(s, t, j) -> sign``."""

    player: int
    n_own: int
    n_opp: int
    systems: tuple[System, ...]
    differences: dict[tuple[int, int, int], SignedProduct]


def _det(rows: list[list[PolyElement]], ring: ParameterRing) -> PolyElement:
    n = len(rows)
    return DomainMatrix(rows, (n, n), ring.ring.to_domain()).det()


class CriticalSet:
    """Every polynomial whose sign matters, factored into a shared :class:`FactorTable`.

    Parameters
    ----------
    A, B : tuple of tuple of sympy.Expr
        The payoffs (rational functions over ``ring``'s symbols).
    ring : ParameterRing
    """

    def __init__(self, A, B, ring: ParameterRing) -> None:
        self.ring = ring
        self.table = FactorTable(ring)
        Bt = tuple(zip(*B, strict=True))
        self.players = (self._player(0, A), self._player(1, Bt))

    def _player(self, player: int, O) -> PlayerTables:
        ring, table = self.ring, self.table
        fractions = [[ring.fraction(e) for e in row] for row in O]
        L = ring.ring.one
        for row in fractions:
            for _, den in row:
                L = L.lcm(den)
        L_sign = table.add(L)
        Ohat = [[num * L.exquo(den) for num, den in row] for row in fractions]
        n_own, n_opp = len(O), len(O[0])
        differences = {
            (s, t, j): table.add(Ohat[s][j] - Ohat[t][j]).times(L_sign)
            for s in range(n_own)
            for t in range(n_own)
            if s != t
            for j in range(n_opp)
        }
        systems = []
        one, zero = ring.ring.one, ring.ring.zero
        K = ring.field
        for k in range(1, min(n_own, n_opp) + 1):
            for R in combinations(range(n_own), k):
                for J in combinations(range(n_opp), k):
                    M = [[Ohat[i][j] for j in J] + [-one] for i in R] + [[one] * k + [zero]]
                    det = _det(M, ring)
                    det_sign = table.add(det)
                    if det_sign.is_zero:
                        continue
                    rhs = [zero] * k + [one]
                    numerators = []
                    for col in range(k + 1):
                        Mc = [[*row[:col], rhs[r], *row[col + 1 :]] for r, row in enumerate(M)]
                        numerators.append(_det(Mc, ring))
                    probabilities = tuple(table.add(num).times(det_sign) for num in numerators[:k])
                    u_num = numerators[k]
                    slacks = tuple(
                        (i, table.add(u_num - sum((Ohat[i][j] * numerators[c] for c, j in enumerate(J)), zero))
                         .times(det_sign).times(L_sign))
                        for i in range(n_own)
                        if i not in R
                    )  # fmt: skip
                    closed = [K.zero] * n_opp
                    for c, j in enumerate(J):
                        closed[j] = K(numerators[c]) / K(det)
                    systems.append(System(player, R, J, det_sign, probabilities, slacks, tuple(closed)))
        return PlayerTables(player, n_own, n_opp, tuple(systems), differences)

    @property
    def factors(self):
        return self.table.factors
