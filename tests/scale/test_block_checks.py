"""No verdict from numerical noise in ``check`` (scale/block_checks.py, block_checks_k.py).

The propositions are theorems of the model, so with the corrected omega* a counterexample can only
be an artefact of float64. Over every box the toolkit accepts (each coordinate anywhere in the
supported range 1e-50..1e50, ends included, n up to 1e50) a check must report none: a draw float64
cannot resolve is counted as unresolved, with its reason. Negative controls show the bounds are not
vacuous: a rate off by 1e-6 is still caught, and at ordinary magnitudes nothing is left unresolved.
Draws are seeded; hypothesis is derandomised with no example database.
"""

from __future__ import annotations

import json
from fractions import Fraction

import numpy as np
import pytest
from hypothesis import HealthCheck, assume, example, given, settings
from hypothesis import strategies as st

import cluster_games as cg
from cluster_games.scale import block_checks_k as BK
from cluster_games.scale import boxes as B
from cluster_games.scale import montecarlo as MC

from support import examples

LO, HI = -50.0, 50.0


@st.composite
def boxes(draw):
    """A box over the supported range: each of the six parameters given (or left to the default box)
    with bounds 10^e, e in [-50, 50] (a point box a third of the time), F and c_A reaching 0."""
    box = {}
    for name in ("n", "F", "alpha", "beta", "c", "c_A"):
        if draw(st.booleans()):
            lo = draw(st.one_of(st.sampled_from([LO, HI]), st.floats(LO, HI)))
            hi = lo if draw(st.integers(0, 2)) == 0 else draw(st.floats(lo, HI))
            low = 0.0 if name in ("F", "c_A") and draw(st.integers(0, 4)) == 0 else 10.0**lo
            box[name] = (low, 10.0**hi)
    return box


def _check(box, draws=2000, seed=0):
    try:
        return MC.check(box, draws=draws, seed=seed)
    except cg.InvalidParameterError as exc:
        assume("almost no feasible point" not in str(exc))  # an infeasible box: refused, rightly
        raise


@settings(
    max_examples=examples(60),
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.filter_too_much, HealthCheck.too_slow],
)
@given(boxes(), st.integers(0, 2**32))
@example({"n": (1e18, 1e18)}, 1)  # issue 19: 838 counterexamples to P4 (float Q_bar at n = 1e18)
@example({"n": (1.0, 1e50)}, 1)  # issue 19: 11,497
@example({"c": (1e-50, 1e-50)}, 1)  # issue 19: refused naming 'omega' at an index the user never gave
@example({"c_A": (0.0, 1.4426501769004744e-49)}, 0)  # uniform draws below 1e-50: refused naming 'c_A'
@example(
    {"alpha": (1.9e-11, 1.1e44), "beta": (1.1e-28, 133.0), "c": (7.7e-40, 4.8e49), "c_A": (0.0, 1.1e36)}, 0
)
def test_no_counterexample_at_any_supported_magnitude(box, seed):
    result = _check(box, seed=seed)
    bad = {t.id: t.examples[:1] for t in result.tallies if t.counterexamples}
    assert not bad, (box, bad)
    for t in result.tallies:
        assert t.hypotheses + t.unresolved <= 2000 and sum(n for _, n in t.unresolved_reasons) == t.unresolved


def test_at_n_1e18_the_cancelling_margin_is_unresolved_not_a_counterexample():
    """m(omega*) = 2F/(n D) is a 1e-18 part of omega* c there: the float omega*'s own rounding decides
    Q_bar, so P4 cannot be read at those draws. They are counted apart with the reason; the other
    claims are tested as usual."""
    r = MC.check({"n": (1e18, 1e18)}, draws=20000, seed=1)
    assert all(t.counterexamples == 0 for t in r.tallies)
    assert r["P4"].unresolved == 20000 and r["P4"].hypotheses == 0 and r["P4"].verdict == "untested"
    assert dict(r["P4"].unresolved_reasons) == {
        "m(omega) = omega c - c_A is within float64 rounding of 0": 19986,
        "m(omega*) = omega* c - c_A cancels: omega*'s own error decides Q_bar (uncertainty > 1e-3)": 14,
    }
    assert r["P2"].hypotheses == 20000 and r["K7"].hypotheses > 19000
    text = r.to_text()
    assert "P4: 19986 draw(s) unresolved, not tested: m(omega) = omega c - c_A is within" in text
    assert "unresolved" in text.splitlines()[2]  # the table's column
    data = json.loads(r.to_json())["propositions"][3]
    assert data["id"] == "P4" and data["unresolved"] == 20000 and len(data["unresolved_reasons"]) == 2
    assert "unresolved, not tested" in r.to_markdown()


def test_at_ordinary_magnitudes_almost_nothing_is_unresolved():
    """In the default box only P4 leaves draws unresolved: those where omega* c / m(omega*) exceeds
    1e9 (n near 1e6), so that omega*'s guaranteed 1e-12 makes Q_bar uncertain by more than 1e-3."""
    r = MC.check({}, draws=20000, seed=2)
    assert r.all_hold and all(t.unresolved == 0 for t in r.tallies if t.id != "P4")
    assert 0 < r["P4"].unresolved <= 0.005 * 20000 and r["P4"].hypotheses > 0.99 * 20000


def test_a_rate_off_by_1e_6_is_still_caught(monkeypatch):
    """Negative control: the resolution bounds must not swallow a real error. omega* moved by 1e-6
    leaves pi_YY far from 0 (P2) and Q_bar far from n D / 2 (P4), and both are reported."""
    import cluster_games.scale.block_checks as BC

    real = BC.FE.omega_star
    monkeypatch.setattr(BC.FE, "omega_star", lambda *a, **kw: real(*a, **kw) * (1 + 1e-6))
    r = MC.check({}, draws=5000, seed=3)
    assert r["P2"].counterexamples > 4000 and r["P4"].counterexamples > 1000
    assert r["P4"].unresolved == 0


