"""Array plumbing shared by the vectorised kernels: validation, broadcasting, chunking.

Every kernel broadcasts its inputs like numpy and evaluates them in chunks of
``chunk_size`` points with preallocated buffers, so the temporaries stay in
cache and memory stays bounded whatever the size (only the outputs are as large
as the input).
"""

from __future__ import annotations

import ctypes
import ctypes.util
import math
import sys
from functools import cache

import numpy as np
from numpy.typing import NDArray

from ..domain import SPECS, SUPPORTED_RANGE, as_real_array
from ..errors import InvalidParameterError

_U = 2.0**-53  # unit roundoff of float64

#: Default number of points per chunk of the numpy engines: 32768 float64 = 256 KiB per
#: temporary, served from the heap that :func:`keep_freed_heap` keeps (measured: 15-20%
#: faster than 8192, whose temporaries fit in L2 but cost more numpy calls per point).
DEFAULT_CHUNK = 32768


# ----------------------------------------------------------------------------- chunking
def _validated(name: str, value: object, magnitude: bool) -> tuple[NDArray[np.float64], float, float]:
    """:func:`as_real_array` with a two-pass shortcut; also returns the array's ``(min, max)``.

    The full validation makes several passes over the input; for a large array
    that is already float64, finite and in its domain, ``min`` and ``max`` prove it.
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64 and value.size > 1:
        lo, hi = float(value.min()), float(value.max())  # NaN propagates and fails the tests below
        spec = SPECS.get(name)
        sign = spec.sign if spec else "real"
        signed = {"positive": lo > 0, "nonnegative": lo >= 0, "real": True}.get(sign, False)
        in_range = not magnitude or (lo >= SUPPORTED_RANGE[0] and hi <= SUPPORTED_RANGE[1])
        if math.isfinite(lo) and math.isfinite(hi) and signed and in_range:
            return value, lo, hi
    arr = as_real_array(name, value, magnitude=magnitude)
    return arr, float(arr.min()), float(arr.max())


def _prepare(
    values: dict[str, object],
    *,
    magnitude: bool = True,
    extents: list | None = None,
    deferred: bool = False,
) -> tuple[list[NDArray[np.float64]], tuple[int, ...]]:
    """Validate and broadcast; append each input's ``(min, max)`` to ``extents`` if given.

    ``magnitude`` also requires the supported range of :mod:`cluster_games.domain` (the omega*
    kernel does not: it computes exactly outside it). With ``deferred``, float64 arrays are
    taken as they are: the caller validates them point by point (the numba engine does,
    in the same pass that computes), and calls :func:`validate_all` if a point fails."""
    if deferred:
        checked = [
            (value, math.nan, math.nan)
            if isinstance(value, np.ndarray) and value.dtype == np.float64 and value.size > 0
            else _validated(name, value, magnitude)
            for name, value in values.items()
        ]
    else:
        checked = [_validated(name, value, magnitude) for name, value in values.items()]
    arrays = [a for a, _, _ in checked]
    if extents is not None:
        extents.extend((lo, hi) for _, lo, hi in checked)
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(f"{k}{a.shape}" for k, a in zip(values, arrays, strict=True) if a.ndim)
        raise InvalidParameterError(
            "shape", f"the array inputs cannot be broadcast together: {shapes}"
        ) from None
    return arrays, shape


def validate_all(values: dict[str, object], *, magnitude: bool = True) -> None:
    """The full validation of every input: raises :class:`InvalidParameterError` naming the first bad one."""
    for name, value in values.items():
        as_real_array(name, value, magnitude=magnitude)


def _check_chunk(chunk_size: int) -> int:
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive integer, got {chunk_size!r}")
    return int(chunk_size)


def _piece(a: NDArray[np.float64], shape: tuple[int, ...], start: int, stop: int):
    """The flat slice [start, stop) of ``a`` broadcast to ``shape``, without materialising it."""
    if a.size == 1:
        return a.reshape(())
    if a.shape == shape and a.flags.c_contiguous:
        return a.reshape(-1)[start:stop]
    idx = np.unravel_index(np.arange(start, stop), shape)
    return np.broadcast_to(a, shape)[idx]


def _gather(a: NDArray[np.float64], shape: tuple[int, ...], idx: NDArray[np.intp]) -> NDArray[np.float64]:
    """The values of ``a`` broadcast to ``shape`` at the flat indices ``idx`` (a 1-D array)."""
    if a.size == 1:
        return np.full(idx.shape, float(a.reshape(-1)[0]))
    if a.shape == shape and a.flags.c_contiguous:
        return a.reshape(-1)[idx]
    return np.broadcast_to(a, shape)[np.unravel_index(idx, shape)]


def _chunks(size: int, chunk_size: int):
    for start in range(0, size, chunk_size):
        yield start, min(size, start + chunk_size)


@cache
def keep_freed_heap() -> bool:
    """Ask glibc to keep up to 256 MB of freed heap instead of returning it to the OS at once.

    numpy allocates a new array for every operation; with glibc's default trim threshold
    (128 KB) each freed temporary at the top of the heap goes back to the OS, and the next
    operation faults its pages in again: the vectorised omega* kernel ran twice as slowly on
    near-boundary inputs for that alone (1.0 s against 2.0 s per 10^7 points), and 2.4 times
    as slowly on 10^4 points. Setting ``M_TRIM_THRESHOLD`` keeps the pages; memory that is
    freed is still reused. It also freezes glibc's mmap threshold, which is therefore set
    to 1 MB (``M_MMAP_THRESHOLD``): chunk-sized temporaries (256 KB) come from the heap,
    while large arrays are still mapped and returned to the OS when freed. Done once per
    process, on glibc only; returns whether it was done.
    """
    if not sys.platform.startswith("linux"):
        return False
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        # M_TRIM_THRESHOLD = -1 and M_MMAP_THRESHOLD = -3 in <malloc.h>
        return bool(libc.mallopt(-1, 256 << 20)) and bool(libc.mallopt(-3, 1 << 20))
    except (OSError, AttributeError):  # not glibc
        return False
