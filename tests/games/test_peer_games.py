"""The peers' own test games (nashpy, QuantEcon, Gambit; tests/games/data/README.md).

For every game: the extreme equilibria equal the exact reference; every published fact
holds (exactly, or at the test's own tolerance where the test used one); nashpy's float
methods agree on the non-degenerate games they can solve; and the answer is the same
after shifting one player's payoffs by 1e9 or scaling them by 1e10 or 1e-10.
"""

from __future__ import annotations

import json
from fractions import Fraction
from pathlib import Path

import pytest

from cluster_games.games import BimatrixGame
from cluster_games.games.dominance import dominated_by
from cluster_games.games.equilibria import is_nash_equilibrium

from support import exact_domination_margin, needs_cdd

pytestmark = needs_cdd  # the package's complete, exact answer beyond 2x2 is pycddlib's vertex enumeration

GAMES = json.loads((Path(__file__).parent / "data" / "peer_games.json").read_text())
IDS = [g["id"] for g in GAMES]


def _game(entry) -> BimatrixGame:
    return BimatrixGame.from_arrays(entry["A"], entry["B"], title=entry["title"])


def _profiles(values) -> set:
    return {(tuple(Fraction(v) for v in x), tuple(Fraction(v) for v in y)) for x, y in values}


def _extreme(eq) -> set:
    return {(p.row, p.col) for p in eq.extreme}


def test_the_collection():
    assert len(GAMES) == 100 and len(set(IDS)) == 100
    sources = {g["id"].split("-")[0] for g in GAMES}
    assert sources == {"nashpy", "quantecon", "gambit"}
    assert sum(g["degenerate"] for g in GAMES) > 30  # degenerate games are most of the hard cases


@pytest.mark.parametrize("entry", GAMES, ids=IDS)
def test_extreme_equilibria_equal_the_exact_reference(entry):
    eq = _game(entry).equilibria()
    assert _extreme(eq) == _profiles(entry["reference_extreme_equilibria"])
    assert eq.complete and (eq.degenerate or len(eq.extreme) % 2 == 1)


def _facts(entry):
    return [f for f in [entry["published"], *entry.get("published_extra", [])] if f]


@pytest.mark.parametrize("entry", [g for g in GAMES if _facts(g)], ids=[g["id"] for g in GAMES if _facts(g)])
def test_every_published_fact_holds(entry):
    game = _game(entry)
    eq = game.equilibria()
    mine = _extreme(eq)
    checked = 0
    for fact in _facts(entry):
        kind, tol = fact["kind"], Fraction(str(fact.get("tol") or 0))
        if kind in ("equilibria", "one_equilibrium", "pure_equilibria"):
            for x, y in _profiles(fact["value"]):
                if (x, y) in mine or is_nash_equilibrium(game.A, game.B, x, y, tol=0):
                    checked += 1
                else:  # an approximate answer: an equilibrium at the test's own tolerance (regret or probability)
                    loose = max(tol, Fraction(str(fact.get("regret_tol") or 0)))
                    assert loose > 0 and is_nash_equilibrium(game.A, game.B, x, y, tol=float(loose) * 10), (
                        fact["test"]
                    )
                    checked += 1
            if kind == "pure_equilibria" and tol == 0:
                pure = {(x, y) for x, y in _profiles(fact["value"])}
                assert {(p.row, p.col) for p in eq.extreme if p.is_pure} == pure
        elif kind == "dominance":
            M = game.own_matrix(0)
            rows = list(range(len(M)))
            for item in fact["value"]:
                s = int(item["action"])
                others = [t for t in rows if t != s]
                margin = exact_domination_margin(M, s, others) if others else Fraction(-1)
                d = dominated_by(M, s, rows, list(range(len(M[0]))), [str(i) for i in rows])
                assert (d is not None and d.strict) == (margin > 0)  # ours: exact
                assert item["dominated"] == (margin > tol)  # theirs: with their tolerance
                checked += 1
    assert checked or all(
        f["kind"] not in ("equilibria", "one_equilibrium", "pure_equilibria", "dominance")
        for f in _facts(entry)
    )


SMALL_GENERIC = [g for g in GAMES if not g["degenerate"] and max(len(g["A"]), len(g["A"][0])) <= 6]


@pytest.mark.parametrize("entry", SMALL_GENERIC, ids=[g["id"] for g in SMALL_GENERIC])
def test_nashpy_agrees_on_the_non_degenerate_games(entry):
    game = _game(entry)
    exact = sorted(_extreme(game.equilibria()))
    floats = sorted(_extreme(game.equilibria(method="nashpy")))
    assert len(floats) == len(exact)
    for (x, y), (u, v) in zip(floats, exact, strict=True):
        assert max(abs(float(a) - float(b)) for a, b in zip(x + y, u + v, strict=True)) < 1e-9


@pytest.mark.parametrize("entry", GAMES, ids=IDS)
def test_invariant_to_shifts_and_scalings(entry):
    ref = _extreme(_game(entry).equilibria())
    ref_elim = _game(entry).eliminate()
    for a, b in ((1, 10**9), (10**10, 0), (Fraction(1, 10**10), 0)):
        for which in ("A", "B"):
            moved = dict(entry)
            moved[which] = [[str(a * Fraction(v) + b) for v in row] for row in entry[which]]
            game = _game(moved)
            assert _extreme(game.equilibria()) == ref, (which, a, b)
            got = game.eliminate()
            assert (got.row_indices, got.col_indices) == (ref_elim.row_indices, ref_elim.col_indices)
