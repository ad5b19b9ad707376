"""nashpy's algorithms as methods of :func:`~cluster_games.games.equilibria.nash_equilibria` (floats, verified).

* :func:`enumerate_float`: vertex enumeration cross-checked by support enumeration, every
  profile verified by the best-response test; the fallback without pycddlib.
"""

from __future__ import annotations

import warnings

import numpy as np

from ._rational import Matrix, as_float, normalised
from .equilibria import EquilibriumSet, Profile, assemble, is_nash_equilibrium

__all__ = ["enumerate_float", "MAX_STRATEGIES"]

#: Largest number of strategies per player for the float enumeration (support enumeration
#: over every pair of supports: 0.2 s at 6x6, over a minute at 10x10).
MAX_STRATEGIES = 6

_ROUND = 14  # decimals kept when comparing equilibrium strategies


def _clean(v) -> tuple[float, ...]:
    v = np.clip(np.asarray(v, dtype=float), 0.0, None)
    v = v / v.sum()
    return tuple(float(x) + 0.0 for x in np.round(v, _ROUND))


class _Snapper:
    """Map each vector to the first one seen within ``tol`` in max-norm."""

    def __init__(self, tol: float) -> None:
        self.tol = tol
        self.seen: list[tuple[float, ...]] = []

    def __call__(self, v: tuple[float, ...]) -> tuple[float, ...]:
        for u in self.seen:
            if len(u) == len(v) and max(abs(a - b) for a, b in zip(u, v, strict=True)) <= self.tol:
                return u
        self.seen.append(v)
        return v


def _quietly(fn):
    with warnings.catch_warnings():
        # nashpy warns on degenerate games; degeneracy is detected and reported instead.
        warnings.simplefilter("ignore", RuntimeWarning)
        warnings.simplefilter("ignore", UserWarning)
        return fn()


def enumerate_float(A: Matrix, B: Matrix, rl, cl, *, tol: float = 1e-12) -> EquilibriumSet:
    """nashpy's vertex enumeration cross-checked by its support enumeration, each profile verified."""
    import nashpy

    if max(len(A), len(A[0])) > MAX_STRATEGIES:
        raise ValueError(
            f"the float enumeration handles up to {MAX_STRATEGIES} strategies per player; install pycddlib "
            "(pip install 'cluster-games[exact]') for exact vertex enumeration, or use method='lemke-howson'"
        )
    # Equilibria do not change under a positive affine map of a player's payoffs: nashpy gets
    # the payoffs mapped exactly onto [1, 2] (its polytopes need positive payoffs).
    An, Bn = as_float(normalised(A)) + 1.0, as_float(normalised(B)) + 1.0
    game = nashpy.Game(An, Bn)
    try:
        vertex = _quietly(lambda: [(_clean(x), _clean(y)) for x, y in game.vertex_enumeration()])
        vertex_error = None
    except Exception as exc:  # qhull can reject badly scaled polytopes; support enumeration still runs
        vertex, vertex_error = [], f"vertex enumeration failed: {type(exc).__name__}"
    support = _quietly(
        lambda: [(_clean(x), _clean(y)) for x, y in game.support_enumeration(non_degenerate=False, tol=1e-12)]
    )

    def verified(profiles):
        unique = set(profiles)
        good = {p for p in unique if is_nash_equilibrium(A, B, p[0], p[1], tol)}
        return good, len(unique) - len(good)

    vertex_ok, vertex_bad = verified(vertex)
    support_ok, support_bad = verified(support)
    # The two methods compute the same mixed strategy with different rounding: identify
    # strategies closer than 1e-6, keeping support enumeration's value.
    snap = _Snapper(1e-6)
    support_ok = {(snap(x), snap(y)) for x, y in sorted(support_ok)}
    vertex_ok = {(snap(x), snap(y)) for x, y in sorted(vertex_ok)}
    found = vertex_ok | support_ok
    if not found:
        raise RuntimeError("neither vertex nor support enumeration returned a verified equilibrium")
    xs = sorted({x for x, _ in found})
    ys = sorted({y for _, y in found})
    pairs = [(xs.index(x), ys.index(y)) for x, y in found]
    notes = [vertex_error] if vertex_error else []
    if vertex_bad or support_bad:
        notes.append(
            f"discarded {vertex_bad + support_bad} spurious profile(s) failing the best-response test"
        )
    method = "nashpy vertex enumeration, cross-checked by support enumeration (floats)"
    if notes:
        method += " (" + "; ".join(notes) + ")"
    ties = any(np.sum(An[:, j] == An[:, j].max()) > 1 for j in range(An.shape[1])) or any(
        np.sum(Bn[i, :] == Bn[i, :].max()) > 1 for i in range(An.shape[0])
    )
    support_profiles = tuple(Profile(x, y, rl, cl) for x, y in sorted(support_ok))
    return assemble(xs, ys, pairs, rl, cl, degenerate=ties, method=method, support=support_profiles)
