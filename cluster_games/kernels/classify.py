r"""Many 2x2 games at once: domain, payoffs, exact dominance classes and equilibria, vectorised.

:func:`games` evaluates the trading companies' game at every point of broadcast
parameter arrays, in chunks. Rates left as ``None`` are the defaults, taken
**exactly** as :class:`~cluster_games.game.ClusterGame.at` takes them: the free-entry
rate through :math:`M(\omega^*) = 2F/n` (so :math:`\pi_{YY} = 0` exactly) and the
monopoly rate through :math:`M(W_m) = G^2/(4\beta)`, where :math:`M(r) = m(r) D(r)`.

Every sign is exact. The dominance margins

.. math::

    a = \pi_{YY} - \pi_{NY} = \tfrac12 n\, M(\omega), \qquad
    b = \pi_{YN} - \pi_{NN} = \tfrac12 n\,\bigl(2 M(\omega) - M(W)\bigr)

and the domain tests (:math:`W > \omega`, :math:`D(W) \ge 0`, :math:`m(W) \ge 0`,
:mod:`cluster_games.domain`) are computed in float64 with a bound on their rounding
error; where a value lies within its bound of zero the point is recomputed in
double-double, and if still undecided in rational arithmetic
(:mod:`cluster_games.kernels.margins`). The mixed equilibrium's probability
:math:`p = b/(b - a)` is within :data:`P_TOLERANCE` of the exact value. The labels
therefore equal :meth:`ClusterGame.classify <cluster_games.game.ClusterGame.classify>`
at every point. With ``engine="numba"`` (extra ``fast``) the float64 stage runs as one
compiled loop over the same function.

Points outside the domain of a game are *undefined*, with the reason in
:data:`UNDEFINED`; they get no class, no equilibria and NaN payoffs.

Examples
--------
>>> from cluster_games.kernels import classify as K
>>> labels(K.classify(2, 8, 1, 1, 0, 1.0, [2.9, 3.0, 3.1])).tolist()
['Y strictly dominant', 'Y weakly dominant', 'no dominant strategy']
>>> g = K.games(10, [1, 0], 100, 1, 10, 1)  # omega*, W_m by default; F = 0 is a tie
>>> labels(g.klass).tolist(), g.YY.tolist()
(['no dominant strategy', 'N weakly dominant'], [0.0, 0.0])
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..domain import as_real_array, as_whole_array
from . import closed_forms, exact, free_entry, margins, mixed_k
from ._arrays import DEFAULT_CHUNK, _check_chunk, _chunks, _piece, _prepare, keep_freed_heap
from .closed_forms import PayoffEntries, monopoly_rate
from .margins import P_TOLERANCE
from .outcomes import (
    CLASS_CODES,
    CLASSES,
    EQUILIBRIUM_KINDS,
    UNDEFINED,
    Equilibria,
    GameArrays,
    classify_signs,
    labels,
)

__all__ = [
    "CLASSES",
    "CLASS_CODES",
    "EQUILIBRIUM_KINDS",
    "UNDEFINED",
    "P_TOLERANCE",
    "GameArrays",
    "Equilibria",
    "games",
    "payoff_entries",
    "margin_signs",
    "classify",
    "equilibria",
    "labels",
    "Q_bar",
    "investment_gap",
]

#: The float64 stage's outputs, in :func:`cluster_games.kernels.margins.float_stage`'s order.
_STAGE_FIELDS = (
    "undefined",
    "sign_a",
    "sign_b",
    "p_mixed",
    "unsure",
    "YY",
    "YN",
    "NY",
    "NN",
    "collusion_threshold",
    "collusion_sustainable",
)
_DTYPES = {
    "undefined": np.int8,
    "sign_a": np.int8,
    "sign_b": np.int8,
    "unsure": np.int8,
    "collusion_sustainable": np.int8,
}
#: Largest number of companies the kernels accept (k enters as a float64 factor, exactly).
MAX_COMPANIES = 2**31
#: Points per chunk of the numba engine (its loop has no temporaries).
_NUMBA_CHUNK = 1 << 18


# ----------------------------------------------------------------------------- the kernel
def _chunk(n, F, alpha, beta, c, c_A, k, delta, omega, W, dest: dict[str, NDArray], numba: bool) -> None:
    """Fill ``dest`` (the outputs' slices for one chunk) from chunk inputs (0-d or 1-D)."""
    m = dest["omega"].shape[0]
    omega_default, W_default = omega is None, W is None
    with np.errstate(all="ignore"):
        om = (
            free_entry.omega_star(
                n, F, alpha, beta, c, c_A, k=k, engine="numba" if numba else "numpy", on_infeasible="nan"
            )
            if omega_default
            else omega
        )
        Wv = monopoly_rate(alpha, beta, c, c_A) if W_default else W
        dest["omega"][...] = om
        dest["W"][...] = Wv
        unsure = np.empty(m, dtype=np.int8)
        if numba:
            from . import _numba

            columns = [n, F, alpha, beta, c, c_A, dest["omega"], dest["W"], k, delta]
            _numba.game_pass(
                [np.ascontiguousarray(np.broadcast_to(v, (m,)), dtype=np.float64) for v in columns],
                omega_default,
                W_default,
                [unsure if key == "unsure" else dest[key] for key in _STAGE_FIELDS],
            )
        else:
            keep_freed_heap()  # the stage's chunk-sized temporaries: see its docstring
            stage = margins.float_stage(n, F, alpha, beta, c, c_A, om, Wv, k, delta, omega_default, W_default)
            for key, value in zip(_STAGE_FIELDS, stage, strict=True):
                (unsure if key == "unsure" else dest[key])[...] = value
    _refine(n, F, alpha, beta, c, c_A, k, delta, dest, unsure, omega_default, W_default)
    _mixed_k(n, F, alpha, beta, c, c_A, k, dest, omega_default, W_default)


def _mixed_k(n, F, alpha, beta, c, c_A, k, dest, omega_default: bool, W_default: bool) -> None:
    r"""``p_mixed`` of the coordination games with ``k > 2`` companies (:mod:`cluster_games.kernels.mixed_k`).

    There :math:`s = M(\omega) > 0 > d = ks - h`, and :math:`r = h/s = k - (k - 1)\delta_c` comes from
    the collusion threshold, known to ``THRESHOLD_TOLERANCE`` relative to :math:`\max(1, |\delta_c|)`;
    where that leaves ``p`` less sure than :data:`P_TOLERANCE`, ``r`` is computed exactly.
    """
    m = dest["p_mixed"].shape[0]
    ks = np.broadcast_to(k, (m,))
    idx = np.flatnonzero((ks > 2) & (dest["sign_a"] == 1) & (dest["sign_b"] == -1))
    if not idx.size:
        return
    kk, th = ks[idx].astype(float), dest["collusion_threshold"][idx]
    with np.errstate(over="ignore"):
        r = kk - (kk - 1.0) * th
        rel = (kk - 1.0) * margins.THRESHOLD_TOLERANCE * np.maximum(1.0, np.abs(th)) / r
    p, bound = mixed_k.probability(r, kk, rel)
    for j in np.flatnonzero(~(bound <= P_TOLERANCE)).tolist():  # rare: r exactly, rounded once
        i = int(idx[j])
        vals = [Fraction(float(np.broadcast_to(v, (m,))[i])) for v in (n, F, alpha, beta, c, c_A)]
        rates = (None if omega_default else Fraction(float(dest["omega"][i])),)
        rates += (None if W_default else Fraction(float(dest["W"][i])),)
        seeing, hiding = exact.profits(*vals, *rates, int(kk[j]))
        p[j] = mixed_k.probability(np.array([float(hiding / seeing)]), kk[j : j + 1])[0][0]
    dest["p_mixed"][idx] = p


def _refine(n, F, alpha, beta, c, c_A, k, delta, dest, unsure, omega_default: bool, W_default: bool) -> None:
    """Double-double, then exact arithmetic, where the float64 stage left a point undecided."""
    m = unsure.shape[0]
    idx = np.flatnonzero(unsure == margins.MARGINS)
    if idx.size:
        pts = [
            np.broadcast_to(v, (m,))[idx] for v in (n, F, alpha, beta, c, c_A, dest["omega"], dest["W"], k)
        ]
        sign_s, sign_d, p, threshold, decided = margins.dd_margins(*pts, omega_default, W_default)
        at = idx[decided]
        dest["sign_a"][at] = sign_s[decided]
        dest["sign_b"][at] = sign_d[decided]
        dest["p_mixed"][at] = p[decided]
        dest["collusion_threshold"][at] = threshold[decided]
        unsure[idx[~decided]] = margins.DOMAIN
    idx = np.flatnonzero(unsure == margins.DOMAIN)
    if idx.size:
        cols = [
            np.broadcast_to(v, (m,)) for v in (n, F, alpha, beta, c, c_A, dest["omega"], dest["W"], k, delta)
        ]
        for i in idx.tolist():
            code, sign_s, sign_d, p_i, threshold, sustainable = margins.exact_point(
                [float(col[i]) for col in cols], omega_default, W_default
            )
            dest["undefined"][i], dest["sign_a"][i], dest["sign_b"][i] = code, sign_s, sign_d
            dest["p_mixed"][i], dest["collusion_threshold"][i] = p_i, threshold
            dest["collusion_sustainable"][i] = sustainable
            if code != 0:  # the float stage took it for a game
                for key in ("YY", "YN", "NY", "NN", "collusion_threshold"):
                    dest[key][i] = np.nan


def _rates(omega, W):
    return [None if r is None else as_real_array(name, r) for name, r in (("omega", omega), ("W", W))]


def games(
    n: ArrayLike,
    F: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike | None = None,
    W: ArrayLike | None = None,
    *,
    k: ArrayLike = 2,
    delta: ArrayLike | None = None,
    chunk_size: int | None = None,
    engine: str = "auto",
) -> GameArrays:
    r"""The game at every point of the broadcast inputs: domain, payoffs, exact signs, mixed probability.

    Parameters
    ----------
    n, F, alpha, beta, c, c_A : array_like
        Model parameters, validated by :mod:`cluster_games.domain` (magnitudes included).
    omega, W : array_like, optional
        The rates; ``None`` means the free-entry rate :math:`\omega^*` and the monopoly rate
        :math:`W_m`, each taken exactly (see the module docstring).
    k : int or array_like of int
        Number of trading companies (>= 2; the paper's game is 2; beyond the paper otherwise,
        :mod:`cluster_games.model_k`). With ``k > 2``, ``p_mixed`` is the symmetric mixed
        equilibrium's probability of Y (:mod:`cluster_games.kernels.mixed_k`; exact in
        :meth:`cluster_games.companies.CompanyGame.symmetric_equilibria`).
    delta : float or array_like, optional
        Discount factor in (0, 1) of the repeated game: ``collusion_sustainable`` says, exactly,
        whether all-N at W with Nash reversion is subgame perfect (-1 where not asked).
    chunk_size : int, optional
        Points per chunk; memory is the outputs plus one chunk of scratch. Default: 32768 with
        numpy, 2**18 with numba.
    engine : {"auto", "numpy", "numba"}
        The float64 stage's evaluator, as in :func:`cluster_games.omega_star`: ``"auto"``
        uses numba for at least 65536 points when it is installed. Results are identical.

    Returns
    -------
    GameArrays
        Arrays of the broadcast shape.

    Examples
    --------
    >>> g = games(10, 1, 100, 1, 10, 1, 0.2, [0.4, 0.1, 9.5])
    >>> g.undefined.tolist(), labels(g.klass).tolist()
    ([0, 2, 3], ['no dominant strategy', 'undefined', 'undefined'])
    """
    arrays, shape = _prepare({"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    rates = _rates(omega, W)
    ks = as_whole_array("k", k, 2, MAX_COMPANIES)
    deltas = np.array(np.nan) if delta is None else as_real_array("delta", delta)
    shape = np.broadcast_shapes(shape, ks.shape, deltas.shape, *(r.shape for r in rates if r is not None))
    size = math.prod(shape)
    numba = free_entry._use_numba(engine, size)
    chunk_size = _check_chunk(
        chunk_size if chunk_size is not None else _NUMBA_CHUNK if numba else DEFAULT_CHUNK
    )
    fields = {
        key: np.empty(size, dtype=_DTYPES.get(key, np.float64))
        for key in ("omega", "W", *(f for f in _STAGE_FIELDS if f != "unsure"))
    }
    for start, stop in _chunks(size, chunk_size):
        parts = [_piece(a, shape, start, stop) for a in arrays]
        rparts = [None if r is None else _piece(r, shape, start, stop) for r in rates]
        kpart, dpart = _piece(ks, shape, start, stop), _piece(deltas, shape, start, stop)
        _chunk(*parts, kpart, dpart, *rparts, {key: v[start:stop] for key, v in fields.items()}, numba)
    fields["k"] = np.broadcast_to(ks, shape).astype(np.float64)
    return GameArrays(**{key: v.reshape(shape) for key, v in fields.items()})


# ----------------------------------------------------------------------------- thin views
def payoff_entries(n, F, alpha, beta, c, c_A, omega=None, W=None) -> PayoffEntries:
    r"""Company A's four payoffs as broadcast float64 arrays (NaN where the point is not a game).

    .. math::

        \pi_{YY} = \tfrac12 n M(\omega) - F,\;
        \pi_{YN} = n M(\omega) - F,\;
        \pi_{NY} = -F,\;
        \pi_{NN} = \tfrac12 n M(W) - F.

    Examples
    --------
    >>> payoff_entries(10, 1, 100, 1, 10, 1, 0.2, [0.4, 2.0]).NN
    array([1289., 6649.])
    """
    g = games(n, F, alpha, beta, c, c_A, omega, W)
    return PayoffEntries(g.YY, g.YN, g.NY, g.NN)


def margin_signs(n, alpha, beta, c, c_A, omega, W, *, chunk_size: int | None = None):
    r"""Exact signs of the dominance margins and the mixed equilibrium's probability of Y, at given rates.

    .. math::

        a = \tfrac12 n\, m(\omega) D(\omega), \quad
        b = \tfrac12 n\,(2 m(\omega) D(\omega) - m(W) D(W)), \quad
        p = \frac{b}{b - a}\ (a b < 0).

    ``F`` cancels from the margins. Returns ``(sign_a, sign_b, p_mixed)``; the signs are
    -2 where the rates are not a game (:func:`games` says why).

    Examples
    --------
    >>> margin_signs(2, 8, 1, 1, 0, 1.0, [3.0, 5.0, 3.5])
    (array([1, 1, 1], dtype=int8), array([ 0,  1, -1], dtype=int8), array([ nan,  nan, 0.04]))
    """
    g = games(n, 0.0, alpha, beta, c, c_A, omega, W, chunk_size=chunk_size)
    return g.sign_a, g.sign_b, g.p_mixed


def classify(n, alpha, beta, c, c_A, omega, W, *, chunk_size: int | None = None) -> NDArray[np.int8]:
    r"""Dominance class of each game at given rates as an integer code (:data:`CLASSES`), decided exactly.

    With :math:`a = \pi_{YY} - \pi_{NY}` and :math:`b = \pi_{YN} - \pi_{NN}`:
    0 "Y strictly dominant" (a > 0, b > 0), 1 "Y weakly dominant" (a, b >= 0, one
    zero), 2 "N strictly dominant" (a, b < 0), 3 "N weakly dominant", 4 "no dominant
    strategy" (opposite signs), 5 "Y and N equivalent" (a = b = 0), -1 undefined
    (not a game). Identical to :meth:`ClusterGame.classify` at every point.

    Examples
    --------
    >>> classify(10, 100, 1, 10, 1, 0.2, [0.22, 2.0])
    array([0, 4], dtype=int8)
    """
    return classify_signs(*margin_signs(n, alpha, beta, c, c_A, omega, W, chunk_size=chunk_size)[:2])


def equilibria(n, alpha, beta, c, c_A, omega, W, *, chunk_size: int | None = None) -> Equilibria:
    r"""All Nash equilibria of each symmetric 2x2 game at given rates, from the exact signs of the margins.

    With :math:`g(q) = q a + (1 - q) b`, company A's gain from Y over N when B
    plays Y with probability q (:func:`cluster_games.proofs.findings.symmetric_2x2_equilibria`):

    ======== ======== ===========================================================
    a        b        equilibria
    ======== ======== ===========================================================
    > 0      > 0      (Y, Y) only
    < 0      < 0      (N, N) only
    > 0      < 0      (Y, Y), (N, N), mixed with P(Y) = b / (b - a)
    < 0      > 0      (Y, N), (N, Y), mixed with P(Y) = b / (b - a)
    > 0      0        (Y, Y), (N, N), isolated (degenerate; finding R2)
    0        < 0      (Y, Y), (N, N), isolated (degenerate)
    0        > 0      continuum through (Y, Y)
    < 0      0        continuum through (N, N)
    0        0        every profile
    ======== ======== ===========================================================

    Examples
    --------
    >>> eq = equilibria(10, 100, 1, 10, 1, 0.2, [0.22, 2.0, 4.0])
    >>> eq.kind, eq.count
    (array([0, 2, 2], dtype=int8), array([1, 3, 3], dtype=int8))
    >>> eq.describe(1)
    'coordination: (Y, Y), (N, N) and a symmetric mixed equilibrium (P(Y) = 0.929147)'
    """
    return Equilibria.from_signs(*margin_signs(n, alpha, beta, c, c_A, omega, W, chunk_size=chunk_size))


# ----------------------------------------------------------------------------- P4, P5
def Q_bar(omega: ArrayLike, F: ArrayLike, c: ArrayLike, c_A: ArrayLike) -> NDArray[np.float64]:
    r"""Self-marketing break-even output :math:`\bar Q(\omega) = F / (\omega c - c_A)`, ``inf`` where the margin is not positive.

    Examples
    --------
    >>> Q_bar([0.2, 0.1], 1, 10, 1)
    array([ 1., inf])
    """
    omega = as_real_array("omega", omega)
    F, c, c_A = (as_real_array(k, v) for k, v in (("F", F), ("c", c), ("c_A", c_A)))
    m = closed_forms.margin(omega, c, c_A)
    positive = m > 0
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(positive, closed_forms.Q_bar(omega, F, c, c_A), np.inf)


def investment_gap(Q: ArrayLike, F: ArrayLike, c_A: ArrayLike) -> NDArray[np.float64]:
    r"""Capital saved by the customer system, :math:`I' - I = c_A Q + F` (Proposition 5).

    Examples
    --------
    >>> investment_gap([1.0, 2.0], 1, 0.5)
    array([1.5, 2. ])
    """
    Q = as_real_array("Q", Q)
    F, c_A = as_real_array("F", F), as_real_array("c_A", c_A)
    return np.asarray(closed_forms.investment_gap(Q, F, c_A), dtype=np.float64)
