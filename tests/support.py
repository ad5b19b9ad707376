"""Shared test helpers: feasible-parameter strategies and high-precision references.

The references are computed from the *symbolic model* (the coefficients of
pi_YY as a polynomial in omega, taken from ``cluster_games.model``) with mpmath,
independently of the closed forms used by the numeric code.
"""

from __future__ import annotations

import contextlib
import importlib.util
import io
import math
import os
from fractions import Fraction
from functools import cache

import mpmath
import pytest
import sympy as sp
from hypothesis import strategies as st

from cluster_games import model as M
from cluster_games.games import vertex_enumeration

# The compiled peers (extra ``peers``: pycddlib builds against GMP, pygambit compiles C++) are not in
# the wheels-only extra ``test``; a test that needs one says so and skips, with this reason, without it.
PEERS_REASON = "not installed (extra 'peers', compiled; `pip install -e '.[peers]'`, README)"
#: pygambit, the independent exact reference (enummixed, enumpure, enumpoly, its .nfg reader).
needs_pygambit = pytest.mark.skipif(
    importlib.util.find_spec("pygambit") is None, reason=f"pygambit, this test's reference, is {PEERS_REASON}"
)
#: pycddlib, the exact vertex enumeration (all equilibria beyond 2x2; without it the package uses nashpy).
needs_cdd = pytest.mark.skipif(
    not vertex_enumeration.available(),
    reason=f"pycddlib, the exact vertex enumeration this test checks, is {PEERS_REASON}",
)


def import_pygambit():
    """``pygambit``, or a skip with the reason (for a test that needs it inside its body)."""
    return pytest.importorskip("pygambit", reason=f"pygambit, this test's reference, is {PEERS_REASON}")


