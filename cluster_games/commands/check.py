"""``cluster-games check``: seeded Monte-Carlo check of Propositions 1-5 over a parameter box."""

from __future__ import annotations

import argparse
import math

from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_backend_options,
    add_format_options,
    check_backend,
    output_format,
    whole_number,
)

NAME = "check"
ORDER = 50
HELP = "Monte-Carlo check of Propositions 1-5 and claims K1-K7 over a parameter box (seeded, numpy or dask)"

#: Largest accepted --draws (about a year at a million draws a second); a run that long states
#: its estimated duration on stderr before it goes on.
MAX_DRAWS = 10**14


def parse_box(spec: str) -> tuple[str, tuple[float, float]]:
    """``("n", (1.0, 1e6))`` from ``n=1:1e6``; numbers parsed with float() only.

    >>> parse_box("F=0.1:10")
    ('F', (0.1, 10.0))
    """
    from ..scale.boxes import BOX_NAMES

    name, sep, body = spec.partition("=")
    name = name.strip()
    if not sep or body.count(":") != 1:
        raise UsageError(f"bad --box {spec!r}: expected NAME=LO:HI")
    if name not in BOX_NAMES:
        raise UsageError(
            f"bad --box {spec!r}: unknown coordinate {name!r} (choose from {', '.join(BOX_NAMES)})"
        )
    lo_text, hi_text = body.split(":")
    try:
        lo, hi = float(lo_text), float(hi_text)
    except ValueError:
        raise UsageError(f"bad --box {spec!r}: LO and HI must be numbers") from None
    if not (math.isfinite(lo) and math.isfinite(hi)):
        raise UsageError(f"bad --box {spec!r}: bounds must be finite")
    return name, (lo, hi)


#: What the box coordinates that are not model parameters mean.
COORDINATES = {
    "W_rel": "= (W - omega)/omega, the hiding rate's premium",
    "k": "beyond the paper: the number of trading companies, drawn as whole numbers",
    "delta": "beyond the paper: the discount factor of the repeated game",
}


def description() -> str:
    """The ``check`` description: every box coordinate with its default range, and every claim checked."""
    from ..scale.block_checks import PAPER_CLAIMS
    from ..scale.block_checks_k import K_CLAIMS
    from ..scale.boxes import BOX_NAMES, DEFAULT_BOX

    coordinates = ", ".join(
        f"{name} {DEFAULT_BOX[name][0]:g}:{DEFAULT_BOX[name][1]:g}"
        + (f" ({COORDINATES[name]})" if name in COORDINATES else "")
        for name in BOX_NAMES
    )
    return (
        "Draw feasible parameter sets (G > 0, n >= n_min by construction) from the box and test each claim's "
        f"conclusion where its hypotheses hold. Box coordinates (default range of each): {coordinates}. "
        f"Claims checked: the paper's propositions {', '.join(PAPER_CLAIMS)} and, beyond the paper, "
        f"{', '.join(K_CLAIMS)} (k companies, free entry with k companies, collusion in the repeated game; "
        "K3, the symmetric mixed equilibrium, is proved by 'prove'). Exit 0 if every claim was tested and held; "
        "1 if a counterexample was found or no draw met a claim's hypotheses (untested)."
    )


def register(subparsers) -> None:
    from ..scale.boxes import BOX_NAMES

    p = subparsers.add_parser(NAME, help=HELP, description=description())
    p.add_argument(
        "--box",
        action="append",
        default=[],
        metavar="NAME=LO:HI",
        help=f"bounds of one coordinate, NAME one of {', '.join(BOX_NAMES)}; repeat for several",
    )
    p.add_argument(
        "--draws",
        type=whole_number(1, MAX_DRAWS),
        default=100_000,
        help="number of draws (default 1e5; about 1e6 a second)",
    )
    p.add_argument("--seed", type=whole_number(0, 2**63), default=0, help="seed, a whole number >= 0")
    p.add_argument(
        "--chunk-size", type=whole_number(1, 2**24), default=2**18, help="draws per task (default 2**18)"
    )
    add_backend_options(p)
    p.add_argument(
        "--paper-formula",
        action="store_true",
        help="use the paper's printed omega* (erratum E1): counterexamples expected",
    )
    p.add_argument(
        "--max-examples", type=whole_number(1, 10**4), default=20, help="counterexamples kept per proposition"
    )
    add_format_options(p)
    bar = p.add_mutually_exclusive_group()
    bar.add_argument("--progress", action="store_true", default=None, help="always show the progress bar")
    bar.add_argument("--no-progress", dest="progress", action="store_false", help="never show it")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..scale.montecarlo import check

    fmt = output_format(args)
    check_backend(args)
    box = {}
    for spec in args.box:
        name, bounds = parse_box(spec)
        if name in box:
            raise UsageError(f"--box {name} given twice")
        box[name] = bounds
    result = check(
        box,
        draws=args.draws,
        seed=args.seed,
        chunk_size=args.chunk_size,
        backend=args.backend,
        scheduler=args.scheduler,
        formula="paper" if args.paper_formula else "corrected",
        max_examples=args.max_examples,
        progress=args.progress,
    )
    print({"json": result.to_json, "markdown": result.to_markdown, "text": result.to_text}[fmt]())
    return EXIT_OK if result.all_hold else EXIT_FAILED
