r"""How long an analysis of a bimatrix game will take, estimated before any of it runs.

:func:`estimate` reads the shape of the game (and, in one pass over the payoffs, which
strategies need a linear program to settle their dominance) and returns the expected seconds
of each part; :func:`require` refuses, with that estimate, an analysis expected to take longer
than :data:`MAX_SECONDS`. The models were fitted on this project's reference machine (2 cores,
one busy) with random integer payoffs below 100; they are estimates, within a factor of about
two on such games. Payoffs with many digits make the exact linear programs slower than
estimated, which is why the command line also reports on runs that go on.

The models (an m x n game, in seconds; "measured" on that machine):

* **dominance and elimination**: :math:`2 \cdot 5\cdot10^{-5} \sum_{\text{LPs}} r c` over the
  strategies that are not best responses to some pure strategy (r own strategies, c opponent's),
  plus :math:`4.5\cdot10^{-6} (m^2 n + n^2 m)` for the pure pairs; measured 40 x 40: 5.6 s,
  60 x 60: 23 s, 1 x 1000: 4.7 s;
* **vertex enumeration**: :math:`2\cdot10^{-7} (V_P + V_Q)(m + n)^2`, V the upper bound theorem's
  vertex counts; measured 2 x 200: 56 s, 12 x 12: 6.5 s;
* **Lemke-Howson**: :math:`4\cdot10^{-7} (m + n) L \, (m + n)(m + n + 1)/2` with
  :math:`L = 3 + \min(m, n)^2/10` pivots per path; measured 40 x 40: 10-14 s, 60 x 60: 118 s;
* **nashpy**: :math:`5\cdot10^{-5}\, 2^{m + n}`; measured 6 x 6: 0.2 s.
* **enumeration** (``"float-guided"``, ``"pivoting"``, the default): the vertices (the upper bound
  theorem's count, or with the payoffs and numba Knuth's estimate) times a cost per vertex, see
  :mod:`cluster_games.games.enumeration`, which also stops a run at the limit.

>>> e = estimate((40, 40), "lemke-howson")
>>> sorted(e.parts), e.seconds < MAX_SECONDS
(['Lemke-Howson', 'dominance and elimination'], True)
>>> estimate((100, 100), "lemke-howson").seconds > MAX_SECONDS
True
"""

from __future__ import annotations

from dataclasses import dataclass

from ..scale.progress import human_seconds
from ._rational import Matrix

__all__ = [
    "Estimate",
    "MAX_SECONDS",
    "ANNOUNCE_SECONDS",
    "estimate",
    "require",
    "TooMuchWork",
    "lp_candidates",
]

#: An analysis estimated to take longer than this is refused before it starts.
MAX_SECONDS = 60.0
#: The command line states the estimate of an analysis expected to take longer than this.
ANNOUNCE_SECONDS = 10.0


class TooMuchWork(ValueError):
    """An analysis estimated to take longer than allowed (the message gives the estimate)."""


@dataclass(frozen=True)
class Estimate:
    """Expected seconds of each part of an analysis of an ``shape[0] x shape[1]`` game."""

    shape: tuple[int, int]
    parts: dict[str, float]

    @property
    def seconds(self) -> float:
        return sum(self.parts.values())

    def __str__(self) -> str:
        detail = ", ".join(f"{name} {human_seconds(s)}" for name, s in self.parts.items() if s >= 1)
        return f"about {human_seconds(self.seconds)}" + (f" ({detail})" if detail else "")


def lp_candidates(M: Matrix) -> int:
    """How many rows of ``M`` may need a linear program for their dominance (strict and weak).

    A row that is a best response to some column is not strictly dominated, and one that is the
    unique best response to some column not even weakly: neither needs a program. The others do,
    once for strict and once for weak dominance (rows of a player with two strategies, or against a
    single column, need none: a pure dominator settles them).
    """
    rows, cols = len(M), len(M[0])
    if rows < 3 or cols < 2:  # two strategies, or one column: pure dominators settle everything
        return 0
    top = [max(M[i][j] for i in range(rows)) for j in range(cols)]
    ties = [sum(M[i][j] == top[j] for i in range(rows)) for j in range(cols)]
    count = 0
    for i in range(rows):
        best = [M[i][j] == top[j] for j in range(cols)]
        count += not any(best)
        count += not any(b and t == 1 for b, t in zip(best, ties, strict=True))
    return count


