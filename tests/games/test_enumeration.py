"""The new exact enumeration (pivoting, float-guided walk) against cddlib, pygambit and lrsnash.

Three independent references: the previous method (cddlib's double description in rationals,
both polytopes in full), pygambit's exact ``enummixed`` and lrsnash (lrslib's reverse search in
GMP integers). Expected values of the small unit tests are worked by hand in their comments.
"""

from __future__ import annotations

import json
import shutil
from fractions import Fraction
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from cluster_games.games import BimatrixGame
from cluster_games.games import float_guided as FG
from cluster_games.games import vertex_enumeration as V
from cluster_games.games._exact_basis import ExactBasis
from cluster_games.games.equilibria import is_nash_equilibrium
from cluster_games.games.pivoting import lex_vertices, positive_integers, solve_integer

from support import gambit_extreme_equilibria, lrsnash_extreme_equilibria

needs_cdd = pytest.mark.skipif(
    not V.available(),
    reason="pycddlib, the previous method, is not installed (extra 'peers', compiled; "
    "`pip install -e '.[peers]'`, README)",
)
needs_numba = pytest.mark.skipif(
    not FG.available(), reason="numba (extra 'fast') not installed: no float-guided walk"
)
needs_lrsnash = pytest.mark.skipif(
    shutil.which("lrsnash") is None, reason="lrsnash not installed (Debian package 'lrslib')"
)
ROUTES = ["pivoting", *(["float-guided"] if FG.available() else [])]
PEERS = json.loads((Path(__file__).parent / "data" / "peer_games.json").read_text())


def _extreme(eq) -> set:
    return {(p.row, p.col) for p in eq.extreme}


def _summary(eq):
    """Everything an answer says: extreme equilibria, maximal subsets, components, degeneracy."""
    subsets = sorted((s.row_vertices, s.col_vertices) for s in eq.subsets)
    return _extreme(eq), subsets, len(eq.components), eq.degenerate, eq.complete


# ---------------------------------------------------------------- small facts, by hand
def test_positive_integers_forget_shift_and_scale():
    M = [[Fraction(1, 3), Fraction(-2)], [Fraction(5), Fraction(0)]]
    moved = [[7 * v / 2 + 10**9 for v in row] for row in M]
    # (M - min) * 3 = [[7, 0], [21, 6]], gcd 1, plus 1
    assert positive_integers(M) == positive_integers(moved) == [[8, 1], [22, 7]]


def test_solve_integer_and_a_singular_system():
    num, det = solve_integer([[1, 2], [3, 4]], [1, 1])  # z = (-1, 1): -1 + 2 = 1, -3 + 4 = 1
    assert [Fraction(v, det) for v in num] == [-1, 1]
    assert solve_integer([[1, 2], [2, 4]], [1, 1]) is None


def test_lex_vertices_of_a_degenerate_triangle():
    # {z >= 0, z_0 + z_1 <= 1, z_0 <= 1}: vertices (0,0), (1,0) (three tight constraints: degenerate), (0,1)
    V_ = lex_vertices([[1, 1], [1, 0]])
    assert set(V_) == {(0, 0, 1), (1, 0, 1), (0, 1, 1)}
    assert V_[(1, 0, 1)] == 0b1110  # z_1 = 0, both rows tight


def test_exact_basis_lexicographic_ratio_test_at_a_tie():
    # Same triangle. From the origin, raising z_0 hits rows 0 and 1 at once (a tie). The perturbed
    # right-hand sides are 1 + eps (row 0) and 1 + eps^2 (row 1): row 1 is hit first, so it becomes
    # tight (bit 2 + 1 = 3) and the slack of row 0 stays basic at value 0 + eps - eps^2 > 0.
    origin = ExactBasis([[1, 1], [1, 0]], 0b0011)
    assert origin.valid and origin.neighbour(0) == 0b1010
    nxt = ExactBasis([[1, 1], [1, 0]], 0b1010)
    assert nxt.valid and nxt.labels == 0b1110  # the vertex (1, 0) carries three labels
    assert not ExactBasis(
        [[1, 1], [1, 0]], 0b0110
    ).valid  # row 0 tight with z_0 basic: slack of row 1 is -eps^2 + ...


