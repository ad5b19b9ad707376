"""Shared pieces of the benchmarks: timing, the machine, and the parameter boxes of issue 9.

The boxes are realistic, not easy: the random box spans four decades of beta, three of
c and c_A / c and a profit margin G / (beta (c + c_A)) from 5% to 19x, with F up to 99%
of its break-even limit; the near-boundary box puts n within 1e-9 .. 1e-6 (relative) of
n_min, where float64 loses the discriminant and the kernel needs its second tier.
"""

from __future__ import annotations

import importlib
import os
import platform
import subprocess
import time
from collections.abc import Callable
from fractions import Fraction

import numpy as np

ORDER = ("n", "F", "alpha", "beta", "c", "c_A")


def best_of(fn: Callable[[], object], repeat: int = 3) -> float:
    """Smallest wall time of ``repeat`` calls (the least disturbed run on a shared machine)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def version(module: str) -> str | None:
    try:
        return importlib.import_module(module).__version__
    except ImportError:
        return None


def machine() -> dict[str, object]:
    model = platform.processor() or platform.machine()
    try:
        out = subprocess.run(["lscpu"], capture_output=True, text=True, check=False).stdout
        for line in out.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return dict(
        cpu=model,
        cores=os.cpu_count(),
        python=platform.python_version(),
        **{m: version(m) for m in ("numpy", "numba", "nashpy", "quantecon", "pyarrow", "scipy", "sympy")},
    )


def random_box(size: int, seed: int = 0) -> tuple[np.ndarray, ...]:
    """The random box of issue 9: feasible by construction, in ORDER."""
    rng = np.random.default_rng(seed)
    beta = 10 ** rng.uniform(-2, 1, size)
    c = 10 ** rng.uniform(-1, 2, size)
    c_A = c * 10 ** rng.uniform(-3, np.log10(0.3), size)
    ratio = 10 ** rng.uniform(np.log10(1.05), np.log10(20), size)  # alpha / (beta (c + c_A))
    alpha = ratio * beta * (c + c_A)
    G = alpha - beta * (c + c_A)
    n = 10 ** rng.uniform(0, np.log10(5000), size)
    F = rng.uniform(0, 0.99, size) * n * G**2 / (8 * beta)  # F_max: n = n_min
    return n, F, alpha, beta, c, c_A


def near_boundary(size: int, seed: int = 1) -> tuple[np.ndarray, ...]:
    """The random box with n moved to n_min (1 + e), e log-uniform in [1e-9, 1e-6]."""
    n, F, alpha, beta, c, c_A = random_box(size, seed)
    rng = np.random.default_rng(seed + 7)
    G = alpha - beta * (c + c_A)
    n = 8 * beta * F / G**2 * (1 + 10 ** rng.uniform(-9, -6, size))
    return n, F, alpha, beta, c, c_A


def drawn_rates(params: tuple[np.ndarray, ...], seed: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Rates around omega*: omega = omega* 10^U(-0.3, 0.3), W = omega (1 + 10^U(-6, 1.5)).

    They cross the dominance boundary 2 M(omega) = M(W) and leave the domain of a game
    (W above the demand's end, omega below cost recovery) for some points.
    """
    import cluster_games as cg

    rng = np.random.default_rng(seed)
    size = params[0].shape[0]
    w = cg.omega_star(*params, on_infeasible="nan")
    omega = w * 10 ** rng.uniform(-0.3, 0.3, size)
    W = omega * (1 + 10 ** rng.uniform(-6, 1.5, size))
    return omega, W


def boundary_games(limit: int = 60) -> list[tuple[float, ...]]:
    """(n, F, alpha, beta, c, c_A, omega, W) exactly on 2 M(omega) = M(W): b = 0 in exact arithmetic.

    With c = 1, c_A = 0, beta = 1 and dyadic omega < W, alpha = 1 + (2 w^2 - W^2) / (2 w - W)
    is dyadic too; only those representable exactly in float64 are kept.
    """
    games = []
    for i in range(1, limit):
        for j in range(i + 1, 2 * limit):
            w, W = Fraction(i, 8), Fraction(j, 8)
            if 2 * w == W:
                continue
            alpha = 1 + (2 * w * w - W * W) / (2 * w - W)
            if alpha <= 0 or Fraction(float(alpha)) != alpha or w * (alpha - 1 - w) <= 0:
                continue
            games.append((2.0, 1.0, float(alpha), 1.0, 1.0, 0.0, float(w), float(W)))
    return games
