"""The three tiers of the omega* kernel: each against 50-digit mpmath, their boundaries, and the engines.

Points are drawn *inside* each tier (checked by instrumenting the kernel), the error
bounds the tiers trust are checked against the true error, and the numpy and numba
engines must agree bitwise on everything, including points that cross tiers.
"""

from __future__ import annotations

import math
from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cluster_games as cg
from cluster_games.kernels import _numba, tiers

from support import (
    examples,
    float_at_or_above,
    log_uniform,
    omega_star_mp,
    record_refine_batches,
    rel_err,
)

ORDER = ("n", "F", "alpha", "beta", "c", "c_A")
NUMBA = _numba.available()
needs_numba = pytest.mark.skipif(
    not NUMBA, reason="numba is not installed (extra 'fast'); the numpy engine is tested"
)


@st.composite
def tier2_points(draw):
    """Both ill-conditioned steps at once: G small against A, and n just above n_min (Delta / G^2 tiny)."""
    beta = draw(log_uniform(1e-2, 1e2))
    c = draw(log_uniform(1e-2, 1e2))
    c_A = draw(log_uniform(1e-6, 1.0)) * c
    G = draw(log_uniform(1e-12, 1e-1)) * beta * (c + c_A)
    alpha = beta * (c + c_A) + G
    F = draw(log_uniform(1e-3, 1e3))
    G_exact = Fraction(alpha) - Fraction(beta) * (Fraction(c) + Fraction(c_A))
    n_min = float(8 * Fraction(beta) * Fraction(F) / G_exact**2)
    n = n_min * (1 + draw(log_uniform(1e-15, 1e-3)))
    return dict(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A)


def tier_counts(monkeypatch, p: dict) -> dict[str, int]:
    seen = {"tier2": 0, "exact": 0}
    tier2, exact = tiers.tier2, tiers.omega_star_exact
    monkeypatch.setattr(tiers, "tier2", lambda *a: seen.__setitem__("tier2", seen["tier2"] + 1) or tier2(*a))
    monkeypatch.setattr(
        tiers, "omega_star_exact", lambda *a: seen.__setitem__("exact", seen["exact"] + 1) or exact(*a)
    )
    cg.omega_star(*(p[k] for k in ORDER), engine="numpy", on_infeasible="nan")
    monkeypatch.undo()
    return seen


# ----------------------------------------------------------------------------- tier 2
@settings(max_examples=examples(300), deadline=None)
@given(tier2_points())
def test_tier2_points_agree_with_50_digits(p):
    ref = omega_star_mp(p)
    got = cg.omega_star(*(p[k] for k in ORDER), engine="numpy", on_infeasible="nan")
    if ref is None:
        assert math.isnan(got)
    else:
        assert rel_err(got, ref) <= 1e-12, (p, got, ref)


def test_tier2_points_are_in_tier2(monkeypatch):
    p = dict(n=0.0, F=1.0, alpha=2.000000001, beta=1.0, c=1.0, c_A=1.0)
    G = Fraction(p["alpha"]) - 2
    p["n"] = float(8 / G**2) * (1 + 1e-12)
    assert tier_counts(monkeypatch, p) == {"tier2": 1, "exact": 0}
    ref = omega_star_mp(p)
    assert rel_err(cg.omega_star(*(p[k] for k in ORDER)), ref) <= 1e-12


@settings(max_examples=examples(200), deadline=None)
@given(tier2_points())
def test_tier2_error_bound_holds(p):
    """Where tier 2 vouches for a value, its bound covers the true error."""
    args = [np.array([p[k]]) for k in ORDER] + [np.array([2.0])]
    with np.errstate(all="ignore"):
        omega, accurate, _, _ = tiers.tier2(*args)
    ref = omega_star_mp(p)
    if accurate[0]:
        assert ref is not None and rel_err(float(omega[0]), ref) <= tiers.FAST_PATH_TOLERANCE


