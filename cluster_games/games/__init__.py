"""Model-free game theory: bimatrix games, symmetric anonymous games, N-player normal forms.

Nothing here knows about the Dudko-Zhao model; :mod:`cluster_games.game` builds the
paper's game on top of it. Payoffs are exact rationals (:mod:`~cluster_games.games._rational`),
so every decision (a tie, a dominance, an equilibrium) is exact and invariant to
positive affine maps of the payoffs.

* :mod:`~cluster_games.games.bimatrix`: :class:`BimatrixGame`, the two-player game and its analyses.
* :mod:`~cluster_games.games.dominance`: dominance by pure and mixed strategies, certified exactly.
* :mod:`~cluster_games.games.elimination`: iterated elimination, round by round.
* :mod:`~cluster_games.games.equilibria`: all extreme equilibria, maximal Nash subsets and
  components; methods in :mod:`~cluster_games.games.two_by_two` (exact 2x2),
  :mod:`~cluster_games.games.vertex_enumeration` (exact, pycddlib) and nashpy.
* :mod:`~cluster_games.games.anonymous`: :class:`AnonymousGame`, k symmetric players whose
  payoffs depend on action counts; exact symmetric equilibria for two actions.
* :mod:`~cluster_games.games.normal_form`: :class:`NormalFormGame`, full N-player tables for cross-checks.
* :mod:`~cluster_games.games.nfg`: Gambit's ``.nfg`` files.

>>> from cluster_games.games import BimatrixGame
>>> print(BimatrixGame.from_arrays([[1, -1], [-1, 1]], [[-1, 1], [1, -1]], "HT", "HT").equilibria())
unique equilibrium: (1/2 H + 1/2 T, 1/2 H + 1/2 T)
"""

from __future__ import annotations

from .anonymous import AnonymousGame, SymmetricEquilibria
from .bimatrix import BimatrixGame
from .dominance import Domination, PlayerDominance, dominant_strategies
from .elimination import EliminationResult, iterated_elimination
from .equilibria import EquilibriumSet, NashSubset, Profile, exact_2x2_equilibria, nash_equilibria
from .nfg import NfgError, read_nfg, write_nfg
from .normal_form import NormalFormGame
from .roots import IsolatedRoot

__all__ = [
    "AnonymousGame",
    "BimatrixGame",
    "Domination",
    "EliminationResult",
    "EquilibriumSet",
    "IsolatedRoot",
    "NashSubset",
    "NfgError",
    "NormalFormGame",
    "PlayerDominance",
    "Profile",
    "SymmetricEquilibria",
    "dominant_strategies",
    "exact_2x2_equilibria",
    "iterated_elimination",
    "nash_equilibria",
    "read_nfg",
    "write_nfg",
]
