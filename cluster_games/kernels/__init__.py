"""Numeric kernels of the model, generated from or cross-tested against :mod:`cluster_games.model`.

* :mod:`~cluster_games.kernels.closed_forms`: the model's closed forms written once for any
  number type (float, numpy array, Fraction, sympy symbol).
* :mod:`~cluster_games.kernels.free_entry`: the free-entry rate omega*, one kernel in
  three tiers (:mod:`~cluster_games.kernels.tiers`: float64, double-double in
  :mod:`~cluster_games.kernels._dd`, exact), run by numpy or by numba; its existence threshold
  n_min in :mod:`~cluster_games.kernels.threshold`, rounded upward.
* :mod:`~cluster_games.kernels.classify`: many games at once, domain and classes decided
  exactly, in the same three tiers (:mod:`~cluster_games.kernels.margins`); what the signs
  mean is in :mod:`~cluster_games.kernels.outcomes`.
* :mod:`~cluster_games.kernels.exact`: exact arithmetic where a tie is decided.
"""
