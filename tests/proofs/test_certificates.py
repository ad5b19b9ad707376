"""Sign certificates: they prove what is true and refuse what is not."""

from __future__ import annotations

import sympy as sp

from cluster_games import model as M
from cluster_games.proofs.certificates import (
    Region,
    certify,
    feasible_trade,
    free_entry_region,
    paper_sufficient_region,
    rates_region,
)

x, y = sp.symbols("x y", positive=True)
z = sp.Symbol("z", nonnegative=True)
PLAIN = Region("x, y > 0", (), {}, (x, y))


def test_positive_polynomial_is_certified():
    cert = certify(x**2 + 3 * x * y + 1, "positive", PLAIN, "positive")
    assert cert.holds and cert.method == "sign certificate"


def test_mixed_signs_are_not_certified():
    # x^2 - x y + y^2 > 0 is true, but not by coefficient signs: the certificate must not claim it.
    cert = certify(x**2 - x * y + y**2, "positive", PLAIN, "true but not certifiable by signs")
    assert not cert.holds
    assert not certify(x - y, "positive", PLAIN, "false").holds
    assert not certify(x + y, "negative", PLAIN, "false").holds


def test_strictness_needs_a_strictly_positive_monomial():
    region = Region("z >= 0", (), {}, (z,))
    assert not certify(z, "positive", region, "z > 0 does not follow from z >= 0").holds
    assert certify(z, "nonnegative", region, "z >= 0").holds
    assert certify(z + x, "positive", region, "z + x > 0").holds


def test_rational_functions_and_identities():
    assert certify(x / (x + y), "positive", PLAIN, "ratio").holds
    assert certify(-x / (x + y), "negative", PLAIN, "ratio").holds
    assert certify((x + y) ** 2 - x**2 - 2 * x * y - y**2, "zero", PLAIN, "identity").holds
    assert not certify(x - y, "zero", PLAIN, "not an identity").holds


def test_regions_encode_their_constraints():
    assert feasible_trade().apply(M.G) == sp.Symbol("g", positive=True)
    s, t = free_entry_region().slacks
    R = free_entry_region()
    assert sp.simplify(R.apply(M.discriminant()) - s**2) == 0
    assert sp.simplify(R.apply(M.margin(M.omega_star_expr())) - t / (2 * M.beta)) == 0
    mu, d, delta = rates_region().slacks
    r = rates_region()
    assert sp.simplify(r.apply(M.margin(M.omega)) - mu) == 0
    assert sp.simplify(r.apply(M.demand(M.omega)) - d) == 0
    assert sp.simplify(r.apply(M.W - M.omega) - delta) == 0
    sigma = paper_sufficient_region().slacks[-1]
    gap = paper_sufficient_region().apply(M.omega * M.c - M.c_A - (M.W - M.omega) * M.c)
    assert sp.simplify(gap - sigma) == 0


def test_false_claim_on_model_is_refused():
    # omega* is the LOWER root: claiming it exceeds the upper root must fail.
    lower, upper = M.omega_star_roots()
    assert not certify(lower - upper, "positive", free_entry_region(), "false").holds
    assert certify(lower - upper, "negative", free_entry_region(), "true").holds
