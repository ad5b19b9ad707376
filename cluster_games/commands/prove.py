"""``cluster-games prove``: Propositions 1-5, findings and errata; exit 0 only if all hold."""

from __future__ import annotations

import argparse

from ._common import EXIT_FAILED, EXIT_OK, add_parameter_options, load_parameters

NAME = "prove"
ORDER = 10
HELP = "prove Propositions 1-5, findings and errata; exit 0 only if all hold"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help=HELP,
        description="Symbolic proofs of P1-P5 (sign certificates over the model) and numeric checks at the "
        "given parameters (default: the SPEC example); W defaults to halfway into the paper's sufficient region.",
    )
    add_parameter_options(p, example=False)
    p.add_argument("--format", choices=("text", "markdown", "json"), default="text")
    p.add_argument("--json", action="store_true", help="shorthand for --format json")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..proofs.registry import EXAMPLE, prove_all

    params, rates = load_parameters(args, required=False)
    report = prove_all(params or EXAMPLE, rates)
    fmt = "json" if args.json else args.format
    print({"json": report.to_json, "markdown": report.to_markdown, "text": report.to_text}[fmt]())
    return EXIT_OK if report.all_hold else EXIT_FAILED
