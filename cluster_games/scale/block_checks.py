r"""The paper's Propositions 1-5 on one block of Monte-Carlo draws (see :mod:`cluster_games.scale.montecarlo`).

:func:`check_block` draws the block, computes the rates and returns, for each claim, the
arrays ``(hypotheses, conclusion, why)``: where the hypotheses hold, the conclusion must.
The claims beyond the paper are in :mod:`cluster_games.scale.block_checks_k`.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..kernels import _arrays as A
from ..kernels import classify as K
from ..kernels import free_entry as FE
from ..kernels.closed_forms import monopoly_rate
from ..parameters import PARAMETER_NAMES
from .block_checks_k import k_claims, reason
from .boxes import BLOCK, draw_block

__all__ = ["PAPER_CLAIMS", "check_block", "rate"]

#: What each proposition's check tests, by id.
PAPER_CLAIMS = {
    "P1": "Y strictly dominant and (Y, Y) the unique equilibrium under the paper's hypotheses",
    "P2": "omega* zeroes pi_YY and is the lower root, above cost recovery",
    "P3": "omega* falls with n and stays above c_A / c",
    "P4": "Q < Q_bar loses, Q > Q_bar gains, Q_bar(omega*) = n D(omega*) / 2, Q_bar falls with omega",
    "P5": "I' - I = c_A Q + F > 0",
}


def rate(formula: str, n, F, alpha, beta, c, c_A) -> np.ndarray:
    """The seeing rate of the draws: the corrected omega* (NaN where none exists) or the printed formula."""
    if formula == "paper":
        return FE.omega_star_paper(n, F, alpha, beta, c, c_A)
    return FE.omega_star(n, F, alpha, beta, c, c_A, on_infeasible="nan")


def check_block(seed: int, block: int, m: int, box, formula: str, keep: int) -> dict[str, Any]:
    """Every claim on block ``block`` (``m`` draws) of ``seed``: claim id -> (hypotheses met, conclusion
    met, counterexamples, up to ``keep`` examples)."""
    d = draw_block(seed, block, m, box)
    n, F, alpha, beta, c, c_A = (d[k] for k in PARAMETER_NAMES)
    w = rate(formula, n, F, alpha, beta, c, c_A)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore"):
        W = w * (1 + d["W_rel"])
        m_w = w * c - c_A
        D_w = alpha - beta * (1 + w) * c
        Wm = monopoly_rate(alpha, beta, c, c_A)
        res: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray]] = {}

        # P1: the paper's hypotheses, at rates that make a game (D(W) >= 0, m(W) >= 0)
        hyp = (m_w > 0) & (D_w > 0) & ((W - w) * c < w * c - c_A) & np.isfinite(W)
        at = np.flatnonzero(hyp)  # the games only where the hypotheses hold
        concl = np.zeros(m, dtype=bool)
        if at.size:
            g = K.games(*(v[at] for v in (n, F, alpha, beta, c, c_A, w, W)))
            hyp[at] &= g.undefined == 0
            concl[at] = (g.klass == 0) & g.equilibria.unique_YY
        res["P1"] = (hyp, concl, reason("not (Y strictly dominant and (Y, Y) unique)", m))

        # P2
        hyp = F > 0
        pi = n / 2 * m_w * D_w - F
        scale = F + n / 2 * (np.abs(w * c) + c_A) * (alpha + beta * np.abs(1 + w) * c)
        zero = np.abs(pi) <= 1e-9 * scale
        lower = w <= Wm * (1 + 1e-12)
        # m(w*) > 0 up to the 1e-12 contract: at n ~ 1e15 the true margin 2F / (n D) can lie
        # below the resolution of w*, which may then round onto c_A / c.
        above = w * c > c_A * (1 - 4e-12)
        concl = np.isfinite(w) & zero & above & (D_w > 0) & lower
        why = np.where(
            ~np.isfinite(w),
            "omega* undefined (negative discriminant)",
            np.where(
                ~zero,
                "omega* does not zero pi_YY",
                np.where(~lower, "omega* is not the lower root", "m or D not positive"),
            ),
        )
        res["P2"] = (hyp, concl, why)

        # P3
        n2 = n * (1 + d["v"])
        w2 = rate(formula, n2, F, alpha, beta, c, c_A)
        G = alpha - beta * (c + c_A)
        predicted = 2 * F * (1 / n - 1 / n2) / (c * G * w)  # lower bound of the relative fall
        falls = np.where(predicted > 1e-10, w2 < w, w2 <= w * (1 + 4e-12))
        concl = np.isfinite(w) & np.isfinite(w2) & falls & above
        why = np.where(
            ~(np.isfinite(w) & np.isfinite(w2)),
            "omega* undefined",
            np.where(~falls, "omega* does not fall with n", "omega* <= c_A / c"),
        )
        res["P3"] = (hyp, concl, why)

        # P4
        hyp = (m_w > 0) & (F > 0)
        qbar = F / m_w
        u = d["u"]
        lose = u * qbar * m_w - F < 0
        gain = qbar / u * m_w - F > 0
        # m(w) = w c - c_A cancels at large n: an error of 1e-12 in w (the contract) is
        # amplified by w c / m(w) in Q_bar.
        cond = (np.abs(w * c) + c_A) / m_w
        half = np.abs(qbar - n * D_w / 2) <= (1e-9 + 1e-12 * cond) * np.abs(qbar)
        w_up = w * (1 + d["W_rel"])
        falls_q = F / (w_up * c - c_A) < qbar
        concl = lose & gain & half & falls_q
        why = np.where(
            ~(lose & gain),
            "pi' has the wrong sign around Q_bar",
            np.where(~half, "Q_bar(omega*) != n D(omega*) / 2", "Q_bar does not fall with omega"),
        )
        res["P4"] = (hyp, concl, why)

        # P5
        hyp = ((F > 0) | (c_A > 0)) & (D_w > 0)
        Q = D_w
        gap = K.investment_gap(np.where(hyp, Q, 1.0), F, c_A)
        direct = (c + c_A) * Q + F - c * Q
        agree = np.abs(direct - gap) <= 8 * A._U * ((c + c_A) * Q + F + c * Q)
        concl = (gap > 0) & agree
        why = np.where(~(gap > 0), "I' - I not positive", "I' - I != c_A Q + F")
        res["P5"] = (hyp, concl, why)

    res.update(k_claims(d, n, F, alpha, beta, c, c_A, w, W, formula))

    index0 = block * BLOCK
    out: dict[str, Any] = {}
    for pid, (hyp, concl, why) in res.items():
        hyp = np.asarray(hyp, dtype=bool)
        bad = np.flatnonzero(hyp & ~concl)
        examples = []
        for i in bad[:keep]:
            ex = {"draw": int(index0 + i), "failed": str(why[i])}
            ex.update({k: float(d[k][i]) for k in PARAMETER_NAMES})
            # the printed formula has no real value where its root is imaginary: None, not NaN
            ex.update({k: (float(v[i]) if np.isfinite(v[i]) else None) for k, v in (("omega", w), ("W", W))})
            examples.append(ex)
        out[pid] = (int(hyp.sum()), int((hyp & concl).sum()), int(bad.size), examples)
    return out
