"""Benchmarks of cluster_games against the memory floor and against its peers (not a test).

Usage::

    python benchmarks/run.py [--quick] [--only NAME ...] [--json FILE]

Runs with numpy alone and, when the ``fast`` extra (numba) is installed, with both
engines side by side. The peers (QuantEcon, nashpy, pygambit, scipy's brentq, sympy)
and pyarrow are needed for their rows: ``pip install -e '.[bench]'``. Every speed
figure is a ratio of two timings taken in the same run. See benchmarks/README.md.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_atlas import bench_atlas
from bench_bimatrix import bench_elimination, bench_equilibria, bench_large
from bench_busy import bench_busy
from bench_lrs import bench_lrsnash, table_rows

from bench_games import bench_agreement, bench_speed
from bench_omega import bench_floor, bench_root_finding
from bench_scale import bench_check, bench_sweep
from common import machine

BENCHMARKS = {
    "floor": bench_floor,
    "root_finding": bench_root_finding,
    "games": bench_speed,
    "agreement": bench_agreement,
    "sweep": bench_sweep,
    "check": bench_check,
    "bimatrix": bench_equilibria,
    "elimination": bench_elimination,
    "large_games": bench_large,
    "busy": bench_busy,
    "atlas": bench_atlas,
    "lrsnash": bench_lrsnash,
}

#: Targets of issue 9: (benchmark, case, engine) -> largest ratio to the memory floor.
FLOOR_TARGETS = {
    ("b_random_box", "numba"): 3.0,
    ("b_random_box", "numpy"): 10.0,
    ("c_near_boundary", "numba"): 10.0,
    ("c_near_boundary", "numpy"): 50.0,
}


def _yes(ok: bool) -> str:
    return "yes" if ok else "**no**"


def table(res: dict) -> str:
    lines = ["| benchmark | measured | target | met |", "|---|---|---|---|"]
    if "floor" in res:
        f = res["floor"]
        for r in f["rows"]:
            target = FLOOR_TARGETS.get((r["case"], r["engine"]))
            lines.append(
                f"| omega\\*, {f['points']:.0e} points, {r['case'].replace('_', ' ', 1)}, {r['engine']} | "
                f"{r['seconds'] * 1e3:.0f} ms = {r['ratio']:.1f}x the floor ({r['floor_seconds'] * 1e3:.1f} ms at "
                f"{f['copy_bandwidth_GBps']:.1f} GB/s) | {f'<= {target:g}x' if target else '-'} | "
                f"{_yes(r['ratio'] <= target) if target else '-'} |"
            )
        if not f["numba"]:
            lines.append("| omega\\*, numba engine | not installed (extra `fast`) | - | - |")
    if "root_finding" in res:
        r = res["root_finding"]
        for engine, ratio in r["brentq_ratio"].items():
            lines.append(
                f"| omega\\*, {r['points']:.0e} random-box points vs a brentq loop, {engine} | {ratio:,.0f}x faster "
                f"({r['kernel_seconds'][engine] * 1e3:.2f} ms vs {r['brentq_seconds']:.2f} s; max rel. diff "
                f"{r['brentq_max_rel_diff']:.1e}) | >= 1000x | {_yes(ratio >= 1000)} |"
            )
        lines.append(
            f"| same vs sympy subs + evalf | {r['sympy_ratio']:,.0f}x faster (sympy timed on "
            f"{r['sympy_subsample']} points, extrapolated) | - | - |"
        )
    if "games" in res:
        g = res["games"]
        qe_us = g["quantecon_per_game_seconds"] * 1e6
        for row in g["rows"]:
            ratio = g["ratio_quantecon"][f"{row['rates']}, {row['engine']}"]
            versus = (
                f"= {ratio:.0f}x QuantEcon's compiled support_enumeration ({qe_us:.2f} us/game)"
                if ratio == ratio
                else "(QuantEcon not installed: it needs numba)"
            )
            met = _yes(ratio >= 50) if ratio == ratio else "-"
            lines.append(
                f"| classification + equilibria, {g['games']:.0e} sets, {row['rates']}, {row['engine']} | "
                f"{row['per_game_ns']:.0f} ns/game {versus} | >= 50x | {met} |"
            )
        lines.append(
            f"| same vs nashpy support_enumeration | {g['ratio_nashpy']:,.0f}x faster "
            f"({g['nashpy_per_game_seconds'] * 1e6:.0f} us/game on {g['nashpy_games_timed']} games) | - | - |"
        )
    if "agreement" in res:
        a = res["agreement"]
        agree = a["games"] - a["mismatches"]
        lines.append(
            f"| agreement with exact payoffs + pygambit (rational enummixed) | {agree}/{a['games']} "
            f"({a['exact_boundary_games']} games exactly on the dominance boundary, all "
            f"{a['boundary_and_neighbours'] - a['exact_boundary_games']} of their 1-ulp neighbours, "
            f"{a['random_games']} random)"
            + (
                f"; QuantEcon (float payoffs) differs on {a['quantecon_float_mismatches']} "
                f"({a['quantecon_float_mismatches_random']} of them random)"
                if a["quantecon_float_mismatches"] is not None
                else ""
            )
            + " | "
            f"100% on >= 10^4 | {_yes(a['mismatches'] == 0 and a['games'] >= 10**4)} |"
        )
    if "sweep" in res:
        s = res["sweep"]
        lines.append(
            f"| sweep to parquet, {s['rows']:.0e} rows | {s['rows_per_second']:,.0f} rows/s, peak RSS "
            f"{s['peak_MiB']:.0f} MiB ({s['file_MB']:.0f} MB file) | memory bounded | - |"
        )
    if "check" in res:
        c = res["check"]
        lines.append(
            f"| Monte-Carlo check, {c['draws']:.0e} draws straddling the boundaries | {c['draws_per_second']:,.0f} "
            f"draws/s, peak RSS {c['peak_MiB']:.0f} MiB ({100 * c['P1_hypothesis_share']:.0f}% meet P1's "
            f"hypotheses, {100 * c['near_n_min_share']:.0f}% within 10% of n_min) | memory bounded | - |"
        )
    if "bimatrix" in res:
        for row in res["bimatrix"]["rows"]:
            peers = row["peers"]
            target_name = (
                "nashpy support enumeration"
                if row["game"].startswith("2x2")
                else "pygambit enummixed (rational)"
            )
            target = peers.get(target_name)
            listing = "; ".join(f"{k} {v * 1e3:.3g} ms" for k, v in peers.items())
            lines.append(
                f"| all equilibria, {row['game']} ({row['equilibria']} extreme) | ours {row['ours'] * 1e3:.3g} ms; {listing} | "
                f"< {target_name} | {_yes(row['ours'] < target) if target else '-'} |"
            )
    if "elimination" in res:
        e = res["elimination"]
        listing = "; ".join(f"{k} {v * 1e3:.3g} ms" for k, v in e["seconds"].items())
        lines.append(
            f"| iterated elimination, 6x6 game ({e['rounds']} rounds, {e['eliminated']} strategies) | {listing} | - | - |"
        )
    if "large_games" in res:
        for row in res["large_games"]["rows"]:
            ref = row.get("pygambit_seconds")
            agree = row.get("agrees_with_pygambit")
            lines.append(
                f"| all equilibria and components, {row['game']} | {row['seconds']:.3g} s: {row['extreme']} extreme, "
                f"{row['subsets']} maximal subsets, {row['components']} components"
                + (
                    f"; pygambit enummixed {ref:.3g} s, {'same' if agree else 'DIFFERENT'} equilibria"
                    if ref is not None
                    else ""
                )
                + f" | < 5 s, = pygambit | {_yes(row['seconds'] < 5 and agree is not False)} |"
            )
    if "busy" in res:
        b = res["busy"]
        for size, row in b["busy"].items():
            ratio = row["default"] / row["numpy"]
            numba = (
                f"numba serial {row['numba serial'] * 1e3:.3g} ms, parallel {row['numba parallel'] * 1e3:.3g} ms; "
                if "numba serial" in row
                else "numba not installed; "
            )
            lines.append(
                f"| omega\\*, {int(size):.0e} random-box points, one competing busy process: default engine vs "
                f"numpy (medians of {b['repeats']}) | {row['default'] * 1e3:.3g} ms vs {row['numpy'] * 1e3:.3g} ms = "
                f"{ratio:.2f}x ({numba}idle: default {b['idle'][size]['default'] * 1e3:.3g} ms) | "
                f"<= {b['criterion']}x | {_yes(ratio <= b['criterion'])} |"
            )
    if "atlas" in res and "rows" in res["atlas"]:
        a = res["atlas"]
        for row in a["rows"]:
            lines.append(
                f"| atlas, {row['size']}: {row['game']} | {row['seconds']:.2f} s ({row['regions']} regions, "
                f"{row['structures']} structures, {row['queries']} solver queries"
                + (f", {row['undecided']} undecided" if row["undecided"] else "")
                + f") | < {row['target']:g} s | {_yes(row['seconds'] < row['target'] and not row['undecided'])} |"
            )
        for row in a["points"]:
            lines.append(
                f"| atlas --points, {row['points']:,} exact points, {row['game']} | {row['seconds']:.2f} s "
                f"(after the atlas is built) | < {row['target']:g} s | {_yes(row['seconds'] < row['target'])} |"
            )
        c = a["cvc5"]
        if "agree" in c:
            lines.append(
                f"| cvc5 as a second opinion on every decided z3 query of the cases above | {c['agree']} of "
                f"{c['queries']} agree, {c['disagree']} disagree, {c['cvc5_unknown']} not decided by cvc5 within "
                f"{c['slowest']:g} s (z3 decided each in ms; {c['seconds']:.0f} s in all) | no disagreement | "
                f"{_yes(c['disagree'] == 0)} |"
            )
    if "lrsnash" in res:
        lines += table_rows(res["lrsnash"])
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--quick", action="store_true", help="10^6 omega* points, 10^6 sweep rows and draws")
    ap.add_argument("--only", nargs="+", choices=sorted(BENCHMARKS), help="run only these benchmarks")
    ap.add_argument("--json", metavar="FILE", help="also write the results as JSON")
    args = ap.parse_args(argv)
    res: dict = {"machine": machine(), "quick": args.quick}
    for name, fn in BENCHMARKS.items():
        if args.only and name not in args.only:
            continue
        t = time.perf_counter()
        print(f"running {name} ...", file=sys.stderr, flush=True)
        try:
            res[name] = fn(args.quick)
        except ImportError as exc:  # a peer is missing: say so in the table, keep going
            res[name] = {"skipped": f"{exc.name} is not installed"}
            print(f"  skipped: {exc.name} is not installed", file=sys.stderr)
            continue
        print(f"  done in {time.perf_counter() - t:.1f} s", file=sys.stderr, flush=True)
    m = res["machine"]
    print(
        f"Machine: {m['cpu']}, {m['cores']} cores; Python {m['python']}, numpy {m['numpy']}, numba {m['numba']}, "
        f"QuantEcon {m['quantecon']}, nashpy {m['nashpy']}, pyarrow {m['pyarrow']}"
    )
    print(table({k: v for k, v in res.items() if not (isinstance(v, dict) and "skipped" in v)}))
    for name, v in res.items():
        if isinstance(v, dict) and "skipped" in v:
            print(f"| {name} | skipped: {v['skipped']} | - | - |")
    if args.json:
        Path(args.json).write_text(json.dumps(res, indent=2, default=str))
    return 0


if __name__ == "__main__":
    sys.exit(main())
