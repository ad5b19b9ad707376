r"""Seeded Monte-Carlo checks of Propositions 1-5 (and of the claims beyond the paper) over a parameter box.

:func:`check` draws parameter sets from a user-given box, *only from the
feasible region by construction*, and tests each proposition's conclusion
wherever its hypotheses hold, with the vectorised kernels of
:mod:`cluster_games.kernels`. It complements the symbolic proofs of
:mod:`cluster_games.proofs.propositions`: the proofs cover the whole region, the
check is an independent numeric test of the same statements (and of the
code), and, run with the paper's printed :math:`\omega^*` (``formula="paper"``),
it shows the printed formula failing (erratum E1).

Draws come from :mod:`cluster_games.scale.boxes` (feasible by construction, seeded,
counter-based). The rates are :math:`\omega = \omega^*` and :math:`W = \omega (1 + r)` with
``r`` from the box key ``W_rel``.

A proposition whose hypotheses no draw met is reported as *untested*, never as holding;
:attr:`CheckResult.all_hold` is true only when every proposition was tested and held.

A counterexample is reported only where float64 provably refutes the claim: every quantity a verdict
depends on is read only where it lies beyond its rounding-error bound (and, at the free-entry rate,
beyond what omega*'s guaranteed 1e-12 can move). A draw where it does not, or whose rates lie outside
the range the game kernel takes, is *unresolved*: counted apart with its reason
(:attr:`PropositionTally.unresolved_reasons`), neither tested nor a counterexample.

What is checked (hypotheses => conclusion)
------------------------------------------
P1
    m(w) > 0, D(w) > 0, (W - w) c < w c - c_A, W in the domain of a game (D(W) >= 0, m(W) >= 0)  =>  Y strictly dominant (exact) and (Y, Y) the unique equilibrium.
P2
    F > 0  =>  w finite, abs(pi_YY(w)) <= 1e-9 scale, m(w) > 0 (up to the 1e-12 contract: at n ~ 1e15
    the true margin lies below float resolution), D(w) > 0, w <= W_m (the lower root).
P3
    F > 0  =>  w(n (1 + v)) < w(n) (or equal within 4e-12 where the predicted fall is below 1e-10), and w > c_A / c.
P4
    m(w) > 0, F > 0  =>  pi'(u Q_bar) < 0 < pi'(Q_bar / u) (u in (0, 0.999)), Q_bar(w) = n D(w) / 2, Q_bar falls with w
    (unresolved where m(w) = w c - c_A cancels so far that w's own error moves Q_bar by more than 1e-3).
P5
    F > 0 or c_A > 0 (and D(w) > 0)  =>  I' - I = c_A Q + F > 0 at Q = D(w), matching (c + c_A) Q + F - c Q.
K1, K2 (beyond the paper; k companies drawn from the box key ``k``)
    at the block's rates, away from ties: Y strictly dominant iff M(w) > 0 and k M(w) > M(W); the
    pure equilibria are all-Y, and all-N too iff M(W) >= k M(w).
K4
    F > 0  =>  omega*(k) exists iff k <= rho (rho compared with k exactly), and (n/k) M(omega*(k)) = F (to 1e-9 scale).
K5, K6, K7
    at (omega*(k), W_m) with k < rho: Y strictly dominant iff k^2 > rho; collusion sustainable at the
    drawn ``delta`` (exact verdict) iff the discounted streams say so; delta_c = 1 - (rho - k)/(k (k - 1)).

The block checks are in :mod:`cluster_games.scale.block_checks` (P) and
:mod:`cluster_games.scale.block_checks_k` (K).

Examples
--------
>>> r = check({"n": (1, 1e6), "F": (0.1, 10)}, draws=2000, seed=1)
>>> r.all_hold, [t.hypotheses for t in r.tallies][:2]
(True, [537, 2000])
>>> check({}, draws=2000, seed=1, formula="paper").tallies[1].counterexamples > 0
True
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ..errors import InvalidParameterError
from ..kernels import _arrays as A
from .block_checks import PAPER_CLAIMS, check_block
from .block_checks_k import K_CLAIMS
from .boxes import BLOCK, BOX_NAMES, DEFAULT_BOX, normalise_box
from .progress import Forecast, Progress

__all__ = ["BLOCK", "BOX_NAMES", "DEFAULT_BOX", "PropositionTally", "CheckResult", "check"]

_CLAIMS = {**PAPER_CLAIMS, **K_CLAIMS}

Formula = Literal["corrected", "paper"]


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class PropositionTally:
    """Counts for one proposition: draws meeting its hypotheses, those also meeting its conclusion, and
    counterexamples; and the draws float64 could not resolve (``unresolved``: neither tested nor
    counterexamples), with how many for each reason (``unresolved_reasons``, reason -> count)."""

    id: str
    claim: str
    hypotheses: int
    conclusion: int
    counterexamples: int
    examples: tuple[dict[str, Any], ...] = ()
    unresolved: int = 0
    unresolved_reasons: tuple[tuple[str, int], ...] = ()

    @property
    def tested(self) -> bool:
        """Some draw met the hypotheses (otherwise the proposition was not checked at all)."""
        return self.hypotheses > 0

    @property
    def holds(self) -> bool:
        """Tested, and no counterexample."""
        return self.tested and self.counterexamples == 0

    @property
    def verdict(self) -> str:
        """``"holds"``, ``"FAILS"`` or ``"untested"`` (no draw met the hypotheses)."""
        if self.counterexamples:
            return "FAILS"
        return "holds" if self.tested else "untested"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim": self.claim,
            "hypotheses": self.hypotheses,
            "conclusion": self.conclusion,
            "counterexamples": self.counterexamples,
            "holds": self.holds,
            "verdict": self.verdict,
            "examples": list(self.examples),
            "unresolved": self.unresolved,
            "unresolved_reasons": dict(self.unresolved_reasons),
        }


@dataclass(frozen=True)
class CheckResult:
    """Result of :func:`check`. Equality ignores timing and how the run was split."""

    box: dict[str, tuple[float, float]]
    draws: int
    seed: int
    formula: str
    tallies: tuple[PropositionTally, ...]
    backend: str = field(default="numpy", compare=False)
    chunk_size: int = field(default=BLOCK, compare=False)
    seconds: float = field(default=0.0, compare=False)

    @property
    def all_hold(self) -> bool:
        """Every proposition was tested and held: a check that tested nothing does not hold."""
        return all(t.holds for t in self.tallies)

    @property
    def untested(self) -> tuple[str, ...]:
        """The propositions no draw tested."""
        return tuple(t.id for t in self.tallies if not t.tested)

    def __getitem__(self, pid: str) -> PropositionTally:
        return next(t for t in self.tallies if t.id == pid)

    def to_dict(self) -> dict[str, Any]:
        return {
            "draws": self.draws,
            "seed": self.seed,
            "formula": self.formula,
            "box": {k: list(v) for k, v in self.box.items()},
            "all_hold": self.all_hold,
            "untested": list(self.untested),
            "backend": self.backend,
            "chunk_size": self.chunk_size,
            "seconds": self.seconds,
            "draws_per_second": self.draws / self.seconds if self.seconds else None,
            "propositions": [t.to_dict() for t in self.tallies],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def _rows(self) -> list[tuple[str, ...]]:
        return [
            (
                t.id,
                f"{t.hypotheses}",
                f"{t.conclusion}",
                f"{t.counterexamples}",
                f"{t.unresolved}",
                t.verdict,
            )
            for t in self.tallies
        ]

    def _header(self) -> str:
        box = ", ".join(f"{k} in [{lo:g}, {hi:g}]" for k, (lo, hi) in self.box.items())
        rate = f", {self.draws / self.seconds:,.0f} draws/s" if self.seconds else ""
        return (
            f"Monte-Carlo check of P1-P5 and K1, K2, K4-K7 ({self.formula} omega*): {self.draws} draws, seed {self.seed}, "
            f"{self.backend} backend{rate}\nbox: {box}"
        )

    def to_text(self) -> str:
        head = ("prop", "hypotheses", "conclusion", "counterexamples", "unresolved", "verdict")
        rows = [head, *self._rows()]
        widths = [max(len(r[i]) for r in rows) for i in range(len(head))]
        lines = [self._header()]
        lines += [
            "  ".join(x.rjust(w) if i else x.ljust(w) for i, (x, w) in enumerate(zip(r, widths, strict=True)))
            for r in rows
        ]
        for t in self.tallies:
            for ex in t.examples[:3]:
                lines.append(f"  {t.id} counterexample ({ex['failed']}): " + _fmt_example(ex))
            if t.counterexamples > 3:
                lines.append(
                    f"  {t.id}: {t.counterexamples - min(3, len(t.examples))} more counterexample(s)"
                )
            for text, count in t.unresolved_reasons:
                lines.append(f"  {t.id}: {count} draw(s) unresolved, not tested: {text}")
        if self.untested:
            lines.append(
                f"  untested: no draw met the hypotheses of {', '.join(self.untested)}; widen the box"
            )
        return "\n".join(lines)

    def to_markdown(self) -> str:
        lines = [
            self._header().replace("\n", "  \n"),
            "",
            "| prop | claim | hypotheses | conclusion | counterexamples | unresolved | verdict |",
            "|---|---|---|---|---|---|---|",
        ]
        for t, r in zip(self.tallies, self._rows(), strict=True):
            lines.append(f"| {t.id} | {t.claim} | {r[1]} | {r[2]} | {r[3]} | {r[4]} | {r[5]} |")
        for t in self.tallies:
            for text, count in t.unresolved_reasons:
                lines.append(f"\n{t.id}: {count} draw(s) unresolved, not tested: {text}")
        return "\n".join(lines)

    __str__ = to_text

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


def _fmt_example(ex: dict[str, Any]) -> str:
    return ", ".join(
        f"{k}={v:.6g}" if v is not None else f"{k}=none"
        for k, v in ex.items()
        if k not in ("draw", "failed") and (v is None or isinstance(v, float))
    )


def _merge(parts: list[dict[str, Any]], keep: int) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for part in parts:
        for pid, (h, cn, b, ex, u, why) in part.items():
            H, C, B, E, U, WHY = total.get(pid, (0, 0, 0, [], 0, {}))
            merged = dict(WHY)
            for text, count in why.items():
                merged[text] = merged.get(text, 0) + count
            total[pid] = (H + h, C + cn, B + b, (E + ex)[:keep], U + u, merged)
    return total


def _check_blocks(seed: int, blocks: list[tuple[int, int]], box, formula: str, keep: int) -> dict[str, Any]:
    return _merge([check_block(seed, b, m, box, formula, keep) for b, m in blocks], keep)


def _groups(draws: int, per: int) -> Iterator[list[tuple[int, int]]]:
    """Blocks ``(index, size)`` grouped ``per`` to a task, generated lazily (memory independent of ``draws``)."""
    nblocks = -(-draws // BLOCK)
    for first in range(0, nblocks, per):
        yield [(b, min(BLOCK, draws - b * BLOCK)) for b in range(first, min(nblocks, first + per))]


def check(
    box: Mapping[str, tuple[float, float]],
    *,
    draws: int = 100_000,
    seed: int = 0,
    chunk_size: int = 4 * BLOCK,
    backend: Literal["numpy", "dask"] = "numpy",
    scheduler: Any = None,
    formula: Formula = "corrected",
    max_examples: int = 20,
    progress: bool | None = None,
) -> CheckResult:
    r"""Monte-Carlo check of Propositions 1-5 over ``box`` (see the module docstring).

    For each proposition :math:`H \Rightarrow C`, counts the draws satisfying
    :math:`H`, those satisfying :math:`H \wedge C`, and lists counterexamples
    (:math:`H \wedge \neg C`), the first ``max_examples`` in draw order.

    Parameters
    ----------
    box : mapping name -> (lo, hi)
        Bounds for any of ``n, F, alpha, beta, c, c_A`` and ``W_rel`` (= (W - omega) / omega);
        missing coordinates use :data:`DEFAULT_BOX`.
    draws : int
        Number of feasible parameter sets.
    seed : int
        Seed; the same seed gives the same result whatever ``backend`` and ``chunk_size``.
    chunk_size : int
        Draws per task, rounded up to a whole number of :data:`BLOCK`; memory is bounded by one block per worker.
    backend : {"numpy", "dask"}
        ``dask`` runs one task per chunk on ``scheduler`` (a client, an address, or ``None``
        for a temporary local cluster).
    formula : {"corrected", "paper"}
        ``paper`` uses the printed closed form (erratum E1): counterexamples expected in P2-P4.
    max_examples : int
        Counterexamples kept per proposition (all are counted).
    progress : bool, optional
        tqdm progress bar on stderr; default: only when stderr is a terminal. A run expected
        to take longer than 10 s states its estimated duration on stderr after the first task.

    Returns
    -------
    CheckResult

    Examples
    --------
    >>> r = check({"n": (10, 1e4)}, draws=1000, seed=7)
    >>> r["P2"].hypotheses, r["P2"].counterexamples
    (1000, 0)
    """
    if isinstance(draws, bool) or not isinstance(draws, (int, np.integer)) or draws < 1:
        raise InvalidParameterError("draws", f"must be a positive integer, got {draws!r}")
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)) or seed < 0:
        raise InvalidParameterError("seed", f"must be a non-negative integer, got {seed!r}")
    if formula not in ("corrected", "paper"):
        raise ValueError(f"formula must be 'corrected' or 'paper', got {formula!r}")
    if backend not in ("numpy", "dask"):
        raise ValueError(f"backend must be 'numpy' or 'dask', got {backend!r}")
    chunk_size = A._check_chunk(chunk_size)
    draws, seed = int(draws), int(seed)
    boxn = normalise_box(box)
    t0 = time.perf_counter()
    per = max(1, -(-chunk_size // BLOCK))
    tasks = ((seed, g, boxn, formula, max_examples) for g in _groups(draws, per))
    if backend == "numpy":
        parts = (_check_blocks(*t) for t in tasks)
    else:
        from ._dask import map_ordered

        parts = map_ordered(_check_blocks, tasks, scheduler)
    total: dict[str, Any] = {}
    done = 0
    with Progress(draws, "draw", progress) as bar:
        forecast = Forecast("check", draws, "draws")
        for part in parts:  # merged as they come: memory is one task's counts
            total = _merge([total, part], max_examples)
            m = min(per * BLOCK, draws - done)
            forecast.record(m)
            done += m
            bar.update(m)
    tallies = tuple(
        PropositionTally(
            pid,
            _CLAIMS[pid],
            *total[pid][:3],
            tuple(total[pid][3]),
            total[pid][4],
            tuple(sorted(total[pid][5].items())),
        )
        for pid in _CLAIMS
    )
    return CheckResult(boxn, draws, seed, formula, tallies, backend, per * BLOCK, time.perf_counter() - t0)
