"""Numeric kernels of the model, generated from or cross-tested against :mod:`cluster_games.model`.

* :mod:`~cluster_games.kernels.closed_forms`: the model's closed forms written once for any
  number type (float, numpy array, Fraction, sympy symbol).
* :mod:`~cluster_games.kernels.free_entry`: the free-entry rate omega* and n_min.
* :mod:`~cluster_games.kernels.vectorized`: chunked array kernels and exact classification.
"""
