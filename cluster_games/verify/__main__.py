"""``python -m cluster_games.verify DIR [--json]``: check every certificate file of DIR.

Prints one line per certificate (``ok  ID`` or ``FAIL ID: reason``) and a summary. A registry id
with no file is ``missing``; a file with an id the registry does not know fails.

Exit codes: 0 every certificate checks and none is missing; 1 some certificate fails or is
missing (a malformed certificate, or one beyond the checker's bounds on size and work, fails); 2 bad
input (DIR missing or without ``*.json``, a file that is not a regular file, larger than
:data:`FILE_LIMIT`, unreadable or not JSON), one line on stderr; 3 an internal error (a bug), one line
unless ``CLUSTER_GAMES_DEBUG=1``.

Reading is bounded: only regular files are opened (a FIFO or a device named ``*.json`` is refused
before reading), each of at most :data:`FILE_LIMIT` bytes, at most :data:`MAX_FILES` of them, and the
JSON may nest at most :data:`MAX_DEPTH` deep with integers of at most 20 digits (the format's
integers are exponents).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import stat
import sys
from collections.abc import Iterator, Sequence
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


#: Largest certificate file read (a fresh export's largest is under 3 KB).
FILE_LIMIT = 1 << 20
#: Most certificate files in one directory (the registry has fewer than a hundred).
MAX_FILES = 1000
#: Deepest JSON nesting accepted (a certificate nests 7 deep).
MAX_DEPTH = 64


def _read(f: Path) -> bytes:
    """The bytes of ``f``: a regular file of at most :data:`FILE_LIMIT` bytes (checked before reading)."""
    try:
        mode = os.stat(f).st_mode
        if not stat.S_ISREG(mode):
            raise UsageError(
                f"{f} is not a regular file (a FIFO, a device or a directory): refused before reading"
            )
        fd = os.open(f, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))  # a FIFO swapped in does not block
        with os.fdopen(fd, "rb") as fh:
            info = os.fstat(fh.fileno())
            if not stat.S_ISREG(info.st_mode):
                raise UsageError(f"{f} is not a regular file: refused before reading")
            data = fh.read(FILE_LIMIT + 1)
    except OSError as exc:
        raise UsageError(f"cannot read {f}: {exc.strerror or exc}") from None
    if len(data) > FILE_LIMIT:
        raise UsageError(f"{f} is larger than {FILE_LIMIT:,} bytes, the checker's limit for one certificate")
    return data


def _integer(text: str) -> int:
    if len(text.lstrip("-")) > 20:
        raise ValueError(f"an integer of {len(text):,} digits")
    return int(text)


def _number(text: str) -> float:
    if len(text) > 40:  # float() of a million digits is slow; no certificate holds a float anyway
        raise ValueError(f"a number of {len(text):,} characters")
    return float(text)


def _depth(text: str) -> int:
    """The deepest nesting of brackets outside strings (the json module recurses once per level)."""
    depth = deepest = 0
    for token in re.finditer(r'"(?:[^"\\]|\\.)*"|[\[{]|[\]}]', text):
        t = token.group()
        if t in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif t in "]}":
            depth -= 1
    return deepest


def _parse_json(f: Path, raw: bytes) -> Any:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError(f"{f} is not UTF-8 text") from None
    if _depth(text) > MAX_DEPTH:
        raise UsageError(f"{f} is not a certificate: JSON nested deeper than {MAX_DEPTH} levels")
    try:
        return json.loads(text, parse_int=_integer, parse_float=_number)
    except json.JSONDecodeError as exc:
        raise UsageError(f"{f} is not valid JSON: {exc.msg} at line {exc.lineno}") from None
    except ValueError as exc:  # from the hooks above
        raise UsageError(f"{f} is not a certificate: {exc}") from None


def _load(directory: str) -> Iterator[tuple[Path, Any]]:
    path = Path(directory)
    if not directory or not path.is_dir():
        raise UsageError(f"{directory!r} is not a directory")
    files = []
    for f in path.glob("*.json"):
        files.append(f)
        if len(files) > MAX_FILES:
            raise UsageError(f"{directory!r} has more than {MAX_FILES:,} *.json files")
    if not files:
        raise UsageError(f"{directory!r} has no *.json certificate files")
    return ((f, _parse_json(f, _read(f))) for f in sorted(files))  # one file in memory at a time


def verify(directory: str) -> list[tuple[CheckResult, str | None]]:
    """The verdict on every certificate of ``directory`` and every missing one, with its file name."""
    out: list[tuple[CheckResult, str | None]] = []
    seen: set[str] = set()
    for f, data in _load(directory):
        # The cheap verdicts first: each registry id is checked at most once, so a directory of
        # copies costs no more than the registry (at most WORK_LIMIT operations per id).
        given = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else None
        if given is not None and f.name != f"{given}.json":
            result = CheckResult(given[:200], False, f"the file name {f.name} does not match the id")
        elif given is not None and given in seen:
            result = CheckResult(given, False, f"a second certificate with this id ({f.name})")
        else:
            result = check_certificate(data, name=f.stem)
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
