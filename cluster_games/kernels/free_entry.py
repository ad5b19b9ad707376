r"""The free-entry agency rate :math:`\omega^*` and the existence threshold :math:`n_{\min}`: one kernel.

Free entry drives the profit of a trading company in the (Y, Y) cell to zero
(Proposition 2, section 1.2 of the model). With :math:`x = \omega c` and :math:`k`
symmetric companies (the paper has :math:`k = 2`),

.. math::

    \frac{n}{k} (x - c_A)(\alpha - \beta c - \beta x) = F
    \iff \beta x^2 - K x + C = 0,

    K = \alpha - \beta c + \beta c_A, \qquad
    C = c_A(\alpha - \beta c) + \frac{kF}{n}, \qquad
    G = \alpha - \beta (c + c_A),

with discriminant :math:`\Delta = K^2 - 4\beta C = G^2 - 4k\beta F/n`. Profit is positive
between the roots, so undercutting stops at the lower root

.. math::

    \omega^* = \frac{K - \sqrt{\Delta}}{2\beta c}
             = \frac{2C}{c\,\bigl(K + \sqrt{\Delta}\bigr)},

which exists iff :math:`G > 0` and :math:`n \ge n_{\min} = 4k\beta F / G^2`.

The numbers come from three tiers (float64 with an error bound, double-double, exact
rationals; :mod:`cluster_games.kernels.tiers`): the feasibility decision is exact
everywhere and the relative error at most 1e-12. The tiers run chunk by chunk with numpy,
or fused in compiled loops with numba (``engine="numba"``, extra ``fast``).
"""

from __future__ import annotations

import math
from functools import cache
from typing import Literal, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import NoEquilibriumError
from . import tiers
from ._arrays import DEFAULT_CHUNK, _check_chunk, _chunks, _piece, _prepare, keep_freed_heap, validate_all
from .threshold import PAPER_K, G_exact, OnInfeasible, check_companies, format_G, n_min
from .tiers import _SAFE_MAX, _SAFE_MIN, FAST_PATH_TOLERANCE, tier1

# n_min and PAPER_K live in .threshold and are re-exported: omega* and its threshold are one API.
__all__ = ["omega_star", "n_min", "omega_star_paper", "PAPER_K", "ENGINES", "NUMBA_MIN_SIZE"]

Engine = Literal["auto", "numpy", "numba"]
ENGINES = ("auto", "numpy", "numba")

#: Arrays of at least this many points use numba with engine="auto" (below it, the import
#: and dispatch of numba cost more than they save).
NUMBA_MIN_SIZE = 1 << 16
#: ... and of at least this many once numba's loops are loaded in the process (then the
#: compiled loop wins from about a thousand points on: 10x at 10^4).
NUMBA_WARM_MIN_SIZE = 1 << 10


#: Flagged points are refined in batches of about this many: enough for per-call overheads to
#: vanish (measured: 7680 to 32768 take the same time near the boundary).
_REFINE_BATCH = DEFAULT_CHUNK


def _use_numba(engine: Engine, size: int) -> bool:
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, got {engine!r}")
    if engine == "numpy":
        return False
    from . import _numba

    if engine == "numba":
        _numba.require()
        return True
    if size >= NUMBA_MIN_SIZE:
        return _numba.available()
    # Smaller arrays use numba only once its loops are loaded: then it costs nothing extra.
    return size >= NUMBA_WARM_MIN_SIZE and _numba.loaded()


def _numpy_engine(arrays, shape, chunk_size, flat, risky) -> None:
    """Tier 1 chunk by chunk with numpy, flagged points refined in batches.

    (Threads do not pay here: the ufunc calls on cache-sized chunks are short, and the
    threads would spend their time waiting for the GIL between them; measured 1.5x slower.)
    """
    keep_freed_heap()  # 2.4x at 10^4 points, 2x near the boundary (see its docstring)
    _numpy_span(arrays, shape, chunk_size, flat, risky, 0, flat.size)


def _numpy_span(arrays, shape, chunk_size, flat, risky, lo, hi) -> None:
    pending: list[NDArray[np.intp]] = []
    count = 0
    with np.errstate(all="ignore"):  # thread-local
        for start in range(lo, hi, chunk_size):
            stop = min(hi, start + chunk_size)
            parts = [_piece(a, shape, start, stop) for a in arrays]
            omega, bound, G, _ = tier1(*parts)
            flat[start:stop] = omega
            # disc <= 0 makes the bound NaN or inf, which fails the comparison: no test needed
            sure = (bound <= FAST_PATH_TOLERANCE) & (G > 0)
            if any(risky):
                sure &= tiers.in_safe_range(*(p for p, r in zip(parts, risky, strict=True) if r))
            flagged = np.flatnonzero(~np.broadcast_to(sure, (stop - start,)))
            if flagged.size:
                pending.append(flagged + start)
                count += flagged.size
            if count >= _REFINE_BATCH or (stop == hi and count):
                tiers.refine(arrays, shape, np.concatenate(pending), flat, risky)
                pending, count = [], 0


