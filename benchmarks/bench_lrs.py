"""All extreme equilibria at lrsnash's scale: the package against lrsnash, pygambit and QuantEcon, one run.

Usage::

    python benchmarks/bench_lrs.py [--quick] [--json FILE]

Random integer games with payoffs in [-50, 50] at 8, 10, 12, 14, 16 and 18 strategies each
(``--quick``: up to 14), three kinds: *generic* (uniform payoffs; ties between entries still occur
and make some of them degenerate), *ties* (payoffs in {-50, -25, 0, 25, 50}: heavily degenerate)
and *identity* (A = B = 50 I: 2^k - 1 equilibria, to 16). For every game: the package's default
``BimatrixGame.equilibria()`` (numba loaded and its kernels compiled before timing), lrsnash
(lrslib's reverse search in GMP integers; Debian's ``lrslib``, run as a subprocess: its wall
time includes a process start of about 2 ms), and where they finish in reasonable time
pygambit's exact ``enummixed`` (to 10x10) and QuantEcon's float ``vertex_enumeration`` (to 14x14).
The extreme equilibria of the package and lrsnash are compared as sets of exact rationals in
every run (pygambit's too; QuantEcon's floats by count). The load average of the shared machine
is recorded before and after. One call each (the games take from milliseconds to minutes).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent / "tests"))  # the lrsnash and pygambit readers of the test suite

SIZES = (8, 10, 12, 14, 16, 18)
TIES = (-50, -25, 0, 25, 50)


def game(kind: str, k: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(1000 * k + {"generic": 1, "ties": 2, "identity": 3}[kind])
    if kind == "generic":
        return rng.integers(-50, 51, (k, k)), rng.integers(-50, 51, (k, k))
    if kind == "ties":
        return rng.choice(TIES, (k, k)), rng.choice(TIES, (k, k))
    eye = 50 * np.eye(k, dtype=int)
    return eye, eye.copy()


def _lrsnash(A, B) -> tuple[float, set]:
    from support import lrsnash_extreme_equilibria

    t = time.perf_counter()
    found = lrsnash_extreme_equilibria(A, B, timeout=3600)
    return time.perf_counter() - t, found


def _pygambit(A, B) -> tuple[float, set] | None:
    try:
        from support import gambit_extreme_equilibria
    except ImportError:
        return None
    t = time.perf_counter()
    found = gambit_extreme_equilibria(A, B)
    return time.perf_counter() - t, found


def _quantecon(A, B) -> tuple[float, int] | None:
    try:
        import quantecon.game_theory as qe
    except ImportError:
        return None
    G = qe.NormalFormGame((qe.Player(np.asarray(A, float)), qe.Player(np.asarray(B, float).T)))
    qe.vertex_enumeration(qe.NormalFormGame((qe.Player(np.eye(3)), qe.Player(np.eye(3)))))  # compiled
    t = time.perf_counter()
    found = qe.vertex_enumeration(G)
    return time.perf_counter() - t, len(found)


def bench_lrsnash(quick: bool) -> dict:
    from cluster_games.games import BimatrixGame

    BimatrixGame.from_arrays(*game("generic", 10)).equilibria()  # load numba's compiled kernels once
    have_lrs = shutil.which("lrsnash") is not None
    rows = []
    load_before = os.getloadavg()
    sizes = SIZES[:4] if quick else SIZES
    for kind in ("generic", "ties", "identity"):
        for k in sizes:
            if kind == "identity" and k > 16:
                continue
            A, B = game(kind, k)
            t = time.perf_counter()
            eq = BimatrixGame.from_arrays(A, B).equilibria(max_seconds=3600)
            ours = time.perf_counter() - t
            mine = {(p.row, p.col) for p in eq.extreme}
            row = dict(
                kind=kind,
                k=k,
                ours=ours,
                extreme=len(mine),
                components=len(eq.components),
                degenerate=eq.degenerate,
                route="float-guided"
                if "float-guided" in eq.method
                else ("cddlib" if "pycddlib" in eq.method else "pivoting"),
                fell_back="answered by exact pivoting" in eq.method,
            )
            if have_lrs:
                row["lrsnash"], theirs = _lrsnash(A, B)
                row["same_as_lrsnash"] = theirs == mine
            if k <= 10 and kind != "identity":
                got = _pygambit(A, B)
                if got is not None:
                    row["pygambit"], theirs = got
                    row["same_as_pygambit"] = theirs == mine
            if k <= 14:
                got = _quantecon(A, B)
                if got is not None:
                    row["quantecon"], row["quantecon_count"] = got
            print(f"  {kind} {k}x{k}: {row}", file=sys.stderr, flush=True)
            rows.append(row)
    return dict(
        lrsnash=have_lrs,
        load_before=load_before,
        load_after=os.getloadavg(),
        rows=rows,
    )


def table_rows(res: dict) -> list[str]:
    """Rows of the README table: one per game."""
    lines = []
    if not res["lrsnash"]:
        lines.append(
            "| all equilibria vs lrsnash | lrsnash is not installed (Debian package `lrslib`): no comparison | - | - |"
        )
    for r in res["rows"]:
        extra = []
        if "pygambit" in r:
            extra.append(
                f"pygambit enummixed {r['pygambit']:.3g} s ({'same' if r['same_as_pygambit'] else 'DIFFERENT'})"
            )
        if "quantecon" in r:
            extra.append(
                f"QuantEcon vertex_enumeration (floats) {r['quantecon']:.3g} s, {r['quantecon_count']} found"
            )
        lrs = r.get("lrsnash")
        target = "<= lrsnash, same set" + (", < 60 s" if r["k"] == 18 else "")
        met = "-"
        if lrs is not None:
            ok = r["ours"] <= lrs and r["same_as_lrsnash"] and (r["k"] < 18 or r["ours"] < 60)
            met = "yes" if ok else "**no**"
        lines.append(
            f"| all extreme equilibria, {r['k']}x{r['k']} {r['kind']} ({r['extreme']} extreme, "
            f"{'degenerate' if r['degenerate'] else 'non-degenerate'}) | ours {r['ours']:.3g} s ({r['route']}"
            + (", fell back" if r["fell_back"] else "")
            + ")"
            + (
                f"; lrsnash {lrs:.3g} s, {'same' if r['same_as_lrsnash'] else 'DIFFERENT'} equilibria"
                if lrs is not None
                else ""
            )
            + "".join(f"; {e}" for e in extra)
            + f" | {target} | {met} |"
        )
    return lines


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="sizes 8 to 14 only")
    ap.add_argument("--json", metavar="FILE")
    args = ap.parse_args(argv)
    res = bench_lrsnash(args.quick)
    lb, la = res["load_before"], res["load_after"]
    print(
        f"load average (1, 5, 15 min) before {lb[0]:.1f} {lb[1]:.1f} {lb[2]:.1f}, after {la[0]:.1f} {la[1]:.1f} {la[2]:.1f}"
    )
    print("\n".join(table_rows(res)))
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
