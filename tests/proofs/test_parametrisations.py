"""Each region's slack parametrisation is onto its stated hypotheses, and regions compose.

For every region a certificate of ``prove`` uses:

1. every hypothesis becomes manifestly positive (or non-negative, or zero) after substitution,
   by the certifier itself: the substitution lands inside the region;
2. the slack map is invertible on the region: the inverse applied after the substitution gives
   the slacks back, and the substitution applied after the inverse gives the model symbols back;
3. onto, sampled: at random points that satisfy the hypotheses (drawn as rationals, checked
   exactly), the inverse map gives slacks of the declared signs, so the point is reached.
"""

from __future__ import annotations

import os
import random
import zlib
from fractions import Fraction

import pytest
import sympy as sp

from cluster_games import model as M
from cluster_games import model_k as MK
from cluster_games.proofs import formulas as V
from cluster_games.proofs import parametrisations as P
from cluster_games.proofs import prove_all
from cluster_games.proofs.certificates import certify
from cluster_games.proofs.formulas import Relation, difference, relational

_BUILT: dict[int, dict[str, P.Region]] = {}


def _regions() -> dict[str, P.Region]:
    """The regions of every certificate ``prove`` uses, built in this process (a fork under mutation
    testing must build its own, not inherit the parent's)."""
    if os.getpid() not in _BUILT:
        regions = {}
        for claim in prove_all().claims:
            for step in claim.proof:
                if step.certificate is not None:
                    regions[step.certificate.region.key] = step.certificate.region
        _BUILT[os.getpid()] = regions
    return _BUILT[os.getpid()]


REGIONS = _regions()  # for the test ids; each test looks its region up again


def test_prove_uses_the_library_regions():
    assert {"free_entry(k=2)", "rates", "double_root(k=2)", "F = 0 & feasible_trade"} <= set(_regions())
    assert len(_regions()) >= 15


@pytest.mark.parametrize("key", sorted(REGIONS))
def test_hypotheses_hold_after_substitution(key):
    region = _regions()[key]
    for h in region.hypotheses:  # lhs - rhs has the sign the relation states
        c = certify(difference(h), h.sign, region, f"hypothesis {h}", key="h")
        assert c.holds, (key, h, c.method, c.slack_form)


@pytest.mark.parametrize("key", sorted(REGIONS))
def test_the_slack_map_is_invertible(key):
    _assert_invertible(_regions()[key], key)


def _zero(expr: sp.Expr) -> sp.Expr:
    """``expr`` reduced: cancelled as a rational function, simplified only if a square root is left."""
    reduced = sp.cancel(sp.together(expr))
    return reduced if reduced == 0 else sp.simplify(sp.expand(reduced))


def _assert_invertible(region: P.Region, key: str) -> None:
    assumptions = {s: s for s in region.slacks}
    for slack, inverse in region.inverse.items():  # inverse after substitution: the slack itself
        back = _zero(region.apply(inverse) - assumptions[slack])
        assert back == 0, (key, slack, back)
    # on a boundary the identity holds on the hypersurface: solve each equation for one symbol
    on_boundary = {}
    for h in region.hypotheses:
        if h.op == "=":
            rel = relational(h)
            free = rel.free_symbols
            target = next(s for s in (M.F, MK.delta, M.alpha, M.c_A, *sorted(free, key=str)) if s in free)
            (solution,) = sp.solve(sp.Eq(rel.lhs, rel.rhs), target)
            on_boundary[target] = solution
    for symbol, value in region.substitution.items():
        if symbol in on_boundary:
            continue  # fixed by the boundary equation itself
        there = value.xreplace(dict(region.inverse)) - symbol  # substitution after inverse: the symbol itself
        assert _zero(there.xreplace(on_boundary)) == 0, (key, symbol, there)


def _random_point(rng: random.Random) -> dict[sp.Symbol, Fraction]:
    def r(lo, hi):
        return Fraction(rng.randint(1, 10**6), 10**6) * (hi - lo) + lo

    point = {
        M.n: r(Fraction(1, 100), 100),
        M.F: r(0, 10) * Fraction(10) ** rng.randint(-3, 4),  # n_min = 8 beta F/G^2 on both sides of n
        M.alpha: r(1, 200),
        M.beta: r(Fraction(1, 10), 10),
        M.c: r(Fraction(1, 10), 10),
        M.c_A: r(0, 2),
        M.omega: r(Fraction(1, 100), 3),
        M.W: r(Fraction(1, 100), 4),
        M.k: Fraction(rng.randint(1, 30)),
        M.Q: r(Fraction(1, 10), 100),
        MK.y: Fraction(rng.randint(0, 30)),
        MK.delta: r(0, 1),
    }
    return point


def _holds(h: Relation, point) -> bool:
    rel = relational(h)
    value = sp.nsimplify(rel.lhs - rel.rhs).xreplace(
        {s: sp.Rational(v.numerator, v.denominator) for s, v in point.items()}
    )
    return bool({">": value > 0, ">=": value >= 0, "<": value < 0, "<=": value <= 0}[h.op])


@pytest.mark.parametrize(
    "key", sorted(k for k, r in REGIONS.items() if not any(h.op == "=" for h in r.hypotheses))
)
def test_points_that_satisfy_the_hypotheses_are_reached(key):
    """Onto, sampled: hypotheses at a point => its inverse slacks have the declared signs."""
    region = _regions()[key]
    free = {s for h in region.hypotheses for s in relational(h).free_symbols}
    if not free <= set(_random_point(random.Random(0))):
        pytest.skip(
            f"region {key} is stated on abstract symbols ({sorted(map(str, free))}), not model parameters"
        )
    rng = random.Random(zlib.crc32(key.encode()))  # hash(str) changes with PYTHONHASHSEED
    met = 0
    for _ in range(400):
        point = _random_point(rng)
        if not all(_holds(h, point) for h in region.hypotheses):
            continue
        met += 1
        exact = {s: sp.Rational(v.numerator, v.denominator) for s, v in point.items()}
        for slack, inverse in region.inverse.items():
            value = sp.N(inverse.xreplace(exact), 50)
            assert value > 0 if slack.is_positive else value >= 0, (key, slack, value, point)
    assert met >= 5, f"only {met} random points met the hypotheses of {key}"


