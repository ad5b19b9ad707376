r"""The atlas's decision tree: split the domain on a critical factor's sign only when the structure needs it.

Start with the whole domain and a witness point in it. Ask for the game's structure
(:func:`~cluster_games.parametric.structure.structure`) with the signs known so far; when it
needs the sign of a factor :math:`f` that is not known, split the node:

* the sign of :math:`f` at the node's witness gives one child, with the same witness;
* the solver decides whether :math:`f` takes another sign in the node (one query,
  ``f != s0``); if it does, the model is the witness of a second child, and one more query
  decides the third sign.

A factor whose sign is the same on the whole domain is found once and never split on.
A query the solver cannot decide in its time limit makes an **undecided** leaf, kept
with its conditions. Leaves partition the domain: each point satisfies the sign conditions
of exactly one root-to-leaf path.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from fractions import Fraction

from .solver import Constraint, SignSolver, Value
from .structure import LazySigns, NeedSign, Structure, structure
from .systems import CriticalSet
from .witness import UndecidedSign, factor_sign, poly_sign, rationalise

__all__ = ["Leaf", "Node", "DecisionTree", "grow"]

_OP = {1: ">", -1: "<", 0: "=="}
_NOT = {1: "<=", -1: ">=", 0: "!="}


@dataclass
class Node:
    """A node: the branching decisions on its path, every sign known there, a witness, its children."""

    conditions: tuple[tuple[int, int], ...]
    known: dict[int, int]
    witness: tuple[Value, ...] | None
    split_on: int | None = None
    children: dict[int, Node] = field(default_factory=dict)
    leaf: Leaf | None = None
    memo: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Leaf:
    """A leaf: the conditions on its path, a witness (``None`` if undecided) and the structure there."""

    index: int
    conditions: tuple[tuple[int, int], ...]
    known: tuple[tuple[int, int], ...]
    witness: tuple[Value, ...] | None
    structure: Structure | None
    reason: str = ""

    @property
    def decided(self) -> bool:
        return self.structure is not None


@dataclass
class DecisionTree:
    """The tree, its leaves in order, and the signs fixed on the whole domain."""

    root: Node
    leaves: list[Leaf]
    fixed: dict[int, int]
    possible: dict[int, frozenset[int]]

    def locate(self, signs_at) -> Leaf:
        """The leaf holding a point; ``signs_at(k)`` gives factor ``k``'s sign there."""
        node = self.root
        while node.leaf is None:
            node = node.children[signs_at(node.split_on)]
        return node.leaf


