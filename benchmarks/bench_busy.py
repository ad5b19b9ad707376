"""omega* engines on an idle and on a busy machine: numpy, the default, numba serial, numba parallel.

Usage::

    python benchmarks/bench_busy.py [--repeats R] [--pinned] [--json FILE]

(also ``python benchmarks/run.py --only busy``). For each condition, *idle* (nothing started) and
*busy* (one competing process ``python -c "while True: pass"`` started by this script, unpinned, or
pinned to the CPU this process runs on with ``--pinned``), omega* is timed on 10^4 and 10^6
random-box points with each engine, in blocks that cycle through the engines three times so that
every engine sees the whole run's conditions; each figure is the median of about R calls (R/3 at
10^6). The criterion of issue 19: on the busy machine
the default engine takes at most 1.5 times the numpy engine's time at both sizes.

"Idle" means only that this script starts nothing: on a shared machine other work may run too, and
the script prints the load average it found, so a reader can judge.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

import cluster_games as cg
from cluster_games.kernels import _numba

from common import machine, random_box

SIZES = (10**4, 10**6)
#: The engines timed: name -> (engine argument, numba's threads forced on or off, or None for the default).
ENGINES = {
    "numpy": ("numpy", None),
    "default": ("auto", None),
    "numba serial": ("numba", False),
    "numba parallel": ("numba", True),
}
#: The criterion: the default engine on the busy machine within this factor of the numpy engine.
CRITERION = 1.5


@contextlib.contextmanager
def busy_process(pinned: bool):
    """One competing process spinning on a core for the duration (pinned to our CPU if asked)."""
    proc = subprocess.Popen([sys.executable, "-c", "while True: pass"])
    try:
        if pinned and hasattr(os, "sched_setaffinity"):
            cpu = min(os.sched_getaffinity(0))
            os.sched_setaffinity(proc.pid, {cpu})
        time.sleep(0.5)  # let it reach the run queue
        yield proc.pid
    finally:
        proc.terminate()
        proc.wait()


@contextlib.contextmanager
def threads_forced(value: bool | None):
    """Force numba's threads on or off (``None``: the default rule, :class:`_numba.ThreadChooser`)."""
    if value is None:
        yield
        return
    cls = _numba.ThreadChooser
    saved = cls.threads, cls.record
    cls.threads = lambda self, size: value
    cls.record = lambda self, *args: None  # the default engine's chooser learns from its own passes only
    try:
        yield
    finally:
        cls.threads, cls.record = saved


def _time(args, out, engine: str, threads: bool | None) -> float:
    with threads_forced(threads):
        t = time.perf_counter()
        cg.omega_star(*args, engine=engine, on_infeasible="nan", out=out)
        return time.perf_counter() - t


def measure(repeats: int, cycles: int = 3) -> dict[str, dict[str, float]]:
    """Median seconds per (size, engine) over ``cycles`` cycles through the engines, each engine timed in
    a block of about ``repeats / cycles`` calls after one discarded call (which also lets the threads of
    a parallel run before it go idle: OpenMP workers spin a while after a parallel loop and would take
    the CPU from the next engine's first call). The cycles spread every engine over the whole run."""
    names = [n for n in ENGINES if ENGINES[n][0] != "numba" or _numba.available()]
    result: dict[str, dict[str, float]] = {}
    for size in SIZES:
        args = random_box(size)
        out = np.empty(size)
        times: dict[str, list[float]] = {name: [] for name in names}
        block = max(1, (repeats if size < 10**6 else max(3, repeats // 3)) // cycles)
        for _ in range(cycles):
            for name in names:
                _time(args, out, *ENGINES[name])  # discarded
                times[name] += [_time(args, out, *ENGINES[name]) for _ in range(block)]
        result[str(size)] = {name: statistics.median(v) for name, v in times.items()}
    return result


def bench_busy(quick: bool = False, *, repeats: int | None = None, pinned: bool = False) -> dict:
    """Both conditions in one run; returns medians (seconds) and the criterion per size."""
    repeats = repeats or (9 if quick else 21)
    load_before = os.getloadavg() if hasattr(os, "getloadavg") else None
    idle = measure(repeats)
    with busy_process(pinned):
        busy = measure(repeats)
    met = {size: busy[size]["default"] <= CRITERION * busy[size]["numpy"] for size in busy}
    return dict(
        repeats=repeats,
        pinned=pinned,
        load_average_before=load_before,
        threads_min_size=_numba.THREADS_MIN_SIZE if _numba.available() else None,
        threading_layer=_threading_layer(),
        idle=idle,
        busy=busy,
        criterion=CRITERION,
        met=met,
    )


def _threading_layer() -> str | None:
    if not _numba.available():
        return None
    import numba

    try:
        return numba.threading_layer()
    except ValueError:  # no parallel region has run yet
        return None


def table(res: dict) -> str:
    """Markdown: one row per size and engine, idle and busy medians, busy ratio to numpy."""
    lines = [
        "| points | engine | idle (median) | busy (median) | busy / numpy busy |",
        "|---|---|---|---|---|",
    ]
    for size, row in res["busy"].items():
        for name, seconds in row.items():
            idle = res["idle"][size][name]
            ratio = seconds / row["numpy"]
            lines.append(
                f"| {int(size):.0e} | {name} | {idle * 1e3:.3g} ms | {seconds * 1e3:.3g} ms | {ratio:.2f}x |"
            )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--repeats", type=int, default=21, help="calls per engine and size (10^6: a third)")
    ap.add_argument("--pinned", action="store_true", help="pin the busy process to this process's CPU")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args(argv)
    res = bench_busy(repeats=args.repeats, pinned=args.pinned)
    m = machine()
    print(
        f"Machine: {m['cpu']}, {m['cores']} cores; numpy {m['numpy']}, numba {m['numba']} "
        f"(threading layer {res['threading_layer']}, threads from {res['threads_min_size']} points); "
        f"load average before: {res['load_average_before']}"
    )
    print(table(res))
    for size, ok in res["met"].items():
        print(
            f"default <= {CRITERION}x numpy on the busy machine at {int(size):.0e} points: {'yes' if ok else 'NO'}"
        )
    if args.json:
        Path(args.json).write_text(json.dumps({"machine": m, **res}, indent=2, default=str))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
