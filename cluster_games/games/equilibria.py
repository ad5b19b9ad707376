r"""Nash equilibria of bimatrix games with nashpy, degenerate games included.

A profile :math:`(x, y)` of mixed strategies is a Nash equilibrium iff

.. math::

    x^\top A y \ge \max_i (A y)_i \quad\text{and}\quad x^\top B y \ge \max_j (x^\top B)_j .

The equilibrium set of a bimatrix game is a finite union of *maximal Nash
subsets* :math:`\operatorname{conv}(X_s) \times \operatorname{conv}(Y_s)`, each the
product of the convex hulls of some extreme equilibrium strategies (Winkels
1979; Avis, Rosenberg, Savani and von Stengel 2010). A non-degenerate game has
finitely many equilibria, an odd number; a degenerate one may have a
continuum, and support enumeration then returns only some extreme points
(nashpy warns). This module therefore

1. takes the extreme equilibria from nashpy's vertex enumeration,
2. cross-checks them with support enumeration (every point either method
   returns must pass the best-response test above),
3. groups the extreme equilibria into maximal Nash subsets: the maximal
   bicliques of the bipartite graph "row vertex x and column vertex y form an
   equilibrium", and reports whether the set is finite.
"""

from __future__ import annotations

import itertools
import warnings
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from ._input import bimatrix

__all__ = [
    "Profile",
    "NashSubset",
    "EquilibriumSet",
    "is_nash_equilibrium",
    "nash_equilibria",
    "exact_2x2_equilibria",
]

_ROUND = 14  # decimals kept when comparing equilibrium strategies


def _clean(v: np.ndarray) -> tuple[float, ...]:
    v = np.clip(np.asarray(v, dtype=float), 0.0, None)
    v = v / v.sum()
    return tuple(float(x) + 0.0 for x in np.round(v, _ROUND))


def _fmt(v: tuple[float, ...], labels: tuple[str, ...]) -> str:
    parts = [(p, s) for p, s in zip(v, labels, strict=True) if p > 0]
    if len(parts) == 1:
        return parts[0][1]
    return " + ".join(f"{p:.4g} {s}" for p, s in parts)


@dataclass(frozen=True)
class Profile:
    """A strategy profile ``(row, col)`` of mixed strategies, with strategy names."""

    row: tuple[float, ...]
    col: tuple[float, ...]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]

    @property
    def is_pure(self) -> bool:
        # One strategy with all the weight; a probability that merely rounds to 1.0 beside a
        # positive remainder (P(Y) = 1 - 5e-17, say) is still a mixed strategy.
        return sum(v > 0 for v in self.row) == 1 and sum(v > 0 for v in self.col) == 1

    @property
    def pure(self) -> tuple[str, str] | None:
        """The labels of a pure profile, e.g. ``("Y", "Y")``; ``None`` if mixed."""
        if not self.is_pure:
            return None
        return self.row_labels[self.row.index(1.0)], self.col_labels[self.col.index(1.0)]

    def __str__(self) -> str:
        return f"({_fmt(self.row, self.row_labels)}, {_fmt(self.col, self.col_labels)})"


@dataclass(frozen=True)
class NashSubset:
    """A maximal Nash subset: every ``(x, y)`` with ``x`` in conv(row_vertices), ``y`` in conv(col_vertices)."""

    row_vertices: tuple[tuple[float, ...], ...]
    col_vertices: tuple[tuple[float, ...], ...]
    row_labels: tuple[str, ...]
    col_labels: tuple[str, ...]

    @property
    def is_point(self) -> bool:
        return len(self.row_vertices) == 1 and len(self.col_vertices) == 1

    def __str__(self) -> str:
        def hull(vs, labels):
            items = [_fmt(v, labels) for v in vs]
            return items[0] if len(items) == 1 else "conv{" + ", ".join(items) + "}"

        return f"{hull(self.row_vertices, self.row_labels)} x {hull(self.col_vertices, self.col_labels)}"


