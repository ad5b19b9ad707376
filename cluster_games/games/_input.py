"""Input checking shared by the bimatrix-game algorithms (dominance, equilibria)."""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from typing import Any

import numpy as np


def bimatrix(
    A: Any, B: Any, row_labels: Sequence[str] | None, col_labels: Sequence[str] | None, *, exact: bool = False
) -> tuple[np.ndarray, np.ndarray, tuple[str, ...], tuple[str, ...]]:
    """Payoff matrices of one shape and strategy labels (default ``r0, r1, ...`` / ``c0, c1, ...``).

    With ``exact=True`` matrices holding :class:`~fractions.Fraction` stay object arrays
    so comparisons are exact; otherwise they become float64.
    """
    A, B = _matrix(A, exact), _matrix(B, exact)
    if A.shape != B.shape:
        raise ValueError(f"A and B must have the same shape, got {A.shape} and {B.shape}")
    return A, B, _labels(row_labels, A.shape[0], "r"), _labels(col_labels, A.shape[1], "c")


def _matrix(M: Any, exact: bool) -> np.ndarray:
    holds_fraction = exact and any(isinstance(v, Fraction) for v in np.asarray(M, dtype=object).ravel())
    arr = np.asarray(M, dtype=object if holds_fraction else float)
    if arr.ndim != 2 or 0 in arr.shape:
        raise ValueError(f"payoff matrix must be 2-dimensional and non-empty, got shape {arr.shape}")
    return arr


def _labels(labels: Sequence[str] | None, size: int, prefix: str) -> tuple[str, ...]:
    if labels is None:
        return tuple(f"{prefix}{i}" for i in range(size))
    if len(labels) != size:
        raise ValueError(f"expected {size} strategy labels, got {len(labels)}")
    return tuple(labels)
