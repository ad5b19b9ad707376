r"""Regions of the k-company claims (SPEC section 4): free entry against rho, and the boundaries.

With :math:`\rho = nG^2/(4\beta F)`, free entry with k companies has a break-even rate iff
:math:`k \le \rho`; each region below is a slack parametrisation onto its hypotheses, like those of
:mod:`~cluster_games.proofs.parametrisations`, and is refined by
:func:`~cluster_games.proofs.parametrisations.at_least_two` (k >= 2, k integer) where a claim uses it.

* :func:`below_rho`, :func:`at_rho`, :func:`above_rho`, :func:`at_most_rho`: :math:`k < \rho`,
  :math:`k = \rho`, :math:`k > \rho`, :math:`k \le \rho` (K4, K7);
* :func:`k_squared_above_rho`, :func:`k_squared_at_rho`, :func:`k_squared_below_rho`: the three
  cases of K5 at :math:`(\omega^*(k), W_m)`;
* :func:`all_N_stable`: :math:`M(W) > k M(\omega)` on :func:`~cluster_games.proofs.parametrisations.rates`
  (K3: both all-Y and all-N are equilibria);
* :func:`discount_factor`: :math:`\delta` above, at or below :math:`\delta_c` (K6), with
  :math:`0 < \delta < 1` as restrictions.

>>> below_rho().assumptions
('G > 0', 'k < rho', 'F > 0')
>>> k_squared_at_rho().refine(at_least_two()).assumptions
('G > 0', 'k^2 = rho', 'k >= 2', 'k integer')
"""

from __future__ import annotations

from typing import Literal

import sympy as sp

from .. import model as M
from .. import model_k as MK
from . import formulas as V
from .parametrisations import Region, at_least_two, rates

__all__ = [
    "below_rho",
    "at_rho",
    "above_rho",
    "at_most_rho",
    "k_squared_above_rho",
    "k_squared_at_rho",
    "k_squared_below_rho",
    "all_N_stable",
    "discount_factor",
    "at_least_two",
]


def _pos(name: str) -> sp.Symbol:
    return sp.Symbol(name, positive=True)


def _alpha(g: sp.Expr) -> dict[sp.Symbol, sp.Expr]:
    """G = g: alpha = beta (c + c_A) + g."""
    return {M.alpha: M.beta * (M.c + M.c_A) + g}


_G_POSITIVE = V.gt(V.G, 0)
_F_POSITIVE = V.gt(V.F, 0)


def below_rho() -> Region:
    r""":math:`G > 0`, :math:`k < \rho`, :math:`F > 0`: a free-entry rate :math:`\omega^*(k)` exists.

    The parametrisation of :func:`~cluster_games.proofs.parametrisations.free_entry` with k companies
    (:math:`k < \rho` is :math:`n > n_{\min}(k)`): :math:`s = \sqrt{G^2 - 4k\beta F/n}`, :math:`t = G - s`.
    """
    s, t = _pos("s"), _pos("t")
    root = sp.sqrt(M.discriminant(M.k))
    return Region(
        "k < rho",
        (_G_POSITIVE, V.lt(V.k, V.rho), _F_POSITIVE),
        {M.F: M.n * t * (2 * s + t) / (4 * M.k * M.beta), **_alpha(s + t)},
        (s, t),
        {s: root, t: M.G - root},
    )


def at_rho() -> Region:
    r"""The boundary :math:`k = \rho` (:math:`n = n_{\min}(k)`): :math:`G = g > 0`, :math:`F = ng^2/(4k\beta)`."""
    g = _pos("g")
    return Region(
        "k = rho",
        (_G_POSITIVE, V.eq(V.k, V.rho), _F_POSITIVE),
        {M.F: M.n * g**2 / (4 * M.k * M.beta), **_alpha(g)},
        (g,),
        {g: M.G},
    )


def above_rho() -> Region:
    r""":math:`k > \rho`: :math:`G = g > 0`, :math:`F = n(g^2 + u)/(4k\beta)`, :math:`u = 4k\beta F/n - G^2 > 0`."""
    g, u = _pos("g"), _pos("u")
    return Region(
        "k > rho",
        (_G_POSITIVE, V.gt(V.k, V.rho), _F_POSITIVE),
        {M.F: M.n * (g**2 + u) / (4 * M.k * M.beta), **_alpha(g)},
        (g, u),
        {g: M.G, u: 4 * M.k * M.beta * M.F / M.n - M.G**2},
    )


def at_most_rho() -> Region:
    r""":math:`k \le \rho`: :math:`G = g > 0`, :math:`F = ng^2/(4\beta(k + r))`, :math:`r = \rho - k \ge 0`."""
    g, r = _pos("g"), sp.Symbol("r", nonnegative=True)
    return Region(
        "k <= rho",
        (_G_POSITIVE, V.le(V.k, V.rho), _F_POSITIVE),
        {M.F: M.n * g**2 / (4 * M.beta * (M.k + r)), **_alpha(g)},
        (g, r),
        {g: M.G, r: MK.rho() - M.k},
    )


