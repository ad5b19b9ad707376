r"""All extreme equilibria of a bimatrix game at lrsnash's scale: route, work estimate, limit, progress.

Two exact routes enumerate the vertices of the best-response polytopes and match the
complementary ones (:mod:`~cluster_games.games.pivoting` states the mathematics):

=================  ============================================================================
``"float-guided"`` a compiled float walk of both polytopes (numba, extra ``fast``) in which every
                   vertex is certified by a rigorous rounding-error bound, the rest (degenerate or
                   ill-conditioned bases, near-ties) solved exactly; each equilibrium solved on its
                   support in integers and verified (:mod:`~cluster_games.games.float_guided`).
``"pivoting"``     exact lexicographic pivoting in Python integers, lrsnash's scheme
                   (:mod:`~cluster_games.games.pivoting`): no compiled dependency at all.
=================  ============================================================================

``"auto"`` takes the float walk when numba is installed and the game is not small (or numba is
already loaded), else pivoting; a float walk that meets a basis it cannot account for hands the
whole game to pivoting.

**No fixed size cap.** The work is the number of vertices, which no formula gives. Before
starting, the upper bound theorem bounds it; if the bound times the measured cost per vertex
exceeds ``max_seconds``, a probe estimates it (Knuth's estimator on the reverse-search tree of
each polytope, up to 400 random paths or 0.25 s; numba needed: without it a game is
refused up front only if the bound's estimate exceeds ``max_seconds`` a hundred times), and a
game whose estimate still exceeds ``max_seconds`` is refused with the estimate. The estimator is unbiased but heavy-tailed (measured: 4,000-6,000 against 723,101
vertices of a random 18x18 game), so it mostly errs low; the run therefore also stops, with
what it has done, once it has used ``max_seconds``. Long runs show a tqdm progress bar on stderr (extra ``progress``; by default only on a terminal).
"""

from __future__ import annotations

import sys
import time
from fractions import Fraction

from ..scale.progress import Progress, human_seconds
from ._rational import Matrix
from .pivoting import positive_integers
from .vertex_enumeration import vertex_bound

__all__ = ["ROUTES", "MAX_SECONDS", "Plan", "plan", "extreme_equilibria"]

ROUTES = ("float-guided", "pivoting")

#: Default limit on the estimated time of one enumeration (``max_seconds``, ``--max-seconds``).
MAX_SECONDS = 60.0

#: Seconds per vertex per unit of ``dim * facets * dim`` (float walk) or ``facets * (facets + dim)``
#: (pivoting), measured on random 10x10 to 18x18 games on the 2-core machine of the README.
FLOAT_COST = 1.0e-9
PIVOT_COST = 0.65e-6

#: Without the probe, a game is refused up front only if the bound's estimate exceeds the limit this many times.
BOUND_SLACK = 100.0

#: Random paths of the probe.
PATHS = 400

#: Below this many vertices (upper bound) pivoting beats loading numba's compiled kernels.
SMALL = 3000

METHOD_TEXT = {
    "float-guided": "float-guided walk of both best-response polytopes (numba), every vertex certified "
    "by a rounding-error bound or solved exactly; equilibria solved and verified in integers",
    "pivoting": "exact lexicographic pivoting in integers (lrsnash's scheme; no pycddlib)",
}


class Plan:
    """The route and the estimated work of one enumeration."""

    def __init__(self, route: str, vertices: float, seconds: float, source: str) -> None:
        self.route, self.vertices, self.seconds, self.source = route, vertices, seconds, source

    def __repr__(self) -> str:
        return (
            f"Plan({self.route!r}, vertices={self.vertices:.3g}, seconds={self.seconds:.3g}, {self.source})"
        )


def _cost(route: str, m: int, n: int) -> float:
    """Estimated seconds per vertex of P (dimension m, n facets besides x >= 0) and of Q."""
    if route == "float-guided":
        return FLOAT_COST * (m + n) * max(m, n) ** 2
    return PIVOT_COST * max(m, n) * (1 + m + n)


def plan(Ai: list[list[int]], Bi: list[list[int]], method: str, max_seconds: float) -> Plan:
    """Choose the route and estimate the work; ``ValueError`` if the estimate exceeds ``max_seconds``."""
    from . import float_guided

    m, n = len(Ai), len(Ai[0])
    bound = vertex_bound(m, m + n) + vertex_bound(n, m + n)
    usable = float_guided.usable(Ai, Bi)
    if method == "float-guided" and not usable:
        from ..errors import UnavailableError

        raise UnavailableError(
            "method='float-guided' needs numba (pip install 'cluster-games[fast]') and a game with "
            "m + n <= 62 and payoffs that fit 50 bits once made integers; method='pivoting' answers exactly"
        )
    if method == "auto":
        loaded = "numba" in sys.modules
        method = "float-guided" if usable and (loaded or bound > SMALL) else "pivoting"
    cost = _cost(method, m, n)
    if bound * cost <= max_seconds:
        return Plan(method, bound, bound * cost, "upper bound theorem")
    if not usable:
        # The bound overstates random games' vertices some 10-70 times (measured, 10x10 to 18x18):
        # without the probe, refuse only far beyond the limit; the run stops at the limit anyway.
        p = Plan(method, bound, bound * cost, "upper bound theorem; numba would give a sharper estimate")
        return p if p.seconds <= BOUND_SLACK * max_seconds else _refuse_or(p, max_seconds)
    import numpy as np

    est = float_guided.estimate_vertices(np.array(Bi, dtype=float).T, PATHS) + float_guided.estimate_vertices(
        np.array(Ai, dtype=float), PATHS
    )  # at most about 0.25 s each
    return _refuse_or(
        Plan(method, min(est, bound), min(est, bound) * cost, f"Knuth's estimator, up to {PATHS} paths"),
        max_seconds,
    )


def _refuse_or(p: Plan, max_seconds: float) -> Plan:
    if p.seconds > max_seconds:
        raise ValueError(
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
    max_seconds: float = MAX_SECONDS,
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

    if method not in ("auto", *ROUTES):
        raise ValueError(f"method must be 'auto' or one of {', '.join(ROUTES)}, got {method!r}")
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
                raise ValueError(
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
