"""The paper's game on the atlas (issue 20, item 4): section 1.1's exact dominance region, finding R2's
boundary, the free-entry case F = 0, and agreement with the existing certificates.

Equivalences of regions are decided by z3 (both inclusions unsat on the domain), with the regions'
*printed* conditions parsed back by the grammar, and checked again at exact random points.
"""

from __future__ import annotations

import random
from fractions import Fraction

import pytest
import sympy as sp
import z3

from cluster_games import model as M
from cluster_games.parametric import ParametricGame
from cluster_games.parametric.build import domain_constraints
from cluster_games.parametric.grammar import parse_relation
from cluster_games.parametric.solver import SignSolver
from cluster_games.proofs.parametrisations import paper_sufficient
from cluster_games.proofs.regions import dominance_conditions

_CACHE: dict = {}


def paper():
    if "atlas" not in _CACHE:
        _CACHE["game"] = M.paper_game()
        _CACHE["atlas"] = _CACHE["game"].atlas()
    return _CACHE["game"], _CACHE["atlas"]


class Decider:
    """z3 formulas over the game's parameters, from printed conditions or model relations."""

    def __init__(self, game: ParametricGame) -> None:
        self.game = game
        self.ring = game.ring()
        self.names = dict(zip(game.parameters, game.symbols, strict=True))
        domain, _, _ = domain_constraints(game)
        self.solver = SignSolver(game.d, domain, timeout=60)

    def relation(self, expr: sp.Expr, op: str):
        num, den = self.ring.fraction(expr.xreplace({s: self.names[s.name] for s in expr.free_symbols}))
        return z3.And(self.solver.constraint((num * den, op)), self.solver.constraint((den, "!=")))

    def printed(self, text: str):
        return z3.And([self.relation(r.expr, r.op) for r in parse_relation(text, self.names)])

    def region(self, region):
        return (
            z3.And([self.printed(c) for c in region.conditions_text])
            if region.conditions
            else z3.BoolVal(True)
        )

    def union(self, regions):
        return z3.Or([self.region(r) for r in regions]) if regions else z3.BoolVal(False)

    def equivalent(self, a, b) -> bool:
        """a <=> b on the domain: both a & not b and b & not a are unsat."""
        return all(self.solver.check([], [x, z3.Not(y)]).status == "unsat" for x, y in ((a, b), (b, a)))


def M_of(rate):
    return M.category_profit(rate)


def test_the_atlas_is_complete_and_fast_enough_to_be_routine():
    _, atlas = paper()
    assert atlas.complete
    assert len(atlas.regions) >= 9


def test_y_strictly_dominant_exactly_on_section_1_1s_region():
    # Section 1.1: Y strictly dominates N iff m(w)D(w) > 0 and 2 m(w)D(w) > m(W)D(W); the
    # conditions come from the existing certified derivation (proofs.regions), not from the atlas.
    game, atlas = paper()
    decide = Decider(game)
    cond = dominance_conditions()
    section = z3.And(decide.relation(cond.against_Y.lhs, ">"), decide.relation(cond.against_N.lhs, ">"))
    dominant = [r for r in atlas.regions if r.strictly_dominant == ("Y", "Y")]
    assert dominant and all(r.equilibria_text == ["(Y, Y)"] and r.dimension == 8 for r in dominant)
    assert decide.equivalent(decide.union(dominant), section)
    # and nowhere else is Y even strictly dominant for one player only
    assert all(r.strictly_dominant[0] != "Y" for r in atlas.regions if r not in dominant)


def test_the_papers_sufficient_condition_lies_inside_the_exact_region():
    # Certified in proofs.regions.sufficient_implies_exact; here the atlas must agree: the paper's
    # hypotheses (feasible trade at omega, W > omega, (W - omega) c < omega c - c_A) imply Y strictly dominant.
    game, atlas = paper()
    decide = Decider(game)
    from cluster_games.proofs.formulas import relational

    strict = {sp.StrictGreaterThan: 1, sp.StrictLessThan: -1}
    relations = [relational(h) for h in paper_sufficient().hypotheses]  # the certified region's own relations
    hypotheses = z3.And([decide.relation(strict[type(r)] * (r.lhs - r.rhs), ">") for r in relations])
    dominant = decide.union([r for r in atlas.regions if r.strictly_dominant == ("Y", "Y")])
    assert decide.solver.check([], [hypotheses, z3.Not(dominant)]).status == "unsat"


