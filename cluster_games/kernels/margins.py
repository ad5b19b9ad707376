r"""One trading-company game, evaluated in three tiers: float64 with bounds, double-double, exact.

With :math:`M(r) = m(r) D(r) = (rc - c_A)(\alpha - \beta(1 + r)c)`, the paper's game at rates
:math:`\omega < W` has company A's payoffs

.. math::

    \pi_{YY} = \tfrac12 n M(\omega) - F, \quad \pi_{YN} = n M(\omega) - F, \quad
    \pi_{NY} = -F, \quad \pi_{NN} = \tfrac12 n M(W) - F,

and dominance margins :math:`a = \pi_{YY} - \pi_{NY} = \tfrac12 n s`,
:math:`b = \pi_{YN} - \pi_{NN} = \tfrac12 n d` with :math:`s = M(\omega)` and
:math:`d = 2M(\omega) - M(W)`. Everything the game's class and equilibria depend on is
the domain (:math:`W > \omega`, :math:`D(W) \ge 0`, :math:`m(W) \ge 0`), the signs of
:math:`s` and :math:`d`, and :math:`p = b/(b - a) = d/(d - s)` where the signs differ.
With :math:`k` companies (beyond the paper, :mod:`cluster_games.model_k`) the payoffs are
all-Y :math:`n s/k - F`, Y against all N :math:`n s - F`, N against some Y :math:`-F`,
all-N :math:`n h/k - F`, and the margins :math:`s` and :math:`d = k s - h`.

1. :func:`float_stage` computes them in float64 with running-error bounds (evaluated with
   absolute values, doubled) and says which points it cannot decide. It is written with
   elementwise operations only, and :func:`select` for branches, so numpy runs it on
   arrays and numba compiles the same function for scalars
   (:mod:`cluster_games.kernels._numba_loops`).
2. :func:`dd_margins` recomputes :math:`s`, :math:`d` and :math:`p` in double-double
   (:mod:`cluster_games.kernels._dd`) at the points whose *margins* were undecided, with
   rigorous bounds.
3. :func:`exact_point` decides what is left in rational arithmetic
   (:mod:`cluster_games.kernels.exact`): essentially exact ties, and points whose *domain*
   test was undecided.

Default rates are taken exactly: at :math:`\omega^*(k)`, :math:`M(\omega^*) = kF/n`; at the
monopoly rate :math:`W_m = K/(2\beta c)`, :math:`M(W_m) = G^2/(4\beta)`,
:math:`D(W_m) = G/2` and :math:`m(W_m) = G/(2\beta)`.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np

from . import _dd, exact
from ._arrays import _U

__all__ = [
    "select",
    "float_stage",
    "dd_margins",
    "exact_point",
    "P_TOLERANCE",
    "THRESHOLD_TOLERANCE",
    "SURE",
    "MARGINS",
    "DOMAIN",
]

#: Largest error bound accepted on the float mixed probability; above it, p is recomputed.
#: (The bound is a worst case: typical points carry a bound near 1e-14 and an actual error of an ulp.)
P_TOLERANCE = 1e-12

#: Largest error bound accepted on the collusion threshold, relative to ``max(1, abs(threshold))``.
THRESHOLD_TOLERANCE = 1e-12

#: What :func:`float_stage` leaves undecided at a point: nothing, the margins only, the domain.
SURE, MARGINS, DOMAIN = 0, 1, 2

_MARGIN_BOUND = 16 * _U  # running-error bound of M(r) = m(r) D(r), doubled
_TINY = 1e-290  # below this, underflow may void a relative bound: decide exactly
_STAR_TOL = 1e-12  # omega*'s float value is within this relative distance of the exact one (its contract)
_DD_MIN, _DD_MAX = 1e-200, 1e200  # double-double products stay error-free between these


def select(cond, a, b):
    """``a`` where ``cond`` else ``b``: :func:`numpy.where` here, a conditional expression under numba."""
    return np.where(cond, a, b)


def float_stage(n, F, alpha, beta, c, c_A, om, Wv, k, delta, omega_default, W_default):
    r"""The game of ``k`` companies in float64 with error bounds, elementwise (arrays or scalars).

    ``om`` and ``Wv`` are the rates' values; ``omega_default`` / ``W_default`` say that they
    are :math:`\omega^*(k)` / :math:`W_m`, whose identities are then used (see the module
    docstring). With ``k`` companies the margins are :math:`s = M(\omega)` (Y against any
    profile with another Y company) and :math:`d = k s - h` (Y against all others N);
    ``k = 2`` is the paper's game. Returns ``(code, sign_s, sign_d, p, unsure, YY, YN, NY,
    NN, threshold, sustainable)``:

    * ``code``: 0 a game, else why not (1 no :math:`\omega^*`, 2 :math:`W \le \omega`,
      3 :math:`D(W) < 0`, 4 :math:`m(W) < 0`), as float;
    * ``sign_s``, ``sign_d``: signs of :math:`s` and :math:`d` (float -1, 0, 1; -2 where not a game);
    * ``p``: :math:`d/(d - s)` where the signs differ and ``k = 2``, NaN elsewhere (for
      ``k > 2`` the mixed equilibrium is a root of a degree ``k - 1`` polynomial:
      :meth:`cluster_games.companies.CompanyGame.symmetric_equilibria`);
    * ``unsure``: :data:`SURE`, :data:`MARGINS` (a sign or ``p`` not decided) or
      :data:`DOMAIN` (a domain test not decided), as float;
    * a company's four payoffs: all Y, Y against all N, N against some Y, all N (NaN where
      not a game);
    * ``threshold``: the collusion threshold :math:`\delta_c = d / ((k - 1) s)` where
      :math:`s > 0` (a value, rounded; decisions against it are exact in
      ``sustainable``).
    * ``sustainable``: collusion on N at W (Nash reversion) at discount factor ``delta``
      is subgame perfect (1) or not (0), i.e. :math:`e = \delta (k - 1) s - d \ge 0`; -1
      where not a game, :math:`s \le 0` or ``delta`` is NaN (not given).

    The rounding bounds: :math:`|\delta M(r)| \le 8u(|rc| + c_A)(\alpha + \beta|1 + r|c)`
    (doubled in the code), :math:`|\delta d| \le k|\delta s| + |\delta h| + 2u(|d| + k|s|)`, and
    :math:`|\delta p| \le (|s||\delta d| + |d||\delta s|)/(|d| + |s|)^2 + 4u`.
    """
    bc = beta * c
    bcA = beta * c_A
    A = alpha + bc + bcA  # scale of the cancellations in G and K
    G = (alpha - bc) - bcA
    gap = Wv - om
    if omega_default:
        gap_tol = _STAR_TOL * np.abs(om) + (4.0 * _U * A / (2.0 * bc) if W_default else 0.0)
    else:
        gap_tol = 4.0 * _U * (A / (2.0 * bc) + np.abs(Wv)) if W_default else 0.0 * gap
    if W_default:  # D(W_m) = G/2 and m(W_m) = G/(2 beta): both have the sign of G
        Dw, Dw_tol, mw, mw_tol = G, 4.0 * _U * A, G, 4.0 * _U * A
    else:
        Dw = alpha - beta * (1.0 + Wv) * c
        Dw_tol = 4.0 * _U * (alpha + beta * (1.0 + Wv) * c)
        mw = Wv * c - c_A
        mw_tol = 3.0 * _U * (Wv * c + c_A)
    domain_unsure = (np.abs(gap) <= gap_tol) | (np.abs(Dw) <= Dw_tol) | (np.abs(mw) <= mw_tol)
    code = select(
        np.isnan(om), 1.0, select(gap <= 0.0, 2.0, select(Dw < 0.0, 3.0, select(mw < 0.0, 4.0, 0.0)))
    )

    # profits s = M(omega), h = M(W) and d = k s - h, with their bounds
    if omega_default:
        s = (k * F) / n  # M(omega*(k)) = kF/n
        bs = 2.0 * _U * s
    else:
        s = (om * c - c_A) * (alpha - beta * (1.0 + om) * c)
        bs = _MARGIN_BOUND * (np.abs(om * c) + c_A) * (alpha + beta * np.abs(1.0 + om) * c)
    if W_default:
        h = G * G / (4.0 * beta)
        bh = (8.0 * _U * A * np.abs(G) + 32.0 * _U * _U * A * A) / (4.0 * beta) + 4.0 * _U * h
    else:
        h = (Wv * c - c_A) * (alpha - beta * (1.0 + Wv) * c)
        bh = _MARGIN_BOUND * (np.abs(Wv * c) + c_A) * (alpha + beta * np.abs(1.0 + Wv) * c)
    d = k * s - h
    bd = k * bs + bh + 2.0 * _U * (np.abs(d) + k * np.abs(s))
    defined = code == 0.0
    sign_s = select(defined, np.sign(s), -2.0)
    sign_d = select(defined, np.sign(d), -2.0)
    # s = kF/n has the sign of F exactly; otherwise a value within its bound of zero is undecided.
    margins_unsure = (np.abs(d) <= bd + _TINY) | np.isnan(d - d)  # d - d is NaN where d is inf or NaN
    if not omega_default:
        margins_unsure = margins_unsure | (np.abs(s) <= bs + _TINY) | np.isnan(s - s)
    # p = b / (b - a) = d / (d - s) where the signs differ; |d - s| = |d| + |s| there.
    mixed = (sign_s * sign_d < 0.0) & defined & (k == 2.0)
    p_err = (np.abs(s) * bd + np.abs(d) * bs) / ((np.abs(d) + np.abs(s)) ** 2) + 4.0 * _U
    margins_unsure = margins_unsure | (mixed & np.logical_not(p_err <= P_TOLERANCE))
    p = select(mixed, d / (d - s), np.nan)
    threshold = select(defined & (s > 0.0), d / ((k - 1.0) * s), np.nan)
    # the threshold's error: (|dd| + |d| |ds| / |s|) / ((k - 1) |s|), plus its own roundings
    th_err = (bd + np.abs(d) * bs / np.abs(s)) / ((k - 1.0) * np.abs(s)) + 4.0 * _U * np.abs(threshold)
    margins_unsure = margins_unsure | (
        defined
        & (s > 0.0)
        & np.logical_not(th_err <= THRESHOLD_TOLERANCE * np.maximum(1.0, np.abs(threshold)))
    )
    e = delta * (k - 1.0) * s - d
    be = 2.0 * (delta * (k - 1.0) * (bs + 2.0 * _U * np.abs(s)) + bd + _U * np.abs(e))
    asked = defined & (s > 0.0) & (delta == delta)  # NaN delta: not asked
    sustainable = select(asked, select(e >= 0.0, 1.0, 0.0), -1.0)
    # an undecided collusion test, or margins that a later tier may re-sign: decide exactly
    collusion_unsure = asked & ((np.abs(e) <= be + _TINY) | margins_unsure)
    # (no omega*: nothing to decide; not a game for sure: the margins do not matter)
    unsure = select(
        code == 1.0,
        0.0,
        select(domain_unsure | collusion_unsure, 2.0, select(margins_unsure & defined, 1.0, 0.0)),
    )

    # payoffs: identities where they hold exactly
    if omega_default:
        YY, YN = (
            0.0 * s,
            (k - 1.0) * F + 0.0 * s,
        )  # all-Y: n M/k - F = 0; Y against all N: n M - F = (k - 1) F
    else:
        YY, YN = n * s / k - F, n * s - F
    NY, NN = -F + 0.0 * s, n * h / k - F
    YY = select(defined, YY, np.nan)
    YN = select(defined, YN, np.nan)
    NY = select(defined, NY, np.nan)
    NN = select(defined, NN, np.nan)
    return code, sign_s, sign_d, p, unsure, YY, YN, NY, NN, threshold, sustainable


# ----------------------------------------------------------------------------- tier 2
def _dd_profit(r, alpha, beta, c, c_A):
    r""":math:`M(r) = (rc - c_A)(\alpha - \beta(1 + r)c)` in double-double, and its error bound.

    :math:`m = rc - c_A`: one exact product and one DWPlusFP, :math:`2u^2|m|`;
    :math:`y = \beta(1 + r)c`: an exact sum and two DW x FP products, :math:`4u^2|y|`;
    :math:`D = \alpha - y`: :math:`2u^2|D| + 4u^2|y|`; :math:`M = mD`: :math:`7u^2|M|` more.
    In all :math:`u^2(11|M| + 4|m||y|)`, doubled.
    """
    p_h, p_l = _dd.two_prod(r, c)
    m_h, m_l = _dd.dd_add_d(p_h, p_l, -c_A)
    o_h, o_l = _dd.two_sum(1.0, r)
    x_h, x_l = _dd.dd_mul_d(o_h, o_l, c)
    y_h, y_l = _dd.dd_mul_d(x_h, x_l, beta)
    D_h, D_l = _dd.dd_add_d(-y_h, -y_l, alpha)
    M_h, M_l = _dd.dd_mul(m_h, m_l, D_h, D_l)
    bound = 2.0 * _dd.U2 * (11.0 * np.abs(M_h) + 4.0 * np.abs(m_h) * np.abs(y_h))
    return M_h, M_l, bound, np.abs(m_h) * np.abs(y_h) + np.abs(M_h)


def _dd_monopoly_profit(alpha, beta, c, c_A):
    r""":math:`M(W_m) = G^2/(4\beta)` in double-double, and its error bound (:math:`G` as in tier 2 of omega*)."""
    bc_h, bc_l = _dd.two_prod(beta, c)
    bcA_h, bcA_l = _dd.two_prod(beta, c_A)
    a_h, a_l = _dd.dd_add_d(-bc_h, -bc_l, alpha)
    G_h, G_l = _dd.dd_add(a_h, a_l, -bcA_h, -bcA_l)
    eG = 6.0 * _dd.U2 * (np.abs(G_h) + np.abs(a_h))  # doubled, as in tiers.tier2
    G2_h, G2_l = _dd.dd_sqr(G_h, G_l)
    h_h, h_l = _dd.dd_div_d(G2_h, G2_l, 4.0 * beta)
    bound = (2.0 * np.abs(G_h) * eG + 14.0 * _dd.U2 * G2_h) / (4.0 * beta) + 7.0 * _dd.U2 * np.abs(h_h)
    return h_h, h_l, bound, G2_h / (4.0 * beta) + np.abs(a_h) * np.abs(G_h) / beta


def dd_margins(n, F, alpha, beta, c, c_A, om, Wv, k, omega_default, W_default):
    """Signs of ``s`` and ``d``, the probability ``p`` and the collusion threshold in double-double.

    At 1-D arrays of points; returns ``(sign_s, sign_d, p, threshold, decided)``; where ``decided`` is False the point goes to
    :func:`exact_point`. Points whose products could leave the range where the error-free
    transformations hold (magnitudes outside 1e-200 .. 1e200) are not decided.
    """
    with np.errstate(all="ignore"):
        if omega_default:  # kF exactly (two_prod), then / n: 3.5 u^2, doubled
            kF_h, kF_l = _dd.two_prod(k + 0.0 * F, F)
            s_h, s_l = _dd.dd_div_d(kF_h, kF_l, n)
            bs, scale_s = 7.0 * _dd.U2 * np.abs(s_h), np.abs(s_h)
        else:
            s_h, s_l, bs, scale_s = _dd_profit(om, alpha, beta, c, c_A)
        if W_default:
            h_h, h_l, bh, scale_h = _dd_monopoly_profit(alpha, beta, c, c_A)
        else:
            h_h, h_l, bh, scale_h = _dd_profit(Wv, alpha, beta, c, c_A)
        ks_h, ks_l = _dd.dd_mul_d(s_h, s_l, k + 0.0 * s_h)  # 2 u^2, doubled below
        d_h, _ = _dd.dd_add(ks_h, ks_l, -h_h, -h_l)
        bd = k * bs + bh + 4.0 * _dd.U2 * k * np.abs(s_h) + 8.0 * _dd.U2 * np.abs(d_h)
        sign_s, sign_d = np.sign(s_h), np.sign(d_h)
        # hi parts round the dd values: add u|x| to each bound for p
        bs_p, bd_p = bs + _U * np.abs(s_h), bd + _U * np.abs(d_h)
        mixed = (sign_s * sign_d < 0) & (k == 2)
        p = np.where(mixed, d_h / (d_h - s_h), np.nan)
        p_err = (np.abs(s_h) * bd_p + np.abs(d_h) * bs_p) / (np.abs(d_h) + np.abs(s_h)) ** 2 + 4 * _U
        in_range = (scale_s < _DD_MAX) & (scale_h < _DD_MAX) & (scale_s > _DD_MIN) & (scale_h > _DD_MIN)
        s_sure = True if omega_default else np.abs(s_h) > bs  # kF/n has F's sign exactly
        threshold = np.where(s_h > 0, d_h / ((k - 1.0) * s_h), np.nan)
        th_err = (bd_p + np.abs(d_h) * bs_p / np.abs(s_h)) / ((k - 1.0) * np.abs(s_h)) + 4 * _U * np.abs(
            threshold
        )
        th_ok = (s_h <= 0) | (th_err <= THRESHOLD_TOLERANCE * np.maximum(1.0, np.abs(threshold)))
        decided = in_range & s_sure & (np.abs(d_h) > bd) & (~mixed | (p_err <= P_TOLERANCE)) & th_ok
    if omega_default:
        sign_s = np.sign(F) + 0.0 * s_h
    return sign_s, sign_d, p, threshold, decided


# ----------------------------------------------------------------------------- tier 3
def exact_point(vals, omega_default: bool, W_default: bool) -> tuple[int, int, int, float, float, int]:
    """Exact ``(code, sign s, sign d, p, threshold, sustainable)`` at one point; ``vals`` are the ten floats
    ``n, F, alpha, beta, c, c_A, omega, W, k, delta`` (omega NaN where omega* does not exist,
    delta NaN where not asked)."""
    n, F, alpha, beta, c, c_A, om, Wv, k, delta = (Fraction(v) if not math.isnan(v) else None for v in vals)
    if omega_default and om is None:
        return 1, -2, -2, math.nan, math.nan, -1
    omega = None if omega_default else om
    W = None if W_default else Wv
    if exact.rates_gap(n, F, alpha, beta, c, c_A, omega, W, k) <= 0:
        return 2, -2, -2, math.nan, math.nan, -1
    why = exact.rate_domain_violation(alpha, beta, c, c_A, W)
    if why is not None:
        return (3 if why.startswith("demand") else 4), -2, -2, math.nan, math.nan, -1
    seeing, hiding = exact.profits(n, F, alpha, beta, c, c_A, omega, W, k)
    a, b = seeing, k * seeing - hiding  # Y against another Y company; Y against all N
    mixed = k == 2 and (a > 0) != (b > 0) and a != 0 and b != 0
    sustainable = -1 if delta is None or a <= 0 else int(delta * (k - 1) * a - b >= 0)
    threshold = float(b / ((k - 1) * a)) if a > 0 else math.nan
    return 0, exact.sign(a), exact.sign(b), float(b / (b - a)) if mixed else math.nan, threshold, sustainable