@settings(max_examples=examples(300), deadline=None)
@given(tier2_points(), st.sampled_from([2.0, 3.0, 12.0]))
def test_tier2_rounding_bounds_cover_the_true_errors(p, k):
    """|G_h + G_l - G| <= eG and |d_h + d_l - Delta| <= E, in rationals, where tier 2 is used.

    A bound that holds with room to spare is not tested by its decisions alone (a tightened
    bound still decides correctly at almost every point), so it is compared with the error
    itself; the points are those of tier 2: G small against alpha - beta c, n near n_min.
    """
    G_h, G_l, eG, d_h, d_l, E, *_ = tiers.tier2_terms(*(np.float64(p[name]) for name in ORDER), np.float64(k))
    n, F, alpha, beta, c, c_A = (Fraction(p[name]) for name in ORDER)
    G = alpha - beta * (c + c_A)
    Delta = G * G - 4 * beta * Fraction(k) * F / n
    assert abs(Fraction(G_h) + Fraction(G_l) - G) <= Fraction(eG)
    assert abs(Fraction(d_h) + Fraction(d_l) - Delta) <= Fraction(E)
    assert 0 < eG <= 1e-30 * (abs(float(G)) + float(alpha - beta * c))  # and not vacuous


def _near_n_min(ulps: int) -> dict:
    """A point ``ulps`` floats above n_min with G = 1e-3 (beta (c + c_A)): tier 1's value is off by up to 5e-12."""
    beta, c, c_A, F = 1.0, 3.0, 0.7, 2.0
    alpha = beta * (c + c_A) * (1 + 1e-3)
    G = Fraction(alpha) - Fraction(beta) * (Fraction(c) + Fraction(c_A))
    n = float(8 * Fraction(beta) * Fraction(F) / G**2)
    for _ in range(ulps):
        n = math.nextafter(n, math.inf)
    return dict(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A)


def test_a_scattered_batch_of_flagged_points_is_refined_point_by_point(monkeypatch):
    """Flagged points that are not one contiguous run (here at 0, 2, 4 and 5, with an input outside
    the double-double safe range at 5) take the gather path of ``refine``, point by point."""
    easy = dict(n=10.0, F=1.0, alpha=100.0, beta=1.0, c=10.0, c_A=1.0)
    points = [
        _near_n_min(2),
        easy,
        _near_n_min(1),
        {**easy, "n": 50.0},
        _near_n_min(5),
        {**easy, "c_A": 1e-300},
    ]
    batches = record_refine_batches(monkeypatch)
    got = cg.omega_star(*(np.array([p[k] for p in points]) for k in ORDER), engine="numpy")
    assert batches == [[0, 2, 4, 5]]
    for value, p in zip(got.tolist(), points, strict=True):
        assert rel_err(value, omega_star_mp(p, dps=80)) <= 1e-13, p


#: G = alpha - beta (c + c_A) = 2^-104 exactly, beside alpha - beta c of about 1: the double-double G
#: cannot tell its sign (|G| < eG); n_min = 8 beta F / G^2 is about 3.3e14 at F = 1e-49.
_TINY_G = dict(F=1e-49, alpha=1.0, beta=1 + 2**-52, c=2**-10, c_A=1 - 2**-52 - 2**-10)


@pytest.mark.parametrize("n_over_n_min", [3.0, 1 + 1e-9, 1 - 1e-9])
def test_a_G_below_its_own_rounding_error_is_left_to_the_exact_tier(n_over_n_min):
    G = Fraction(1) - Fraction(_TINY_G["beta"]) * (Fraction(_TINY_G["c"]) + Fraction(_TINY_G["c_A"]))
    assert G == Fraction(1, 2**104)
    p = {"n": float(8 * Fraction(_TINY_G["beta"]) * Fraction(_TINY_G["F"]) / G**2) * n_over_n_min, **_TINY_G}
    G_h, _, eG, *_ = tiers.tier2_terms(*(np.float64(p[k]) for k in ORDER), np.float64(2.0))
    assert abs(G_h) < eG  # tier 2 must not decide the sign of G here
    got = cg.omega_star(*(p[k] for k in ORDER), on_infeasible="nan")
    ref = omega_star_mp(p, dps=120)
    if n_over_n_min < 1:
        assert ref is None and math.isnan(got)
    else:
        assert rel_err(got, ref) <= 1e-13


