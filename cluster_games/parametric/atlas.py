r"""The equilibrium atlas of a parametric game (SPEC 5.2): regions of the domain, each with closed forms.

:func:`build_atlas` computes, for a :class:`~cluster_games.parametric.game.ParametricGame`
on its domain :math:`D`:

1. the critical polynomials (:mod:`~cluster_games.parametric.systems`): payoff differences
   and the Cramer's-rule numerators and determinants of every support system, factored;
2. a decision tree (:mod:`~cluster_games.parametric.tree`) that splits :math:`D` on the sign
   of a factor only where the game's structure depends on it, each split decided by z3's
   complete procedure for real arithmetic, each leaf with an exact witness;
3. regions (:mod:`~cluster_games.parametric.regions`): leaves of equal structure merged, the
   conditions simplified, each with its dimension (:mod:`~cluster_games.parametric.dimension`).

Every point of :math:`D` lies in exactly one region or undecided leaf. On a region the
extreme equilibria are closed forms (rational functions of the parameters), the maximal
Nash subsets and components are fixed, and so are the dominant strategies and the survivors
of iterated elimination. :meth:`Atlas.at` answers at a point from the closed forms,
exactly.

>>> from cluster_games.parametric import ParametricGame
>>> hawk_dove = ParametricGame([["(V - C)/2", "V"], [0, "V/2"]], [["(V - C)/2", 0], ["V", "V/2"]],
...     parameters=["V", "C"], assumptions=["V > 0", "C > 0"], rows="HD", cols="HD")
>>> atlas = hawk_dove.atlas()
>>> for region in atlas.regions:
...     print(region.id, region.conditions_text, region.dimension, region.equilibria_text)
1 ['V < C'] 2 ['(H, D)', '(V/C H + (C - V)/C D, V/C H + (C - V)/C D)', '(D, H)']
2 ['V > C'] 2 ['(H, H)']
3 ['V == C'] 1 ['(H, H)', '(H, D)', '(D, H)']
>>> print(atlas.at({"V": 2, "C": 3}).equilibria)
3 isolated equilibria: (H, D), (2/3 H + 1/3 D, 2/3 H + 1/3 D), (D, H)
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from ..errors import DomainError
from ..games.equilibria import EquilibriumSet, assemble
from .dimension import leaf_dimension
from .game import ParametricGame
from .printing import condition_latex, condition_text, rational_latex, rational_text
from .regions import Term, merge, simplify
from .solver import Constraint, SignSolver, Value
from .structure import Structure
from .tree import DecisionTree, Leaf, grow
from .witness import holds, rationalise, text

__all__ = [
    "Atlas",
    "Region",
    "Condition",
    "AtlasPoint",
    "UndecidedRegion",
    "build_atlas",
    "domain_constraints",
]

_OP_OF = {
    frozenset({1}): ">",
    frozenset({-1}): "<",
    frozenset({0}): "==",
    frozenset({1, 0}): ">=",
    frozenset({-1, 0}): "<=",
    frozenset({1, -1}): "!=",
}


@dataclass(frozen=True)
class Condition:
    """``factor`` has one of the signs ``signs`` (-1, 0, 1); ``text`` and ``latex`` state it as a comparison."""

    factor: sp.Expr
    signs: frozenset[int]
    text: str
    latex: str

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Region:
    """A region of the domain on which the game's structure is constant.

    Attributes
    ----------
    id : int
        1, 2, ... in the order of the atlas.
    conditions : tuple of Condition
        The region within the domain: all of them hold (the domain's assumptions are implied).
    dimension : int
        Its dimension (the number of parameters for an open region, less on a boundary).
    dimension_certified : bool
        Whether the dimension is proved (else it is an upper bound; see
        :mod:`~cluster_games.parametric.dimension`).
    witness : dict
        A point of the region: exact rationals, or real algebraic numbers where needed.
    x_strategies, y_strategies : tuple of tuple of sympy.Expr
        The players' extreme equilibrium strategies as closed forms in the parameters.
    equilibria : tuple of (int, int)
        The extreme equilibria, as pairs of indices into ``x_strategies`` and ``y_strategies``.
    subsets : tuple of (tuple of int, tuple of int)
        The maximal Nash subsets: the convex hulls of these strategies, paired.
    components : tuple of tuple of int
        Connected components of the equilibrium set (indices into ``subsets``).
    degenerate : bool
        The game is degenerate throughout the region.
    strictly_dominant, weakly_dominant : (str or None, str or None)
        The row and column player's strictly (weakly) dominant strategy, if any.
    survivors : (tuple of str, tuple of str)
        The strategies surviving iterated elimination of strictly dominated strategies
        (mixed dominators included).
    structure : int
        Regions with the same structure (several disjoint terms) share this number.
    """

    id: int
    conditions: tuple[Condition, ...]
    dimension: int
    dimension_certified: bool
    witness: dict[str, Value]
    x_strategies: tuple[tuple[sp.Expr, ...], ...]
    y_strategies: tuple[tuple[sp.Expr, ...], ...]
    equilibria: tuple[tuple[int, int], ...]
    subsets: tuple[tuple[tuple[int, ...], tuple[int, ...]], ...]
    components: tuple[tuple[int, ...], ...]
    degenerate: bool
    strictly_dominant: tuple[str | None, str | None]
    weakly_dominant: tuple[str | None, str | None]
    survivors: tuple[tuple[str, ...], tuple[str, ...]]
    structure: int
    x_text: tuple[tuple[str, ...], ...] = field(repr=False, default=())
    y_text: tuple[tuple[str, ...], ...] = field(repr=False, default=())
    x_latex: tuple[tuple[str, ...], ...] = field(repr=False, default=())
    y_latex: tuple[tuple[str, ...], ...] = field(repr=False, default=())
    labels: tuple[tuple[str, ...], tuple[str, ...]] = field(repr=False, default=((), ()))
    leaves: frozenset[int] = field(repr=False, default=frozenset())

    @property
    def conditions_text(self) -> list[str]:
        return [c.text for c in self.conditions]

    @property
    def finite(self) -> bool:
        """Whether the equilibria are isolated points (no continuum)."""
        return all(len(S) == 1 and len(T) == 1 for S, T in self.subsets)

    def _strategy_text(self, probabilities: Sequence[str], labels: Sequence[str]) -> str:
        nonzero = [(p, s) for p, s in zip(probabilities, labels, strict=True) if p != "0"]
        if len(nonzero) == 1 and nonzero[0][0] == "1":
            return nonzero[0][1]
        return " + ".join(f"{p} {s}" for p, s in nonzero)

    @property
    def equilibria_text(self) -> list[str]:
        """Each extreme equilibrium as ``(x, y)`` with closed-form probabilities."""
        rl, cl = self.labels
        return [
            f"({self._strategy_text(self.x_text[i], rl)}, {self._strategy_text(self.y_text[j], cl)})"
            for i, j in self.equilibria
        ]

    @property
    def description(self) -> str:
        """A one-line summary of the structure."""
        n = len(self.equilibria)
        if not self.finite:
            eq = f"a continuum of equilibria ({len(self.subsets)} maximal Nash subsets, {len(self.components)} components)"
        elif n == 1:
            eq = f"unique equilibrium {self.equilibria_text[0]}"
        else:
            eq = f"{n} isolated equilibria"
        dom = []
        for who, s, w in zip(("row", "column"), self.strictly_dominant, self.weakly_dominant, strict=True):
            if s is not None:
                dom.append(f"{s} strictly dominant for {who}")
            elif w is not None:
                dom.append(f"{w} weakly dominant for {who}")
        return "; ".join([eq, *dom]) + (" [degenerate]" if self.degenerate else "")

    def __str__(self) -> str:
        where = " and ".join(self.conditions_text) or "the whole domain"
        return f"region {self.id} (dimension {self.dimension}): {where}: {self.description}"


@dataclass(frozen=True)
class UndecidedRegion:
    """Conditions the solver could not decide within its time limit: maybe empty, maybe not; kept, not dropped."""

    conditions: tuple[Condition, ...]
    reason: str

    def __str__(self) -> str:
        return "undecided: " + " and ".join(c.text for c in self.conditions) + f" ({self.reason})"


@dataclass(frozen=True)
class AtlasPoint:
    """The answer at one point: its region (``None`` if undecided), and the exact equilibria there."""

    point: dict[str, Fraction]
    region: Region | None
    equilibria: EquilibriumSet

    def __str__(self) -> str:
        where = f"region {self.region.id}" if self.region else "an undecided region (computed at the point)"
        at = ", ".join(f"{k}={text(v)}" for k, v in self.point.items())
        return f"at {at}: {where}: {self.equilibria}"


@dataclass(frozen=True)
class Atlas:
    """The equilibrium atlas of a game; see the module docstring.

    Attributes
    ----------
    game : ParametricGame
    regions : tuple of Region
    undecided : tuple of UndecidedRegion
        Empty when every sign condition was decided.
    critical : tuple of sympy.Expr
        The critical polynomials (irreducible factors) the atlas splits on or found constant.
    queries, seconds : int, float
        Solver queries made and the time the whole atlas took.
    """

    game: ParametricGame
    regions: tuple[Region, ...]
    undecided: tuple[UndecidedRegion, ...]
    critical: tuple[sp.Expr, ...]
    queries: int
    seconds: float
    _tree: DecisionTree = field(repr=False, compare=False)
    _factors: tuple = field(repr=False, compare=False)
    _region_of_leaf: dict[int, int] = field(repr=False, compare=False)

    @property
    def complete(self) -> bool:
        """True when every part of the domain was decided."""
        return not self.undecided

    def region_of(self, values: Mapping[Any, Any] | Sequence[Any]) -> Region | None:
        """The region holding a point of the domain (``None`` in an undecided part)."""
        coords = self.game.point(values)
        return self._locate(coords)[1]

    def _locate(self, coords: tuple[Fraction, ...]) -> tuple[Leaf, Region | None]:
        leaf = self._tree.locate(lambda k: self._factors[k].sign_at(coords))
        rid = self._region_of_leaf.get(leaf.index)
        return leaf, (self.regions[rid - 1] if rid is not None else None)

    def at(self, values: Mapping[Any, Any] | Sequence[Any]) -> AtlasPoint:
        """The exact equilibria at a point, from its region's closed forms.

        In an undecided part of the domain the point's game is solved directly
        (:mod:`cluster_games.games`) and ``region`` is ``None``.
        """
        coords = self.game.point(values)
        point = dict(zip(self.game.parameters, coords, strict=True))
        _, region = self._locate(coords)
        if region is None:
            return AtlasPoint(point, None, self.game.at(coords).equilibria())
        return AtlasPoint(point, region, evaluate_region(region, self.game, coords))

    def to_dict(self) -> dict[str, Any]:
        from .render import atlas_dict

        return atlas_dict(self)

    def to_json(self, **kwargs: Any) -> str:
        import json

        return json.dumps(self.to_dict(), indent=kwargs.pop("indent", 2), **kwargs)

    def __str__(self) -> str:
        from .render import atlas_text

        return atlas_text(self)

    def _repr_markdown_(self) -> str:
        from .render import atlas_markdown

        return atlas_markdown(self)


def evaluate_region(region: Region, game: ParametricGame, coords: Sequence[Fraction]) -> EquilibriumSet:
    """The equilibrium set at a point of ``region``, from its closed forms (exact)."""
    values = dict(zip(game.symbols, (sp.Rational(q.numerator, q.denominator) for q in coords), strict=True))

    def strategy(forms: Sequence[sp.Expr]) -> tuple[Fraction, ...]:
        out = []
        for f in forms:
            v = f.xreplace(values)
            out.append(Fraction(int(v.p), int(v.q)))
        return tuple(out)

    xs = [strategy(x) for x in region.x_strategies]
    ys = [strategy(y) for y in region.y_strategies]
    return assemble(
        xs,
        ys,
        list(region.equilibria),
        game.rows,
        game.cols,
        degenerate=region.degenerate,
        method=f"closed forms of atlas region {region.id}",
    )


def domain_constraints(game: ParametricGame) -> tuple[list[Constraint], list[Constraint], list]:
    """The domain for the solver, its non-strict inequalities, and its equations (as polynomials)."""
    ring = game.ring()
    out: list[Constraint] = []
    closed: list[Constraint] = []
    equations = []
    for r in game.assumptions:
        num, den = ring.fraction(r.expr)
        p = num * den
        out.append((p, r.op))
        written = ring.poly(sp.fraction(sp.together(r.expr))[1])
        if not written.is_ground:
            out.append((written, "!="))
        if r.op == ">=":
            closed.append((p, ">="))
        elif r.op == "==":
            equations.append(num)
    return out, closed, equations


def _check_domain(game: ParametricGame, solver: SignSolver, domain: list[Constraint]) -> tuple[Value, ...]:
    verdict = solver.check([])
    if verdict.status == "unsat":
        shown = ", ".join(r.text or str(r) for r in game.assumptions)
        raise DomainError(f"the assumptions are contradictory: no real point satisfies {shown}")
    if not verdict.sat:
        raise DomainError(
            f"the solver could not decide within {solver.timeout:g} s whether the domain is empty"
        )
    witness = rationalise(verdict.model, domain)
    ring = game.ring()
    for den in game.written_denominators():
        p = ring.poly(den)
        v = solver.check([(p, "==")])
        if v.sat:
            at = ", ".join(f"{n}={text(x)}" for n, x in zip(game.parameters, v.model, strict=True))
            raise DomainError(f"division by zero on the domain: {sp.sstr(den)} = 0 at {at}")
        if not v.status == "unsat":
            raise DomainError(
                f"could not decide within {solver.timeout:g} s whether {sp.sstr(den)} vanishes on the domain"
            )
    return witness


def build_atlas(game: ParametricGame, *, timeout: float = 10.0) -> Atlas:
    """The equilibrium atlas of ``game`` (see the module docstring).

    Parameters
    ----------
    game : ParametricGame
    timeout : float
        Seconds allowed for each solver query; a query that runs out of time leaves an
        :class:`UndecidedRegion`.

    Raises
    ------
    DomainError
        The domain is empty, or a payoff divides by zero somewhere in it.
    UnavailableError
        z3-solver is not installed.
    """
    from .systems import CriticalSet

    start = time.perf_counter()
    domain, closed, equations = domain_constraints(game)
    solver = SignSolver(game.d, domain, timeout)
    witness = _check_domain(game, solver, domain)
    critical = CriticalSet(game.A, game.B, game.ring())
    tree = grow(critical, solver, domain, witness)
    factors = critical.factors
    groups = merge(tree.leaves, tree.fixed, factors, solver)
    leaves = {leaf.index: leaf for leaf in tree.leaves}
    dims = {}
    for leaf in tree.leaves:
        if leaf.decided:
            dims[leaf.index] = _dimension(leaf, tree, factors, closed, equations, solver, domain, game.d)
    regions: list[Region] = []
    region_of_leaf: dict[int, int] = {}
    drafts = []
    for structure_id, (key, terms) in enumerate(groups.items(), start=1):
        for term in terms:
            simple = simplify(term, tree.leaves, tree.fixed, factors, solver)
            drafts.append((structure_id, key, simple))
    # open regions first, then boundaries, each in the tree's order (stable); structures numbered as met
    drafts.sort(key=lambda t: -max(dims[i][0] for i in t[2].leaves))
    numbering: dict[int, int] = {}
    names = game.parameters
    for rid, (structure_id, _, term) in enumerate(drafts, start=1):
        best = max(term.leaves, key=lambda i: (dims[i][0], dims[i][1], -_height(dims[i][2]), -i))
        dimension, certified, point = dims[best]
        certified = certified and all(dims[i][0] <= dimension for i in term.leaves)
        number = numbering.setdefault(structure_id, len(numbering) + 1)
        region = _region(
            rid, number, term, leaves[best].structure, dimension, certified, point, factors, game
        )
        regions.append(region)
        for i in term.leaves:
            region_of_leaf[i] = rid
    undecided = tuple(
        UndecidedRegion(
            tuple(_condition(factors[k], frozenset({s}), names) for k, s in leaf.conditions), leaf.reason
        )
        for leaf in tree.leaves
        if not leaf.decided
    )
    used = sorted({k for leaf in tree.leaves for k, _ in leaf.conditions} | set(tree.fixed))
    return Atlas(
        game,
        tuple(regions),
        undecided,
        tuple(factors[k].expr for k in used),
        solver.stats.queries,
        time.perf_counter() - start,
        tree,
        tuple(factors),
        region_of_leaf,
    )


def _height(point: Sequence[Value]) -> int:
    """How long a witness is to write (algebraic coordinates count as very long)."""
    return sum(
        (len(str(v.numerator)) + len(str(v.denominator))) if isinstance(v, Fraction) else 1000 for v in point
    )


def _dimension(leaf: Leaf, tree: DecisionTree, factors, closed, equations, solver, domain, d):
    known = {**tree.fixed, **dict(leaf.known)}
    zero = [factors[k].poly for k, s in sorted(known.items()) if s == 0]
    conditions = [(factors[k].poly, _OP_OF[frozenset({s})]) for k, s in leaf.conditions]
    if not zero and not equations and not any(holds([(p, "==")], leaf.witness) for p, _ in closed):
        return d, True, leaf.witness
    return leaf_dimension([*zero, *equations], closed, conditions, leaf.witness, solver, domain, d)


def _order_key(forms, point: Sequence[Value]) -> tuple[float, ...]:
    values = [float(v) for v in point]
    out = []
    for f in forms:
        num = _float_value(f.numer, values)
        den = _float_value(f.denom, values)
        out.append(-num / den)
    return tuple(out)


def _float_value(p, values: Sequence[float]) -> float:
    total = 0.0
    for monom, coeff in p.terms():
        term = float(Fraction(int(coeff.numerator), int(coeff.denominator)))
        for x, e in zip(values, monom, strict=False):
            term *= x**e
        total += term
    return total


def _condition(factor, signs: frozenset[int], names) -> Condition:
    return Condition(
        factor.expr,
        signs,
        condition_text(factor.poly, signs, names),
        condition_latex(factor.poly, signs, names),
    )


def _region(
    rid, structure_id, term: Term, s: Structure, dimension, certified, point, factors, game
) -> Region:
    names = game.parameters
    # strategies in the order cluster_games.games lists them at the witness: most weight on the first strategy first
    order_x = sorted(
        range(len(s.x_vertices)), key=lambda i: _order_key(s.x_vertices[i].system.closed_form, point)
    )
    order_y = sorted(
        range(len(s.y_vertices)), key=lambda j: _order_key(s.y_vertices[j].system.closed_form, point)
    )
    xs = [s.x_vertices[i].system.closed_form for i in order_x]
    ys = [s.y_vertices[j].system.closed_form for j in order_y]
    rx = {i: r for r, i in enumerate(order_x)}
    ry = {j: r for r, j in enumerate(order_y)}
    pairs = tuple(sorted((rx[i], ry[j]) for i, j in s.equilibria))
    from ..games.equilibria import _components, maximal_nash_subsets

    subsets = tuple(maximal_nash_subsets(len(xs), set(pairs)))
    ring = game.ring()

    def expr(f) -> sp.Expr:
        return sp.cancel(ring.expr(f.numer) / ring.expr(f.denom))

    def label(index: int | None, labels: Sequence[str]) -> str | None:
        return None if index is None else labels[index]

    rl, cl = game.rows, game.cols
    return Region(
        id=rid,
        conditions=tuple(_condition(factors[k], sg, names) for k, sg in term.signs),
        dimension=dimension,
        dimension_certified=certified,
        witness=dict(zip(names, point, strict=True)),
        x_strategies=tuple(tuple(expr(f) for f in x) for x in xs),
        y_strategies=tuple(tuple(expr(f) for f in y) for y in ys),
        equilibria=pairs,
        subsets=subsets,
        components=_components(list(subsets)),
        degenerate=s.degenerate,
        strictly_dominant=(label(s.strictly_dominant[0], rl), label(s.strictly_dominant[1], cl)),
        weakly_dominant=(label(s.weakly_dominant[0], rl), label(s.weakly_dominant[1], cl)),
        survivors=(tuple(rl[i] for i in s.survivors[0]), tuple(cl[j] for j in s.survivors[1])),
        structure=structure_id,
        x_text=tuple(tuple(rational_text(f, names) for f in x) for x in xs),
        y_text=tuple(tuple(rational_text(f, names) for f in y) for y in ys),
        x_latex=tuple(tuple(rational_latex(f, names) for f in x) for x in xs),
        y_latex=tuple(tuple(rational_latex(f, names) for f in y) for y in ys),
        labels=(rl, cl),
        leaves=term.leaves,
    )
