r"""Vectorised payoffs, exact dominance classes and equilibria of many 2x2 games at once.

:func:`classify` and :func:`equilibria` decide the signs of the dominance margins

.. math::

    a = \pi_{YY} - \pi_{NY} = \tfrac12 n\, s, \qquad
    b = \pi_{YN} - \pi_{NN} = \tfrac12 n\,(2s - h), \qquad
    s = m(\omega) D(\omega), \; h = m(W) D(W),

in float64 together with a bound on their rounding error,
:math:`|\hat s - s| \le 16 u\, |m| |D|` evaluated with absolute values (the
running-error bound of an expression of depth 6, doubled); where a computed
value is within its bound of zero, the sign is recomputed exactly with
:class:`fractions.Fraction` (:func:`cluster_games.kernels.closed_forms.dominance_margins`).
The labels therefore equal :meth:`cluster_games.game.ClusterGame.classify`
exactly, on both sides of the boundary :math:`2 m(\omega) D(\omega) = m(W) D(W)`.

Integer codes
-------------
:data:`CLASSES` maps the codes of :func:`classify` to the labels of
:meth:`~cluster_games.game.ClusterGame.classify` (``-1``: undefined, a NaN input,
e.g. omega* where no free-entry rate exists). :data:`EQUILIBRIUM_KINDS` maps the
codes of :func:`equilibria`.

Examples
--------
>>> from cluster_games.kernels import classify as K
>>> codes = K.classify(2, 8, 1, 1, 0, 1.0, [2.9, 3.0, 3.1])
>>> [K.CLASSES[int(k)] for k in codes]
['Y strictly dominant', 'Y weakly dominant', 'no dominant strategy']
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..domain import as_real_array
from ..errors import InvalidParameterError
from . import free_entry
from ._arrays import _U, DEFAULT_CHUNK, Engine, _check_chunk, _chunks, _engine, _ne, _piece, _prepare
from .closed_forms import PayoffEntries, dominance_margins

__all__ = [
    "CLASSES",
    "CLASS_CODES",
    "EQUILIBRIUM_KINDS",
    "Equilibria",
    "payoff_entries",
    "dominance_margins_array",
    "margin_signs",
    "classify",
    "equilibria",
    "labels",
    "Q_bar",
    "investment_gap",
]

#: Code -> label of :meth:`ClusterGame.classify` (code -1: undefined / NaN input).
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


_MARGIN_BOUND = 16 * _U  # see the module docstring
_TINY = 1e-290  # below this, underflow may void the relative bound: decide exactly


# ----------------------------------------------------------------------------- payoffs
def _rate_array(name: str, value: object) -> NDArray[np.float64]:
    """Rates may carry NaN (omega* where infeasible); everything else is validated."""
    arr = np.asarray(value, dtype=np.float64) if not np.isscalar(value) else np.asarray(float(value))
    if np.isnan(arr).any():
        finite = np.where(np.isnan(arr), 1.0, arr)
        as_real_array(name, finite)
        return arr
    return as_real_array(name, arr)


def payoff_entries(
    n: ArrayLike,
    F: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
) -> PayoffEntries:
    r"""Company A's four payoffs as broadcast float64 arrays.

    .. math::

        \pi_{YY} = \tfrac12 n m(\omega) D(\omega) - F,\;
        \pi_{YN} = n m(\omega) D(\omega) - F,\;
        \pi_{NY} = -F,\;
        \pi_{NN} = \tfrac12 n m(W) D(W) - F.

    The same formula as :func:`cluster_games.kernels.closed_forms.payoff_entries` (which this calls).

    Examples
    --------
    >>> payoff_entries(10, 1, 100, 1, 10, 1, 0.2, [0.4, 2.0]).NN
    array([1289., 6649.])
    """
    from .closed_forms import payoff_entries as closed_form

    arrays, shape = _prepare({"n": n, "F": F, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    rates = [_rate_array("omega", omega), _rate_array("W", W)]
    shape = np.broadcast_shapes(shape, *(r.shape for r in rates))
    e = closed_form(*arrays, *rates)
    return PayoffEntries(*(np.broadcast_to(v, shape).astype(np.float64) for v in e))


def dominance_margins_array(
    n: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
) -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    r"""Float margins :math:`(a, b) = (\pi_{YY} - \pi_{NY}, \pi_{YN} - \pi_{NN})`.

    .. math:: a = \tfrac12 n\, m(\omega) D(\omega),\qquad b = \tfrac12 n\,(2 m(\omega) D(\omega) - m(W) D(W)).

    Use :func:`margin_signs` for their exact signs.

    Examples
    --------
    >>> dominance_margins_array(10, 100, 1, 10, 1, 0.2, 0.4)
    (array(440.), array(-410.))
    """
    arrays, shape = _prepare({"n": n, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    rates = [_rate_array("omega", omega), _rate_array("W", W)]
    a, b = dominance_margins(*arrays, *rates)
    shape = np.broadcast_shapes(shape, *(r.shape for r in rates))
    return np.broadcast_to(a, shape).astype(np.float64), np.broadcast_to(b, shape).astype(np.float64)


def _signs_chunk(n, alpha, beta, c, c_A, omega, W, use_ne: bool, size: int):
    """Exact signs of s = m(w)D(w) and d = 2s - h and the mixed probability d/(d - s)... per point.

    Returns (sa, sb, p) with sa, sb int8 in {-1, 0, 1} (-2 for NaN input) and
    p = b/(b - a) = d/(s - h) in float64 (NaN where the signs do not differ).
    """
    with np.errstate(invalid="ignore", over="ignore"):
        if use_ne:
            env = dict(alpha=alpha, beta=beta, c=c, c_A=c_A, omega=omega, W=W)
            s = _ne.evaluate("(omega * c - c_A) * (alpha - beta * (1.0 + omega) * c)", local_dict=env)
            h = _ne.evaluate("(W * c - c_A) * (alpha - beta * (1.0 + W) * c)", local_dict=env)
            Ms = _ne.evaluate(
                "(abs(omega * c) + c_A) * (alpha + beta * abs(1.0 + omega) * c)", local_dict=env
            )
            Mh = _ne.evaluate("(abs(W * c) + c_A) * (alpha + beta * abs(1.0 + W) * c)", local_dict=env)
            d = _ne.evaluate("2.0 * s - h", local_dict=dict(s=s, h=h))
        else:
            s = (omega * c - c_A) * (alpha - beta * (1.0 + omega) * c)
            h = (W * c - c_A) * (alpha - beta * (1.0 + W) * c)
            Ms = (np.abs(omega * c) + c_A) * (alpha + beta * np.abs(1.0 + omega) * c)
            Mh = (np.abs(W * c) + c_A) * (alpha + beta * np.abs(1.0 + W) * c)
            d = 2.0 * s - h
        bs = _MARGIN_BOUND * Ms
        bd = _MARGIN_BOUND * (2.0 * Ms + Mh)
        nan = np.isnan(s) | np.isnan(h)
        unsure = ~nan & (
            (np.abs(s) <= bs + _TINY)
            | (np.abs(d) <= bd + _TINY)
            | ~np.isfinite(bd)
            | ~np.isfinite(d)
            | ~np.isfinite(s)
            | free_entry._outside_safe_range(n, alpha, beta, c, c_A, omega, W)
        )
        sa = np.sign(s).astype(np.int8)
        sb = np.sign(d).astype(np.int8)
        p = d / (s - h)
    shape = (size,)
    sa = np.broadcast_to(sa, shape).copy()
    sb = np.broadcast_to(sb, shape).copy()
    p = np.broadcast_to(p, shape).copy()
    nan = np.broadcast_to(nan, shape)
    unsure = np.broadcast_to(unsure, shape)
    sa[nan] = -2
    sb[nan] = -2
    for i in np.flatnonzero(unsure):
        args = [
            Fraction(float(v)) if np.ndim(v) == 0 else Fraction(float(v[i]))
            for v in (n, alpha, beta, c, c_A, omega, W)
        ]
        a_ex, b_ex = dominance_margins(*args)
        sa.flat[i] = (a_ex > 0) - (a_ex < 0)
        sb.flat[i] = (b_ex > 0) - (b_ex < 0)
        p.flat[i] = float(b_ex / (b_ex - a_ex)) if a_ex != b_ex else math.nan
    p[~((sa * sb) < 0)] = np.nan
    return sa, sb, p


def _game_inputs(n, alpha, beta, c, c_A, omega, W):
    arrays, shape = _prepare({"n": n, "alpha": alpha, "beta": beta, "c": c, "c_A": c_A})
    rates = [_rate_array("omega", omega), _rate_array("W", W)]
    try:
        shape = np.broadcast_shapes(shape, *(r.shape for r in rates))
    except ValueError:
        raise InvalidParameterError("shape", "the rates cannot be broadcast with the parameters") from None
    return arrays + rates, shape


def margin_signs(
    n: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    engine: Engine = "numpy",
) -> tuple[NDArray[np.int8], NDArray[np.int8], NDArray[np.float64]]:
    r"""Exact signs of the dominance margins and the mixed equilibrium's probability of Y.

    .. math::

        a = \tfrac12 n\, m(\omega) D(\omega), \quad
        b = \tfrac12 n\,(2 m(\omega) D(\omega) - m(W) D(W)), \quad
        p = \frac{b}{b - a}\ (a b < 0).

    Returns
    -------
    sign_a, sign_b : ndarray of int8
        In {-1, 0, 1}, exact for the float inputs taken as rationals; -2 where an input is NaN.
    p_mixed : ndarray of float64
        Probability of Y in the symmetric mixed equilibrium where ``a`` and ``b``
        have opposite signs, NaN elsewhere.

    Examples
    --------
    >>> margin_signs(2, 8, 1, 1, 0, 1.0, [3.0, 5.0, 3.5])
    (array([1, 1, 1], dtype=int8), array([ 0,  1, -1], dtype=int8), array([ nan,  nan, 0.04]))
    """
    use_ne = _engine(engine)
    chunk_size = _check_chunk(chunk_size)
    arrays, shape = _game_inputs(n, alpha, beta, c, c_A, omega, W)
    size = math.prod(shape)
    sa = np.empty(size, np.int8)
    sb = np.empty(size, np.int8)
    p = np.empty(size)
    for start, stop in _chunks(size, chunk_size):
        parts = [_piece(a, shape, start, stop) for a in arrays]
        x, y, z = _signs_chunk(*parts, use_ne, stop - start)
        sa[start:stop], sb[start:stop], p[start:stop] = x, y, z
    return sa.reshape(shape), sb.reshape(shape), p.reshape(shape)


def _classify_signs(sa: NDArray[np.int8], sb: NDArray[np.int8]) -> NDArray[np.int8]:
    # Code table indexed by (sign a + 1, sign b + 1), the case analysis of ClusterGame.classify.
    table = np.array(
        [
            [2, 3, 4],  # a < 0: b < 0 N strictly, b = 0 N weakly, b > 0 none
            [3, 5, 1],  # a = 0: N weakly, equivalent, Y weakly
            [4, 1, 0],  # a > 0: none, Y weakly, Y strictly
        ],
        dtype=np.int8,
    )
    nan = sa == -2
    out = np.array(table[np.where(nan, 1, sa + 1), np.where(nan, 1, sb + 1)], dtype=np.int8)
    out[nan] = -1
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
    nan = sa == -2
    out = np.array(table[np.where(nan, 1, sa + 1), np.where(nan, 1, sb + 1)], dtype=np.int8)
    out[nan] = -1
    return out


def classify(
    n: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    engine: Engine = "numpy",
) -> NDArray[np.int8]:
    r"""Dominance class of each game as an integer code (see :data:`CLASSES`), decided exactly.

    With :math:`a = \pi_{YY} - \pi_{NY}` and :math:`b = \pi_{YN} - \pi_{NN}`:
    0 "Y strictly dominant" (a > 0, b > 0), 1 "Y weakly dominant" (a, b >= 0, one
    zero), 2 "N strictly dominant" (a, b < 0), 3 "N weakly dominant", 4 "no dominant
    strategy" (opposite signs), 5 "Y and N equivalent" (a = b = 0), -1 undefined
    (NaN input). Identical to :meth:`ClusterGame.classify` at every point. ``F``
    does not enter (it cancels from both margins).

    Examples
    --------
    >>> classify(10, 100, 1, 10, 1, 0.2, [0.22, 2.0])
    array([0, 4], dtype=int8)
    >>> labels(_).tolist()
    ['Y strictly dominant', 'no dominant strategy']
    """
    sa, sb, _ = margin_signs(n, alpha, beta, c, c_A, omega, W, chunk_size=chunk_size, engine=engine)
    return _classify_signs(sa, sb)


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


@dataclass(frozen=True)
class Equilibria:
    """Nash equilibria of many symmetric 2x2 games, one entry per game.

    Attributes
    ----------
    kind : ndarray of int8
        Code of the equilibrium set, see :data:`EQUILIBRIUM_KINDS`.
    count : ndarray of int8
        Number of extreme equilibria (as :func:`~cluster_games.games.equilibria.exact_2x2_equilibria`
        lists them): 1, 2, 3 or 4; 0 where undefined.
    p_mixed : ndarray of float64
        Probability of Y in the symmetric mixed equilibrium (kinds 2 and 3), NaN elsewhere.
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