def k_squared_above_rho() -> Region:
    r""":math:`k < \rho < k^2`: :math:`1/\rho` strictly between :math:`1/k^2` (a = 0) and :math:`1/k` (a infinite).

    :math:`F = \frac{nG^2}{4\beta} \cdot \frac{1 + ka}{k^2(1 + a)}` (then :math:`1/\rho = (1 + ka)/(k^2(1 + a))`),
    with the inverse :math:`a = (k^2 - \rho)/(k(\rho - k)) > 0`; the interval is empty unless k > 1,
    so the region is used refined by k >= 2.
    """
    g, a = _pos("g"), _pos("a")
    k, rho = M.k, MK.rho()
    return Region(
        "k^2 > rho",
        (_G_POSITIVE, V.lt(V.k, V.rho), V.gt(V.k**2, V.rho), _F_POSITIVE),
        {M.F: M.n * g**2 * (1 + k * a) / (4 * M.beta * k**2 * (1 + a)), **_alpha(g)},
        (g, a),
        {g: M.G, a: (k**2 - rho) / (k * (rho - k))},
    )


def k_squared_at_rho() -> Region:
    r"""The boundary :math:`k^2 = \rho`: :math:`G = g > 0`, :math:`F = ng^2/(4\beta k^2)`."""
    g = _pos("g")
    return Region(
        "k^2 = rho",
        (_G_POSITIVE, V.eq(V.k**2, V.rho)),
        {M.F: M.n * g**2 / (4 * M.beta * M.k**2), **_alpha(g)},
        (g,),
        {g: M.G},
    )


def k_squared_below_rho() -> Region:
    r""":math:`k^2 < \rho`: :math:`F = ng^2/(4\beta k^2 (1 + u))`, :math:`u = \rho/k^2 - 1 > 0`."""
    g, u = _pos("g"), _pos("u")
    return Region(
        "k^2 < rho",
        (_G_POSITIVE, V.lt(V.k**2, V.rho)),
        {M.F: M.n * g**2 / (4 * M.beta * M.k**2 * (1 + u)), **_alpha(g)},
        (g, u),
        {g: M.G, u: MK.rho() / M.k**2 - 1},
    )


def all_N_stable(where: Literal[">", "="] = ">") -> Region:
    r""":func:`~cluster_games.proofs.parametrisations.rates` and :math:`M(W) > k M(\omega)` (or, with
    ``where="="``, the boundary :math:`M(W) = k M(\omega)`), then k >= 2.

    With :math:`\mu = m(\omega)`, :math:`d = D(\omega)`, :math:`\Delta = W - \omega`:
    :math:`M(W) - kM(\omega) = d(\Delta c - (k - 1)\mu) - \beta c\Delta(\mu + c\Delta)`, linear in d.
    It is positive (zero) iff :math:`q = \Delta c - (k - 1)\mu > 0` and
    :math:`d = (h + \beta c \Delta(\mu + c\Delta))/q` with :math:`h = M(W) - kM(\omega) > 0` (h = 0);
    the slacks q and h replace Delta and d.
    """
    base = rates()
    mu, by_d, by_gap = base.slacks
    q, h = _pos("q"), _pos("h")
    excess = h if where == ">" else 0
    gap = ((M.k - 1) * mu + q) / M.c
    inverse = {q: by_gap * M.c - (M.k - 1) * mu}
    if where == ">":
        inverse[h] = M.category_profit(M.W) - M.k * M.category_profit(M.omega)
    extra = Region(
        f"M(W) {where} k*M(omega)",
        ({">": V.gt, "=": V.eq}[where](V.M(V.W), V.k * V.M(V.omega)),),
        {by_gap: gap, by_d: (excess + M.beta * M.c * gap * (mu + M.c * gap)) / q},
        (q, h) if where == ">" else (q,),
        inverse,
    )
    return base.refine(extra).refine(at_least_two())


def discount_factor(where: Literal[">", "=", "<"]) -> Region:
    r""":func:`~cluster_games.proofs.parametrisations.rates`, k >= 2, and :math:`\delta` above
    (:math:`\delta = \delta_c + v`), at or below (:math:`\delta = \delta_c - v`) the collusion
    threshold :math:`\delta_c` (:func:`cluster_games.model_k.collusion_threshold`), with
    :math:`0 < \delta < 1` as restrictions."""
    threshold = MK.collusion_threshold()
    v = _pos("v")
    hypothesis = {">": V.gt, "=": V.eq, "<": V.lt}[where](V.delta, V.delta_c)
    value = {">": threshold + v, "=": threshold, "<": threshold - v}[where]
    slacks = () if where == "=" else (v,)
    inverse = {">": {v: MK.delta - threshold}, "=": {}, "<": {v: threshold - MK.delta}}[where]
    extra = Region(
        f"delta {where} delta_c",
        (hypothesis,),
        {MK.delta: value},
        slacks,
        inverse,
        (V.gt(V.delta, 0), V.lt(V.delta, 1)),
    )
    region = rates().refine(at_least_two()).refine(extra)
    # the threshold in the slacks, cancelled once here rather than in every certificate on the region
    cancelled = {symbol: sp.cancel(value) for symbol, value in region.substitution.items()}
    return Region(
        region.key, region.hypotheses, cancelled, region.slacks, region.inverse, region.restrictions
    )
