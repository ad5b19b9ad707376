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
:mod:`cluster_games.domain`) are computed in float64 together with a bound on their
rounding error (running-error bounds evaluated with absolute values, doubled); where
a value lies within its bound of zero the point is recomputed in rational arithmetic
(:mod:`cluster_games.kernels.exact`). The mixed equilibrium's probability
:math:`p = b/(b - a)` is recomputed exactly where its error bound exceeds
:data:`P_TOLERANCE`. The labels therefore equal
:meth:`ClusterGame.classify <cluster_games.game.ClusterGame.classify>` at every point.

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
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..domain import as_real_array
from . import exact, vectorized
from ._arrays import _U, DEFAULT_CHUNK, _check_chunk, _chunks, _piece, _prepare
from .closed_forms import PayoffEntries, margins_from_profits

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

#: Code -> label of :meth:`ClusterGame.classify` (code -1: undefined, see :data:`UNDEFINED`).
CLASSES: dict[int, str] = {
    -1: "undefined",
    0: "Y strictly dominant",
    1: "Y weakly dominant",
    2: "N strictly dominant",
    3: "N weakly dominant",
    4: "no dominant strategy",
    5: "Y and N equivalent",
}
#: Label -> code, the inverse of :data:`CLASSES`.
CLASS_CODES: dict[str, int] = {v: k for k, v in CLASSES.items()}

#: Code -> description of the equilibrium set of the symmetric 2x2 game (see :func:`equilibria`).
EQUILIBRIUM_KINDS: dict[int, str] = {
    -1: "undefined",
    0: "unique (Y, Y)",
    1: "unique (N, N)",
    2: "coordination: (Y, Y), (N, N) and a symmetric mixed equilibrium",
    3: "anti-coordination: (Y, N), (N, Y) and a symmetric mixed equilibrium",
    4: "degenerate: (Y, Y) and (N, N), isolated",
    5: "continuum through (Y, Y): conv{Y, N} x {Y} and {Y} x conv{Y, N}",
    6: "continuum through (N, N): conv{Y, N} x {N} and {N} x conv{Y, N}",
    7: "every profile is an equilibrium",
}

#: Code -> why a point is not a game (0: it is one).
UNDEFINED: dict[int, str] = {
    0: "",
    1: "no free-entry rate (G <= 0 or n < n_min)",
    2: "W <= omega",
    3: "negative demand at W",
    4: "W below cost recovery (m(W) < 0)",
}

#: Largest error bound accepted on the float mixed probability; above it, p is computed exactly.
#: (The bound is a worst case: typical points carry a bound near 1e-14 and an actual error of an ulp.)
P_TOLERANCE = 1e-12

_MARGIN_BOUND = 16 * _U  # running-error bound of M(r) = m(r) D(r), doubled (see the module docstring)
_TINY = 1e-290  # below this, underflow may void a relative bound: decide exactly
_STAR_TOL = 1e-12  # omega*'s float value is within this relative distance of the exact one (its contract)


# ----------------------------------------------------------------------------- sign tables
def _classify_signs(sa: NDArray[np.int8], sb: NDArray[np.int8]) -> NDArray[np.int8]:
    # Code table indexed by (sign a + 1, sign b + 1), the case analysis of classify_margins.
    table = np.array(
        [
            [2, 3, 4],  # a < 0: b < 0 N strictly, b = 0 N weakly, b > 0 none
            [3, 5, 1],  # a = 0: N weakly, equivalent, Y weakly
            [4, 1, 0],  # a > 0: none, Y weakly, Y strictly
        ],
        dtype=np.int8,
    )
    undefined = sa == -2
    out = np.array(table[np.where(undefined, 1, sa + 1), np.where(undefined, 1, sb + 1)], dtype=np.int8)
    out[undefined] = -1
    return out


def _equilibria_signs(sa: NDArray[np.int8], sb: NDArray[np.int8]) -> NDArray[np.int8]:
    table = np.array(
        [
            [1, 6, 3],  # a < 0: unique (N,N); continuum via (N,N); anti-coordination
            [4, 7, 5],  # a = 0: degenerate (Y,Y),(N,N); everything; continuum via (Y,Y)
            [2, 4, 0],  # a > 0: coordination; degenerate; unique (Y,Y)
        ],
        dtype=np.int8,
    )
    undefined = sa == -2
    out = np.array(table[np.where(undefined, 1, sa + 1), np.where(undefined, 1, sb + 1)], dtype=np.int8)
    out[undefined] = -1
    return out


