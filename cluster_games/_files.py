"""Reading a user's file safely: a regular file only, and never more than a stated number of bytes.

A path can name a FIFO (reading it waits forever for a writer), a device (``/dev/zero`` never
ends; ``/dev/urandom`` neither) or a huge file. :func:`read_bytes` looks at what the path is
before reading it, opens it without blocking, checks again on the open file (the path may have
changed in between) and reads at most ``limit`` bytes, so memory and time are bounded by the
limit whatever the path names. The limits of the toolkit's inputs are stated where they are used:
:data:`PARAMETER_FILE_LIMIT` and :data:`GAME_FILE_LIMIT`.

>>> import tempfile, os
>>> with tempfile.TemporaryDirectory() as d:
...     path = os.path.join(d, "p.toml")
...     _ = open(path, "w").write("x = 1\\n")
...     read_bytes(path, "parameter file", limit=1024)
b'x = 1\\n'
>>> read_bytes("/dev/zero", "game file", limit=1024)
Traceback (most recent call last):
...
cluster_games.errors.InputFileError: game file /dev/zero is a character device, not a regular file (refused before reading)
"""

from __future__ import annotations

import os
import stat
from os import PathLike
from pathlib import Path

from .errors import InputFileError

__all__ = ["read_bytes", "PARAMETER_FILE_LIMIT", "GAME_FILE_LIMIT", "kind_of"]

#: Largest TOML parameter file read (a real one is a few hundred bytes).
PARAMETER_FILE_LIMIT = 1 << 20  # 1 MiB

#: Largest game file (.nfg or .toml) read: a 500 x 500 game (the most payoffs a matrix may hold)
#: written with payoffs of up to 15 characters.
GAME_FILE_LIMIT = 8 << 20  # 8 MiB


def kind_of(mode: int) -> str:
    """What a file mode describes, in words (``"a FIFO"``, ``"a character device"``, ...)."""
    for test, name in (
        (stat.S_ISDIR, "a directory"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    ):
        if test(mode):
            return name
    return "not a regular file"


def _size(n: int) -> str:
    return f"{n / (1 << 20):.3g} MiB" if n >= 1 << 20 else f"{n:,} bytes"


def read_bytes(path: str | PathLike[str], what: str, *, limit: int) -> bytes:
    """The contents of the regular file ``path``, at most ``limit`` bytes, or :class:`InputFileError`.

    ``what`` names the file in messages (``"game file"``). Directories, FIFOs, devices and
    sockets are refused before any byte is read; so is a file larger than ``limit``.
    """
    p = Path(path)
    if not str(path):
        raise InputFileError(f"{what}: the path is empty")
    try:
        mode = os.stat(p).st_mode
    except FileNotFoundError:
        raise InputFileError(f"{what} not found: {p}") from None
    except OSError as exc:
        raise InputFileError(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(mode):
        raise InputFileError(f"{what} {p} is a directory")
    if not stat.S_ISREG(mode):
        raise InputFileError(f"{what} {p} is {kind_of(mode)}, not a regular file (refused before reading)")
    try:
        # O_NONBLOCK: if the path became a FIFO since the stat, opening it does not wait for a writer
        fd = os.open(p, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except OSError as exc:
        raise InputFileError(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    with os.fdopen(fd, "rb") as fh:
        info = os.fstat(fh.fileno())
        if not stat.S_ISREG(info.st_mode):
            raise InputFileError(
                f"{what} {p} is {kind_of(info.st_mode)}, not a regular file (refused before reading)"
            )
        if info.st_size > limit:
            raise InputFileError(
                f"{what} {p} is {_size(info.st_size)}; at most {_size(limit)} is read (is it the right file?)"
            )
        try:
            data = fh.read(limit + 1)
        except OSError as exc:
            raise InputFileError(f"cannot read {what} {p}: {exc.strerror or exc}") from None
    if len(data) > limit:  # it grew after the check
        raise InputFileError(f"{what} {p} is larger than {_size(limit)}; at most that is read")
    return data
