"""The model-free games layer against nashpy, QuantEcon and pygambit, side by side.

* all equilibria of a 2x2 game and of 6x6 games (generic and degenerate);
* iterated elimination of strictly dominated strategies in a 6x6 game that takes several rounds
  (QuantEcon and pygambit eliminate one round per call; the loop around them is timed too);
* random 10x10 games, generic and degenerate: all equilibria and their components, the time,
  and agreement with pygambit's exact enummixed; the 5x5 identity game's 31 equilibria.

Timings are per call, the best of several repetitions; every peer gets the same payoffs.
"""

from __future__ import annotations

import math
import time
import warnings
from fractions import Fraction

import numpy as np

from cluster_games.games import BimatrixGame

from common import best_of


def _per_call(fn, budget: float = 0.3) -> float:
    """Seconds per call: calls repeated for about ``budget`` seconds, best of three such runs."""
    t = time.perf_counter()
    fn()
    once = max(time.perf_counter() - t, 1e-7)
    reps = max(1, min(2000, int(budget / once)))
    return best_of(lambda: [fn() for _ in range(reps)], 3) / reps


def _gambit(A, B):
    import pygambit as gbt

    A = [[Fraction(v) for v in r] for r in A]
    B = [[Fraction(v) for v in r] for r in B]
    top = max(abs(v) for r in A + B for v in r) or 1
    scale = Fraction(2) ** -math.floor(math.log2(top))  # pygambit 16.7: no equilibria from 2**31 on
    return gbt.Game.from_arrays([[v * scale for v in r] for r in A], [[v * scale for v in r] for r in B])


def _gambit_extreme(game) -> set:
    import pygambit as gbt

    p1, p2 = game.players
    return {
        (
            tuple(Fraction(str(e[p1][s])) for s in p1.strategies),
            tuple(Fraction(str(e[p2][s])) for s in p2.strategies),
        )
        for e in gbt.nash.enummixed_solve(game, rational=True).equilibria
    }


def _peers_all_equilibria(A, B) -> dict[str, float]:
    """Per-call seconds of each peer's 'all equilibria' method on (A, B)."""
    out: dict[str, float] = {}
    import nashpy

    Af, Bf = np.asarray(A, dtype=float), np.asarray(B, dtype=float)
    g = nashpy.Game(Af, Bf)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out["nashpy support enumeration"] = _per_call(lambda: list(g.support_enumeration()))
        out["nashpy vertex enumeration"] = _per_call(lambda: list(g.vertex_enumeration()))
    try:
        import quantecon.game_theory as qe

        G = qe.NormalFormGame((qe.Player(Af), qe.Player(Bf.T)))
        qe.support_enumeration(G)
        qe.vertex_enumeration(G)
        out["QuantEcon support enumeration"] = _per_call(lambda: qe.support_enumeration(G))
        out["QuantEcon vertex enumeration"] = _per_call(lambda: qe.vertex_enumeration(G))
    except ImportError:
        pass
    try:
        import pygambit as gbt

        game = _gambit(A, B)
        out["pygambit enummixed (rational)"] = _per_call(
            lambda: gbt.nash.enummixed_solve(game, rational=True)
        )
    except ImportError:
        pass
    return out


def _ours(A, B) -> float:
    return _per_call(lambda: BimatrixGame.from_arrays(A, B).equilibria())


def bench_equilibria(quick: bool) -> dict:
    rng = np.random.default_rng(11)
    games = {
        "2x2 battle of the sexes": ([[2, 0], [0, 1]], [[1, 0], [0, 2]]),
        "6x6 generic": (rng.integers(0, 1000, (6, 6)).tolist(), rng.integers(0, 1000, (6, 6)).tolist()),
        "6x6 degenerate": (rng.integers(0, 3, (6, 6)).tolist(), rng.integers(0, 3, (6, 6)).tolist()),
    }
    rows = []
    for name, (A, B) in games.items():
        eq = BimatrixGame.from_arrays(A, B).equilibria()
        rows.append(
            dict(
                game=name,
                ours=_ours(A, B),
                method=eq.method,
                equilibria=len(eq.extreme),
                peers=_peers_all_equilibria(A, B),
            )
        )
    return dict(rows=rows)


