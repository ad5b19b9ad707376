"""p_mixed for k > 2 companies (issue 19: sweeps left it empty while `equilibria` said a symmetric mixed
equilibrium exists). References: the exact root of the anonymous game's gain polynomial
(CompanyGame.symmetric_equilibria, exact rational bisection) and a 60-digit root of
1 + s + ... + s^(k-2) + (1 - r) s^(k-1) = 0, s = 1 - p, r = M(W)/M(omega) (SPEC 4.1)."""

from __future__ import annotations

import csv
import math

import mpmath
import numpy as np
import pytest

from cluster_games import Parameters, Rates
from cluster_games.companies import CompanyGame
from cluster_games.kernels import classify as K
from cluster_games.kernels import margins, mixed_k
from cluster_games.kernels.outcomes import EQUILIBRIUM_KINDS
from cluster_games.scale.sweep import sweep_to_file

EXAMPLE = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)  # rho = 19802.5
CHENGHAI = Parameters(n=200, F=6e7, alpha=5e6, beta=1.6e5, c=20, c_A=0.6)  # rho = 15.2


def reference(r: float, k: int) -> mpmath.mpf:
    """The root p in (0, 1) of sum_{j<k-1} s^j + (1 - r) s^(k-1) (s = 1 - p), by 60-digit bisection."""
    mpmath.mp.dps = 60
    r = mpmath.mpf(r)

    def g(s):  # positive at s = 0, k - r < 0 at s = 1: one sign change (Descartes), one root
        return sum(s**j for j in range(k - 1)) + (1 - r) * s ** (k - 1)

    lo, hi = mpmath.mpf(0), mpmath.mpf(1)
    for _ in range(220):
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if g(mid) > 0 else (lo, mid)
    return 1 - (lo + hi) / 2


@pytest.mark.parametrize("k", [3, 4, 7, 30])
@pytest.mark.parametrize("rel", [1e-9, 1e-3, 0.5, 1.0, 10.0, 1e6, 1e40])
def test_probability_is_the_root_within_its_bound(k, rel):
    r = k * (1 + rel)  # r > k: a coordination game
    p, bound = mixed_k.probability(np.array([r]), np.array([float(k)]))
    ref = reference(r, k)
    assert abs(mpmath.mpf(float(p[0])) - ref) <= float(bound[0]) <= margins.P_TOLERANCE


def test_probability_for_k_2_is_the_2x2_formula_and_extremes_are_bounded():
    r = np.array([2.5, 3.0, 11.0, 1e12])
    p, bound = mixed_k.probability(r, np.full(4, 2.0))
    assert np.all(np.abs(p - (r - 2) / (r - 1)) <= bound) and np.all(bound <= margins.P_TOLERANCE)
    # p rounds to 1 when q is below 2**-54 (here q = r**(-1/2) = 1e-150), and to 0 nowhere
    p, bound = mixed_k.probability(np.array([1e300, np.inf]), np.array([3.0, 3.0]))
    assert p.tolist() == [1.0, 1.0] and np.all(bound <= margins.P_TOLERANCE)
    p, bound = mixed_k.probability(np.array([3 * (1 + 1e-15)]), np.array([3.0]))
    assert 0 < p[0] < 1e-14 and abs(p[0] - 1e-15) <= bound[0] + 1e-16  # p ~ 2 (r - k)/(k (k - 1))


@pytest.mark.parametrize("k", [3, 4, 5, 8, 12])
@pytest.mark.parametrize("n", [10.0, 1e3, 1e5])
def test_games_fill_p_mixed_with_the_exact_symmetric_equilibrium(k, n):
    params = EXAMPLE.replace(n=n)
    g = K.games(n, *list(params.as_dict().values())[1:], k=k)
    eq = g.equilibria
    exact = CompanyGame.at(params, k).symmetric_equilibria().probabilities
    interior = [float(v) for v in exact if 0 < v < 1]
    if eq.kind.item() == 2:  # coordination: all-Y, all-N and one symmetric mixed equilibrium
        assert len(interior) == 1 and abs(g.p_mixed.item() - interior[0]) <= margins.P_TOLERANCE
        assert "P(Y) = " in eq.describe(())
    else:
        assert interior == [] and math.isnan(g.p_mixed.item())


def test_given_rates_and_many_points_agree_with_the_exact_game():
    rng = np.random.default_rng(19)
    omegas = rng.uniform(0.11, 0.5, 30)
    Ws = omegas + rng.uniform(0.01, 4.0, 30)
    ks = rng.integers(3, 9, 30).astype(float)
    g = K.games(EXAMPLE.n, EXAMPLE.F, EXAMPLE.alpha, EXAMPLE.beta, EXAMPLE.c, EXAMPLE.c_A, omegas, Ws, k=ks)
    checked = 0
    for i in range(30):
        exact = CompanyGame.at(EXAMPLE, int(ks[i]), Rates(omega=float(omegas[i]), W=float(Ws[i])))
        interior = [float(v) for v in exact.symmetric_equilibria().probabilities if 0 < v < 1]
        if interior:
            checked += 1
            assert abs(g.p_mixed[i] - interior[0]) <= margins.P_TOLERANCE
        else:
            assert math.isnan(g.p_mixed[i])
    assert checked >= 10


def test_where_the_threshold_is_not_tight_enough_r_is_taken_exactly(monkeypatch):
    # a threshold known only to 100% leaves the bound loose: every point goes the exact way
    monkeypatch.setattr(margins, "THRESHOLD_TOLERANCE", 1.0)
    calls = []
    original = mixed_k.probability

    def spy(r, k, rel=0.0):
        calls.append(np.size(r))
        return original(r, k, rel)

    monkeypatch.setattr(mixed_k, "probability", spy)
    g = K.games([10.0, 1e3], EXAMPLE.F, EXAMPLE.alpha, EXAMPLE.beta, EXAMPLE.c, EXAMPLE.c_A, k=5)
    assert calls == [2, 1, 1]  # one vectorised pass, then one exact r per point
    for i, n in enumerate((10.0, 1e3)):
        exact = CompanyGame.at(EXAMPLE.replace(n=n), 5).symmetric_equilibria().probabilities
        assert abs(g.p_mixed[i] - float(next(v for v in exact if 0 < v < 1))) <= margins.P_TOLERANCE


def test_sweep_fills_p_mixed_for_every_k_where_equilibria_has_a_mixed_one(tmp_path):
    out = tmp_path / "k.csv"
    sweep_to_file(CHENGHAI, {"k": np.arange(2, 16), "n": [200.0, 2000.0]}, out, progress=False)
    rows = list(csv.DictReader(out.open()))
    mixed = [row for row in rows if "symmetric mixed" in row["equilibria"]]
    assert {int(float(row["k"])) for row in mixed} >= {3, 4, 5}  # k^2 < rho at n = 2000 (rho = 152)
    for row in rows:
        has_mixed = "symmetric mixed" in row["equilibria"]
        assert (row["p_mixed"] not in ("", "nan")) == has_mixed, row
        if has_mixed:
            params = CHENGHAI.replace(n=float(row["n"]))
            exact = CompanyGame.at(params, int(float(row["k"]))).symmetric_equilibria().probabilities
            assert abs(float(row["p_mixed"]) - float(next(v for v in exact if 0 < v < 1))) <= 1e-12
    assert EQUILIBRIUM_KINDS[2].endswith("a symmetric mixed equilibrium")
