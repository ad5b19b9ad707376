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

import numpy as np

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

    def __init__(self, G: IntMatrix, mask: int, Go: np.ndarray | None = None) -> None:
        f, d = len(G), len(G[0])
        self.Go = Go = np.array(G, dtype=object) if Go is None else Go
        self.mask, self.d, self.f = mask, d, f
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
        X = np.array(cols, dtype=object).T.reshape(k, k)  # N^{-1} = X / det
        if det < 0:
            X, det = -X, -det
        self.X, self.det = X, det
        tight = set(J)
        self.rest = rest = [j for j in range(f) if j not in tight]
        self.GS = Go[np.ix_(rest, S)] if k else np.zeros((len(rest), 0), dtype=object)
        zc = X.sum(axis=1) if k else np.zeros(0, dtype=object)
        sc = det - self.GS @ zc if k else np.full(len(rest), det, dtype=object)
        self.labels_of_rows = [*S, *(d + j for j in rest)]  # basic variables: z_S, then slacks of the rest
        self.const = [*zc.tolist(), *sc.tolist()]  # their values, times det
        self._vectors: dict[int, list[int]] = {}
        self.valid = all(
            c > 0 or (c == 0 and next(v for v in self.vector(r) if v) > 0) for r, c in enumerate(self.const)
        )
        self.labels = mask | sum(
            1 << lab for lab, c in zip(self.labels_of_rows, self.const, strict=True) if c == 0
        )
        z = [0] * d
        for a in range(k):
            z[S[a]] = self.const[a]
        self.point = tuple(z)

    def vector(self, r: int) -> list[int]:
        """Basic row ``r``'s coefficients ``(constant, eps^1, ..., eps^f)``, times ``det`` (computed when needed)."""
        if r not in self._vectors:
            k, f = len(self.S), self.f
            vec = [0] * (1 + f)
            vec[0] = self.const[r]
            if r < k:
                for b, j in enumerate(self.J):
                    vec[1 + j] = self.X[r, b]
            else:
                j = self.rest[r - k]
                vec[1 + j] = self.det
                if k:
                    row = self.GS[r - k] @ self.X
                    for b, jj in enumerate(self.J):
                        vec[1 + jj] = -row[b]
            self._vectors[r] = vec
        return self._vectors[r]

    def probabilities(self) -> tuple[Fraction, ...]:
        total = sum(self.point)
        return tuple(Fraction(v, total) for v in self.point)

    def neighbour(self, lab: int) -> int:
        """The mask of the lex-feasible neighbour reached by raising nonbasic variable ``lab``."""
        Go, J, X, d, k = self.Go, self.J, self.X, self.d, len(self.S)
        if lab < d:  # z_lab rises: N dz_S = -G[J, lab]; rates over det
            dz = -(X @ Go[J, lab]) if k else np.zeros(0, dtype=object)
            own = self.det * Go[self.rest, lab]
        else:  # the slack of row J[a0] rises: N dz_S = -e_a0
            dz = -X[:, J.index(lab - d)]
            own = 0
        rates = [
            *dz.tolist(),
            *(-(self.GS @ dz + own) if k else -own + np.zeros(len(self.rest), dtype=object)).tolist(),
        ]
        best, bq = -1, 0
        for r, rate in enumerate(rates):
            if rate >= 0:
                continue
            if best < 0:
                best, bq = r, -rate
                continue
            left, right = self.const[r] * bq, self.const[best] * -rate  # ratios const / -rate
            if left == right:  # a tie in the values: the perturbation decides
                for u, v in zip(self.vector(r)[1:], self.vector(best)[1:], strict=True):
                    left, right = u * bq, v * -rate
                    if left != right:
                        break
            if left < right:
                best, bq = r, -rate
        if best < 0:
            raise ArithmeticError("unbounded edge in a bounded polytope")
        return (self.mask & ~(1 << lab)) | (1 << self.labels_of_rows[best])
