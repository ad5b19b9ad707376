r"""Parametric games: payoffs that are formulas in parameters, and their equilibrium atlas (SPEC 5).

The layer between the model-free numeric games (:mod:`cluster_games.games`) and the
paper's model: a two-player game whose payoffs are polynomials or rational functions of
named parameters, on a domain of assumptions, analysed *exactly over the whole domain*.

* :class:`ParametricGame` (:mod:`~cluster_games.parametric.game`): the game; text parsed by
  a whitelist grammar (:mod:`~cluster_games.parametric.grammar`), never evaluated;
  ``at(point)`` is the numeric :class:`~cluster_games.games.BimatrixGame` there.
* :func:`build_atlas` / ``game.atlas()`` (:mod:`~cluster_games.parametric.atlas`): the regions
  of the domain where the structure is constant, decided by z3 (extra ``atlas``), each
  with closed-form equilibria, dominance and survivors of iterated elimination.

>>> from cluster_games.parametric import ParametricGame
>>> pd = ParametricGame([["R", "S"], ["T", "P"]], [["R", "T"], ["S", "P"]], parameters=["R", "S", "T", "P"],
...                     assumptions=["T > R", "R > P", "P > S"], rows="CD", cols="CD")
>>> [str(r) for r in pd.atlas().regions]
['region 1 (dimension 4): the whole domain: unique equilibrium (D, D); D strictly dominant for row; D strictly dominant for column']
"""

from __future__ import annotations

from ..errors import DomainError, ParseError
from .atlas import Atlas, AtlasPoint, Condition, Region, UndecidedRegion
from .build import build_atlas
from .game import ParametricGame

__all__ = [
    "Atlas",
    "AtlasPoint",
    "Condition",
    "DomainError",
    "ParametricGame",
    "ParseError",
    "Region",
    "UndecidedRegion",
    "build_atlas",
]
