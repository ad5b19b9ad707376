"""The first two tiers of the omega* kernel (and the game kernel's float stage) as numba loops (extra ``fast``).

Imported only when an array large enough is evaluated with ``engine="auto"`` or
``engine="numba"``, so ``import cluster_games`` never loads numba. The loops call
:func:`cluster_games.kernels.tiers.tier1` and
:func:`~cluster_games.kernels.tiers.tier2` with the double-double operations of
:mod:`cluster_games.kernels._dd`: the very functions the numpy engine runs, compiled
(``error_model="numpy"``: a division by zero gives inf or NaN, never an exception; no
``fastmath``, so every operation rounds as in numpy and the engines agree bitwise).

The first loop also validates the inputs point by point (finite, in their domain), so a
large float64 array is read once instead of once for validation and once for the rate;
an invalid point sends the call back to the ordinary validation, which names it. Every
input reaches the loops as a C-contiguous chunk (scalars as a constant array reused
across chunks), which gives one compiled signature and lets the loops run at memory
speed. Compiled code is cached on disk (``cache=True``): only the first run in an
environment compiles.

Each loop is compiled twice, with numba's threads and as a plain loop in the calling thread;
:class:`ThreadChooser` picks one per pass (serial below :data:`THREADS_MIN_SIZE` points, and
whenever threads have recently been the slower, as on a machine whose cores other processes keep
busy). ``benchmarks/bench_busy.py`` measures both on an idle and a busy machine.
"""

from __future__ import annotations

import sys
import time
from functools import cache

import numpy as np

from ..errors import UnavailableError

__all__ = [
    "available",
    "require",
    "first_pass",
    "second_pass",
    "game_pass",
    "SURE",
    "TIER2",
    "EXACT",
    "INVALID",
]

#: Codes of the first pass, per point.
SURE, TIER2, EXACT, INVALID = 0, 1, 2, 3


def available() -> bool:
    """Whether numba can be imported."""
    try:
        import numba  # noqa: F401
    except ImportError:
        return False
    return True


def loaded() -> bool:
    """Whether the compiled loops are already loaded in this process (without importing numba)."""
    return "cluster_games.kernels._numba_loops" in sys.modules


def require() -> None:
    """Raise :class:`UnavailableError` with the install hint if numba is missing."""
    if not available():
        raise UnavailableError(
            "engine='numba' needs numba: pip install -e '.[fast]' in a clone of cluster_games (or use engine='numpy')"
        )


#: Passes over fewer points than this never use numba's threads: the calling thread runs the same
#: compiled loop (measured: threads gain nothing below about 10^5 points even on an idle machine).
THREADS_MIN_SIZE = 1 << 17
#: After this many large passes the mode not in favour is timed again, to notice a change of load;
#: each probe that confirms the choice doubles the interval, up to :data:`PROBE_MAX`.
PROBE_EVERY = 16
PROBE_MAX = 1024


class ThreadChooser:
    """Chooses, pass by pass, between numba's threads and the serial loop, from their recent timings.

    A parallel loop waits at its end for every thread. On a machine where other processes keep the
    cores busy, a worker that the scheduler has set aside makes that wait a time slice (milliseconds):
    measured with one competing busy process on 2 cores, 10^4 points took 30-60 ms with threads against
    0.14 ms serial, and 10^6 points 1.2-3 times the serial time. The serial loop never waits on another
    thread, so it is the safe choice; threads are an optimisation for free cores. So passes below
    :data:`THREADS_MIN_SIZE` always run serially, and larger ones use whichever mode has recently taken
    less time per point (an exponential average of each mode's own passes), timing the other mode again
    after :data:`PROBE_EVERY` passes (an interval that doubles while the probes confirm the choice). The
    decision needs no knowledge of the machine (load averages lag by a minute, and CPU affinity says
    nothing about other processes); a wrong guess costs one pass.
    """

    def __init__(self) -> None:
        self.ns_per_point: dict[bool, float | None] = {True: None, False: None}
        self.passes = 0
        self.interval = PROBE_EVERY
        self.next_probe = PROBE_EVERY
        self.probing = False
        self.last = False  # the mode of the latest pass (a second pass over the same points follows it)

    def threads(self, size: int) -> bool:
        """Whether a pass over ``size`` points should run on numba's threads."""
        if size < THREADS_MIN_SIZE or _thread_count() < 2:
            return False
        self.passes += 1
        parallel, serial = self.ns_per_point[True], self.ns_per_point[False]
        if parallel is None or serial is None:
            return parallel is None  # time each mode once: threads first
        best = parallel < serial
        self.probing = self.passes >= self.next_probe
        return best != self.probing

    def record(self, threads: bool, size: int, seconds: float) -> None:
        """Fold the time of one pass into its mode's average (ignored below :data:`THREADS_MIN_SIZE`)."""
        if size < THREADS_MIN_SIZE:
            return
        ns = 1e9 * seconds / size
        old = self.ns_per_point[threads]
        # a probe replaces its mode's average: the old one dates from before the last switch
        self.ns_per_point[threads] = ns if old is None or self.probing else 0.5 * (old + ns)
        if self.probing:  # the probed mode still the slower: probe half as often; else start afresh
            self.probing = False
            slower = self.ns_per_point[threads] >= self.ns_per_point[not threads]
            self.interval = min(2 * self.interval, PROBE_MAX) if slower else PROBE_EVERY
            self.next_probe = self.passes + self.interval


#: One chooser per kind of pass (their costs per point differ).
CHOOSERS = {"omega": ThreadChooser(), "games": ThreadChooser()}


@cache
def _thread_count() -> int:
    import numba

    return numba.config.NUMBA_NUM_THREADS


def _run(kind: str, index: int, size: int, *args) -> None:
    """Run loop ``index`` of the kernels over ``size`` points, threads or not as the chooser says."""
    chooser = CHOOSERS[kind]
    threads = chooser.last = chooser.threads(size)
    start = time.perf_counter()
    _kernels()[threads][index](*args)
    chooser.record(threads, size, time.perf_counter() - start)


@cache
def _kernels():
    from . import _numba_loops as L

    return {True: (L.first, L.second, L.games), False: (L.first_serial, L.second_serial, L.games_serial)}


def first_pass(parts, out):
    """Tier 1 and the validation over one chunk of C-contiguous inputs; returns the per-point codes."""
    code = np.empty(out.shape[0], dtype=np.uint8)
    _run("omega", 0, out.shape[0], *parts, out, code)
    return code


def second_pass(parts, out, code) -> None:
    """Tier 2 where the first pass left code 1; those codes become 0 (done) or 2 (exact tier)."""
    # its cost depends on how many points need tier 2: it follows the first pass's choice, untimed
    _kernels()[CHOOSERS["omega"].last][1](*parts, out, code)


def game_pass(columns, omega_default: bool, W_default: bool, outputs) -> None:
    """The float64 stage of the game kernel over one chunk: 9 C-contiguous input columns, 10 outputs."""
    _run("games", 2, columns[0].shape[0], *columns, omega_default, W_default, *outputs)