# ----------------------------------------------------------------------------- tier 1
@settings(max_examples=examples(300), deadline=None)
@given(
    st.builds(
        dict,
        n=log_uniform(1e-2, 1e12),
        above_n_min=st.one_of(st.none(), log_uniform(1e-16, 1e3)),  # or n = n_min (1 + this)
        F=log_uniform(1e-3, 1e3),
        gap=log_uniform(1e-14, 1e3),  # alpha = beta (c + c_A)(1 + gap): G from 1e-14 A up
        beta=log_uniform(1e-2, 1e2),
        c=log_uniform(1e-2, 1e2),
        c_A_ratio=st.one_of(st.just(0.0), log_uniform(1e-8, 1.0)),
    )
)
def test_tier1_error_bound_holds(d):
    """The first-order bound is rigorous enough: where it admits a value, the value is that close."""
    c_A = d["c_A_ratio"] * d["c"]
    alpha = (1 + d["gap"]) * d["beta"] * (d["c"] + c_A)
    p = dict(n=d["n"], F=d["F"], alpha=alpha, beta=d["beta"], c=d["c"], c_A=c_A)
    if d["above_n_min"] is not None:  # near n_min the discriminant's error dominates the bound
        G_exact = Fraction(alpha) - Fraction(d["beta"]) * (Fraction(d["c"]) + Fraction(c_A))
        p["n"] = float(8 * Fraction(d["beta"]) * Fraction(d["F"]) / G_exact**2) * (1 + d["above_n_min"])
    with np.errstate(all="ignore"):
        omega, bound, G, disc = tiers.tier1(*(np.float64(p[k]) for k in ORDER), 2.0)
    ref = omega_star_mp(p)
    if bound <= tiers.FAST_PATH_TOLERANCE and G > 0 and disc > 0:
        assert ref is not None
        err = rel_err(float(omega), ref)
        assert err <= bound, (p, err, bound)


# ----------------------------------------------------------------------------- tier 3
def _dyadic_ties():
    """(n, F, alpha, beta, c, c_A) with n = n_min exactly: 8 beta F / G^2 a dyadic rational."""
    out = []
    for G in (0.5, 1.0, 4.0, 2.0**-20, 2.0**30):
        for beta, c, c_A in ((1.0, 1.0, 1.0), (0.25, 8.0, 0.0), (2.0**-10, 2.0**12, 2.0**-5)):
            F = 1.0 if G >= 1 else 2.0**-40
            alpha = beta * (c + c_A) + G
            if Fraction(alpha) - Fraction(beta) * (Fraction(c) + Fraction(c_A)) != Fraction(G):
                continue
            n = 8 * beta * F / G**2
            if Fraction(n) == 8 * Fraction(beta) * Fraction(F) / Fraction(G) ** 2:
                out.append(dict(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A))
    return out


@pytest.mark.parametrize("p", _dyadic_ties(), ids=lambda p: f"n={p['n']:g}")
def test_exact_ties_at_n_min_and_their_neighbours(p, monkeypatch):
    """At n = n_min exactly only exact arithmetic decides (double root); one ulp away, tier 2 does."""
    assert tier_counts(monkeypatch, p)["exact"] == 1
    at = cg.omega_star(*(p[k] for k in ORDER))
    K = Fraction(p["alpha"]) - Fraction(p["beta"]) * (Fraction(p["c"]) - Fraction(p["c_A"]))
    double_root = K / (2 * Fraction(p["beta"]) * Fraction(p["c"]))  # the two roots meet
    assert at == float(double_root)
    below = {**p, "n": math.nextafter(p["n"], 0)}
    above = {**p, "n": math.nextafter(p["n"], math.inf)}
    assert math.isnan(cg.omega_star(*(below[k] for k in ORDER), on_infeasible="nan"))
    assert tier_counts(monkeypatch, below)["exact"] == 0  # decided infeasible in tier 2
    got = cg.omega_star(*(above[k] for k in ORDER))
    assert rel_err(got, omega_star_mp(above, dps=80)) <= 1e-12
    assert tier_counts(monkeypatch, above)["exact"] == 0


