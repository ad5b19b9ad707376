r"""Seeded Monte-Carlo checks of Propositions 1-5 over a parameter box.

:func:`check` draws parameter sets from a user-given box, *only from the
feasible region by construction*, and tests each proposition's conclusion
wherever its hypotheses hold, with the vectorised kernels of
:mod:`cluster_games.kernels.vectorized`. It complements the symbolic proofs of
:mod:`cluster_games.proofs.propositions`: the proofs cover the whole region, the
check is an independent numeric test of the same statements (and of the
code), and, run with the paper's printed :math:`\omega^*` (``formula="paper"``),
it shows the printed formula failing (erratum E1).

Drawing feasible points
-----------------------
Each draw takes :math:`\beta, c, c_A, F` from the box, then :math:`\alpha` from
the part of its box where :math:`G = \alpha - \beta(c + c_A) > 0` (with a
relative margin of :math:`10^{-9}`), then :math:`n` from the part of its box
where :math:`n \ge n_{\min} = 8\beta F/G^2`. Only draws of
:math:`(\beta, c, c_A, F)` for which one of these parts is empty are drawn
again. A coordinate is drawn log-uniformly when its box has ``lo > 0`` and
``hi >= 100 lo``, uniformly otherwise. The rates are :math:`\omega = \omega^*`
and :math:`W = \omega (1 + r)` with ``r`` from the box key ``W_rel``.

Reproducibility
---------------
Draws come in fixed blocks of :data:`BLOCK` = 2**16; block ``i`` has its own
generator, ``PCG64(SeedSequence(seed, spawn_key=(i,)))`` (counter-based: it
depends only on ``(seed, i)``). ``chunk_size`` only groups whole blocks into
tasks, so the same seed gives the same numbers whatever the backend and chunk
size.

What is checked (hypotheses => conclusion)
------------------------------------------
P1
    m(w) > 0, D(w) > 0, (W - w) c < w c - c_A  =>  Y strictly dominant (exact) and (Y, Y) the unique equilibrium.
P2
    F > 0  =>  w finite, |pi_YY(w)| <= 1e-9 scale, m(w) > 0 (up to the 1e-12 contract: at n ~ 1e15
    the true margin lies below float resolution), D(w) > 0, w <= W_m (the lower root).
P3
    F > 0  =>  w(n (1 + v)) < w(n) (or equal within 4e-12 where the predicted fall is below 1e-10), and w > c_A / c.
P4
    m(w) > 0, F > 0  =>  pi'(u Q_bar) < 0 < pi'(Q_bar / u) (u in (0, 0.999)), Q_bar(w) = n D(w) / 2, Q_bar falls with w.
P5
    F > 0 or c_A > 0 (and D(w) > 0)  =>  I' - I = c_A Q + F > 0 at Q = D(w), matching (c + c_A) Q + F - c Q.

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
import math
import sys
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

import numpy as np

from ..errors import InvalidParameterError
from ..kernels import _arrays as A
from ..kernels import classify as K
from ..kernels import vectorized as V
from ..parameters import PARAMETER_NAMES

__all__ = ["BLOCK", "DEFAULT_BOX", "PropositionTally", "CheckResult", "check", "Progress"]

#: Draws per block; each block has its own generator keyed by (seed, block index).
BLOCK = 2**16

#: Box used for the coordinates the caller does not give.
DEFAULT_BOX: dict[str, tuple[float, float]] = {
    "n": (1.0, 1e6),
    "F": (0.1, 10.0),
    "alpha": (10.0, 1000.0),
    "beta": (0.1, 10.0),
    "c": (0.1, 10.0),
    "c_A": (0.0, 1.0),
    "W_rel": (1e-6, 10.0),
}
BOX_NAMES = (*PARAMETER_NAMES, "W_rel")

_CLAIMS = {
    "P1": "Y strictly dominant and (Y, Y) the unique equilibrium under the paper's hypotheses",
    "P2": "omega* zeroes pi_YY and is the lower root, above cost recovery",
    "P3": "omega* falls with n and stays above c_A / c",
    "P4": "Q < Q_bar loses, Q > Q_bar gains, Q_bar(omega*) = n D(omega*) / 2, Q_bar falls with omega",
    "P5": "I' - I = c_A Q + F > 0",
}

Formula = Literal["corrected", "paper"]


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class PropositionTally:
    """Counts for one proposition: draws meeting its hypotheses, those also meeting its conclusion, and counterexamples."""

    id: str
    claim: str
    hypotheses: int
    conclusion: int
    counterexamples: int
    examples: tuple[dict[str, Any], ...] = ()

    @property
    def holds(self) -> bool:
        return self.counterexamples == 0

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "claim": self.claim,
            "hypotheses": self.hypotheses,
            "conclusion": self.conclusion,
            "counterexamples": self.counterexamples,
            "holds": self.holds,
            "examples": list(self.examples),
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
        return all(t.holds for t in self.tallies)

    def __getitem__(self, pid: str) -> PropositionTally:
        return next(t for t in self.tallies if t.id == pid)

    def to_dict(self) -> dict[str, Any]:
        return {
            "draws": self.draws,
            "seed": self.seed,
            "formula": self.formula,
            "box": {k: list(v) for k, v in self.box.items()},
            "all_hold": self.all_hold,
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
                "holds" if t.holds else "FAILS",
            )
            for t in self.tallies
        ]

    def _header(self) -> str:
        box = ", ".join(f"{k} in [{lo:g}, {hi:g}]" for k, (lo, hi) in self.box.items())
        rate = f", {self.draws / self.seconds:,.0f} draws/s" if self.seconds else ""
        return (
            f"Monte-Carlo check of P1-P5 ({self.formula} omega*): {self.draws} draws, seed {self.seed}, "
            f"{self.backend} backend{rate}\nbox: {box}"
        )

    def to_text(self) -> str:
        head = ("prop", "hypotheses", "conclusion", "counterexamples", "verdict")
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
        return "\n".join(lines)

    def to_markdown(self) -> str:
        lines = [
            self._header().replace("\n", "  \n"),
            "",
            "| prop | claim | hypotheses | conclusion | counterexamples | verdict |",
            "|---|---|---|---|---|---|",
        ]
        for t, r in zip(self.tallies, self._rows(), strict=True):
            lines.append(f"| {t.id} | {t.claim} | {r[1]} | {r[2]} | {r[3]} | {r[4]} |")
        return "\n".join(lines)

    __str__ = to_text

    def _repr_markdown_(self) -> str:
        return self.to_markdown()


def _fmt_example(ex: dict[str, Any]) -> str:
    return ", ".join(f"{k}={v:.6g}" for k, v in ex.items() if isinstance(v, float))


# ----------------------------------------------------------------------------- progress
class Progress:
    """A one-line progress bar on stderr, shown only when stderr is a terminal.

    >>> p = Progress(10, enabled=False)
    >>> p.update(5); p.close()
    """

    def __init__(self, total: int, *, enabled: bool | None = None, unit: str = "draws", stream=None) -> None:
        self.stream = stream or sys.stderr
        if enabled is None:
            enabled = bool(getattr(self.stream, "isatty", lambda: False)()) and sys.stdout.isatty()
        self.enabled = enabled
        self.total, self.done, self.unit = total, 0, unit
        self.t0 = time.perf_counter()
        self._last = 0.0

    def update(self, k: int) -> None:
        self.done += k
        if not self.enabled:
            return
        now = time.perf_counter()
        if now - self._last < 0.1 and self.done < self.total:
            return
        self._last = now
        frac = self.done / self.total if self.total else 1.0
        bar = "#" * int(30 * frac)
        rate = self.done / max(now - self.t0, 1e-9)
        self.stream.write(
            f"\r[{bar:<30}] {100 * frac:5.1f}% {self.done:.3g}/{self.total:.3g} {self.unit} {rate:.3g}/s"
        )
        self.stream.flush()

    def close(self) -> None:
        if self.enabled:
            self.stream.write("\n")
            self.stream.flush()


# ----------------------------------------------------------------------------- drawing
def _normalise_box(box: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    out = dict(DEFAULT_BOX)
    for name, bounds in box.items():
        if name not in BOX_NAMES:
            raise InvalidParameterError(name, f"not a box coordinate (choose from {', '.join(BOX_NAMES)})")
        try:
            lo, hi = (float(v) for v in bounds)
        except (TypeError, ValueError):
            raise InvalidParameterError(
                name, f"box bounds must be two numbers (lo, hi), got {bounds!r}"
            ) from None
        if not (math.isfinite(lo) and math.isfinite(hi)) or lo > hi:
            raise InvalidParameterError(
                name, f"box bounds must be finite with lo <= hi, got ({lo:g}, {hi:g})"
            )
        strict = name in ("n", "alpha", "beta", "c", "W_rel")
        if lo < 0 or (strict and lo <= 0):
            raise InvalidParameterError(
                name, f"box must lie in the domain ({'> 0' if strict else '>= 0'}), got lo = {lo:g}"
            )
        out[name] = (lo, hi)
    return {k: out[k] for k in BOX_NAMES}


def _is_log(lo: float, hi: float) -> bool:
    return lo > 0 and hi >= 100 * lo


def _draw_in(rng: np.random.Generator, lo, hi, log: bool, k: int) -> np.ndarray:
    u = rng.random(k)
    with np.errstate(invalid="ignore", divide="ignore"):
        if log:
            llo, lhi = np.log(lo), np.log(hi)
            x = np.exp(llo + u * (lhi - llo))
        else:
            x = lo + u * (np.asarray(hi) - lo)
    return np.minimum(np.maximum(x, lo), hi)


def _draw_block(seed: int, block: int, m: int, box: dict[str, tuple[float, float]]) -> dict[str, np.ndarray]:
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))
    out = {k: np.empty(m) for k in (*PARAMETER_NAMES, "W_rel", "v", "u")}
    pending = np.arange(m)
    for _ in range(200):
        k = pending.size
        if k == 0:
            break
        d = {name: _draw_in(rng, *box[name], _is_log(*box[name]), k) for name in ("beta", "c", "c_A", "F")}
        floor = d["beta"] * (d["c"] + d["c_A"]) * (1 + 1e-9)
        a_lo = np.maximum(box["alpha"][0], floor)
        ok = a_lo < box["alpha"][1]
        alpha = _draw_in(rng, a_lo, box["alpha"][1], _is_log(*box["alpha"]), k)
        G = alpha - d["beta"] * (d["c"] + d["c_A"])
        with np.errstate(divide="ignore", invalid="ignore"):
            n_lo = np.maximum(box["n"][0], 8 * d["beta"] * d["F"] / (G * G) * (1 + 1e-9))
        ok &= (G > 0) & (n_lo <= box["n"][1]) & np.isfinite(n_lo)
        n = _draw_in(rng, n_lo, box["n"][1], _is_log(*box["n"]), k)
        good = pending[ok]
        for name, arr in (*d.items(), ("alpha", alpha), ("n", n)):
            out[name][good] = arr[ok]
        pending = pending[~ok]
    if pending.size:
        raise InvalidParameterError(
            "box", "almost no feasible point (G > 0 and n >= n_min) in the box; widen alpha or n, or lower F"
        )
    out["W_rel"] = _draw_in(rng, *box["W_rel"], _is_log(*box["W_rel"]), m)
    out["v"] = _draw_in(rng, 1e-3, 1.0, True, m)  # P3: n -> n (1 + v)
    out["u"] = _draw_in(rng, 1e-3, 0.999, False, m)  # P4: Q = u Q_bar and Q_bar / u
    return out


# ----------------------------------------------------------------------------- the checks
def _rate(formula: str, n, F, alpha, beta, c, c_A) -> np.ndarray:
    if formula == "paper":
        return V.omega_star_paper(n, F, alpha, beta, c, c_A)
    return V.omega_star(n, F, alpha, beta, c, c_A)


def _check_block(seed: int, block: int, m: int, box, formula: str, keep: int) -> dict[str, Any]:
    d = _draw_block(seed, block, m, box)
    n, F, alpha, beta, c, c_A = (d[k] for k in PARAMETER_NAMES)
    w = _rate(formula, n, F, alpha, beta, c, c_A)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        W = w * (1 + d["W_rel"])
        m_w = w * c - c_A
        D_w = alpha - beta * (1 + w) * c
        Wm = V.monopoly_rate(alpha, beta, c, c_A)
        res: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

        # P1
        hyp = (m_w > 0) & (D_w > 0) & ((W - w) * c < w * c - c_A)
        sa, sb, pm = K.margin_signs(n, alpha, beta, c, c_A, np.where(hyp, w, 1.0), np.where(hyp, W, 2.0))
        eq = K.Equilibria.from_signs(sa, sb, pm)
        concl = (K._classify_signs(sa, sb) == 0) & eq.unique_YY
        res["P1"] = (hyp, concl, np.full(m, "not (Y strictly dominant and (Y, Y) unique)"))

        # P2
        hyp = F > 0
        pi = n / 2 * m_w * D_w - F
        scale = F + n / 2 * (np.abs(w * c) + c_A) * (alpha + beta * np.abs(1 + w) * c)
        zero = np.abs(pi) <= 1e-9 * scale
        lower = w <= Wm * (1 + 1e-12)
        # m(w*) > 0 up to the 1e-12 contract: at n ~ 1e15 the true margin 2F / (n D) can lie
        # below the resolution of w*, which may then round onto c_A / c.
        above = w * c > c_A * (1 - 4e-12)
        concl = np.isfinite(w) & zero & above & (D_w > 0) & lower
        why = np.where(
            ~np.isfinite(w),
            "omega* undefined (negative discriminant)",
            np.where(
                ~zero,
                "omega* does not zero pi_YY",
                np.where(~lower, "omega* is not the lower root", "m or D not positive"),
            ),
        )
        res["P2"] = (hyp, concl, why)

        # P3
        n2 = n * (1 + d["v"])
        w2 = _rate(formula, n2, F, alpha, beta, c, c_A)
        G = alpha - beta * (c + c_A)
        predicted = 2 * F * (1 / n - 1 / n2) / (c * G * w)  # lower bound of the relative fall
        falls = np.where(predicted > 1e-10, w2 < w, w2 <= w * (1 + 4e-12))
        concl = np.isfinite(w) & np.isfinite(w2) & falls & above
        why = np.where(
            ~(np.isfinite(w) & np.isfinite(w2)),
            "omega* undefined",
            np.where(~falls, "omega* does not fall with n", "omega* <= c_A / c"),
        )
        res["P3"] = (hyp, concl, why)

        # P4
        hyp = (m_w > 0) & (F > 0)
        qbar = F / m_w
        u = d["u"]
        lose = u * qbar * m_w - F < 0
        gain = qbar / u * m_w - F > 0
        # m(w) = w c - c_A cancels at large n: an error of 1e-12 in w (the contract) is
        # amplified by w c / m(w) in Q_bar.
        cond = (np.abs(w * c) + c_A) / m_w
        half = np.abs(qbar - n * D_w / 2) <= (1e-9 + 1e-12 * cond) * np.abs(qbar)
        w_up = w * (1 + d["W_rel"])
        falls_q = F / (w_up * c - c_A) < qbar
        concl = lose & gain & half & falls_q
        why = np.where(
            ~(lose & gain),
            "pi' has the wrong sign around Q_bar",
            np.where(~half, "Q_bar(omega*) != n D(omega*) / 2", "Q_bar does not fall with omega"),
        )
        res["P4"] = (hyp, concl, why)

        # P5
        hyp = ((F > 0) | (c_A > 0)) & (D_w > 0)
        Q = D_w
        gap = K.investment_gap(np.where(hyp, Q, 1.0), F, c_A)
        direct = (c + c_A) * Q + F - c * Q
        agree = np.abs(direct - gap) <= 8 * A._U * ((c + c_A) * Q + F + c * Q)
        concl = (gap > 0) & agree
        why = np.where(~(gap > 0), "I' - I not positive", "I' - I != c_A Q + F")
        res["P5"] = (hyp, concl, why)

    index0 = block * BLOCK
    out: dict[str, Any] = {}
    for pid, (hyp, concl, why) in res.items():
        hyp = np.asarray(hyp, dtype=bool)
        bad = np.flatnonzero(hyp & ~concl)
        examples = []
        for i in bad[:keep]:
            ex = {"draw": int(index0 + i), "failed": str(why[i])}
            ex.update({k: float(d[k][i]) for k in PARAMETER_NAMES})
            ex.update(omega=float(w[i]), W=float(W[i]))
            examples.append(ex)
        out[pid] = (int(hyp.sum()), int((hyp & concl).sum()), int(bad.size), examples)
    return out


def _merge(parts: list[dict[str, Any]], keep: int) -> dict[str, Any]:
    total: dict[str, Any] = {}
    for part in parts:
        for pid, (h, cn, b, ex) in part.items():
            H, C, B, E = total.get(pid, (0, 0, 0, []))
            total[pid] = (H + h, C + cn, B + b, (E + ex)[:keep])
    return total


def _check_blocks(seed: int, blocks: list[tuple[int, int]], box, formula: str, keep: int) -> dict[str, Any]:
    return _merge([_check_block(seed, b, m, box, formula, keep) for b, m in blocks], keep)


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
        Progress bar on stderr; default: only when stdout and stderr are terminals.

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
    boxn = _normalise_box(box)
    t0 = time.perf_counter()
    nblocks = -(-draws // BLOCK)
    blocks = [(b, min(BLOCK, draws - b * BLOCK)) for b in range(nblocks)]
    per = max(1, -(-chunk_size // BLOCK))
    groups = [blocks[i : i + per] for i in range(0, nblocks, per)]
    bar = Progress(draws, enabled=progress)
    try:
        if backend == "numpy":
            parts = []
            for g in groups:
                parts.append(_check_blocks(seed, g, boxn, formula, max_examples))
                bar.update(sum(m for _, m in g))
        else:
            from ._dask import run_tasks

            parts = run_tasks(
                _check_blocks,
                [(seed, g, boxn, formula, max_examples) for g in groups],
                scheduler,
                on_done=lambda i: bar.update(sum(m for _, m in groups[i])),
            )
    finally:
        bar.close()
    total = _merge(parts, max_examples)
    tallies = tuple(
        PropositionTally(pid, _CLAIMS[pid], *total[pid][:3], tuple(total[pid][3])) for pid in _CLAIMS
    )
    return CheckResult(boxn, draws, seed, formula, tallies, backend, per * BLOCK, time.perf_counter() - t0)
