r"""The paper's Propositions 1-5 on one block of Monte-Carlo draws (see :mod:`cluster_games.scale.montecarlo`).

:func:`check_block` draws the block, computes the rates and returns, for each claim, the
arrays ``(hypotheses, conclusion, why)`` and the unresolved draws with their reasons
(:class:`~cluster_games.scale.block_checks_k.Verdicts`): where
the hypotheses hold, the conclusion must. The claims beyond the paper are in
:mod:`cluster_games.scale.block_checks_k`.

No verdict from numerical noise
-------------------------------
A draw is a counterexample only where the float64 evaluation *provably* refutes the claim: each
quantity a verdict depends on is compared with its threshold only where it lies farther from it
than its rounding-error bound (:math:`u = 2^{-53}` times the magnitudes it is formed from, and, for
quantities at the free-entry rate, the 1e-12 relative accuracy :func:`cluster_games.omega_star`
guarantees). Where it does not, float64 cannot resolve the claim at that draw: the draw is
*unresolved*, counted apart with the reason, never as a counterexample and never as a success.
(At :math:`n = 10^{18}` the margin :math:`m(\omega^*) = 2F/(nD)` is a :math:`10^{-18}` part of
:math:`\omega^* c`; the rounding of :math:`\omega^*` alone then decides :math:`\bar Q`.)
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..kernels import _arrays as A
from ..kernels import classify as K
from ..kernels import closed_forms as CF
from ..kernels import free_entry as FE
from ..parameters import PARAMETER_NAMES
from .block_checks_k import _OUT_OF_RANGE, Verdicts, games_in_range, k_claims, reason, verdicts
from .boxes import BLOCK, draw_block

__all__ = ["PAPER_CLAIMS", "Verdicts", "check_block", "rate", "OMEGA_RTOL"]

#: What each proposition's check tests, by id.
PAPER_CLAIMS = {
    "P1": "Y strictly dominant and (Y, Y) the unique equilibrium under the paper's hypotheses",
    "P2": "omega* zeroes pi_YY and is the lower root, above cost recovery",
    "P3": "omega* falls with n and stays above c_A / c",
    "P4": "Q < Q_bar loses, Q > Q_bar gains, Q_bar(omega*) = n D(omega*) / 2, Q_bar falls with omega",
    "P5": "I' - I = c_A Q + F > 0",
}

#: Relative accuracy of :func:`cluster_games.omega_star` (its contract): an error of the rate itself.
OMEGA_RTOL = 1e-12
_U = A._U
#: Largest relative uncertainty of a quantity at which a check still reads it (beyond: unresolved).
_RESOLVABLE = 1e-3


def rate(formula: str, n, F, alpha, beta, c, c_A) -> np.ndarray:
    """The seeing rate of the draws: the corrected omega* (NaN where none exists) or the printed formula."""
    if formula == "paper":
        return FE.omega_star_paper(n, F, alpha, beta, c, c_A)
    return FE.omega_star(n, F, alpha, beta, c, c_A, on_infeasible="nan")


def _p1(d, n, F, alpha, beta, c, c_A, w, W, m_w, e_m, D_w, e_D) -> Verdicts:
    """The paper's hypotheses, at rates that make a game (D(W) >= 0, m(W) >= 0); decided beyond rounding."""
    m = n.shape[0]
    gap = m_w - (W - w) * c  # (W - w) c < w c - c_A
    e_gap = 4 * _U * (np.abs(W * c) + 2 * np.abs(w * c) + c_A)
    finite = np.isfinite(W) & np.isfinite(w)
    sure = finite & (m_w > e_m) & (D_w > e_D) & (gap > e_gap)
    refuted = ~finite | (m_w < -e_m) | (D_w < -e_D) | (gap < -e_gap)
    in_range = games_in_range(w, W)
    hyp = sure & in_range
    at = np.flatnonzero(hyp)  # the games only where the hypotheses hold
    concl = np.zeros(m, dtype=bool)
    if at.size:
        g = K.games(*(v[at] for v in (n, F, alpha, beta, c, c_A, w, W)))
        hyp[at] &= g.undefined == 0
        concl[at] = (g.klass == 0) & g.equilibria.unique_YY
    return verdicts(
        hyp,
        concl,
        reason("not (Y strictly dominant and (Y, Y) unique)", m),
        (~sure & ~refuted, "the paper's hypotheses are within float64 rounding of their bounds"),
        (sure & ~in_range, _OUT_OF_RANGE),
    )


