"""n_min is the boundary: the smallest float n at which a free-entry rate exists (kernels/round_up.py).

A rate exists at n > 0 iff G > 0 and n G^2 >= T = 4 k beta F (the discriminant G^2 - T/n is not
negative). So n_min must be the smallest float f > 0 with f G^2 >= T: every expectation here is that
inequality decided in exact rationals (every float is a dyadic rational), never a value from the
code under test. The draws are seeded numpy draws (deterministic).
"""

from __future__ import annotations

import math
from fractions import Fraction

import numpy as np
import pytest

import cluster_games as cg
from cluster_games.kernels import _dd, round_up, tiers

from support import exact_n_min_up, float_at_or_above

SMALLEST = math.ulp(0.0)  # 2^-1074, the smallest positive float
LARGEST = 1.7976931348623157e308
SMALLEST_NORMAL = 2.2250738585072014e-308


def _exponents(rng, size, lo=-300.0, hi=300.0):
    return rng.uniform(lo, hi, size)


def draw_points(seed: int, size: int) -> dict[str, np.ndarray]:
    """``size`` points with every input from 1e-300 to 1e300, F = 0 and c_A = 0 among them, k > 2.

    beta and c have independent exponents in [-300, 300], kept where beta c stays in [1e-300, 1e300]
    (so that alpha is a finite float); c_A is 0 for a tenth of the points, else c times 10^U(-300, 300)
    under the same constraint; alpha = beta (c + c_A)(1 + r) with r from 1e-16 (G cancels to a few
    ulps, or to zero or below after rounding) to 1e10; F is 0 for a tenth, else 10^U(-300, 300);
    k is 2, 3, 7, 50 or 1e6.
    """
    rng = np.random.default_rng(seed)
    out = {name: np.empty(size) for name in ("F", "alpha", "beta", "c", "c_A", "k")}
    filled = 0
    while filled < size:
        m = 4 * (size - filled)
        eb, ec = _exponents(rng, m), _exponents(rng, m)
        ratio = 10.0 ** _exponents(rng, m)
        beta, c = 10.0**eb, 10.0**ec
        with np.errstate(over="ignore", under="ignore"):
            c_A = np.where(rng.random(m) < 0.1, 0.0, 10.0**ec * ratio)
            base = beta * (c + c_A)
            alpha = base * (1 + 10.0 ** rng.uniform(-16, 10, m))
        ok = (base >= 1e-300) & (alpha <= 1e300) & (c_A <= 1e300) & ((c_A == 0) | (c_A >= 1e-300))
        take = np.flatnonzero(ok)[: size - filled]
        F = np.where(rng.random(m) < 0.1, 0.0, 10.0 ** _exponents(rng, m))
        k = rng.choice([2.0, 3.0, 7.0, 50.0, 1e6], m)
        for name, value in (("F", F), ("alpha", alpha), ("beta", beta), ("c", c), ("c_A", c_A), ("k", k)):
            out[name][filled : filled + take.size] = value[take]
        filled += take.size
    return out


def _exact(p: dict, i: int):
    """(G, T) of point i in exact rationals: G = alpha - beta (c + c_A), T = 4 k beta F."""
    F, alpha, beta, c, c_A, k = (Fraction(float(p[x][i])) for x in ("F", "alpha", "beta", "c", "c_A", "k"))
    return alpha - beta * (c + c_A), 4 * k * beta * F


def _args(p, mask=slice(None)):
    return [p[x][mask] for x in ("F", "alpha", "beta", "c", "c_A")]


