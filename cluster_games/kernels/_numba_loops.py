"""The compiled loops of the numba engine (imported by :mod:`cluster_games.kernels._numba` on first use).

Module-level functions, so that numba's on-disk cache (``cache=True``) finds them again in
the next process: only the first run in an environment compiles.

The loops call :func:`~cluster_games.kernels.tiers.tier1` and
:func:`~cluster_games.kernels.tiers.tier2` and the double-double operations of
:mod:`cluster_games.kernels._dd`, compiled as they are, with one substitution: the error
term of a product, which numpy computes exactly with Dekker's split, is computed here
exactly with a fused multiply-add (``e = fma(a, b, -a b)``). Both are error-free, so both
give the same ``e`` (bitwise, as the tests check) while the compiled loop saves the split's
fifteen operations.

numba's cache checks only the timestamp of the file that defines a function, not of the
functions it calls: after an edit of :mod:`~cluster_games.kernels.tiers` it would keep
serving the old loops. :func:`_drop_stale_cache` therefore keeps a fingerprint of every
source the loops compile and empties the cache when it changes.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path
from types import FunctionType

import numba
import numpy as np
from numba import njit, prange, types
from numba.extending import intrinsic, overload, register_jitable

from . import _dd, margins, tiers


@intrinsic
def _fma(typingctx, a, b, c):  # pragma: no cover - compiled
    """``a b + c`` with one rounding (llvm.fma)."""
    sig = types.float64(types.float64, types.float64, types.float64)

    def codegen(context, builder, signature, args):
        return builder.fma(*args)

    return sig, codegen


@overload(_dd.two_prod_split)
def _two_prod_split_fma(a, ah, al, b):  # pragma: no cover - compiled
    def impl(a, ah, al, b):
        p = a * b
        return p, _fma(a, b, -p)

    return impl


@overload(_dd.dd_sqr)
def _dd_sqr_fma(ah, al):  # pragma: no cover - compiled
    def impl(ah, al):
        p = ah * ah
        e = _fma(ah, ah, -p) + 2.0 * ah * al
        return _dd.quick_two_sum(p, e)

    return impl


# The numpy engine's other functions become callable from compiled code as they are.
for _f in _dd.FUNCTIONS:
    if _f not in (_dd.two_prod_split, _dd.dd_sqr):
        register_jitable(_f)

register_jitable(tiers.G_dd)  # called by tier2_terms
register_jitable(tiers.tier2_terms)  # called by tier2, compiled with it
tier1 = njit(tiers.tier1, error_model="numpy", cache=True)
tier2 = njit(tiers.tier2, error_model="numpy", cache=True)

_LO, _HI, _TOL, _INF = tiers._SAFE_MIN, tiers._SAFE_MAX, tiers.FAST_PATH_TOLERANCE, np.inf


@njit(error_model="numpy", cache=True)
def _in_range(x):  # pragma: no cover - compiled
    m = abs(x)
    return m == 0.0 or (m >= _LO and m <= _HI)


def _driver(loop, name: str, parallel: bool):
    """``loop`` compiled as ``name``, with numba's threads (``prange`` splits the loop) or without them
    (``prange`` is then ``range``, in the calling thread). Each compilation gets its own function object
    and qualified name: numba's cache names its files after the qualified name, and two compilations
    of one function under different flags would share, and overwrite, one entry."""
    copy = FunctionType(loop.__code__, loop.__globals__, name, loop.__defaults__, loop.__closure__)
    copy.__qualname__ = name
    copy.__doc__ = loop.__doc__
    return njit(parallel=parallel, error_model="numpy", cache=True)(copy)


def _first(n, F, alpha, beta, c, c_A, k, out, code):  # pragma: no cover - compiled
    """Tier 1 and the validation: code 0 done, 1 tier 2, 2 exact tier, 3 invalid input."""
    for i in prange(out.shape[0]):
        a = (n[i], F[i], alpha[i], beta[i], c[i], c_A[i], k[i])
        omega, bound, G, _ = tier1(*a)
        out[i] = omega
        valid = a[0] > 0.0 and a[1] >= 0.0 and a[2] > 0.0 and a[3] > 0.0 and a[4] > 0.0
        valid = valid and a[5] >= 0.0 and a[6] > 0.0
        valid = valid and a[0] < _INF and a[1] < _INF and a[2] < _INF and a[3] < _INF
        valid = valid and a[4] < _INF and a[5] < _INF and a[6] < _INF  # NaN fails every comparison
        safe = _in_range(a[0]) and _in_range(a[1]) and _in_range(a[2]) and _in_range(a[3])
        safe = safe and _in_range(a[4]) and _in_range(a[5]) and _in_range(a[6])
        if not valid:
            code[i] = 3
        elif not safe:
            code[i] = 2
        elif bound <= _TOL and G > 0.0:  # disc <= 0 makes the bound NaN or inf
            code[i] = 0
        else:
            code[i] = 1


def _second(n, F, alpha, beta, c, c_A, k, out, code):  # pragma: no cover - compiled
    """Tier 2 where ``code`` is 1: then 0 (value, or no rate decided) or 2 (exact tier)."""
    for i in prange(out.shape[0]):
        if code[i] == 1:
            omega, accurate, infeasible, eligible = tier2(n[i], F[i], alpha[i], beta[i], c[i], c_A[i], k[i])
            if accurate:
                out[i] = omega
                code[i] = 0
            elif eligible and infeasible:
                out[i] = np.nan
                code[i] = 0
            else:
                code[i] = 2


# ----------------------------------------------------------------------------- games
@overload(margins.select)
def _select_scalar(cond, a, b):  # pragma: no cover - compiled
    def impl(cond, a, b):
        return a if cond else b

    return impl


float_stage = njit(margins.float_stage, error_model="numpy", cache=True)


def _games(
    n,
    F,
    alpha,
    beta,
    c,
    c_A,
    om,
    W,
    k,
    delta,
    omega_default,
    W_default,
    code,
    sa,
    sb,
    p,
    unsure,
    YY,
    YN,
    NY,
    NN,
    dc,
    sus,
):  # pragma: no cover - compiled
    """:func:`cluster_games.kernels.margins.float_stage` at every point, into the output arrays."""
    for i in prange(code.shape[0]):
        r = float_stage(
            n[i], F[i], alpha[i], beta[i], c[i], c_A[i], om[i], W[i], k[i], delta[i], omega_default, W_default
        )
        code[i] = np.int8(r[0])
        sa[i] = np.int8(r[1])
        sb[i] = np.int8(r[2])
        p[i] = r[3]
        unsure[i] = np.int8(r[4])
        YY[i] = r[5]
        YN[i] = r[6]
        NY[i] = r[7]
        NN[i] = r[8]
        dc[i] = r[9]
        sus[i] = np.int8(r[10])


# Each loop with numba's threads (for large passes) and without (small ones, or a busy machine: see
# cluster_games.kernels._numba.ThreadChooser); the engines give bitwise equal results either way.
first, first_serial = _driver(_first, "first", True), _driver(_first, "first_serial", False)
second, second_serial = _driver(_second, "second", True), _driver(_second, "second_serial", False)
games, games_serial = _driver(_games, "games", True), _driver(_games, "games_serial", False)


# ----------------------------------------------------------------------------- cache hygiene
_STAMP = "cluster_games_kernels.deps"


def _fingerprint() -> str:
    """SHA-256 of numba's version and of every source the compiled loops are built from."""
    digest = hashlib.sha256(numba.__version__.encode())
    for module in (_dd, tiers, margins, sys.modules[__name__]):
        digest.update(Path(module.__file__).read_bytes())
    return digest.hexdigest()


def _drop_stale_cache(dispatchers) -> bool:
    """Empty the on-disk cache of ``dispatchers`` if the sources changed since it was written.

    Returns whether the cache was emptied. If the cache cannot be checked, caching is
    turned off for these functions (they compile in every process) rather than risk
    running stale code.
    """
    fingerprint = _fingerprint()
    try:
        caches = [d._cache for d in dispatchers]
        stamps = {Path(cache.cache_path) / _STAMP for cache in caches}
        if all(p.is_file() and p.read_text() == fingerprint for p in stamps):
            return False
        for cache in caches:
            cache.flush()
        for p in stamps:
            p.write_text(fingerprint)
        return True
    except (AttributeError, OSError):
        from numba.core.caching import NullCache

        for d in dispatchers:
            d._cache = NullCache()
        return True


_LOOPS = [first, first_serial, second, second_serial, games, games_serial]
_drop_stale_cache([tier1, tier2, _in_range, float_stage, *_LOOPS])
