r"""Numeric free-entry agency rate :math:`\omega^*` and the existence threshold :math:`n_{\min}`.

Free entry drives the profit of a trading company in the (Y, Y) cell to zero
(Proposition 2, section 1.2 of the model). With :math:`x = \omega c` and :math:`k`
symmetric companies (the paper has :math:`k = 2`),

.. math::

    \frac{n}{k} (x - c_A)(\alpha - \beta c - \beta x) = F
    \iff \beta x^2 - K x + C = 0,

    K = \alpha - \beta c + \beta c_A, \qquad
    C = c_A(\alpha - \beta c) + \frac{kF}{n}, \qquad
    G = \alpha - \beta (c + c_A),

with discriminant :math:`K^2 - 4\beta C = G^2 - 4k\beta F/n`. Profit is positive
between the roots, so undercutting stops at the lower root

.. math::

    \omega^* = \frac{K - \sqrt{G^2 - 4k\beta F/n}}{2\beta c}
             = \frac{2C}{c\,\bigl(K + \sqrt{G^2 - 4k\beta F/n}\bigr)},

which exists iff :math:`G > 0` and :math:`n \ge n_{\min} = 4k\beta F / G^2`.

How the numbers are computed
----------------------------
The second (rationalised) form adds two non-negative numbers in the denominator,
so it has no cancellation when :math:`c_A \to 0` or :math:`n \to \infty`; the
first form loses about four of sixteen digits at ``n = 1e9, c_A = 1e-12 c``.
Two sources of error remain and are *not* removable in float64: forming
``G = alpha - beta (c + c_A)`` when ``G`` is small against ``alpha``, and forming
the discriminant when ``n`` is close to ``n_min``. For every point the kernel
therefore evaluates a first-order bound on its own relative rounding error and
recomputes the few points whose bound exceeds :data:`FAST_PATH_TOLERANCE`
exactly, in rational arithmetic (:class:`fractions.Fraction`, every float is a
dyadic rational) with an integer square root carrying 80 correct bits. The
feasibility decision (``G > 0``, ``n >= n_min``) is therefore exact too. The
identity of the two root forms and of this bound's ingredients with the symbolic
model is checked in ``tests/test_free_entry.py`` against 50-digit mpmath.
"""

from __future__ import annotations

import math
from fractions import Fraction
from typing import Literal, overload

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..domain import as_real_array
from ..errors import InvalidParameterError, NoEquilibriumError

__all__ = ["omega_star", "n_min", "FAST_PATH_TOLERANCE", "PAPER_K"]

#: Number of trading companies in the paper's game.
PAPER_K = 2

#: Largest first-order relative error bound accepted from the float64 kernel;
#: points above it are recomputed exactly. 40x below the 1e-12 contract so that
#: second-order terms and the bound's own rounding cannot break the contract.
FAST_PATH_TOLERANCE = 2.5e-14

_U = 2.0**-53  # unit roundoff of float64
# Inputs of magnitude outside this range may underflow or overflow in the
# products of the kernel, where the error analysis no longer applies.
_SAFE_MIN, _SAFE_MAX = 1e-100, 1e100
_SQRT_BITS = 80  # correct bits of the exact path's square root

OnInfeasible = Literal["raise", "nan"]


def _broadcast_inputs(values: dict[str, object]) -> tuple[dict[str, NDArray[np.float64]], tuple[int, ...]]:
    arrays = {name: as_real_array(name, value, magnitude=False) for name, value in values.items()}
    try:
        shape = np.broadcast_shapes(*(a.shape for a in arrays.values()))
    except ValueError:
        shapes = ", ".join(f"{k}{a.shape}" for k, a in arrays.items() if a.ndim)
        raise InvalidParameterError(
            "shape", f"the array inputs cannot be broadcast together: {shapes}"
        ) from None
    return arrays, shape


def _outside_safe_range(*arrays: NDArray[np.float64]) -> NDArray[np.bool_] | bool:
    mask: NDArray[np.bool_] | bool = False
    for a in arrays:
        mag = np.abs(a)
        mask = mask | ((mag != 0) & ((mag < _SAFE_MIN) | (mag > _SAFE_MAX)))
    return mask


