r"""One basis of ``{z >= 0 : G z <= 1}`` in exact integer arithmetic, lexicographically perturbed.

The float walk of :mod:`~cluster_games.games.float_guided` hands over what it cannot certify:
a basis it met but could not prove a simple vertex (a degenerate or ill-conditioned one), or an
edge whose float ratio test was too close to a tie. Here the basis named by a mask of nonbasic
variables (bit ``i < d``: :math:`z_i`, bit ``d + j``: the slack of row :math:`j`) is solved
exactly with the right-hand side perturbed to :math:`1 + (\epsilon^1, \dots, \epsilon^f)`, as in
:mod:`~cluster_games.games.pivoting`. Each basic variable is a vector of coefficients
``(constant, eps^1, ..., eps^f)`` over the common denominator :math:`\det N > 0`
(:math:`N = G_{JS}`, :math:`S` the basic :math:`z`, :math:`J` the tight rows). The basis is
lex-feasible iff each vector's first non-zero entry is positive; the lexicographic ratio test
along an edge gives the one lex-feasible neighbour.
"""

from __future__ import annotations

from fractions import Fraction

from .pivoting import IntMatrix, solve_integer_many

__all__ = ["ExactBasis"]


class ExactBasis:
    """The basis of ``mask`` for the positive integer matrix ``G`` (``f`` rows, ``d`` columns).

    Attributes
    ----------
    valid : bool
        The mask names a basis (as many basic ``z`` as tight rows, ``N`` non-singular) that is
        lex-feasible.
    labels : int
        Mask of the variables that are 0 at the (unperturbed) vertex: the nonbasic ones and the
        basic ones whose constant term is 0.
    point : tuple of int
        ``z`` times ``det`` (integers).

    >>> b = ExactBasis([[1, 2], [2, 1]], 0b0011)  # the origin: both z_i nonbasic
    >>> b.valid, bin(b.labels), b.point, bin(b.neighbour(0))  # raising z_0 first makes row 1 tight
    (True, '0b11', (0, 0), '0b1010')
    """

    def __init__(self, G: IntMatrix, mask: int) -> None:
        f, d = len(G), len(G[0])
        self.G, self.mask, self.d, self.f = G, mask, d, f
        self.S = S = [i for i in range(d) if not (mask >> i) & 1]
        self.J = J = [j for j in range(f) if (mask >> (d + j)) & 1]
        self.valid = False
        self.labels, self.point = mask, (0,) * d
        if len(S) != len(J):
            return
        k = len(S)
        inv = solve_integer_many(
            [[G[j][i] for i in S] for j in J], [[int(a == b) for a in range(k)] for b in range(k)]
        )
        if inv is None:
            return
        cols, det = inv
        if det < 0:
            cols, det = [[-v for v in c] for c in cols], -det
        self.X = X = [[cols[b][a] for b in range(k)] for a in range(k)]  # N^{-1} = X / det
        self.det = det
        basic: list[tuple[int, list[int]]] = []  # (label, coefficient vector), all over det
        zc = []
        for a in range(k):
            vec = [0] * (1 + f)
            vec[0] = sum(X[a])
            for b in range(k):
                vec[1 + J[b]] = X[a][b]
            zc.append(vec[0])
            basic.append((S[a], vec))
        tight = set(J)
        for j in range(f):
            if j in tight:
                continue
            vec = [0] * (1 + f)
            vec[0] = det - sum(G[j][S[a]] * zc[a] for a in range(k))
            vec[1 + j] = det
            for b in range(k):
                vec[1 + J[b]] = -sum(G[j][S[a]] * X[a][b] for a in range(k))
            basic.append((d + j, vec))
        self.basic = basic
        self.valid = all(next(v for v in vec if v) > 0 for _, vec in basic)
        self.labels = mask | sum(1 << lab for lab, vec in basic if vec[0] == 0)
        z = [0] * d
        for a in range(k):
            z[S[a]] = zc[a]
        self.point = tuple(z)

    def probabilities(self) -> tuple[Fraction, ...]:
        total = sum(self.point)
        return tuple(Fraction(v, total) for v in self.point)

    def neighbour(self, lab: int) -> int:
        """The mask of the lex-feasible neighbour reached by raising nonbasic variable ``lab``."""
        G, S, J, X, d = self.G, self.S, self.J, self.X, self.d
        k = len(S)
        if lab < d:  # z_lab rises: N dz_S = -G[J, lab]; rates over det
            dz = [-sum(X[a][b] * G[J[b]][lab] for b in range(k)) for a in range(k)]
            own = [self.det * G[j][lab] for j in range(self.f)]
        else:  # the slack of row J[a0] rises: N dz_S = -e_a0
            a0 = J.index(lab - d)
            dz = [-X[a][a0] for a in range(k)]
            own = [0] * self.f
        best: tuple[int, list[int], int] | None = None  # (label, vector, -rate)
        for a, (label, vec) in enumerate(self.basic):
            if a < k:
                rate = dz[a]
            else:
                j = label - d
                rate = -(sum(G[j][S[b]] * dz[b] for b in range(k)) + own[j])
            if rate >= 0:
                continue
            if best is None:
                best = (label, vec, -rate)
                continue
            _, bvec, bq = best
            for u, v in zip(vec, bvec, strict=True):  # lexicographic ratio: vec / -rate against the best
                left, right = u * bq, v * -rate
                if left != right:
                    if left < right:
                        best = (label, vec, -rate)
                    break
        if best is None:
            raise ArithmeticError("unbounded edge in a bounded polytope")
        return (self.mask & ~(1 << lab)) | (1 << best[0])
