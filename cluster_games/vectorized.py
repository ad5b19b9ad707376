r"""Vectorised closed forms of the model over numpy arrays, in bounded-memory chunks.

Every function here broadcasts its inputs like numpy and evaluates them in
chunks of ``chunk_size`` points with preallocated buffers, so the temporaries
stay in cache and memory stays bounded whatever the size (only the outputs
are as large as the input). The formulas are those of :mod:`cluster_games.model`
(SPEC section 1); ``tests/test_vectorized.py`` checks them against the
symbolic expressions (``sympy.lambdify``) at sample points.

Exactness where it matters
--------------------------
:func:`omega_star` uses the float64 kernel of :mod:`cluster_games.free_entry`
with its first-order rounding-error bound and recomputes the few points whose
bound exceeds :data:`~cluster_games.free_entry.FAST_PATH_TOLERANCE` exactly.
:func:`classify` and :func:`equilibria` decide the signs of the dominance margins

.. math::

    a = \pi_{YY} - \pi_{NY} = \tfrac12 n\, s, \qquad
    b = \pi_{YN} - \pi_{NN} = \tfrac12 n\,(2s - h), \qquad
    s = m(\omega) D(\omega), \; h = m(W) D(W),

in float64 together with a bound on their rounding error,
:math:`|\hat s - s| \le 16 u\, |m| |D|` evaluated with absolute values (the
running-error bound of an expression of depth 6, doubled); where a computed
value is within its bound of zero, the sign is recomputed exactly with
:class:`fractions.Fraction` (:func:`cluster_games.payoffs.dominance_margins`).
The labels therefore equal :meth:`cluster_games.game.ClusterGame.classify`
exactly, on both sides of the boundary :math:`2 m(\omega) D(\omega) = m(W) D(W)`.

Integer codes
-------------
:data:`CLASSES` maps the codes of :func:`classify` to the labels of
:meth:`~cluster_games.game.ClusterGame.classify` (``-1``: undefined, a NaN input,
e.g. omega* where no free-entry rate exists). :data:`EQUILIBRIUM_KINDS` maps the
codes of :func:`equilibria`.

The optional ``engine="numexpr"`` (extra ``fast``) fuses the float64 kernels;
classification results are identical with either engine because every sign
that rounding could flip is decided exactly.

Examples
--------
>>> import numpy as np
>>> from cluster_games import vectorized as V
>>> V.omega_star([10, 100, 1e-3], 1, 100, 1, 10, 1).round(8)
array([0.10022472, 0.10002247,        nan])
>>> codes = V.classify(2, 8, 1, 1, 0, 1.0, [2.9, 3.0, 3.1])
>>> [V.CLASSES[int(k)] for k in codes]
['Y strictly dominant', 'Y weakly dominant', 'no dominant strategy']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from . import free_entry
from ._validation import DOMAINS, as_real_array
from .errors import InvalidParameterError
from .payoffs import PayoffEntries, dominance_margins

__all__ = [
    "CLASSES",
    "CLASS_CODES",
    "EQUILIBRIUM_KINDS",
    "DEFAULT_CHUNK",
    "Equilibria",
    "HAVE_NUMEXPR",
    "omega_star",
    "omega_star_paper",
    "n_min",
    "monopoly_rate",
    "payoff_entries",
    "dominance_margins_array",
    "margin_signs",
    "classify",
    "equilibria",
    "labels",
    "Q_bar",
    "investment_gap",
]

Engine = Literal["auto", "numpy", "numexpr"]

#: Default number of points per chunk: 8192 float64 = 64 KiB per buffer, a few
#: dozen buffers fit in a 2 MiB L2 cache.
DEFAULT_CHUNK = 8192

#: Code -> label of :meth:`ClusterGame.classify` (code -1: undefined / NaN input).
CLASSES: dict[int, str] = {
    -1: "undefined",
    0: "Y strictly dominant",
    1: "Y weakly dominant",
    2: "N strictly dominant",
    3: "N weakly dominant",
    4: "no dominant strategy",
    5: "Y and N equivalent",
}
#: Label -> code, the inverse of :data:`CLASSES`.
CLASS_CODES: dict[str, int] = {v: k for k, v in CLASSES.items()}

#: Code -> description of the equilibrium set of the symmetric 2x2 game (see :func:`equilibria`).
EQUILIBRIUM_KINDS: dict[int, str] = {
    -1: "undefined",
    0: "unique (Y, Y)",
    1: "unique (N, N)",
    2: "coordination: (Y, Y), (N, N) and a symmetric mixed equilibrium",
    3: "anti-coordination: (Y, N), (N, Y) and a symmetric mixed equilibrium",
    4: "degenerate: (Y, Y) and (N, N), isolated",
    5: "continuum through (Y, Y): conv{Y, N} x {Y} and {Y} x conv{Y, N}",
    6: "continuum through (N, N): conv{Y, N} x {N} and {N} x conv{Y, N}",
    7: "every profile is an equilibrium",
}

_U = 2.0**-53
_MARGIN_BOUND = 16 * _U  # see the module docstring
_TINY = 1e-290  # below this, underflow may void the relative bound: decide exactly

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
def _validated(name: str, value: object) -> tuple[NDArray[np.float64], tuple[float, float] | None]:
    """:func:`as_real_array` with a two-pass shortcut; also returns ``(min, max)`` when known.

    The full validation makes several passes over the input; for a large array
    that is already float64, finite and in its domain, ``min`` and ``max`` prove it.
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64 and value.size > 1:
        lo, hi = float(value.min()), float(value.max())  # NaN propagates and fails the tests below
        domain = DOMAINS.get(name, "real")
        if math.isfinite(lo) and math.isfinite(hi):
            if domain == "real" or (lo > 0 if domain == "positive" else lo >= 0):
                return value, (lo, hi)
    arr = as_real_array(name, value)
    return arr, ((float(arr.reshape(-1)[0]),) * 2 if arr.size == 1 else None)


