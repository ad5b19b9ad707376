"""``cluster-games game FILE``: dominance, iterated elimination and all equilibria of any two-player game."""

from __future__ import annotations

import argparse

from ._common import EXIT_OK, UsageError, add_format_options, output_format

NAME = "game"
ORDER = 25
HELP = "dominance, elimination and all equilibria of a two-player game from a .nfg or .toml file"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help=HELP,
        description="Analyse a two-player game a user brings: a Gambit strategic-form file (.nfg) or a TOML file "
        "with payoff matrices A (row player) and B (column player) and optional row_labels, col_labels and "
        "title. Payoffs are taken exactly (0.1 is 1/10; '1/3' is allowed in TOML). Prints each player's "
        "dominance, the rounds of iterated elimination of strictly dominated strategies (mixed dominators "
        "included), all extreme equilibria and the maximal Nash subsets.",
    )
    p.add_argument("file", metavar="FILE", help="a .nfg or .toml file")
    p.add_argument(
        "--method",
        choices=(
            "auto",
            "exact-2x2",
            "float-guided",
            "pivoting",
            "vertex-enumeration",
            "nashpy",
            "lemke-howson",
        ),
        default="auto",
        help="equilibrium method (default: exact 2x2 analysis, else the float-guided walk with numba or exact "
        "pivoting); lemke-howson finds some equilibria of games too large to enumerate",
    )
    p.add_argument(
        "--max-seconds",
        type=float,
        default=60.0,
        metavar="S",
        help="refuse an enumeration estimated to take longer, and stop one that does (default 60)",
    )
    add_format_options(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    from ..games.analysis import analyse, read_game_file

    fmt = output_format(args)
    game = read_game_file(args.file)
    try:
        result = analyse(game, method=args.method, max_seconds=args.max_seconds)
    except ValueError as exc:  # a game too large for the method, or a 2x2-only method on a larger game
        raise UsageError(str(exc)) from None
    print({"json": result.to_json, "markdown": result._repr_markdown_, "text": result.__str__}[fmt]())
    return EXIT_OK
