"""Numeric omega* and n_min: the contract of SPEC section 3.

References are 50-digit mpmath roots of the symbolic pi_YY (tests/support.py),
never values computed by the code under test.
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
    feasible_parameters,
    float_at_or_above,
    near_boundary_parameters,
    omega_star_mp,
    pi_YY_mp,
    rel_err,
    roots_mp,
)

BASE = dict(n=10.0, F=1.0, alpha=100.0, beta=1.0, c=10.0, c_A=1.0)
NUMBA = _numba.available()
ORDER = ("n", "F", "alpha", "beta", "c", "c_A")


def call(p, **kw):
    return cg.omega_star(*(p[k] for k in ORDER), **kw)


# ----------------------------------------------------------------------------- precision
@settings(max_examples=examples(300), deadline=None)
@given(feasible_parameters())
def test_relative_error_against_50_digit_reference(p):
    ref = omega_star_mp(p)
    assert ref is not None
    assert rel_err(call(p), ref) <= 1e-12


@pytest.mark.parametrize(
    "changes",
    [
        dict(n=1e15),
        dict(n=1e15, c_A=0.0),
        dict(n=1e9, c_A=1e-11),  # SPEC: the textbook root loses ~4 digits here
        dict(n=1e12, c_A=1e-300),
        dict(c_A=0.0),
        dict(F=0.0),
        dict(F=0.0, c_A=0.0, n=1e15),
        dict(alpha=11.0 + 1e-9),  # G = 1e-9: tiny demand at cost recovery
        dict(F=1e-200, n=1e15),
        dict(F=1e200, alpha=1e120, beta=1e-3, c=1e3),
    ],
)
def test_extremes_against_reference(changes):
    p = {**BASE, **changes}
    if "alpha" in changes and changes["alpha"] < 12:
        # keep the point feasible: put n well above n_min for the small G
        p["n"] = 8 * p["beta"] * p["F"] / (p["alpha"] - p["beta"] * (p["c"] + p["c_A"])) ** 2 * 4
    ref = omega_star_mp(p, dps=60)
    assert ref is not None
    assert rel_err(call(p), ref) <= 1e-12


def test_textbook_root_fails_where_rationalised_form_holds():
    """The harness can fail: the (K - sqrt)/(2 beta c) form misses 1e-12 at n=1e9, c_A=1e-12 c."""
    p = {**BASE, "n": 1e9, "c_A": 1e-11}
    a = p["alpha"] - p["beta"] * p["c"]
    K = a + p["beta"] * p["c_A"]
    G = a - p["beta"] * p["c_A"]
    naive = (K - math.sqrt(G * G - 8 * p["beta"] * p["F"] / p["n"])) / (2 * p["beta"] * p["c"])
    ref = omega_star_mp(p)
    assert rel_err(naive, ref) > 1e-9
    assert rel_err(call(p), ref) <= 1e-15


@pytest.mark.parametrize("rel_gap", [0.0, 1e-15, 1e-12, 1e-9, 1e-6])
def test_close_to_n_min(rel_gap):
    """Just above n_min the discriminant cancels; the exact path must keep 1e-12."""
    nmin = Fraction(8) * Fraction(BASE["F"]) / Fraction(89) ** 2  # G = 89 at BASE
    n = float(nmin * (1 + Fraction(rel_gap)))
    if Fraction(n) < nmin:  # rounding fell below: step up one ulp
        n = math.nextafter(n, math.inf)
    p = {**BASE, "n": n}
    ref = omega_star_mp(p, dps=80)
    assert ref is not None
    assert rel_err(call(p), ref) <= 1e-12


@settings(max_examples=examples(300), deadline=None)
@given(near_boundary_parameters())
def test_near_the_feasibility_boundary_decision_and_value_are_exact(p):
    ref = omega_star_mp(p, dps=80)
    if ref is None:
        with pytest.raises(cg.NoEquilibriumError):
            call(p)
    else:
        assert rel_err(call(p), ref) <= 1e-12


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_a_discriminant_below_its_own_rounding_error_is_not_trusted(engine):
    # Found by a fresh hypothesis draw: G / A ~ 5e-14, so float64 computes the discriminant
    # G^2 - 8 beta F / n as +1.6e-25 where it is -2.3e-25, and the first-order value bound
    # (2.47e-14) fell just under the tolerance: omega* = 1.0000000000000984 for an infeasible point.
    if engine == "numba" and not NUMBA:
        pytest.skip("numba is not installed (extra 'fast')")
    p = dict(n=1.8626648942034725e23, F=1.0, alpha=209.71371795545875, beta=10.239963817207505)
    p.update(c=10.239963817207505, c_A=10.239963817207505)
    assert omega_star_mp(p, dps=80) is None  # the independent reference: no break-even rate
    got = cg.omega_star(*(np.full(3, p[k]) for k in ORDER), engine=engine, on_infeasible="nan")
    assert np.isnan(got).all()
    with pytest.raises(cg.NoEquilibriumError):
        call(p)


@pytest.mark.parametrize("engine", ["numpy", "numba"])
def test_each_point_goes_to_the_cheapest_tier_that_can_vouch_for_it(monkeypatch, engine):
    if engine == "numba" and not NUMBA:
        pytest.skip("numba is not installed (extra 'fast')")
    seen = {"tier2": 0, "exact": 0}
    tier2, exact = tiers.tier2, tiers.omega_star_exact
    monkeypatch.setattr(
        tiers, "omega_star_exact", lambda *a: seen.__setitem__("exact", seen["exact"] + 1) or exact(*a)
    )
    if engine == "numpy":  # (the numba engine runs its compiled copy of tier 2)
        monkeypatch.setattr(
            tiers, "tier2", lambda *a: seen.__setitem__("tier2", seen["tier2"] + a[0].size) or tier2(*a)
        )

    def run(**changes):
        seen.update(tier2=0, exact=0)
        p = {**BASE, **changes}
        cg.omega_star(*(np.full(4, p[k]) for k in ORDER), engine=engine)
        return dict(seen)

    assert run() == {"tier2": 0, "exact": 0}  # well conditioned: float64 alone
    near = run(n=8 / 89**2 * (1 + 1e-10))  # Delta / G^2 = 1e-10: double-double
    assert near["exact"] == 0 and (engine == "numba" or near["tier2"] == 4)
    # n = n_min exactly (8 beta F / G^2 = 0.5 at G = 4): a tie only exact arithmetic can decide
    assert run(n=0.5, alpha=6.0, c=1.0, c_A=1.0)["exact"] == 4
    assert run(c_A=1e-300)["exact"] == 4  # outside the range where float64 products are safe


# ----------------------------------------------------------------------------- properties
@settings(max_examples=examples(200), deadline=None)
@given(feasible_parameters())
def test_omega_star_zeroes_pi_YY(p):
    w = call(p)
    residual = pi_YY_mp(w, p)
    m, D = w * p["c"] - p["c_A"], p["alpha"] - p["beta"] * (1 + w) * p["c"]
    scale = p["F"] + p["n"] / 2 * (abs(w * p["c"]) + p["c_A"]) * (p["alpha"] + p["beta"] * (1 + w) * p["c"])
    assert abs(residual) <= 1e-11 * scale, (residual, m, D)


@settings(max_examples=examples(200), deadline=None)
@given(feasible_parameters(allow_zero_F=False))
def test_omega_star_is_the_lower_root_above_cost_recovery(p):
    w = call(p)
    lower, upper = roots_mp(p)
    assert w <= upper * (1 + 1e-12)
    assert rel_err(w, lower) <= 1e-12
    # strictly above cost recovery when F > 0 (exactly), and not below it after rounding
    with mpmath.workdps(50):
        cost_recovery = mpmath.mpf(p["c_A"]) / p["c"]
        assert lower > cost_recovery
        # (the float omega* is within a few ulps of the true one: at n = 1e14 the true rate lies 1.6e-17
        # above c_A/c and a correct kernel returned 2.2e-16 below it, found by a fresh draw)
        assert w >= cost_recovery * (1 - mpmath.mpf(2) ** -50)
    if upper - lower > 1e-6 * upper:
        assert pi_YY_mp((lower + upper) / 2, p) > 0


@settings(max_examples=examples(200), deadline=None)
@given(feasible_parameters(allow_zero_F=False, n_max=1e12), st.floats(1.001, 1e3))
def test_omega_star_falls_with_n(p, factor):
    w1 = call(p)
    w2 = call({**p, "n": p["n"] * factor})
    assert w2 <= w1
    ref1, ref2 = omega_star_mp(p), omega_star_mp({**p, "n": p["n"] * factor})
    if (ref1 - ref2) > 1e-11 * ref1:  # resolvable in float64: must be strict
        assert w2 < w1


def test_limit_cost_recovery_large_n():
    w = cg.omega_star(1e15, 1, 100, 1, 10, 1)
    assert abs(w - 0.1) < 1e-14


# ----------------------------------------------------------------------------- broadcasting
def test_scalar_inputs_give_python_float():
    assert type(call(BASE)) is float
    assert type(cg.omega_star(np.float64(10), 1, 100, 1, 10, 1)) is float


def test_broadcasting_shapes_and_values():
    n = np.array([10.0, 100.0, 1000.0])
    c_A = np.array([[0.0], [1.0]])
    out = cg.omega_star(n, 1.0, 100.0, 1.0, 10.0, c_A)
    assert out.shape == (2, 3)
    for i in range(2):
        for j in range(3):
            p = {**BASE, "n": n[j], "c_A": c_A[i, 0]}
            assert out[i, j] == call(p)
            assert rel_err(out[i, j], omega_star_mp(p)) <= 1e-12


def test_incompatible_shapes_are_rejected():
    with pytest.raises(ValueError, match="broadcast"):
        cg.omega_star([1.0, 2.0], 1, [100, 100, 100], 1, 10, 1)


def test_infeasible_arrays_raise_or_give_nan():
    n = np.array([1e-4, 10.0])
    with pytest.raises(cg.NoEquilibriumError, match=r"n = 0.0001 < n_min .*index \(0,\)"):
        cg.omega_star(n, 1, 100, 1, 10, 1)
    out = cg.omega_star(n, 1, 100, 1, 10, 1, on_infeasible="nan")
    assert math.isnan(out[0]) and out[1] == call(BASE)
    with pytest.raises(cg.NoEquilibriumError, match="trade is infeasible"):
        cg.omega_star(10, 1, 10, 1, 10, 1)  # G = -1
    assert issubclass(cg.NoEquilibriumError, ValueError)


def test_feasibility_is_decided_exactly_at_n_min():
    # G = 2, beta = 1, F = 1: n_min = 8 / 4 = 2 exactly; at n = 2 the double root exists.
    p = dict(n=2.0, F=1.0, alpha=14.0, beta=1.0, c=10.0, c_A=2.0)
    assert call(p) == pytest.approx((14 - 10 + 2) / 20, rel=1e-15)  # K / (2 beta c)
    with pytest.raises(cg.NoEquilibriumError):
        call({**p, "n": math.nextafter(2.0, 0.0)})


# ----------------------------------------------------------------------------- invalid input
@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("beta", 0.0, "must be > 0"),
        ("beta", -1.0, "must be > 0"),
        ("c", 0.0, "must be > 0"),
        ("n", 0.0, "must be > 0"),
        ("n", -5, "must be > 0"),
        ("alpha", 0.0, "must be > 0"),
        ("F", -1e-9, "must be >= 0"),
        ("c_A", -1.0, "must be >= 0"),
        ("n", math.nan, "finite"),
        ("F", math.inf, "finite"),
        ("c", -math.inf, "finite"),
        ("alpha", "100", "real number"),
        ("beta", None, "real"),
        ("c", True, "real number"),
        ("c_A", 1 + 2j, "real number"),
        ("n", [1.0, "x"], "real"),
        ("n", [], "empty"),
        ("c", [1.0, np.nan], r"finite.*index \(1,\)"),
    ],
)
def test_invalid_input_names_the_parameter(name, value, message):
    p = {**BASE, name: value}
    with pytest.raises(ValueError, match=rf"parameter '{name}'.*{message}") as info:
        call(p)
    assert isinstance(info.value, cg.InvalidParameterError)
    assert info.value.parameter == name


def test_invalid_on_infeasible_and_k():
    with pytest.raises(ValueError, match="on_infeasible"):
        call(BASE, on_infeasible="ignore")
    with pytest.raises(ValueError, match="parameter 'k'"):
        call(BASE, k=0)


# ----------------------------------------------------------------------------- n_min and k
def test_n_min_matches_exact_rational():
    assert cg.n_min(1, 100, 1, 10, 1) == float_at_or_above(Fraction(8, 89**2))
    G = Fraction(100) - (Fraction(10) + Fraction(1e-12))
    # tiny G relative to alpha: exact path
    alpha = 11.0 + 2.0**-30
    exact = Fraction(8) / (Fraction(alpha) - Fraction(11)) ** 2
    assert cg.n_min(1, alpha, 1, 10, 1) == float_at_or_above(exact)
    assert G > 0
    with pytest.raises(cg.NoEquilibriumError, match="infeasible"):
        cg.n_min(1, 10, 1, 10, 1)
    assert math.isnan(cg.n_min(1, 10, 1, 10, 1, on_infeasible="nan"))


@settings(max_examples=examples(100), deadline=None)
@given(feasible_parameters(allow_zero_F=False, n_max=1e9), st.integers(3, 20))
def test_k_companies_generalisation(p, k):
    """With k companies omega* solves (n/k) m D = F, and more companies mean a higher rate."""
    p = {**p, "n": p["n"] * k}  # keep n >= n_min(k) = k/2 * n_min(2)
    w = call(p, k=k)
    with mpmath.workdps(50):
        m = mpmath.mpf(w) * p["c"] - p["c_A"]
        D = p["alpha"] - p["beta"] * (1 + mpmath.mpf(w)) * p["c"]
        residual = p["n"] / k * m * D - p["F"]
    scale = p["F"] + p["n"] / k * (w * p["c"] + p["c_A"]) * (p["alpha"] + p["beta"] * (1 + w) * p["c"])
    assert abs(residual) <= 1e-11 * scale
    assert w >= call(p, k=2)
    assert cg.n_min(p["F"], p["alpha"], p["beta"], p["c"], p["c_A"], k=k) == pytest.approx(
        k / 2 * cg.n_min(p["F"], p["alpha"], p["beta"], p["c"], p["c_A"]), rel=1e-14
    )


@settings(max_examples=examples(60), deadline=None)
@given(feasible_parameters(), st.sampled_from([2, 3, 7]))
def test_n_min_against_exact_rationals_on_arrays(p, k):
    """n_min = 4 k beta F / G^2 rounded upward: every point of an array is the smallest float at or above
    the exact rational value (the smallest positive float at F = 0)."""
    F = np.array([p["F"], 2.5 * p["F"] + 0.75, 0.0])
    got = cg.n_min(F, p["alpha"], p["beta"], p["c"], p["c_A"], k=k)
    alpha, beta, c, c_A = (Fraction(p[x]) for x in ("alpha", "beta", "c", "c_A"))
    G = alpha - beta * (c + c_A)
    for value, f in zip(got.tolist(), F.tolist(), strict=True):
        assert value == float_at_or_above(4 * k * beta * Fraction(f) / G**2)


def test_n_min_refuses_exactly_where_trade_is_infeasible():
    # beta (c + c_A) = 110: G = -1, 0, 1; n_min = 4 k beta F / G^2 = 8 * 10 * 2 / 1 = 160 at G = 1
    got = cg.n_min(2.0, [109.0, 110.0, 111.0], 10.0, 10.0, 1.0, on_infeasible="nan")
    assert np.isnan(got[0]) and np.isnan(got[1]) and got[2] == 160.0


def test_n_min_names_each_parameter_takes_any_magnitude_and_refuses_by_index():
    """n_min's own entry checks (mutation testing found them untested)."""
    for i, name in enumerate(("F", "alpha", "beta", "c", "c_A")):
        args = [1.0, 100.0, 1.0, 10.0, 1.0]
        args[i] = -1.0
        with pytest.raises(cg.InvalidParameterError, match=rf"^parameter '{name}': must be "):
            cg.n_min(*args)
    # any finite magnitude: 1e-300 is outside the supported range and decided exactly
    assert cg.n_min(1e-300, 100.0, 1.0, 10.0, 1.0) == float_at_or_above(8 * Fraction(1e-300) / 89**2)
    # several chunks of an array give what the exact formula gives at every point
    F = np.linspace(1.0, 2.0, 10)
    got = cg.n_min(F, 100.0, 1.0, 10.0, 1.0, chunk_size=3)
    assert got.tolist() == [float_at_or_above(8 * Fraction(f) / 89**2) for f in F.tolist()]
    with pytest.raises(cg.NoEquilibriumError) as refused:
        cg.n_min(1.0, np.array([100.0, 11.0]), 1.0, 10.0, 1.0)
    assert str(refused.value) == (
        "no n admits a break-even rate: trade is infeasible, G = alpha - beta (c + c_A) = 0 <= 0 (at index (1,))"
    )