def _dominance(A: Matrix | None, B: Matrix | None, m: int, n: int) -> float:
    if A is None or B is None:  # shape only: every strategy needs its programs
        lps_row, lps_col = 2 * m if m > 2 else 0, 2 * n if n > 2 else 0
    else:
        lps_row, lps_col = lp_candidates(A), lp_candidates(tuple(zip(*B, strict=True)))
    programs = 2 * 5e-5 * (lps_row + lps_col) * m * n  # x2: elimination repeats the strict programs
    pairs = 3 * 1.5e-6 * (m * m * n + n * n * m)  # exact comparisons of every pair of pure strategies
    return programs + pairs


def _vertex_enumeration(m: int, n: int) -> float:
    from .vertex_enumeration import check_size, vertex_bound

    try:
        check_size(m, n)  # too many vertices: refused here, before any work
    except ValueError as exc:  # ... naming the method that can answer, and how long it would take
        lh = Estimate(
            (m, n),
            {"dominance and elimination": _dominance(None, None, m, n), "Lemke-Howson": _lemke_howson(m, n)},
        )
        verdict = "" if lh.seconds <= MAX_SECONDS else f", over the {MAX_SECONDS:.0f} s limit"
        raise ValueError(f"{exc} (estimated {lh}{verdict})") from None
    return 2e-7 * (vertex_bound(m, m + n) + vertex_bound(n, m + n)) * (m + n) ** 2


def _lemke_howson(m: int, n: int) -> float:
    path = 3 + min(m, n) ** 2 / 10
    return 4e-7 * (m + n) * path * (m + n) * (m + n + 1) / 2


def equilibria_method(shape: tuple[int, int], method: str) -> str:
    """The method ``"auto"`` resolves to for ``shape`` (as :meth:`BimatrixGame.equilibria` does)."""
    from .enumeration import auto_route

    if method != "auto":
        return method
    if shape == (2, 2):
        return "exact-2x2"
    if min(shape) == 1:
        return "single-strategy"
    return auto_route(shape)  # exact enumeration: the float-guided walk or pivoting


def estimate(
    shape: tuple[int, int],
    method: str = "auto",
    *,
    A: Matrix | None = None,
    B: Matrix | None = None,
    dominance: bool = True,
    equilibria: bool = True,
) -> Estimate:
    """The expected seconds of dominance and elimination and of the equilibria by ``method``.

    With the payoffs ``A`` and ``B``, the dominance part counts the strategies that need linear
    programs; from the shape alone it assumes all do.
    """
    m, n = shape
    parts: dict[str, float] = {}
    if dominance:
        parts["dominance and elimination"] = _dominance(A, B, m, n)
    if equilibria:
        resolved = equilibria_method(shape, method)
        if resolved in ("float-guided", "pivoting"):
            from .enumeration import estimate_seconds

            parts["enumeration"] = estimate_seconds(shape, resolved, A, B)
        elif resolved == "vertex-enumeration":
            parts["vertex enumeration"] = _vertex_enumeration(m, n)
        elif resolved == "lemke-howson":
            parts["Lemke-Howson"] = _lemke_howson(m, n)
        elif resolved == "nashpy":
            parts["nashpy"] = 5e-5 * 2.0 ** min(m + n, 60)
        else:  # exact 2x2, or a player with a single strategy: immediate
            parts["equilibria"] = 1e-6 * m * n
    return Estimate(shape, parts)


def require(est: Estimate, max_seconds: float | None = MAX_SECONDS) -> Estimate:
    """``est``, or :class:`TooMuchWork` if it exceeds ``max_seconds`` (``None``: no limit)."""
    if max_seconds is not None and est.seconds > max_seconds:
        m, n = est.shape
        hint = ""
        if (
            "enumeration" in est.parts
        ):  # no size cap: the user may raise the limit, or ask for some equilibria
            hint = (
                f"; raise max_seconds (--max-seconds) to run it, or use method='lemke-howson' for some "
                f"equilibria (about {human_seconds(_lemke_howson(m, n))})"
            )
        raise TooMuchWork(
            f"the {m} x {n} game would take {est} on the reference machine; analyses estimated "
            f"above {max_seconds:.0f} s are refused before they start (a smaller game, or a single "
            f"part of the analysis from Python, can still be computed){hint}"
        )
    return est
