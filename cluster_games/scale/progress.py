"""Progress and size estimates for long runs (sweeps, Monte-Carlo checks).

The progress bar is tqdm's (optional extra ``progress``), on stderr, shown by default
only when stderr is a terminal. Before a run that will take long or write a lot,
:func:`estimate` gives its expected time and output size in one line, so that a
user who did not mean 10^12 draws can stop it; :func:`check_disk` refuses a run
whose output cannot fit on the disk.
"""

from __future__ import annotations

import math
import shutil
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UnavailableError

__all__ = ["Progress", "Estimate", "Forecast", "check_disk", "announce", "human_bytes", "human_seconds"]

#: Runs expected to last longer than this many seconds announce their estimate.
ANNOUNCE_SECONDS = 10.0


def human_seconds(s: float) -> str:
    """``90`` -> ``"1.5 min"``.

    >>> human_seconds(30), human_seconds(5400), human_seconds(3e6)
    ('30 s', '1.5 h', '35 days')
    """
    if s < 90:
        return f"{s:.0f} s"
    if s < 5400:
        return f"{s / 60:.1f} min"
    if s < 2 * 86400:
        return f"{s / 3600:.1f} h"
    if s < 2 * 365 * 86400:
        return f"{s / 86400:.0f} days"
    return f"{s / (365 * 86400):.3g} years"


def human_bytes(b: float) -> str:
    """``2.5e9`` -> ``"2.5 GB"``.

    >>> human_bytes(512), human_bytes(2.5e9)
    ('512 B', '2.5 GB')
    """
    for unit, size in (("TB", 1e12), ("GB", 1e9), ("MB", 1e6), ("kB", 1e3)):
        if b >= size:
            return f"{b / size:.3g} {unit}"
    return f"{b:.0f} B"


@dataclass(frozen=True)
class Estimate:
    """Expected duration and output size of a run, from a measured rate."""

    what: str
    items: int
    unit: str
    seconds: float
    output_bytes: float | None = None

    def __str__(self) -> str:
        text = f"{self.what}: {self.items:,} {self.unit}"
        if not math.isnan(self.seconds):
            text += f", about {human_seconds(self.seconds)} more"
        if self.output_bytes is not None:
            text += f", about {human_bytes(self.output_bytes)} of output"
        return text


class Forecast:
    """Extrapolates a run's duration and output size from its first pieces of work.

    The output size is extrapolated from the first piece (to refuse early what the disk
    cannot hold); the duration from the second, whose rate is free of start-up costs
    (imports, the first write). A run expected to last longer than :data:`ANNOUNCE_SECONDS`
    is announced once, on stderr.

    >>> f = Forecast("sweep", 1000, "points")
    >>> f.record(10, bytes_written=250).output_bytes
    25000.0
    """

    def __init__(self, what: str, total: int, unit: str) -> None:
        self.what, self.total, self.unit = what, total, unit
        self.done, self.pieces = 0, 0
        self.last = time.perf_counter()

    def record(self, m: int, bytes_written: float | None = None) -> Estimate | None:
        """Account for ``m`` more items; return the estimate made at this step, if any."""
        now, elapsed = time.perf_counter(), time.perf_counter() - self.last
        self.last, self.done, self.pieces = now, self.done + m, self.pieces + 1
        remaining = self.total - self.done
        if self.pieces == 1 and bytes_written is not None:
            return Estimate(
                self.what, self.total, self.unit, math.nan, bytes_written * self.total / self.done
            )
        if self.pieces == 2 and remaining > 0:
            est = Estimate(self.what, self.total, self.unit, remaining * elapsed / m if m else 0.0)
            if est.seconds > ANNOUNCE_SECONDS:
                announce(str(est))
            return est
        return None


def check_disk(path: Path, needed: float) -> None:
    """Raise :class:`UnavailableError` if the disk holding ``path`` has less than ``needed`` bytes free."""
    free = shutil.disk_usage(path.parent if str(path.parent) else Path(".")).free
    if needed > free:
        raise UnavailableError(
            f"not enough disk space for {path}: about {human_bytes(needed)} needed, {human_bytes(free)} free"
        )


def announce(text: str) -> None:
    """One line on stderr (estimates of long runs)."""
    print(f"cluster-games: {text}", file=sys.stderr, flush=True)


class Progress:
    """A tqdm progress bar on stderr, or nothing.

    The bar appears with the first finished piece of work (so an error in the first chunk
    prints only the error), and is erased, not left behind, when the run ends in an error.

    Parameters
    ----------
    total : int
    unit : str
    enabled : bool, optional
        Default: only when stderr is a terminal and tqdm is installed.
    """

    def __init__(self, total: int, unit: str, enabled: bool | None = None) -> None:
        self.total, self.unit = total, unit
        self.bar: Any = None
        self.enabled = sys.stderr.isatty() if enabled is None else enabled

    def update(self, k: int) -> None:
        if not self.enabled:
            return
        if self.bar is None:
            try:
                from tqdm import tqdm
            except ImportError:  # the progress bar is an optional extra
                self.enabled = False
                return
            self.bar = tqdm(
                total=self.total, unit=self.unit, unit_scale=True, file=sys.stderr, dynamic_ncols=True
            )
        self.bar.update(k)

    def close(self, *, leave: bool = True) -> None:
        if self.bar is not None:
            self.bar.leave = leave
            self.bar.close()

    def __enter__(self) -> Progress:
        return self

    def __exit__(self, exc_type, *exc: object) -> None:
        self.close(leave=exc_type is None)
