"""``cluster-games solve``: omega*, n_min, payoff matrix, dominance, equilibria and Q_bar."""

from __future__ import annotations

import argparse

from ..companies import MAX_K
from ._common import (
    EXIT_OK,
    add_format_options,
    add_parameter_options,
    load_parameters,
    load_units,
    number,
    output_format,
    whole_number,
)

NAME = "solve"
ORDER = 20
HELP = "omega*, n_min, payoff matrix, dominance and equilibria at given parameters"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help=HELP,
        description="Solve the model at one parameter set. omega defaults to omega* and W to the monopoly "
        "rate K/(2 beta c), both taken exactly (so pi_YY = 0 at omega*). The rates must make a game: W > omega, "
        "non-negative demand at W and W c >= c_A.",
    )
    add_parameter_options(p)
    g = p.add_argument_group("beyond the paper: k trading companies and the repeated game (SPEC section 4)")
    g.add_argument(
        "--k",
        type=whole_number(2, MAX_K),
        default=2,
        help=f"number of symmetric trading companies (default 2, the paper's game; up to {MAX_K}); "
        "omega* becomes the free-entry rate with k companies, and a scenario's W (set for k = 2) that is not "
        "above it is replaced by the monopoly rate, with a note",
    )
    g.add_argument(
        "--delta",
        type=number,
        help="discount factor in (0, 1): whether collusion on N at W, punished by all-Y forever, is sustainable",
    )
    add_format_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..solve import solve

    fmt = output_format(args)
    params, rates = load_parameters(args)
    # a scenario's W is set for its own k = 2 game: with --k it is a default, not a requirement
    W_fallback = bool(args.scenario) and args.W is None
    solution = solve(params, rates, k=args.k, delta=args.delta, units=load_units(args), W_fallback=W_fallback)
    print({"json": solution.to_json, "markdown": solution._repr_markdown_, "text": solution.__str__}[fmt]())
    return EXIT_OK
