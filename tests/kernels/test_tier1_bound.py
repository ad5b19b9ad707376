"""Tier 1's error bound: invariant under the model's scaling, and its discriminant guard.

omega* is dimensionless: scaling alpha, beta and F by the same s leaves it unchanged (G, K and C
scale by s, Delta by s^2). For s a power of two every float64 operation of tier 1 scales exactly
too, so its value *and its bound* must be bitwise the same at every scale; a bound term of the
wrong dimension (a bound that holds at one scale only) fails this at once.
"""

from __future__ import annotations

from fractions import Fraction

import mpmath
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import cluster_games as cg
from cluster_games.kernels import tiers

from support import examples, feasible_parameters, near_boundary_parameters, omega_star_mp

ORDER = ("n", "F", "alpha", "beta", "c", "c_A")


def scaled(p: dict, s: float) -> dict:
    return {**p, "alpha": p["alpha"] * s, "beta": p["beta"] * s, "F": p["F"] * s}


def tier1_at(p: dict):
    with np.errstate(all="ignore"):
        return tiers.tier1(*(np.float64(p[k]) for k in ORDER), np.float64(2.0))


@settings(max_examples=examples(200), deadline=None)
@given(
    st.one_of(feasible_parameters(n_max=1e12), near_boundary_parameters()),
    st.sampled_from([-60, -20, 20, 60]),
)
def test_tier1_value_and_bound_are_invariant_under_the_models_scaling(p, j):
    s = 2.0**j
    assert np.array_equal(tier1_at(scaled(p, s))[:2], tier1_at(p)[:2], equal_nan=True)


#: Found by search (G / A about 1e-12, n just below n_min): float64's discriminant is positive where
#: the exact one is negative, and the first-order bound alone (1.7e-14 to 2.5e-14) is under the
#: tolerance; only the guard term, FAST_PATH_TOLERANCE * 4u * e_half / disc, sends these points on.
WRONG_SIGN = [
    dict(n=1.1484797277656517e25, F=0.37753174432873443, alpha=2.264393261553247, beta=0.3556269497078663,
         c=3.4937739172155777, c_A=2.873553596666743),
    dict(n=1.2883394603328066e27, F=5.184586527985182, alpha=2.6842421061573902, beta=4.597087006181901,
         c=0.335890834000922, c_A=0.24800981929265048),
    dict(n=1.338295394326167e27, F=0.2003068586268716, alpha=0.08729432157213524, beta=0.28545419738593664,
         c=0.15929724165803338, c_A=0.14651126412509946),
]  # fmt: skip


@pytest.mark.parametrize("j", [0, -60, 60])
@pytest.mark.parametrize("p", WRONG_SIGN, ids=["a", "b", "c"])
def test_a_discriminant_of_the_wrong_sign_is_never_trusted_at_any_scale(p, j):
    q = scaled(p, 2.0**j)
    n, F, alpha, beta, c, c_A = (Fraction(q[k]) for k in ORDER)
    G = alpha - beta * (c + c_A)
    assert G > 0 and G * G - 8 * beta * F / n < 0  # infeasible, exactly
    _, bound, _, disc = tier1_at(q)
    assert disc > 0 and bound > tiers.FAST_PATH_TOLERANCE  # float64 says feasible; the bound says "unsure"
    assert omega_star_mp(q, dps=80) is None
    got = cg.omega_star(*(np.full(2, q[k]) for k in ORDER), engine="numpy", on_infeasible="nan")
    assert np.isnan(got).all()


#: Points (found by search) where tier 1's value is off by more than the tolerance: G cancels and n is
#: near n_min, with c_A = 0 or tiny. A bound that forgot part of A (alpha - beta c + beta c_A in place
#: of alpha + beta c + beta c_A) vouched for each of them.
OFF = [
    dict(n=1.0001744162915875e22, F=0.053833325593870496, alpha=2.4904143275520285, beta=0.02500585688865206,
         c=99.59324084110946, c_A=0.0),
    dict(n=1.0159292022992905e18, F=0.004896834783423493, alpha=7.767701546051222, beta=7.771037767106293,
         c=0.9995706851784893, c_A=0.0),
    dict(n=0.41119796646571244, F=0.0013875506580294055, alpha=545.7427685046865, beta=24.34688996307976,
         c=22.381091224811126, c_A=1.8041137871022891e-06),
]  # fmt: skip


@pytest.mark.parametrize("p", OFF, ids=["cA0-a", "cA0-b", "cA-tiny"])
def test_tier1_refuses_where_its_value_is_off_by_more_than_the_tolerance(p):
    omega, bound, _, _ = tier1_at(p)
    ref = omega_star_mp(p, dps=80)
    err = float(abs((mpmath.mpf(float(omega)) - ref) / ref))
    assert err > tiers.FAST_PATH_TOLERANCE  # the premise, from 80 digits
    assert err <= bound  # and the bound says so
    got = cg.omega_star(*(p[k] for k in ORDER), engine="numpy")
    assert float(abs((mpmath.mpf(got) - ref) / ref)) <= 1e-13
