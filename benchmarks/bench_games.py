"""Classification + equilibria of many games against QuantEcon and nashpy, and agreement with pygambit.

Speed: 10^5 random-box parameter sets, at the model's rates (omega*, W_m) and at drawn
rates, against QuantEcon's compiled ``support_enumeration`` (payoff arrays prebuilt, so
only the solver is timed) and nashpy's ``support_enumeration``, per game.

Agreement: >= 10^4 games, among them games *exactly* on the dominance boundary
2 M(omega) = M(W) and their 1-ulp neighbours, against a reference computed here and
independently of the package: exact rational payoffs from the model's formula, the
dominance class from their exact signs, and every extreme equilibrium from pygambit's
``enummixed_solve(rational=True)``. QuantEcon's float solver is run on the same games,
to show where float payoffs cannot decide.
"""

from __future__ import annotations

import math
import time
import warnings
from fractions import Fraction

import numpy as np

from cluster_games.kernels import _numba
from cluster_games.kernels import classify as K

from common import best_of, boundary_games, drawn_rates, random_box

# Extreme equilibria (P_A(Y), P_B(Y)) of each equilibrium kind; "p" marks the mixed one.
_EXTREME = {
    0: {(1, 1)},
    1: {(0, 0)},
    2: {(1, 1), (0, 0), "p"},
    3: {(1, 0), (0, 1), "p"},
    4: {(1, 1), (0, 0)},
    5: {(1, 1), (0, 1), (1, 0)},
    6: {(0, 0), (1, 0), (0, 1)},
    7: {(1, 1), (1, 0), (0, 1), (0, 0)},
}


def _kernel(cols, omega, W, engine):
    g = K.games(*cols, omega, W, engine=engine)
    return g, g.klass, g.equilibria


def _optional(module: str):
    try:
        return __import__(module, fromlist=["_"])
    except ImportError:
        return None


def bench_speed(quick: bool) -> dict:
    import nashpy

    qe = _optional("quantecon.game_theory")
    size = 10**5
    params = random_box(size, seed=7)
    omega, W = drawn_rates(params, seed=8)
    rows = []
    engines = ["numpy", "numba"] if _numba.available() else ["numpy"]
    for rates, (om, Wv) in (("model rates (omega*, W_m)", (None, None)), ("drawn rates", (omega, W))):
        for engine in engines:
            _kernel(params, om, Wv, engine)
            seconds = best_of(lambda o=om, w=Wv, e=engine: _kernel(params, o, w, e), 5)
            rows.append(dict(rates=rates, engine=engine, seconds=seconds, per_game_ns=seconds / size * 1e9))
    g = K.games(*params, omega, W)
    ok = np.flatnonzero(g.undefined == 0)[: 2000 if quick else 10_000]
    mats = [np.array([[g.YY[i], g.YN[i]], [g.NY[i], g.NN[i]]]) for i in ok]
    t_qe = t_qe_build = math.nan
    if qe is not None:  # (QuantEcon needs numba: absent without the fast extra)
        games = [qe.NormalFormGame((qe.Player(A), qe.Player(A.copy()))) for A in mats]
        qe.support_enumeration(games[0])  # compile
        t_qe = best_of(lambda: [qe.support_enumeration(G) for G in games], 3) / len(games)
        t_qe_build = best_of(
            lambda: [
                qe.support_enumeration(qe.NormalFormGame((qe.Player(A), qe.Player(A.copy())))) for A in mats
            ],
            1,
        ) / len(mats)
    sub = mats[: 300 if quick else 1000]
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # nashpy warns on degenerate games
        t_nash = best_of(lambda: [list(nashpy.Game(A, A.T).support_enumeration()) for A in sub], 1) / len(sub)
    best = min(r["per_game_ns"] for r in rows) * 1e-9
    return dict(
        games=size,
        rows=rows,
        quantecon_per_game_seconds=t_qe,
        quantecon_with_construction_per_game_seconds=t_qe_build,
        quantecon_games_timed=len(mats) if qe is not None else 0,
        nashpy_per_game_seconds=t_nash,
        nashpy_games_timed=len(sub),
        ratio_quantecon={f"{r['rates']}, {r['engine']}": t_qe / (r["per_game_ns"] * 1e-9) for r in rows},
        ratio_nashpy=t_nash / best,
    )


