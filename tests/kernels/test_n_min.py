"""n_min's three tiers (``tiers.n_min_tier1``, ``tiers.G_dd``, ``tiers.n_min_exact``) and their routing.

References are exact rationals, 4 k beta F / G^2 with G = alpha - beta (c + c_A) formed from the
inputs' own dyadic values and rounded upward here (the smallest float at or above the exact value,
``support.float_at_or_above``), never values from the code under test.
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import assume, example, given, settings
from hypothesis import strategies as st

import cluster_games as cg
from cluster_games.kernels import tiers

from support import exact_n_min_up, examples, log_uniform

NAMES = ("F", "alpha", "beta", "c", "c_A")


exact_n_min = exact_n_min_up


def same(got: float, want: float) -> bool:
    """The same float, or both NaN."""
    return got == want or (math.isnan(got) and math.isnan(want))


def test_in_safe_range_includes_both_ends_and_zero():
    values = np.array([0.0, 1e-100, 1e100, -1e100, 1e-101, 1e101, math.nextafter(1e-100, 0.0)])
    assert tiers.in_safe_range(values).tolist() == [True, True, True, True, False, False, False]
    assert tiers.in_safe_range() is True


@st.composite
def any_magnitude(draw):
    """F, beta, c, c_A anywhere in 1e-300..1e300 (beta and c to 1e150, so alpha stays finite), G of any
    sign and size: alpha = beta (c + c_A)(1 + r) with r from -1e-2 to 1e2, down to 1e-16 in size."""
    beta = draw(log_uniform(1e-150, 1e150))
    c = draw(log_uniform(1e-150, 1e150))
    c_A = draw(st.one_of(st.just(0.0), log_uniform(1e-20, 1.0).map(lambda x: x * c)))
    r = draw(log_uniform(1e-16, 1e2)) * draw(st.sampled_from([1.0, -1e-2]))
    alpha = beta * (c + c_A) * (1 + r)
    F = draw(st.one_of(st.just(0.0), log_uniform(1e-300, 1e300)))
    k = draw(st.sampled_from([2.0, 3.0, 1e6]))
    assume(0 < alpha < math.inf)
    return dict(F=F, alpha=alpha, beta=beta, c=c, c_A=c_A, k=k)


@settings(max_examples=examples(400), deadline=None)
@given(any_magnitude())
def test_n_min_at_any_magnitude_is_the_exact_rational(p):
    """Every finite input: where float64 would overflow or underflow (4 k beta F or G^2 beyond the
    float range) the value still comes from the exact tier, rounded upward, and a threshold beyond the
    largest float is inf. (Before, 4 k beta F = inf over G^2 = inf gave NaN, "infeasible", at a feasible point.)"""
    got = cg.n_min(*(p[x] for x in NAMES), k=p["k"], on_infeasible="nan")
    want = exact_n_min(*(p[x] for x in NAMES), k=p["k"])
    assert same(got, want), (p, got, want)


def test_n_min_overflow_and_underflow_of_float64_are_decided_exactly():
    assert cg.n_min(1e300, 1e300, 1e200, 1e50, 1e-300) == exact_n_min(1e300, 1e300, 1e200, 1e50, 1e-300)
    assert cg.n_min(1e-200, 1e-200, 1e-200, 1e-150, 0.0) == exact_n_min(1e-200, 1e-200, 1e-200, 1e-150, 0.0)
    assert exact_n_min(1e-200, 1e-200, 1e-200, 1e-150, 0.0) == math.nextafter(
        8.0, 9.0
    )  # beta F, G^2 underflow
    assert cg.n_min(1e300, 1.0, 1.0, 0.5, 0.5 - 2**-53) == math.inf  # 8e300 / 2^-106: beyond the floats


def test_a_rate_beyond_the_largest_float_is_inf_not_an_error():
    # c = 1e-310: omega* = 2C / (c (K + sqrt(Delta))) is about 1.0e310 (decided by the exact tier)
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in (10.0, 1.0, 100.0, 1.0, 1e-310, 1.0))
    G = alpha - beta * (c + c_A)
    lower_bound = 2 * (c_A * (alpha - beta * c) + 2 * F / n) / (c * 2 * (alpha - beta * c + beta * c_A))
    assert G > 0 and G * G > 8 * beta * F / n and lower_bound > Fraction(1.7976931348623157e308)
    assert cg.omega_star(10.0, 1.0, 100.0, 1.0, 1e-310, 1.0) == math.inf


@settings(max_examples=examples(300), deadline=None)
@given(
    st.builds(
        dict,
        F=log_uniform(1e-3, 1e3),
        beta=log_uniform(1e-2, 1e2),
        c=log_uniform(1e-2, 1e2),
        c_A_ratio=st.one_of(st.just(0.0), log_uniform(1e-8, 1.0)),
        gap=log_uniform(1e-12, 1e2),
        k=st.sampled_from([2.0, 3.0, 12.0]),
    )
)
@example(dict(F=1.0, beta=3.1, c=0.7, c_A_ratio=0.3, gap=1e-9, k=2.0))  # G = 1e-9 A: error about 1e-7
@example(dict(F=2.5, beta=0.37, c=11.3, c_A_ratio=0.0, gap=1e-6, k=3.0))
def test_n_min_tier1_bound_covers_the_true_error(d):
    """Tier 1's bound covers its true error at every point with G >= 1e-12 A, trusted or not (the
    first-order terms it drops are below 1e-3 of it there), so a tightened bound fails at once."""
    c_A = d["c_A_ratio"] * d["c"]
    alpha = d["beta"] * (d["c"] + c_A) * (1 + d["gap"])
    args = (d["F"], alpha, d["beta"], d["c"], c_A, d["k"])
    value, bound, G, _ = tiers.n_min_tier1(*(np.float64(x) for x in args))
    G_exact = Fraction(alpha) - Fraction(d["beta"]) * (Fraction(d["c"]) + Fraction(c_A))
    exact_value = 4 * Fraction(d["k"]) * Fraction(d["beta"]) * Fraction(d["F"]) / G_exact**2
    assert G > 0
    assert abs(Fraction(float(value)) - exact_value) <= Fraction(float(bound)) * exact_value


@settings(max_examples=examples(200), deadline=None)
@given(
    st.builds(
        dict,
        beta=log_uniform(1e-2, 1e2),
        c=log_uniform(1e-2, 1e2),
        c_A_ratio=log_uniform(1e-8, 1.0),
        gap=log_uniform(1e-16, 1e-8),
        sign=st.sampled_from([1.0, -1.0]),
    )
)
def test_double_double_G_bound_covers_the_true_error(d):
    """|G_h + G_l - G| <= eG in rationals, where G cancels (the points n_min sends to tier 2)."""
    c_A = d["c_A_ratio"] * d["c"]
    alpha = d["beta"] * (d["c"] + c_A) * (1 + d["sign"] * d["gap"])
    beta = np.float64(d["beta"])
    G_h, G_l, eG, a_h, _ = tiers.G_dd(np.float64(alpha), beta, *tiers._dd._split(beta), d["c"], c_A)
    G = Fraction(alpha) - Fraction(d["beta"]) * (Fraction(d["c"]) + Fraction(c_A))
    assert abs(Fraction(G_h) + Fraction(G_l) - G) <= Fraction(eG)
    assert 0 < eG <= 1e-30 * (abs(float(G)) + abs(float(a_h)))  # and not vacuous


#: Points of each n_min tier (F, alpha, beta, c, c_A). Tier 1: well conditioned (G = 89, and G = 0.8
#: below 1), or G < -4uA (G = -6, and G = -6 ulps of 11, between -5uA and -4uA). Double-double: G
#: cancels (1e-10 of A), or is negative by less than tier 1's error (-1 ulp of 11). Exact: G = 0
#: exactly; G = 2^-104 below its double-double error bound; |G| = 2^-404 below 1e-120 (inputs in the
#: safe range); each input outside the safe range [1e-100, 1e100] in turn. Ties: G is clear, but the
#: threshold is itself a float (8 beta F / G^2 = 2 and 1/2 exactly), so the upward rounding cannot be
#: decided from a residual that is exactly zero: the exact tier decides it.
ROUTES = {
    "tier1": [
        (1.0, 100.0, 1.0, 10.0, 1.0),
        (1.0, 1.0, 1.0, 0.1, 0.1),
        (1.0, 5.0, 1.0, 10.0, 1.0),
        (1.0, 11.0 - 6 * 2**-49, 1.0, 10.0, 1.0),
    ],
    "dd": [(1.0, 11.0 * (1 + 1e-10), 1.0, 10.0, 1.0), (1.0, 11.0 - 2**-49, 1.0, 10.0, 1.0)],
    "exact": [
        (1.0, 11.0, 1.0, 10.0, 1.0),
        (1e-49, 1.0, 1 + 2**-52, 2**-10, 1 - 2**-52 - 2**-10),
        (2.0**-300, 2.0**-300, 2.0**-150 * (1 + 2**-52), 2.0**-150 * (1 - 2**-52), 0.0),
        (1e-300, 100.0, 1.0, 10.0, 1.0),
        (1.0, 1e101, 1e99, 10.0, 1.0),
        (1.0, 100.0, 1e-101, 10.0, 1.0),
        (1.0, 100.0, 1.0, 1e-101, 1.0),
        (1.0, 100.0, 1.0, 10.0, 1e-101),
    ],
    "tie": [(1.0, 3.0, 1.0, 1.0, 0.0), (1.0, 12.0, 1.0, 2.0, 6.0)],
}
#: The points above where G <= 0 (n_min is NaN): tier 1's two negatives, the double-double's, G = 0.
NAN = {ROUTES["tier1"][2], ROUTES["tier1"][3], ROUTES["dd"][1], ROUTES["exact"][0]}


def test_the_ties_are_floats():
    assert [exact_n_min(*p) for p in ROUTES["tie"]] == [2.0, 0.5]  # 8 / 2^2 and 8 / 4^2


def test_each_n_min_point_goes_to_the_cheapest_tier_that_can_vouch_for_it(monkeypatch):
    """The routing is part of the kernel's design (tier 1 for almost every point), so it is tested:
    a cheaper tier must not be skipped, and a point must not reach a tier it does not need. Every
    point gets the double-double G (the upward rounding needs it; computing it for a whole chunk is
    cheaper than gathering the points); the exact tier gets only what neither tier 1, nor the
    double-double G, nor the rounding's residual decide."""
    points = [p for tier in ("tier1", "dd", "exact", "tie") for p in ROUTES[tier]]
    dd_points, exact_calls = [], []
    G_dd, n_min_exact = tiers.G_dd, tiers.n_min_exact
    monkeypatch.setattr(
        tiers, "G_dd", lambda alpha, *rest: dd_points.extend(alpha.tolist()) or G_dd(alpha, *rest)
    )
    monkeypatch.setattr(tiers, "n_min_exact", lambda *a: exact_calls.append(a[1]) or n_min_exact(*a))
    columns = [np.array(column) for column in zip(*points, strict=True)]
    got = cg.n_min(*columns, on_infeasible="nan")
    alphas = [p[1] for p in points]
    assert dd_points == alphas
    assert exact_calls == alphas[6:]  # the exact points, then the two ties
    for value, p in zip(got.tolist(), points, strict=True):
        assert same(value, exact_n_min(*p)), (p, value)
    assert [math.isnan(v) for v in got.tolist()] == [p in NAN for p in points]