def _p2(n, F, alpha, beta, c, c_A, w, Wm, D_w, e_D, above) -> Verdicts:
    hyp = F > 0
    pi = n / 2 * (w * c - c_A) * D_w - F
    scale = F + n / 2 * (np.abs(w * c) + c_A) * (alpha + beta * np.abs(1 + w) * c)
    # pi is formed with a relative error of a few u of scale, and omega*'s own error (1e-12) moves it
    # by at most about 2e-12 scale: beyond 1e-9 scale omega* is provably not a root
    zero = np.abs(pi) <= 1e-9 * scale
    lower = w <= Wm * (1 + 1e-12)
    # D(omega*) >= G/2 > 0; decided where D_w is beyond its rounding and omega*'s own error
    e_D2 = e_D + OMEGA_RTOL * beta * c * np.abs(w)
    finite = np.isfinite(w)
    concl = finite & zero & above & (D_w > e_D2) & lower
    unresolved = hyp & finite & zero & above & lower & (np.abs(D_w) <= e_D2)
    why = np.where(
        ~finite,
        "omega* undefined (negative discriminant)",
        np.where(
            ~zero,
            "omega* does not zero pi_YY",
            np.where(~lower, "omega* is not the lower root", "m or D not positive"),
        ),
    )
    return verdicts(hyp, concl, why, (unresolved, "D(omega*) is within float64 rounding of 0"))


def _p3(d, formula, n, F, alpha, beta, c, c_A, w, above) -> Verdicts:
    hyp = F > 0
    n2 = n * (1 + d["v"])
    w2 = rate(formula, n2, F, alpha, beta, c, c_A)
    # A lower bound of the relative fall: |d omega*/dn| >= 2F/(c n^2 G). G may cancel in float64, so it
    # is replaced by an upper bound of itself (its rounding error is at most 2u (alpha + beta c + beta c_A)):
    # the bound stays a bound. Beyond 1e-10 the fall is far above omega*'s own 2e-12 and must show.
    G_up = alpha - beta * (c + c_A) + 4 * _U * (alpha + beta * c + beta * c_A)
    predicted = 2 * F * (1 / n - 1 / n2) / (c * G_up * w)
    falls = np.where(predicted > 1e-10, w2 < w, w2 <= w * (1 + 4 * OMEGA_RTOL))
    concl = np.isfinite(w) & np.isfinite(w2) & falls & above
    why = np.where(
        ~(np.isfinite(w) & np.isfinite(w2)),
        "omega* undefined",
        np.where(~falls, "omega* does not fall with n", "omega* <= c_A / c"),
    )
    return verdicts(hyp, concl, why)


def _p4(d, n, F, beta, c, c_A, w, m_w, e_m, D_w, e_D) -> Verdicts:
    # m(w) = w c - c_A: decided where it exceeds its rounding error
    hyp = (m_w > e_m) & (F > 0)
    cancels = (np.abs(m_w) <= e_m) & (F > 0)
    safe_m = np.where(hyp, m_w, 1.0)
    qbar = F / safe_m
    u = d["u"]
    lose = u * qbar * m_w - F < 0
    gain = qbar / u * m_w - F > 0
    # Q_bar(omega*) = n D(omega*)/2 at the float rate: m(w) carries w's own error (1e-12 of w c) and its
    # rounding, D(w) likewise; their relative uncertainties kappa bound how far the two sides may differ
    kappa_m = (OMEGA_RTOL * np.abs(w * c) + e_m) / safe_m
    half_D = n * D_w / 2
    kappa_D = (e_D + OMEGA_RTOL * beta * c * np.abs(w)) / np.abs(np.where(D_w != 0, D_w, 1.0))
    resolvable = (kappa_m <= _RESOLVABLE) & (kappa_D <= _RESOLVABLE)
    half = np.abs(qbar - half_D) <= (1e-9 + 2 * kappa_m + 2 * kappa_D) * np.abs(qbar)
    # Q_bar falls with omega: m(w (1 + W_rel)) > m(w), decided where the rise exceeds both roundings
    w_up = w * (1 + d["W_rel"])
    m_up = w_up * c - c_A
    e_up = e_m + 2 * _U * (np.abs(w_up * c) + c_A)
    rise = m_up - m_w
    falls_q = rise > e_up
    tiny_rise = hyp & (np.abs(rise) <= e_up)
    uncertain = hyp & ~resolvable & ~tiny_rise
    hyp &= resolvable & ~tiny_rise
    concl = lose & gain & half & falls_q
    why = np.where(
        ~(lose & gain),
        "pi' has the wrong sign around Q_bar",
        np.where(~half, "Q_bar(omega*) != n D(omega*) / 2", "Q_bar does not fall with omega"),
    )
    return verdicts(
        hyp,
        concl,
        why,
        (cancels, "m(omega) = omega c - c_A is within float64 rounding of 0"),
        (
            uncertain,
            "m(omega*) = omega* c - c_A cancels: omega*'s own error decides Q_bar (uncertainty > 1e-3)",
        ),
        (tiny_rise, "the rise of omega (W_rel) is below float64 resolution of m(omega)"),
    )


