r"""The dimension of a region: a smooth witness for the lower bound, a Gröbner basis for the upper bound.

A leaf of the decision tree is :math:`S = \{\theta \in D : f_k(\theta) = 0\ (k \in E),\
\text{strict sign conditions}\}`. With no equation, :math:`S` contains an open set around a
witness at which every condition, the domain's non-strict inequalities included, holds
strictly, so :math:`\dim S = d`. With equations :math:`E`:

* **lower bound**: if the Jacobian of :math:`E` has full rank :math:`|E|` at such a witness,
  :math:`S` contains a manifold of dimension :math:`d - |E|` around it (implicit function
  theorem);
* **upper bound**: :math:`S` lies in the complex variety of :math:`E`, whose dimension is read
  off a Gröbner basis (the largest set of variables containing no leading monomial,
  Kredel and Weispfenning 1988).

When the bounds meet, the dimension is certified; otherwise the upper bound is reported and
``dimension_certified`` is false.
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from itertools import combinations

import sympy as sp
from sympy.polys.rings import PolyElement

from .polys import evaluate
from .solver import Constraint, SignSolver, Value
from .witness import is_rational, poly_sign, rationalise

__all__ = ["leaf_dimension", "ideal_dimension", "jacobian_rank"]


def ideal_dimension(equations: Sequence[PolyElement], d: int) -> int:
    """Dimension of the complex variety of ``equations`` in :math:`\\mathbb{C}^d` (-1 if empty)."""
    if not equations:
        return d
    ring = equations[0].ring
    symbols = ring.symbols[:d]
    G = sp.groebner([e.as_expr() for e in equations], *symbols, order="grevlex")
    if list(G.exprs) == [1]:
        return -1
    leads = [sp.Poly(g, *symbols).monoms(order="grevlex")[0] for g in G.exprs]
    supports = [frozenset(i for i, e in enumerate(m) if e) for m in leads]
    for size in range(d, -1, -1):
        for S in combinations(range(d), size):
            s = frozenset(S)
            if not any(sup <= s for sup in supports):
                return size
    return 0  # pragma: no cover - the empty set always qualifies unless G contains 1


def _derivative_at(p: PolyElement, i: int, point: Sequence[Fraction]) -> Fraction:
    return evaluate(p.diff(p.ring.gens[i]), point)


def jacobian_rank(equations: Sequence[PolyElement], point: Sequence[Value], d: int) -> int | None:
    """Exact rank of the Jacobian of ``equations`` at a rational point (``None`` at an algebraic one)."""
    if not is_rational(point):
        return None
    rows = [[_derivative_at(p, i, point) for i in range(d)] for p in equations]
    return sp.Matrix(rows).rank() if rows else 0


def leaf_dimension(
    equations: Sequence[PolyElement],
    closed: Sequence[Constraint],
    conditions: Sequence[Constraint],
    witness: Sequence[Value],
    solver: SignSolver,
    domain: Sequence[Constraint],
    d: int,
) -> tuple[int, bool, tuple[Value, ...]]:
    """``(dimension, certified, witness)`` of a leaf; see the module docstring.

    Parameters
    ----------
    equations : polynomials that vanish on the leaf (its zero signs and the domain's equations).
    closed : the domain's non-strict inequalities (``>=``, ``<=``).
    conditions : the leaf's own conditions (for the solver, when a better witness is needed).
    witness : a point of the leaf.
    """
    eqs = list(equations)
    point = tuple(witness)
    tight = [c for c in closed if poly_sign(c[0], point) == 0]
    for p, op in tight:
        strict = (p, ">" if op == ">=" else "<")
        verdict = solver.check([*conditions, *[(q, "==") for q in eqs], strict])
        if verdict.sat:
            point = rationalise(verdict.model, [*domain, *conditions, *[(q, "==") for q in eqs], strict])
            conditions = [*conditions, strict]
        elif verdict.status == "unsat":
            eqs.append(p)  # the inequality is an equation on this leaf
    if not eqs:
        return d, True, point
    upper = ideal_dimension(eqs, d)
    rank = jacobian_rank(eqs, point, d)
    if rank is not None and rank == len(eqs) and d - rank == upper:
        return upper, True, point
    return upper, False, point