def test_a_number_of_companies_outside_the_safe_range_goes_to_the_exact_tier(monkeypatch):
    calls = []
    n_min_exact = tiers.n_min_exact
    monkeypatch.setattr(tiers, "n_min_exact", lambda *a: calls.append(a[5]) or n_min_exact(*a))
    got = cg.n_min(1.0, 100.0, 1.0, 10.0, 1.0, k=1e101)
    assert calls == [1e101] and got == exact_n_min(1.0, 100.0, 1.0, 10.0, 1.0, k=1e101)


def test_n_min_names_an_invalid_number_of_companies():
    with pytest.raises(cg.InvalidParameterError, match=r"^parameter 'k': must be "):
        cg.n_min(1.0, 100.0, 1.0, 10.0, 1.0, k=-1.0)


def test_an_invalid_k_is_named_with_its_index_only_in_an_array():
    """A scalar k has no index to name; in an array, the first bad entry's index (k = 2.5 is not whole).
    k <= 0 gets the same message as k = 1 (not the generic "must be > 0"): the whole-number test decides."""
    for k in (1, 0, -1):
        with pytest.raises(cg.InvalidParameterError) as scalar:
            cg.n_min(1.0, 100.0, 1.0, 10.0, 1.0, k=k)
        assert str(scalar.value) == f"parameter 'k': must be a whole number of companies >= 2, got {k}"
    with pytest.raises(cg.InvalidParameterError) as array:
        cg.n_min(1.0, 100.0, 1.0, 10.0, 1.0, k=[[2, 3], [2.5, 1]])
    assert (
        str(array.value) == "parameter 'k': must be a whole number of companies >= 2, got 2.5 at index (1, 0)"
    )


