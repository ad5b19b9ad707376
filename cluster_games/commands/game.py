"""``cluster-games game FILE``: dominance, iterated elimination and all equilibria of any two-player game."""

from __future__ import annotations

import argparse
import sys
import threading
import time

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
        type=_seconds,
        default=60.0,
        metavar="S",
        help="refuse an analysis estimated to take longer, and stop an enumeration that does (default 60)",
    )
    add_format_options(p)
    p.set_defaults(run=run)


def _seconds(text: str) -> float:
    """A positive number of seconds (argparse turns the ValueError into exit 2 naming the option)."""
    value = float(text)
    if not value > 0:
        raise ValueError(text)
    return value


#: While an analysis runs, a line on stderr every this many seconds says it goes on, and where.
HEARTBEAT_SECONDS = 30.0


class _Heartbeat:
    """Every :data:`HEARTBEAT_SECONDS`, one stderr line naming the running part: never a silent minute."""

    def __init__(self, what: str) -> None:
        self.what, self.stage = what, "starting"
        self.start = time.perf_counter()
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._beat, daemon=True)

    def _beat(self) -> None:
        while not self.stop.wait(HEARTBEAT_SECONDS):
            elapsed = time.perf_counter() - self.start
            print(
                f"cluster-games: {self.what}: still working after {elapsed:.0f} s ({self.stage})",
                file=sys.stderr,
                flush=True,
            )

    def __enter__(self) -> _Heartbeat:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def run(args: argparse.Namespace) -> int:
    from ..games import cost
    from ..games.analysis import analyse, estimate_analysis, read_game_file

    fmt = output_format(args)
    game = read_game_file(args.file)
    m, n = game.shape
    try:
        # before any work: refused above --max-seconds (default cost.MAX_SECONDS), stated above
        # cost.ANNOUNCE_SECONDS; an enumeration still running at the limit stops there
        est = cost.require(estimate_analysis(game, args.method), args.max_seconds)
        if est.seconds > cost.ANNOUNCE_SECONDS:
            print(f"cluster-games: game: a {m} x {n} game, {est}", file=sys.stderr, flush=True)
        with _Heartbeat(f"game ({m} x {n})") as beat:
            result = analyse(
                game,
                method=args.method,
                max_seconds=args.max_seconds,
                on_stage=lambda s: setattr(beat, "stage", s),
            )
    except ValueError as exc:  # too large for the method or the time limit, or a 2x2-only method
        raise UsageError(str(exc)) from None
    print({"json": result.to_json, "markdown": result._repr_markdown_, "text": result.__str__}[fmt]())
    return EXIT_OK
