r"""What a 2x2 trading-company game's margins mean: dominance classes, equilibrium sets, result arrays.

The class and the equilibria of the symmetric game depend only on the signs of the
dominance margins :math:`a = \pi_{YY} - \pi_{NY}` and :math:`b = \pi_{YN} - \pi_{NN}`
(and, for the mixed equilibrium, on :math:`p = b/(b - a)`); the tables here map the
nine sign pairs to them. :mod:`cluster_games.kernels.classify` computes the signs.

>>> labels(classify_signs(np.array([1, 0]), np.array([1, 0]))).tolist()
['Y strictly dominant', 'Y and N equivalent']
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = [
    "CLASSES",
    "CLASS_CODES",
    "EQUILIBRIUM_KINDS",
    "UNDEFINED",
    "classify_signs",
    "equilibria_signs",
    "labels",
    "Equilibria",
    "GameArrays",
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
    8: "k > 2 companies and M(omega) = 0: every count of Y companies but one, and continua of mixed equilibria",
}

#: Code -> why a point is not a game (0: it is one).
UNDEFINED: dict[int, str] = {
    0: "",
    1: "no free-entry rate (G <= 0 or n < n_min)",
    2: "W <= omega",
    3: "negative demand at W",
    4: "W below cost recovery (m(W) < 0)",
}


# ----------------------------------------------------------------------------- sign tables
def classify_signs(sa: NDArray[np.int8], sb: NDArray[np.int8]) -> NDArray[np.int8]:
    """Dominance class codes (:data:`CLASSES`) from the exact signs of the margins a and b, elementwise.

    >>> classify_signs(np.array([1, 1, 0]), np.array([1, 0, -1])).tolist()  # Y strict, Y weak, N weak
    [0, 1, 3]
    """
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


def equilibria_signs(sa: NDArray[np.int8], sb: NDArray[np.int8]) -> NDArray[np.int8]:
    """Equilibrium-set codes (:data:`EQUILIBRIUM_KINDS`) from the exact signs of the margins, elementwise.

    >>> equilibria_signs(np.array([1, 1]), np.array([1, -1])).tolist()
    [0, 2]
    """
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
    def from_signs(cls, sa, sb, p, k=None) -> Equilibria:
        r"""The equilibrium sets from the margins' signs; ``k`` companies (default 2) where given.

        With ``k > 2`` the kinds read for the k-company game: 0 all Y the unique equilibrium,
        1 all N, 2 all Y, all N and one symmetric mixed equilibrium (asymmetric mixed ones
        exist and are not counted), 4 all Y and all N (Y weakly dominant), 7 every profile,
        8 (instead of 4 when :math:`M(\omega) = 0`) see :data:`EQUILIBRIUM_KINDS`; ``count``
        is then the number of pure and symmetric mixed equilibria (0 for a continuum).
        """
        kind = equilibria_signs(sa, sb)
        counts = np.array([0, 1, 1, 3, 3, 2, 3, 3, 4], dtype=np.int8)  # indexed by kind + 1
        count = counts[kind + 1]
        if k is not None:
            many = np.broadcast_to(np.asarray(k) > 2, kind.shape)
            # M(omega) = 0 < M(W): with k > 2, y >= 2 Y companies tie with N, so more than all-Y and all-N
            kind = np.where(many & (np.asarray(sa) == 0) & (np.asarray(sb) < 0), np.int8(8), kind).astype(
                np.int8
            )
            count = np.where(many & (kind >= 5), np.int8(0), count).astype(np.int8)
        return cls(
            kind=kind,
            count=count,
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
    r"""The games at many points (flat or broadcast arrays of one shape), from :func:`games`.

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
        ``YY = 0`` at omega*); NaN where undefined. With k companies: all Y, Y against all N,
        N against some Y, all N.
    collusion_threshold : ndarray of float64
        :math:`\delta_c = (k M(\omega) - M(W)) / ((k - 1) M(\omega))` where :math:`M(\omega) > 0`
        (collusion on N at W is sustainable iff the discount factor is at least this), NaN elsewhere.
    collusion_sustainable : ndarray of int8
        With a discount factor given: 1 if collusion is sustainable, 0 if not (decided exactly);
        -1 where not asked, not a game, or :math:`M(\omega) \le 0`.
    k : ndarray of float64
        The number of companies of each game.
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
    collusion_threshold: NDArray[np.float64]
    collusion_sustainable: NDArray[np.int8]
    k: NDArray[np.float64]

    @property
    def klass(self) -> NDArray[np.int8]:
        """Dominance class codes (:data:`CLASSES`)."""
        return classify_signs(self.sign_a, self.sign_b)

    @property
    def equilibria(self) -> Equilibria:
        return Equilibria.from_signs(self.sign_a, self.sign_b, self.p_mixed, self.k)
