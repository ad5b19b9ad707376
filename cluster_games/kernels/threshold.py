r"""The existence threshold :math:`n_{\min}` of the free-entry rate, and the checks the rate shares with it.

A break-even agency rate :math:`\omega^*` exists iff trade is feasible,
:math:`G = \alpha - \beta(c + c_A) > 0`, and the market is thick enough,

.. math::

    n \ge n_{\min} = \frac{4 k \beta F}{G^2}

(the discriminant :math:`\Delta = G^2 - 4k\beta F/n` of :mod:`cluster_games.kernels.free_entry`
is then :math:`\ge 0`). The threshold is computed in the same tiers as the rate
(:mod:`cluster_games.kernels.tiers`) and rounded upward, so that it is itself a valid ``n``.
"""

from __future__ import annotations

import decimal
import math
from fractions import Fraction
from typing import Literal

import numpy as np

from ..domain import as_real_array
from ..errors import InvalidParameterError, NoEquilibriumError
from . import tiers
from ._arrays import _check_chunk, _chunks, _piece, _prepare, keep_freed_heap
from .closed_forms import demand_at_cost

__all__ = ["n_min", "PAPER_K"]

#: Number of trading companies in the paper's game.
PAPER_K = 2


def check_companies(k):
    """The number of trading companies ``k`` checked as whole numbers >= 2 (``k = 2.5`` or ``1`` is refused), as float64."""
    arr = as_real_array("k", k, "real", magnitude=False)
    bad = (arr != np.floor(arr)) | (arr < PAPER_K)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        where = f" at index {tuple(int(j) for j in np.unravel_index(i, arr.shape))}" if arr.ndim else ""
        raise InvalidParameterError(
            "k", f"must be a whole number of companies >= 2, got {arr.reshape(-1)[i]:g}{where}"
        )
    return arr


OnInfeasible = Literal["raise", "nan"]


def G_exact(alpha: float, beta: float, c: float, c_A: float) -> Fraction:
    r""":math:`G = \alpha - \beta (c + c_A)` of float inputs, exactly (for messages: the tiers decide its sign)."""
    return demand_at_cost(Fraction(alpha), Fraction(beta), Fraction(c), Fraction(c_A))


def format_G(G: Fraction) -> str:
    """G to 6 significant digits, from its exact value (a float could overflow: :math:`|G|` up to 1e400)."""
    with decimal.localcontext(prec=7):
        return f"{(decimal.Decimal(G.numerator) / decimal.Decimal(G.denominator)).normalize():.6g}"


def n_min(
    F, alpha, beta, c, c_A, *, k=PAPER_K, on_infeasible: OnInfeasible = "raise", chunk_size: int = 1 << 14
):
    r"""Smallest number of categories at which a break-even rate exists, rounded upward.

    .. math::

        n_{\min} = \frac{4 k \beta F}{G^2} \quad (= 8\beta F / G^2 \text{ for } k = 2),
        \qquad G = \alpha - \beta (c + c_A) > 0.

    The result is the exact rational :math:`4k\beta F/G^2` **rounded upward**: the smallest float
    :math:`n` with :math:`n G^2 \ge 4k\beta F`, i.e. the smallest float ``n`` at which a rate exists.
    So ``omega_star(n_min(...), ...)`` always works (with the same ``k``), and the float just below
    is refused. There the rate is the double root :math:`K/(2\beta c)` (the monopoly rate) to within
    a relative :math:`2^{-26} G/K \le 1.5 \cdot 10^{-8}` (plus omega*'s own 1e-12), where ``n_min`` is a
    normal float: rounding moves :math:`n` by at most :math:`2^{-52} n`, and the roots split as the
    square root of that, :math:`\sqrt{\Delta} = G\sqrt{1 - x/n}`; exactly the double root where
    the threshold is itself a float. At ``F = 0`` every ``n > 0`` admits a rate, and the result is the
    smallest positive float, ``5e-324`` (``n = 0`` is not a number of categories).

    ``G`` is formed in float64 with a bound; where it cancels, in double-double, and in
    exact rationals where even that cannot decide its sign. The upward rounding is decided by the
    sign of :math:`n G^2 - 4k\beta F` in double-double with a rigorous bound, in rationals where
    that bound cannot tell (:mod:`cluster_games.kernels.round_up`).

    Parameters
    ----------
    F, alpha, beta, c, c_A : float or array_like
        As in :func:`omega_star`.
    k : int or array_like of int, keyword-only
        Number of trading companies, a whole number >= 2 (the paper: 2).
    on_infeasible : {"raise", "nan"}, keyword-only
        Where ``G <= 0`` no ``n`` suffices: raise :class:`NoEquilibriumError` or return NaN.

    Returns
    -------
    float or numpy.ndarray
        The smallest float at which a rate exists (at most one ulp above the exact threshold), NaN
        where ``G <= 0`` and ``on_infeasible="nan"``. A threshold beyond the largest float64 is
        ``inf``: no float ``n`` admits a rate.

    Examples
    --------
    >>> from cluster_games import n_min, omega_star
    >>> n_min(F=1, alpha=100, beta=1, c=10, c_A=1)   # 8 / 89**2, rounded upward
    0.00100997348819...
    >>> omega_star(n_min(1, 100, 1, 10, 1), 1, 100, 1, 10, 1)  # about the double root K / (2 beta c) = 4.55
    4.5499999...
    >>> n_min(F=0, alpha=100, beta=1, c=10, c_A=1)   # every n > 0 admits a rate
    5e-324
    >>> n_min(1, [100, 11], 1, 10, 1, on_infeasible="nan")
    array([0.00100997,        nan])
    """
    if on_infeasible not in ("raise", "nan"):
        raise ValueError(f"on_infeasible must be 'raise' or 'nan', got {on_infeasible!r}")
    names = ("F", "alpha", "beta", "c", "c_A", "k")
    k = check_companies(k)
    arrays, shape = _prepare(dict(zip(names, (F, alpha, beta, c, c_A, k), strict=True)), magnitude=False)
    size = math.prod(shape)
    out = np.empty(shape)
    flat = out.reshape(-1)
    keep_freed_heap()  # the tiers' chunk-sized temporaries (see its docstring)
    for start, stop in _chunks(size, _check_chunk(chunk_size)):
        parts = [_piece(a, shape, start, stop) for a in arrays]
        tiers.n_min_chunk(*parts, flat[start:stop])
    if on_infeasible == "raise" and np.isnan(flat).any():
        i = int(np.flatnonzero(np.isnan(flat))[0])
        idx = np.unravel_index(i, shape) if shape else ()
        point = [float(np.broadcast_to(a, shape)[idx]) for a in arrays]
        G = G_exact(*point[1:5])
        where = f" (at index {tuple(int(j) for j in idx)})" if shape else ""
        raise NoEquilibriumError(
            f"no n admits a break-even rate: trade is infeasible, G = alpha - beta (c + c_A) = {format_G(G)} <= 0{where}"
        )
    if out.ndim == 0:
        return float(out)
    return out
