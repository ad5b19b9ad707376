r"""The claims beyond the paper (K1, K2, K4-K7, SPEC section 4) on one block of Monte-Carlo draws.

The block's draws carry a number of companies ``k`` and a discount factor ``delta``
(:func:`cluster_games.scale.boxes.draw_block`). K1 and K2 are tested at the block's rates,
the free-entry claims at the default rates :math:`(\omega^*(k), W_m)`; a draw whose ``k``
exceeds what free entry supports (:math:`k > \rho`) does not meet their hypotheses. K3 (the
symmetric mixed equilibrium) needs exact root isolation and is checked by ``prove``, not here.

Every comparison of a number of companies with :math:`\rho = nG^2/(4\beta F)` is exact
(:func:`k_versus_rho`): :math:`G` cancels in float64 where :math:`\alpha` is close to
:math:`\beta(c + c_A)`, and a float :math:`\rho` would then misplace draws across
:math:`k = \rho` (or :math:`k^2 = \rho`) and report counterexamples that are noise.
"""

from __future__ import annotations

from fractions import Fraction
from typing import NamedTuple

import numpy as np

from ..domain import in_supported_range
from ..kernels import _arrays as A
from ..kernels import classify as K
from ..kernels import free_entry as FE
from ..kernels.closed_forms import demand_at_cost

__all__ = ["K_CLAIMS", "Verdicts", "verdicts", "k_claims", "reason", "k_versus_rho", "games_in_range"]

#: What each claim's check tests, by id.
K_CLAIMS = {
    "K1": "beyond the paper: with k companies Y strictly dominates iff M(w) > 0 and k M(w) > M(W)",
    "K2": "beyond the paper: pure equilibria all-Y, and all-N iff M(W) >= k M(w) (nothing in between)",
    "K4": "beyond the paper: omega*(k) exists iff k <= rho and zeroes the all-Y profit (n/k) M(w) - F",
    "K5": "beyond the paper: at (omega*(k), W_m) Y strictly dominates iff k^2 > rho",
    "K6": "beyond the paper: collusion sustainable (exact) iff colluding beats deviating (discounted streams)",
    "K7": "beyond the paper: delta_c(omega*(k), W_m) = 1 - (rho - k)/(k (k - 1))",
}


def reason(text: str, m: int) -> np.ndarray:
    """One failure reason for all ``m`` draws, as a read-only view (no m-sized string array)."""
    return np.broadcast_to(np.array(text), (m,))


class Verdicts(NamedTuple):
    """One claim on one block: per draw, hypotheses met and conclusion met, the reason of a failure, and
    the draws float64 cannot resolve, as ``(mask, reason)`` pairs with disjoint masks (excluded from the
    hypotheses, so never a counterexample)."""

    hypotheses: np.ndarray
    conclusion: np.ndarray
    why: np.ndarray
    unresolved: tuple[tuple[np.ndarray, str], ...] = ()


def verdicts(hyp, concl, why, *unresolved: tuple[np.ndarray, str]) -> Verdicts:
    """:class:`Verdicts` with the given unresolved ``(mask, reason)`` pairs (none by default)."""
    return Verdicts(hyp, concl, why, tuple(unresolved))


def games_in_range(*rates) -> np.ndarray:
    """The rates are finite and within the supported range, where the game kernel accepts them."""
    ok = np.ones(np.shape(rates[0]), dtype=bool)
    for r in rates:
        ok &= np.isfinite(r) & in_supported_range(np.where(np.isfinite(r), r, 1.0))
    return ok


_OUT_OF_RANGE = "a rate is outside the supported range (1e-50..1e50) of the game kernel"


def _rho(n, F, alpha, beta, c, c_A):
    """Float rho = n G^2 / (4 beta F) and a bound on its relative error, u (6 A/G + 8) (G's error is at
    most 2u A, A = alpha + beta c + beta c_A, doubled by the square; the rest are single roundings)."""
    A_ = alpha + beta * c + beta * c_A
    G = demand_at_cost(alpha, beta, c, c_A)
    return n * G * G / (4 * beta * F), A._U * (6 * A_ / np.abs(G) + 8)