def labels(codes: ArrayLike, table: dict[int, str] | None = None) -> NDArray[np.str_]:
    """Map integer codes to their labels (default: :data:`CLASSES`).

    >>> labels([0, 5]).tolist()
    ['Y strictly dominant', 'Y and N equivalent']
    """
    table = CLASSES if table is None else table
    codes = np.asarray(codes)
    keys = sorted(table)
    names = np.array([table[k] for k in keys])
    return names[np.searchsorted(keys, codes)]


# ----------------------------------------------------------------------------- results
@dataclass(frozen=True)
class Equilibria:
    """Nash equilibria of many symmetric 2x2 games, one entry per game.

    Attributes
    ----------
    kind : ndarray of int8
        Code of the equilibrium set, see :data:`EQUILIBRIUM_KINDS` (-1: undefined).
    count : ndarray of int8
        Number of extreme equilibria (as :func:`~cluster_games.games.equilibria.exact_2x2_equilibria`
        lists them): 1, 2, 3 or 4; 0 where undefined.
    p_mixed : ndarray of float64
        Probability of Y in the symmetric mixed equilibrium (kinds 2 and 3), NaN elsewhere;
        within :data:`P_TOLERANCE` of the exact value.
    continuum : ndarray of bool
        The equilibria are not isolated (kinds 5, 6, 7).
    degenerate : ndarray of bool
        A margin is zero: the game lies on a dominance boundary (kinds 4 to 7).
    unique_YY : ndarray of bool
        (Y, Y) is the unique equilibrium (kind 0), Proposition 1's conclusion.
    """

    kind: NDArray[np.int8]
    count: NDArray[np.int8]
    p_mixed: NDArray[np.float64]
    continuum: NDArray[np.bool_]
    degenerate: NDArray[np.bool_]
    unique_YY: NDArray[np.bool_]

    @classmethod
    def from_signs(cls, sa, sb, p) -> Equilibria:
        kind = _equilibria_signs(sa, sb)
        counts = np.array([0, 1, 1, 3, 3, 2, 3, 3, 4], dtype=np.int8)  # indexed by kind + 1
        return cls(
            kind=kind,
            count=counts[kind + 1],
            p_mixed=p,
            continuum=kind >= 5,
            degenerate=kind >= 4,
            unique_YY=kind == 0,
        )

    def describe(self, i: int | tuple[int, ...]) -> str:
        """The equilibrium set of game ``i`` in words."""
        text = EQUILIBRIUM_KINDS[int(self.kind[i])]
        p = float(self.p_mixed[i])
        return text if math.isnan(p) else f"{text} (P(Y) = {p:.6g})"


@dataclass(frozen=True)
class GameArrays:
    """The games at many points (flat or broadcast arrays of one shape), from :func:`games`.

    Attributes
    ----------
    omega, W : ndarray
        The rates of each game (omega* and W_m where they defaulted; NaN where omega* does not exist).
    undefined : ndarray of int8
        0 for a game, else the reason (:data:`UNDEFINED`).
    sign_a, sign_b : ndarray of int8
        Exact signs of the margins a and b; -2 where undefined.
    p_mixed : ndarray of float64
        See :class:`Equilibria`.
    YY, YN, NY, NN : ndarray of float64
        Company A's payoffs (exact values rounded once where an identity gives them, e.g.
        ``YY = 0`` at omega*); NaN where undefined.
    """

    omega: NDArray[np.float64]
    W: NDArray[np.float64]
    undefined: NDArray[np.int8]
    sign_a: NDArray[np.int8]
    sign_b: NDArray[np.int8]
    p_mixed: NDArray[np.float64]
    YY: NDArray[np.float64]
    YN: NDArray[np.float64]
    NY: NDArray[np.float64]
    NN: NDArray[np.float64]

    @property
    def klass(self) -> NDArray[np.int8]:
        """Dominance class codes (:data:`CLASSES`)."""
        return _classify_signs(self.sign_a, self.sign_b)

    @property
    def equilibria(self) -> Equilibria:
        return Equilibria.from_signs(self.sign_a, self.sign_b, self.p_mixed)


# ----------------------------------------------------------------------------- the kernel
def _exact_point(vals, omega_default: bool, W_default: bool):
    """Exact (undefined code, sign a, sign b, p) at one point; vals are floats."""
    n, F, alpha, beta, c, c_A, om, Wv = (Fraction(v) if not math.isnan(v) else None for v in vals)
    omega = None if omega_default else om
    W = None if W_default else Wv
    if omega_default and (om is None):
        return 1, -2, -2, math.nan
    if exact.rates_gap(n, F, alpha, beta, c, c_A, omega, W) <= 0:
        return 2, -2, -2, math.nan
    why = exact.rate_domain_violation(alpha, beta, c, c_A, W)
    if why is not None:
        return (3 if why.startswith("demand") else 4), -2, -2, math.nan
    a, b = margins_from_profits(n, *exact.profits(n, F, alpha, beta, c, c_A, omega, W))
    p = float(b / (b - a)) if (a > 0) != (b > 0) and a != 0 and b != 0 else math.nan
    return 0, exact.sign(a), exact.sign(b), p


