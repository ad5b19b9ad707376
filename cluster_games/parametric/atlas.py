r"""The equilibrium atlas of a parametric game (SPEC 5.2): regions of the domain, each with closed forms.

:func:`~cluster_games.parametric.build.build_atlas` computes, for a :class:`~cluster_games.parametric.game.ParametricGame`
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

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from fractions import Fraction
from typing import Any

import sympy as sp

from ..games.equilibria import EquilibriumSet, assemble
from .evaluate import split
from .game import ParametricGame
from .solver import Value
from .tree import DecisionTree, Leaf
from .witness import text

__all__ = [
    "Atlas",
    "Region",
    "Condition",
    "AtlasPoint",
    "UndecidedRegion",
    "evaluate_region",
]


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
    compiled: tuple[tuple, tuple] = field(repr=False, compare=False, default=((), ()))

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

    def _brief(self, i: int, j: int) -> str:
        """``(H, D)`` for a pure profile, ``mixed`` for a mixed strategy."""
        rl, cl = self.labels

        def side(probabilities, labels):
            support = [s for p, s in zip(probabilities, labels, strict=True) if p != "0"]
            return support[0] if len(support) == 1 else "mixed"

        return f"({side(self.x_text[i], rl)}, {side(self.y_text[j], cl)})"

    @property
    def description(self) -> str:
        """A one-line summary of the structure."""
        n = len(self.equilibria)
        if not self.finite:
            eq = f"a continuum of equilibria ({len(self.subsets)} maximal Nash subsets, {len(self.components)} components)"
        elif n == 1:
            eq = f"unique equilibrium {self.equilibria_text[0]}"
        else:
            eq = f"{n} isolated equilibria: " + ", ".join(self._brief(i, j) for i, j in self.equilibria)
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
    _compiled_factors: dict = field(repr=False, compare=False, default_factory=dict)

    @property
    def complete(self) -> bool:
        """True when every part of the domain was decided."""
        return not self.undecided

    def region_of(self, values: Mapping[Any, Any] | Sequence[Any]) -> Region | None:
        """The region holding a point of the domain (``None`` in an undecided part)."""
        coords = self.game.point(values)
        return self._locate(coords)[1]

    def _locate(self, coords: tuple[Fraction, ...]) -> tuple[Leaf, Region | None]:
        nums, dens = split(coords)
        leaf = self._tree.locate(lambda k: self._compiled_factor(k).sign(nums, dens))
        rid = self._region_of_leaf.get(leaf.index)
        return leaf, (self.regions[rid - 1] if rid is not None else None)

    def at(self, values: Mapping[Any, Any] | Sequence[Any]) -> AtlasPoint:
        """The exact equilibria at a point, from its region's closed forms.

        In an undecided part of the domain the point's game is solved directly
        (:mod:`cluster_games.games`) and ``region`` is ``None``.
        """
        return self._at(self.game.point(values))

    def _at(self, coords: tuple[Fraction, ...]) -> AtlasPoint:
        """:meth:`at` at coordinates already checked against the domain."""
        point = dict(zip(self.game.parameters, coords, strict=True))
        _, region = self._locate(coords)
        if region is None:
            return AtlasPoint(point, None, self.game.at(coords).equilibria())
        return AtlasPoint(point, region, evaluate_region(region, self.game, coords))

    def _compiled_factor(self, k: int):
        cache = self._compiled_factors
        f = cache.get(k)
        if f is None:
            from .evaluate import CompiledPoly

            f = cache[k] = CompiledPoly(self._factors[k].poly)
        return f

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
    nums, dens = split(coords)
    xs_forms, ys_forms = region.compiled
    xs = [tuple(f.value(nums, dens) for f in x) for x in xs_forms]
    ys = [tuple(f.value(nums, dens) for f in y) for y in ys_forms]
    return assemble(
        xs,
        ys,
        list(region.equilibria),
        game.rows,
        game.cols,
        degenerate=region.degenerate,
        method=f"closed forms of atlas region {region.id}",
    )