def k_versus_rho(kk, n, F, alpha, beta, c, c_A, rho=None, err=None) -> np.ndarray:
    r"""The exact sign of :math:`k - \rho` per draw (``F > 0``, ``G > 0``), as int8.

    Decided from the float :math:`\rho` where it lies beyond twice its error bound from ``kk``;
    otherwise from the threshold :math:`n_{\min}(k) = 4k\beta F/G^2` rounded upward
    (:func:`cluster_games.n_min`), since for a float :math:`n`, :math:`k \le \rho \iff n \ge
    n_{\min}(k)`; a draw with :math:`n` equal to that float is decided in rationals (it may be the
    tie itself).
    """
    if rho is None:
        rho, err = _rho(n, F, alpha, beta, c, c_A)
    out = np.sign(kk - rho).astype(np.int8)
    near = np.flatnonzero(~(np.abs(kk - rho) > 2 * err * rho))
    if near.size:
        pick = [np.broadcast_to(v, out.shape)[near] for v in (kk, n, F, alpha, beta, c, c_A)]
        k_, n_, F_, a_, b_, c_, cA_ = pick
        threshold = FE.n_min(F_, a_, b_, c_, cA_, k=k_, on_infeasible="nan")
        out[near] = np.where(n_ < threshold, 1, -1)
        for j in np.flatnonzero(n_ == threshold).tolist():
            G = Fraction(a_[j]) - Fraction(b_[j]) * (Fraction(c_[j]) + Fraction(cA_[j]))
            diff = 4 * Fraction(k_[j]) * Fraction(b_[j]) * Fraction(F_[j]) - Fraction(n_[j]) * G * G
            out[near[j]] = (diff > 0) - (diff < 0)
    return out


def _accurate_rho(kk, n, F, alpha, beta, c, c_A, rho, err):
    """rho to a few ulps: the float value where its bound is below 1e-12, else k n / n_min(k)."""
    out = rho.copy()
    loose = np.flatnonzero(err > 1e-12)
    if loose.size:
        pick = [np.broadcast_to(v, rho.shape)[loose] for v in (kk, n, F, alpha, beta, c, c_A)]
        threshold = FE.n_min(*pick[2:], k=pick[0], on_infeasible="nan")
        out[loose] = pick[0] * pick[1] / threshold
    return out