@pytest.mark.parametrize("seed", [0, 1])
def test_n_min_is_the_smallest_float_where_a_rate_exists_at_10_4_points(seed):
    """At 10^4 points per seed, across every magnitude from 1e-300 to 1e300:

    * where G <= 0 (exactly), n_min is NaN: no n admits a rate;
    * where F = 0, n_min is the smallest positive float (every n > 0 works; n = 0 is no number of
      categories);
    * otherwise v = n_min satisfies v G^2 >= T and its predecessor (math.nextafter(v, 0)) does not:
      v is the smallest float at which a rate exists, T / G^2 rounded upward (inf where T / G^2 is
      beyond the largest float: then even the largest float lies below the threshold);
    * omega_star(n_min, ...) never raises (on the whole array at once, with the default
      on_infeasible="raise"), and the kernel refuses the predecessor (NaN with on_infeasible="nan").
    """
    p = draw_points(seed, 10_000)
    F, alpha, beta, c, c_A = _args(p)
    k = p["k"]
    v = cg.n_min(F, alpha, beta, c, c_A, k=k, on_infeasible="nan")
    kinds = {"G <= 0": 0, "F = 0": 0, "threshold": 0, "beyond the floats": 0, "subnormal": 0}
    for i in range(v.size):
        G, T = _exact(p, i)
        got = float(v[i])
        if G <= 0:
            assert math.isnan(got), (i, got)
            kinds["G <= 0"] += 1
        elif T == 0:
            assert got == SMALLEST, (i, got)
            kinds["F = 0"] += 1
        elif math.isinf(got):
            assert Fraction(LARGEST) * G * G < T, i  # even the largest float is below the threshold
            kinds["beyond the floats"] += 1
        else:
            assert Fraction(got) * G * G >= T, (i, got)  # a rate exists at v ...
            below = math.nextafter(got, 0.0)
            assert Fraction(below) * G * G < T, (i, got)  # ... and not at the float below
            kinds["threshold"] += 1
            kinds["subnormal"] += got < SMALLEST_NORMAL
    # the draws reach every case (the counts are what these seeds give; the test needs each > 0)
    assert all(count > 0 for count in kinds.values()), kinds

    finite = np.isfinite(v)
    args = [a[finite] for a in (F, alpha, beta, c, c_A)]
    w = cg.omega_star(v[finite], *args, k=k[finite])  # raises NoEquilibriumError if any point fails
    assert w.shape == (int(finite.sum()),)
    below = np.nextafter(v[finite], 0.0)
    positive = below > 0  # F = 0: the float below 5e-324 is 0, which no n may be
    w_below = cg.omega_star(
        below[positive], *(a[positive] for a in args), k=k[finite][positive], on_infeasible="nan"
    )
    assert np.isnan(w_below).all()
    # where no float admits a rate (the threshold is beyond the largest float), the largest is refused
    beyond = np.isinf(v)
    w_max = cg.omega_star(LARGEST, *_args(p, beyond), k=k[beyond], on_infeasible="nan")
    assert np.isnan(w_max).all()


@pytest.mark.parametrize("seed", [2, 3])
def test_at_n_min_the_rate_is_the_double_root_to_within_the_stated_bound(seed):
    """At n = n_min (F > 0, n_min a normal float) omega* is the monopoly rate K/(2 beta c) to within a
    relative 2^-26 G/K (the docstring's bound; omega*'s own error, 1e-12, added), with K = alpha - beta c +
    beta c_A, all in rationals: n_min rounds the exact threshold x up by at most 2^-52 of itself, so the
    discriminant G^2 (1 - x/n) is at most 2^-52 G^2 and omega* = (K - sqrt(disc))/(2 beta c) lies within
    G 2^-26 / (2 beta c) of K/(2 beta c)."""
    p = draw_points(seed, 2000)
    F, alpha, beta, c, c_A = _args(p)
    v = cg.n_min(F, alpha, beta, c, c_A, k=p["k"], on_infeasible="nan")
    keep = np.isfinite(v) & (v >= SMALLEST_NORMAL) & (F > 0)
    w = cg.omega_star(v[keep], *_args(p, keep), k=p["k"][keep])
    checked = 0
    for i, got in zip(np.flatnonzero(keep).tolist(), w.tolist(), strict=True):
        if not (SMALLEST_NORMAL <= got < math.inf):  # the rate itself beyond the float range
            continue
        _, alpha_, beta_, c_, c_A_, _ = (
            Fraction(float(p[x][i])) for x in ("F", "alpha", "beta", "c", "c_A", "k")
        )
        G = alpha_ - beta_ * (c_ + c_A_)
        K = alpha_ - beta_ * c_ + beta_ * c_A_
        Wm = K / (2 * beta_ * c_)
        bound = Fraction(2) ** -26 * G / K + Fraction(1, 10**12)
        assert abs(Fraction(got) - Wm) <= bound * Wm, (i, got, float(Wm))
        checked += 1
    assert checked > 1000


def test_the_paper_example_and_exact_ties():
    """8 / 89^2 is not a float: n_min is the float above it, and omega* there is 4.55 (K/(2 beta c) =
    91/20) to within 2^-26 G/K. 8 beta F / G^2 = 2 exactly (G = 2): n_min is 2 itself, the double root
    exactly, K / (2 beta c) = (3 - 1 + 0)/2 = 1."""
    v = cg.n_min(1, 100, 1, 10, 1)
    assert Fraction(v) >= Fraction(8, 89**2) > Fraction(math.nextafter(v, 0))
    assert abs(Fraction(cg.omega_star(v, 1, 100, 1, 10, 1)) - Fraction(91, 20)) <= Fraction(91, 20) * (
        Fraction(2) ** -26 * Fraction(89, 91) + Fraction(1, 10**12)
    )
    assert cg.n_min(1.0, 3.0, 1.0, 1.0, 0.0) == 2.0
    assert cg.omega_star(2.0, 1.0, 3.0, 1.0, 1.0, 0.0) == 1.0
    assert math.isnan(cg.omega_star(math.nextafter(2.0, 0), 1.0, 3.0, 1.0, 1.0, 0.0, on_infeasible="nan"))