def test_r2_boundary_y_weakly_dominant_and_exactly_two_isolated_equilibria():
    # Finding R2: on 2 m(w)D(w) = m(W)D(W) with m(w)D(w) > 0 the game is degenerate, Y only weakly
    # dominant, and the equilibria are exactly (Y, Y) and (N, N), both isolated.
    game, atlas = paper()
    decide = Decider(game)
    w, W = M.omega, M.W
    boundary = z3.And(decide.relation(2 * M_of(w) - M_of(W), "=="), decide.relation(M_of(w), ">"))
    r2 = [
        r
        for r in atlas.regions
        if r.weakly_dominant == ("Y", "Y")
        and r.strictly_dominant == (None, None)
        and r.finite
        and sorted(r.equilibria_text) == ["(N, N)", "(Y, Y)"]
    ]
    assert r2 and all(r.degenerate and r.dimension == 7 and r.dimension_certified for r in r2)
    assert decide.equivalent(decide.union(r2), boundary)


def test_no_fixed_cost_at_free_entry_n_weakly_dominant_and_two_equilibria():
    # F = 0: omega* = c_A/c exactly, so m(omega*) = 0 and pi_YY = pi_YN = pi_NY = 0, pi_NN = n M(W)/2.
    # With a market at W (D(W) >= 0, m(W) >= 0): where M(W) > 0, N is weakly dominant and the
    # equilibria are exactly (Y, Y) and (N, N); where M(W) = 0 every payoff is 0 and every profile
    # is an equilibrium. The substitution is exact (a rational function): no float reaches a tie.
    A = M.payoff_matrix_A().subs({M.F: 0, M.omega: M.c_A / M.c})
    names = ["n", "alpha", "beta", "c", "c_A", "W"]
    game = ParametricGame(
        A.tolist(),
        A.T.tolist(),
        parameters=names,
        assumptions=[
            "n > 0",
            "alpha > 0",
            "beta > 0",
            "c > 0",
            "c_A >= 0",
            "c*W > c_A",
            sp.GreaterThan(M.demand(M.W), 0),
        ],
        rows="YN",
        cols="YN",
    )
    atlas = game.atlas()
    decide = Decider(game)
    positive = [r for r in atlas.regions if r.weakly_dominant == ("N", "N")]
    assert positive and all(sorted(r.equilibria_text) == ["(N, N)", "(Y, Y)"] and r.finite for r in positive)
    assert decide.equivalent(decide.union(positive), decide.relation(M_of(M.W), ">"))
    rest = [r for r in atlas.regions if r not in positive]
    assert all(not r.finite and len(r.subsets) == 1 for r in rest)  # the whole square of profiles
    assert decide.equivalent(decide.union(rest), decide.relation(M_of(M.W), "=="))


def test_the_dominance_map_point_and_the_atlas_agree_at_random_exact_points():
    game, atlas = paper()
    rng = random.Random(20)
    cond = dominance_conditions()
    names = dict(zip(game.parameters, game.symbols, strict=True))
    checked = 0
    while checked < 200:
        values = {p: Fraction(rng.randint(0, 40), rng.choice([1, 2, 4, 8])) for p in game.parameters}
        values["W"] = values["omega"] + Fraction(rng.randint(0, 20), 4)
        try:
            region = atlas.region_of(values)
        except ValueError:
            continue
        checked += 1
        subs = {names[p].name: sp.Rational(v.numerator, v.denominator) for p, v in values.items()}
        y_dominant = all(
            bool(rel.lhs.subs({s: subs[s.name] for s in rel.lhs.free_symbols}) > 0)
            for rel in (cond.against_Y, cond.against_N)
        )
        assert (region.strictly_dominant == ("Y", "Y")) == y_dominant, values


@pytest.mark.parametrize("market", [False, True])
def test_paper_game_domain(market):
    game = M.paper_game(market=market)
    assert game.parameters == ("n", "F", "alpha", "beta", "c", "c_A", "omega", "W")
    section_1 = ["n > 0", "F >= 0", "alpha > 0", "beta > 0", "c > 0", "c_A >= 0", "omega > 0", "W > omega"]
    extra = ["alpha - beta*c*(W + 1) >= 0", "W*c - c_A >= 0"] if market else []
    # "W > 0" comes from the model's symbol W (positive=True); W > omega > 0 implies it
    assert game.assumption_texts == [*section_1, *extra, "W > 0"]
