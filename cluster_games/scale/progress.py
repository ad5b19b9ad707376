"""Progress and size estimates for long runs (sweeps, Monte-Carlo checks).

The progress bar is tqdm's (optional extra ``progress``), on stderr, shown by default
only when stderr is a terminal. Before a run that will take long or write a lot,
:func:`estimate` gives its expected time and output size in one line, so that a
user who did not mean 10^12 draws can stop it; :func:`check_disk` refuses a run
whose output cannot fit on the disk.
"""

from __future__ import annotations

import shutil
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import UnavailableError

__all__ = ["Progress", "Estimate", "estimate", "check_disk", "human_bytes", "human_seconds"]

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
        text = f"{self.what}: {self.items:,} {self.unit}, about {human_seconds(self.seconds)}"
        if self.output_bytes is not None:
            text += f" and {human_bytes(self.output_bytes)} of output"
        return text


def estimate(what: str, items: int, unit: str, done: int, elapsed: float, bytes_done: float | None = None):
    """Extrapolate from ``done`` items in ``elapsed`` seconds (and ``bytes_done`` bytes written)."""
    rate = done / elapsed if elapsed > 0 else float("inf")
    seconds = (items - done) / rate if rate > 0 else float("inf")
    size = None if bytes_done is None or done == 0 else bytes_done * items / done
    return Estimate(what, items, unit, seconds, size)


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
