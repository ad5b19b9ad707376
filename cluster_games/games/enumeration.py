r"""All extreme equilibria of a bimatrix game at lrsnash's scale: route, work estimate, limit, progress.

Two exact routes enumerate the vertices of the best-response polytopes and match the
complementary ones (:mod:`~cluster_games.games.pivoting` states the mathematics):

==================  ===========================================================================
``"float-guided"``  a compiled float walk of the polytopes (numba, extra ``fast``) in which every
                    vertex is certified by a rigorous rounding-error bound, the rest (degenerate
                    or ill-conditioned bases, near-ties) solved exactly; each equilibrium solved
                    on its support in integers and verified
                    (:mod:`~cluster_games.games.float_guided`).
``"pivoting"``      exact lexicographic pivoting in Python integers, lrsnash's scheme
                    (:mod:`~cluster_games.games.pivoting`): no compiled dependency at all.
==================  ===========================================================================

``"auto"`` takes the float walk when numba is installed and the game is not small (or numba is
already loaded), else pivoting; a float walk that meets a basis it cannot account for hands the
whole game to pivoting. A small heavily tied game (up to about 10x10) goes to cddlib's double
description when pycddlib is installed (:func:`prefers_cdd`): there it is faster.

**No fixed size cap.** The work is the number of vertices, which no formula gives. Before
starting, the upper bound theorem bounds it; if the bound times the cost per vertex exceeds
``max_seconds``, a probe estimates it (Knuth's estimator on the reverse-search tree of each
polytope, up to 400 random paths or 0.25 s; it needs numba: without it the bound's estimate
stands, which overstates random games' vertices 10 to 70 times), and a game whose estimate
still exceeds ``max_seconds`` is refused with the estimate. The estimator is unbiased
but heavy-tailed (measured: 4,000 to 6,000 against the 723,101 vertices of a random 18x18
game), so it mostly errs low; the run therefore also stops, with what it has done, once it has
used ``max_seconds``. Long runs show a tqdm progress bar on stderr (extra ``progress``; by
default only on a terminal and for runs estimated over 2 s).
"""

from __future__ import annotations

import sys
import time
from dataclasses import dataclass
from fractions import Fraction
from functools import lru_cache

from ..scale.progress import Progress, human_seconds
from ._rational import Matrix
from .pivoting import positive_integers
from .vertex_enumeration import vertex_bound

__all__ = [
    "ROUTES",
    "MAX_SECONDS",
    "Plan",
    "plan",
    "auto_route",
    "prefers_cdd",
    "estimate_seconds",
    "extreme_equilibria",
]

ROUTES = ("float-guided", "pivoting")

#: Default limit on the estimated time of one enumeration (``max_seconds``, ``--max-seconds``).
MAX_SECONDS = 60.0  # as cluster_games.games.cost.MAX_SECONDS

#: Seconds per vertex per unit of ``(m + n) max(m, n)^2`` (float walk) or ``max(m, n) (1 + m + n)``
#: (pivoting): fitted to random 10x10 to 18x18 games on the 2-core machine of the README (within
#: a factor of about 2; degenerate games cost more).
FLOAT_COST = 1.0e-9
PIVOT_COST = 0.65e-6

#: Random paths of the probe.
PATHS = 400

#: Below this many vertices (upper bound) pivoting beats loading numba's compiled kernels.
SMALL = 3000

METHOD_TEXT = {
    "float-guided": "float-guided walk of the best-response polytopes (numba), every vertex certified "
    "by a rounding-error bound or solved exactly; equilibria solved and verified in integers",
    "pivoting": "exact lexicographic pivoting in integers (lrsnash's scheme; no pycddlib)",
}


@dataclass(frozen=True)
class Plan:
    """The route and the estimated work of one enumeration."""

    route: str
    vertices: float
    seconds: float
    source: str


def _cost(route: str, m: int, n: int) -> float:
    """Estimated seconds per vertex of P (dimension m, n facets besides x >= 0) and of Q."""
    if route == "float-guided":
        return FLOAT_COST * (m + n) * max(m, n) ** 2
    return PIVOT_COST * max(m, n) * (1 + m + n)


