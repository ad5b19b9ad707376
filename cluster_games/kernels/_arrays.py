"""Array plumbing shared by the vectorised kernels: validation, broadcasting, chunking, engines.

Every kernel broadcasts its inputs like numpy and evaluates them in chunks of
``chunk_size`` points with preallocated buffers, so the temporaries stay in
cache and memory stays bounded whatever the size (only the outputs are as large
as the input).
"""

from __future__ import annotations

import math
from typing import Literal

import numpy as np
from numpy.typing import NDArray

from ..domain import SPECS, SUPPORTED_RANGE, as_real_array
from ..errors import InvalidParameterError
from . import free_entry

Engine = Literal["auto", "numpy", "numexpr"]

#: Default number of points per chunk: 8192 float64 = 64 KiB per buffer, a few
#: dozen buffers fit in a 2 MiB L2 cache.
DEFAULT_CHUNK = 8192

_U = 2.0**-53  # unit roundoff of float64

try:  # optional fast path
    import numexpr as _ne

    HAVE_NUMEXPR = True
except ImportError:  # pragma: no cover - numexpr is in the test extra
    _ne = None
    HAVE_NUMEXPR = False


def _engine(engine: Engine) -> bool:
    """True to use numexpr."""
    if engine == "numpy":
        return False
    if engine == "numexpr":
        if not HAVE_NUMEXPR:
            raise ImportError(
                "engine='numexpr' needs numexpr: pip install 'cluster-games[fast]' (or use engine='numpy')"
            )
        return True
    if engine == "auto":
        return HAVE_NUMEXPR
    raise ValueError(f"engine must be 'auto', 'numpy' or 'numexpr', got {engine!r}")


# ----------------------------------------------------------------------------- chunking
def _validated(
    name: str, value: object, magnitude: bool
) -> tuple[NDArray[np.float64], tuple[float, float] | None]:
    """:func:`as_real_array` with a two-pass shortcut; also returns ``(min |x|, max |x|)`` when known.

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
            return value, (lo, hi)
    arr = as_real_array(name, value, magnitude=magnitude)
    return arr, ((abs(float(arr.reshape(-1)[0])),) * 2 if arr.size == 1 else None)


def _prepare(
    values: dict[str, object], ranges: list | None = None, *, magnitude: bool = True
) -> tuple[list[NDArray[np.float64]], tuple[int, ...]]:
    """Validate and broadcast; if ``ranges`` is a list, append per input whether it may hold
    magnitudes outside free_entry's safe range (then it needs the elementwise check).

    ``magnitude`` also requires the supported range of :mod:`cluster_games.domain` (the omega*
    kernel does not: it computes exactly outside it)."""
    arrays = []
    for name, value in values.items():
        arr, mm = _validated(name, value, magnitude)
        arrays.append(arr)
        if ranges is not None:
            if mm is None:
                mm = (float(np.abs(arr).min()), float(np.abs(arr).max()))
            lo, hi = abs(mm[0]), abs(mm[1])
            ranges.append(not (min(lo, hi) >= free_entry._SAFE_MIN and max(lo, hi) <= free_entry._SAFE_MAX))
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays))
    except ValueError:
        shapes = ", ".join(f"{k}{a.shape}" for k, a in zip(values, arrays, strict=True) if a.ndim)
        raise InvalidParameterError(
            "shape", f"the array inputs cannot be broadcast together: {shapes}"
        ) from None
    return arrays, shape


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


def _chunks(size: int, chunk_size: int):
    for start in range(0, size, chunk_size):
        yield start, min(size, start + chunk_size)


class _Buffers:
    """Preallocated float64 scratch buffers of one chunk's length."""

    def __init__(self, length: int, count: int) -> None:
        self.length = length
        self.pool = [np.empty(length) for _ in range(count)]

    def view(self, m: int) -> list[NDArray[np.float64]]:
        return [b[:m] for b in self.pool]


def _finish(out: NDArray, shape: tuple[int, ...]):
    return out.reshape(shape)
