"""omega* against the memory floor (three boxes, two engines) and against brentq and sympy."""

from __future__ import annotations

import math

import numpy as np

import cluster_games as cg
from cluster_games.kernels import _numba

from common import best_of, near_boundary, random_box


def copy_bandwidth(quick: bool) -> float:
    """Bytes read + written per second by np.copyto on arrays far larger than the caches."""
    size = 2 * 10**7 if quick else 5 * 10**7
    src = np.random.default_rng(0).random(size)
    dst = np.empty_like(src)
    dst[:] = 0.0  # fault the pages in before timing
    seconds = best_of(lambda: np.copyto(dst, src), 5)
    return 2 * src.nbytes / seconds


def engines() -> list[str]:
    return ["numpy", "numba"] if _numba.available() else ["numpy"]


def bench_floor(quick: bool) -> dict:
    """(a) only n an array, (b) the random box, (c) the near-boundary box; each engine."""
    size = 10**6 if quick else 10**7
    bandwidth = copy_bandwidth(quick)
    rng = np.random.default_rng(3)
    cases = {
        "a_n_only": ((10 ** rng.uniform(0, math.log10(5000), size), 1.0, 100.0, 1.0, 10.0, 1.0), 1),
        "b_random_box": (random_box(size), 6),
        "c_near_boundary": (near_boundary(size), 6),
    }
    out = np.empty(size)
    out[:] = 0.0
    rows = []
    for case, (args, arrays) in cases.items():
        floor = (arrays + 1) * 8 * size / bandwidth  # read each array once, write omega* once
        for engine in engines():
            cg.omega_star(*args, engine=engine, on_infeasible="nan", out=out)  # warm-up (numba: load)
            seconds = best_of(
                lambda a=args, e=engine: cg.omega_star(*a, engine=e, on_infeasible="nan", out=out), 3
            )
            rows.append(
                dict(case=case, engine=engine, seconds=seconds, floor_seconds=floor, ratio=seconds / floor)
            )
        rows[-1]["infeasible_share"] = float(np.isnan(out).mean())
    return dict(points=size, copy_bandwidth_GBps=bandwidth / 1e9, rows=rows, numba=_numba.available())


def _brentq_loop(args: list[np.ndarray]) -> np.ndarray:
    """The per-point baseline: scipy's brentq on pi_YY between cost recovery and the vertex."""
    from scipy.optimize import brentq

    out = np.empty(args[0].shape[0])
    for i in range(out.shape[0]):
        n, F, alpha, beta, c, c_A = (float(a[i]) for a in args)

        def pi_YY(w, n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A):
            return n / 2 * (w * c - c_A) * (alpha - beta * (1 + w) * c) - F

        lo, hi = c_A / c, (alpha - beta * c + beta * c_A) / (2 * beta * c)  # pi(lo) = -F, pi(hi) >= 0
        out[i] = brentq(pi_YY, lo, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=200)
    return out


def bench_root_finding(quick: bool) -> dict:
    """10^4 random-box points: the kernel against a brentq loop and sympy's subs + evalf."""
    import sympy as sp

    from cluster_games import model as M

    size = 10**4
    args = list(random_box(size, seed=5))
    kernel = {}
    for engine in engines():
        cg.omega_star(*args, engine=engine)  # warm-up (numba: load the cached loops)
        kernel[engine] = best_of(lambda e=engine: cg.omega_star(*args, engine=e), 7)
    w = cg.omega_star(*args)
    brent = best_of(lambda: _brentq_loop(args), 1 if quick else 2)
    roots = _brentq_loop(args)
    sub = 50 if quick else 200
    expr = M.omega_star_rationalised()
    t_sym = best_of(
        lambda: [
            expr.subs({s: sp.Float(float(a[i]), 17) for s, a in zip(M.PARAMETERS, args, strict=True)}).evalf(
                17
            )
            for i in range(sub)
        ],
        1,
    )
    return dict(
        points=size,
        kernel_seconds=kernel,
        brentq_seconds=brent,
        brentq_ratio={e: brent / t for e, t in kernel.items()},
        brentq_max_rel_diff=float(np.max(np.abs(roots - w) / w)),
        sympy_subsample=sub,
        sympy_seconds_extrapolated=t_sym * size / sub,
        sympy_ratio=t_sym * size / sub / min(kernel.values()),
    )