def _games_chunk(n, F, alpha, beta, c, c_A, omega, W, m: int, engine: str) -> dict[str, np.ndarray]:
    """All fields of :class:`GameArrays` for one chunk of ``m`` points (inputs 0-d or length m)."""
    omega_default, W_default = omega is None, W is None
    with np.errstate(all="ignore"):
        bc, bcA = beta * c, beta * c_A
        A = alpha + bc + bcA  # scale of the cancellations in G and K
        G = (alpha - bc) - bcA
        om = vectorized.omega_star(n, F, alpha, beta, c, c_A, engine=engine) if omega_default else omega
        Wv = ((alpha - bc) + bcA) / (2.0 * bc) if W_default else W
        unsure = np.zeros(m, dtype=bool)
        undefined = np.zeros(m, dtype=np.int8)

        # --- the domain: W > omega, D(W) >= 0, m(W) >= 0 (codes 2, 3, 4); omega* exists (code 1)
        gap = Wv - om
        if omega_default:
            undefined[np.broadcast_to(np.isnan(om), (m,))] = 1
            gap_tol = _STAR_TOL * np.abs(om) + (4 * _U * A / (2.0 * bc) if W_default else 0.0)
        else:
            gap_tol = 4 * _U * (A / (2.0 * bc) + np.abs(Wv)) if W_default else 0.0
        unsure |= np.broadcast_to((np.abs(gap) <= gap_tol) & ~np.isnan(gap), (m,))
        bad_gap = np.broadcast_to(gap <= 0, (m,)) & (undefined == 0)
        undefined[bad_gap] = 2
        if W_default:  # D(W_m) = G/2 and m(W_m) = G/(2 beta): both are the sign of G
            Dw, Dw_tol = G, 4 * _U * A
            mw, mw_tol = G, 4 * _U * A
        else:
            scale_D = alpha + beta * (1.0 + Wv) * c
            Dw, Dw_tol = alpha - beta * (1.0 + Wv) * c, 4 * _U * scale_D
            mw, mw_tol = Wv * c - c_A, 3 * _U * (Wv * c + c_A)
        unsure |= np.broadcast_to((np.abs(Dw) <= Dw_tol) | (np.abs(mw) <= mw_tol), (m,))
        undefined[np.broadcast_to(Dw < 0, (m,)) & (undefined == 0)] = 3
        undefined[np.broadcast_to(mw < 0, (m,)) & (undefined == 0)] = 4

        # --- profits M(omega) = s and M(W) = h with error bounds
        if omega_default:
            s = 2.0 * F / n
            bs = 2 * _U * s
            s_sure = True  # sign(s) = sign(F), exact
        else:
            s = (om * c - c_A) * (alpha - beta * (1.0 + om) * c)
            bs = _MARGIN_BOUND * (np.abs(om * c) + c_A) * (alpha + beta * np.abs(1.0 + om) * c)
            s_sure = False
        if W_default:
            h = G * G / (4.0 * beta)
            bh = (8 * _U * A * np.abs(G) + 32 * _U * _U * A * A) / (4.0 * beta) + 4 * _U * h
        else:
            h = (Wv * c - c_A) * (alpha - beta * (1.0 + Wv) * c)
            bh = _MARGIN_BOUND * (np.abs(Wv * c) + c_A) * (alpha + beta * np.abs(1.0 + Wv) * c)
        d = 2.0 * s - h
        bd = 2.0 * bs + bh + 2 * _U * np.abs(d)
        sa = np.sign(s).astype(np.int8)
        sb = np.sign(d).astype(np.int8)
        if not s_sure:
            unsure |= np.broadcast_to((np.abs(s) <= bs + _TINY) | ~np.isfinite(s), (m,))
        unsure |= np.broadcast_to((np.abs(d) <= bd + _TINY) | ~np.isfinite(d), (m,))
        # p = b / (b - a) = d / (d - s) where the signs differ; |d - s| = |d| + |s| there.
        p = d / (d - s)
        p_err = (np.abs(s) * bd + np.abs(d) * bs) / (np.abs(d) + np.abs(s)) ** 2 + 4 * _U
        mixed = (sa * sb) < 0
        unsure |= np.broadcast_to(mixed & ~(p_err <= P_TOLERANCE), (m,))

        # --- payoffs: identities where they hold exactly
        if omega_default:
            YY, YN = np.zeros_like(s), F + 0.0 * s  # pi_YY = n M/2 - F = 0, pi_YN = n M - F = F
        else:
            YY, YN = n * s / 2.0 - F, n * s - F
        NY, NN = -F + 0.0 * s, n * h / 2.0 - F

    out = {
        "omega": np.broadcast_to(om, (m,)).astype(np.float64),
        "W": np.broadcast_to(Wv, (m,)).astype(np.float64),
        "undefined": undefined,
        "sign_a": np.broadcast_to(sa, (m,)).copy(),
        "sign_b": np.broadcast_to(sb, (m,)).copy(),
        "p_mixed": np.broadcast_to(np.where(mixed, p, np.nan), (m,)).copy(),
        "YY": np.broadcast_to(YY, (m,)).astype(np.float64),
        "YN": np.broadcast_to(YN, (m,)).astype(np.float64),
        "NY": np.broadcast_to(NY, (m,)).astype(np.float64),
        "NN": np.broadcast_to(NN, (m,)).astype(np.float64),
    }
    unsure &= out["undefined"] != 1  # no omega*: nothing to decide
    if unsure.any():
        cols = [np.broadcast_to(v, (m,)) for v in (n, F, alpha, beta, c, c_A, out["omega"], out["W"])]
        for i in np.flatnonzero(unsure):
            code, a_sign, b_sign, p_i = _exact_point(
                [float(col[i]) for col in cols], omega_default, W_default
            )
            out["undefined"][i] = code
            out["sign_a"][i], out["sign_b"][i], out["p_mixed"][i] = a_sign, b_sign, p_i
    bad = out["undefined"] != 0
    out["sign_a"][bad] = -2
    out["sign_b"][bad] = -2
    for key in ("p_mixed", "YY", "YN", "NY", "NN"):
        out[key][bad] = np.nan
    return out


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
    chunk_size: int = DEFAULT_CHUNK,
    engine: str = "numpy",
) -> GameArrays:
    r"""The game at every point of the broadcast inputs: domain, payoffs, exact signs, mixed probability.

    Parameters
    ----------
    n, F, alpha, beta, c, c_A : array_like
        Model parameters, validated by :mod:`cluster_games.domain` (magnitudes included).
    omega, W : array_like, optional
        The rates; ``None`` means the free-entry rate :math:`\omega^*` and the monopoly rate
        :math:`W_m`, each taken exactly (see the module docstring).
    chunk_size : int
        Points per chunk; memory is the outputs plus one chunk of scratch.
    engine : {"numpy", "numexpr", "auto"}
        Float64 engine of the omega* kernel.

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
    chunk_size = _check_chunk(chunk_size)
    arrays, shape = _prepare({"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    rates = _rates(omega, W)
    shape = np.broadcast_shapes(shape, *(r.shape for r in rates if r is not None))
    size = math.prod(shape)
    fields = {}
    for start, stop in _chunks(size, chunk_size):
        parts = [_piece(a, shape, start, stop) for a in arrays]
        rparts = [None if r is None else _piece(r, shape, start, stop) for r in rates]
        chunk = _games_chunk(*parts, *rparts, stop - start, engine)
        if not fields:
            fields = {k: np.empty(size, dtype=v.dtype) for k, v in chunk.items()}
        for k, v in chunk.items():
            fields[k][start:stop] = v
    return GameArrays(**{k: v.reshape(shape) for k, v in fields.items()})


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


def margin_signs(n, alpha, beta, c, c_A, omega, W, *, chunk_size: int = DEFAULT_CHUNK):
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


def classify(n, alpha, beta, c, c_A, omega, W, *, chunk_size: int = DEFAULT_CHUNK) -> NDArray[np.int8]:
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
    return _classify_signs(*margin_signs(n, alpha, beta, c, c_A, omega, W, chunk_size=chunk_size)[:2])


def equilibria(n, alpha, beta, c, c_A, omega, W, *, chunk_size: int = DEFAULT_CHUNK) -> Equilibria:
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
    m = omega * c - c_A
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(m > 0, F / np.where(m > 0, m, 1.0), np.inf)


def investment_gap(Q: ArrayLike, F: ArrayLike, c_A: ArrayLike) -> NDArray[np.float64]:
    r"""Capital saved by the customer system, :math:`I' - I = c_A Q + F` (Proposition 5).

    Examples
    --------
    >>> investment_gap([1.0, 2.0], 1, 0.5)
    array([1.5, 2. ])
    """
    Q = as_real_array("Q", Q)
    F, c_A = as_real_array("F", F), as_real_array("c_A", c_A)
    return np.asarray(c_A * Q + F, dtype=np.float64)