def examples(n: int) -> int:
    """Hypothesis examples for a test: ``n``, or ``n // 6`` (at least 20) under mutation testing.

    mutmut reruns a kernel test for every mutant of the kernel; a mutant these tests kill fails
    within its first examples, so the lighter run changes which mutants survive only towards
    more survivors: the mutation score it reports is a conservative one.
    """
    return max(20, n // 6) if os.environ.get("MUTANT_UNDER_TEST") else n


def log_uniform(lo: float, hi: float) -> st.SearchStrategy[float]:
    """Floats spread evenly in log10 between lo and hi (both > 0)."""
    return st.floats(math.log10(lo), math.log10(hi)).map(lambda e: 10.0**e)


@st.composite
def feasible_parameters(draw, *, n_max: float = 1e15, allow_zero_F: bool = True, allow_zero_cA: bool = True):
    """Feasible (n, F, alpha, beta, c, c_A), built so that G > 0 and n > n_min hold.

    Construction (no rejection): draw beta, c, c_A, then the cost-recovery demand
    G > 0 and set alpha = beta (c + c_A) + G; draw F and n = n_min * ratio with
    ratio > 1 (or any n when F = 0). The margins (G >= 1e-6 beta c, ratio >=
    1 + 1e-6) are far above float rounding, so rounding cannot make the draw
    infeasible; points closer to the boundary are tested separately.
    """
    beta = draw(log_uniform(1e-3, 1e3), label="beta")
    c = draw(log_uniform(1e-3, 1e3), label="c")
    if allow_zero_cA and draw(st.integers(0, 9)) == 0:
        c_A = 0.0
    else:
        c_A = draw(log_uniform(1e-12, 1e2), label="c_A/c") * c
    G = draw(log_uniform(1e-6, 1e3), label="G/(beta c)") * beta * c
    alpha = beta * (c + c_A) + G
    F = 0.0 if (allow_zero_F and draw(st.integers(0, 9)) == 0) else draw(log_uniform(1e-6, 1e6), label="F")
    if F == 0.0:
        n = draw(log_uniform(1e-3, n_max), label="n")
    else:
        n_min = 8 * beta * F / G**2
        lo = n_min * (1 + 1e-6)
        if lo >= n_max:
            # This market is too thin for any n up to n_max: scale F down so n_max works.
            F = F * n_max / lo / 4
            lo = 8 * beta * F / G**2 * (1 + 1e-6)
        n = draw(log_uniform(lo, max(n_max, lo * 1.0001)), label="n")
    return dict(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A)


@cache
def _pi_YY_coefficients():
    """Coefficients of pi_YY as a polynomial in omega, as mpmath functions of the parameters."""
    coeffs = sp.Poly(M.payoff_matrix_A()[0, 0], M.omega).all_coeffs()
    return sp.lambdify(M.PARAMETERS, coeffs, modules="mpmath")


def pi_YY_mp(omega: float, p: dict, dps: int = 50):
    """pi_YY at (omega, p) in mpmath with ``dps`` digits, inputs taken exactly."""
    with mpmath.workdps(dps):
        a, b, c0 = _pi_YY_coefficients()(*(mpmath.mpf(p[k]) for k in ("n", "F", "alpha", "beta", "c", "c_A")))
        w = mpmath.mpf(omega)
        return (a * w + b) * w + c0


def roots_mp(p: dict, dps: int = 50):
    """Both roots (lower, upper) of pi_YY = 0 at ``dps`` digits, or None if there is no real root.

    Solved from the polynomial coefficients of the symbolic payoff, not from the
    package's closed form; computed at ``dps`` and ``dps + 30`` digits, which must agree.
    """
    out = []
    for digits in (dps, dps + 30):
        with mpmath.workdps(digits):
            a, b, c0 = _pi_YY_coefficients()(
                *(mpmath.mpf(p[k]) for k in ("n", "F", "alpha", "beta", "c", "c_A"))
            )
            disc = b * b - 4 * a * c0
            if disc < 0:
                out.append(None)
                continue
            # Stable quadratic formula (no cancellation between -b and the root).
            q = -(b + mpmath.sign(b) * mpmath.sqrt(disc)) / 2 if b != 0 else mpmath.sqrt(-a * c0)
            r1 = q / a
            r2 = c0 / q if q != 0 else r1
            out.append((min(r1, r2), max(r1, r2)))
    lo, hi = out
    assert (lo is None) == (hi is None), "reference disagrees with itself about feasibility"
    if lo is not None:
        # Near a double root the root is only half as precise as the arithmetic.
        for u, v in zip(lo, hi, strict=True):
            assert abs(u - v) <= mpmath.mpf(10) ** (-dps // 2 + 5) * max(abs(v), mpmath.mpf(10) ** -300)
    return lo


def omega_star_mp(p: dict, dps: int = 50):
    """The reference free-entry rate: the lower root at ``dps`` digits (None if infeasible)."""
    roots = roots_mp(p, dps)
    return None if roots is None else roots[0]


def record_refine_batches(monkeypatch) -> list[list[int]]:
    """Spy on the omega* kernel's refining tiers: the returned list receives the flat indices of each
    batch ``tiers.refine`` is given (the real refine still runs)."""
    from cluster_games.kernels import tiers

    batches: list[list[int]] = []
    refine = tiers.refine

    def spy(arrays, shape, idx, *rest):
        batches.append(idx.tolist())
        refine(arrays, shape, idx, *rest)

    monkeypatch.setattr(tiers, "refine", spy)
    return batches


def float_at_or_above(x: Fraction) -> float:
    """The smallest float f > 0 with f >= x, for a rational x >= 0 (inf beyond the largest float).

    Python rounds a Fraction to the nearest float (ties to even); if that lies below x, the next
    float up is the smallest one at or above it. At x = 0 it is the smallest positive float.
    """
    try:
        f = float(x)
    except OverflowError:
        return math.inf
    if Fraction(f) < x:
        f = math.nextafter(f, math.inf)
    return f if f > 0 else math.ulp(0.0)


def exact_n_min_up(F, alpha, beta, c, c_A, k=2.0) -> float:
    """n_min as the package defines it: 4 k beta F / G^2 in rationals rounded upward (NaN where G <= 0)."""
    G = Fraction(alpha) - Fraction(beta) * (Fraction(c) + Fraction(c_A))
    if G <= 0:
        return math.nan
    return float_at_or_above(4 * Fraction(k) * Fraction(beta) * Fraction(F) / G**2)


def rel_err(value: float, reference) -> float:
    ref = mpmath.mpf(reference)
    if ref == 0:
        return abs(value)
    return float(abs((mpmath.mpf(value) - ref) / ref))


@st.composite
def near_boundary_parameters(draw):
    """Parameters within rounding distance of the feasibility boundary (G -> 0 or n -> n_min).

    Some draws land on the infeasible side after rounding; the exact reference decides.
    """
    beta = draw(log_uniform(1e-2, 1e2))
    c = draw(log_uniform(1e-2, 1e2))
    c_A = draw(log_uniform(1e-6, 1e1)) * c
    G = (
        draw(log_uniform(1e-13, 1e-3)) * beta * (c + c_A)
        if draw(st.booleans())
        else draw(log_uniform(1e-3, 1e2)) * beta * c
    )
    alpha = beta * (c + c_A) + G
    F = draw(log_uniform(1e-3, 1e3))
    n_min = 8 * beta * F / G**2
    n = n_min * (1 + draw(st.sampled_from([-1e-12, 0.0, 1e-15, 1e-13, 1e-10, 1e-7, 1e-4])))
    return dict(n=n, F=F, alpha=alpha, beta=beta, c=c, c_A=c_A)


def run_cli(argv, *, expect_exit: bool = False) -> tuple[int, str, str]:
    """Run ``cluster-games argv`` in this process; return (exit code, stdout, stderr).

    ``expect_exit`` catches the ``SystemExit`` of ``--help`` and ``--version`` (argparse exits itself).
    """
    from cluster_games.cli import main

    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:
            if not expect_exit:
                raise
            code = int(exc.code or 0)
    return code, out.getvalue(), err.getvalue()


def exact_boundary_games(limit: int = 40, scales: tuple[int, ...] = (0,)) -> list[tuple[float, ...]]:
    """Games (n, F, alpha, beta, c, c_A, omega, W) exactly on 2 M(omega) = M(W) in binary.

    With c = 1, c_A = 0, beta = 1 and dyadic omega < W: alpha = 1 + (2 w^2 - W^2) / (2 w - W),
    kept where it is a float and M(omega) > 0. Each power of two ``e`` in ``scales`` divides
    alpha and beta by 2**e: M scales by it and the tie stays exact.
    """
    games = []
    for i in range(1, limit):
        for j in range(i + 1, 2 * limit):
            w, W = Fraction(i, 8), Fraction(j, 8)
            if 2 * w == W:
                continue
            alpha = 1 + (2 * w * w - W * W) / (2 * w - W)
            if alpha <= 0 or Fraction(float(alpha)) != alpha or w * (alpha - 1 - w) <= 0:
                continue
            for e in scales:
                scale = Fraction(2) ** e
                games.append((2.0, 1.0, float(alpha / scale), float(1 / scale), 1.0, 0.0, float(w), float(W)))
    return games


def gambit_extreme_equilibria(A, B) -> set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Every extreme equilibrium of (A, B) from pygambit's exact enummixed (the independent reference).

    pygambit 16.7's enummixed returns *no* equilibrium once a payoff reaches 2**31 in magnitude
    (found while benchmarking), so the payoffs are first scaled by one power of two: exact, and
    the equilibria do not change.
    """
    import pygambit as gbt

    A = [[Fraction(v) for v in row] for row in A]
    B = [[Fraction(v) for v in row] for row in B]
    top = max(abs(v) for row in A + B for v in row)
    scale = Fraction(2) ** -math.floor(math.log2(top)) if top else Fraction(1)
    game = gbt.Game.from_arrays([[v * scale for v in r] for r in A], [[v * scale for v in r] for r in B])
    p1, p2 = game.players
    return {
        (
            tuple(Fraction(str(eq[p1][s])) for s in p1.strategies),
            tuple(Fraction(str(eq[p2][s])) for s in p2.strategies),
        )
        for eq in gbt.nash.enummixed_solve(game, rational=True).equilibria
    }


def exact_domination_margin(M, s: int, others) -> Fraction:
    """The largest margin by which a mixture of rows ``others`` beats row ``s`` in every column.

    Positive iff ``s`` is strictly dominated. Computed by brute force over the basic solutions of
    max eps s.t. sum_k p_k (M_kj - M_sj) >= eps, p >= 0, sum p = 1 (exact rationals): an
    algorithm independent of the package's LP and certificates.
    """
    import itertools

    from sympy import Matrix, Rational

    k, c = len(others), len(M[0])
    g = [[Rational(M[t][j] - M[s][j]) for j in range(c)] for t in others]
    rows = [[g[t][j] for t in range(k)] + [-1] for j in range(c)]  # gain_j - eps >= 0
    rows += [[int(t == u) for t in range(k)] + [0] for u in range(k)]  # p_u >= 0
    best = None
    for tight in itertools.combinations(range(len(rows)), k):
        system = Matrix([rows[i] for i in tight] + [[1] * k + [0]])
        if system.det() == 0:
            continue
        x = system.solve(Matrix([0] * k + [1]))
        if all(sum(r[i] * x[i] for i in range(k + 1)) >= 0 for r in rows):
            best = x[k] if best is None else max(best, x[k])
    return Fraction(str(best))


def lrsnash_extreme_equilibria(
    A, B, timeout: float = 600
) -> set[tuple[tuple[Fraction, ...], tuple[Fraction, ...]]]:
    """Every extreme equilibrium of the integer game (A, B) from lrsnash (lrslib; Debian's ``lrslib``).

    lrsnash prints, for each vertex x of the row player's polytope that has partners, a block of
    lines ``2 y_1 ... y_n payoff`` (the vertices of x's complementary face) then ``1 x_1 ... x_m
    payoff``; each block stands for all of its (x, y) pairs.
    """
    import subprocess
    import tempfile

    A, B = [[int(v) for v in r] for r in A], [[int(v) for v in r] for r in B]
    text = f"{len(A)} {len(A[0])}\n\n" + "\n".join(" ".join(map(str, r)) for r in A)
    text += "\n\n" + "\n".join(" ".join(map(str, r)) for r in B) + "\n"
    with tempfile.NamedTemporaryFile("w", suffix=".game", delete=False) as fh:
        fh.write(text)
    out = subprocess.run(
        ["lrsnash", fh.name], capture_output=True, text=True, timeout=timeout, check=True
    ).stdout
    os.unlink(fh.name)
    found, ys = set(), []
    for line in out.splitlines():
        parts = line.split()
        if not parts or parts[0] not in ("1", "2"):
            if not parts:
                ys = []
            continue
        probs = tuple(Fraction(v) for v in parts[1:-1])
        if parts[0] == "2":
            ys.append(probs)
        else:
            found |= {(probs, y) for y in ys}
    return found