@pytest.mark.parametrize(
    "changes",
    [
        {"c_A": 1e-300},
        {"n": 1e200},
        {"F": 1e-250},
        {"alpha": 1e150, "beta": 1e140, "c": 1e-5, "c_A": 1e-6},
        {"n": 1e-120, "F": 1e-130},
    ],
)
def test_extreme_magnitudes_go_to_the_exact_tier(changes, monkeypatch):
    p = {**dict(n=10.0, F=1.0, alpha=100.0, beta=1.0, c=10.0, c_A=1.0), **changes}
    assert tier_counts(monkeypatch, p)["exact"] == 1
    ref = omega_star_mp(p, dps=120)
    got = cg.omega_star(*(p[k] for k in ORDER), on_infeasible="nan")
    assert (ref is None and math.isnan(got)) or rel_err(got, ref) <= 1e-12


# ----------------------------------------------------------------------------- tier boundaries
def test_values_agree_across_the_tier1_tier2_boundary():
    """Bisect n to the point where tier 1 stops vouching; the adjacent floats, one per tier, agree."""
    base = dict(F=1.0, alpha=100.0, beta=1.0, c=10.0, c_A=1.0)
    n_min = 8 / 89**2

    def trusted(n: float) -> bool:
        with np.errstate(all="ignore"):
            _, bound, G, disc = tiers.tier1(n, *(base[k] for k in ORDER[1:]), 2.0)
        return bool(bound <= tiers.FAST_PATH_TOLERANCE and G > 0 and disc > 0)

    lo, hi = n_min * (1 + 1e-12), n_min * 10.0  # untrusted, trusted
    assert not trusted(lo) and trusted(hi)
    while math.nextafter(lo, math.inf) < hi:
        mid = math.sqrt(lo * hi) if hi / lo > 1.0001 else (lo + hi) / 2
        lo, hi = (mid, hi) if not trusted(mid) else (lo, mid)
    pair = [dict(base, n=lo), dict(base, n=hi)]
    for p in pair:
        ref = omega_star_mp(p)
        assert rel_err(cg.omega_star(*(p[k] for k in ORDER), engine="numpy"), ref) <= 1e-12


# ----------------------------------------------------------------------------- engines
def _mixed(size: int, seed: int) -> list[np.ndarray]:
    rng = np.random.default_rng(seed)
    beta = 10 ** rng.uniform(-3, 3, size)
    c = 10 ** rng.uniform(-3, 3, size)
    c_A = np.where(rng.random(size) < 0.1, 0.0, c * 10 ** rng.uniform(-12, 1, size))
    G = beta * (c + c_A) * 10 ** rng.uniform(-14, 3, size)
    alpha = np.where(
        rng.random(size) < 0.05, beta * (c + c_A) * rng.uniform(0.5, 1.0, size), beta * (c + c_A) + G
    )
    # (about 5% of the points have no trade: G <= 0)
    F = np.where(rng.random(size) < 0.1, 0.0, 10 ** rng.uniform(-6, 6, size))
    with np.errstate(all="ignore"):
        n_min = 8 * beta * F / (alpha - beta * (c + c_A)) ** 2
    n = np.where(F > 0, n_min * (1 + 10 ** rng.uniform(-16, 6, size)), 10 ** rng.uniform(-3, 15, size))
    n = np.where(rng.random(size) < 0.05, n * 0.5, n)  # below n_min
    n = np.where(np.isfinite(n) & (n > 0), n, 1.0)
    extreme = rng.random(size) < 0.01
    c_A = np.where(extreme, 1e-300, c_A)
    return [n, F, alpha, beta, c, c_A]


@needs_numba
@pytest.mark.parametrize("threads", [False, True], ids=["serial", "threads"])
@pytest.mark.parametrize("seed", [0, 1, 2])
def test_numpy_and_numba_engines_agree_bitwise(seed, threads, monkeypatch):
    """Both compilations of numba's loops (its threads, and the serial loop the chooser falls back to)."""
    monkeypatch.setattr(_numba.ThreadChooser, "threads", lambda self, size: threads)
    args = _mixed(200_000, seed)
    a = cg.omega_star(*args, engine="numpy", on_infeasible="nan")
    b = cg.omega_star(*args, engine="numba", on_infeasible="nan")
    np.testing.assert_array_equal(a, b)
    assert np.isnan(a).sum() > 1000 and (~np.isnan(a)).sum() > 100_000


