"""The ``cluster-games`` command line (also ``python -m cluster_games``).

Sub-commands live in :mod:`cluster_games.commands`, one module each, found by
listing that package. Numbers are parsed with :func:`float` only; no argument
is ever evaluated as code. Bad input gives one line on stderr and exit code 2,
never a traceback. Nothing heavy is imported until a command runs.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import sys
from collections.abc import Sequence

from .commands._common import EXIT_FAILED, EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["main", "build_parser", "command_modules"]


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # one line instead of usage + message
        raise UsageError(f"{message} (see '{self.prog} --help')")


def command_modules() -> list:
    """The command modules of :mod:`cluster_games.commands`, in ``ORDER``."""
    from . import commands

    mods = [
        importlib.import_module(f"{commands.__name__}.{info.name}")
        for info in pkgutil.iter_modules(commands.__path__)
        if not info.name.startswith("_")
    ]
    return sorted(mods, key=lambda m: (m.ORDER, m.NAME))


def build_parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog="cluster-games",
        description="Check and solve the Dudko-Zhao model of cluster marketing (the 'seeing customers' system).",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    sub = parser.add_subparsers(dest="command", required=True, parser_class=_Parser, metavar="COMMAND")
    for module in command_modules():
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 a claim failed, 2 bad input)."""
    from .errors import InvalidParameterError, NoEquilibriumError

    try:
        args = build_parser().parse_args(argv)
        return args.run(args)
    except (UsageError, InvalidParameterError, NoEquilibriumError) as exc:
        print(f"cluster-games: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    except KeyboardInterrupt:
        print("cluster-games: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:  # a bug: still one line, the traceback only on request
        if os.environ.get("CLUSTER_GAMES_DEBUG"):
            raise
        print(
            f"cluster-games: internal error: {type(exc).__name__}: {exc} (set CLUSTER_GAMES_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_FAILED


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