@needs_numba
def test_a_tie_is_never_certified_in_floats():
    from cluster_games.games import _float_guided_kernels as K

    G = np.array([[1.0, 1.0], [1.0, 0.0]])
    work = K._work(G)
    nb, labs = np.empty(2, np.int64), np.empty(2, np.int64)
    clear, parent = np.empty(2, np.bool_), np.empty(1, np.int64)
    assert K.vertex(G, 0b0011, nb, labs, clear, parent, *work) == 1  # the origin is simple
    assert not clear[0]  # raising z_0: two ratios equal to 1, left to exact arithmetic
    assert K.vertex(G, 0b1010, nb, labs, clear, parent, *work) == 0  # (1, 0) is degenerate


def test_identity_games_have_every_support():
    # The k x k identity game: an equilibrium for each non-empty support S, uniform on S for both
    # players (each best response has payoff 1/|S|): 2^k - 1 equilibria, all isolated.
    k = 10
    for route in ROUTES:
        eq = BimatrixGame.from_arrays(np.eye(k), np.eye(k)).equilibria(method=route)
        assert len(eq.extreme) == 2**k - 1 == len(eq.components) and not eq.degenerate
        assert all(p.row == p.col and len(set(p.row) - {0}) == 1 for p in eq.extreme)


# ---------------------------------------------------------------- against the references
@needs_cdd
@pytest.mark.parametrize("route", ROUTES)
def test_peer_games_agree_with_cddlib_and_the_published_reference(route):
    from cluster_games.errors import UnavailableError

    walked = 0
    for entry in PEERS:
        game = BimatrixGame.from_arrays(entry["A"], entry["B"])
        ints = positive_integers(game.A), positive_integers(game.B)
        if route == "float-guided" and not FG.usable(*ints):  # payoffs beyond 2**50 once made integers
            with pytest.raises(UnavailableError, match="pivoting"):
                game.equilibria(method=route)
            continue
        walked += 1
        new = game.equilibria(method=route)
        old = game.equilibria(method="vertex-enumeration")
        assert _summary(new) == _summary(old), entry["id"]
        reference = {
            (tuple(map(Fraction, x)), tuple(map(Fraction, y)))
            for x, y in entry["reference_extreme_equilibria"]
        }
        assert _extreme(new) == reference, entry["id"]
    assert walked >= 90


def test_peer_games_agree_with_pygambit():
    pytest.importorskip(
        "pygambit", reason="pygambit, this test's reference, is not installed (extra 'peers', compiled)"
    )
    for entry in PEERS:
        if len(entry["A"]) * len(entry["A"][0]) > 36:
            continue  # enummixed takes seconds from 8x8 on: those games are checked against cddlib above
        eq = BimatrixGame.from_arrays(entry["A"], entry["B"]).equilibria()
        assert _extreme(eq) == gambit_extreme_equilibria(entry["A"], entry["B"]), entry["id"]


small_games = st.tuples(st.integers(1, 5), st.integers(1, 5), st.integers(1, 3)).flatmap(
    lambda s: st.tuples(
        arrays(np.int64, s[:2], elements=st.integers(-s[2], s[2])),
        arrays(np.int64, s[:2], elements=st.integers(-s[2], s[2])),
    )
)


@settings(max_examples=80, deadline=None, derandomize=True, database=None)
@given(small_games)
def test_random_degenerate_games_agree_with_pygambit(game):
    """Payoffs in {-3..3}: ties everywhere, continua, unequal supports, degenerate origins."""
    pytest.importorskip(
        "pygambit", reason="pygambit, this test's reference, is not installed (extra 'peers', compiled)"
    )
    A, B = game
    answers = [BimatrixGame.from_arrays(A, B).equilibria(method=r) for r in ROUTES]
    assert all(_summary(a) == _summary(answers[0]) for a in answers)
    assert _extreme(answers[0]) == gambit_extreme_equilibria(A, B)
    for s in answers[0].subsets:
        for x in s.row_vertices:
            for y in s.col_vertices:
                assert is_nash_equilibrium(A, B, x, y, tol=0)