def k_claims(d, n, F, alpha, beta, c, c_A, w, W, formula: str) -> dict[str, tuple]:
    """K1, K2, K4-K7 (beyond the paper) on the block's draws of k and delta."""
    m = n.shape[0]
    k, delta = d["k"], d["delta"]
    res: dict[str, tuple] = {}
    with np.errstate(invalid="ignore", over="ignore", divide="ignore", under="ignore"):
        rho, rho_err = _rho(n, F, alpha, beta, c, c_A)  # inf where F = 0
        # K1 at the block's rates (omega from the formula, W = omega (1 + W_rel)), k companies
        seeing = (w * c - c_A) * (alpha - beta * (1 + w) * c)
        hiding = (W * c - c_A) * (alpha - beta * (1 + W) * c)
        scale = k * (np.abs(w * c) + c_A) * (alpha + beta * np.abs(1 + w) * c) + (np.abs(W * c) + c_A) * (
            alpha + beta * np.abs(1 + W) * c
        )
        margin = k * seeing - hiding
        away = (
            np.isfinite(w)
            & np.isfinite(W)
            & (np.abs(margin) > 1e-9 * scale)
            & (np.abs(seeing) > 1e-9 * scale)
        )
        in_range = games_in_range(w, W)
        hyp = away & in_range
        out_of_range = away & ~in_range
        concl = np.zeros(m, dtype=bool)
        at = np.flatnonzero(hyp)
        if at.size:
            g = K.games(*(v[at] for v in (n, F, alpha, beta, c, c_A, w, W)), k=k[at])
            hyp[at] &= g.undefined == 0
            concl[at] = (g.klass == 0) == ((seeing[at] > 0) & (margin[at] > 0))
        res["K1"] = verdicts(
            hyp, concl, reason("class != closed-form condition", m), (out_of_range, _OUT_OF_RANGE)
        )
        # K2 on the same games, where trade at w is feasible: the equilibrium kinds of the k-company game
        hyp2 = hyp & (seeing > 0)
        concl2 = np.zeros(m, dtype=bool)
        at2 = np.flatnonzero(hyp2)
        if at2.size:
            g = K.games(*(v[at2] for v in (n, F, alpha, beta, c, c_A, w, W)), k=k[at2])
            kind = g.equilibria.kind  # 0: only all-Y; 2: all-Y, all-N (and a symmetric mixed one)
            concl2[at2] = np.where(margin[at2] > 0, kind == 0, kind == 2)
        res["K2"] = verdicts(
            hyp2,
            concl2,
            reason("pure equilibria != {all-Y} or {all-Y, all-N} as M(W) vs k M(w)", m),
            (out_of_range & (seeing > 0), _OUT_OF_RANGE),
        )

        # K4: the kernel's omega*(k) exists iff k <= rho (decided exactly), and zeroes (n/k) M(omega) - F
        positive_F = F > 0
        at4 = np.flatnonzero(positive_F) if formula == "corrected" else np.zeros(0, dtype=np.intp)
        hyp4 = np.zeros(m, dtype=bool)
        hyp4[at4] = True
        concl4 = np.zeros(m, dtype=bool)
        sign = np.zeros(m, dtype=np.int8)  # sign of k - rho where F > 0
        if at4.size:
            n4, F4, a4, b4, c4, cA4, k4 = (v[at4] for v in (n, F, alpha, beta, c, c_A, k))
            sign[at4] = k_versus_rho(k4, n4, F4, a4, b4, c4, cA4, rho[at4], rho_err[at4])
            wk = FE.omega_star(n4, F4, a4, b4, c4, cA4, k=k4, on_infeasible="nan")
            exists = np.isfinite(wk)
            profit = n4 / k4 * (wk * c4 - cA4) * (a4 - b4 * (1 + wk) * c4) - F4
            bound = 1e-9 * n4 / k4 * (np.abs(wk * c4) + cA4) * (a4 + b4 * np.abs(1 + wk) * c4)
            zeroed = np.where(exists, np.abs(profit) <= bound, True)
            concl4[at4] = (exists == (sign[at4] <= 0)) & zeroed
        res["K4"] = verdicts(
            hyp4, concl4, reason("omega*(k) exists != [k <= rho], or (n/k) M(omega*(k)) != F", m)
        )

        # K5, K6, K7 at the default rates (omega*(k), W_m): draws with k < rho only (exactly)
        feasible = hyp4 & (sign < 0)
        at = np.flatnonzero(feasible)
        k5, c5 = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
        k6, c6 = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
        k7, c7 = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
        if at.size:
            pts = [v[at] for v in (n, F, alpha, beta, c, c_A)]
            g = K.games(*pts, k=k[at], delta=delta[at])
            ok = g.undefined == 0
            kk = k[at]
            square = k_versus_rho(kk * kk, *pts, rho[at], rho_err[at])  # exact sign of k^2 - rho
            k5[at], c5[at] = ok & (square != 0), (g.klass == 0) == (square > 0)
            dl = delta[at]
            collude = g.NN / (1 - dl)  # all N every period
            deviate = g.YN + dl * g.YY / (1 - dl)  # Y against all N once, then all Y (zero profit)
            sep6 = ok & (np.abs(collude - deviate) > 1e-9 * (np.abs(collude) + np.abs(deviate)))
            k6[at], c6[at] = sep6, (g.collusion_sustainable == 1) == (collude >= deviate)
            r = _accurate_rho(kk, *pts, rho[at], rho_err[at])
            closed = 1 - (r - kk) / (kk * (kk - 1))
            k7[at] = ok
            c7[at] = np.abs(g.collusion_threshold - closed) <= 1e-9 * np.maximum(1.0, np.abs(closed))
        res["K5"] = verdicts(k5, c5, reason("class at (omega*(k), W_m) != [k^2 > rho]", m))
        res["K6"] = verdicts(k6, c6, reason("exact verdict != discounted streams", m))
        res["K7"] = verdicts(k7, c7, reason("delta_c != 1 - (rho - k)/(k (k - 1))", m))
    return res
