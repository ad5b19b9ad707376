"""The game kernel's tiers: float64 with bounds, double-double, exact; and its two engines.

The double-double tier must agree with exact rational arithmetic wherever it decides,
leave exact ties undecided, and decide most near-ties (otherwise the exact tier would
carry the load it is meant to spare). The numpy and numba engines must agree bitwise.
"""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

import numpy as np
import pytest

import cluster_games as cg
from cluster_games.kernels import _numba, margins
from cluster_games.kernels import classify as K

from support import exact_boundary_games

needs_numba = pytest.mark.skipif(
    not _numba.available(), reason="numba is not installed (extra 'fast'); the numpy engine is tested"
)
ORDER = ("n", "F", "alpha", "beta", "c", "c_A")


def boundary_games() -> list[tuple[float, ...]]:
    return exact_boundary_games(30)


def near_ties() -> np.ndarray:
    """Boundary games moved by 1 to 64 ulps in W or omega: float64 cannot decide d's sign."""
    rows = []
    for g in boundary_games():
        for steps in (1, 3, 17, 64):
            for which, direction in ((6, math.inf), (6, -math.inf), (7, math.inf), (7, -math.inf)):
                h = list(g)
                for _ in range(steps):
                    h[which] = math.nextafter(h[which], direction)
                rows.append(h)
    return np.array(rows).T


def exact(cols: np.ndarray, i: int):
    return margins.exact_point([*(float(col[i]) for col in cols), 2.0, math.nan], False, False)


def _k2(cols) -> list:
    """The columns with k = 2 (the paper's game) appended."""
    return [*cols, np.full(np.shape(cols[0]), 2.0)]


def test_float_stage_flags_near_ties_and_dd_decides_them_as_exact_arithmetic_does():
    cols = near_ties()
    stage = margins.float_stage(*_k2(cols), np.nan, False, False)
    unsure = stage[4]
    flagged = np.flatnonzero(unsure == margins.MARGINS)
    assert flagged.size > 0.5 * cols.shape[1]  # most near-ties are beyond float64's bound
    pts = [c[flagged] for c in cols]
    sign_s, sign_d, p, _, decided = margins.dd_margins(*_k2(pts), False, False)
    assert decided.mean() > 0.99  # double-double resolves them: the exact tier is spared
    for j in np.flatnonzero(decided):
        code, ss, sd, p_exact, _, _ = exact(cols, int(flagged[j]))
        assert code == 0 and (ss, sd) == (sign_s[j], sign_d[j])
        if not math.isnan(p_exact):
            assert abs(p[j] - p_exact) <= margins.P_TOLERANCE


def test_exact_ties_are_left_to_exact_arithmetic():
    cols = np.array(boundary_games()).T
    decided = margins.dd_margins(*_k2(cols), False, False)[-1]
    assert not decided.any()  # d = 0 exactly: no bound can decide its sign
    g = K.games(*cols)
    assert (g.sign_b == 0).all() and (g.sign_a == 1).all()


def test_dd_tier_at_default_rates_agrees_with_exact():
    # F = 0 puts omega* on c_A / c, where m(omega*) = 0 exactly: s = 2F/n = 0 by identity.
    rng = np.random.default_rng(3)
    size = 400
    beta, c = 10 ** rng.uniform(-2, 2, size), 10 ** rng.uniform(-2, 2, size)
    c_A = c * 10 ** rng.uniform(-6, -1, size)
    alpha = beta * (c + c_A) * (1 + 10 ** rng.uniform(-12, -6, size))  # G tiny: M(W_m) ill-conditioned
    F = np.where(rng.random(size) < 0.3, 0.0, 1e-30)
    n = np.full(size, 1e6)
    om = cg.omega_star(n, F, alpha, beta, c, c_A, on_infeasible="nan")
    W = (alpha - beta * c + beta * c_A) / (2 * beta * c)
    ok = ~np.isnan(om)
    cols = [v[ok] for v in (n, F, alpha, beta, c, c_A, om, W)]
    sign_s, sign_d, p, _, decided = margins.dd_margins(*_k2(cols), True, True)
    assert decided.sum() > 0.5 * ok.sum()
    for j in np.flatnonzero(decided):
        code, ss, sd, p_exact, _, _ = margins.exact_point(
            [*(float(col[j]) for col in cols), 2.0, math.nan], True, True
        )
        assert (code, ss, sd) == (0, sign_s[j], sign_d[j])
        assert math.isnan(p[j]) == math.isnan(p_exact)
        if not math.isnan(p_exact):
            assert abs(p[j] - p_exact) <= margins.P_TOLERANCE


