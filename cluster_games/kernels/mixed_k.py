r"""The symmetric mixed equilibrium of the game of k trading companies, vectorised (beyond the paper).

With :math:`s = M(\omega) > 0` and :math:`h = M(W) > k s` the stage game of k companies is a
coordination game (SPEC section 4.1), and each company plays Y with the probability
:math:`p \in (0, 1)` that makes it indifferent:

.. math:: s\,(1 - q^k) = p\, q^{k-1} h, \qquad q = 1 - p.

With :math:`r = h/s > k` this reads :math:`\Phi(p) = \log r`, where

.. math:: \Phi(p) = \log \sum_{m=0}^{k-1} q^{-m} = \log\frac{1 - q^k}{p} - (k - 1)\log q .

:math:`\Phi` rises from :math:`\log k` (:math:`p \to 0`) to :math:`+\infty` (:math:`p \to 1`) with

.. math:: \Phi'(p) = \frac{1}{q}\,\frac{\sum_m m\, q^{-m}}{\sum_m q^{-m}} \ge \frac{k - 1}{2},

because the weights :math:`q^{-m}` grow with :math:`m`, so their mean of :math:`m` is at least the
plain mean :math:`(k-1)/2`. The root is therefore unique (as Descartes' rule says of the polynomial
in SPEC 4.1), bisection finds it, and an error :math:`\varepsilon` in :math:`\log r` (or in the
evaluation of :math:`\Phi`) moves it by at most :math:`2\varepsilon/(k - 1)`. For :math:`k = 2`,
:math:`p = (r - 2)/(r - 1)`, the mixed equilibrium of the 2x2 game.

:func:`cluster_games.kernels.classify.games` fills ``p_mixed`` for ``k > 2`` with :func:`probability`,
from :math:`r = k - (k - 1)\delta_c` (the collusion threshold :math:`\delta_c = (ks - h)/((k-1)s)`,
known to ``THRESHOLD_TOLERANCE``), and from the exact :math:`r` where that bound is not tight enough.

>>> p, bound = probability(np.array([3.0, 7.0]), np.array([2.0, 3.0]))
>>> p.round(12).tolist(), bool((bound < 1e-13).all())  # k = 2: (3 - 2)/(3 - 1); k = 3: 1 + 2 + 4 = 7 at q = 1/2
([0.5, 0.5], True)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

from ._arrays import _U

__all__ = ["probability", "phi", "ITERATIONS"]

#: Bisection steps on [0, 1]: the bracket ends 2**-64 apart.
ITERATIONS = 64


def phi(p: NDArray[np.float64], k: NDArray[np.float64]) -> NDArray[np.float64]:
    r""":math:`\Phi(p) = \log((1 - q^k)/p) - (k - 1) \log q` in float64, without cancellation
    (``log1p`` and ``expm1``); increasing in ``p`` on (0, 1).

    >>> round(float(phi(np.array(0.5), np.array(2.0))), 12)  # log(1 + 2) for k = 2, q = 1/2
    1.098612288668
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        log_q = np.log1p(-p)
        return np.log(-np.expm1(k * log_q)) - np.log(p) - (k - 1.0) * log_q


def probability(
    r: NDArray[np.float64], k: NDArray[np.float64], rel_err_r: NDArray[np.float64] | float = 0.0
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""The probability of Y in the symmetric mixed equilibrium, and a bound on its error.

    Parameters
    ----------
    r : ndarray
        :math:`M(W)/M(\omega) > k` (as float64; ``inf`` gives ``p = 1``).
    k : ndarray
        Numbers of companies, :math:`k \ge 2`.
    rel_err_r : ndarray or float
        A bound on the relative error of ``r`` (the error of its float64 value comes in addition).

    Returns
    -------
    p, bound : ndarray
        ``p`` solves :math:`\Phi(p) = \log r` to within ``bound`` (absolute): the bracket's width plus
        :math:`2(\varepsilon_r + \varepsilon_\Phi)/(k - 1)`, with :math:`\varepsilon_r` the error of
        :math:`\log r` and :math:`\varepsilon_\Phi` a bound on the rounding of :math:`\Phi` at ``p``.
    """
    r, k = np.broadcast_arrays(np.asarray(r, dtype=float), np.asarray(k, dtype=float))
    target = np.log(r)
    lo, hi = np.zeros(r.shape), np.ones(r.shape)
    for _ in range(ITERATIONS):
        mid = 0.5 * (lo + hi)
        below = phi(mid, k) < target
        lo = np.where(below, mid, lo)
        hi = np.where(below, hi, mid)
    p = 0.5 * (lo + hi)
    at = np.where(p < 1.0, p, lo)  # p rounds to 1 when q < 2**-54: bound the rounding of Phi at lo < 1
    with np.errstate(divide="ignore", invalid="ignore"):
        log_q = np.log1p(-at)
        terms = np.abs(k * log_q) + np.abs(np.log(-np.expm1(k * log_q))) + np.abs(np.log(at)) + 4.0
        eps_phi = 8.0 * _U * terms
        eps_r = np.asarray(rel_err_r, dtype=float) + 2.0 * _U
        bound = (hi - lo) + 2.0 * (eps_r + eps_phi) / (k - 1.0)
    bound = np.where(np.isfinite(bound), bound, np.where(np.isinf(r), 0.0, np.inf))
    return p, bound