def _numba_engine(values, arrays, shape, chunk_size, flat) -> None:
    """Tiers 1 and 2 in numba's compiled loops (threads or not: :class:`_numba.ThreadChooser`); the exact
    tier for what they leave."""
    from . import _numba

    size = flat.size
    constants = {
        j: np.full(min(chunk_size, size), float(a.reshape(-1)[0]))
        for j, a in enumerate(arrays)
        if a.size == 1
    }
    for start, stop in _chunks(size, chunk_size):
        m = stop - start
        parts = [
            constants[j][:m] if j in constants else np.ascontiguousarray(_piece(a, shape, start, stop))
            for j, a in enumerate(arrays)
        ]
        dest = flat[start:stop]
        code = _numba.first_pass(parts, dest)
        if (code == _numba.INVALID).any():
            validate_all(values, magnitude=False)  # names the parameter and the index
            raise AssertionError(
                "the numba engine flagged an input the validation accepts"
            )  # pragma: no cover
        if (code == _numba.TIER2).any():
            _numba.second_pass(parts, dest, code)
        for i in np.flatnonzero(code == _numba.EXACT).tolist():
            dest[i] = tiers.omega_star_exact(*(float(p[i]) for p in parts))


def _size_hint(values) -> int:
    """The broadcast size of the inputs, before validation (0 if it cannot be told cheaply)."""
    try:
        return math.prod(np.broadcast_shapes(*(np.shape(v) for v in values.values())))
    except (ValueError, TypeError):
        return 0


# --------------------------------------------------------------------------- public API
@overload
def omega_star(
    n: float,
    F: float,
    alpha: float,
    beta: float,
    c: float,
    c_A: float,
    *,
    k: int = ...,
    on_infeasible: OnInfeasible = ...,
    engine: Engine = ...,
    chunk_size: int | None = ...,
    out: NDArray[np.float64] | None = ...,
) -> float: ...
@overload
def omega_star(
    n: ArrayLike,
    F: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    *,
    k: int = ...,
    on_infeasible: OnInfeasible = ...,
    engine: Engine = ...,
    chunk_size: int | None = ...,
    out: NDArray[np.float64] | None = ...,
) -> NDArray[np.float64] | float: ...
def omega_star(
    n,
    F,
    alpha,
    beta,
    c,
    c_A,
    *,
    k=PAPER_K,
    on_infeasible="raise",
    engine="auto",
    chunk_size=None,
    out=None,
):
    r"""Free-entry agency rate: the lower root of :math:`\pi_{YY} = 0`.

    .. math::

        \omega^*(n, F, \alpha, \beta, c, c_A)
        = \frac{2C}{c\,\bigl(K + \sqrt{G^2 - 4k\beta F/n}\bigr)},
        \quad K = \alpha - \beta c + \beta c_A,\;
        C = c_A(\alpha - \beta c) + \frac{kF}{n},\;
        G = \alpha - \beta(c + c_A).

    Parameters
    ----------
    n : float or array_like
        Number of product categories, ``n > 0``.
    F : float or array_like
        Fixed cost of a trading company, ``F >= 0``.
    alpha, beta : float or array_like
        Demand per category ``Q = alpha - beta p``; ``alpha > 0``, ``beta > 0``.
    c : float or array_like
        Factory unit cost, ``c > 0``.
    c_A : float or array_like
        Trading company unit cost, ``c_A >= 0``.
    k : int or array_like of int, keyword-only
        Number of symmetric trading companies sharing the market, a whole number >= 2 (the
        paper: 2); ``k = 2.5`` or ``k = 1`` raises ``InvalidParameterError``.
    on_infeasible : {"raise", "nan"}, keyword-only
        What to do where no break-even rate exists (``G <= 0`` or ``n < n_min``):
        raise :class:`NoEquilibriumError` (default) or return NaN there.
    engine : {"auto", "numpy", "numba"}, keyword-only
        The first tier's evaluator. ``"auto"`` uses numba (extra ``fast``) when it is
        installed, for arrays of at least 65536 points, or of 1024 once numba's loops are
        loaded in the process; both engines give bitwise equal results.
    chunk_size : int, optional
        Points per chunk; scratch memory is a few chunk-sized arrays. Default: 32768 for
        numpy, 2**18 for numba.
    out : ndarray, optional
        Output array of the broadcast shape (float64, C-contiguous).

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, otherwise an array of the broadcast shape.
        Relative error at most 1e-12 (in practice one ulp or two) against exact arithmetic,
        on every finite input; the feasibility decision is exact (see the module docstring).
        A rate beyond the largest float64 (possible only far outside the supported range)
        is ``inf``, its correctly rounded value.

    Raises
    ------
    InvalidParameterError
        (a ``ValueError``) naming the parameter that is not a finite real in its domain.
    NoEquilibriumError
        (a ``ValueError``) where no break-even rate exists and ``on_infeasible="raise"``.

    Examples
    --------
    >>> from cluster_games import omega_star
    >>> omega_star(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    0.1002247247754...
    >>> omega_star([10, 100, 1000], 1, 100, 1, 10, 1).round(8)
    array([0.10022472, 0.10002247, 0.10000225])
    >>> omega_star([10, 1e15], 1, 100, 1, 10, [1, 0])
    array([1.00224725e-01, 2.22222222e-18])
    >>> omega_star(0.001, 1, 100, 1, 10, 1)
    Traceback (most recent call last):
    ...
    cluster_games.errors.NoEquilibriumError: no break-even agency rate: n = 0.001 < n_min = 0.00100997
    """
    if on_infeasible not in ("raise", "nan"):
        raise ValueError(f"on_infeasible must be 'raise' or 'nan', got {on_infeasible!r}")
    k = check_companies(k)
    values = dict(
        zip(("n", "F", "alpha", "beta", "c", "c_A", "k"), (n, F, alpha, beta, c, c_A, k), strict=True)
    )
    size = _size_hint(values)
    numba = _use_numba(engine, size)
    extents: list[tuple[float, float]] = []
    # numba validates float64 arrays in its first pass (one read of each input instead of two)
    arrays, shape = _prepare(values, magnitude=False, extents=extents, deferred=numba)
    if chunk_size is None:
        chunk_size = (1 << 18) if numba else DEFAULT_CHUNK
    chunk_size = _check_chunk(chunk_size)
    if out is None:
        out = np.empty(shape)
    elif out.shape != shape or out.dtype != np.float64 or not out.flags.c_contiguous:
        raise ValueError(f"out must be a C-contiguous float64 array of shape {shape}")
    flat = out.reshape(-1)
    if numba:
        _numba_engine(values, arrays, shape, chunk_size, flat)
    else:
        # Inputs whose every value is known (from its min and max) to lie in the safe range need
        # no elementwise check; the others (e.g. F with zeros) are checked point by point.
        risky = [not (lo >= _SAFE_MIN and hi <= _SAFE_MAX) and not (lo == hi == 0.0) for lo, hi in extents]
        _numpy_engine(arrays, shape, chunk_size, flat, risky)
    if on_infeasible == "raise":
        bad = np.isnan(flat)
        if bad.any():
            raise NoEquilibriumError(
                _infeasible_message(arrays, shape, int(np.flatnonzero(bad)[0]), int(bad.sum()))
            )
    if out.ndim == 0:
        return float(out)
    return out