# ----------------------------------------------------------------------------- agreement
def _reference(n, F, alpha, beta, c, c_A, w, W):
    """Exact class label and extreme equilibria, from the model's formula and pygambit."""
    import pygambit as gbt

    n, F, alpha, beta, c, c_A, w, W = (Fraction(v) for v in (n, F, alpha, beta, c, c_A, w, W))

    def M(r):
        return (r * c - c_A) * (alpha - beta * (1 + r) * c)

    if W <= w or alpha - beta * (1 + W) * c < 0 or W * c - c_A < 0:
        return "undefined", None, None
    YY, YN, NY, NN = n / 2 * M(w) - F, n * M(w) - F, -F, n / 2 * M(W) - F
    a, b = YY - NY, YN - NN
    sa, sb = (a > 0) - (a < 0), (b > 0) - (b < 0)
    label = {
        (1, 1): "Y strictly dominant",
        (-1, -1): "N strictly dominant",
        (0, 0): "Y and N equivalent",
    }.get((sa, sb))
    if label is None:
        if sa >= 0 and sb >= 0:
            label = "Y weakly dominant"
        elif sa <= 0 and sb <= 0:
            label = "N weakly dominant"
        else:
            label = "no dominant strategy"
    # pygambit 16.7's enummixed_solve silently returns *no* equilibrium once a payoff reaches
    # 2**31 in magnitude (rational or float; found here). Scaling every payoff by one power of
    # two is exact and leaves the equilibria unchanged.
    top = max(abs(x) for x in (YY, YN, NY, NN))
    scale = Fraction(2) ** -(math.floor(math.log2(top))) if top else Fraction(1)
    YY_, YN_, NY_, NN_ = (x * scale for x in (YY, YN, NY, NN))
    game = gbt.Game.from_arrays([[YY_, YN_], [NY_, NN_]], [[YY_, NY_], [YN_, NN_]])
    eqs = gbt.nash.enummixed_solve(game, rational=True).equilibria
    (p1, y1), (p2, y2) = ((p, next(iter(p.strategies))) for p in game.players)  # y: strategy Y
    extreme = {(Fraction(str(eq[p1][y1])), Fraction(str(eq[p2][y2]))) for eq in eqs}
    return label, extreme, (YY, YN, NY, NN)


def _agrees(label, extreme, klass, kind, p) -> bool:
    if label == "undefined" or klass == -1:
        return label == "undefined" and klass == -1
    if K.CLASSES[klass] != label:
        return False
    expected = _EXTREME[kind]
    pure = {e for e in extreme if e[0] in (0, 1) and e[1] in (0, 1)}
    mixed = extreme - pure
    if pure != {e for e in expected if e != "p"}:
        return False
    if "p" not in expected:
        return not mixed and math.isnan(p)
    return len(mixed) == 1 and all(abs(float(x) - p) <= K.P_TOLERANCE + 2**-52 and x == y for x, y in mixed)


def _quantecon_extremes(payoffs) -> set:
    import quantecon.game_theory as qe

    A = np.array([[float(payoffs[0]), float(payoffs[1])], [float(payoffs[2]), float(payoffs[3])]])
    out = set()
    for x, y in qe.support_enumeration(qe.NormalFormGame((qe.Player(A), qe.Player(A.copy())))):
        out.add((round(float(x[0]), 9), round(float(y[0]), 9)))
    return out


def agreement_games(quick: bool) -> tuple[list[tuple[float, ...]], int, int]:
    """Exact boundary games, their 1-ulp neighbours (in omega, W and alpha), and random games."""
    base = boundary_games(60)
    games = []
    for g in base:
        games.append(g)
        for which in (2, 6, 7):
            for direction in (-math.inf, math.inf):
                h = list(g)
                h[which] = math.nextafter(h[which], direction)
                games.append(tuple(h))
    n_boundary = len(games)
    n_random = max(2000, 10_000 - n_boundary) if quick else max(5000, 12_000 - n_boundary)
    params = random_box(n_random, seed=9)
    omega, W = drawn_rates(params, seed=10)
    games += [tuple(float(v[i]) for v in (*params, omega, W)) for i in range(n_random)]
    return games, len(base), n_boundary


def bench_agreement(quick: bool) -> dict:
    qe = _optional("quantecon")
    games, n_exact, n_boundary = agreement_games(quick)
    cols = np.array(games).T
    t = time.perf_counter()
    g = K.games(*cols)
    kernel_seconds = time.perf_counter() - t
    klass, eq = g.klass, g.equilibria
    mismatches, qe_mismatches, on_boundary, labels = [], [0, 0], 0, set()
    t = time.perf_counter()
    for i, row in enumerate(games):
        label, extreme, payoffs = _reference(*row)
        labels.add(label)
        if not _agrees(label, extreme, int(klass[i]), int(eq.kind[i]), float(eq.p_mixed[i])):
            mismatches.append(i)
        if i < n_boundary and i % 7 == 0 and label == "Y weakly dominant":
            on_boundary += 1
        if qe and payoffs is not None and int(eq.kind[i]) < 5:  # support enumeration lists no continuum
            qe_ext = _quantecon_extremes(payoffs)
            ref = {(round(float(x), 9), round(float(y), 9)) for x, y in extreme}
            qe_mismatches[i >= n_boundary] += qe_ext != ref
    reference_seconds = time.perf_counter() - t
    return dict(
        games=len(games),
        exact_boundary_games=n_exact,
        boundary_and_neighbours=n_boundary,
        exact_boundary_points_weakly_dominant=on_boundary,
        random_games=len(games) - n_boundary,
        labels_seen=sorted(labels),
        mismatches=len(mismatches),
        first_mismatches=mismatches[:5],
        quantecon_float_mismatches=sum(qe_mismatches) if qe else None,
        quantecon_float_mismatches_random=qe_mismatches[1] if qe else None,
        kernel_seconds=kernel_seconds,
        reference_seconds=reference_seconds,
    )
