"""Exact integer solves and equilibrium checks of many small systems at once (numpy object arrays).

Games with thousands of equilibria (the k x k identity game has 2^k - 1) spend their time
solving each equilibrium on its support and verifying it. Here all systems of one size are
stacked, and every step of fraction-free (Bareiss) elimination and of the best-response test
is one numpy operation over the stack: Python integers throughout, exact, with the per-system
interpreter overhead paid once per step instead of once per entry.
"""

from __future__ import annotations

import numpy as np

__all__ = ["solve_ones", "is_nash_rows"]


def solve_ones(M: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Solve ``M[b] z = 1`` for every ``b`` of a stack ``M`` (object ints, shape ``(batch, k, k)``).

    Returns ``(num, ok)``: ``z = num[b] / sum``-free integers with ``num[b] = det_b z_b`` made
    to have a positive determinant, and ``ok[b]`` False where ``M[b]`` is singular.

    >>> num, ok = solve_ones(np.array([[[2, 1], [1, 3]], [[1, 2], [2, 4]]], dtype=object))
    >>> num[0].tolist(), ok.tolist()  # z = (2/5, 1/5) for the first; the second is singular
    ([2, 1], [True, False])
    """
    b, k, _ = M.shape
    a = np.empty((b, k, k + 1), dtype=object)
    a[:, :, :k] = M
    a[:, :, k] = 1
    prev = np.ones(b, dtype=object)
    ok = np.ones(b, dtype=bool)
    rows = np.arange(b)
    for c in range(k):
        nz = a[:, c:, c] != 0
        has = nz.any(axis=1)
        ok &= has
        r = c + nz.argmax(axis=1)
        swap = has & (r != c)
        if swap.any():
            s, rs = rows[swap], r[swap]
            top = a[s, c, :].copy()
            a[s, c, :] = a[s, rs, :]
            a[s, rs, :] = top
        p = a[:, c, c].copy()
        p[~has] = 1  # a singular system: keep its arithmetic harmless, report it in ok
        if c + 1 < k:
            a[:, c + 1 :, :] = (
                a[:, c + 1 :, :] * p[:, None, None] - a[:, c + 1 :, c : c + 1] * a[:, c : c + 1, :]
            ) // prev[:, None, None]
        prev = p
    if not ok.all():
        bad = np.flatnonzero(~ok)
        a[bad] = 0
        a[bad[:, None], np.arange(k), np.arange(k)] = 1
    det = a[:, k - 1, k - 1].copy()
    num = np.empty((b, k), dtype=object)
    for i in range(k - 1, -1, -1):
        s = det * a[:, i, k]
        for j in range(i + 1, k):
            s = s - a[:, i, j] * num[:, j]
        num[:, i] = s // a[:, i, i]  # exact: det * z_i is an integer (Cramer)
    num[det < 0] *= -1
    return num, ok


def is_nash_rows(A: np.ndarray, B: np.ndarray, X: np.ndarray, Y: np.ndarray) -> np.ndarray:
    """For each row ``b``, whether the non-negative integer profile ``(X[b], Y[b])`` is a Nash equilibrium.

    Every strategy played must be a best response: ``(A y)_i`` maximal where ``x_i > 0`` and
    ``(x B)_j`` maximal where ``y_j > 0`` (exact; ``A``, ``B``, ``X``, ``Y`` object ints).

    >>> A = np.array([[2, 0], [0, 1]], dtype=object); B = np.array([[1, 0], [0, 2]], dtype=object)
    >>> is_nash_rows(A, B, np.array([[2, 1], [1, 0]], dtype=object), np.array([[1, 2], [0, 1]], dtype=object))
    array([ True, False])
    """
    AY = Y @ A.T
    XB = X @ B
    best_r = AY.max(axis=1)[:, None]
    best_c = XB.max(axis=1)[:, None]
    return ((AY == best_r) | (X == 0)).all(axis=1) & ((XB == best_c) | (Y == 0)).all(axis=1)