class _Grower:
    def __init__(self, critical: CriticalSet, solver: SignSolver, domain: list[Constraint]) -> None:
        self.critical, self.solver, self.domain = critical, solver, domain
        self.factors = critical.factors
        self.fixed: dict[int, int] = {}
        self.possible: dict[int, frozenset[int]] = {}
        self.leaves: list[Leaf] = []
        self.domain_witness: tuple[Value, ...] | None = None
        self.deadline: float | None = None  # time.monotonic() after which open nodes stay undecided

    def constraint(self, k: int, s: int, negate: bool = False) -> Constraint:
        return (self.factors[k].poly, (_NOT if negate else _OP)[s])

    def path(self, node: Node) -> list[Constraint]:
        return [self.constraint(k, s) for k, s in node.conditions]

    def witness(self, model: tuple[Value, ...], constraints: list[Constraint]) -> tuple[Value, ...]:
        """An exact witness from a model: rational where one is found, else one algebraic coordinate at most.

        With two or more algebraic coordinates, all but the last are pinned to nearby rationals and the
        solver is asked again: exact arithmetic with one algebraic number is a gcd and an isolating
        interval, with several it needs minimal polynomials (seconds each).
        """
        point = rationalise(model, [*self.domain, *constraints])
        algebraic = [i for i, v in enumerate(point) if not isinstance(v, Fraction)]
        if len(algebraic) <= 1:
            return point
        ring = self.critical.ring.ring
        for digits in (1, 2, 4, 8, 16):
            pins = []
            for i in algebraic[:-1]:
                q = point[i].approx.limit_denominator(10**digits)
                pins.append((ring.gens[i] - ring.domain(q.numerator) / ring.domain(q.denominator), "=="))
            verdict = self.solver.check([*constraints, *pins])
            if verdict.sat:
                return rationalise(verdict.model, [*self.domain, *constraints])
        return point

    def signs_on_domain(self, k: int) -> frozenset[int]:
        """The signs factor ``k`` takes on the domain (queries the solver at most twice, once per factor)."""
        if k in self.possible:
            return self.possible[k]
        s0 = factor_sign(self.factors[k], self.domain_witness)
        found = {s0}
        undecided = False
        verdict = self.solver.check([self.constraint(k, s0, negate=True)])
        if verdict.sat:
            s1 = poly_sign(self.factors[k].poly, verdict.model)
            found.add(s1)
            rest = ({-1, 0, 1} - found).pop()
            v2 = self.solver.check([self.constraint(k, rest)])
            if v2.sat:
                found.add(rest)
            elif v2.status == "unknown":
                undecided = True
        elif verdict.status == "unknown":
            undecided = True
        # an undecided sign stays possible: the tree will ask again inside each node
        out = frozenset({-1, 0, 1}) if undecided else frozenset(found)
        self.possible[k] = out
        if len(out) == 1:
            self.fixed[k] = s0
        return out

    def grow(self, node: Node) -> None:
        stack = [node]
        while stack:
            node = stack.pop()
            if self.deadline is not None and time.monotonic() > self.deadline:
                # out of time: every node not yet resolved is reported undecided, never dropped
                self._undecided(node, "the atlas's time limit (max_seconds) ran out before this region")
                continue
            try:
                result = structure(self.critical, LazySigns(node.known, self.fixed), node.memo)
            except NeedSign as need:
                k = need.factor
                try:
                    if len(self.signs_on_domain(k)) == 1:
                        stack.append(node)  # now fixed on the whole domain
                        continue
                    self.split(node, k)
                except UndecidedSign:
                    # an exact sign at an algebraic witness that refinement could not decide: the
                    # node is reported undecided, never guessed (split adds children only at its end)
                    node.children.clear()
                    node.split_on = None
                    self._undecided(
                        node, "a sign at the region's algebraic witness could not be decided exactly"
                    )
                    continue
                stack.extend(c for c in reversed(list(node.children.values())) if c.leaf is None)
                continue
            node.leaf = Leaf(
                len(self.leaves), node.conditions, tuple(sorted(node.known.items())), node.witness, result
            )
            node.memo = {}
            self.leaves.append(node.leaf)

    def _undecided(self, node: Node, reason: str) -> None:
        node.leaf = Leaf(
            len(self.leaves), node.conditions, tuple(sorted(node.known.items())), None, None, reason
        )
        self.leaves.append(node.leaf)

    def split(self, node: Node, k: int) -> None:
        node.split_on = k
        f = self.factors[k]
        s0 = factor_sign(f, node.witness)
        base = self.path(node)
        candidates = self.possible[k] - {s0}
        children: dict[int, tuple[tuple[Value, ...] | None, str]] = {s0: (node.witness, "")}
        if candidates:
            verdict = self.solver.check([*base, self.constraint(k, s0, negate=True)])
            if verdict.sat:
                s1 = poly_sign(f.poly, verdict.model)
                children[s1] = (self.witness(verdict.model, [*base, self.constraint(k, s1)]), "")
                candidates = candidates - {s1}
                todo = candidates
            elif verdict.status == "unsat":
                todo = set()
            else:
                todo = candidates
            for s in sorted(todo):
                v = self.solver.check([*base, self.constraint(k, s)])
                if v.sat:
                    children[s] = (self.witness(v.model, [*base, self.constraint(k, s)]), "")
                elif v.status == "unknown":
                    children[s] = (None, v.reason or "the solver ran out of time")
        for s, (witness, reason) in sorted(children.items()):
            # (the node's memo passes to its children: their known signs extend the node's)
            known = {**node.known, k: s}
            child = Node((*node.conditions, (k, s)), known, witness, memo=dict(node.memo))
            node.children[s] = child
            if witness is None:
                child.leaf = Leaf(
                    len(self.leaves), child.conditions, tuple(sorted(known.items())), None, None, reason
                )
                self.leaves.append(child.leaf)


def grow(
    critical: CriticalSet,
    solver: SignSolver,
    domain: list[Constraint],
    root_witness,
    max_seconds: float | None = None,
) -> DecisionTree:
    """Grow the decision tree of a game over its domain (``root_witness``: a point of the domain).

    With ``max_seconds``, the nodes still open when that time has passed become undecided leaves.
    """
    grower = _Grower(critical, solver, domain)
    grower.domain_witness = root_witness
    grower.deadline = None if max_seconds is None else time.monotonic() + max_seconds
    root = Node((), {}, root_witness)
    grower.grow(root)
    return DecisionTree(root, grower.leaves, grower.fixed, grower.possible)
