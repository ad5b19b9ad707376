"""Vectorised games: against the symbolic model, the scalar code, ClusterGame.classify and nashpy.

Classification is exact: thousands of random games and constructed boundary
points with their 1-ulp neighbours must get the same label as the exact
rational analysis of ClusterGame, and the same equilibria as nashpy.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
import sympy as sp
from hypothesis import given, settings
from hypothesis import strategies as st

import cluster_games as cg
from cluster_games import model as M
from cluster_games.game import ClusterGame
from cluster_games.games.equilibria import exact_2x2_equilibria
from cluster_games.kernels import classify as K
from cluster_games.kernels import free_entry as FE
from cluster_games.kernels.closed_forms import monopoly_rate

import support
from support import feasible_parameters, log_uniform

ORDER = ("n", "F", "alpha", "beta", "c", "c_A")


def random_feasible(rng: np.random.Generator, size: int) -> dict[str, np.ndarray]:
    """Feasible parameter sets by construction (G > 0, n > n_min), numpy-vectorised."""
    beta = 10 ** rng.uniform(-2, 2, size)
    c = 10 ** rng.uniform(-2, 2, size)
    c_A = np.where(rng.random(size) < 0.1, 0.0, c * 10 ** rng.uniform(-8, 1, size))
    G = beta * c * 10 ** rng.uniform(-4, 3, size)
    alpha = beta * (c + c_A) + G
    F = 10 ** rng.uniform(-3, 3, size)
    n = 8 * beta * F / G**2 * (1 + 10 ** rng.uniform(-6, 6, size))
    return dict(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A)


def rates_for(rng, p, size):
    """omega around omega*, W = omega (1 + r): both sides of the dominance boundary."""
    w = FE.omega_star(*(p[k] for k in ORDER), on_infeasible="nan")
    omega = w * 10 ** rng.uniform(-0.5, 0.5, size)
    W = omega * (1 + 10 ** rng.uniform(-8, 1.5, size))
    return omega, W


# ----------------------------------------------------------------------------- omega*, n_min
@pytest.mark.parametrize("chunk", [1, 7, 1000, 1 << 20])
def test_omega_star_does_not_depend_on_the_chunk_size(chunk):
    rng = np.random.default_rng(1)
    p = random_feasible(rng, 3000)
    p["n"] = p["n"] * np.where(rng.random(3000) < 0.2, 1e-3, 1.0)  # some infeasible points
    ref = cg.omega_star(*(p[k] for k in ORDER), on_infeasible="nan", chunk_size=3000)
    got = cg.omega_star(*(p[k] for k in ORDER), on_infeasible="nan", chunk_size=chunk)
    assert np.isnan(ref).sum() > 100
    np.testing.assert_array_equal(got, ref)


def test_omega_star_broadcasting_and_out():
    n = np.geomspace(1, 1e6, 7)[:, None]
    F = np.array([0.5, 1.0, 2.0])[None, :]
    out = np.empty((7, 3))
    got = cg.omega_star(n, F, 100, 1, 10, 1, out=out, chunk_size=4, on_infeasible="nan")
    assert got is out
    for i in range(7):
        for j in range(3):
            assert got[i, j] == cg.omega_star(float(n[i, 0]), float(F[0, j]), 100, 1, 10, 1)
    with pytest.raises(ValueError, match="out must be"):
        cg.omega_star(n, F, 100, 1, 10, 1, out=np.empty(3))


def test_omega_star_infeasibility_decided_exactly_near_n_min():
    nmin = Fraction(8) / Fraction(89) ** 2
    lo = float(nmin)
    if Fraction(lo) >= nmin:
        lo = math.nextafter(lo, 0)
    hi = math.nextafter(lo, math.inf)
    got = cg.omega_star([lo, hi], 1, 100, 1, 10, 1, on_infeasible="nan")
    assert math.isnan(got[0]) == (Fraction(lo) < nmin)
    assert not math.isnan(got[1])


def test_invalid_inputs_and_engine():
    with pytest.raises(cg.InvalidParameterError, match="'beta'"):
        cg.omega_star(1, 1, 1, [1, -1], 1, 1)
    with pytest.raises(ValueError, match="engine"):
        cg.omega_star(1, 1, 100, 1, 10, 1, engine="fortran")
    with pytest.raises(ValueError, match="chunk_size"):
        K.classify(1, 100, 1, 10, 1, 0.2, 0.3, chunk_size=0)
    with pytest.raises(cg.InvalidParameterError, match="broadcast"):
        cg.omega_star([1, 2], [1, 2, 3], 100, 1, 10, 1)


# ----------------------------------------------------------------------------- the symbolic model
@pytest.fixture(scope="module")
def symbolic():
    syms = (*M.PARAMETERS, M.omega, M.W)
    A = M.payoff_matrix_A()
    return {
        "omega_star": sp.lambdify(M.PARAMETERS, M.omega_star_expr(), "mpmath"),
        "n_min": sp.lambdify(M.PARAMETERS, M.n_min_expr(), "mpmath"),
        "paper": sp.lambdify(M.PARAMETERS, M.omega_star_paper(), "mpmath"),
        "W_m": sp.lambdify(M.PARAMETERS, M.monopoly_rate(), "mpmath"),
        "payoffs": sp.lambdify(syms, [A[0, 0], A[0, 1], A[1, 0], A[1, 1]], "mpmath"),
        "Q_bar": sp.lambdify((M.omega, M.F, M.c, M.c_A), M.Q_bar(), "mpmath"),
        "gap": sp.lambdify((M.Q, M.F, M.c_A), M.investment_gap(), "mpmath"),
    }


def close(value, reference, rel, scale=None):
    ref = mpmath.mpf(reference)
    tol = rel * (abs(ref) if scale is None else scale)
    return abs(mpmath.mpf(float(value)) - ref) <= tol


def test_kernels_agree_with_symbolic_model(symbolic):
    rng = np.random.default_rng(3)
    p = random_feasible(rng, 60)
    omega, W = rates_for(rng, p, 60)
    args = [p[k] for k in ORDER]
    w = FE.omega_star(*args, on_infeasible="nan")
    nm = FE.n_min(*args[1:], on_infeasible="nan")
    wp = FE.omega_star_paper(*args)
    Wm = monopoly_rate(*args[2:])
    e = K.payoff_entries(*args, omega, W)
    defined = K.games(*args, omega, W).undefined == 0
    assert defined.sum() > 20
    qb = K.Q_bar(omega, p["F"], p["c"], p["c_A"])
    gap = K.investment_gap(omega * 1e3, p["F"], p["c_A"])
    with mpmath.workdps(50):
        for i in range(60):
            x = [mpmath.mpf(float(a[i])) for a in args]
            assert close(w[i], symbolic["omega_star"](*x), 1e-12)
            assert close(nm[i], symbolic["n_min"](*x), 1e-13)
            Wm_ref = symbolic["W_m"](*x)
            # K = alpha - beta c + beta c_A cancels: error relative to the terms' magnitudes
            assert close(Wm[i], Wm_ref, 1e-14, (x[2] + x[3] * x[4] + x[3] * x[5]) / (2 * x[3] * x[4]))
            ref_p = symbolic["paper"](*x)
            if isinstance(ref_p, mpmath.mpf):
                # the printed form's own cancellation bounds its float accuracy; it is not the model
                assert close(wp[i], ref_p, 1e-6)
            r = [mpmath.mpf(float(omega[i])), mpmath.mpf(float(W[i]))]
            if defined[i]:  # payoffs exist only where the rates make a game
                refs = symbolic["payoffs"](*x, *r)
                scale = x[1] + x[0] * (abs(r[1]) * x[4] + x[5]) * (x[2] + x[3] * (1 + r[1]) * x[4])
                for got, ref in zip((e.YY[i], e.YN[i], e.NY[i], e.NN[i]), refs, strict=True):
                    assert close(got, ref, 1e-12, scale)
            else:
                assert np.isnan(e.YY[i]) and exact_label(p, omega, W, i) == "undefined"
            m = r[0] * x[4] - x[5]
            if m > 0:
                assert close(qb[i], symbolic["Q_bar"](r[0], x[1], x[4], x[5]), 1e-9)
            assert close(gap[i], symbolic["gap"](r[0] * 1000, x[1], x[5]), 1e-13)


# ----------------------------------------------------------------------------- exact classification
def exact_label(p, omega, W, i) -> str:
    """ClusterGame's exact label, or "undefined" where the rates are outside the domain of a game."""
    params = cg.Parameters(*(float(p[k][i]) for k in ORDER))
    try:
        return ClusterGame(params, float(omega[i]), float(W[i])).classify()
    except cg.InvalidParameterError:
        return "undefined"