def test_composition_sees_the_first_result():
    r = P.equal(M.c_A).refine(P.free_entry())
    assert not r.apply(M.alpha).has(M.c_A)
    assert all(not v.free_symbols & set(r.substitution) for v in r.substitution.values())  # idempotent
    # a narrower parametrisation of a slack (the paper's condition writes mu = Delta c + sigma)
    p = P.paper_sufficient()
    assert sp.simplify(p.apply(M.margin(M.omega) - (M.W - M.omega) * M.c) - p.slacks[-1]) == 0
    with pytest.raises(ValueError, match="both substitute"):
        P.feasible_trade().refine(P.feasible_trade())


def test_bad_regions_are_refused():
    x = sp.Symbol("x", real=True)
    with pytest.raises(ValueError, match="positive or nonnegative"):
        P.Region("bad", (), {M.F: x}, (x,), {x: M.F})
    with pytest.raises(ValueError, match="inverse"):
        P.Region("bad", (), {M.F: sp.Symbol("f", positive=True)}, (sp.Symbol("f", positive=True),), {})
    with pytest.raises(ValueError, match="not a Relation"):
        P.Region("bad", (sp.StrictGreaterThan(M.n, 0, evaluate=False),), {}, (), {})  # a sympy relational
    with pytest.raises(ValueError, match="cannot be a parametrised hypothesis"):
        P.Region("bad", (V.integer(V.k),), {}, (), {})  # integrality is a restriction
    with pytest.raises(ValueError, match="substituted symbol"):
        P.Region("bad", (), {M.F: M.alpha, M.alpha: M.beta}, (), {})


LIBRARY = [
    # (how to build it, key, rendered hypotheses, slacks with their signs), written out from the mathematics;
    # built inside the test (a process forked for mutation testing must build its own)
    (P.feasible_trade, "feasible_trade", ["G > 0"], {"g": "+"}),
    (P.free_entry, "free_entry(k=2)", ["G > 0", "n > n_min", "F > 0"], {"s": "+", "t": "+"}),
    (lambda: P.free_entry(M.k), "free_entry(k=k)", ["G > 0", "n > n_min(k)", "F > 0"], {"s": "+", "t": "+"}),
    (P.double_root, "double_root(k=2)", ["G > 0", "n = n_min"], {"g": "+"}),
    (lambda: P.double_root(4), "double_root(k=4)", ["G > 0", "n = 2*n_min"], {"g": "+"}),
    (P.no_fixed_cost, "F = 0 & feasible_trade", ["F = 0", "G > 0"], {"g": "+"}),
    (P.rates, "rates", ["m(omega) > 0", "D(omega) > 0", "W > omega"], {"mu": "+", "d": "+", "Delta": "+"}),
    (
        P.paper_sufficient,
        "rates & paper_condition",
        ["m(omega) > 0", "D(omega) > 0", "W > omega", "c*(W - omega) < m(omega)"],
        {"d": "+", "Delta": "+", "sigma": "+"},
    ),
    (P.at_least_two, "k >= 2", ["k >= 2", "k integer"], {"e": "0+"}),
    (lambda: P.others_at_most(MK.y), "y <= k - 1", ["k - 1 >= y"], {"f": "0+"}),
    (lambda: P.positive(M.F, "f"), "F > 0", ["F > 0"], {"f": "+"}),
    (lambda: P.equal(M.c_A), "c_A = 0", ["c_A = 0"], {}),
    (P.everywhere, "everywhere", [], {}),
]


@pytest.mark.parametrize(("build", "key", "hypotheses", "slacks"), LIBRARY, ids=[x[1] for x in LIBRARY])
def test_the_library_regions_state_what_they_parametrise(build, key, hypotheses, slacks):
    region = build()
    assert region.key == key and str(region) == f"{key}: " + ", ".join(hypotheses)
    assert list(region.assumptions) == hypotheses
    # slack names are part of the exported certificates (the checker of cluster_games.verify reads them)
    assert {s.name: "+" if s.is_positive else "0+" for s in region.slacks} == slacks
    assert all(isinstance(h, Relation) for h in region.conditions)
    # every library region inverts, also those prove uses only inside a composition
    assert isinstance(region.slacks, tuple) and set(region.inverse) == set(region.slacks)
    _assert_invertible(region, key)


def test_what_the_free_entry_slacks_stand_for():
    s, t = P.free_entry().slacks
    r = P.free_entry()
    assert sp.simplify(r.apply(M.discriminant()) - s**2) == 0
    assert sp.simplify(r.apply(M.margin(M.omega_star_expr())) - t / (2 * M.beta)) == 0
    assert sp.simplify(r.apply(M.demand(M.omega_star_expr())) - (s + t / 2)) == 0
    g = P.double_root().slacks[0]
    assert sp.simplify(P.double_root().apply(M.discriminant())) == 0
    assert sp.simplify(P.double_root().apply(M.G) - g) == 0


def test_regions_are_read_only():
    r = P.free_entry()
    with pytest.raises(TypeError):
        r.substitution[M.F] = 0
    with pytest.raises(TypeError):
        r.inverse[r.slacks[0]] = 0
    with pytest.raises(AttributeError):
        r.key = "other"
