r"""A two-parameter slice of an atlas on a grid: every grid point's region, decided exactly.

With all parameters but two fixed, each critical factor is a polynomial :math:`f(x, y)`.
On a grid of float points it is evaluated with numpy, and its sign is taken from the float
value only where that value exceeds a rigorous bound on the rounding error,

.. math:: |\mathrm{fl}(f) - f| \le 2 (\deg f + t + 3)\, u \sum_{i,j} |c_{ij}|\, |x|^i |y|^j

(:math:`t` terms, unit roundoff :math:`u = 2^{-53}`, coefficients rounded once); everywhere
else (on and near a boundary, or where a float overflows) the point is evaluated exactly
in rationals, each grid coordinate being the binary fraction it stores. So a boundary pixel
is never misclassified by rounding, and the map agrees with :meth:`Atlas.region_of` at
every grid point.

>>> import numpy as np
>>> from cluster_games.parametric.examples import hawk_dove
>>> atlas = hawk_dove().atlas()
>>> ids = classify_slice(atlas, "V", "C", {}, np.array([1.0, 2.0, 3.0]), np.array([0.0, 2.0]))
>>> ids.tolist()  # C = 0 is outside the domain (C > 0); at C = 2: V < C, V == C, V > C
[[0, 0, 0], [1, 3, 2]]
"""

from __future__ import annotations

from collections.abc import Mapping
from fractions import Fraction
from typing import Any

import numpy as np

from ..errors import DomainError
from .atlas import Atlas

__all__ = ["classify_slice", "SlicePlane", "OUTSIDE", "UNDECIDED"]

#: Grid value for a point outside the domain (or where a payoff is undefined).
OUTSIDE = 0
#: Grid value for a point in an undecided part of the domain.
UNDECIDED = -1

_U = 2.0**-53


class SlicePlane:
    """Polynomials restricted to the plane (x, y) with the other parameters fixed exactly."""

    def __init__(self, atlas: Atlas, x: str, y: str, fixed: Mapping[str, Any]) -> None:
        game = atlas.game
        names = game.parameters
        for name in (x, y):
            if name not in names:
                raise DomainError(f"unknown parameter {name!r} (parameters: {', '.join(names)})")
        if x == y:
            raise DomainError(f"x and y must be different parameters, got {x!r} twice")
        others = [p for p in names if p not in (x, y)]
        given = {(k.name if hasattr(k, "name") else k): v for k, v in fixed.items()}
        unknown = sorted(set(given) - set(others))
        if unknown:
            raise DomainError(
                f"fixed: {unknown[0]!r} is {'an axis' if unknown[0] in (x, y) else 'not a parameter'}"
            )
        missing = [p for p in others if p not in given]
        if missing:
            raise DomainError(
                f"fixed: no value for parameter {missing[0]!r} (every parameter but {x} and {y})"
            )
        from .inputs import exact_value

        self.values = {p: exact_value(given[p], p) for p in others}
        self.ix, self.iy = names.index(x), names.index(y)
        self.names = names

    def restrict(self, poly) -> list[tuple[int, int, Fraction]]:
        """``poly`` as terms ``(i, j, c)``: ``c x^i y^j``, the other parameters substituted exactly."""
        terms: dict[tuple[int, int], Fraction] = {}
        for monom, coeff in poly.terms():
            c = Fraction(int(coeff.numerator), int(coeff.denominator))
            for k, e in enumerate(monom):
                if e and k not in (self.ix, self.iy):
                    c *= self.values[self.names[k]] ** e
            key = (monom[self.ix], monom[self.iy])
            terms[key] = terms.get(key, Fraction(0)) + c
        return [(i, j, c) for (i, j), c in terms.items() if c]

    def signs(self, poly, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
        """Exact signs of ``poly`` at the points (X, Y) (float arrays), via the error-bounded float filter."""
        terms = self.restrict(poly)
        if not terms:
            return np.zeros(X.shape, dtype=np.int8)
        value = np.zeros(X.shape)
        magnitude = np.zeros(X.shape)
        with np.errstate(all="ignore"):
            for i, j, c in terms:
                t = float(c) * X**i * Y**j
                value += t
                magnitude += np.abs(t)
            degree = max(i + j for i, j, _ in terms)
            bound = 2.0 * (degree + len(terms) + 3) * _U * magnitude
            sure = np.isfinite(value) & np.isfinite(bound) & (np.abs(value) > bound)
        out = np.where(sure, np.sign(value), 0).astype(np.int8)
        for k in np.flatnonzero(~sure.ravel()):
            xv, yv = Fraction(float(X.flat[k])), Fraction(float(Y.flat[k]))
            exact = sum((c * xv**i * yv**j for i, j, c in terms), Fraction(0))
            out.flat[k] = (exact > 0) - (exact < 0)
        return out


def classify_slice(
    atlas: Atlas, x: str, y: str, fixed: Mapping[str, Any], xs: np.ndarray, ys: np.ndarray
) -> np.ndarray:
    """The region id of every grid point ``(xs[j], ys[i])``, shape ``(len(ys), len(xs))``.

    :data:`OUTSIDE` (0) marks points outside the domain, :data:`UNDECIDED` (-1) points of an
    undecided part. ``fixed`` gives every parameter but ``x`` and ``y`` (exact values).
    """
    plane = SlicePlane(atlas, x, y, fixed)
    X, Y = np.meshgrid(np.asarray(xs, dtype=float), np.asarray(ys, dtype=float))
    game = atlas.game
    ring = game.ring()
    inside = np.ones(X.shape, dtype=bool)
    for r in game.assumptions:
        num, den = ring.fraction(r.expr)
        s_den = plane.signs(den, X, Y)
        s = plane.signs(num, X, Y) * s_den
        ok = {">": s > 0, ">=": s >= 0, "==": s == 0, "!=": s != 0}[r.op]
        inside &= ok & (s_den != 0)
    for den in game.written_denominators():
        inside &= plane.signs(ring.poly(den), X, Y) != 0
    ids = np.full(X.shape, OUTSIDE, dtype=np.int32)
    factors = atlas._factors
    cache: dict[int, np.ndarray] = {}

    def walk(node, where: np.ndarray) -> None:
        if where.size == 0:
            return
        if node.leaf is not None:
            rid = atlas._region_of_leaf.get(node.leaf.index)
            ids.flat[where] = UNDECIDED if rid is None else rid
            return
        k = node.split_on
        if k not in cache:
            cache[k] = plane.signs(factors[k].poly, X, Y).ravel()
        s = cache[k][where]
        for sign, child in node.children.items():
            walk(child, where[s == sign])

    walk(atlas._tree.root, np.flatnonzero(inside.ravel()))
    return ids