# --------------------------------------------------------------------------- kernels
def _omega_star_float(n, F, alpha, beta, c, c_A, k):
    """Float64 kernel: returns (omega*, relative error bound); NaN/inf bound where unsure.

    The bound (first order in the unit roundoff ``u``) is

        u * (5 A/G + (3.5 A G + 1.5 t) / disc + 8),   A = alpha + beta c + beta c_A,
                                                       t = 4 beta k F / n,

    obtained by propagating ``|fl(a op b) - a op b| <= u |a op b|`` through the
    operations below in their order (a derivation is in docs of this module's test).
    """
    bc = beta * c
    bcA = beta * c_A
    a = alpha - bc  # alpha - beta c
    G = a - bcA
    K = a + bcA
    q = (k * F) / n
    t = (4.0 * beta) * q
    with np.errstate(invalid="ignore", divide="ignore", over="ignore"):
        disc = G * G - t
        root = np.sqrt(disc)
        C = c_A * a + q
        omega = (2.0 * C) / (c * (K + root))
        A = alpha + bc + bcA
        bound = _U * (5.0 * A / G + (3.5 * A * G + 1.5 * t) / disc + 8.0)
    # Where G <= 0 or disc <= 0 the bound is negative, inf or NaN; mark it unsure.
    bound = np.where((G > 0) & (disc > 0), bound, np.inf)
    return omega, bound


