"""Building an atlas: the domain checked, the tree grown, leaves merged into regions (SPEC 5.2).

See :mod:`cluster_games.parametric.atlas` for what an atlas holds.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from fractions import Fraction

import sympy as sp

from ..errors import DomainError
from ..games.equilibria import _components, maximal_nash_subsets
from .atlas import Atlas, Condition, Region, UndecidedRegion
from .dimension import leaf_dimension
from .evaluate import CompiledRational
from .game import ParametricGame
from .polys import evaluate
from .printing import condition_latex, condition_text, rational_latex, rational_text
from .regions import Term, merge, simplify
from .solver import Constraint, SignSolver, Value
from .structure import Structure
from .tree import DecisionTree, Leaf, grow
from .witness import holds, rationalise, text

__all__ = ["build_atlas", "domain_constraints"]

_OP_OF = {
    frozenset({1}): ">",
    frozenset({-1}): "<",
    frozenset({0}): "==",
    frozenset({1, 0}): ">=",
    frozenset({-1, 0}): "<=",
    frozenset({1, -1}): "!=",
}


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


def build_atlas(game: ParametricGame, *, timeout: float = 10.0, max_seconds: float | None = None) -> Atlas:
    """The equilibrium atlas of ``game`` (see the module docstring).

    Parameters
    ----------
    game : ParametricGame
    timeout : float
        Seconds allowed for each solver query; a query that runs out of time leaves an
        :class:`UndecidedRegion`.
    max_seconds : float, optional
        Seconds allowed for the whole decision tree (default: no limit); the regions still open
        then are reported as :class:`UndecidedRegion` with that reason.

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
    tree = grow(critical, solver, domain, witness, max_seconds)
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


def _order_key(forms, point: Sequence[Value]) -> tuple[Fraction, ...]:
    """Descending probabilities at the witness (exactly; an algebraic coordinate by its rational approximation)."""
    values = [v if isinstance(v, Fraction) else v.approx for v in point]
    return tuple(-(evaluate(f.numer, values) / evaluate(f.denom, values)) for f in forms)


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
        compiled=(
            tuple(tuple(CompiledRational(f) for f in x) for x in xs),
            tuple(tuple(CompiledRational(f) for f in y) for y in ys),
        ),
    )
