r"""From the decision tree's leaves to regions: merge leaves of equal structure, drop implied conditions.

Two leaves have the same **structure** when their extreme equilibria have the same closed
forms (as rational functions), pair up the same way, and the game has the same dominant
strategies, survivors of iterated elimination and degeneracy. Regions are built from the
leaves, which partition the domain:

1. every leaf is a *term*: the conjunction of the signs known there (on its path, and
   implied), one set of allowed signs per factor;
2. two terms of the same structure are replaced by their *join* (per factor the union of
   the allowed signs: ``f > 0`` and ``f = 0`` give ``f >= 0``) when the join meets no leaf
   outside the two, until no two can be;
3. a condition of a term is dropped when the term without it still meets no leaf outside
   the term.

Whether a term meets a leaf is decided from the leaf's known signs where they contradict
the term or imply it, and otherwise by the solver.

Terms stay disjoint unions of leaves, so the regions still partition the domain; each
region's closed forms hold on all of it because they hold on each of its leaves.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .solver import Constraint, SignSolver
from .structure import Structure
from .tree import Leaf

__all__ = ["Term", "structure_key", "merge", "simplify"]


_ALL = frozenset({-1, 0, 1})
_OPS = {
    frozenset({1}): ">",
    frozenset({-1}): "<",
    frozenset({0}): "==",
    frozenset({1, 0}): ">=",
    frozenset({-1, 0}): "<=",
    frozenset({1, -1}): "!=",
}


def structure_key(s: Structure) -> tuple:
    """What two leaves must share to lie in one region (closed forms compared as rational functions)."""
    xs = [tuple(v.system.closed_form) for v in s.x_vertices]
    ys = [tuple(v.system.closed_form) for v in s.y_vertices]
    ox = sorted(range(len(xs)), key=lambda i: tuple(str(f) for f in xs[i]))
    oy = sorted(range(len(ys)), key=lambda j: tuple(str(f) for f in ys[j]))
    rx = {i: r for r, i in enumerate(ox)}
    ry = {j: r for r, j in enumerate(oy)}
    return (
        tuple(xs[i] for i in ox),
        tuple(ys[j] for j in oy),
        tuple(sorted((rx[i], ry[j]) for i, j in s.equilibria)),
        s.strictly_dominant,
        s.weakly_dominant,
        s.survivors,
        s.degenerate,
    )


@dataclass(frozen=True)
class Term:
    """A conjunction ``factor in signs`` (a dict factor -> allowed signs) and the leaves it is the union of."""

    signs: tuple[tuple[int, frozenset[int]], ...]
    leaves: frozenset[int]

    def as_dict(self) -> dict[int, frozenset[int]]:
        return dict(self.signs)

    def constraints(self, factors) -> list[Constraint]:
        return [(factors[k].poly, _OPS[s]) for k, s in self.signs if s != _ALL]


class _Leaves:
    """All leaves with their known signs, and the test "does a term meet a leaf outside a set".

    The known signs are a matrix (leaves x factors, 2 for unknown), so a term is tested against
    every leaf at once.
    """

    UNKNOWN = 2

    def __init__(self, leaves: Sequence[Leaf], fixed: dict[int, int], factors, solver: SignSolver) -> None:
        self.leaves = list(leaves)
        self.fixed, self.factors, self.solver = fixed, factors, solver
        self.known = np.full((len(self.leaves), len(factors)), self.UNKNOWN, dtype=np.int8)
        for row, leaf in enumerate(self.leaves):
            for k, s in fixed.items():
                self.known[row, k] = s
            for k, s in leaf.known:
                self.known[row, k] = s
        self.index = np.array([leaf.index for leaf in self.leaves])
        self.queries = 0

    def profile(self, leaf: Leaf) -> Term:
        """The leaf as a term over every factor whose sign it knows (path and implied): the same set."""
        return Term(tuple(sorted((k, frozenset({s})) for k, s in leaf.known)), frozenset({leaf.index}))

    def meets_outside(self, signs: dict[int, frozenset[int]], members: frozenset[int], budget: int) -> bool:
        """Whether the term ``signs`` meets a leaf not in ``members`` (True when undecided within ``budget``)."""
        may_meet = ~np.isin(self.index, list(members))
        inside = may_meet.copy()
        for k, allowed in signs.items():
            column = self.known[:, k]
            ok = np.isin(column, list(allowed))
            may_meet &= ok | (column == self.UNKNOWN)
            inside &= ok
        if inside.any():
            return True
        for row in np.flatnonzero(may_meet):
            if budget <= 0:
                return True
            budget -= 1
            self.queries += 1
            leaf = self.leaves[row]
            conditions = [(self.factors[f].poly, _OPS[a]) for f, a in signs.items()]
            conditions += [(self.factors[f].poly, _OPS[frozenset({x})]) for f, x in leaf.conditions]
            if self.solver.check(conditions).status != "unsat":
                return True
        return False


def _join(a: Term, b: Term) -> dict[int, frozenset[int]]:
    """The smallest term containing both: per factor the union of the allowed signs (absent: any sign)."""
    da, db = a.as_dict(), b.as_dict()
    out = {}
    for k in da.keys() & db.keys():
        union = da[k] | db[k]
        if union != _ALL:
            out[k] = union
    return out


def _exact_unions(terms: list[Term]) -> list[Term]:
    """Merge terms that constrain the same factors and differ in the allowed signs of one only.

    Their union is exactly a term (the sets at that factor joined), so no leaf can enter it: no
    solver query, and siblings of the tree merge bottom-up.
    """
    changed = True
    while changed:
        changed = False
        buckets: dict[tuple, list[int]] = {}
        for index, term in enumerate(terms):
            signs = term.signs
            for position, (k, _) in enumerate(signs):
                rest = signs[:position] + signs[position + 1 :]
                buckets.setdefault((k, rest), []).append(index)
        used: set[int] = set()
        merged: list[Term] = []
        for (k, rest), members in buckets.items():
            members = [i for i in members if i not in used]
            if len(members) < 2:
                continue
            allowed = frozenset().union(*(dict(terms[i].signs)[k] for i in members))
            signs = tuple(sorted((*rest, (k, allowed)) if allowed != _ALL else rest))
            merged.append(Term(signs, frozenset().union(*(terms[i].leaves for i in members))))
            used.update(members)
            changed = True
        terms = merged + [t for i, t in enumerate(terms) if i not in used]
    return terms


def _profile(terms_leaves: frozenset[int], known: dict[int, dict[int, int]]) -> Term:
    """The smallest term over the factors known in every one of the leaves that contains them all."""
    common = set.intersection(*(set(known[i]) for i in terms_leaves))
    signs = {k: frozenset(known[i][k] for i in terms_leaves) for k in common}
    return Term(tuple(sorted((k, a) for k, a in signs.items() if a != _ALL)), terms_leaves)


def merge(
    leaves: Sequence[Leaf], fixed: dict[int, int], factors, solver: SignSolver, *, budget: int = 30
) -> dict[tuple, list[Term]]:
    """Group the decided leaves by structure and merge each group's terms (step 2 of the module docstring).

    First the exact unions of terms that differ in one factor; then two terms of one structure
    merge into their join when the join meets no other leaf.
    """
    index = _Leaves(leaves, fixed, factors, solver)
    groups: dict[tuple, list[Term]] = {}
    for leaf in leaves:
        if leaf.decided:
            path = Term(
                tuple(sorted((k, frozenset({s})) for k, s in leaf.conditions)), frozenset({leaf.index})
            )
            groups.setdefault(structure_key(leaf.structure), []).append(path)
    known = {leaf.index: dict(leaf.known) for leaf in leaves}
    for key, terms in groups.items():
        terms = [_profile(t.leaves, known) if len(t.leaves) == 1 else t for t in _exact_unions(terms)]
        tried: set[tuple[frozenset[int], frozenset[int]]] = set()  # pairs found not to join
        changed = True
        while changed:
            changed = False
            for i in range(len(terms)):
                for j in range(i + 1, len(terms)):
                    pair = (terms[i].leaves, terms[j].leaves)
                    if pair in tried:
                        continue
                    joined = _join(_profile(terms[i].leaves, known), _profile(terms[j].leaves, known))
                    members = terms[i].leaves | terms[j].leaves
                    if index.meets_outside(joined, members, budget):
                        tried.add(pair)
                        continue
                    terms[i] = Term(tuple(sorted(joined.items())), members)
                    del terms[j]
                    changed = True
                    break
                if changed:
                    break
        groups[key] = terms
    return groups


def simplify(
    term: Term,
    leaves: Sequence[Leaf],
    fixed: dict[int, int],
    factors,
    solver: SignSolver,
    *,
    budget: int = 30,
) -> Term:
    """Drop the conditions of ``term`` that the domain and the other conditions imply (step 3)."""
    index = _Leaves(leaves, fixed, factors, solver)
    signs = {k: a for k, a in term.as_dict().items() if k not in fixed}
    # the most complicated conditions first: the ones a reader most wants gone
    for k in sorted(signs, key=lambda f: (-factors[f].total_degree, -len(factors[f].terms), -f)):
        trial = {f: a for f, a in signs.items() if f != k}
        if not index.meets_outside(trial, term.leaves, budget):
            signs = trial
    return Term(tuple(sorted(signs.items())), term.leaves)
