"""The atlas against independent truth (issue 20, item 7) and against mathematics stated here.

For every textbook game: at each region's witness and at seeded random rational points (small
grids, so ties and boundaries are hit), the atlas's closed forms must give exactly the extreme
equilibria, Nash subsets, degeneracy, dominant strategies and survivors that cluster_games.games
computes for the numeric game there, and pygambit's exact enummixed where it is installed. The
*printed* conditions are checked too: parsed back with the grammar, those of the point's region
hold there and every other region's fail, so the printed regions cover the domain and are disjoint.
"""

from __future__ import annotations

import json
import random
from fractions import Fraction

import pytest
import sympy as sp

from cluster_games.errors import DomainError
from cluster_games.parametric import ParametricGame
from cluster_games.parametric.examples import TEXTBOOK
from cluster_games.parametric.grammar import parse_relation
from cluster_games.parametric.witness import is_rational, poly_sign

_ATLASES: dict[str, object] = {}


def atlas_of(name: str):
    if name not in _ATLASES:
        _ATLASES[name] = TEXTBOOK[name]().atlas()
    return _ATLASES[name]


def _holds(text: str, game: ParametricGame, coords) -> bool:
    names = dict(zip(game.parameters, game.symbols, strict=True))
    ring = game.ring()
    for r in parse_relation(text.replace(" = ", " == "), names):
        num, den = ring.fraction(r.expr)
        if not r.holds(ring.evaluate(num, coords) / ring.evaluate(den, coords)):
            return False
    return True


def _points(game: ParametricGame, count: int, seed: int):
    rng = random.Random(seed)
    out, tries = [], 0
    while len(out) < count and tries < 20 * count:
        tries += 1
        values = [Fraction(rng.randint(-8, 8), rng.choice([1, 1, 2, 3])) for _ in game.parameters]
        try:
            out.append(game.point(values))
        except DomainError:
            continue
    return out


def _check_point(atlas, coords, gambit: bool) -> None:
    game = atlas.game
    answer = atlas.at(coords)
    numeric = game.at(coords)
    truth = numeric.equilibria()
    got = sorted(p.as_text() for p in answer.equilibria.extreme)
    assert got == sorted(p.as_text() for p in truth.extreme), (coords, answer.region)
    assert answer.equilibria.degenerate == truth.degenerate
    assert sorted(map(str, answer.equilibria.subsets)) == sorted(map(str, truth.subsets))
    region = answer.region
    assert region is not None
    row, col = numeric.dominance()
    assert region.strictly_dominant == (row.strictly_dominant, col.strictly_dominant)
    assert region.weakly_dominant == (row.weakly_dominant, col.weakly_dominant)
    elimination = numeric.eliminate()
    assert region.survivors == (elimination.row_strategies, elimination.col_strategies)
    # the printed conditions: this region's hold, every other region's fail
    for other in atlas.regions:
        holds = all(_holds(c, game, coords) for c in other.conditions_text)
        assert holds == (other.id == region.id), (coords, other.id, other.conditions_text)
    if gambit:
        from support import gambit_extreme_equilibria

        reference = gambit_extreme_equilibria(numeric.A, numeric.B)
        assert {(tuple(p.row), tuple(p.col)) for p in answer.equilibria.extreme} == reference


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_closed_forms_equal_the_exact_equilibria_everywhere(name):
    atlas = atlas_of(name)
    assert atlas.complete  # every sign condition decided
    points = [tuple(r.witness.values()) for r in atlas.regions if is_rational(tuple(r.witness.values()))]
    assert len(points) == len(atlas.regions)  # textbook games have rational points in every region
    points += _points(atlas.game, 60, seed=sum(map(ord, name)))
    for coords in points:
        _check_point(atlas, coords, gambit=False)


@pytest.mark.parametrize("name", sorted(TEXTBOOK))
def test_closed_forms_equal_pygambit_at_each_witness(name):
    pytest.importorskip(
        "pygambit", reason="pygambit (extra 'peers', a C++ build) is the independent reference"
    )
    atlas = atlas_of(name)
    for r in atlas.regions:
        _check_point(atlas, tuple(r.witness.values()), gambit=True)


def test_hawk_dove_by_hand():
    # Against H the best reply is H iff (V - C)/2 > 0, against D it is H (V > V/2): so H strictly
    # dominates iff V > C; for V < C the mixed equilibrium makes the opponent indifferent:
    # p (V - C)/2 + (1 - p) V = (1 - p) V/2  <=>  p = V/C; at V = C, H is weakly dominant and the
    # equilibria are the segments H x conv{H, D} and conv{H, D} x H.
    atlas = atlas_of("hawk_dove")
    by_condition = {tuple(r.conditions_text): r for r in atlas.regions}
    assert set(by_condition) == {("V > C",), ("V < C",), ("V == C",)}
    V, C = atlas.game.symbols
    mixed = by_condition[("V < C",)]
    assert (V / C, (C - V) / C) in mixed.x_strategies
    assert by_condition[("V > C",)].strictly_dominant == ("H", "H")
    boundary = by_condition[("V == C",)]
    assert boundary.dimension == 1 and boundary.dimension_certified and boundary.weakly_dominant == ("H", "H")
    assert not boundary.finite and len(boundary.subsets) == 2


