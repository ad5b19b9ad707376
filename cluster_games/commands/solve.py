"""``cluster-games solve``: omega*, n_min, payoff matrix, dominance, equilibria and Q_bar."""

from __future__ import annotations

import argparse

from ._common import EXIT_OK, add_parameter_options, load_parameters

NAME = "solve"
ORDER = 20
HELP = "omega*, n_min, payoff matrix, dominance and equilibria at given parameters"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help=HELP,
        description="Solve the model at one parameter set. omega defaults to omega*, W to the monopoly rate K/(2 beta c).",
    )
    add_parameter_options(p)
    p.add_argument("--json", action="store_true", help="print a JSON object")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..solve import solve

    params, rates = load_parameters(args)
    solution = solve(params, rates)
    print(solution.to_json() if args.json else solution)
    return EXIT_OK
