"""Model-free game theory: finite two-player (bimatrix) games.

Nothing here knows about the Dudko-Zhao model; :mod:`cluster_games.game` builds
the paper's game on top of it.

* :mod:`~cluster_games.games.dominance`: dominant strategies and iterated
  elimination of strictly dominated strategies (mixed dominators included).
* :mod:`~cluster_games.games.equilibria`: all Nash equilibria and the maximal
  Nash subsets of a bimatrix game, and the exact 2x2 analysis.
"""
