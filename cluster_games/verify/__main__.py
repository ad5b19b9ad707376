"""``python -m cluster_games.verify DIR [--json]``: check every certificate file of DIR.

Prints one line per certificate (``ok  ID`` or ``FAIL ID: reason``) and a summary. A registry id
with no file is ``missing``; a file with an id the registry does not know fails.

Exit codes: 0 every certificate checks and none is missing; 1 some certificate fails or is
missing; 2 bad input (DIR missing or without ``*.json``, a file unreadable or not JSON), one line on
stderr; 3 an internal error (a bug), one line unless ``CLUSTER_GAMES_DEBUG=1``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from .check import CheckResult, check_certificate
from .targets import TARGETS

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3
PROG = "python -m cluster_games.verify"


class UsageError(Exception):
    """Bad input: one line on stderr, exit code 2."""


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> None:  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _load(directory: str) -> list[tuple[Path, Any]]:
    path = Path(directory)
    if not path.is_dir():
        raise UsageError(f"{directory!r} is not a directory")
    files = sorted(path.glob("*.json"))
    if not files:
        raise UsageError(f"{directory!r} has no *.json certificate files")
    loaded = []
    for f in files:
        try:
            loaded.append((f, json.loads(f.read_text(encoding="utf-8"))))
        except OSError as exc:
            raise UsageError(f"cannot read {f}: {exc.strerror or exc}") from None
        except UnicodeDecodeError:
            raise UsageError(f"{f} is not UTF-8 text") from None
        except json.JSONDecodeError as exc:
            raise UsageError(f"{f} is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    return loaded


def verify(directory: str) -> list[tuple[CheckResult, str | None]]:
    """The verdict on every certificate of ``directory`` and every missing one, with its file name."""
    out: list[tuple[CheckResult, str | None]] = []
    seen: set[str] = set()
    for f, data in _load(directory):
        result = check_certificate(data, name=f.stem)
        if result.ok and f.name != f"{result.id}.json":
            result = CheckResult(result.id, False, f"the file name {f.name} does not match the id")
        elif result.id in seen:
            result = CheckResult(result.id, False, f"a second certificate with this id ({f.name})")
        seen.add(result.id)
        out.append((result, f.name))
    out += [
        (CheckResult(i, False, "missing: no certificate file"), None) for i in sorted(set(TARGETS) - seen)
    ]
    return out


def main(argv: Sequence[str] | None = None) -> int:
    parser = _Parser(prog=PROG, description=__doc__.splitlines()[0], allow_abbrev=False)
    parser.add_argument("directory", metavar="DIR", help="directory of certificate files (*.json)")
    parser.add_argument("--json", action="store_true", help="print the verdicts as a JSON list")
    try:
        args = parser.parse_args(argv)
        results = verify(args.directory)
    except UsageError as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except Exception as exc:  # a bug: one line, the traceback only on request
        if os.environ.get("CLUSTER_GAMES_DEBUG"):
            raise
        message = " ".join(str(exc).split()) or type(exc).__name__
        print(f"{PROG}: internal error: {type(exc).__name__}: {message}", file=sys.stderr)
        return EXIT_INTERNAL
    failed = [r for r, _ in results if not r.ok]
    if args.json:
        rows = [
            {
                "id": r.id,
                "status": "ok" if r.ok else "missing" if f is None else "failed",
                "reason": r.reason,
                "file": f,
            }
            for r, f in results
        ]
        print(json.dumps(rows, indent=1))
    else:
        for r, _ in results:
            print(f"ok  {r.id}" if r.ok else f"FAIL {r.id}: {r.reason}")
        missing = sum(f is None for _, f in results)
        print(
            f"{len(results) - missing} certificates checked: {len(results) - len(failed)} ok, "
            f"{len(failed) - missing} failed, {missing} missing"
            + ("" if not failed else " (failed: " + ", ".join(r.id for r in failed) + ")")
        )
    return EXIT_FAILED if failed else EXIT_OK


if __name__ == "__main__":
    try:
        sys.exit(main())
    except BrokenPipeError:  # e.g. piped into `head`
        sys.exit(EXIT_OK)
