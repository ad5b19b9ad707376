r"""The claims beyond the paper (K1, K2, K4-K7, SPEC section 4) on one block of Monte-Carlo draws.

The block's draws carry a number of companies ``k`` and a discount factor ``delta``
(:func:`cluster_games.scale.boxes.draw_block`). K1 and K2 are tested at the block's rates,
the free-entry claims at the default rates :math:`(\omega^*(k), W_m)`; a draw whose ``k``
exceeds what free entry supports (:math:`k > \rho`) does not meet their hypotheses. K3 (the
symmetric mixed equilibrium) needs exact root isolation and is checked by ``prove``, not here.
"""

from __future__ import annotations

import numpy as np

from ..kernels import classify as K
from ..kernels import free_entry as FE

__all__ = ["K_CLAIMS", "k_claims", "reason"]

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


def k_claims(d, n, F, alpha, beta, c, c_A, w, W, formula: str) -> dict[str, tuple]:
    """K1, K2, K4-K7 (beyond the paper) on the block's draws of k and delta."""
    m = n.shape[0]
    k, delta = d["k"], d["delta"]
    res: dict[str, tuple] = {}
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        G = alpha - beta * (c + c_A)
        rho = n * G * G / (4 * beta * F)  # inf where F = 0
        # K1 at the block's rates (omega from the formula, W = omega (1 + W_rel)), k companies
        seeing = (w * c - c_A) * (alpha - beta * (1 + w) * c)
        hiding = (W * c - c_A) * (alpha - beta * (1 + W) * c)
        scale = k * (np.abs(w * c) + c_A) * (alpha + beta * np.abs(1 + w) * c) + (np.abs(W * c) + c_A) * (
            alpha + beta * np.abs(1 + W) * c
        )
        margin = k * seeing - hiding
        hyp = (
            np.isfinite(w)
            & np.isfinite(W)
            & (np.abs(margin) > 1e-9 * scale)
            & (np.abs(seeing) > 1e-9 * scale)
        )
        concl = np.zeros(m, dtype=bool)
        at = np.flatnonzero(hyp)
        if at.size:
            g = K.games(*(v[at] for v in (n, F, alpha, beta, c, c_A, w, W)), k=k[at])
            hyp[at] &= g.undefined == 0
            concl[at] = (g.klass == 0) == ((seeing[at] > 0) & (margin[at] > 0))
        res["K1"] = (hyp, concl, reason("class != closed-form condition", m))
        # K2 on the same games, where trade at w is feasible: the equilibrium kinds of the k-company game
        hyp2 = hyp & (seeing > 0)
        concl2 = np.zeros(m, dtype=bool)
        at2 = np.flatnonzero(hyp2)
        if at2.size:
            g = K.games(*(v[at2] for v in (n, F, alpha, beta, c, c_A, w, W)), k=k[at2])
            kind = g.equilibria.kind  # 0: only all-Y; 2: all-Y, all-N (and a symmetric mixed one)
            concl2[at2] = np.where(margin[at2] > 0, kind == 0, kind == 2)
        res["K2"] = (
            hyp2,
            concl2,
            reason("pure equilibria != {all-Y} or {all-Y, all-N} as M(W) vs k M(w)", m),
        )

        # K4: the kernel's omega*(k) exists iff k <= rho, and zeroes (n/k) M(omega) - F
        sep4 = (F > 0) & (np.abs(k - rho) > 1e-9 * rho)
        concl4 = np.zeros(m, dtype=bool)
        at4 = np.flatnonzero(sep4)
        if at4.size and formula == "corrected":
            n4, F4, a4, b4, c4, cA4, k4 = (v[at4] for v in (n, F, alpha, beta, c, c_A, k))
            wk = FE.omega_star(n4, F4, a4, b4, c4, cA4, k=k4, on_infeasible="nan")
            exists = np.isfinite(wk)
            profit = n4 / k4 * (wk * c4 - cA4) * (a4 - b4 * (1 + wk) * c4) - F4
            bound = 1e-9 * n4 / k4 * (np.abs(wk * c4) + cA4) * (a4 + b4 * np.abs(1 + wk) * c4)
            zeroed = np.where(exists, np.abs(profit) <= bound, True)
            concl4[at4] = (exists == (k4 < rho[at4])) & zeroed
        elif formula != "corrected":
            sep4[:] = False
        res["K4"] = (sep4, concl4, reason("omega*(k) exists != [k <= rho], or (n/k) M(omega*(k)) != F", m))

        # K5, K6, K7 at the default rates (omega*(k), W_m): draws with k < rho only
        feasible = (F > 0) & (k < rho * (1 - 1e-9))
        at = np.flatnonzero(feasible)
        k5, c5 = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
        k6, c6 = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
        k7, c7 = np.zeros(m, dtype=bool), np.zeros(m, dtype=bool)
        if at.size and formula == "corrected":
            g = K.games(*(v[at] for v in (n, F, alpha, beta, c, c_A)), k=k[at], delta=delta[at])
            ok = g.undefined == 0
            kk, r = k[at], rho[at]
            sep = ok & (np.abs(kk * kk - r) > 1e-9 * r)
            k5[at], c5[at] = sep, (g.klass == 0) == (kk * kk > r)
            dl = delta[at]
            collude = g.NN / (1 - dl)  # all N every period
            deviate = g.YN + dl * g.YY / (1 - dl)  # Y against all N once, then all Y (zero profit)
            sep6 = ok & (np.abs(collude - deviate) > 1e-9 * (np.abs(collude) + np.abs(deviate)))
            k6[at], c6[at] = sep6, (g.collusion_sustainable == 1) == (collude >= deviate)
            closed = 1 - (r - kk) / (kk * (kk - 1))
            k7[at] = ok
            c7[at] = np.abs(g.collusion_threshold - closed) <= 1e-9 * np.maximum(1.0, np.abs(closed))
        res["K5"] = (k5, c5, reason("class at (omega*(k), W_m) != [k^2 > rho]", m))
        res["K6"] = (k6, c6, reason("exact verdict != discounted streams", m))
        res["K7"] = (k7, c7, reason("delta_c != 1 - (rho - k)/(k (k - 1))", m))
    return res