@dataclass(frozen=True)
class EquilibriumSet:
    """All Nash equilibria of a bimatrix game.

    Attributes
    ----------
    extreme : tuple of Profile
        The extreme equilibria (vertex enumeration).
    subsets : tuple of NashSubset
        Maximal Nash subsets; the equilibrium set is their union.
    degenerate : bool
        The game was detected as degenerate (ties in best responses, unequal
        support sizes, or a continuum of equilibria).
    support_enumeration : tuple of Profile
        What support enumeration returned, kept for the cross-check.
    """

    extreme: tuple[Profile, ...]
    subsets: tuple[NashSubset, ...]
    degenerate: bool
    support_enumeration: tuple[Profile, ...]
    method: str = "nashpy vertex enumeration, cross-checked by support enumeration"

    @property
    def finite(self) -> bool:
        """True when the equilibria are isolated points (no continuum)."""
        return all(s.is_point for s in self.subsets)

    @property
    def unique(self) -> bool:
        return self.finite and len(self.extreme) == 1

    @property
    def pure(self) -> tuple[tuple[str, str], ...]:
        """The pure-strategy equilibria, as label pairs."""
        return tuple(p.pure for p in self.extreme if p.is_pure)

    def __str__(self) -> str:
        if self.finite:
            body = ", ".join(str(p) for p in self.extreme)
            kind = "unique equilibrium" if self.unique else f"{len(self.extreme)} isolated equilibria"
            text = f"{kind}: {body}"
        else:
            text = "a continuum of equilibria, union of " + "; ".join(str(s) for s in self.subsets)
        return text + (" [degenerate game]" if self.degenerate else "")

    def _repr_markdown_(self) -> str:
        return str(self).replace("conv", r"$\mathrm{conv}$")


def is_nash_equilibrium(
    A: Any, B: Any, row: Sequence[float], col: Sequence[float], tol: float = 1e-9
) -> bool:
    r"""Best-response test: no player gains more than ``tol`` (times the payoff scale) by deviating.

    >>> is_nash_equilibrium([[3, 0], [5, 1]], [[3, 5], [0, 1]], [0, 1], [0, 1])
    True
    """
    A, B = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    A, B = A - A.min(), B - B.min()
    x, y = np.asarray(row, dtype=float), np.asarray(col, dtype=float)
    tol_A, tol_B = tol * (A.max() or 1.0), tol * (B.max() or 1.0)
    return bool(x @ A @ y >= (A @ y).max() - tol_A and x @ B @ y >= (x @ B).max() - tol_B)


def _unit_range(M: np.ndarray) -> np.ndarray:
    spread = M.max() - M.min()
    return (M - M.min()) / spread + 1.0 if spread > 0 else np.ones_like(M)


class _Snapper:
    """Map each vector to the first one seen within ``tol`` in max-norm (same length)."""

    def __init__(self, tol: float = 1e-9) -> None:
        self.tol = tol
        self.seen: list[tuple[float, ...]] = []

    def __call__(self, v: tuple[float, ...]) -> tuple[float, ...]:
        for u in self.seen:
            if len(u) == len(v) and max(abs(a - b) for a, b in zip(u, v, strict=True)) <= self.tol:
                return u
        self.seen.append(v)
        return v


def _maximal_bicliques(
    xs: list[tuple[float, ...]], ys: list[tuple[float, ...]], edges: set[tuple[int, int]]
) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    if len(xs) > 16:
        raise ValueError(f"too many extreme row strategies ({len(xs)}) to enumerate Nash subsets")
    found = []
    for size in range(1, len(xs) + 1):
        for S in itertools.combinations(range(len(xs)), size):
            T = tuple(j for j in range(len(ys)) if all((i, j) in edges for i in S))
            if not T:
                continue
            closure = tuple(i for i in range(len(xs)) if all((i, j) in edges for j in T))
            if closure == S:
                found.append((S, T))
    return found