def test_rates_beyond_the_game_kernels_range_are_unresolved_with_the_reason():
    """c = 1e-50 makes omega* about c_A / c, up to 1e50 and beyond: a valid point whose rates the game
    kernel does not take. The check answers, counting those draws apart (before: a refusal naming
    'omega' at an index the user never gave)."""
    r = MC.check({"c": (1e-50, 1e-50)}, draws=20000, seed=1)
    reasons = dict(r["K1"].unresolved_reasons)
    assert reasons == {
        "a rate is outside the supported range (1e-50..1e50) of the game kernel": r["K1"].unresolved
    }
    assert r["K1"].unresolved > 0 and all(t.counterexamples == 0 for t in r.tallies)


def test_uniform_draws_below_the_supported_range_are_zero():
    d = B.draw_block(0, 0, 5000, B.normalise_box({"c_A": (0.0, 1.4e-49), "F": (0.0, 1e-49)}))
    for name in ("c_A", "F"):
        x = d[name]
        assert ((x == 0) | (x >= 1e-50)).all() and (x == 0).any() and (x > 0).any()


def test_a_box_bound_outside_the_supported_range_is_refused_naming_the_bound():
    with pytest.raises(cg.InvalidParameterError) as refused:
        B.normalise_box({"n": (1.0, 1e300)})
    assert str(refused.value) == (
        "parameter 'n': box bound hi = 1e+300 is outside the supported range (non-zero magnitudes from 1e-50 to 1e+50)"
    )


def test_the_draws_threshold_is_never_below_the_exact_one_where_G_cancels():
    """G = alpha - beta (c + c_A) cancelling to 1e-12 of alpha: the float 8 beta F / G^2 is then off by
    up to about 1e-4 relative, far more than the 1e-9 margin the draws add, and n could be drawn below
    the exact threshold (where no rate exists). The threshold the draws use is checked in rationals:
    times (1 + 1e-9) it is at or above 8 beta F / G^2 at every point."""
    rng = np.random.default_rng(9)
    size = 2000
    beta, c = 10.0 ** rng.uniform(-3, 3, size), 10.0 ** rng.uniform(-3, 3, size)
    c_A = c * 10.0 ** rng.uniform(-3, 0, size)
    alpha = beta * (c + c_A) * (1 + 10.0 ** rng.uniform(-13, -10, size))
    F = 10.0 ** rng.uniform(-3, 3, size)
    d = {"beta": beta, "c": c, "c_A": c_A, "F": F}
    G = alpha - beta * (c + c_A)
    with np.errstate(all="ignore"):
        lo = B._n_min_above(alpha, G, d) * (1 + 1e-9)
    checked = 0
    for i in range(size):
        Ge = Fraction(alpha[i]) - Fraction(beta[i]) * (Fraction(c[i]) + Fraction(c_A[i]))
        if Ge <= 0:
            assert np.isnan(lo[i])
            continue
        assert Fraction(float(lo[i])) * Ge * Ge >= 8 * Fraction(beta[i]) * Fraction(F[i]), i
        checked += 1
    assert checked > 1500


def _sign_k_minus_rho(k, n, F, alpha, beta, c, c_A) -> int:
    """sign(k - n G^2 / (4 beta F)) in rationals."""
    n, F, alpha, beta, c, c_A, k = (Fraction(float(x)) for x in (n, F, alpha, beta, c, c_A, k))
    G = alpha - beta * (c + c_A)
    diff = 4 * k * beta * F - n * G * G
    return (diff > 0) - (diff < 0)


def test_k_versus_rho_is_exact_at_ties_and_where_G_cancels():
    """rho = n G^2 / (4 beta F). Ties k = rho exactly (n = 8, G = 2, beta = F = 1: rho = 8) and points
    one ulp either side; then 2000 seeded points with G cancelling to 1e-12 of beta (c + c_A), n within a
    few ulps of n_min(k): every sign equals the rational one."""
    ties = [(8.0, 8.0, 1.0, 3.0, 1.0, 1.0, 0.0), (8.0, np.nextafter(8.0, 9), 1.0, 3.0, 1.0, 1.0, 0.0)]
    ties.append((8.0, np.nextafter(8.0, 7), 1.0, 3.0, 1.0, 1.0, 0.0))
    cols = [np.array(col) for col in zip(*ties, strict=True)]
    assert BK.k_versus_rho(*cols).tolist() == [0, -1, 1]
    rng = np.random.default_rng(8)
    size = 2000
    beta, c = 10.0 ** rng.uniform(-5, 5, size), 10.0 ** rng.uniform(-5, 5, size)
    c_A = c * rng.uniform(0, 1, size)
    alpha = beta * (c + c_A) * (1 + 10.0 ** rng.uniform(-12, -6, size))
    F, k = 10.0 ** rng.uniform(-5, 5, size), rng.integers(2, 50, size).astype(float)
    threshold = cg.n_min(F, alpha, beta, c, c_A, k=k)
    n = threshold
    for _ in range(3):
        n = np.where(rng.random(size) < 0.5, np.nextafter(n, 0), np.nextafter(n, np.inf))
    n = np.where(rng.random(size) < 0.3, threshold, n)
    got = BK.k_versus_rho(k, n, F, alpha, beta, c, c_A)
    want = [_sign_k_minus_rho(*(a[i] for a in (k, n, F, alpha, beta, c, c_A))) for i in range(size)]
    assert got.tolist() == want
    assert len(set(want)) >= 2
