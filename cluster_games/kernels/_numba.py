"""The first two tiers of the omega* kernel as parallel numba loops (extra ``fast``).

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
"""

from __future__ import annotations

import sys
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
            "engine='numba' needs numba: pip install 'cluster-games[fast]' (or use engine='numpy')"
        )


@cache
def _kernels():
    from . import _numba_loops

    return _numba_loops.first, _numba_loops.second, _numba_loops.games


def first_pass(parts, out):
    """Tier 1 and the validation over one chunk of C-contiguous inputs; returns the per-point codes."""
    code = np.empty(out.shape[0], dtype=np.uint8)
    _kernels()[0](*parts, out, code)
    return code


def second_pass(parts, out, code) -> None:
    """Tier 2 where the first pass left code 1; those codes become 0 (done) or 2 (exact tier)."""
    _kernels()[1](*parts, out, code)


def game_pass(columns, omega_default: bool, W_default: bool, outputs) -> None:
    """The float64 stage of the game kernel over one chunk: 9 C-contiguous input columns, 10 outputs."""
    _kernels()[2](*columns, omega_default, W_default, *outputs)
