r"""The free-entry rate omega* and n_min over arrays, in bounded-memory chunks.

:func:`omega_star` uses the float64 kernel of :mod:`cluster_games.kernels.free_entry`
with its first-order rounding-error bound and recomputes the few points whose
bound exceeds :data:`~cluster_games.kernels.free_entry.FAST_PATH_TOLERANCE` exactly.
The optional ``engine="numexpr"`` (extra ``fast``) fuses the float64 kernel.

Examples
--------
>>> from cluster_games.kernels import vectorized as V
>>> V.omega_star([10, 100, 1e-3], 1, 100, 1, 10, 1).round(8)
array([0.10022472, 0.10002247,        nan])
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import free_entry
from ._arrays import (
    _U,
    DEFAULT_CHUNK,
    HAVE_NUMEXPR,
    Engine,
    _Buffers,
    _check_chunk,
    _chunks,
    _engine,
    _ne,
    _piece,
    _prepare,
)

__all__ = ["DEFAULT_CHUNK", "HAVE_NUMEXPR", "omega_star", "omega_star_paper", "n_min", "monopoly_rate"]


# ----------------------------------------------------------------------------- omega*
_NE_OMEGA = "(2.0 * (c_A * (alpha - beta * c) + (k * F) / n)) / (c * ((alpha - beta * c + beta * c_A) + sqrt((alpha - beta * c - beta * c_A) * (alpha - beta * c - beta * c_A) - (4.0 * beta) * ((k * F) / n))))"


def _op(ufunc, x, y, buf):
    """``ufunc(x, y)`` into ``buf``, or as a scalar when both operands are scalars.

    Parameters that are scalars (the usual sweep: one or two arrays, the rest
    fixed) then cost one scalar operation per chunk instead of a pass over it.
    IEEE arithmetic rounds a scalar operation exactly as the same operation on
    an array element, so results stay bitwise equal to free_entry's kernel.
    """
    if np.ndim(x) == 0 and np.ndim(y) == 0:
        return ufunc(x, y)
    return ufunc(x, y, out=buf)


def _omega_chunk_numpy(n, F, alpha, beta, c, c_A, k, bufs, out):
    """free_entry._omega_star_float with out= buffers; same operations in the same order (bitwise equal)."""
    b_bc, b_bcA, b_a, b_G, b_K, b_q, b_t, b_disc, b_tmp, b_A = bufs
    mul, sub, add, div = np.multiply, np.subtract, np.add, np.divide
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        bc = _op(mul, beta, c, b_bc)
        bcA = _op(mul, beta, c_A, b_bcA)
        a = _op(sub, alpha, bc, b_a)
        G = _op(sub, a, bcA, b_G)
        K = _op(add, a, bcA, b_K)
        q = _op(div, _op(mul, k, F, b_q), n, b_q)
        t = _op(mul, 4.0 * beta, q, b_t)
        disc = _op(sub, _op(mul, G, G, b_disc), t, b_disc)
        # omega = (2 C) / (c (K + sqrt(disc))), C = c_A a + q
        root = np.sqrt(disc) if np.ndim(disc) == 0 else np.sqrt(disc, out=b_tmp)
        den = _op(mul, c, _op(add, K, root, b_K if np.ndim(K) else b_tmp), b_K if np.ndim(K) else b_tmp)
        num = _op(mul, 2.0, _op(add, _op(mul, c_A, a, b_A), q, b_A), b_A)
        div(num, den, out=out)
        # bound = U (5 A / G + (3.5 A G + 1.5 t) / disc + 8), A = alpha + bc + bcA
        A = _op(add, _op(add, alpha, bc, b_A), bcA, b_A)
        first = _op(div, _op(mul, 5.0, A, b_bc), G, b_bc)
        second = _op(
            div, _op(add, _op(mul, _op(mul, 3.5, A, b_A), G, b_A), _op(mul, 1.5, t, b_t), b_A), disc, b_A
        )
        bound = _op(mul, _U, _op(add, _op(add, first, second, b_A), 8.0, b_A), b_A)
        # sure where the bound is small and meaningful (G > 0, disc > 0); NaN compares False
        sure = (bound <= free_entry.FAST_PATH_TOLERANCE) & (G > 0) & (disc > 0)
    return ~sure


def _surely_infeasible(n, F, alpha, beta, c, c_A, k, candidates):
    r"""Among ``candidates``, the points where rounding cannot have flipped ``G <= 0`` or ``disc < 0``.

    With :math:`A = \alpha + \beta c + \beta c_A` and :math:`t = 4k\beta F/n`, the
    computed ``G`` is within :math:`3uA` of the exact one and the computed
    discriminant within :math:`7u(A|G| + t) + 9u^2A^2` (first order); the tests
    below use the margins :math:`4uA` and :math:`16u(A|G| + t) + 16u^2A^2`.
    """
    idx = np.flatnonzero(candidates)
    out = np.zeros(candidates.shape, dtype=bool)
    if idx.size == 0:
        return out
    n, F, alpha, beta, c, c_A, k = (v if np.ndim(v) == 0 else v[idx] for v in (n, F, alpha, beta, c, c_A, k))
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        A = alpha + beta * c + beta * c_A
        g = (alpha - beta * c) - beta * c_A
        t = (4.0 * beta) * ((k * F) / n)
        d = g * g - t
        margin = 16 * _U * (A * np.abs(g) + t) + 16 * _U * _U * A * A
        sure = (g < -4 * _U * A) | ((g > 4 * _U * A) & (d < -margin))
        sure &= np.isfinite(margin) & (A < 1e150)
    out[idx[np.broadcast_to(sure, idx.shape)]] = True
    return out


def _omega_chunk_numexpr(n, F, alpha, beta, c, c_A, k, bufs, out):
    env = dict(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A, k=k, tol=free_entry.FAST_PATH_TOLERANCE / _U)
    _ne.evaluate(_NE_OMEGA, local_dict=env, out=out, casting="unsafe")
    # G > 0, disc > 0 and bound <= tol with the divisions multiplied out (and half the
    # tolerance, to absorb the rounding of this test): never looser than the numpy test.
    return ~_ne.evaluate(_NE_SURE, local_dict=env)


_G = "(alpha - beta * c - beta * c_A)"
_T = "(4.0 * beta * (k * F / n))"
_DISC = f"({_G} * {_G} - {_T})"
_A = "(alpha + beta * c + beta * c_A)"
_NE_SURE = (
    f"({_G} > 0) & ({_DISC} > 0) & "
    f"(5.0 * {_A} * {_DISC} + (3.5 * {_A} * {_G} + 1.5 * {_T}) * {_G} + 8.0 * {_G} * {_DISC}"
    f" <= 0.5 * tol * {_G} * {_DISC})"
)


def omega_star(
    n: ArrayLike,
    F: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    *,
    k: float = free_entry.PAPER_K,
    chunk_size: int | None = None,
    engine: Engine = "numpy",
    out: NDArray[np.float64] | None = None,
) -> NDArray[np.float64]:
    r"""Free-entry rate :math:`\omega^*` over arrays, NaN where no break-even rate exists.

    .. math::

        \omega^* = \frac{2C}{c\,(K + \sqrt{G^2 - 4k\beta F/n})},\quad
        C = c_A(\alpha - \beta c) + kF/n,\; K = \alpha - \beta c + \beta c_A,\;
        G = \alpha - \beta(c + c_A).

    Same contract and same values as :func:`cluster_games.omega_star` with
    ``on_infeasible="nan"`` (bitwise, with ``engine="numpy"``): points whose
    first-order error bound exceeds ``FAST_PATH_TOLERANCE`` are recomputed
    exactly, so the feasibility decision is exact.

    Parameters
    ----------
    n, F, alpha, beta, c, c_A : array_like
        Model parameters (broadcast together), validated as in :func:`cluster_games.omega_star`.
    k : float
        Number of symmetric trading companies (the paper: 2).
    chunk_size : int, optional
        Points per chunk; scratch memory is about ``12 * 8 * chunk_size`` bytes.
        Default: 4096 for up to 65536 points, else 32768 (measured best on a 2-core EPYC).
    engine : {"numpy", "numexpr", "auto"}
        ``numexpr`` fuses the kernel (optional dependency); values may then differ
        from numpy's in the last bit, the feasibility decision does not.
    out : ndarray, optional
        Output array of the broadcast shape (float64, C-contiguous).

    Returns
    -------
    numpy.ndarray
        Array of the broadcast shape (0-d for scalar inputs).

    Examples
    --------
    >>> omega_star([10, 1e15], 1, 100, 1, 10, [1, 0])
    array([1.00224725e-01, 2.22222222e-18])
    """
    use_ne = _engine(engine)
    flags: list[bool] = []
    arrays, shape = _prepare(
        {"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A, "k": k}, flags, magnitude=False
    )
    size = math.prod(shape)
    if chunk_size is None:
        chunk_size = 4096 if size <= 1 << 16 else 1 << 15
    chunk_size = _check_chunk(chunk_size)
    if out is None:
        out = np.empty(shape)
    elif out.shape != shape or out.dtype != np.float64 or not out.flags.c_contiguous:
        raise ValueError(f"out must be a C-contiguous float64 array of shape {shape}")
    flat = out.reshape(-1)
    m0 = min(chunk_size, size)
    bufs = _Buffers(m0, 10)
    for start, stop in _chunks(size, chunk_size):
        m = stop - start
        parts = [_piece(a, shape, start, stop) for a in arrays]
        dest = flat[start:stop]
        if use_ne:
            unsure = _omega_chunk_numexpr(*parts, None, dest)
        else:
            unsure = _omega_chunk_numpy(*parts, bufs.view(m), dest)
        unsure = np.broadcast_to(unsure, (m,))
        # Points infeasible beyond doubt get NaN without the exact path.
        sure_nan = _surely_infeasible(*parts, unsure)
        dest[sure_nan] = np.nan
        unsure = unsure & ~sure_nan
        risky = [p for p, flag in zip(parts, flags, strict=True) if flag]
        if risky:
            unsure = unsure | np.broadcast_to(free_entry._outside_safe_range(*risky), (m,))
        for i in np.flatnonzero(unsure):
            point = [float(p) if p.ndim == 0 else float(p[i]) for p in parts]
            dest[i] = free_entry._omega_star_exact(*point)[0]
    return out


def omega_star_paper(
    n: ArrayLike, F: ArrayLike, alpha: ArrayLike, beta: ArrayLike, c: ArrayLike, c_A: ArrayLike
) -> NDArray[np.float64]:
    r"""The paper's printed closed form (erratum E1), NaN where its square root is imaginary.

    .. math::

        \frac{G + \sqrt{G^2 - 4\beta((\alpha - \beta c) c_A + 2F/n)}}{2\beta c}

    It does not solve :math:`\pi_{YY} = 0` and rises with ``n``; kept to show
    that :mod:`cluster_games.scale.montecarlo` finds the counterexamples.

    Examples
    --------
    >>> float(omega_star_paper(10, 1, 100, 1, 10, 1))
    8.79747...
    """
    arrays, _ = _prepare({"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A}, magnitude=False)
    n, F, alpha, beta, c, c_A = arrays
    G = alpha - beta * (c + c_A)
    with np.errstate(invalid="ignore"):
        return (G + np.sqrt(G * G - 4 * beta * ((alpha - beta * c) * c_A + 2 * F / n))) / (2 * beta * c)


def n_min(
    F: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    *,
    k: float = free_entry.PAPER_K,
    chunk_size: int = DEFAULT_CHUNK,
) -> NDArray[np.float64]:
    r"""Existence threshold :math:`n_{\min} = 4k\beta F / G^2` over arrays, NaN where ``G <= 0``.

    Chunked :func:`cluster_games.n_min` (``on_infeasible="nan"``), same values.

    Examples
    --------
    >>> n_min(1, [100, 11], 1, 10, 1)
    array([0.00100997,        nan])
    """
    chunk_size = _check_chunk(chunk_size)
    arrays, shape = _prepare(
        {"F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A, "k": k}, magnitude=False
    )
    size = math.prod(shape)
    out = np.empty(shape)
    flat = out.reshape(-1)
    for start, stop in _chunks(size, chunk_size):
        parts = [_piece(a, shape, start, stop) for a in arrays]
        flat[start:stop] = free_entry.n_min(*parts[:5], k=parts[5], on_infeasible="nan")
    return out


def monopoly_rate(alpha: ArrayLike, beta: ArrayLike, c: ArrayLike, c_A: ArrayLike) -> NDArray[np.float64]:
    r"""Rate maximising :math:`m(r) D(r)`: :math:`W_m = K / (2\beta c)`, :math:`K = \alpha - \beta c + \beta c_A`.

    Examples
    --------
    >>> float(monopoly_rate(100, 1, 10, 1))
    4.55
    """
    arrays, _ = _prepare({"alpha": alpha, "beta": beta, "c": c, "c_A": c_A}, magnitude=False)
    alpha, beta, c, c_A = arrays
    return (alpha - beta * c + beta * c_A) / (2 * beta * c)