def equilibria(
    n: ArrayLike,
    alpha: ArrayLike,
    beta: ArrayLike,
    c: ArrayLike,
    c_A: ArrayLike,
    omega: ArrayLike,
    W: ArrayLike,
    *,
    chunk_size: int = DEFAULT_CHUNK,
    engine: Engine = "numpy",
) -> Equilibria:
    r"""All Nash equilibria of each symmetric 2x2 game, from the exact signs of the margins.

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
    sa, sb, p = margin_signs(n, alpha, beta, c, c_A, omega, W, chunk_size=chunk_size, engine=engine)
    return Equilibria.from_signs(sa, sb, p)


# ----------------------------------------------------------------------------- P4, P5
def Q_bar(omega: ArrayLike, F: ArrayLike, c: ArrayLike, c_A: ArrayLike) -> NDArray[np.float64]:
    r"""Self-marketing break-even output :math:`\bar Q(\omega) = F / (\omega c - c_A)`, ``inf`` where the margin is not positive.

    Examples
    --------
    >>> Q_bar([0.2, 0.1], 1, 10, 1)
    array([ 1., inf])
    """
    omega = _rate_array("omega", omega)
    F, c, c_A = (as_real_array(k, v) for k, v in (("F", F), ("c", c), ("c_A", c_A)))
    m = omega * c - c_A
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.where(m > 0, F / np.where(m > 0, m, 1.0), np.where(np.isnan(m), np.nan, np.inf))


def investment_gap(Q: ArrayLike, F: ArrayLike, c_A: ArrayLike) -> NDArray[np.float64]:
    r"""Capital saved by the customer system, :math:`I' - I = c_A Q + F` (Proposition 5).

    Examples
    --------
    >>> investment_gap([1.0, 2.0], 1, 0.5)
    array([1.5, 2. ])
    """
    Q = _rate_array("Q", Q)
    F, c_A = as_real_array("F", F), as_real_array("c_A", c_A)
    return np.asarray(c_A * Q + F, dtype=np.float64)