def exact_codes(p, omega, W, idx):
    return np.array([K.CLASS_CODES[exact_label(p, omega, W, i)] for i in idx])


def test_classify_agrees_with_exact_on_5000_random_games():
    rng = np.random.default_rng(4)
    size = 5000
    p = random_feasible(rng, size)
    omega, W = rates_for(rng, p, size)
    codes = K.classify(p["n"], p["alpha"], p["beta"], p["c"], p["c_A"], omega, W, chunk_size=999)
    ref = exact_codes(p, omega, W, range(size))
    np.testing.assert_array_equal(codes, ref)
    assert {-1, 0, 4} <= set(codes.tolist())  # both sides of the boundary, and outside the domain


def exact_boundary_games():
    """(n, alpha, beta, c, c_A, omega, W) exactly on the dominance boundary, at three scales."""
    return [(g[0], *g[2:]) for g in support.exact_boundary_games(40, scales=(0, 3, -5))]


def test_boundary_points_and_ulp_neighbours_agree_with_classify_and_nashpy():
    base = exact_boundary_games()
    assert len(base) > 1000
    games = []
    for n, alpha, beta, c, c_A, w, W in base:
        games.append((n, alpha, beta, c, c_A, w, W))
        for d in (-math.inf, math.inf):
            games.append((n, alpha, beta, c, c_A, w, math.nextafter(W, d)))
            games.append((n, alpha, beta, c, c_A, math.nextafter(w, d), W))
            games.append((n, math.nextafter(alpha, d), beta, c, c_A, w, W))
    cols = np.array(games).T
    codes = K.classify(*cols)
    eq = K.equilibria(*cols)
    labels = []
    for k, (n, alpha, beta, c, c_A, w, W) in enumerate(games):
        g = ClusterGame(cg.Parameters(n, 1.0, alpha, beta, c, c_A), w, W)
        label = g.classify()
        labels.append(label)
        assert K.CLASSES[int(codes[k])] == label, (games[k], label)
    on = codes[:: 1 + 6]
    assert set(on.tolist()) == {K.CLASS_CODES["Y weakly dominant"]}
    assert {"Y strictly dominant", "no dominant strategy"} <= set(labels)
    # nashpy (ClusterGame.equilibria) on 20 boundary points and their 6 neighbours each
    for k0 in range(0, len(games), 7 * (len(base) // 20)):
        for k in range(k0, k0 + 7):
            n, alpha, beta, c, c_A, w, W = games[k]
            ref = ClusterGame(cg.Parameters(n, 1.0, alpha, beta, c, c_A), w, W).equilibria()
            assert_same_equilibria(eq, k, ref)


def assert_same_equilibria(eq: K.Equilibria, k: int, ref) -> None:
    assert int(eq.count[k]) == len(ref.extreme), (eq.describe(k), str(ref))
    assert bool(eq.continuum[k]) == (not ref.finite)
    assert bool(eq.unique_YY[k]) == (ref.unique and ref.pure == (("Y", "Y"),))
    kind = int(eq.kind[k])
    pure = set(ref.pure)
    expected_pure = {
        0: {("Y", "Y")},
        1: {("N", "N")},
        2: {("Y", "Y"), ("N", "N")},
        3: {("Y", "N"), ("N", "Y")},
        4: {("Y", "Y"), ("N", "N")},
    }
    if kind in expected_pure:
        assert pure == expected_pure[kind], (eq.describe(k), str(ref))
    if kind in (2, 3):
        # P(Y) = b / (b - a) lies strictly inside (0, 1) but rounds onto 0 or 1 in float64
        # when |a| and |b| differ by more than 2**53 (found by hypothesis: P(Y) = 1 - 5e-17).
        # Both sides are the exact probability rounded once (the kernel recomputes it exactly
        # where its error bound exceeds P_TOLERANCE), so they agree to P_TOLERANCE plus an ulp.
        p = eq.p_mixed[k]
        assert 0 <= p <= 1
        tol = 2 * (K.P_TOLERANCE + 2**-52)
        assert min(abs(x.row[0] - p) + abs(x.col[0] - p) for x in ref.extreme) <= tol
    else:
        assert math.isnan(eq.p_mixed[k])


def test_equilibria_agree_with_exact_2x2_on_random_games():
    rng = np.random.default_rng(5)
    size = 1500
    p = random_feasible(rng, size)
    omega, W = rates_for(rng, p, size)
    # rates above the upper root (pi_YY < pi_NY): N dominates, or the point leaves the domain
    omega[:200] = monopoly_rate(p["alpha"][:200], p["beta"][:200], p["c"][:200], p["c_A"][:200]) * 1.9
    W[:200] = omega[:200] * 1.01
    eq = K.equilibria(p["n"], p["alpha"], p["beta"], p["c"], p["c_A"], omega, W)
    kinds = set()
    for k in range(size):
        if exact_label(p, omega, W, k) == "undefined":
            assert eq.kind[k] == -1 and eq.count[k] == 0
            continue
        g = ClusterGame(cg.Parameters(*(float(p[q][k]) for q in ORDER)), float(omega[k]), float(W[k]))
        A = g.exact_payoff_A()
        ref = exact_2x2_equilibria(A, A.T, "YN", "YN")
        assert_same_equilibria(eq, k, ref)
        kinds.add(int(eq.kind[k]))
    # Inside the domain m(W) D(W) >= 0, so a < 0 < b (anti-coordination) cannot occur.
    assert {0, 1, 2} <= kinds and 3 not in kinds


def test_degenerate_kinds_from_signs():
    sa = np.array([1, 0, 0, -1, 0, -2], dtype=np.int8)
    sb = np.array([0, -1, 1, 0, 0, -2], dtype=np.int8)
    eq = K.Equilibria.from_signs(sa, sb, np.full(6, np.nan))
    assert eq.kind.tolist() == [4, 4, 5, 6, 7, -1]
    assert eq.count.tolist() == [2, 2, 3, 3, 4, 0]
    assert eq.continuum.tolist() == [False, False, True, True, True, False]
    # the same sign patterns through exact_2x2_equilibria
    for a, b, k in ((1, 0, 0), (0, -1, 1), (0, 1, 2), (-1, 0, 3), (0, 0, 4)):
        A = [[Fraction(a), Fraction(b) + 5], [Fraction(0), Fraction(5)]]
        ref = exact_2x2_equilibria(A, [list(r) for r in zip(*A, strict=True)], "YN", "YN")
        assert_same_equilibria(eq, k, ref)


def test_points_outside_the_domain_are_undefined_and_nan_rates_refused():
    # W = omega; W < omega; D(W) < 0 (W = 9.5); m(W) < 0 (omega = 0.01, W = 0.05 < c_A / c)
    g = K.games(10, 1, 100, 1, 10, 1, [0.2, 0.2, 0.2, 0.01], [0.2, 0.1, 9.5, 0.05])
    assert g.undefined.tolist() == [2, 2, 3, 4]
    assert K.labels(g.klass).tolist() == ["undefined"] * 4
    assert np.isnan(g.YY).all() and (g.equilibria.kind == -1).all()
    with pytest.raises(cg.InvalidParameterError, match="'omega': must be finite"):
        K.classify(10, 100, 1, 10, 1, [np.nan, 0.2], 0.3)


def test_classification_identical_across_chunks():
    rng = np.random.default_rng(6)
    p = random_feasible(rng, 3000)
    omega, W = rates_for(rng, p, 3000)
    args = (p["n"], p["alpha"], p["beta"], p["c"], p["c_A"], omega, W)
    ref = K.classify(*args, chunk_size=3000)
    for chunk in (1, 17, 1024):
        np.testing.assert_array_equal(K.classify(*args, chunk_size=chunk), ref)


@settings(max_examples=60, deadline=None)
@given(
    feasible_parameters(n_max=1e12),
    log_uniform(0.3, 3.0),
    st.one_of(log_uniform(1e-12, 1e-3), log_uniform(1e-3, 30.0)),
)
def test_hypothesis_games_agree_with_classify_and_nashpy(p, wf, r):
    w = cg.omega_star(*(p[k] for k in ORDER)) * wf
    W = w * (1 + r)
    if w == 0:  # omega* = 0 at F = c_A = 0; a given omega must be > 0
        with pytest.raises(cg.InvalidParameterError, match="'omega'"):
            K.classify(p["n"], p["alpha"], p["beta"], p["c"], p["c_A"], w, W)
        return
    try:
        g = ClusterGame(cg.Parameters(**p), w, W)
    except cg.InvalidParameterError:  # not a game: the kernel must say so too
        assert int(K.classify(p["n"], p["alpha"], p["beta"], p["c"], p["c_A"], w, W)) == -1
        return
    args = (p["n"], p["alpha"], p["beta"], p["c"], p["c_A"], w, W)
    assert K.CLASSES[int(K.classify(*args))] == g.classify()
    eq = K.equilibria(*(np.atleast_1d(a) for a in args))
    assert_same_equilibria(eq, 0, g.equilibria())


# ----------------------------------------------------------------------------- k companies
def test_k_company_games_agree_with_the_exact_game_object():
    from cluster_games.companies import CompanyGame

    rng = np.random.default_rng(21)
    size = 400
    p = random_feasible(rng, size)
    omega, W = rates_for(rng, p, size)
    k = rng.choice([2, 3, 5, 12, 40], size)
    delta = rng.uniform(0.01, 0.99, size)
    g = K.games(*(p[q] for q in ORDER), omega, W, k=k, delta=delta)
    checked = 0
    for i in range(size):
        params = cg.Parameters(*(float(p[q][i]) for q in ORDER))
        try:
            ref = CompanyGame(params, int(k[i]), float(omega[i]), float(W[i]))
        except cg.InvalidParameterError:
            assert g.undefined[i] != 0
            continue
        checked += 1
        assert K.CLASSES[int(g.klass[i])] == ref.classify()
        expected = ref.collusion_sustainable(float(delta[i]))
        assert int(g.collusion_sustainable[i]) == (-1 if expected is None else int(expected))
        t = ref.collusion_threshold()
        if t is not None and t > 0:
            assert close(g.collusion_threshold[i], float(t), 1e-9, scale=1.0)
        ys, ns = ref.payoff_Y(), ref.payoff_N()
        for got, want in ((g.YY[i], ys[-1]), (g.YN[i], ys[0]), (g.NN[i], ns[0])):
            assert close(got, float(want), 1e-9, scale=abs(float(want)) + params.F + 1)
    assert checked > 200


def test_collusion_decided_exactly_at_a_tie():
    # beta = c = 1, c_A = 0: M(r) = r (alpha - 1 - r). alpha = 6, omega = 1, W = 2: M = 4 and 6, so with
    # k = 3, delta_c = (12 - 6) / (2 * 4) = 3/4 exactly; alpha = 4: M = 2 and 2, delta_c = 1.
    t = K.games(2, 1, 6, 1, 1, 0, 1.0, 2.0, k=3, delta=[0.5, 0.75, 0.75 + 2**-53, 0.75 - 2**-53])
    assert t.collusion_threshold.tolist() == [0.75] * 4
    assert t.collusion_sustainable.tolist() == [0, 1, 1, 0]  # delta >= delta_c, decided exactly
    one = K.games(2, 1, 4, 1, 1, 0, 1.0, 2.0, k=3, delta=[0.5, 1 - 2**-53])
    assert one.collusion_threshold.tolist() == [1.0, 1.0] and one.collusion_sustainable.tolist() == [0, 0]
    with pytest.raises(cg.InvalidParameterError, match="'k'"):
        K.games(10, 1, 100, 1, 10, 1, k=[2, 1.5])
    with pytest.raises(cg.InvalidParameterError, match="'delta'"):
        K.games(10, 1, 100, 1, 10, 1, delta=1.0)
