r"""nashpy's algorithms as a method of :func:`~cluster_games.games.equilibria.nash_equilibria`, made exact.

:func:`enumerate_float` runs nashpy's vertex enumeration, cross-checked by its support
enumeration, in floats; each profile it returns then only names a *support* ``(S, T)``. The
equilibrium on that support is solved again in exact rationals, from the original payoffs:

.. math::

    \sum_{j \in T} A_{ij} y_j = v \ (i \in S), \quad \sum_{j \in T} y_j = 1, \qquad
    \sum_{i \in S} B_{ij} x_i = u \ (j \in T), \quad \sum_{i \in S} x_i = 1,

by Gauss-Jordan elimination over :class:`~fractions.Fraction` (a degenerate support leaves free
variables: they keep the float's value, as the nearest fraction of small denominator), and the
result is kept only if it passes the *exact* best-response test
(:func:`~cluster_games.games.equilibria.is_nash_equilibrium` with ``tol=0``). So every
probability reported is an exact rational that is an equilibrium, never a float printed as one;
a float profile with no exact equilibrium on its support (payoffs beyond float resolution, such
as ``[[1e400, 0], [0, 1]]``, whose floats nashpy sees rounded) is discarded and counted, and the
set is then reported as not necessarily complete (``complete=False``).
"""

from __future__ import annotations

import warnings
from fractions import Fraction

from ._rational import Matrix, as_float, normalised
from .equilibria import EquilibriumSet, Profile, assemble, is_nash_equilibrium

__all__ = ["enumerate_float", "exact_on_support", "MAX_STRATEGIES"]

#: Largest number of strategies per player for the float enumeration (support enumeration
#: over every pair of supports: 0.2 s at 6x6, over a minute at 10x10).
MAX_STRATEGIES = 6

#: A float probability above this is in the support.
_SUPPORT = 1e-9


def _quietly(fn):
    with warnings.catch_warnings():
        # nashpy warns on degenerate games; degeneracy is detected and reported instead.
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UserWarning)
        return fn()


def _solve(rows: list[list[Fraction]], guess: list[float]) -> list[Fraction] | None:
    """A solution of ``rows`` (each ``[a_1 .. a_n, b]``: ``a . z = b``), exactly, or ``None``.

    Gauss-Jordan elimination; a free variable takes its ``guess`` as a fraction of small
    denominator, so a degenerate system gives the exact point nearest the float one.
    """
    n = len(guess)
    rows = [r[:] for r in rows]
    pivots: list[int] = []
    r = 0
    for col in range(n):
        pick = next((i for i in range(r, len(rows)) if rows[i][col] != 0), None)
        if pick is None:
            continue
        rows[r], rows[pick] = rows[pick], rows[r]
        lead = rows[r][col]
        rows[r] = [v / lead for v in rows[r]]
        for i in range(len(rows)):
            if i != r and rows[i][col] != 0:
                f = rows[i][col]
                rows[i] = [a - f * b for a, b in zip(rows[i], rows[r], strict=True)]
        pivots.append(col)
        r += 1
        if r == len(rows):
            break
    if any(all(v == 0 for v in row[:n]) and row[n] != 0 for row in rows[r:]):
        return None  # inconsistent: no equilibrium on this support
    z = [Fraction(0)] * n
    free = [c for c in range(n) if c not in pivots]
    for c in free:
        z[c] = Fraction(guess[c]).limit_denominator(10**6)
    for i, col in enumerate(pivots):
        z[col] = rows[i][n] - sum(rows[i][c] * z[c] for c in free)
    return z


def _mix(
    M: Matrix, own: list[int], other: list[int], guess: tuple[float, ...]
) -> tuple[Fraction, ...] | None:
    """The mixture over ``other`` (columns of ``M``) that makes every row of ``own`` earn the same."""
    k = len(other)
    # unknowns (v, z_1 .. z_k), v first so that it is a pivot and the free variables are probabilities
    rows = [[Fraction(-1), *(M[i][j] for j in other), Fraction(0)] for i in own]  # sum_j M_ij z_j - v = 0
    rows.append([Fraction(0), *([Fraction(1)] * k), Fraction(1)])  # sum_j z_j = 1
    z = _solve(rows, [0.0, *(guess[j] for j in other)])
    if z is None or any(v < 0 for v in z[1:]):
        return None
    out = [Fraction(0)] * len(guess)
    for j, v in zip(other, z[1:], strict=True):
        out[j] = v
    return tuple(out)


