r"""All extreme equilibria of a bimatrix game by exact vertex enumeration of its best-response polytopes.

With payoffs made positive (exactly, by :func:`~cluster_games.games._rational.normalised`
plus one: equilibria do not change), the best-response polytopes are

.. math::

    P = \{x \in \mathbb{R}^m : x \ge 0,\ B^\top x \le 1\}, \qquad
    Q = \{y \in \mathbb{R}^n : A y \le 1,\ y \ge 0\}.

A point of :math:`P` has label :math:`i` if :math:`x_i = 0` and label :math:`m + j` if
:math:`(B^\top x)_j = 1`; a point of :math:`Q` has label :math:`i` if
:math:`(A y)_i = 1` and label :math:`m + j` if :math:`y_j = 0`. A pair of vertices
:math:`(x, y) \ne (0, 0)` whose labels together are all of :math:`\{0, \dots, m + n - 1\}`
(*completely labeled*) is, normalised, an extreme Nash equilibrium, and every extreme
equilibrium arises this way, degenerate games included (von Stengel 2002; Avis,
Rosenberg, Savani and von Stengel 2010). The vertices come from cddlib's double
description method in exact rational arithmetic (pycddlib, extra ``exact``); labels
and the matching are computed exactly.

The number of vertices can grow exponentially with the number of strategies; the
upper bound theorem bounds it before any work is done, and games beyond
:data:`MAX_VERTICES` are refused with the methods that can still answer.
"""

from __future__ import annotations

from fractions import Fraction
from math import comb

import numpy as np

from ..errors import UnavailableError
from ._rational import Matrix, normalised

__all__ = ["available", "vertex_bound", "check_size", "extreme_equilibria", "MAX_VERTICES"]

#: Largest upper-bound-theorem count of vertices of either polytope that is enumerated
#: (a 12 x 12 game has at most 24,752; measured: 3 s for a random one, 0.15 s for 10 x 10).
MAX_VERTICES = 25_000


def available() -> bool:
    """Whether pycddlib (extra ``exact``) can be imported."""
    try:
        import cdd  # noqa: F401
    except ImportError:
        return False
    return True


def vertex_bound(dim: int, facets: int) -> int:
    r"""McMullen's upper bound on the vertices of a ``dim``-polytope with ``facets`` facets.

    .. math:: \binom{f - \lceil d/2 \rceil}{\lfloor d/2 \rfloor} + \binom{f - \lfloor d/2 \rfloor - 1}{\lceil d/2 \rceil - 1}

    >>> vertex_bound(10, 20)
    4004
    """
    d, f = dim, facets
    return comb(f - (d + 1) // 2, d // 2) + comb(f - d // 2 - 1, (d + 1) // 2 - 1)


def _vertices(M: Matrix, tight_first: bool) -> tuple[list[tuple[Fraction, ...]], np.ndarray]:
    """Vertices of {z >= 0 : M z <= 1} and their labels (M has positive entries: the polytope is bounded).

    Labels come from cddlib's incidence (the inequalities each vertex makes tight), ordered
    as the module docstring says: for P (``tight_first=False``) zero coordinates first, for
    Q (``tight_first=True``) tight constraints first.
    """
    import cdd

    rows, dim = len(M), len(M[0])
    h = [[Fraction(1), *(-v for v in M[i])] for i in range(rows)]
    h += [[Fraction(0), *(Fraction(int(i == j)) for i in range(dim))] for j in range(dim)]
    mat = cdd.Matrix(h, number_type="fraction")
    mat.rep_type = cdd.RepType.INEQUALITY
    poly = cdd.Polyhedron(mat)
    gen, incidence = poly.get_generators(), poly.get_incidence()
    # inequality k < rows is the constraint k; rows + j is z_j >= 0
    position = (
        [dim + k for k in range(rows)] + list(range(dim)) if not tight_first else list(range(rows + dim))
    )
    vertices, labels = [], []
    for row, tight in zip(gen, incidence, strict=True):
        if row[0] != 1 or not any(row[1:]):  # rays cannot occur; the origin is no equilibrium
            continue
        vertices.append(tuple(Fraction(v) for v in row[1:]))
        mask = np.zeros(rows + dim, dtype=bool)
        mask[[position[k] for k in tight if k < rows + dim]] = True
        labels.append(mask)
    return vertices, np.array(labels, dtype=bool).reshape(len(vertices), rows + dim)


def check_size(m: int, n: int) -> None:
    """Refuse (``ValueError``) an ``m x n`` game whose polytopes may have more than :data:`MAX_VERTICES` vertices."""
    for dim, facets in ((m, m + n), (n, m + n)):
        if vertex_bound(dim, facets) > MAX_VERTICES:
            raise ValueError(
                f"the {m}x{n} game is too large for exact vertex enumeration (up to "
                f"{vertex_bound(dim, facets):,} vertices); method='lemke-howson' finds some equilibria"
            )


def extreme_equilibria(
    A: Matrix, B: Matrix
) -> tuple[list[tuple[Fraction, ...]], list[tuple[Fraction, ...]], list[tuple[int, int]], bool]:
    """Extreme equilibria of ``(A, B)``: the distinct row strategies, column strategies, and the pairs.

    Returns ``(xs, ys, pairs, degenerate_vertex)``: ``pairs`` indexes ``xs`` and ``ys``;
    ``degenerate_vertex`` is true if some vertex has more labels than its dimension (the
    game is degenerate).
    """
    if not available():
        raise UnavailableError(
            "exact vertex enumeration needs pycddlib: pip install -e '.[exact]' in a clone of cluster_games"
        )
    m, n = len(A), len(A[0])
    check_size(m, n)
    Ap = tuple(tuple(v + 1 for v in row) for row in normalised(A))
    Bt = tuple(tuple(v + 1 for v in row) for row in zip(*normalised(B), strict=True))
    P, LP = _vertices(Bt, tight_first=False)
    Q, LQ = _vertices(Ap, tight_first=True)
    degenerate = bool((LP.sum(axis=1) > m).any() or (LQ.sum(axis=1) > n).any())
    # (x, y) is completely labeled iff every label x lacks, y has: count the misses at once.
    misses = (~LP).astype(np.int64) @ (~LQ).astype(np.int64).T
    pairs = [(int(i), int(j)) for i, j in zip(*np.nonzero(misses == 0), strict=True)]
    used_x = sorted({i for i, _ in pairs})
    used_y = sorted({j for _, j in pairs})
    xs = [_normalise(P[i]) for i in used_x]
    ys = [_normalise(Q[j]) for j in used_y]
    index_x = {i: k for k, i in enumerate(used_x)}
    index_y = {j: k for k, j in enumerate(used_y)}
    return xs, ys, [(index_x[i], index_y[j]) for i, j in pairs], degenerate


def _normalise(z: tuple[Fraction, ...]) -> tuple[Fraction, ...]:
    total = sum(z)
    return tuple(v / total for v in z)
