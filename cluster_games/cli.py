"""The ``cluster-games`` command line (also ``python -m cluster_games``).

Sub-commands live in :mod:`cluster_games.commands`, one module each, found by
listing that package. Numbers are parsed with :func:`float` only; no argument
is ever evaluated as code. Nothing heavy is imported until a command runs.

Exit codes (every command): 0 success; 1 a claim or proposition fails (``prove``,
``check``); 2 bad input or environment, with exactly one line on stderr naming what
is wrong; 3 an internal error (a bug), also one line unless ``CLUSTER_GAMES_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import signal
import sys
import threading
import warnings
from collections.abc import Sequence

from .commands._common import EXIT_CODES, EXIT_INTERNAL, EXIT_OK, EXIT_USAGE, UsageError

__all__ = ["main", "build_parser", "command_modules", "normalise_argv"]


class _Parser(argparse.ArgumentParser):
    """One-line errors, no abbreviated options, the exit codes in every ``--help``."""

    def __init__(self, *args, **kwargs) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("epilog", EXIT_CODES)
        super().__init__(*args, **kwargs)

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
    """The ``cluster-games`` argument parser: one sub-command per module of :mod:`cluster_games.commands`."""
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


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def normalise_argv(argv: Sequence[str]) -> list[str]:
    """Attach negative numbers to the option before them: ``--n -1e-3`` becomes ``--n=-1e-3``.

    argparse reads ``-1e-3`` as an unknown option; no option of this program parses as
    a number, so a token that does is always a value (the domain then refuses it with
    the parameter's name).

    >>> normalise_argv(["solve", "--n", "-1e-3", "--F", "1"])
    ['solve', '--n=-1e-3', '--F', '1']
    """
    out: list[str] = []
    for token in argv:
        if (
            token.startswith("-")
            and _is_number(token)
            and out
            and out[-1].startswith("--")
            and "=" not in out[-1]
        ):
            out[-1] = f"{out[-1]}={token}"
        else:
            out.append(token)
    return out


class Interrupted(KeyboardInterrupt):
    """Raised in the main thread by the first SIGINT (Ctrl-C) or SIGTERM; the rest are ignored."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


_fired = [False]  # whether this run of main() has been interrupted already


def _on_signal(signum: int, frame) -> None:
    # Later signals do nothing while the command cleans up (the writers remove a partial output
    # file on the way out), so a second Ctrl-C cannot break the cleanup with a traceback. (Setting
    # SIG_IGN here instead races with a signal already pending: CPython then raises OSError.)
    if _fired[0]:
        return
    _fired[0] = True
    raise Interrupted(signum)


_SIGNALS = tuple(
    s for s in (getattr(signal, "SIGINT", None), getattr(signal, "SIGTERM", None)) if s is not None
)


def _install_handlers() -> dict[int, object] | None:
    """SIGINT and SIGTERM raise :class:`Interrupted` once; ``None`` outside the main thread."""
    if threading.current_thread() is not threading.main_thread():
        return None
    return {sig: signal.signal(sig, _on_signal) for sig in _SIGNALS}


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point; returns the exit code (0 ok, 1 a claim failed, 2 bad input, 3 internal error).

    SIGINT (Ctrl-C) and SIGTERM stop a command the same way: partial output is removed, one line
    ``cluster-games: interrupted (SIGTERM)`` goes to stderr and the exit code is 128 + the signal
    number (130, 143). Later signals are ignored while that happens, so a second Ctrl-C never
    prints a traceback, and the process then ends at once (``os._exit``) so that no signal can
    reach it during the interpreter's shutdown. Called in-process (``argv`` given), the previous
    handlers are restored and the code is returned.
    """
    _fired[0] = False
    previous = _install_handlers()
    try:
        code = _main(argv)
    finally:
        if previous is not None and argv is not None:  # in-process: give the caller its handlers back
            for sig, handler in previous.items():
                signal.signal(sig, handler)
    if argv is None and _fired[0]:
        # The process ends here, without the interpreter's shutdown: that shutdown gives SIGINT its
        # default action back, and a Ctrl-C still arriving then would kill the process instead.
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except (OSError, ValueError):
                pass
        os._exit(code)
    return code


def _main(argv: Sequence[str] | None) -> int:
    from .errors import ClusterGamesError

    argv = normalise_argv(sys.argv[1:] if argv is None else argv)
    try:
        with warnings.catch_warnings():
            # No warning reaches the user: library chatter is silenced, and a numeric
            # RuntimeWarning (overflow, invalid value) is a bug, reported as an internal error.
            warnings.simplefilter("ignore")
            warnings.simplefilter("error", RuntimeWarning)
            args = build_parser().parse_args(argv)
            return args.run(args)
    except (UsageError, ClusterGamesError) as exc:
        print(f"cluster-games: error: {_one_line(exc)}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # e.g. piped into `head`
        return EXIT_OK
    except KeyboardInterrupt as exc:  # Interrupted, or a KeyboardInterrupt raised by other code
        _fired[0] = True  # from here on, signals do nothing
        signum = getattr(exc, "signum", signal.SIGINT)
        name = "SIGTERM" if signum == getattr(signal, "SIGTERM", None) else "Ctrl-C"
        print(f"cluster-games: interrupted ({name})", file=sys.stderr)
        return 128 + signum
    except Exception as exc:  # a bug: still one line, the traceback only on request
        if os.environ.get("CLUSTER_GAMES_DEBUG"):
            raise
        print(
            f"cluster-games: internal error: {type(exc).__name__}: {_one_line(exc)} "
            "(set CLUSTER_GAMES_DEBUG=1 for a traceback)",
            file=sys.stderr,
        )
        return EXIT_INTERNAL


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
