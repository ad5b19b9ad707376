"""``cluster-games prove``: Propositions 1-5, findings and errata; exit 0 only if all hold."""

from __future__ import annotations

import argparse
import dataclasses

from ._common import (
    EXIT_FAILED,
    EXIT_OK,
    UsageError,
    add_format_options,
    add_parameter_options,
    load_parameters,
    load_units,
    output_format,
    writable_dir,
)

NAME = "prove"
ORDER = 10
HELP = "prove Propositions 1-5, findings and errata; exit 0 only if all hold"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help=HELP,
        description="Symbolic proofs of P1-P5 (sign certificates over the model) and numeric checks at the "
        "given parameters (default, or --example: the worked example n=10, F=1, alpha=100, beta=1, c=10, c_A=1); "
        "W defaults "
        "to halfway into the paper's sufficient region. A numeric check that does not apply at the given "
        "point is reported as not applicable, with the reason; exit 1 only when a claim is refuted.",
    )
    add_parameter_options(p)
    add_format_options(p)
    p.add_argument(
        "--certificates",
        metavar="DIR",
        help="also write every sign certificate as JSON to DIR (created if missing), one file per "
        "certificate, for the independent checker: python -m cluster_games.verify DIR",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..proofs.registry import EXAMPLE, prove_all

    fmt = output_format(args)
    params, rates = load_parameters(args, required=False)
    target = None if args.certificates is None else writable_dir(args.certificates, "--certificates")
    report = dataclasses.replace(prove_all(params or EXAMPLE, rates), units=load_units(args))
    files = None
    if target is not None and report.all_hold:
        # written before anything is printed: a write that fails (a full disk) is exit 2 with one
        # line and nothing on stdout, and leaves no partial export behind
        from ..proofs.export import export_certificates

        try:
            files = export_certificates(report, target)
        except OSError as exc:
            raise UsageError(
                f"cannot write to --certificates {args.certificates!r}: {exc.strerror or exc} "
                "(no certificate written)"
            ) from None
    print({"json": report.to_json, "markdown": report.to_markdown, "text": report.to_text}[fmt]())
    if not report.all_hold:
        return EXIT_FAILED
    if files is not None and fmt == "text":
        print(f"wrote {len(files)} certificates to {target}")
    return EXIT_OK
