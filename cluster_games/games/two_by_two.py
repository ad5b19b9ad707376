r"""All equilibria of a 2x2 game by best-response analysis in exact arithmetic.

With :math:`p, q` the probabilities of the first strategies, the row player's gain
from its first strategy is :math:`g_r(q) = q (A_{00} - A_{10}) + (1 - q)(A_{01} - A_{11})`
and the column player's :math:`g_c(p) = p (B_{00} - B_{01}) + (1 - p)(B_{10} - B_{11})`.
Every extreme equilibrium has :math:`p \in \{0, 1, p_c\}` and :math:`q \in \{0, 1, q_r\}`,
where :math:`p_c, q_r` are the roots of :math:`g_c, g_r` in (0, 1); each candidate is
tested exactly, and the survivors are grouped into maximal Nash subsets. No tolerance is
involved, so a tie on a boundary is seen as a tie.
"""

from __future__ import annotations

from fractions import Fraction

from ._rational import Matrix
from .equilibria import EquilibriumSet, assemble

__all__ = ["equilibria_2x2"]


def equilibria_2x2(A: Matrix, B: Matrix, rl: tuple[str, ...], cl: tuple[str, ...]) -> EquilibriumSet:
    """The exact equilibrium set of the 2x2 game ``(A, B)`` (rationals in, rationals out).

    >>> from fractions import Fraction as Fr
    >>> M = ((Fr(1), Fr(-1)), (Fr(-1), Fr(1)))
    >>> print(equilibria_2x2(M, tuple(tuple(-v for v in r) for r in M), ("H", "T"), ("H", "T")))
    unique equilibrium: (1/2 H + 1/2 T, 1/2 H + 1/2 T)
    """
    if len(A) != 2 or len(A[0]) != 2 or len(B) != 2 or len(B[0]) != 2:
        raise ValueError("the exact 2x2 analysis needs 2x2 payoff matrices")
    a_r, b_r = A[0][0] - A[1][0], A[0][1] - A[1][1]  # g_r(q) = q a_r + (1 - q) b_r
    a_c, b_c = B[0][0] - B[0][1], B[1][0] - B[1][1]  # g_c(p) = p a_c + (1 - p) b_c

    def root(a: Fraction, b: Fraction) -> Fraction | None:  # zero of q a + (1 - q) b inside (0, 1)
        if a == b:
            return None
        z = b / (b - a)
        return z if 0 < z < 1 else None

    def best(prob: Fraction, gain: Fraction) -> bool:
        return (prob == 1 and gain >= 0) or (prob == 0 and gain <= 0) or (0 < prob < 1 and gain == 0)

    ps = sorted({Fraction(0), Fraction(1)} | ({root(a_c, b_c)} - {None}), reverse=True)
    qs = sorted({Fraction(0), Fraction(1)} | ({root(a_r, b_r)} - {None}), reverse=True)
    pairs = [
        (i, j)
        for i, p in enumerate(ps)
        for j, q in enumerate(qs)
        if best(p, q * a_r + (1 - q) * b_r) and best(q, p * a_c + (1 - p) * b_c)
    ]
    xs = [(p, 1 - p) for p in ps]
    ys = [(q, 1 - q) for q in qs]
    return assemble(
        xs,
        ys,
        pairs,
        rl,
        cl,
        degenerate=0 in (a_r, b_r, a_c, b_c),
        method="exact 2x2 best-response analysis (rationals)",
    )