def exact_on_support(
    A: Matrix, B: Matrix, x: tuple[float, ...], y: tuple[float, ...]
) -> tuple[tuple[Fraction, ...], tuple[Fraction, ...]] | None:
    """The exact equilibrium on the support of the float profile ``(x, y)``, verified, or ``None``.

    >>> from cluster_games.games._rational import matrix
    >>> A, B = matrix([[5, 0], [0, 8]], "A"), matrix([[1, 0], [0, 1]], "B")
    >>> exact_on_support(A, B, (0.5, 0.5), (0.61538461538462, 0.38461538461538))
    ((Fraction(1, 2), Fraction(1, 2)), (Fraction(8, 13), Fraction(5, 13)))
    """
    S = [i for i, v in enumerate(x) if v > _SUPPORT]
    T = [j for j, v in enumerate(y) if v > _SUPPORT]
    if not S or not T:
        return None
    Bt = tuple(zip(*B, strict=True))  # the column player's payoffs, own strategies as rows
    ey = _mix(A, S, T, y)
    ex = _mix(Bt, T, S, x)
    if ex is None or ey is None or not is_nash_equilibrium(A, B, ex, ey, tol=0):
        return None
    return ex, ey


def enumerate_float(A: Matrix, B: Matrix, rl, cl) -> EquilibriumSet:
    """nashpy's vertex enumeration cross-checked by its support enumeration, each profile made exact.

    Raises
    ------
    ValueError
        For a game with more than :data:`MAX_STRATEGIES` strategies per player, or when no profile
        nashpy returns leads to an exact equilibrium (the message names the exact methods).
    """
    import nashpy

    if max(len(A), len(A[0])) > MAX_STRATEGIES:
        raise ValueError(
            f"the float enumeration handles up to {MAX_STRATEGIES} strategies per player; install pycddlib "
            "(pip install -e '.[exact]' in a clone of cluster_games) for exact vertex enumeration, or use method='lemke-howson'"
        )
    # Equilibria do not change under a positive affine map of a player's payoffs: nashpy gets
    # the payoffs mapped exactly onto [1, 2] (its polytopes need positive payoffs).
    An, Bn = as_float(normalised(A)) + 1.0, as_float(normalised(B)) + 1.0
    game = nashpy.Game(An, Bn)
    try:
        vertex = _quietly(lambda: [(tuple(x), tuple(y)) for x, y in game.vertex_enumeration()])
        vertex_error = None
    except Exception as exc:  # qhull can reject badly scaled polytopes; support enumeration still runs
        vertex, vertex_error = [], f"vertex enumeration failed: {type(exc).__name__}"
    support = _quietly(
        lambda: [(tuple(x), tuple(y)) for x, y in game.support_enumeration(non_degenerate=False, tol=1e-12)]
    )

    def exact(profiles):
        made = [exact_on_support(A, B, tuple(map(float, x)), tuple(map(float, y))) for x, y in profiles]
        good = {p for p in made if p is not None}
        return good, sum(p is None for p in made)

    vertex_ok, vertex_bad = exact(vertex)
    support_ok, support_bad = exact(support)
    found = vertex_ok | support_ok
    if not found:
        raise ValueError(
            "nashpy's float enumeration returned no profile that is an exact equilibrium (payoffs beyond "
            "float resolution?); use method='vertex-enumeration' (pycddlib) or 'lemke-howson', which are exact"
        )
    xs = sorted({x for x, _ in found})
    ys = sorted({y for _, y in found})
    pairs = [(xs.index(x), ys.index(y)) for x, y in found]
    notes = [vertex_error] if vertex_error else []
    if vertex_bad or support_bad:
        notes.append(
            f"discarded {vertex_bad + support_bad} float profile(s) with no exact equilibrium on their support"
        )
    method = (
        "nashpy vertex enumeration, cross-checked by support enumeration (floats), "
        "each equilibrium solved exactly on its support and verified"
    )
    if notes:
        method += " (" + "; ".join(notes) + ")"
    # two best responses to a pure strategy, decided on the exact payoffs (floats can tie 0 and 1e-400)
    m, n = len(A), len(A[0])
    ties = any(sum(A[i][j] == max(A[t][j] for t in range(m)) for i in range(m)) > 1 for j in range(n)) or any(
        sum(B[i][j] == max(B[i]) for j in range(n)) > 1 for i in range(m)
    )
    support_profiles = tuple(Profile(x, y, rl, cl) for x, y in sorted(support_ok))
    # A discarded profile may stand for an equilibrium that floats cannot show (a probability of
    # 1e-400 is 0.0): the set found is then not claimed complete.
    complete = not (vertex_bad or support_bad or vertex_error)
    return assemble(
        xs, ys, pairs, rl, cl, degenerate=ties, method=method, support=support_profiles, complete=complete
    )
