"""Sub-commands of the ``cluster-games`` CLI, one module each.

A command module defines ``NAME`` (the sub-command), ``ORDER`` (position in
``--help``), ``HELP`` (one line) and ``register(subparsers)``, which adds its
parser and sets ``run=<callable(args) -> int>`` as a default. The CLI finds
command modules by listing this package, so adding a command is adding a file.
Command modules import only the standard library at import time; the
computation they run is imported inside ``run``.
"""