def _elimination_game(rng) -> tuple[list, list]:
    """A 6x6 game whose elimination takes at least three rounds (found by a seeded search)."""
    while True:
        A, B = rng.integers(0, 10, (6, 6)), rng.integers(0, 10, (6, 6))
        r = BimatrixGame.from_arrays(A, B).eliminate()
        if r.rounds >= 3 and len(r.steps) >= 6:
            return A.tolist(), B.tolist()


def bench_elimination(quick: bool) -> dict:
    A, B = _elimination_game(np.random.default_rng(5))
    game = BimatrixGame.from_arrays(A, B)
    result = game.eliminate()
    out = {"ours (mixed dominators, exact)": _per_call(lambda: BimatrixGame.from_arrays(A, B).eliminate())}
    out["ours (pure dominators)"] = _per_call(lambda: BimatrixGame.from_arrays(A, B).eliminate(mixed=False))
    try:
        import quantecon.game_theory as qe

        def quantecon_iesds():
            rows, cols = list(range(6)), list(range(6))
            while True:
                G = qe.NormalFormGame(
                    (
                        qe.Player(np.array(A, float)[np.ix_(rows, cols)]),
                        qe.Player(np.array(B, float)[np.ix_(rows, cols)].T),
                    )
                )
                dr, dc = G.players[0].dominated_actions(), G.players[1].dominated_actions()
                if not dr and not dc:
                    return rows, cols
                rows = [r for i, r in enumerate(rows) if i not in dr]
                cols = [c for j, c in enumerate(cols) if j not in dc]

        qe_rows, qe_cols = quantecon_iesds()
        out["QuantEcon dominated_actions, iterated (LP, float)"] = _per_call(quantecon_iesds)
    except ImportError:
        qe_rows = qe_cols = None
    try:
        import pygambit as gbt

        g = _gambit(A, B)

        def gambit_iesds():
            support = g.strategy_support_profile()
            while True:
                nxt = gbt.supports.undominated_strategies_solve(support, strict=True)
                if len(list(nxt)) == len(list(support)):
                    return nxt
                support = nxt

        out["pygambit undominated_strategies_solve, iterated (pure dominators)"] = _per_call(gambit_iesds)
    except ImportError:
        pass
    return dict(
        rounds=result.rounds,
        eliminated=len(result.steps),
        surviving=[list(result.row_indices), list(result.col_indices)],
        quantecon_surviving=[qe_rows, qe_cols],
        seconds=out,
    )


def bench_large(quick: bool) -> dict:
    rng = np.random.default_rng(2026)
    rows = []
    cases = [("5x5 identity", np.eye(5, dtype=int), np.eye(5, dtype=int))]
    for k in range(1 if quick else 2):
        cases.append(
            (f"10x10 generic #{k + 1}", rng.integers(0, 10**6, (10, 10)), rng.integers(0, 10**6, (10, 10)))
        )
        cases.append(
            (f"10x10 degenerate #{k + 1}", rng.integers(0, 3, (10, 10)), rng.integers(0, 3, (10, 10)))
        )
    for name, A, B in cases:
        t = time.perf_counter()
        eq = BimatrixGame.from_arrays(A, B).equilibria()
        ours = time.perf_counter() - t
        row = dict(
            game=name,
            seconds=ours,
            extreme=len(eq.extreme),
            subsets=len(eq.subsets),
            components=len(eq.components),
            degenerate=eq.degenerate,
        )
        try:
            game = _gambit(A.tolist(), B.tolist())
            t = time.perf_counter()
            ref = _gambit_extreme(game)
            row["pygambit_seconds"] = time.perf_counter() - t
            row["agrees_with_pygambit"] = ref == {(p.row, p.col) for p in eq.extreme}
        except ImportError:
            row["agrees_with_pygambit"] = None
        rows.append(row)
    return dict(rows=rows)
