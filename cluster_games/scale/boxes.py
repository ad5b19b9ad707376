r"""Parameter boxes and seeded, counter-based draws of feasible parameter sets.

Drawing feasible points
-----------------------
Each draw takes :math:`\beta, c, c_A, F` from the box, then :math:`\alpha` from
the part of its box where :math:`G = \alpha - \beta(c + c_A) > 0` (with a
relative margin of :math:`10^{-9}`), then :math:`n` from the part of its box
where :math:`n \ge n_{\min} = 8\beta F/G^2` (with the same margin, above a float
:math:`n_{\min}` that is never below the exact one). Only draws of
:math:`(\beta, c, c_A, F)` for which one of these parts is empty are drawn
again. A coordinate is drawn log-uniformly when its box has ``lo > 0`` and
``hi >= 100 lo``, uniformly otherwise; a uniform draw of ``F`` or ``c_A`` from a box
reaching 0 that falls below the supported range (1e-50) is taken as 0.

Reproducibility
---------------
Draws come in fixed blocks of :data:`BLOCK` = 2**16; block ``i`` has its own
generator, ``PCG64(SeedSequence(seed, spawn_key=(i,)))`` (counter-based: it
depends only on ``(seed, i)``), so the same seed gives the same numbers whatever
the backend and the grouping of blocks into tasks.

Examples
--------
>>> box = normalise_box({"n": (10, 1e4)})
>>> d = draw_block(seed=0, block=0, m=3, box=box)
>>> sorted(d)[:4], bool((d["alpha"] > d["beta"] * (d["c"] + d["c_A"])).all())
(['F', 'W_rel', 'alpha', 'beta'], True)
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

import numpy as np

from ..domain import SUPPORTED_RANGE
from ..errors import InvalidParameterError
from ..kernels.threshold import n_min
from ..parameters import PARAMETER_NAMES

__all__ = ["BLOCK", "DEFAULT_BOX", "BOX_NAMES", "normalise_box", "draw_block"]

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
    "k": (2.0, 50.0),
    "delta": (0.01, 0.99),
}
#: The coordinates of a box: the six parameters, W_rel = (W - omega) / omega, and (beyond the
#: paper) the number of trading companies k and the discount factor delta.
BOX_NAMES = (*PARAMETER_NAMES, "W_rel", "k", "delta")


def normalise_box(box: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """The full box: the caller's bounds (validated, inside the domain and the supported range)
    and :data:`DEFAULT_BOX` for the coordinates not given.

    >>> normalise_box({"F": (0, 2)})["F"]
    (0.0, 2.0)
    """
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
        if name == "k" and (lo < 2 or lo != math.floor(lo) or hi != math.floor(hi) or hi > 10**6):
            raise InvalidParameterError(
                name, f"box bounds must be whole numbers from 2 to 1e6, got ({lo:g}, {hi:g})"
            )
        if name == "delta" and not 0 < lo <= hi < 1:
            raise InvalidParameterError(name, f"box must lie in (0, 1), got ({lo:g}, {hi:g})")
        strict = name in ("n", "alpha", "beta", "c", "W_rel")
        if lo < 0 or (strict and lo <= 0):
            raise InvalidParameterError(
                name, f"box must lie in the domain ({'> 0' if strict else '>= 0'}), got lo = {lo:g}"
            )
        for which, value in (("lo", lo), ("hi", hi)):
            if value != 0 and not SUPPORTED_RANGE[0] <= abs(value) <= SUPPORTED_RANGE[1]:
                raise InvalidParameterError(
                    name,
                    f"box bound {which} = {value:g} is outside the supported range (non-zero magnitudes "
                    f"from {SUPPORTED_RANGE[0]:g} to {SUPPORTED_RANGE[1]:g})",
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


def _n_min_above(alpha, G, d) -> np.ndarray:
    """A float at or above n_min = 8 beta F / G^2 (NaN where G <= 0).

    The float formula's relative error is below u (6 A / G + 6), A = alpha + beta (c + c_A) (G's rounding,
    doubled by the square): where that is below 1e-10 the margin 1e-9 the caller adds covers it; elsewhere
    (G cancels) n_min comes from :func:`cluster_games.n_min`, rounded upward from the exact value.
    """
    beta, c, c_A, F = d["beta"], d["c"], d["c_A"], d["F"]
    value = 8 * beta * F / (G * G)
    loose = np.flatnonzero(~(2.0**-53 * (6 * (alpha + beta * (c + c_A)) / G + 6) <= 1e-10) & (G > 0))
    if loose.size:
        value[loose] = n_min(F[loose], alpha[loose], beta[loose], c[loose], c_A[loose], on_infeasible="nan")
    return np.where(G > 0, value, np.nan)


def draw_block(seed: int, block: int, m: int, box: dict[str, tuple[float, float]]) -> dict[str, np.ndarray]:
    """``m`` feasible draws of block ``block`` under ``seed``: the parameters, ``W_rel``, the
    auxiliary uniforms ``v`` (P3) and ``u`` (P4), and the number of companies ``k`` and discount
    factor ``delta`` (the K claims; a draw whose k exceeds what free entry supports, k > rho,
    does not meet their hypotheses).

    Raises
    ------
    InvalidParameterError
        If almost no point of the box is feasible (``G > 0`` and ``n >= n_min``).
    """
    rng = np.random.Generator(np.random.PCG64(np.random.SeedSequence(seed, spawn_key=(block,))))
    out = {k: np.empty(m) for k in (*PARAMETER_NAMES, "W_rel", "v", "u")}
    pending = np.arange(m)
    for _ in range(200):
        k = pending.size
        if k == 0:
            break
        d = {name: _draw_in(rng, *box[name], _is_log(*box[name]), k) for name in ("beta", "c", "c_A", "F")}
        for name in ("c_A", "F"):  # a uniform draw from a box reaching 0 may fall below the supported range
            d[name][d[name] < SUPPORTED_RANGE[0]] = 0.0
        floor = d["beta"] * (d["c"] + d["c_A"]) * (1 + 1e-9)
        a_lo = np.maximum(box["alpha"][0], floor)
        ok = a_lo < box["alpha"][1]
        alpha = _draw_in(rng, a_lo, box["alpha"][1], _is_log(*box["alpha"]), k)
        G = alpha - d["beta"] * (d["c"] + d["c_A"])
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            n_lo = np.maximum(box["n"][0], _n_min_above(alpha, G, d) * (1 + 1e-9))
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
    # beyond the paper (drawn last, so the draws above do not depend on them): k companies, delta
    k_lo, k_hi = box["k"]
    out["k"] = np.minimum(np.floor(k_lo + rng.random(m) * (k_hi - k_lo + 1)), k_hi)
    out["delta"] = _draw_in(rng, *box["delta"], False, m)
    return out
