"""Sweeps streamed to parquet and Monte-Carlo checks: throughput and peak memory, each in a fresh process.

Peak RSS is read from /proc/self/status (VmHWM) in a child process, so it is the run's own
peak and not the benchmark driver's.
"""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap

_PEAK = textwrap.dedent(
    """
    import json, resource, time
    def peak_mib():
        try:
            for line in open('/proc/self/status'):
                if line.startswith('VmHWM:'):
                    return int(line.split()[1]) / 1024
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    """
)


def _child(body: str) -> dict:
    code = _PEAK + textwrap.dedent(body)
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    if out.returncode != 0:
        raise RuntimeError(f"benchmark child failed: {out.stderr.strip().splitlines()[-1:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


# A 4-D grid over n, F, alpha and W: both sides of n_min and of the dominance boundary.
_SWEEP = """
import os, tempfile
from cluster_games import Parameters, Rates
from cluster_games.scale.sweep import Linspace, sweep_to_file
side = {side}
base = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
grid = dict(n=Linspace(0.0005, 50.0, side), F=Linspace(0.0, 20.0, side),
            alpha=Linspace(95.0, 300.0, side // 10), W=Linspace(0.2, 4.5, 10))
path = os.path.join(tempfile.mkdtemp(), "sweep.parquet")
sweep_to_file(base, dict(n=[10.0]), path, rates=Rates(W=1.0))  # imports and first-call work
before = peak_mib()
t = time.perf_counter()
s = sweep_to_file(base, grid, path, rates=Rates(W=1.0), progress=False)
dt = time.perf_counter() - t
print(json.dumps(dict(rows=s.points, seconds=dt, peak_MiB=peak_mib(), MiB_before=before,
                      file_MB=os.path.getsize(path) / 1e6, classes=s.class_counts)))
"""


def bench_sweep(quick: bool) -> dict:
    import pyarrow  # noqa: F401  (the driver reports the row as skipped without it)

    side = 100 if quick else 216  # side * side * (side // 10) * 10 rows: 1.0e6 or 1.0e7
    data = _child(_SWEEP.format(side=side))
    data["rows_per_second"] = data["rows"] / data["seconds"]
    return data


# A box straddling the existence boundary (n_min ranges over the box of n) and the
# dominance boundary (W_rel across the point where 2 M(omega) = M(W)).
BOX = {
    "n": (1.0, 10.0),
    "F": (10.0, 100.0),
    "alpha": (10.0, 30.0),
    "beta": (0.5, 2.0),
    "c": (1.0, 5.0),
    "c_A": (0.0, 1.0),
    "W_rel": (1e-4, 10.0),
}

_CHECK = """
import numpy as np
from cluster_games.scale.boxes import draw_block, normalise_box
from cluster_games.scale.montecarlo import check
box = {box!r}
check(box, draws=1000, seed=0, progress=False)
d = draw_block(0, 0, 65536, normalise_box(box))
G = d["alpha"] - d["beta"] * (d["c"] + d["c_A"])
near = float(np.mean(d["n"] < 1.1 * 8 * d["beta"] * d["F"] / G**2))
before = peak_mib()
t = time.perf_counter()
r = check(box, draws={draws}, seed=1, progress=False)
dt = time.perf_counter() - t
print(json.dumps(dict(draws={draws}, seconds=dt, peak_MiB=peak_mib(), MiB_before=before, all_hold=r.all_hold,
                      P1_hypothesis_share=r["P1"].hypotheses / {draws}, near_n_min_share=near)))
"""


def bench_check(quick: bool) -> dict:
    draws = 10**6 if quick else 10**7
    data = _child(_CHECK.format(box=BOX, draws=draws))
    data["draws_per_second"] = data["draws"] / data["seconds"]
    data["box"] = BOX
    return data