def nash_equilibria(
    A: Any,
    B: Any,
    row_labels: Sequence[str] | None = None,
    col_labels: Sequence[str] | None = None,
    *,
    tol: float = 1e-12,
) -> EquilibriumSet:
    """All Nash equilibria of the bimatrix game ``(A, B)``, including degenerate cases.

    Parameters
    ----------
    A, B : array_like, shape (m, k)
        Payoff matrices of the row and column player.
    row_labels, col_labels : sequence of str, optional
        Strategy names.
    tol : float
        Tolerance of the best-response test, relative to each player's payoff spread.

    Raises
    ------
    RuntimeError
        If neither method returns a profile that passes the best-response test.
        Spurious profiles (nashpy's polytope arithmetic on payoffs spanning many
        orders of magnitude) are discarded and points one method missed are
        taken from the other; both are recorded in ``method``.

    Examples
    --------
    >>> eq = nash_equilibria([[2, 0], [0, 1]], [[1, 0], [0, 2]], ["O", "F"], ["O", "F"])
    >>> print(eq)
    3 isolated equilibria: (O, O), (0.6667 O + 0.3333 F, 0.3333 O + 0.6667 F), (F, F)
    """
    import nashpy

    A, B, rl, cl = bimatrix(A, B, row_labels, col_labels)
    # Equilibria do not change under a positive affine map of a player's payoffs. nashpy's
    # polytope construction (vertex enumeration) needs strictly positive payoffs, fails on an
    # all-zero game and loses the payoff differences when they are tiny beside the level, so
    # it gets payoffs mapped onto [1, 2]; support enumeration gets the raw ones (rescaling
    # adds rounding to its indifference equations).
    with warnings.catch_warnings():
        # nashpy warns on degenerate games; degeneracy is detected and reported below instead.
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UserWarning)
        try:
            vertex = [
                (_clean(x), _clean(y))
                for x, y in nashpy.Game(A - A.min() + 1.0, B - B.min() + 1.0).vertex_enumeration()
            ]
            vertex_error = None
        except Exception as exc:  # qhull can reject badly scaled polytopes; support enumeration still runs
            vertex, vertex_error = [], f"vertex enumeration failed: {type(exc).__name__}"
        support = [
            (_clean(x), _clean(y))
            for x, y in nashpy.Game(A, B).support_enumeration(non_degenerate=False, tol=1e-12)
        ]

    def verified(profiles):
        unique = set(profiles)
        good = {p for p in unique if is_nash_equilibrium(A, B, p[0], p[1], tol)}
        return good, len(unique) - len(good)

    # Every profile must pass the best-response test; nashpy's polytope arithmetic can
    # return spurious vertices when payoffs span several orders of magnitude.
    vertex_ok, vertex_bad = verified(vertex)
    support_ok, support_bad = verified(support)
    # The two methods compute the same mixed strategy with different rounding (qhull's
    # vertices can be off by ~1e-9 near a pure strategy, where an epsilon-equilibrium test
    # cannot tell them apart): identify strategies closer than 1e-6, keeping support
    # enumeration's value, which solves the indifference equations directly.
    snap = _Snapper(1e-6)
    support_ok = {(snap(x), snap(y)) for x, y in sorted(support_ok)}
    vertex_ok = {(snap(x), snap(y)) for x, y in sorted(vertex_ok)}
    found = vertex_ok | support_ok
    if not found:
        raise RuntimeError("neither vertex nor support enumeration returned a verified equilibrium")

    def key(v):
        return tuple(-t for t in v)

    xs = sorted({x for x, _ in found}, key=key)
    ys = sorted({y for _, y in found}, key=key)
    # Vertex enumeration lists every extreme equilibrium (x, y); maximal Nash subsets are the
    # maximal bicliques of this bipartite graph.
    edges = {(xs.index(x), ys.index(y)) for x, y in found}
    subsets = tuple(
        NashSubset(tuple(xs[i] for i in S), tuple(ys[j] for j in T), rl, cl)
        for S, T in _maximal_bicliques(xs, ys, edges)
    )
    extreme = tuple(Profile(xs[i], ys[j], rl, cl) for i, j in sorted(edges))

    tol_A, tol_B = tol * ((A.max() - A.min()) or 1.0), tol * ((B.max() - B.min()) or 1.0)
    ties = any(np.sum(A[:, j] >= A[:, j].max() - tol_A) > 1 for j in range(A.shape[1])) or any(
        np.sum(B[i, :] >= B[i, :].max() - tol_B) > 1 for i in range(A.shape[0])
    )
    unequal = any(sum(v > 0 for v in x) != sum(v > 0 for v in y) for x, y in found)
    degenerate = ties or unequal or not all(sub.is_point for sub in subsets) or len(extreme) % 2 == 0
    notes = [vertex_error] if vertex_error else []
    if vertex_bad or support_bad:
        notes.append(
            f"discarded {vertex_bad + support_bad} spurious profile(s) failing the best-response test"
        )
    if not degenerate and support_ok != found:
        # nashpy's support enumeration can miss equilibria of non-square games.
        notes.append(f"support enumeration missed {len(found - support_ok)} of {len(found)}")
    if not degenerate and vertex_ok != found and not vertex_error:
        notes.append(f"vertex enumeration missed {len(found - vertex_ok)} of {len(found)}")
    method = "nashpy vertex enumeration, cross-checked by support enumeration"
    if notes:
        method += " (" + "; ".join(notes) + ")"
    support = sorted(support_ok, key=lambda p: (key(p[0]), key(p[1])))
    return EquilibriumSet(
        extreme=extreme,
        subsets=subsets,
        degenerate=degenerate,
        support_enumeration=tuple(Profile(x, y, rl, cl) for x, y in support),
        method=method,
    )