#: From this share of pure strategies with several pure best responses on, cddlib's double
#: description, which handles degeneracy natively, beats the walks (their degenerate bases are
#: solved in Python) on small games: measured on the README's machine, payoffs in {0, 1, 2} or
#: five values, 6x6 to 10x10, cddlib 1.2-5x faster at shares 0.4-0.95 (the walks 3-50x faster
#: at shares 0-0.11); from 12x12 on the walks are as fast or faster (0.39 s against 0.48 s).
TIED_SHARE = 0.25

#: cddlib is preferred only while both polytopes have at most this many vertices by the upper
#: bound theorem (10x10 has 4,004; 11x11 5,733).
CDD_VERTICES = 5000


def prefers_cdd(A: Matrix, B: Matrix) -> bool:
    """Whether ``"auto"`` should take cddlib (pycddlib installed, small game) for a heavily tied game.

    The share counts the columns of ``A`` and the rows of ``B`` whose maximum is attained more
    than once (a pure strategy with several pure best responses: a degenerate game).

    >>> prefers_cdd(((1, 0), (0, 1)), ((1, 0), (0, 1)))  # every best response unique: the walks
    False
    """
    from . import vertex_enumeration

    m, n = len(A), len(A[0])
    if not vertex_enumeration.available() or min(m, n) < 2:
        return False
    if max(vertex_bound(m, m + n), vertex_bound(n, m + n)) > CDD_VERTICES:
        return False
    tied = sum(sum(A[i][j] == max(A[r][j] for r in range(m)) for i in range(m)) > 1 for j in range(n))
    tied += sum(sum(v == max(row) for v in row) > 1 for row in B)
    return tied >= TIED_SHARE * (m + n)


def auto_route(shape: tuple[int, int]) -> str:
    """The route ``"auto"`` takes for an ``m x n`` game (before looking at the payoffs' size)."""
    from .float_guided import available

    m, n = shape
    bound = vertex_bound(m, m + n) + vertex_bound(n, m + n)
    loaded = "numba" in sys.modules
    return "float-guided" if available() and m + n <= 62 and (loaded or bound > SMALL) else "pivoting"


@lru_cache(maxsize=8)
def _estimate(
    Ai: tuple[tuple[int, ...], ...], Bi: tuple[tuple[int, ...], ...], route: str, limit: float
) -> Plan:
    """The plan of ``route`` on the positive integer game; the probe runs only if the bound exceeds ``limit``."""
    from . import float_guided

    m, n = len(Ai), len(Ai[0])
    bound = vertex_bound(m, m + n) + vertex_bound(n, m + n)
    cost = _cost(route, m, n)
    if bound * cost <= limit:
        return Plan(route, bound, bound * cost, "upper bound theorem")
    if not float_guided.usable(Ai, Bi):
        return Plan(route, bound, bound * cost, "upper bound theorem; numba would give a sharper estimate")
    import numpy as np

    est = float_guided.estimate_vertices(np.array(Bi, dtype=float).T, PATHS) + float_guided.estimate_vertices(
        np.array(Ai, dtype=float), PATHS
    )  # at most about 0.25 s each
    return Plan(route, min(est, bound), min(est, bound) * cost, f"Knuth's estimator, up to {PATHS} paths")


def _route(Ai: list[list[int]], Bi: list[list[int]], method: str) -> str:
    from . import float_guided

    usable = float_guided.usable(Ai, Bi)
    if method == "float-guided" and not usable:
        from ..errors import UnavailableError

        raise UnavailableError(
            "method='float-guided' needs numba (pip install 'cluster-games[fast]') and a game with "
            "m + n <= 62 and payoffs that fit 50 bits once made integers; method='pivoting' answers exactly"
        )
    if method == "auto":
        route = auto_route((len(Ai), len(Ai[0])))
        return route if usable or route == "pivoting" else "pivoting"
    return method


def _frozen(M: list[list[int]]) -> tuple[tuple[int, ...], ...]:
    return tuple(map(tuple, M))