def _prepare(
    values: dict[str, object], ranges: list | None = None
) -> tuple[list[NDArray[np.float64]], tuple[int, ...]]:
    """Validate and broadcast; if ``ranges`` is a list, append per input whether it may hold
    magnitudes outside free_entry's safe range (then it needs the elementwise check)."""
    arrays = []
    for name, value in values.items():
        arr, mm = _validated(name, value)
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
        {"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A, "k": k}, flags
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
    that :mod:`cluster_games.montecarlo` finds the counterexamples.

    Examples
    --------
    >>> float(omega_star_paper(10, 1, 100, 1, 10, 1))
    8.79747...
    """
    arrays, _ = _prepare({"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
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
    arrays, shape = _prepare({"F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A, "k": k})
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
    arrays, _ = _prepare({"alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    alpha, beta, c, c_A = arrays
    return (alpha - beta * c + beta * c_A) / (2 * beta * c)


# ----------------------------------------------------------------------------- payoffs
def _rate_array(name: str, value: object) -> NDArray[np.float64]:
    """Rates may carry NaN (omega* where infeasible); everything else is validated."""
    arr = np.asarray(value, dtype=np.float64) if not np.isscalar(value) else np.asarray(float(value))
    if np.isnan(arr).any():
        finite = np.where(np.isnan(arr), 1.0, arr)
        as_real_array(name, finite)
        return arr
    return as_real_array(name, arr)


def payoff_entries(
    n: ArrayLike,
    F: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
) -> PayoffEntries:
    r"""Company A's four payoffs as broadcast float64 arrays.

    .. math::

        \pi_{YY} = \tfrac12 n m(\omega) D(\omega) - F,\;
        \pi_{YN} = n m(\omega) D(\omega) - F,\;
        \pi_{NY} = -F,\;
        \pi_{NN} = \tfrac12 n m(W) D(W) - F.

    The same formula as :func:`cluster_games.payoffs.payoff_entries` (which this calls).

    Examples
    --------
    >>> payoff_entries(10, 1, 100, 1, 10, 1, 0.2, [0.4, 2.0]).NN
    array([1289., 6649.])
    """
    from .payoffs import payoff_entries as closed_form

    arrays, shape = _prepare({"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    rates = [_rate_array("omega", omega), _rate_array("W", W)]
    shape = np.broadcast_shapes(shape, *(r.shape for r in rates))
    e = closed_form(*arrays, *rates)
    return PayoffEntries(*(np.broadcast_to(v, shape).astype(np.float64) for v in e))


def dominance_margins_array(
    n: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Float margins :math:`(a, b) = (\pi_{YY} - \pi_{NY}, \pi_{YN} - \pi_{NN})`.

    .. math:: a = \tfrac12 n\, m(\omega) D(\omega),\qquad b = \tfrac12 n\,(2 m(\omega) D(\omega) - m(W) D(W)).

    Use :func:`margin_signs` for their exact signs.

    Examples
    --------
    >>> dominance_margins_array(10, 100, 1, 10, 1, 0.2, 0.4)
    (array(440.), array(-410.))
    """
    arrays, shape = _prepare({"n": n, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    rates = [_rate_array("omega", omega), _rate_array("W", W)]
    a, b = dominance_margins(*arrays, *rates)
    shape = np.broadcast_shapes(shape, *(r.shape for r in rates))
    return np.broadcast_to(a, shape).astype(np.float64), np.broadcast_to(b, shape).astype(np.float64)


def _signs_chunk(n, alpha, beta, c, c_A, omega, W, use_ne: bool, size: int):
    """Exact signs of s = m(w)D(w) and d = 2s - h and the mixed probability d/(d - s)... per point.

    Returns (sa, sb, p) with sa, sb int8 in {-1, 0, 1} (-2 for NaN input) and
    p = b/(b - a) = d/(s - h) in float64 (NaN where the signs do not differ).
    """
    with np.errstate(invalid="ignore", over="ignore"):
        if use_ne:
            env = dict(alpha=alpha, beta=beta, c=c, c_A=c_A, omega=omega, W=W)
            s = _ne.evaluate("(omega * c - c_A) * (alpha - beta * (1.0 + omega) * c)", local_dict=env)
            h = _ne.evaluate("(W * c - c_A) * (alpha - beta * (1.0 + W) * c)", local_dict=env)
            Ms = _ne.evaluate(
                "(abs(omega * c) + c_A) * (alpha + beta * abs(1.0 + omega) * c)", local_dict=env
            )
            Mh = _ne.evaluate("(abs(W * c) + c_A) * (alpha + beta * abs(1.0 + W) * c)", local_dict=env)
            d = _ne.evaluate("2.0 * s - h", local_dict=dict(s=s, h=h))
        else:
            s = (omega * c - c_A) * (alpha - beta * (1.0 + omega) * c)
            h = (W * c - c_A) * (alpha - beta * (1.0 + W) * c)
            Ms = (np.abs(omega * c) + c_A) * (alpha + beta * np.abs(1.0 + omega) * c)
            Mh = (np.abs(W * c) + c_A) * (alpha + beta * np.abs(1.0 + W) * c)
            d = 2.0 * s - h
        bs = _MARGIN_BOUND * Ms
        bd = _MARGIN_BOUND * (2.0 * Ms + Mh)
        nan = np.isnan(s) | np.isnan(h)
        unsure = ~nan & (
            (np.abs(s) <= bs + _TINY)
            | (np.abs(d) <= bd + _TINY)
            | ~np.isfinite(bd)
            | ~np.isfinite(d)
            | ~np.isfinite(s)
            | free_entry._outside_safe_range(n, alpha, beta, c, c_A, omega, W)
        )
        sa = np.sign(s).astype(np.int8)
        sb = np.sign(d).astype(np.int8)
        p = d / (s - h)
    shape = (size,)
    sa = np.broadcast_to(sa, shape).copy()
    sb = np.broadcast_to(sb, shape).copy()
    p = np.broadcast_to(p, shape).copy()
    nan = np.broadcast_to(nan, shape)
    unsure = np.broadcast_to(unsure, shape)
    sa[nan] = -2
    sb[nan] = -2
    for i in np.flatnonzero(unsure):
        args = [
            Fraction(float(v)) if np.ndim(v) == 0 else Fraction(float(v[i]))
            for v in (n, alpha, beta, c, c_A, omega, W)
        ]
        a_ex, b_ex = dominance_margins(*args)
        sa.flat[i] = (a_ex > 0) - (a_ex < 0)
        sb.flat[i] = (b_ex > 0) - (b_ex < 0)
        p.flat[i] = float(b_ex / (b_ex - a_ex)) if a_ex != b_ex else math.nan
    p[~((sa * sb) < 0)] = np.nan
    return sa, sb, p


def _game_inputs(n, alpha, beta, c, c_A, omega, W):
    arrays, shape = _prepare({"n": n, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    rates = [_rate_array("omega", omega), _rate_array("W", W)]
    try:
        shape = np.broadcast_shapes(shape, *(r.shape for r in rates))
    except ValueError:
        raise InvalidParameterError("shape", "the rates cannot be broadcast with the parameters") from None
    return arrays + rates, shape


def margin_signs(
    n: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    engine: Engine = "numpy",
) -> tuple[NDArray[np.int8], NDArray[np.int8], NDArray[np.float64]]:
    r"""Exact signs of the dominance margins and the mixed equilibrium's probability of Y.

    .. math::

        a = \tfrac12 n\, m(\omega) D(\omega), \quad
        b = \tfrac12 n\,(2 m(\omega) D(\omega) - m(W) D(W)), \quad
        p = \frac{b}{b - a}\ (a b < 0).

    Returns
    -------
    sign_a, sign_b : ndarray of int8
        In {-1, 0, 1}, exact for the float inputs taken as rationals; -2 where an input is NaN.
    p_mixed : ndarray of float64
        Probability of Y in the symmetric mixed equilibrium where ``a`` and ``b``
        have opposite signs, NaN elsewhere.

    Examples
    --------
    >>> margin_signs(2, 8, 1, 1, 0, 1.0, [3.0, 5.0, 3.5])
    (array([1, 1, 1], dtype=int8), array([ 0,  1, -1], dtype=int8), array([ nan,  nan, 0.04]))
    """
    use_ne = _engine(engine)
    chunk_size = _check_chunk(chunk_size)
    arrays, shape = _game_inputs(n, alpha, beta, c, c_A, omega, W)
    size = math.prod(shape)
    sa = np.empty(size, np.int8)
    sb = np.empty(size, np.int8)
    p = np.empty(size)
    for start, stop in _chunks(size, chunk_size):
        parts = [_piece(a, shape, start, stop) for a in arrays]
        x, y, z = _signs_chunk(*parts, use_ne, stop - start)
        sa[start:stop], sb[start:stop], p[start:stop] = x, y, z
    return sa.reshape(shape), sb.reshape(shape), p.reshape(shape)


def _classify_signs(sa: NDArray[np.int8], sb: NDArray[np.int8]) -> NDArray[np.int8]:
    # Code table indexed by (sign a + 1, sign b + 1), the case analysis of ClusterGame.classify.
    table = np.array(
        [
            [2, 3, 4],  # a < 0: b < 0 N strictly, b = 0 N weakly, b > 0 none
            [3, 5, 1],  # a = 0: N weakly, equivalent, Y weakly
            [4, 1, 0],  # a > 0: none, Y weakly, Y strictly
        ],
        dtype=np.int8,
    )
    nan = sa == -2
    out = np.array(table[np.where(nan, 1, sa + 1), np.where(nan, 1, sb + 1)], dtype=np.int8)
    out[nan] = -1
    return out


def _equilibria_signs(sa: NDArray[np.int8], sb: NDArray[np.int8]) -> NDArray[np.int8]:
    table = np.array(
        [
            [1, 6, 3],  # a < 0: unique (N,N); continuum via (N,N); anti-coordination
            [4, 7, 5],  # a = 0: degenerate (Y,Y),(N,N); everything; continuum via (Y,Y)
            [2, 4, 0],  # a > 0: coordination; degenerate; unique (Y,Y)
        ],
        dtype=np.int8,
    )
    nan = sa == -2
    out = np.array(table[np.where(nan, 1, sa + 1), np.where(nan, 1, sb + 1)], dtype=np.int8)
    out[nan] = -1
    return out


def classify(
    n: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    engine: Engine = "numpy",
) -> NDArray[np.int8]:
    r"""Dominance class of each game as an integer code (see :data:`CLASSES`), decided exactly.

    With :math:`a = \pi_{YY} - \pi_{NY}` and :math:`b = \pi_{YN} - \pi_{NN}`:
    0 "Y strictly dominant" (a > 0, b > 0), 1 "Y weakly dominant" (a, b >= 0, one
    zero), 2 "N strictly dominant" (a, b < 0), 3 "N weakly dominant", 4 "no dominant
    strategy" (opposite signs), 5 "Y and N equivalent" (a = b = 0), -1 undefined
    (NaN input). Identical to :meth:`ClusterGame.classify` at every point. ``F``
    does not enter (it cancels from both margins).

    Examples
    --------
    >>> classify(10, 100, 1, 10, 1, 0.2, [0.22, 2.0])
    array([0, 4], dtype=int8)
    >>> labels(_).tolist()
    ['Y strictly dominant', 'no dominant strategy']
    """
    sa, sb, _ = margin_signs(n, alpha, beta, c, c_A, omega, W, chunk_size=chunk_size, engine=engine)
    return _classify_signs(sa, sb)


def labels(codes: ArrayLike, table: dict[int, str] | None = None) -> NDArray[np.str_]:
    """Map integer codes to their labels (default: :data:`CLASSES`).

    >>> labels([0, 5]).tolist()
    ['Y strictly dominant', 'Y and N equivalent']
    """
    table = CLASSES if table is None else table
    codes = np.asarray(codes)
    keys = sorted(table)
    names = np.array([table[k] for k in keys])
    return names[np.searchsorted(keys, codes)]


@dataclass(frozen=True)
class Equilibria:
    """Nash equilibria of many symmetric 2x2 games, one entry per game.

    Attributes
    ----------
    kind : ndarray of int8
        Code of the equilibrium set, see :data:`EQUILIBRIUM_KINDS`.
    count : ndarray of int8
        Number of extreme equilibria (as :func:`~cluster_games.equilibrium.exact_2x2_equilibria`
        lists them): 1, 2, 3 or 4; 0 where undefined.
    p_mixed : ndarray of float64
        Probability of Y in the symmetric mixed equilibrium (kinds 2 and 3), NaN elsewhere.
    continuum : ndarray of bool
        The equilibria are not isolated (kinds 5, 6, 7).
    degenerate : ndarray of bool
        A margin is zero: the game lies on a dominance boundary (kinds 4 to 7).
    unique_YY : ndarray of bool
        (Y, Y) is the unique equilibrium (kind 0), Proposition 1's conclusion.
    """

    kind: NDArray[np.int8]
    count: NDArray[np.int8]
    p_mixed: NDArray[np.float64]
    continuum: NDArray[np.bool_]
    degenerate: NDArray[np.bool_]
    unique_YY: NDArray[np.bool_]

    @classmethod
    def from_signs(cls, sa, sb, p) -> Equilibria:
        kind = _equilibria_signs(sa, sb)
        counts = np.array([0, 1, 1, 3, 3, 2, 3, 3, 4], dtype=np.int8)  # indexed by kind + 1
        return cls(
            kind=kind,
            count=counts[kind + 1],
            p_mixed=p,
            continuum=kind >= 5,
            degenerate=kind >= 4,
            unique_YY=kind == 0,
        )

    def describe(self, i: int | tuple[int, ...]) -> str:
        """The equilibrium set of game ``i`` in words."""
        text = EQUILIBRIUM_KINDS[int(self.kind[i])]
        p = float(self.p_mixed[i])
        return text if math.isnan(p) else f"{text} (P(Y) = {p:.6g})"


def equilibria(
    n: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    engine: Engine = "numpy",
) -> Equilibria:
    r"""All Nash equilibria of each symmetric 2x2 game, from the exact signs of the margins.

    With :math:`g(q) = q a + (1 - q) b`, company A's gain from Y over N when B
    plays Y with probability q (:func:`cluster_games.propositions.symmetric_2x2_equilibria`):

    ======== ======== ===========================================================
    a        b        equilibria
    ======== ======== ===========================================================
    > 0      > 0      (Y, Y) only
    < 0      < 0      (N, N) only
    > 0      < 0      (Y, Y), (N, N), mixed with P(Y) = b / (b - a)
    < 0      > 0      (Y, N), (N, Y), mixed with P(Y) = b / (b - a)
    > 0      0        (Y, Y), (N, N), isolated (degenerate; finding R2)
    0        < 0      (Y, Y), (N, N), isolated (degenerate)
    0        > 0      continuum through (Y, Y)
    < 0      0        continuum through (N, N)
    0        0        every profile
    ======== ======== ===========================================================

    Examples
    --------
    >>> eq = equilibria(10, 100, 1, 10, 1, 0.2, [0.22, 2.0, 4.0])
    >>> eq.kind, eq.count
    (array([0, 2, 2], dtype=int8), array([1, 3, 3], dtype=int8))
    >>> eq.describe(1)
    'coordination: (Y, Y), (N, N) and a symmetric mixed equilibrium (P(Y) = 0.929147)'
    """
    sa, sb, p = margin_signs(n, alpha, beta, c, c_A, omega, W, chunk_size=chunk_size, engine=engine)
    return Equilibria.from_signs(sa, sb, p)


# ----------------------------------------------------------------------------- P4, P5
def Q_bar(omega: ArrayLike, F: ArrayLike, c: ArrayLike, c_A: ArrayLike) -> NDArray[np.float64]:
    r"""Self-marketing break-even output :math:`\bar Q(\omega) = F / (\omega c - c_A)`, ``inf`` where the margin is not positive.

    Examples
    --------
    >>> Q_bar([0.2, 0.1], 1, 10, 1)
    array([ 1., inf])
    """
    omega = _rate_array("omega", omega)
    F, c, c_A = (as_real_array(k, v) for k, v in (("F", F), ("c", c), ("c_A", c_A)))
    m = omega * c - c_A
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(m > 0, F / np.where(m > 0, m, 1.0), np.where(np.isnan(m), np.nan, np.inf))


def investment_gap(Q: ArrayLike, F: ArrayLike, c_A: ArrayLike) -> NDArray[np.float64]:
    r"""Capital saved by the customer system, :math:`I' - I = c_A Q + F` (Proposition 5).

    Examples
    --------
    >>> investment_gap([1.0, 2.0], 1, 0.5)
    array([1.5, 2. ])
    """
    Q = _rate_array("Q", Q)
    F, c_A = as_real_array("F", F), as_real_array("c_A", c_A)
    return np.asarray(c_A * Q + F, dtype=np.float64)