def _infeasible_message(arrays, shape, flat_index, count) -> str:
    idx = np.unravel_index(flat_index, shape) if shape else ()
    point = dict(
        zip(
            ("n", "F", "alpha", "beta", "c", "c_A", "k"),
            (float(np.broadcast_to(a, shape)[idx]) for a in arrays),
            strict=True,
        )
    )
    G = G_exact(point["alpha"], point["beta"], point["c"], point["c_A"])
    if G <= 0:
        text = (
            f"no break-even agency rate: trade is infeasible, G = alpha - beta (c + c_A) = {format_G(G)} <= 0"
        )
    else:
        nmin = tiers.n_min_exact(*(point[p] for p in ("F", "alpha", "beta", "c", "c_A", "k")))
        which = "" if point["k"] == PAPER_K else f" with k = {point['k']:g} companies (k > rho)"
        text = f"no break-even agency rate{which}: n = {point['n']:.6g} < n_min = {nmin:.6g}"
    if shape:
        text += (
            f" (at index {tuple(int(i) for i in idx)}; {count} infeasible point(s);"
            " pass on_infeasible='nan' to get NaN there)"
        )
    return text


def omega_star_paper(
    n: ArrayLike, F: ArrayLike, alpha: ArrayLike, beta: ArrayLike, c: ArrayLike, c_A: ArrayLike
):
    r"""The paper's printed closed form (erratum E1), NaN where its square root is imaginary.

    .. math::

        \omega_{\text{printed}} = \frac{G + \sqrt{G^2 - 4\beta((\alpha - \beta c) c_A + 2F/n)}}{2\beta c}

    Generated from :func:`cluster_games.model.omega_star_paper` (sympy's ``lambdify``). It
    does not solve :math:`\pi_{YY} = 0` and rises with ``n``; kept to show that the
    Monte-Carlo check and the figures find it wrong.

    Examples
    --------
    >>> round(float(omega_star_paper(10, 1, 100, 1, 10, 1)), 6)
    8.797471
    """
    arrays, _ = _prepare({"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A}, magnitude=False)
    with np.errstate(all="ignore"):
        value = np.asarray(_paper_formula()(*arrays), dtype=float)
    return float(value) if value.ndim == 0 else value


@cache
def _paper_formula():
    import sympy as sp

    from .. import model as M

    return sp.lambdify(M.PARAMETERS, M.omega_star_paper(), modules="numpy")