def estimate_seconds(
    shape: tuple[int, int], route: str, A: Matrix | None = None, B: Matrix | None = None
) -> float:
    """Estimated seconds of ``route`` (``"float-guided"`` or ``"pivoting"``) on an ``m x n`` game.

    From the shape alone: the upper bound theorem's vertices. With the payoffs, and numba, the
    probe's estimate when the bound's exceeds :data:`MAX_SECONDS` (cached: a second call is free).
    """
    m, n = shape
    if A is None or B is None:
        return (vertex_bound(m, m + n) + vertex_bound(n, m + n)) * _cost(route, m, n)
    Ai, Bi = positive_integers(A), positive_integers(B)
    if route == "float-guided" and not _route(Ai, Bi, "auto") == "float-guided":
        route = "pivoting"
    return _estimate(_frozen(Ai), _frozen(Bi), route, MAX_SECONDS).seconds


def plan(Ai: list[list[int]], Bi: list[list[int]], method: str, max_seconds: float) -> Plan:
    """Choose the route and estimate the work; :class:`~cluster_games.games.cost.TooMuchWork` if the
    estimate exceeds ``max_seconds``."""
    route = _route(Ai, Bi, method)
    p = _estimate(_frozen(Ai), _frozen(Bi), route, max_seconds)
    if p.seconds > max_seconds:
        from .cost import TooMuchWork

        raise TooMuchWork(
            f"enumerating all equilibria would take about {human_seconds(p.seconds)} (about {p.vertices:,.0f} "
            f"vertices of the best-response polytopes, {p.source}), over the limit of "
            f"{human_seconds(max_seconds)}: raise max_seconds (--max-seconds) to run it, or use "
            "method='lemke-howson' for some equilibria"
        )
    return p


def extreme_equilibria(
    A: Matrix,
    B: Matrix,
    *,
    method: str = "auto",
    max_seconds: float | None = MAX_SECONDS,
    progress: bool | None = None,
) -> tuple[list[tuple[Fraction, ...]], list[tuple[Fraction, ...]], list[tuple[int, int]], bool, str]:
    """Extreme equilibria of ``(A, B)`` as ``(xs, ys, pairs, degenerate, method)``.

    ``pairs`` indexes ``xs`` and ``ys``; ``degenerate`` is exact (some mixed strategy has more
    pure best responses than its support size); ``method`` says which route answered.

    >>> xs, ys, pairs, degenerate, how = extreme_equilibria(((2, 0), (0, 1)), ((1, 0), (0, 2)))
    >>> sorted((str(xs[i][0]), str(ys[j][0])) for i, j in pairs), degenerate
    ([('0', '0'), ('1', '1'), ('2/3', '1/3')], False)
    """
    from . import float_guided, pivoting
    from .cost import TooMuchWork

    if method not in ("auto", *ROUTES):
        raise ValueError(f"method must be 'auto' or one of {', '.join(ROUTES)}, got {method!r}")
    if max_seconds is None:
        max_seconds = float("inf")  # no limit
    if not max_seconds > 0:
        raise ValueError(f"max_seconds must be positive, got {max_seconds!r}")
    Ai, Bi = positive_integers(A), positive_integers(B)
    p = plan(Ai, Bi, method, max_seconds)
    show = progress if progress is not None else (sys.stderr.isatty() and p.seconds > 2)
    start = time.perf_counter()
    with Progress(int(p.vertices), "vertex", enabled=show) as bar:
        done = [0]

        def tick(k: int) -> None:
            bar.update(k)
            done[0] += k
            if time.perf_counter() - start > max_seconds:
                raise TooMuchWork(
                    f"enumeration stopped after {human_seconds(max_seconds)}, the limit, with {done[0]:,} vertices "
                    f"walked and more to go (estimated at the start: about {p.vertices:,.0f}, {p.source}): raise "
                    "max_seconds (--max-seconds) to finish it"
                )

        if p.route == "float-guided":
            out = float_guided.extreme_equilibria(Ai, Bi, tick)
            if out is not None:
                return (*out, METHOD_TEXT["float-guided"])
            note = "; the float walk could not account for a basis: answered by exact pivoting"
        else:
            note = ""
        xs, ys, pairs, degenerate = pivoting.extreme_equilibria(Ai, Bi, tick)
        return xs, ys, pairs, degenerate, METHOD_TEXT["pivoting"] + note