@needs_cdd
@pytest.mark.parametrize("k", [6, 8, 10])
def test_degenerate_games_up_to_10x10_agree_with_cddlib_and_pygambit(k):
    rng = np.random.default_rng(k)
    A, B = rng.integers(0, 3, (k, k)), rng.integers(0, 3, (k, k))
    game = BimatrixGame.from_arrays(A, B)
    old = game.equilibria(method="vertex-enumeration")
    for route in ROUTES:
        assert _summary(game.equilibria(method=route)) == _summary(old)
    if k <= 8:  # enummixed needs over 5 s at 10x10
        pytest.importorskip(
            "pygambit", reason="pygambit, this test's reference, is not installed (extra 'peers', compiled)"
        )
        assert _extreme(old) == gambit_extreme_equilibria(A, B)


@needs_lrsnash
@pytest.mark.parametrize(
    "k, kind", [(12, "generic"), (12, "ties"), (14, "generic")], ids=["12-generic", "12-ties", "14-generic"]
)
def test_larger_games_agree_with_lrsnash(k, kind):
    rng = np.random.default_rng(100 + k)
    if kind == "ties":
        A, B = rng.choice([-50, -25, 0, 25, 50], (k, k)), rng.choice([-50, -25, 0, 25, 50], (k, k))
    else:
        A, B = rng.integers(-50, 51, (k, k)), rng.integers(-50, 51, (k, k))
    eq = BimatrixGame.from_arrays(A, B).equilibria(method=ROUTES[-1])  # the float walk if numba is there
    assert _extreme(eq) == lrsnash_extreme_equilibria(A, B)


# ---------------------------------------------------------------- route choice and the limit
def test_auto_takes_cddlib_only_for_heavily_tied_games():
    from cluster_games.games.enumeration import TIED_SHARE, prefers_cdd

    rng = np.random.default_rng(3)
    tied = rng.integers(0, 3, (8, 8)), rng.integers(0, 3, (8, 8))
    # column j of A has a tied maximum when two rows share it; count by hand-checkable definition
    share = (
        sum((tied[0][:, j] == tied[0][:, j].max()).sum() > 1 for j in range(8))
        + sum((tied[1][i] == tied[1][i].max()).sum() > 1 for i in range(8))
    ) / 16
    assert share >= TIED_SHARE
    assert prefers_cdd(tied[0].tolist(), tied[1].tolist()) == V.available()
    eye = np.eye(8, dtype=int).tolist()
    assert not prefers_cdd(eye, eye)  # no tie: the walks
    method = BimatrixGame.from_arrays(*tied).equilibria().method
    assert ("pycddlib" in method) == V.available()


def test_without_numba_pivoting_answers_and_the_limit_holds(monkeypatch):
    from cluster_games.games import enumeration

    monkeypatch.setattr(FG, "available", lambda: False)
    rng = np.random.default_rng(7)
    A, B = rng.integers(-50, 51, (10, 10)), rng.integers(-50, 51, (10, 10))
    game = BimatrixGame.from_arrays(A, B)
    assert "pivoting" in game.equilibria().method
    # The upper bound theorem allows 2 * 4004 vertices, about 1.1 s at the pivoting cost: refused
    # under a limit of 0.5 s, with the bound as the estimate.
    with pytest.raises(ValueError, match=r"about 8,008 vertices .* upper bound theorem; numba would give"):
        game.equilibria(max_seconds=0.5)
    with pytest.raises(Exception, match="needs numba"):
        game.equilibria(method="float-guided")
    # An estimate that errs low: the run itself stops at the limit. ~2,900 bases take far over
    # 15 ms, and the walk checks the clock every 256 bases.
    monkeypatch.setattr(enumeration, "PIVOT_COST", 1e-12)
    enumeration._estimate.cache_clear()
    with pytest.raises(
        ValueError, match=r"enumeration stopped after .* vertices walked .* raise max_seconds"
    ):
        game.equilibria(max_seconds=0.015)
    enumeration._estimate.cache_clear()
