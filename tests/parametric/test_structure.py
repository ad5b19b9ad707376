"""The structure engine against cluster_games.games: at exact points, the signs of the critical factors
must give the same equilibria, degeneracy, dominant strategies and survivors as the numeric game there.

The numeric game's answers come from independent algorithms (exact 2x2 analysis, vertex enumeration
with cddlib, certified LPs for mixed dominance); the structure engine only ever sees factor signs.
Points on small integer grids hit ties (degenerate games) often, which is where errors hide.
"""

from __future__ import annotations

from fractions import Fraction

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cluster_games.games.equilibria import assemble
from cluster_games.parametric import ParametricGame
from cluster_games.parametric.structure import structure
from cluster_games.parametric.systems import CriticalSet

ENTRIES = ["a", "b", "a - b", "a*b", "1 - a", "b^2 - 1", "0", "1", "-1", "2", "(a + 1)/2"]


def _compare(game: ParametricGame, point: dict) -> None:
    coords = game.point(point)
    critical = CriticalSet(game.A, game.B, game.ring())
    signs = {f.index: f.sign_at(coords) for f in critical.factors}
    s = structure(critical, signs)
    ring = game.ring()

    def value(f) -> Fraction:
        return ring.evaluate(f.numer, coords) / ring.evaluate(f.denom, coords)

    xs = [tuple(value(f) for f in v.system.closed_form) for v in s.x_vertices]
    ys = [tuple(value(f) for f in v.system.closed_form) for v in s.y_vertices]
    mine = assemble(xs, ys, list(s.equilibria), game.rows, game.cols, degenerate=s.degenerate, method="signs")
    numeric = game.at(point)
    truth = numeric.equilibria()
    assert sorted(p.as_text() for p in mine.extreme) == sorted(p.as_text() for p in truth.extreme), point
    assert mine.degenerate == truth.degenerate
    assert len(mine.subsets) == len(truth.subsets)
    row, col = numeric.dominance()
    rl, cl = game.rows, game.cols
    assert s.strictly_dominant == (
        None if row.strictly_dominant is None else rl.index(row.strictly_dominant),
        None if col.strictly_dominant is None else cl.index(col.strictly_dominant),
    )
    assert s.weakly_dominant == (
        None if row.weakly_dominant is None else rl.index(row.weakly_dominant),
        None if col.weakly_dominant is None else cl.index(col.weakly_dominant),
    )
    elimination = numeric.eliminate()
    assert s.survivors == (elimination.row_indices, elimination.col_indices)


@st.composite
def games_and_points(draw):
    m, n = draw(st.integers(1, 3)), draw(st.integers(1, 3))
    A = [[draw(st.sampled_from(ENTRIES)) for _ in range(n)] for _ in range(m)]
    B = [[draw(st.sampled_from(ENTRIES)) for _ in range(n)] for _ in range(m)]
    game = ParametricGame(A, B, parameters=["a", "b"])
    point = {
        "a": Fraction(draw(st.integers(-3, 3)), draw(st.sampled_from([1, 1, 2]))),
        "b": Fraction(draw(st.integers(-3, 3)), draw(st.sampled_from([1, 1, 3]))),
    }
    return game, point


@settings(max_examples=150, deadline=None)
@given(games_and_points())
def test_structure_from_signs_equals_the_numeric_game(case):
    game, point = case
    _compare(game, point)


@pytest.mark.parametrize("a", [Fraction(k, 2) for k in range(-6, 7)])
def test_rock_paper_scissors_at_every_sign_of_its_factors(a):
    # generalised RPS: win a, lose 1; the factors a, a - 1, a + 1, a^2 + a + 1, 2a + 1, a + 2 all change sign on this grid
    A = [[0, -1, "a"], ["a", 0, -1], [-1, "a", 0]]
    B = [[0, "a", -1], [-1, 0, "a"], ["a", -1, 0]]
    _compare(ParametricGame(A, B, parameters=["a"]), {"a": a})