@needs_numba
@pytest.mark.parametrize("threads", [False, True], ids=["serial", "threads"])
@pytest.mark.parametrize("defaults", [(False, False), (True, True), (True, False)])
def test_numpy_and_numba_engines_agree_bitwise(defaults, threads, monkeypatch):
    monkeypatch.setattr(_numba.ThreadChooser, "threads", lambda self, size: threads)
    rng = np.random.default_rng(11)
    size = 70_000
    beta, c = 10 ** rng.uniform(-2, 1, size), 10 ** rng.uniform(-1, 2, size)
    c_A = np.where(rng.random(size) < 0.1, 0.0, c * 10 ** rng.uniform(-3, -0.5, size))
    alpha = beta * (c + c_A) * 10 ** rng.uniform(-0.2, 1.3, size)  # some with G <= 0
    n, F = 10 ** rng.uniform(0, 4, size), 10 ** rng.uniform(-3, 2, size)
    om = cg.omega_star(n, F, alpha, beta, c, c_A, on_infeasible="nan")
    om = np.where(np.isnan(om), 0.3, om) * 10 ** rng.uniform(-0.3, 0.3, size)
    W = om * (1 + 10 ** rng.uniform(-9, 1.5, size))
    ties = near_ties()  # and exact boundary games, padded to the same layout
    cols = [np.concatenate([v, t]) for v, t in zip((n, F, alpha, beta, c, c_A, om, W), ties, strict=True)]
    omega = None if defaults[0] else cols[6]
    W = None if defaults[1] else cols[7]
    k = rng.choice([2, 3, 7, 50], cols[0].size)  # k companies and a discount factor, as arrays
    delta = np.where(rng.random(cols[0].size) < 0.2, 0.5, rng.uniform(0.01, 0.99, cols[0].size))
    a = K.games(*cols[:6], omega, W, k=k, delta=delta, engine="numpy")
    b = K.games(*cols[:6], omega, W, k=k, delta=delta, engine="numba")
    for field in dataclasses.fields(a):
        np.testing.assert_array_equal(getattr(a, field.name), getattr(b, field.name), err_msg=field.name)
    assert len(set(a.undefined.tolist())) >= 2 and len(set(a.klass.tolist())) >= 3


@needs_numba
def test_numba_cache_is_emptied_when_a_compiled_source_changes(tmp_path):
    from cluster_games.kernels import _numba_loops as L

    dispatchers = [L.games]
    assert L._drop_stale_cache(dispatchers) is False  # stamp written at import, sources unchanged
    stamp = next(iter({Path(d._cache.cache_path) for d in dispatchers})) / L._STAMP
    stamp.write_text("an older source")
    assert L._drop_stale_cache(dispatchers) is True
    assert stamp.read_text() == L._fingerprint()
    assert L._drop_stale_cache(dispatchers) is False


def test_points_outside_the_domain_are_not_refined_into_games():
    # D(W) = 11.001 - 11.01 < 0, and m(omega) = 2e-15: the margins alone would be refined
    # (found by hypothesis: the refinement once overwrote the signs of this undefined point).
    g = K.games(1.0, 0.0, 11.001, 1.0, 1.0, 10.0, 10.000000000000002, 10.010000000000002)
    assert int(g.undefined) == 3 and int(g.sign_a) == int(g.sign_b) == -2 and int(g.klass) == -1