# ----------------------------------------------------------------------------- issue 19: k
@pytest.mark.parametrize(
    ("k", "needle"),
    [
        (2.5, "got 2.5"),  # returned 0.10028 (omega* 'with 2.5 companies')
        (1, "got 1"),  # returned 0.10011: one company is a monopoly, not free entry
        ([2, 1.5], r"got 1.5 at index \(1,\)"),
        (10**400, "too large for float64"),
    ],
)
def test_k_is_a_whole_number_of_companies_of_at_least_two(k, needle):
    for f in (lambda: cg.omega_star(10, 1, 100, 1, 10, 1, k=k), lambda: cg.n_min(1, 100, 1, 10, 1, k=k)):
        with pytest.raises(cg.InvalidParameterError, match=rf"^parameter 'k': .*{needle}"):
            f()


def test_k_as_a_whole_float_or_numpy_integer_is_accepted():
    # (n/k) (x - c_A)(alpha - beta c - beta x) = F with k = 3: the kernel's root zeroes it (50 digits)
    w = cg.omega_star(10, 1, 100, 1, 10, 1, k=3.0)
    assert w == cg.omega_star(10, 1, 100, 1, 10, 1, k=np.int64(3))
    x = mpmath.mpf(w) * 10
    assert abs(mpmath.mpf(10) / 3 * (x - 1) * (100 - 10 - x) - 1) < 1e-12


def test_an_integer_beyond_float_range_is_named_too_large_not_infinite():
    with pytest.raises(
        cg.InvalidParameterError, match=r"'n': is too large for float64: an integer of about 401 digits"
    ):
        cg.omega_star(10**400, 1, 100, 1, 10, 1)
