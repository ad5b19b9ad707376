"""Benchmarks of the vectorised kernels, sweeps and Monte-Carlo checks (not a test).

Usage::

    python benchmarks/run.py [--quick] [--json out.json]

Every figure is a ratio of two timings taken side by side in the same run, so
it does not depend much on the machine. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import subprocess
import sys
import time
import warnings
from fractions import Fraction

import numpy as np

import cluster_games as cg
from cluster_games.kernels import classify as K
from cluster_games.kernels import vectorized as V

ORDER = ("n", "F", "alpha", "beta", "c", "c_A")


def best_of(fn, repeat=3):
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return min(times)


def feasible(rng, size, spread=True):
    """Well-conditioned feasible parameter sets (G >= beta c, n >= 2 n_min): the float64 fast path."""
    beta = 10 ** rng.uniform(-1, 1, size)
    c = 10 ** rng.uniform(-1, 1, size)
    c_A = c * 10 ** rng.uniform(-6, -1, size)
    G = beta * c * 10 ** rng.uniform(0, 2, size)
    alpha = beta * (c + c_A) + G
    F = 10 ** rng.uniform(-3, 1, size)
    n = 8 * beta * F / G**2 * 10 ** rng.uniform(0.5, 9 if spread else 3, size)
    return dict(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A)


# ----------------------------------------------------------------------------- 1. memory floor
def bench_memory_floor(quick: bool) -> dict:
    N = 10**6 if quick else 10**7
    big = 2 * 10**7 if quick else 5 * 10**7
    src = np.random.default_rng(0).random(big)
    dst = np.empty_like(src)
    dst[:] = 0.0
    t_copy = best_of(lambda a=dst, b=src: np.copyto(a, b), 5)
    bandwidth = 2 * src.nbytes / t_copy  # bytes read + written per second
    src = dst = None
    rng = np.random.default_rng(1)
    p = feasible(rng, N)
    cases = {
        # n in [1, 1e12] with the SPEC example's other parameters (n_min = 1e-3): all feasible
        "n array, 5 scalars": ((np.geomspace(1.0, 1e12, N), 1.0, 100.0, 1.0, 10.0, 1.0), 1),
        "all six arrays": (tuple(p[k] for k in ORDER), 6),
    }
    rows = []
    out = np.empty(N)
    for label, (args, arrays) in cases.items():
        floor = (arrays + 1) * 8 * N / bandwidth
        for engine in ["numpy"] + (["numexpr"] if V.HAVE_NUMEXPR else []):
            chunk = 1 << 15 if engine == "numpy" else 1 << 18
            t = best_of(lambda a=args, e=engine, ch=chunk: V.omega_star(*a, engine=e, chunk_size=ch, out=out))
            rows.append(
                dict(case=label, engine=engine, chunk=chunk, seconds=t, floor_seconds=floor, ratio=t / floor)
            )
        t = best_of(lambda a=args: cg.omega_star(*a, on_infeasible="nan"), 2)
        rows.append(
            dict(
                case=label,
                engine="cluster_games.omega_star (unchunked)",
                chunk=N,
                seconds=t,
                floor_seconds=floor,
                ratio=t / floor,
            )
        )
    return dict(points=N, copy_bandwidth_GBps=bandwidth / 1e9, rows=rows)


# ----------------------------------------------------------------------------- 2. brentq, sympy
def bench_root_finding(quick: bool) -> dict:
    import sympy as sp
    from scipy.optimize import brentq

    from cluster_games import model as M

    N = 10**4
    rng = np.random.default_rng(2)
    p = feasible(rng, N, spread=False)
    args = [p[k] for k in ORDER]
    t_vec = best_of(lambda: V.omega_star(*args), 5)
    w = V.omega_star(*args)

    def brent_all(count):
        res = np.empty(count)
        for i in range(count):
            n, F, alpha, beta, c, c_A = (float(a[i]) for a in args)

            def pi(x, n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A):
                return n / 2 * (x * c - c_A) * (alpha - beta * (1 + x) * c) - F

            lo, hi = c_A / c, (alpha - beta * c + beta * c_A) / (2 * beta * c)
            res[i] = brentq(pi, lo, hi, xtol=1e-300, rtol=4 * np.finfo(float).eps, maxiter=200)
        return res

    t0 = time.perf_counter()
    roots = brent_all(N)
    t_brent = time.perf_counter() - t0
    agree = float(np.max(np.abs(roots - w) / w))
    sub = 50 if quick else 200
    expr = M.omega_star_rationalised()
    t0 = time.perf_counter()
    for i in range(sub):
        expr.subs({s: sp.Float(float(a[i]), 17) for s, a in zip(M.PARAMETERS, args, strict=True)}).evalf(17)
    t_sympy = (time.perf_counter() - t0) * N / sub
    return dict(
        points=N,
        vectorised_seconds=t_vec,
        brentq_seconds=t_brent,
        brentq_ratio=t_brent / t_vec,
        brentq_max_rel_diff=agree,
        sympy_subsample=sub,
        sympy_seconds_extrapolated=t_sympy,
        sympy_ratio=t_sympy / t_vec,
    )


# ----------------------------------------------------------------------------- 3. nashpy
def boundary_games():
    """Games exactly on 2 m(w) D(w) = m(W) D(W) (dyadic, as findings._boundary_point) and 1-ulp neighbours."""
    base = []
    for i in range(1, 60):
        for j in range(i + 1, 120):
            w, W = Fraction(i, 8), Fraction(j, 8)
            if 2 * w == W:
                continue
            alpha = 1 + (2 * w * w - W * W) / (2 * w - W)
            if alpha <= 0 or Fraction(float(alpha)) != alpha or w * (alpha - 1 - w) <= 0:
                continue
            base.append((2.0, float(alpha), 1.0, 1.0, 0.0, float(w), float(W)))
    games = []
    for g in base:
        games.append(g)
        for d in (-math.inf, math.inf):
            games.append((*g[:6], math.nextafter(g[6], d)))
            games.append((*g[:5], math.nextafter(g[5], d), g[6]))
    return games, len(base)


def bench_nashpy(quick: bool) -> dict:
    import nashpy

    from cluster_games.game import ClusterGame

    N = 10**5
    rng = np.random.default_rng(3)
    p = feasible(rng, N)
    w = V.omega_star(*(p[k] for k in ORDER))
    omega = w * 10 ** rng.uniform(-0.3, 0.3, N)
    W = omega * (1 + 10 ** rng.uniform(-6, 1.5, N))
    cols = (p["n"], p["alpha"], p["beta"], p["c"], p["c_A"], omega, W)

    def vectorised():
        sa, sb, pm = K.margin_signs(*cols)
        return K._classify_signs(sa, sb), K.Equilibria.from_signs(sa, sb, pm)

    t_vec = best_of(vectorised, 3)
    sub = 500 if quick else 2000
    e = K.payoff_entries(p["n"], p["F"], p["alpha"], p["beta"], p["c"], p["c_A"], omega, W)
    t0 = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        for i in range(sub):
            A = np.array([[e.YY[i], e.YN[i]], [e.NY[i], e.NN[i]]])
            list(nashpy.Game(A, A.T).support_enumeration())
    t_nash = (time.perf_counter() - t0) * N / sub

    # agreement: random games and exact boundary games with 1-ulp neighbours, against ClusterGame
    # (exact classification; equilibria from nashpy vertex + support enumeration, confirmed exactly)
    n_random = 2000 if quick else 10**4
    bgames, _ = boundary_games()
    if quick:
        bgames = bgames[: 5 * 300]
    rand = [(*(float(c[i]) for c in cols), float(p["F"][i])) for i in range(n_random)]
    games = [(*g, 1.0) for g in bgames] + rand
    arr = np.array([g[:7] for g in games]).T
    codes = K.classify(*arr)
    eq = K.equilibria(*arr)
    mismatches = []
    t0 = time.perf_counter()
    for k, g in enumerate(games):
        n, alpha, beta, c, c_A, om, Wk, F = g
        game = ClusterGame(cg.Parameters(n, F, alpha, beta, c, c_A), om, Wk)
        ref = game.equilibria()
        same = K.CLASSES[int(codes[k])] == game.classify() and int(eq.count[k]) == len(ref.extreme)
        same &= bool(eq.continuum[k]) == (not ref.finite)
        same &= bool(eq.unique_YY[k]) == (ref.unique and ref.pure == (("Y", "Y"),))
        if not same:
            mismatches.append(k)
    t_check = time.perf_counter() - t0
    on_boundary = int(np.sum(codes[: len(bgames)] == K.CLASS_CODES["Y weakly dominant"]))
    return dict(
        points=N,
        vectorised_seconds=t_vec,
        nashpy_subsample=sub,
        nashpy_seconds_extrapolated=t_nash,
        ratio=t_nash / t_vec,
        agreement_sets=len(games),
        agreement_boundary_sets=len(bgames),
        agreement_exact_boundary_points=on_boundary,
        agreement_random_sets=n_random,
        agreement_mismatches=len(mismatches),
        agreement_seconds=t_check,
    )


# ----------------------------------------------------------------------------- 4. Monte Carlo
def bench_montecarlo(quick: bool) -> dict:
    draws = 10**6 if quick else 10**8
    # Peak RSS from VmHWM in /proc (reset by exec; ru_maxrss of a child can carry the parent's
    # peak across fork + exec on Linux), falling back to getrusage elsewhere.
    code = (
        "import resource, time, json\n"
        "def peak_kib():\n"
        "    try:\n"
        "        for line in open('/proc/self/status'):\n"
        "            if line.startswith('VmHWM:'):\n"
        "                return int(line.split()[1])\n"
        "    except OSError:\n"
        "        pass\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "from cluster_games.scale.montecarlo import check\n"
        "check({}, draws=1000, seed=0, progress=False)\n"
        "base = peak_kib()\n"
        "t = time.perf_counter()\n"
        f"r = check({{}}, draws={draws}, seed=1, progress=False)\n"
        "dt = time.perf_counter() - t\n"
        "peak = peak_kib()\n"
        "print(json.dumps(dict(seconds=dt, peak_kib=peak, import_kib=base, all_hold=r.all_hold,"
        " P1_hypotheses=r['P1'].hypotheses)))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    data = json.loads(out.stdout)
    return dict(
        draws=draws,
        seconds=data["seconds"],
        draws_per_second=draws / data["seconds"],
        peak_rss_MiB=data["peak_kib"] / 1024,
        rss_after_imports_MiB=data["import_kib"] / 1024,
        all_hold=data["all_hold"],
        chunk_draws=4 * 2**16,
    )


# ----------------------------------------------------------------------------- report
def machine() -> dict:
    model = platform.processor()
    try:
        for line in subprocess.run(["lscpu"], capture_output=True, text=True).stdout.splitlines():
            if line.startswith("Model name"):
                model = line.split(":", 1)[1].strip()
    except OSError:
        pass
    return dict(
        cpu=model,
        cores=os.cpu_count(),
        python=platform.python_version(),
        numpy=np.__version__,
        numexpr=__import__("numexpr").__version__ if V.HAVE_NUMEXPR else None,
    )


def table(res: dict) -> str:
    mf, rf, nf, mc = res["memory_floor"], res["root_finding"], res["nashpy"], res["montecarlo"]
    lines = [
        "| benchmark | measured | target | met |",
        "|---|---|---|---|",
    ]
    for r in mf["rows"]:
        lines.append(
            f"| omega*, {mf['points']:.0e} points, {r['case']}, {r['engine']} | "
            f"{r['seconds'] * 1e3:.1f} ms = {r['ratio']:.1f}x the memory floor ({r['floor_seconds'] * 1e3:.1f} ms at "
            f"{mf['copy_bandwidth_GBps']:.1f} GB/s) | <= 3x | {'yes' if r['ratio'] <= 3 else 'no'} |"
        )
    lines.append(
        f"| omega*, {rf['points']:.0e} points vs brentq loop | {rf['brentq_ratio']:,.0f}x faster "
        f"({rf['vectorised_seconds'] * 1e3:.2f} ms vs {rf['brentq_seconds']:.2f} s; max rel. diff {rf['brentq_max_rel_diff']:.1e}) | "
        f">= 1000x | {'yes' if rf['brentq_ratio'] >= 1000 else 'no'} |"
    )
    lines.append(
        f"| omega*, {rf['points']:.0e} points vs sympy subs+evalf | {rf['sympy_ratio']:,.0f}x faster "
        f"(sympy timed on {rf['sympy_subsample']} points, extrapolated) | - | - |"
    )
    lines.append(
        f"| classification + equilibria, {nf['points']:.0e} games vs nashpy support_enumeration | "
        f"{nf['ratio']:,.0f}x faster ({nf['vectorised_seconds'] * 1e3:.1f} ms vs {nf['nashpy_seconds_extrapolated']:.0f} s; "
        f"nashpy timed on {nf['nashpy_subsample']} games, extrapolated) | >= 10^4x | {'yes' if nf['ratio'] >= 1e4 else 'no'} |"
    )
    lines.append(
        f"| agreement with ClusterGame.classify + nashpy equilibria | {nf['agreement_sets'] - nf['agreement_mismatches']}/"
        f"{nf['agreement_sets']} ({nf['agreement_boundary_sets']} boundary games incl. {nf['agreement_exact_boundary_points']} exact "
        f"boundary points and their 1-ulp neighbours, {nf['agreement_random_sets']} random) | 100% on >= 10^4 | "
        f"{'yes' if nf['agreement_mismatches'] == 0 and nf['agreement_sets'] >= 10**4 else 'no'} |"
    )
    lines.append(
        f"| Monte-Carlo check, {mc['draws']:.0e} draws | {mc['draws_per_second']:,.0f} draws/s, peak RSS "
        f"{mc['peak_rss_MiB']:.0f} MiB ({mc['rss_after_imports_MiB']:.0f} MiB after imports and a warm-up run) | < 1 GiB, bounded by chunk | "
        f"{'yes' if mc['peak_rss_MiB'] < 1024 else 'no'} |"
    )
    return "\n".join(lines)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument(
        "--quick", action="store_true", help="smaller sizes (1e6 omega* points, 1e6 Monte-Carlo draws)"
    )
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args(argv)
    res = {"machine": machine(), "quick": args.quick}
    for name, fn in (
        ("memory_floor", bench_memory_floor),
        ("root_finding", bench_root_finding),
        ("nashpy", bench_nashpy),
        ("montecarlo", bench_montecarlo),
    ):
        t = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        res[name] = fn(args.quick)
        print(f"  done in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
    m = res["machine"]
    print(
        f"Machine: {m['cpu']}, {m['cores']} cores, Python {m['python']}, numpy {m['numpy']}, numexpr {m['numexpr']}"
    )
    print(table(res))
    text = json.dumps(res, indent=2)
    print(text)
    if args.json:
        with open(args.json, "w") as fh:
            fh.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
