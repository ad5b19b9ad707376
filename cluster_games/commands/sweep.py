"""``cluster-games sweep``: evaluate the model over a grid and stream it to CSV or Parquet."""

from __future__ import annotations

import argparse
import math

from ._common import (
    EXIT_OK,
    UsageError,
    add_backend_options,
    add_parameter_options,
    check_backend,
    load_parameters,
    whole_number,
    writable_path,
)

NAME = "sweep"
ORDER = 40
HELP = "evaluate omega*, payoffs, dominance and equilibria over a parameter grid (CSV or Parquet)"

#: Most values of one range axis.
MAX_COUNT = 10**9

#: What the grid dimensions that are not model parameters mean (the parameters: ``--help`` of the flags).
DIMENSIONS = {
    "omega": "the seeing rate (default: omega* at each point)",
    "W": "the hiding rate (default: the monopoly rate)",
    "k": "beyond the paper: the number of trading companies, whole numbers >= 2 (default 2; omega* is then "
    "the free-entry rate with k companies)",
    "delta": "beyond the paper: the discount factor of the repeated game, in (0, 1) (fills "
    "collusion_sustainable)",
}


def grid_help() -> str:
    """The ``--grid`` help: every dimension a sweep accepts (:data:`cluster_games.scale.grid.GRID_NAMES`)."""
    from ..scale.grid import GRID_NAMES

    described = "; ".join(f"{name}: {DIMENSIONS[name]}" for name in GRID_NAMES if name in DIMENSIONS)
    return (
        "NAME=START:STOP:COUNT (COUNT evenly spaced values, ends included) or NAME=V1,V2,...; "
        f"NAME is one of {', '.join(GRID_NAMES)} ({described}); repeat for a multi-dimensional grid"
    )


def parse_grid(spec: str):
    """``("n", Linspace | array)`` from ``n=1:5000:100`` or ``n=1,2,5``; numbers parsed with float() only.

    >>> parse_grid("F=0.5:2:4")
    ('F', Linspace(start=0.5, stop=2.0, count=4))
    >>> parse_grid("n=1,2.5")
    ('n', array([1. , 2.5]))
    """
    import numpy as np

    from ..scale.sweep import GRID_NAMES, Linspace

    name, sep, body = spec.partition("=")
    name = name.strip()
    if not sep or not body.strip():
        raise UsageError(f"bad --grid {spec!r}: expected NAME=START:STOP:COUNT or NAME=V1,V2,...")
    if name not in GRID_NAMES:
        raise UsageError(
            f"bad --grid {spec!r}: unknown parameter {name!r} (choose from {', '.join(GRID_NAMES)})"
        )

    def num(text: str) -> float:
        try:
            value = float(text)
        except ValueError:
            raise UsageError(f"bad --grid {spec!r}: not a number: {text.strip()!r}") from None
        if not math.isfinite(value):
            raise UsageError(f"bad --grid {spec!r}: {text.strip()!r} is not finite")
        return value

    if ":" in body:
        parts = body.split(":")
        if len(parts) != 3:
            raise UsageError(f"bad --grid {spec!r}: a range is START:STOP:COUNT")
        start, stop = num(parts[0]), num(parts[1])
        count = num(parts[2])
        if count != math.floor(count) or count < 1 or count > MAX_COUNT:
            raise UsageError(
                f"bad --grid {spec!r}: COUNT must be a whole number between 1 and {MAX_COUNT:.0e}"
            )
        return name, Linspace(start, stop, int(count))
    return name, np.array([num(v) for v in body.split(",")])


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help=HELP,
        description="Evaluate the model at every point of the Cartesian product of the --grid values, "
        "the other parameters taken from --params / --scenario / --example / the flags. omega defaults to "
        "omega* and W to the monopoly rate at each point, both taken exactly. Rows are streamed to CSV, or to "
        "Parquet for a .parquet file (needs pyarrow), so memory does not grow with the grid; a long run states "
        "its estimated time and file size first, and one that would not fit on the disk is refused. Points "
        "that are not a game (no omega*, W <= omega, negative demand at W) are marked in the column "
        "'undefined' and left unclassified.",
    )
    add_parameter_options(p)
    from ..scale.grid import COLUMNS

    p.add_argument("--grid", action="append", required=True, metavar="NAME=VALUES", help=grid_help())
    p.add_argument("--out", required=True, metavar="FILE", help="output file, .csv or .parquet")
    p.add_argument(
        "--columns", metavar="A,B,...", help=f"computed columns to keep (default: all: {', '.join(COLUMNS)})"
    )
    p.add_argument(
        "--chunk-size",
        type=whole_number(1, 2**22),
        default=65536,
        help="grid points per chunk (default 65536)",
    )
    add_backend_options(p)
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None, help="always show the progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..scale.sweep import COLUMNS, sweep_to_file

    check_backend(args)
    out = writable_path(args.out, "--out", (".csv", ".parquet"))
    params, rates = load_parameters(args)
    grid = {}
    for spec in args.grid:
        name, values = parse_grid(spec)
        if name in grid:
            raise UsageError(f"--grid {name} given twice")
        grid[name] = values
    columns = None
    if args.columns:
        columns = [c.strip() for c in args.columns.split(",") if c.strip()]
        bad = [c for c in columns if c not in COLUMNS]
        if bad:
            raise UsageError(f"unknown column {bad[0]!r} (choose from {', '.join(COLUMNS)})")
    summary = sweep_to_file(
        params,
        grid,
        out,
        rates=rates,
        columns=columns,
        chunk_size=args.chunk_size,
        backend=args.backend,
        scheduler=args.scheduler,
        progress=args.progress,
    )
    print(summary)
    return EXIT_OK
