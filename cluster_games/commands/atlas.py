"""``cluster-games atlas FILE``: the equilibrium atlas of a parametric two-player game (SPEC 5.3)."""

from __future__ import annotations

import argparse

from ._common import EXIT_OK, UsageError, add_format_options, number, output_format

NAME = "atlas"
ORDER = 27
HELP = "closed-form equilibria over regions of parameter space for a game whose payoffs are formulas"


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help=HELP,
        description="Read a two-player game whose payoffs are polynomials or rational functions of named "
        "parameters (a TOML file with parameters, assumptions, rows, cols, A and B; expressions use numbers, "
        "the parameter names, + - * / ^ and parentheses, and are never evaluated as code) and print its "
        "equilibrium atlas: the regions of the domain where the game's structure is constant, each with its "
        "conditions, dimension, an exact witness point, the extreme equilibria as closed forms, dominant "
        "strategies and the survivors of iterated elimination. Each sign condition is decided by z3's "
        "complete procedure for real arithmetic (pip install -e '.[atlas]' in a clone of cluster_games); a condition it cannot "
        "decide within --timeout is reported as undecided. With --points, also the exact equilibria at each "
        "point of a CSV file whose header names the parameters.",
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("file", metavar="FILE", nargs="?", help="the game, a TOML file (see SPEC 5.3)")
    source.add_argument(
        "--example",
        metavar="NAME",
        help="a textbook game shipped with the package instead of FILE: "
        "hawk_dove, prisoners_dilemma, matching_pennies, ... (see cluster_games.parametric.examples), or paper",
    )
    p.add_argument(
        "--points",
        metavar="POINTS.csv",
        help="also answer at each point of this CSV file (header: the parameter names; values exact)",
    )
    p.add_argument(
        "--timeout",
        type=number,
        default=10.0,
        metavar="SECONDS",
        help="time limit of each solver query, 0.01 to 3600 (default 10)",
    )
    p.add_argument(
        "--max-seconds",
        type=number,
        default=300.0,
        metavar="SECONDS",
        help="time limit of the whole decision tree, 1 to 86400 (default 300): regions still open then "
        "are reported as undecided, with that reason",
    )
    add_format_options(p)
    p.set_defaults(run=run)


def _game(args: argparse.Namespace):
    from ..parametric import ParametricGame

    if args.example is None:
        return ParametricGame.from_toml(args.file)
    if args.example == "paper":
        from ..model import paper_game

        return paper_game()
    from ..parametric.examples import TEXTBOOK

    if args.example not in TEXTBOOK:
        raise UsageError(
            f"--example {args.example!r}: unknown (one of: paper, {', '.join(sorted(TEXTBOOK))})"
        )
    return TEXTBOOK[args.example]()


def run(args: argparse.Namespace) -> int:
    import json

    fmt = output_format(args)
    if not 0.01 <= args.timeout <= 3600:
        raise UsageError(f"--timeout must be from 0.01 to 3600 seconds, got {args.timeout:g}")
    if not 1 <= args.max_seconds <= 86400:
        raise UsageError(f"--max-seconds must be from 1 to 86400 seconds, got {args.max_seconds:g}")
    game = _game(args)
    points = None
    if args.points is not None:
        from ..parametric.points import read_points

        points = read_points(args.points, game)  # refuse a bad file before the atlas's work
    atlas = game.atlas(timeout=args.timeout, max_seconds=args.max_seconds)
    if fmt == "json":
        data = atlas.to_dict()
        if points is not None:
            from ..parametric.points import answers

            data["points"] = answers(atlas, points)
        print(json.dumps(data, indent=2))
        return EXIT_OK
    print(atlas._repr_markdown_() if fmt == "markdown" else str(atlas))
    if points is not None:
        print("\npoints:")
        for coords in points:
            print(f"  {atlas.at(coords)}")
    return EXIT_OK
