r"""The three tiers of the omega* and n_min kernels: float64, double-double, exact.

See :mod:`cluster_games.kernels.free_entry` for the model (:math:`G`, :math:`K`,
:math:`C`, :math:`\Delta`, :math:`t = 4k\beta F/n`) and the public functions, which
chain these tiers chunk by chunk.

The second (rationalised) form adds two non-negative numbers in the denominator, so
it has no cancellation when :math:`c_A \to 0` or :math:`n \to \infty`. Two steps can
still lose digits: forming :math:`G` when it is small against
:math:`A = \alpha + \beta c + \beta c_A`, and forming :math:`\Delta` near :math:`n_{\min}`.

1. **float64** (:func:`tier1`), with a first-order bound on its own relative error
   (derived in :func:`tier1`; it grows like :math:`uA^2/(G\sqrt{\Delta})`). Points whose
   bound exceeds :data:`FAST_PATH_TOLERANCE` (2.5e-14, 40 times below the 1e-12 contract)
   go on. Fused into one loop by numba when the ``fast`` extra is installed
   (``engine="numba"``; :mod:`cluster_games.kernels._numba`), evaluated with numpy
   otherwise; both run the same formula, so they agree bitwise.
2. **double-double** (:func:`tier2`, :mod:`cluster_games.kernels._dd`), vectorised over
   the flagged points: :math:`G` and :math:`\Delta` to about 106 bits, with a rigorous
   bound. Feasibility is decided where :math:`|\Delta|` exceeds its error bound, and the
   value is accepted where its bound is below the tolerance: all but essentially exact
   ties (:math:`\Delta / G^2` below about :math:`10^{-34}`).
3. **exact** rationals (:class:`fractions.Fraction`, every float is a dyadic rational) with
   an integer square root of 80 correct bits, point by point, for those ties and for
   inputs outside :math:`[10^{-100}, 10^{100}]` (where the first two tiers could
   overflow or underflow). Exact rationals rather than ball arithmetic because a tie
   :math:`\Delta = 0` must be *decided*, and a ball around zero cannot decide it.

The feasibility decision (``G > 0``, ``n >= n_min``) is therefore exact everywhere, and
the relative error is at most 1e-12 (in practice an ulp or two). The tests compare each
tier with 50-digit mpmath roots of the symbolic :math:`\pi_{YY}`.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from . import _dd
from ._arrays import _U, _gather, _piece
from .closed_forms import demand_at_cost
from .round_up import SMALLEST, ceil_exact, round_up

__all__ = [
    "tier1",
    "tier2",
    "G_dd",
    "tier2_terms",
    "omega_star_exact",
    "n_min_exact",
    "refine",
    "n_min_tier1",
    "n_min_chunk",
    "FAST_PATH_TOLERANCE",
]

#: Largest relative error bound accepted from the first two tiers (40 times below the 1e-12 contract).
FAST_PATH_TOLERANCE = 2.5e-14

# Inputs of magnitude outside this range go to the exact tier: the first two tiers'
# products could overflow or underflow there, where their error analysis ends.
_SAFE_MIN, _SAFE_MAX = 1e-100, 1e100
_SQRT_BITS = 80  # correct bits of the exact tier's square root
_G_MIN = 1e-120  # below this |G|, G^2 leaves the double-double safe range: exact tier


# --------------------------------------------------------------------------- tier 1
def tier1(n, F, alpha, beta, c, c_A, k):
    r"""The float64 formula and its relative error bound, elementwise (numpy arrays or scalars).

    Returns ``(omega, bound, G, disc)``. With :math:`A = \alpha + \beta c + \beta c_A`,
    :math:`t = 4k\beta F/n`, :math:`r = \sqrt{\Delta}` and :math:`u = 2^{-53}`, propagating
    :math:`|fl(a \circ b) - a \circ b| \le u |a \circ b|` through the operations below in
    their order gives, to first order where :math:`G > 0` and :math:`\Delta > 0`,
    :math:`|\delta G|, |\delta K| \le 2uA`, :math:`|\delta\Delta| \le u(4AG + 2G^2 + 3t)`,
    :math:`|\delta C| \le u(c_A\alpha + 3C)`, and so

    .. math::

        \frac{|\hat\omega - \omega^*|}{\omega^*} \le u\Bigl(8 + \frac{c_A \alpha}{C} + \frac{2A}{K + r}
            + \frac{4AG + 2G^2 + 3t}{2r(K + r)}\Bigr).

    The last term is the discriminant's error seen through :math:`\sqrt{\Delta}`; it grows as
    :math:`1/\sqrt{\Delta}` near :math:`n_{\min}`. The linearisation holds only while
    :math:`|\delta\Delta| \le \Delta / 2`, so :data:`FAST_PATH_TOLERANCE` times
    :math:`2|\delta\Delta|/\Delta` is added: a point where the discriminant's sign is in
    doubt always goes to the next tier. This one function is also what numba
    compiles, so both engines run the same operations.
    """
    bc = beta * c
    bcA = beta * c_A
    a = alpha - bc
    G = a - bcA
    K = a + bcA
    q = (k * F) / n
    t = (4.0 * beta) * q
    disc = G * G - t
    root = np.sqrt(disc)
    C = c_A * a + q
    S = K + root
    omega = (2.0 * C) / (c * S)
    A2 = 2.0 * (alpha + bc + bcA)  # 2A
    # the bound above, grouped to save operations: (2A + (G (G + 2A) + 1.5 t) / r) / S
    e_half = G * (G + A2) + 1.5 * t  # the discriminant's error bound is 2u times this
    bound = _U * (8.0 + c_A * alpha / C + (A2 + e_half / root) / S)
    # The first-order bound linearises sqrt around the computed discriminant, which is valid only
    # while its error is small against it: where the error could reach half of it (and so its
    # sign, the feasibility decision, could be wrong), push the bound over the tolerance.
    bound = bound + FAST_PATH_TOLERANCE * (4.0 * _U) * e_half / disc
    return omega, bound, G, disc


def in_safe_range(*values):
    """Elementwise: every value is 0 or its magnitude lies in the safe range (True for no values)."""
    ok = True
    for v in values:
        mag = np.abs(v)
        ok = ok & ((mag == 0) | ((mag >= _SAFE_MIN) & (mag <= _SAFE_MAX)))
    return ok


# --------------------------------------------------------------------------- tier 2
def G_dd(alpha, beta, b_hi, b_lo, c, c_A):
    r"""Double-double :math:`G = \alpha - \beta(c + c_A)` and its rounding-error bound (elementwise).

    ``b_hi + b_lo`` is Dekker's split of ``beta`` (:func:`cluster_games.kernels._dd._split`),
    so that both products are exact. Returns ``(G_h, G_l, eG, a_h, bcA_h)``: :math:`G_h + G_l`
    is within :math:`\epsilon_G = 3u^2(|G| + |\alpha - \beta c|)` of :math:`G` (``eG`` is twice
    that, to cover second-order terms and its own rounding), ``a_h`` and ``bcA_h`` the high words of
    :math:`\alpha - \beta c` and :math:`\beta c_A`. Shared by tier 2 of omega* and by
    :func:`n_min_chunk`; the tests compare ``eG`` with the exact error in rationals.
    """
    bc_h, bc_l = _dd.two_prod_split(beta, b_hi, b_lo, c)
    bcA_h, bcA_l = _dd.two_prod_split(beta, b_hi, b_lo, c_A)
    a_h, a_l = _dd.dd_add_d(-bc_h, -bc_l, alpha)
    G_h, G_l = _dd.dd_add(a_h, a_l, -bcA_h, -bcA_l)
    eG = 6.0 * _dd.U2 * (np.abs(G_h) + np.abs(a_h))
    return G_h, G_l, eG, a_h, bcA_h


def tier2_terms(n, F, alpha, beta, c, c_A, k):
    r"""Double-double :math:`G` and :math:`\Delta` with their rounding-error bounds (elementwise).

    Returns ``(G_h, G_l, eG, d_h, d_l, E, a_h, bcA_h, q_h)``: :math:`G_h + G_l` is within
    ``eG`` of the exact :math:`G = \alpha - \beta(c + c_A)` and :math:`d_h + d_l` within ``E``
    of the exact :math:`\Delta = G^2 - 4\beta k F / n`; ``a_h``, ``bcA_h`` and ``q_h`` are the
    high words of :math:`\alpha - \beta c`, :math:`\beta c_A` and :math:`kF/n`. With
    :math:`u^2 = 2^{-106}`, :math:`\epsilon_G = 3u^2(|G| + |\alpha - \beta c|)` and
    :math:`E = 3u^2|\Delta| + 7u^2 G^2 + 2|G|\epsilon_G + 6u^2 t` (:math:`t = 4\beta kF/n`), both
    doubled here to cover third-order terms and the rounding of the bound itself. The tests
    compare both bounds with the true errors, in rationals, at ill-conditioned points.
    """
    U2 = _dd.U2
    b_hi, b_lo = _dd._split(beta)  # beta enters three products: split it once
    G_h, G_l, eG, a_h, bcA_h = G_dd(alpha, beta, b_hi, b_lo, c, c_A)
    kF_h, kF_l = _dd.two_prod(k, F)
    q_h, q_l = _dd.dd_div_d(kF_h, kF_l, n)
    t_h, t_l = _dd.two_prod_split(4.0 * beta, 4.0 * b_hi, 4.0 * b_lo, q_h)  # 4 beta q: q's low part below
    t_l = t_l + 4.0 * beta * q_l
    G2_h, G2_l = _dd.dd_sqr(G_h, G_l)
    d_h, d_l = _dd.dd_add(G2_h, G2_l, -t_h, -t_l)
    E = (
        2.0
        * U2
        * (3.0 * np.abs(d_h) + 7.0 * G2_h + 6.0 * np.abs(G_h) * (np.abs(G_h) + np.abs(a_h)) + 6.0 * t_h)
    )
    return G_h, G_l, eG, d_h, d_l, E, a_h, bcA_h, q_h


def tier2(n, F, alpha, beta, c, c_A, k):
    r"""Double-double evaluation at points tier 1 flagged (elementwise: arrays or scalars).

    Returns ``(omega, accurate, infeasible, eligible)``: omega is accurate to
    :data:`FAST_PATH_TOLERANCE` where ``accurate``; no free-entry rate exists where
    ``eligible & infeasible`` (decided); every other point goes to the exact tier. The signs
    of :math:`G` and :math:`\Delta` are decided only outside their error balls
    (:func:`tier2_terms`); the value's bound is :math:`10u + E / (2\sqrt{\Delta} K)`. Written with
    elementwise operations only, so numba compiles the same function.
    """
    G_h, _, eG, d_h, _, E, a_h, bcA_h, q_h = tier2_terms(n, F, alpha, beta, c, c_A, k)
    infeasible = (G_h < -eG) | ((G_h > eG) & (d_h < -E))
    root = np.sqrt(d_h)
    K = a_h + bcA_h  # a sum of positive terms where G > 0: float64 suffices
    C = c_A * a_h + q_h
    omega = (2.0 * C) / (c * (K + root))
    bound = 10.0 * _U + E / (2.0 * root * K)
    eligible = np.abs(G_h) >= _G_MIN
    accurate = eligible & (G_h > eG) & (d_h > E) & (bound <= FAST_PATH_TOLERANCE)
    return omega, accurate, infeasible, eligible


# --------------------------------------------------------------------------- tier 3
def _rounded(x: Fraction) -> float:
    """``x >= 0`` rounded to the nearest float64, and to inf beyond the largest float, as IEEE 754
    rounding does (``float(Fraction)`` raises OverflowError there instead)."""
    try:
        return float(x)
    except OverflowError:
        return math.inf


def omega_star_exact(n: float, F: float, alpha: float, beta: float, c: float, c_A: float, k: float):
    """Exact rational evaluation at one point: ``omega*`` as a float, NaN where none exists.

    The only inexact step is the square root, computed with :func:`math.isqrt` to at
    least ``_SQRT_BITS`` correct bits, so the returned float is within an ulp.
    """
    n, F, alpha, beta, c, c_A, k = (Fraction(v) for v in (n, F, alpha, beta, c, c_A, k))
    G = demand_at_cost(alpha, beta, c, c_A)
    if G <= 0:
        return math.nan
    q = k * F / n
    disc = G * G - 4 * beta * q
    if disc < 0:
        return math.nan
    K = alpha - beta * c + beta * c_A
    C = c_A * (alpha - beta * c) + q
    if disc == 0:
        root = Fraction(0)
    else:
        # sqrt(P/Q) = sqrt(P Q) / Q; scale P Q by 4**s so the integer root has enough bits.
        N = disc.numerator * disc.denominator
        s = max(0, (2 * _SQRT_BITS - N.bit_length()) // 2 + 1)
        root = Fraction(math.isqrt(N << (2 * s)), disc.denominator << s)
    return _rounded(2 * C / (c * (K + root)))


def n_min_exact(F: float, alpha: float, beta: float, c: float, c_A: float, k: float) -> float:
    r""":math:`n_{\min} = 4k\beta F / G^2` in exact rationals, rounded **upward**; NaN where :math:`G \le 0`.

    The smallest float :math:`n > 0` with :math:`n G^2 \ge 4k\beta F` (:func:`~cluster_games.kernels.round_up.ceil_exact`):
    the smallest float at which a free-entry rate exists.

    >>> n_min_exact(1.0, 100.0, 1.0, 10.0, 1.0, 2.0) >= Fraction(8, 89**2)
    True
    """
    F, alpha, beta, c, c_A, k = (Fraction(v) for v in (F, alpha, beta, c, c_A, k))
    G = demand_at_cost(alpha, beta, c, c_A)
    if G <= 0:
        return math.nan
    return ceil_exact(4 * k * beta * F / (G * G))


# --------------------------------------------------------------------------- the chunks
def refine(arrays, shape, idx, flat, risky) -> None:
    """Tiers 2 and 3 at the flat indices ``idx`` (sorted) that tier 1 flagged, in one vectorised batch."""
    lo, hi = int(idx[0]), int(idx[-1]) + 1
    run = hi - lo == idx.size  # every point of a span (near n_min): views instead of copies
    if run:
        pts = [np.broadcast_to(_piece(a, shape, lo, hi), idx.shape) for a in arrays]
    else:
        pts = [_gather(a, shape, idx) for a in arrays]
    safe = in_safe_range(*(p for p, r in zip(pts, risky, strict=True) if r))
    if np.all(safe):  # the usual case: no mask copies
        omega, accurate, infeasible, eligible = tier2(*pts)
        at, safe_at = idx, np.arange(idx.size)
    else:
        safe = np.broadcast_to(safe, idx.shape)
        omega, accurate, infeasible, eligible = tier2(*(p[safe] for p in pts))
        at, safe_at = idx[safe], np.flatnonzero(safe)
    if run and at.size == idx.size and accurate.all():
        flat[lo:hi] = omega
    else:
        flat[at[accurate]] = omega[accurate]
    flat[at[eligible & infeasible]] = np.nan
    undecided = ~accurate & ~(eligible & infeasible)
    exact = (
        safe_at[undecided] if np.all(safe) else np.concatenate([safe_at[undecided], np.flatnonzero(~safe)])
    )
    for j in exact.tolist():  # essentially exact ties, and inputs outside the safe range
        flat[idx[j]] = omega_star_exact(*(float(p[j]) for p in pts))


def n_min_tier1(F, alpha, beta, c, c_A, k):
    r"""float64 :math:`n_{\min} = 4k\beta F / G^2` and a bound on its relative error (elementwise).

    Returns ``(value, bound, G, A)`` with :math:`A = \alpha + \beta c + \beta c_A`. The four
    roundings in :math:`G = (\alpha - \beta c) - \beta c_A` add up to :math:`|\delta G| \le 2uA`
    where :math:`G > 0`; squaring doubles the relative error, and the roundings of the numerator,
    the square and the quotient add :math:`4u` (``4k`` is exact). The bound :math:`u(6A/G + 6)`
    leaves room for second-order terms; it holds where :math:`G > 0` and every input lies in
    the safe range. The tests compare it with the exact error.
    """
    bc, bcA = beta * c, beta * c_A
    A = alpha + bc + bcA
    G = alpha - bc - bcA
    value = (4.0 * k * beta * F) / (G * G)
    bound = _U * (6.0 * A / G + 6.0)
    return value, bound, G, A


def n_min_chunk(F, alpha, beta, c, c_A, k, dest) -> None:
    r""":math:`n_{\min} = 4k\beta F / G^2` rounded upward over one chunk, into ``dest`` (NaN where :math:`G \le 0`).

    The sign of :math:`G` and a first value come from three tiers, as for omega*. **float64** where
    every input lies in the safe range and the first-order bound :math:`u(6A/G + 6)` on the relative
    error (:math:`A = \alpha + \beta c + \beta c_A`: :math:`|\delta G| \le 2uA`, doubled through
    :math:`G^2`, plus the rounding of products and quotient) is at most :data:`FAST_PATH_TOLERANCE`;
    ``G < -4uA`` is decided negative there. **double-double** :math:`G` (:func:`G_dd`) where that bound
    fails: accepted where its error bound is at most :math:`u|G_h|`. **exact** rationals for the rest:
    ties :math:`G \approx 0` that double-double cannot resolve, :math:`|G| < 10^{-120}`, and inputs
    outside the safe range, where float64 could overflow or underflow. The value is then rounded
    upward (:func:`~cluster_games.kernels.round_up.round_up`, with the double-double :math:`G`), so
    ``dest`` holds the smallest float :math:`n` at which a rate exists; :math:`F = 0` gives the smallest
    positive float (every :math:`n > 0` admits a rate).
    """
    shape = dest.shape
    with np.errstate(all="ignore"):
        value, bound, G, A = n_min_tier1(F, alpha, beta, c, c_A, k)
        safe = in_safe_range(F, alpha, beta, c, c_A, k)
        negative = (G < -4 * _U * A) & safe
        G_h, G_l, eG, _, _ = G_dd(alpha, beta, *_dd._split(beta), c, c_A)
        clear = (eG <= _U * np.abs(G_h)) & (np.abs(G_h) >= _G_MIN) & safe
        sure = (bound <= FAST_PATH_TOLERANCE) & (G > 0) & safe
        value = np.where(sure, value, (4.0 * k * beta * F) / (G_h * G_h))
        positive = clear & (G_h > 0) & ~negative
        zero = positive & (F == 0)  # every n > 0 admits a rate
        up, decided = round_up(value, F, beta, k, G_h, G_l, eG)
        dest[...] = np.where(positive, np.where(zero, SMALLEST, up), np.nan)
    exact = np.broadcast_to(~negative & (~clear | (positive & ~zero & ~decided)), shape)
    idx = np.flatnonzero(exact)
    if idx.size:
        pts = [np.broadcast_to(p, shape).reshape(-1)[idx] for p in (F, alpha, beta, c, c_A, k)]
        flat = dest.reshape(-1)
        for j, i in enumerate(idx.tolist()):
            flat[i] = n_min_exact(*(float(p[j]) for p in pts))