def test_F_zero_gives_the_smallest_positive_float_and_omega_star_works_there():
    """At F = 0 every n > 0 admits a rate, omega* = c_A / c (the lower root of a zero discriminant
    gap): n_min is 5e-324, the smallest positive float, and omega_star accepts it."""
    assert cg.n_min(0.0, 100.0, 1.0, 10.0, 1.0) == SMALLEST
    assert cg.omega_star(SMALLEST, 0.0, 100.0, 1.0, 10.0, 1.0) == 0.1  # c_A / c
    got = cg.n_min(np.array([0.0, 1.0]), 100.0, 1.0, 10.0, 1.0, k=5)
    assert got[0] == SMALLEST and got[1] == float_at_or_above(Fraction(20, 89**2))


# ----------------------------------------------------------------------------- the pieces
@pytest.mark.parametrize(
    ("x", "want"),
    [
        (Fraction(0), SMALLEST),
        (Fraction(1, 2**1080), SMALLEST),  # below the smallest subnormal
        (Fraction(3, 2**1075), 2 * SMALLEST),  # 1.5 times the smallest: the next subnormal up
        (Fraction(2), 2.0),  # a float: itself
        (Fraction(1, 3), math.nextafter(1 / 3, 1)),  # 1/3 rounds down to nearest: one up
        (Fraction(1, 10), 0.1),  # 1/10 rounds up to nearest: that one
        (Fraction(LARGEST), LARGEST),
        (Fraction(LARGEST) + 1, math.inf),  # beyond the largest float: no float is at or above it
        (Fraction(10) ** 400, math.inf),
    ],
)
def test_ceil_exact_edges(x, want):
    assert Fraction(1, 3) > Fraction(1 / 3) and Fraction(1, 10) < Fraction(0.1)  # the premises above
    assert round_up.ceil_exact(x) == want


def _residual_points(seed: int, size: int):
    """Points with G clear (the double-double route): random magnitudes 1e-40..1e40, G down to 1e-12 A,
    and candidates f within a few ulps of the threshold, where the residual is smallest."""
    rng = np.random.default_rng(seed)
    beta, c = 10.0 ** rng.uniform(-20, 20, size), 10.0 ** rng.uniform(-20, 20, size)
    c_A = c * 10.0 ** rng.uniform(-10, 2, size)
    alpha = beta * (c + c_A) * (1 + 10.0 ** rng.uniform(-12, 3, size))
    F, k = 10.0 ** rng.uniform(-40, 40, size), rng.choice([2.0, 3.0, 12.0], size)
    return F, alpha, beta, c, c_A, k, rng.integers(-3, 4, size)


def test_the_residual_bound_covers_the_true_error_in_rationals():
    """|R_h - (f G^2 - T)| <= E at 2000 points, f a few ulps either side of the threshold, with G and T
    exact rationals: the bound the upward rounding relies on. It is not vacuous: E is far below the
    residual's own size at one ulp (about u T), so nearly every point is decided."""
    F, alpha, beta, c, c_A, k, steps = _residual_points(5, 2000)
    G_h, G_l, eG, _, _ = tiers.G_dd(alpha, beta, *_dd._split(beta), c, c_A)
    S_h, S_l = _dd.dd_sqr(G_h, G_l)
    T_h, T_l = _dd.dd_mul_d(*_dd.two_prod(4.0 * k, beta), F)
    f = (4.0 * k * beta * F) / (G_h * G_h)
    for _ in range(3):
        f = np.nextafter(f, np.where(steps > 0, np.inf, 0.0))
    R_h, E, valid = round_up.residual(f, S_h, S_l, T_h, T_l, G_h, eG)
    assert valid.all()  # Sterbenz: f G^2 within a factor 2 of T
    decided = 0
    for i in range(f.size):
        G = Fraction(float(alpha[i])) - Fraction(float(beta[i])) * (
            Fraction(float(c[i])) + Fraction(float(c_A[i]))
        )
        T = 4 * Fraction(float(k[i])) * Fraction(float(beta[i])) * Fraction(float(F[i]))
        R = Fraction(float(f[i])) * G * G - T
        assert abs(Fraction(float(R_h[i])) - R) <= Fraction(float(E[i])), i
        decided += abs(float(R_h[i])) > float(E[i])
    assert decided >= 0.99 * f.size


def test_round_up_decides_almost_every_ordinary_point_without_the_exact_tier(monkeypatch):
    """The rationals are for ties and extreme cancellation only: on 10^4 ordinary points (G well
    away from zero, magnitudes 1e-40..1e40) no point reaches them, and every value is the ceiling."""
    F, alpha, beta, c, c_A, k, _ = _residual_points(6, 10_000)
    calls = []
    exact = tiers.n_min_exact
    monkeypatch.setattr(tiers, "n_min_exact", lambda *a: calls.append(a) or exact(*a))
    got = cg.n_min(F, alpha, beta, c, c_A, k=k)
    assert calls == []
    for i in range(0, got.size, 97):
        assert got[i] == exact_n_min_up(*(float(a[i]) for a in (F, alpha, beta, c, c_A, k)))