def test_matching_pennies_by_hand():
    # Column mixes to make the row player indifferent: q x - (1 - q) = -q + (1 - q) <=> q = 2/(x + 3);
    # row mixes 1/2 (column's payoffs do not involve x). For x < -1, T strictly dominates H for the row
    # player; x = -1 makes T weakly dominant.
    atlas = atlas_of("matching_pennies")
    (x,) = atlas.game.symbols
    interior = next(r for r in atlas.regions if r.conditions_text == ["x + 1 > 0"])
    assert interior.x_strategies == ((sp.Rational(1, 2), sp.Rational(1, 2)),)
    assert sp.simplify(interior.y_strategies[0][0] - 2 / (x + 3)) == 0
    low = next(r for r in atlas.regions if r.conditions_text == ["x + 1 < 0"])
    assert low.strictly_dominant == ("T", None) and low.equilibria_text == ["(T, H)"]


def test_entry_game_is_a_continuum_for_every_parameter_value():
    # Out against anything gives 0, so any fight probability y with 0 >= -f y + a (1 - y), i.e.
    # y >= a/(a + f), keeps the entrant out: a segment of equilibria for every a, f > 0.
    atlas = atlas_of("entry_game")
    (region,) = atlas.regions
    a, f = atlas.game.symbols
    assert not region.finite and region.dimension == 2
    assert any(sp.simplify(y[0] - a / (a + f)) == 0 for y in region.y_strategies)


def test_mixed_dominance_region_is_where_a_mixture_dominates():
    # M (x, x) is strictly dominated by T/2 + B/2 (3/2, 3/2) iff x < 3/2; by no pure strategy.
    atlas = atlas_of("mixed_dominance")
    below = atlas.region_of({"x": 1})
    above = atlas.region_of({"x": 2})
    assert "M" not in below.survivors[0] and "M" in above.survivors[0]
    assert atlas.region_of({"x": "3/2"}).dimension == 0


def test_to_json_has_the_keys_of_the_contract():
    data = json.loads(atlas_of("hawk_dove").to_json())
    assert data["parameters"] == ["V", "C"] and data["assumptions"] == ["V > 0", "C > 0"]
    for r in data["regions"]:
        assert {"id", "conditions", "dimension", "witness", "extreme_equilibria"} <= set(r)
        assert isinstance(r["id"], int) and isinstance(r["dimension"], int)
    mixed = next(r for r in data["regions"] if r["conditions"] == ["V < C"])
    assert ["V/C", "(C - V)/C"] in [x for x, _ in mixed["extreme_equilibria"]]


def test_markdown_rendering_is_a_latex_table():
    text = atlas_of("hawk_dove")._repr_markdown_()
    assert "| region |" in text and r"\frac{V}{C}" in text


def test_contradictory_assumptions_and_division_by_zero_are_refused():
    with pytest.raises(DomainError, match="contradictory"):
        ParametricGame([[0]], [[0]], parameters=["a"], assumptions=["a > 1", "a < 0"]).atlas()
    with pytest.raises(DomainError, match="contradictory"):
        ParametricGame([[0]], [[0]], parameters=["a"], assumptions=["a^2 + 1 == 0"]).atlas()
    with pytest.raises(DomainError, match=r"division by zero on the domain: .* = 0 at a=1"):
        ParametricGame([["1/(a - 1)"]], [[0]], parameters=["a"], assumptions=["a > 0"]).atlas()
    # the same payoff is fine where the domain excludes the pole
    atlas = ParametricGame([["1/(a - 1)", 0]], [[0, 0]], parameters=["a"], assumptions=["a > 1"]).atlas()
    assert atlas.complete


def test_a_region_without_rational_points_gets_an_exact_algebraic_witness():
    # the row player's payoff difference x^2 - 2 vanishes only at x = +-sqrt(2)
    game = ParametricGame([["x^2 - 2", 0], [0, 0]], [[0, 0], [0, 0]], parameters=["x"])
    atlas = game.atlas()
    boundary = [r for r in atlas.regions if r.dimension == 0]
    assert len(boundary) == 1  # the two points +-sqrt(2) have one structure
    (value,) = boundary[0].witness.values()
    assert not isinstance(value, Fraction) and abs(float(value) ** 2 - 2) < 1e-12
    ring = game.ring()
    x = game.symbols[0]
    assert poly_sign(ring.poly(x**2 - 2), (value,)) == 0  # re-checked exactly, without the solver
    assert atlas.at({"x": "7/5"}).region.dimension == 1


def test_an_undecided_query_is_kept_not_dropped(monkeypatch):
    from cluster_games.parametric import solver as solver_module

    original = solver_module.SignSolver.check
    game = TEXTBOOK["hawk_dove"]()
    V, C = game.symbols

    def flaky(self, constraints, extra=()):
        # pretend the solver runs out of time on any query that admits V < C (the domain's first
        # witness, V = C = 1, decides V = C without a query)
        if any(op in ("<", "<=", "!=") and sp.expand(p.as_expr() - (V - C)) == 0 for p, op in constraints):
            return solver_module.Verdict("unknown", reason="timeout")
        return original(self, constraints, extra)

    monkeypatch.setattr(solver_module.SignSolver, "check", flaky)
    atlas = game.atlas()
    assert not atlas.complete
    assert [c.text for u in atlas.undecided for c in u.conditions] == ["V < C"]
    answer = atlas.at({"V": 1, "C": 2})  # in the undecided part: solved directly at the point
    assert answer.region is None and len(answer.equilibria.extreme) == 3
    assert json.loads(atlas.to_json())["undecided"] == [{"conditions": ["V < C"], "reason": "timeout"}]
    assert atlas.at({"V": 2, "C": 1}).region is not None
