"""The exact LP without compiled dependencies: Bland's simplex in rationals (``games._lp``)."""

from __future__ import annotations

import sys
from fractions import Fraction as F

import numpy as np
import pytest
from scipy.optimize import linprog

from cluster_games.games import BimatrixGame
from cluster_games.games._lp import _simplex, solve_exact


def test_beales_cycling_example_reaches_its_optimum():
    """Beale (1955): the textbook rule cycles forever; the optimum is 5/4 at x = (1, 0, 1, 0).

    max 3/4 x1 - 20 x2 + 1/2 x3 - 6 x4 subject to 1/4 x1 - 8 x2 - x3 + 9 x4 <= 0,
    1/2 x1 - 12 x2 - 1/2 x3 + 3 x4 <= 0, x3 <= 1, x >= 0.
    """
    c = [F(3, 4), -20, F(1, 2), -6]
    A = [[F(1, 4), -8, -1, 9], [F(1, 2), -12, F(-1, 2), 3], [0, 0, 1, 0]]
    assert _simplex(c, A, [0, 0, 1], [], [], ()) == (F(5, 4), [1, 0, 1, 0])


def test_infeasible_free_and_redundant_programs():
    # x1 + x2 <= -1 with x >= 0 has no point
    assert _simplex([1, 1], [[1, 1]], [-1], [], [], ()) is None
    # max -x with x free and x >= -3 (written -x <= 3): x = -3, value 3
    assert _simplex([-1], [[-1]], [3], [], [], (0,)) == (F(3), [F(-3)])
    # the same equality twice (a redundant row left after phase 1): max x1 on x1 + x2 = 1
    assert _simplex([1, 0], [], [], [[1, 1], [1, 1]], [1, 1], ()) == (F(1), [F(1), F(0)])
    # an unbounded program is an error, never a value
    with pytest.raises(RuntimeError, match="unbounded"):
        _simplex([1], [[-1]], [0], [], [], ())


def test_random_programs_agree_with_highs_and_are_exactly_feasible():
    """300 bounded integer programs (boxes 0 <= x <= 5, a free variable in a third of them)."""
    rng = np.random.default_rng(1)
    for t in range(300):
        m, n = rng.integers(1, 6), rng.integers(1, 6)
        free = (0,) if t % 3 == 0 else ()
        A = rng.integers(-3, 4, (m, n)).tolist() + np.eye(n, dtype=int).tolist()
        A += [[-int(i == k) for i in range(n)] for k in free]
        b = rng.integers(-2, 4, m).tolist() + [5] * (n + len(free))
        A_eq, b_eq = (rng.integers(-2, 3, (1, n)).tolist(), [1]) if t % 2 else ([], [])
        c = rng.integers(-3, 4, n).tolist()
        got = _simplex(c, A, b, A_eq, b_eq, free)
        ref = linprog(
            -np.array(c, float),
            A_ub=A,
            b_ub=b,
            A_eq=A_eq or None,
            b_eq=b_eq or None,
            bounds=[(None, None) if i in free else (0, None) for i in range(n)],
        )
        assert (got is None) == (ref.status == 2), t
        if got is None:
            continue
        value, x = got
        assert abs(float(value) + ref.fun) < 1e-9, t
        assert sum(F(ci) * xi for ci, xi in zip(c, x, strict=True)) == value
        assert all(
            sum(F(a) * xi for a, xi in zip(row, x, strict=True)) <= bi for row, bi in zip(A, b, strict=True)
        )
        assert all(
            sum(F(a) * xi for a, xi in zip(row, x, strict=True)) == bi
            for row, bi in zip(A_eq, b_eq, strict=True)
        )
        assert all(x[i] >= 0 for i in range(n) if i not in free)
        try:  # the same optimum as cddlib's exact LP where it is installed
            import cdd  # noqa: F401
        except ImportError:
            continue
        assert solve_exact(c, A, b, A_eq, b_eq, free)[0] == value, t


def test_dominance_of_a_degenerate_30x30_game_without_cddlib(monkeypatch):
    """Without pycddlib this game's exact dominance LP made sympy's simplex oscillate (exit 3 in
    ``cluster-games game``); Bland's rule answers, and as cddlib does where it is installed."""
    rng = np.random.default_rng(0)
    A, B = rng.integers(0, 99, (30, 30)), rng.integers(0, 99, (30, 30))
    try:
        import cdd  # noqa: F401

        with_cdd = BimatrixGame.from_arrays(A, B).dominance()
    except ImportError:
        with_cdd = None
    monkeypatch.setitem(sys.modules, "cdd", None)  # `import cdd` raises ImportError
    without = BimatrixGame.from_arrays(A, B).dominance()
    if with_cdd is not None:
        assert without == with_cdd