def test_a_double_double_value_is_rounded_upward_exactly():
    """G = 1e-10 A: tier 1's bound (about 1e-5) refuses it; the double-double G gives n_min to 8u,
    and the upward rounding makes it the exact ceiling."""
    F, alpha, beta, c, c_A = ROUTES["dd"][0]
    assert cg.n_min(F, alpha, beta, c, c_A) == exact_n_min(F, alpha, beta, c, c_A)


@pytest.mark.parametrize("chunk_size", [1, 2, 5])
def test_n_min_over_chunks_routes_each_chunk_on_its_own(chunk_size):
    points = [p for tier in ("tier1", "dd", "exact", "tie") for p in ROUTES[tier]]
    columns = [np.array(column) for column in zip(*points, strict=True)]
    got = cg.n_min(*columns, on_infeasible="nan", chunk_size=chunk_size)
    assert all(same(v, exact_n_min(*p)) for v, p in zip(got.tolist(), points, strict=True))


def test_a_scalar_refusal_names_G_and_no_index():
    with pytest.raises(cg.NoEquilibriumError) as refused:
        cg.n_min(1.0, 11.0, 1.0, 10.0, 1.0)
    assert (
        str(refused.value)
        == "no n admits a break-even rate: trade is infeasible, G = alpha - beta (c + c_A) = 0 <= 0"
    )


def test_a_refusal_states_G_exactly_even_beyond_the_float_range():
    """G = 1 - 1e400: the messages give it from the exact rational (float(G) overflowed, a traceback)."""
    G_text = "G = alpha - beta (c + c_A) = -1e+400 <= 0"
    with pytest.raises(cg.NoEquilibriumError) as refused:
        cg.omega_star(10.0, 1.0, 1.0, 1e200, 1e200, 1.0)
    assert str(refused.value) == f"no break-even agency rate: trade is infeasible, {G_text}"
    with pytest.raises(cg.NoEquilibriumError) as refused:
        cg.n_min(1.0, 1.0, 1e200, 1e200, 1.0)
    assert str(refused.value) == f"no n admits a break-even rate: trade is infeasible, {G_text}"
    with pytest.raises(
        cg.NoEquilibriumError, match=r"G = alpha - beta \(c \+ c_A\) = -5.5 <= 0 \(at index \(1,\)\)$"
    ):
        cg.n_min(1.0, [100.0, 5.5], 1.0, 10.0, 1.0)