def exact_2x2_equilibria(
    A: Any, B: Any, row_labels: Sequence[str] = ("r0", "r1"), col_labels: Sequence[str] = ("c0", "c1")
) -> EquilibriumSet:
    r"""All equilibria of a 2x2 game in exact arithmetic (payoffs as Fractions or integers).

    With :math:`p, q` the probabilities of the first strategies, the row player's
    gain from its first strategy is :math:`g_r(q) = q (A_{00} - A_{10}) + (1 - q)(A_{01} - A_{11})`
    and the column player's :math:`g_c(p) = p (B_{00} - B_{01}) + (1 - p)(B_{10} - B_{11})`.
    Every extreme equilibrium has :math:`p \in \{0, 1, p_c\}` and
    :math:`q \in \{0, 1, q_r\}`, where :math:`p_c, q_r` are the roots of
    :math:`g_c, g_r` in (0, 1); each candidate is tested exactly and the
    survivors are grouped into maximal Nash subsets as in :func:`nash_equilibria`.
    No tolerance is involved, so ties on a boundary are seen as ties.

    >>> from fractions import Fraction as Fr
    >>> A = [[Fr(5), Fr(11)], [Fr(-1), Fr(11)]]
    >>> print(exact_2x2_equilibria(A, [list(r) for r in zip(*A)], "YN", "YN"))
    2 isolated equilibria: (Y, Y), (N, N) [degenerate game]
    """
    from fractions import Fraction

    A = [[Fraction(v) for v in row] for row in A]
    B = [[Fraction(v) for v in row] for row in B]
    if len(A) != 2 or any(len(r) != 2 for r in A + B) or len(B) != 2:
        raise ValueError("exact_2x2_equilibria needs 2x2 payoff matrices")
    a_r, b_r = A[0][0] - A[1][0], A[0][1] - A[1][1]  # g_r(q) = q a_r + (1 - q) b_r
    a_c, b_c = B[0][0] - B[0][1], B[1][0] - B[1][1]  # g_c(p) = p a_c + (1 - p) b_c

    def root(a, b):  # zero of q a + (1 - q) b strictly inside (0, 1)
        if a == b:
            return None
        z = b / (b - a)
        return z if 0 < z < 1 else None

    def best(prob, gain):
        return (prob == 1 and gain >= 0) or (prob == 0 and gain <= 0) or (0 < prob < 1 and gain == 0)

    ps = sorted({Fraction(0), Fraction(1)} | ({root(a_c, b_c)} - {None}), reverse=True)
    qs = sorted({Fraction(0), Fraction(1)} | ({root(a_r, b_r)} - {None}), reverse=True)
    rl, cl = tuple(row_labels), tuple(col_labels)
    xs = [(float(p), float(1 - p)) for p in ps]
    ys = [(float(q), float(1 - q)) for q in qs]
    edges = {
        (i, j)
        for i, p in enumerate(ps)
        for j, q in enumerate(qs)
        if best(p, q * a_r + (1 - q) * b_r) and best(q, p * a_c + (1 - p) * b_c)
    }
    used_x = sorted({i for i, _ in edges})
    used_y = sorted({j for _, j in edges})
    xs2, ys2 = [xs[i] for i in used_x], [ys[j] for j in used_y]
    edges2 = {(used_x.index(i), used_y.index(j)) for i, j in edges}
    subsets = tuple(
        NashSubset(tuple(xs2[i] for i in S), tuple(ys2[j] for j in T), rl, cl)
        for S, T in _maximal_bicliques(xs2, ys2, edges2)
    )
    extreme = tuple(Profile(xs2[i], ys2[j], rl, cl) for i, j in sorted(edges2))
    ties = 0 in (a_r, b_r, a_c, b_c)
    degenerate = ties or not all(s.is_point for s in subsets) or len(extreme) % 2 == 0
    return EquilibriumSet(
        extreme, subsets, degenerate, (), method="exact 2x2 best-response analysis (rationals)"
    )
