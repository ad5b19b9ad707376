"""`cluster-games solve --k K [--delta D]` against pygambit and the closed forms of SPEC section 4.

The reference game is built here, independently of the package: the k-player strategic form
from SPEC 4.1's payoffs in exact rationals, solved by pygambit's enumeration of pure equilibria.
"""

from __future__ import annotations

import itertools
import json
from fractions import Fraction

import numpy as np
import pytest

from support import import_pygambit, run_cli


def _profit(r: Fraction, alpha, beta, c, c_A) -> Fraction:
    """M(r) = (r c - c_A)(alpha - beta (1 + r) c), SPEC section 4."""
    return (r * c - c_A) * (alpha - beta * (1 + r) * c)


def _pygambit_pure_Y_counts(k: int, n, F, seeing: Fraction, hiding: Fraction) -> list[int]:
    gbt = import_pygambit()  # the N-player reference
    game = gbt.Game.new_table([2] * k)  # strategy 0 = Y, 1 = N
    for profile in itertools.product(range(2), repeat=k):
        ys = profile.count(0)
        for i, player in enumerate(game.players):
            if ys:
                value = n * seeing / ys - F if profile[i] == 0 else -F
            else:
                value = n * hiding / k - F
            game[profile][player] = value
    counts = []
    for eq in gbt.nash.enumpure_solve(game).equilibria:
        counts.append(sum(1 for pl in game.players if eq[pl][next(iter(pl.strategies))] == 1))
    return sorted(counts)


def _draw(rng: np.random.Generator, k: int, regime: str) -> dict[str, float]:
    """A feasible game by construction: omega above cost recovery, W between omega and the demand's end.

    ``regime="near"``: W a little above omega (Y usually dominant); ``"monopoly"``: W near the
    monopoly rate K / (2 beta c), where M(W) is largest (all-N is usually an equilibrium too).
    """
    beta, c = 10 ** rng.uniform(-1, 1), 10 ** rng.uniform(-1, 1)
    c_A = c * 10 ** rng.uniform(-3, -1)
    alpha = beta * (c + c_A) * 10 ** rng.uniform(0.05, 1)
    n = float(10 ** rng.uniform(0, 3))
    omega = (c_A / c) * 10 ** rng.uniform(0.005, 0.1)  # above cost recovery
    top = (alpha / (beta * c) - 1) * 0.999  # demand at W stays positive
    if regime == "near":
        W = min(omega * (1 + 10 ** rng.uniform(-3, 0)), top)
    else:
        W = min((alpha - beta * c + beta * c_A) / (2 * beta * c) * 10 ** rng.uniform(-0.05, 0.05), top)
    return dict(n=n, F=float(rng.uniform(0.01, 5)), alpha=alpha, beta=beta, c=c, c_A=c_A, omega=omega, W=W)


def _argv(p: dict[str, float], k: int) -> list[str]:
    flags = {"n": "--n", "F": "--F", "alpha": "--alpha", "beta": "--beta", "c": "--c", "c_A": "--c-A"}
    flags |= {"omega": "--omega", "W": "--W"}
    return ["solve", *(x for key, f in flags.items() for x in (f, repr(p[key]))), "--k", str(k), "--json"]


@pytest.mark.parametrize("k", [2, 3, 5, 12])
@pytest.mark.parametrize("seed", range(2))
@pytest.mark.parametrize("regime", ["near", "monopoly"])
def test_solve_k_agrees_with_pygambit_and_the_closed_forms(k, seed, regime):
    rng = np.random.default_rng(100 * k + seed)
    p = _draw(rng, k, regime)
    if not p["W"] > p["omega"] * (1 + 1e-9):
        pytest.skip("the draw left no room for W > omega")  # reported, never silently passed
    code, out, err = run_cli([*_argv(p, k), "--delta", "0.9"])
    assert code == 0, err
    got = json.loads(out)
    n, F, alpha, beta, c, c_A, omega, W = (
        Fraction(p[x]) for x in ("n", "F", "alpha", "beta", "c", "c_A", "omega", "W")
    )
    seeing, hiding = _profit(omega, alpha, beta, c, c_A), _profit(W, alpha, beta, c, c_A)
    assert got["k"] == k
    assert got["pure_equilibria_Y"] == _pygambit_pure_Y_counts(k, n, F, seeing, hiding)
    # closed forms (SPEC 4.1, 4.2): all-Y always (M(omega) > 0 here), all-N iff M(W) >= k M(omega)
    assert got["pure_equilibria_Y"] == ([0, k] if hiding >= k * seeing else [k])
    strictly = "Y" if k * seeing > hiding else None
    assert got["strictly_dominant"]["A"] == strictly
    threshold = (k * seeing - hiding) / ((k - 1) * seeing)
    assert got["collusion_threshold"] == pytest.approx(float(threshold), rel=1e-12, abs=1e-300)
    assert got["collusion_sustainable"] == (Fraction(0.9) >= threshold)


def test_solve_k_2_is_the_paper_game():
    code, out, _ = run_cli(["solve", "--example", "--json"])
    two = json.loads(out)
    code2, out2, _ = run_cli(["solve", "--example", "--k", "2", "--json"])
    assert code == code2 == 0 and json.loads(out2) == two
    assert two["k"] == 2 and two["pure_equilibria_Y"] == [0, 2]  # R1: a coordination game at (omega*, W_m)


@pytest.mark.parametrize(
    ("argv", "fragment"),
    [
        (["--k", "1"], "--k"),
        (["--k", "2.5"], "--k"),
        (["--k", "2001"], "from 2 to 2000"),
        (["--delta", "1"], "delta"),
        (["--delta", "0"], "delta"),
        (["--delta", "nan"], "delta"),
        (["--k", "20000"], "--k"),
    ],
)
def test_bad_k_or_delta_is_exit_2_with_one_line(argv, fragment):
    code, out, err = run_cli(["solve", "--example", *argv])
    assert code == 2 and out == "" and err.count("\n") == 1 and fragment in err


def test_k_beyond_what_free_entry_supports_is_a_clear_refusal():
    code, out, err = run_cli(["solve", "--scenario", "chenghai", "--k", "16"])  # rho = 15.2
    assert out == ""
    assert code == 2 and "k = 16 companies (k > rho)" in err and err.count("\n") == 1