@needs_numba
def test_numba_engine_validates_in_its_first_pass():
    n = np.full(100_000, 10.0)
    n[77_777] = -1.0
    with pytest.raises(
        cg.InvalidParameterError, match=r"parameter 'n': must be > 0, got -1 at index \(77777,\)"
    ):
        cg.omega_star(n, 1, 100, 1, 10, 1, engine="numba")
    F = np.full(100_000, 1.0)
    F[5] = np.inf
    with pytest.raises(cg.InvalidParameterError, match="parameter 'F': must be finite"):
        cg.omega_star(10.0, F, 100, 1, 10, 1, engine="numba")


def test_engine_auto_and_errors():
    assert cg.omega_star(10, 1, 100, 1, 10, 1, engine="auto") == cg.omega_star(
        10, 1, 100, 1, 10, 1, engine="numpy"
    )
    with pytest.raises(ValueError, match="engine must be one of"):
        cg.omega_star(10, 1, 100, 1, 10, 1, engine="gpu")
    if not NUMBA:
        with pytest.raises(cg.errors.UnavailableError, match="needs numba"):
            cg.omega_star(10, 1, 100, 1, 10, 1, engine="numba")


def test_auto_engine_imports_numba_only_for_large_arrays_and_then_keeps_it():
    import subprocess
    import sys

    code = (
        "import sys, numpy as np, cluster_games as cg\n"
        "from cluster_games.kernels import free_entry as FE\n"
        "used = []\n"
        "real = FE._numba_engine\n"
        "FE._numba_engine = lambda *a: used.append(a[-1].size) or real(*a)\n"
        "cg.omega_star(np.full(5000, 10.0), 1, 100, 1, 10, 1)\n"
        "print('numba' in sys.modules)\n"
        "cg.omega_star(np.full(70000, 10.0), 1, 100, 1, 10, 1)\n"
        "cg.omega_star(np.full(5000, 10.0), 1, 100, 1, 10, 1)\n"
        "cg.omega_star(np.full(500, 10.0), 1, 100, 1, 10, 1)\n"
        "print(used)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    if NUMBA:
        assert out.split() == ["False", "[70000,", "5000]"]
    else:
        assert out.split() == ["False", "[]"]


def test_mpmath_reference_sanity():
    # the reference itself: a root of the symbolic pi_YY at 50 digits
    p = dict(n=10.0, F=1.0, alpha=100.0, beta=1.0, c=10.0, c_A=1.0)
    with mpmath.workdps(50):
        assert abs(omega_star_mp(p) - mpmath.mpf("0.10022472477541851")) < 1e-16


# ----------------------------------------------------------------------------- the exact tier itself
EDGES = [
    # (n, F, alpha, beta, c, c_A): exact ties and signs the exact tier must decide
    (8.0, 1.0, 2.0, 1.0, 1.0, 0.0),  # n = n_min exactly: disc = 0, omega* = K/(2 beta c) = 0.5
    (1.0, 0.0, 2.0, 1.0, 1.0, 1.0),  # G = 0 exactly, F = 0: no trade, no rate (NaN)
    (1.0, 0.0, 3.0, 1.0, 1.0, 1.0),  # F = 0: omega* = c_A / c = 1 exactly
    (7.999999999999999, 1.0, 2.0, 1.0, 1.0, 0.0),  # just below n_min: no rate
    (1e-120, 1e-150, 3.0, 1.0, 1.0, 0.5),  # outside the safe range of the first two tiers
    (1e100, 1e90, 5e10, 1e-30, 1.5e30, 2e30),
]


def _exact_reference(n, F, alpha, beta, c, c_A, k=2):
    """omega* from the model's formula in Fractions and a 60-digit mpmath root (independent of the tiers)."""
    n, F, alpha, beta, c, c_A, k = (Fraction(v) for v in (n, F, alpha, beta, c, c_A, k))
    G = alpha - beta * (c + c_A)
    disc = G * G - 4 * k * beta * F / n
    if G <= 0 or disc < 0:
        return None
    K, C = alpha - beta * c + beta * c_A, c_A * (alpha - beta * c) + k * F / n
    with mpmath.workdps(60):
        root = mpmath.sqrt(mpmath.mpf(disc.numerator) / disc.denominator)
        return (
            2
            * mpmath.mpf(C.numerator)
            / C.denominator
            / (c * (mpmath.mpf(K.numerator) / K.denominator + root))
        )


@pytest.mark.parametrize("point", EDGES)
def test_the_exact_tier_decides_ties_and_signs(point):
    ref = _exact_reference(*point)
    got = tiers.omega_star_exact(*point, 2.0)
    if ref is None:
        assert math.isnan(got)
    else:
        assert rel_err(got, ref) <= 2**-52 or (ref == 0 and got == 0)
    G = Fraction(point[2]) - Fraction(point[3]) * (Fraction(point[4]) + Fraction(point[5]))
    n_min = tiers.n_min_exact(*point[1:], 2.0)
    if G <= 0:
        assert math.isnan(n_min)
    else:
        assert n_min == float_at_or_above(8 * Fraction(point[3]) * Fraction(point[1]) / (G * G))


@pytest.mark.parametrize("n", [4.0, 8.0 / 3.0, 8.0 / 7.0, 0.5])
def test_the_exact_tier_keeps_its_precision_when_the_discriminant_is_a_small_rational(n):
    """Delta = 4 - 8/n is 2, 1, -3 (infeasible) or a short fraction: the integer root must still be
    scaled to 80 bits, not taken from the few bits of Delta's numerator and denominator."""
    p = dict(n=n, F=1.0, alpha=3.0, beta=1.0, c=1.0, c_A=0.0)  # G = 2
    ref = omega_star_mp(p)
    got = tiers.omega_star_exact(*(p[k] for k in ORDER), 2.0)
    if ref is None:
        assert math.isnan(got)
    else:
        assert rel_err(got, ref) <= 2**-52, (got, ref)


def test_n_min_exact_of_k_companies():
    assert tiers.n_min_exact(1.0, 100.0, 1.0, 10.0, 1.0, 5.0) == float_at_or_above(Fraction(20, 89**2))
    assert math.isnan(tiers.n_min_exact(1.0, 11.0, 1.0, 10.0, 1.0, 2.0))  # G = 0
    assert math.isnan(tiers.n_min_exact(1.0, 10.0, 1.0, 10.0, 1.0, 2.0))  # G < 0


def test_infeasible_messages_name_the_threshold():
    """The refusals users read: exactly what failed, where, and how to get NaN instead."""
    n_min = 8 / 89**2  # 0.001009973...
    with pytest.raises(cg.NoEquilibriumError) as one:
        cg.omega_star(0.001, 1, 100, 1, 10, 1)
    assert str(one.value) == f"no break-even agency rate: n = 0.001 < n_min = {n_min:.6g}"
    with pytest.raises(cg.NoEquilibriumError) as many:
        cg.omega_star(np.array([10.0, 0.001, 0.0005]), 1, 100, 1, 10, 1)
    assert str(many.value) == (
        f"no break-even agency rate: n = 0.001 < n_min = {n_min:.6g} (at index (1,); 2 infeasible point(s);"
        " pass on_infeasible='nan' to get NaN there)"
    )
    with pytest.raises(cg.NoEquilibriumError) as g:
        cg.omega_star(10, 1, 11, 1, 10, 1)
    assert (
        str(g.value) == "no break-even agency rate: trade is infeasible, G = alpha - beta (c + c_A) = 0 <= 0"
    )
    with pytest.raises(cg.NoEquilibriumError) as k:
        cg.omega_star(0.0012, 1, 100, 1, 10, 1, k=3)
    assert str(k.value) == (
        f"no break-even agency rate with k = 3 companies (k > rho): n = 0.0012 < n_min = {1.5 * n_min:.6g}"
    )
    with pytest.raises(cg.NoEquilibriumError) as small_G:  # 0 < G < 1: the n_min message, not G's
        cg.omega_star(1.0, 1, 11.5, 1, 10, 1)
    assert str(small_G.value) == f"no break-even agency rate: n = 1 < n_min = {8 / 0.5**2:.6g}"


def test_n_min_over_an_array_with_G_zero_and_negative_warns_nothing():
    """G = 0 divides by zero in the float stage: the answer is NaN there, and numpy stays silent."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = cg.n_min(1.0, np.array([100.0, 11.0, 10.0]), 1.0, 10.0, 1.0, on_infeasible="nan")
    assert got[0] == float_at_or_above(Fraction(8, 89**2)) and np.isnan(got[1:]).all()