def _p5(F, c, c_A, D_w) -> Verdicts:
    hyp = ((F > 0) | (c_A > 0)) & (D_w > 0)
    Q = np.where(hyp, D_w, 1.0)
    gap = CF.investment_gap(Q, F, c_A)
    direct = (c + c_A) * Q + F - c * Q
    agree = np.abs(direct - gap) <= 8 * _U * ((c + c_A) * Q + F + c * Q)
    # c_A Q underflows to 0 (a tiny Q, F = 0): float64 cannot show I' - I > 0
    underflow = hyp & (F == 0) & (c_A * Q == 0)
    concl = (gap > 0) & agree
    why = np.where(~(gap > 0), "I' - I not positive", "I' - I != c_A Q + F")
    return verdicts(hyp, concl, why, (underflow, "c_A Q underflows in float64"))


def check_block(seed: int, block: int, m: int, box, formula: str, keep: int) -> dict[str, Any]:
    """Every claim on block ``block`` (``m`` draws) of ``seed``: claim id -> (hypotheses met, conclusion
    met, counterexamples, up to ``keep`` examples, unresolved draws, {reason: count})."""
    d = draw_block(seed, block, m, box)
    n, F, alpha, beta, c, c_A = (d[k] for k in PARAMETER_NAMES)
    w = rate(formula, n, F, alpha, beta, c, c_A)
    with np.errstate(invalid="ignore", over="ignore", divide="ignore", under="ignore"):
        W = w * (1 + d["W_rel"])
        m_w = w * c - c_A
        e_m = 2 * _U * (np.abs(w * c) + c_A)
        D_w = alpha - beta * (1 + w) * c
        e_D = 4 * _U * (alpha + beta * np.abs(1 + w) * c)
        Wm = CF.monopoly_rate(alpha, beta, c, c_A)
        # m(w*) > 0 up to the 1e-12 contract: at n ~ 1e15 the true margin 2F / (n D) can lie
        # below the resolution of w*, which may then round onto c_A / c.
        above = w * c > c_A * (1 - 4 * OMEGA_RTOL)
        res: dict[str, Verdicts] = {
            "P1": _p1(d, n, F, alpha, beta, c, c_A, w, W, m_w, e_m, D_w, e_D),
            "P2": _p2(n, F, alpha, beta, c, c_A, w, Wm, D_w, e_D, above),
            "P3": _p3(d, formula, n, F, alpha, beta, c, c_A, w, above),
            "P4": _p4(d, n, F, beta, c, c_A, w, m_w, e_m, D_w, e_D),
            "P5": _p5(F, c, c_A, D_w),
        }
        res.update(k_claims(d, n, F, alpha, beta, c, c_A, w, W, formula))

    index0 = block * BLOCK
    out: dict[str, Any] = {}
    for pid, v in res.items():
        unresolved = np.zeros(m, dtype=bool)
        reasons: dict[str, int] = {}
        for mask, text in v.unresolved:
            count = int(np.count_nonzero(mask & ~unresolved))
            if count:
                reasons[text] = reasons.get(text, 0) + count
                unresolved |= mask
        hyp = np.asarray(v.hypotheses, dtype=bool) & ~unresolved
        bad = np.flatnonzero(hyp & ~v.conclusion)
        examples = []
        for i in bad[:keep]:
            ex = {"draw": int(index0 + i), "failed": str(v.why[i])}
            ex.update({k: float(d[k][i]) for k in PARAMETER_NAMES})
            # the printed formula has no real value where its root is imaginary: None, not NaN
            ex.update({k: (float(x[i]) if np.isfinite(x[i]) else None) for k, x in (("omega", w), ("W", W))})
            examples.append(ex)
        out[pid] = (
            int(hyp.sum()),
            int((hyp & v.conclusion).sum()),
            int(bad.size),
            examples,
            int(unresolved.sum()),
            reasons,
        )
    return out