def _omega_star_exact(n: float, F: float, alpha: float, beta: float, c: float, c_A: float, k: float):
    """Exact rational evaluation. Returns ``(omega*, reason)``; reason is ``None`` if feasible.

    The only inexact step is the square root, computed with :func:`math.isqrt`
    to at least ``_SQRT_BITS`` correct bits, so the returned float is correctly
    rounded up to one ulp.
    """
    n, F, alpha, beta, c, c_A, k = (Fraction(v) for v in (n, F, alpha, beta, c, c_A, k))
    G = alpha - beta * (c + c_A)
    if G <= 0:
        return math.nan, "G"
    q = k * F / n
    disc = G * G - 4 * beta * q
    if disc < 0:
        return math.nan, "n"
    K = alpha - beta * c + beta * c_A
    C = c_A * (alpha - beta * c) + q
    if disc == 0:
        root = Fraction(0)
    else:
        # sqrt(P/Q) = sqrt(P Q) / Q; scale P Q by 4**s so the integer root has enough bits.
        N = disc.numerator * disc.denominator
        s = max(0, (2 * _SQRT_BITS - N.bit_length()) // 2 + 1)
        root = Fraction(math.isqrt(N << (2 * s)), disc.denominator << s)
    return float(2 * C / (c * (K + root))), None


def _n_min_exact(F: float, alpha: float, beta: float, c: float, c_A: float, k: float) -> float:
    F, alpha, beta, c, c_A, k = (Fraction(v) for v in (F, alpha, beta, c, c_A, k))
    G = alpha - beta * (c + c_A)
    if G <= 0:
        return math.nan
    return float(4 * k * beta * F / (G * G))


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
    k: float = ...,
    on_infeasible: OnInfeasible = ...,
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
    k: float = ...,
    on_infeasible: OnInfeasible = ...,
) -> NDArray[np.float64] | float: ...
def omega_star(n, F, alpha, beta, c, c_A, *, k=PAPER_K, on_infeasible="raise"):
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
    k : float, keyword-only
        Number of symmetric trading companies sharing the market (the paper: 2).
    on_infeasible : {"raise", "nan"}, keyword-only
        What to do where no break-even rate exists (``G <= 0`` or ``n < n_min``):
        raise :class:`NoEquilibriumError` (default) or return NaN there.

    Returns
    -------
    float or numpy.ndarray
        A float when every input is a scalar, otherwise an array of the
        broadcast shape. Relative error at most 1e-12 (in practice one ulp or
        two) against exact arithmetic on the whole feasible domain.

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
    >>> omega_star(0.001, 1, 100, 1, 10, 1)
    Traceback (most recent call last):
    ...
    cluster_games.errors.NoEquilibriumError: no break-even agency rate: n = 0.001 < n_min = 0.00100997
    """
    if on_infeasible not in ("raise", "nan"):
        raise ValueError(f"on_infeasible must be 'raise' or 'nan', got {on_infeasible!r}")
    arrays, shape = _broadcast_inputs(
        {"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A, "k": k}
    )
    n_, F_, alpha_, beta_, c_, cA_, k_ = arrays.values()
    omega, bound = _omega_star_float(n_, F_, alpha_, beta_, c_, cA_, k_)
    omega = np.broadcast_to(omega, shape).copy()
    unsure = np.broadcast_to(
        (bound > FAST_PATH_TOLERANCE) | _outside_safe_range(n_, F_, alpha_, beta_, c_, cA_, k_), shape
    )
    reasons = {}
    if unsure.any():
        b = [np.broadcast_to(a, shape) for a in (n_, F_, alpha_, beta_, c_, cA_, k_)]
        for idx in map(tuple, np.argwhere(unsure)):
            value, reason = _omega_star_exact(*(float(a[idx]) for a in b))
            omega[idx] = value
            if reason is not None:
                reasons[idx] = reason
    if reasons and on_infeasible == "raise":
        idx = next(iter(reasons))
        raise NoEquilibriumError(_infeasible_message(arrays, shape, idx, reasons[idx], len(reasons)))
    if omega.ndim == 0:
        return float(omega)
    return omega


def _infeasible_message(arrays, shape, idx, reason, count) -> str:
    point = {name: float(np.broadcast_to(a, shape)[idx]) for name, a in arrays.items()}
    if reason == "G":
        G = point["alpha"] - point["beta"] * (point["c"] + point["c_A"])
        text = f"no break-even agency rate: trade is infeasible, G = alpha - beta (c + c_A) = {G:.6g} <= 0"
    else:
        nmin = _n_min_exact(*(point[p] for p in ("F", "alpha", "beta", "c", "c_A", "k")))
        text = f"no break-even agency rate: n = {point['n']:.6g} < n_min = {nmin:.6g}"
    if shape:
        text += (
            f" (at index {tuple(int(i) for i in idx)}; {count} infeasible point(s);"
            " pass on_infeasible='nan' to get NaN there)"
        )
    return text


def n_min(F, alpha, beta, c, c_A, *, k=PAPER_K, on_infeasible: OnInfeasible = "raise"):
    r"""Smallest number of categories at which a break-even rate exists.

    .. math::

        n_{\min} = \frac{4 k \beta F}{G^2} \quad (= 8\beta F / G^2 \text{ for } k = 2),
        \qquad G = \alpha - \beta (c + c_A) > 0.

    Parameters
    ----------
    F, alpha, beta, c, c_A : float or array_like
        As in :func:`omega_star`.
    k : float, keyword-only
        Number of trading companies (the paper: 2).
    on_infeasible : {"raise", "nan"}, keyword-only
        Where ``G <= 0`` no ``n`` suffices: raise :class:`NoEquilibriumError` or return NaN.

    Returns
    -------
    float or numpy.ndarray
        Correct to a few ulps; recomputed exactly where ``G`` is small against ``alpha``.

    Examples
    --------
    >>> from cluster_games import n_min
    >>> n_min(F=1, alpha=100, beta=1, c=10, c_A=1)   # 8 / 89**2
    0.00100997348819...
    """
    if on_infeasible not in ("raise", "nan"):
        raise ValueError(f"on_infeasible must be 'raise' or 'nan', got {on_infeasible!r}")
    arrays, shape = _broadcast_inputs({"F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A, "k": k})
    F_, alpha_, beta_, c_, cA_, k_ = arrays.values()
    bc, bcA = beta_ * c_, beta_ * cA_
    G = alpha_ - bc - bcA
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
        value = (4.0 * k_ * beta_ * F_) / (G * G)
        bound = np.where(G > 0, _U * (6.0 * (alpha_ + bc + bcA) / G + 6.0), np.inf)
    value = np.broadcast_to(value, shape).copy()
    unsure = np.broadcast_to(
        (bound > FAST_PATH_TOLERANCE) | _outside_safe_range(F_, alpha_, beta_, c_, cA_, k_), shape
    )
    if unsure.any():
        b = [np.broadcast_to(a, shape) for a in (F_, alpha_, beta_, c_, cA_, k_)]
        for idx in map(tuple, np.argwhere(unsure)):
            value[idx] = _n_min_exact(*(float(a[idx]) for a in b))
    infeasible = np.isnan(value)
    if infeasible.any() and on_infeasible == "raise":
        idx = tuple(int(i) for i in np.argwhere(infeasible)[0]) if shape else ()
        point = {name: float(np.broadcast_to(a, shape)[idx]) for name, a in arrays.items()}
        G_val = point["alpha"] - point["beta"] * (point["c"] + point["c_A"])
        where = f" (at index {idx})" if shape else ""
        raise NoEquilibriumError(
            f"no n admits a break-even rate: trade is infeasible, "
            f"G = alpha - beta (c + c_A) = {G_val:.6g} <= 0{where}"
        )
    if value.ndim == 0:
        return float(value)
    return value
