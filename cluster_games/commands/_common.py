"""Argument helpers shared by the command modules (standard library only).

The exit-code contract of every command lives here (:data:`EXIT_CODES`) and in
:func:`cluster_games.cli.main`, which maps exceptions to codes.
"""

from __future__ import annotations

import argparse
import decimal
import os
from pathlib import Path

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERNAL = 0, 1, 2, 3

#: Shown at the end of every ``--help``.
EXIT_CODES = (
    "exit codes: 0 success; 1 a claim or proposition fails (prove, check); "
    "2 bad input or environment (one line on stderr names what is wrong); 3 internal error (a bug)"
)

PARAM_FLAGS = (
    ("n", "--n"),
    ("F", "--F"),
    ("alpha", "--alpha"),
    ("beta", "--beta"),
    ("c", "--c"),
    ("c_A", "--c-A"),
)
EXAMPLE_VALUES = {"n": 10.0, "F": 1.0, "alpha": 100.0, "beta": 1.0, "c": 10.0, "c_A": 1.0}


class UsageError(Exception):
    """Bad command-line input: reported on one line, exit code 2."""


def number(text: str) -> float:
    """Parse a real number with float() (no evaluation); NaN/inf are caught by validation."""
    try:
        return float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None


def whole_number(least: int, most: int | None = None):
    """An argparse type: a whole number ``least <= x <= most`` written as an integer or with an exponent (``1e6``).

    The text is read exactly (as a decimal), never through a float: ``9007199254740993`` is
    that integer, not the float 2**53 next to it.

    >>> whole_number(1)("1e3"), whole_number(0)("9007199254740993")
    (1000, 9007199254740993)
    """
    # large bounds as 1e+09 rather than 1000000000, small ones as written
    bound = f">= {least}" if most is None else f"from {least} to {most if most < 10**6 else f'{most:.3g}'}"

    def parse(text: str) -> int:
        try:
            value = decimal.Decimal(text.strip())
        except (decimal.InvalidOperation, ValueError):
            raise argparse.ArgumentTypeError(f"not a number: {text!r}") from None
        # the exponent is looked at before an integer is built: 1e999999999 is refused at once
        if not value.is_finite() or value.adjusted() > 40 or value != value.to_integral_value():
            raise argparse.ArgumentTypeError(f"must be a whole number {bound}, got {text!r}")
        whole = int(value)
        if whole < least or (most is not None and whole > most):
            raise argparse.ArgumentTypeError(f"must be a whole number {bound}, got {text!r}")
        return whole

    return parse


def add_parameter_options(p: argparse.ArgumentParser, *, rates: bool = True) -> None:
    """--params FILE.toml | --scenario NAME | --example, one flag per model parameter, and --omega/--W.

    Flags override (or fill in) the values of a file or scenario.
    """
    g = p.add_argument_group("model parameters (flags override or complete --params and --scenario)")
    source = g.add_mutually_exclusive_group()
    source.add_argument(
        "--params",
        metavar="FILE.toml",
        help="TOML file with a [parameters] table and optional [rates]; flags may fill missing keys",
    )
    source.add_argument(
        "--scenario",
        metavar="NAME",
        help="a scenario shipped with the package (e.g. chenghai); like --params with its file",
    )
    source.add_argument(
        "--example",
        action="store_true",
        help="the worked example n=10, F=1, alpha=100, beta=1, c=10, c_A=1",
    )
    for name, flag in PARAM_FLAGS:
        g.add_argument(flag, dest=name, type=number, metavar=name.upper())
    if rates:
        r = p.add_argument_group("rates of the game")
        r.add_argument("--omega", type=number, help="seeing rate (default: omega*)")
        r.add_argument("--W", dest="W", type=number, help="hiding rate (default: see the command's help)")


def add_format_options(p: argparse.ArgumentParser) -> None:
    """--format text|markdown|json and its shorthand --json (conflicting values are refused)."""
    p.add_argument("--format", choices=("text", "markdown", "json"), default=None, help="output format")
    p.add_argument("--json", action="store_true", help="shorthand for --format json")


def output_format(args: argparse.Namespace) -> str:
    """The chosen format; ``--json`` with another ``--format`` is a usage error."""
    if args.json and args.format not in (None, "json"):
        raise UsageError(f"--json conflicts with --format {args.format}")
    return "json" if args.json else (args.format or "text")


def add_backend_options(p: argparse.ArgumentParser) -> None:
    """--backend numpy|dask and --scheduler ADDRESS, shared by the commands that run at scale."""
    p.add_argument("--backend", choices=("numpy", "dask"), default="numpy")
    p.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="dask.distributed scheduler, e.g. tcp://host:8786 (default: a local cluster); needs --backend dask",
    )


def check_backend(args: argparse.Namespace) -> None:
    """--scheduler only makes sense with --backend dask."""
    if args.scheduler is not None and args.backend != "dask":
        raise UsageError("--scheduler needs --backend dask")


def writable_dir(path: str, flag: str) -> Path:
    """An output directory: existing and writable, or creatable (its parent exists and is writable).

    An empty path is refused (``Path("")`` would be the working directory).
    """
    if not path.strip():
        raise UsageError(f"{flag}: the path is empty (give a directory, e.g. {flag} certificates)")
    out = Path(path)
    if out.exists() and not out.is_dir():
        raise UsageError(f"{flag} {path!r} exists and is not a directory")
    probe = out if out.exists() else (out.parent if str(out.parent) else Path("."))
    if not probe.is_dir():
        raise UsageError(f"{flag} {path!r}: directory {str(probe)!r} does not exist")
    if not os.access(probe, os.W_OK):
        raise UsageError(f"{flag} {path!r}: not writable")
    return out


def writable_path(path: str, flag: str, suffixes: tuple[str, ...]) -> Path:
    """An output path with one of ``suffixes`` whose directory exists and is writable."""
    if not path.strip():
        raise UsageError(f"{flag}: the path is empty")
    out = Path(path)
    if out.is_dir():
        raise UsageError(f"{flag} {path!r} is a directory")
    if out.suffix.lower() not in suffixes:
        raise UsageError(
            f"{flag} {path!r}: unsupported format {out.suffix or '(none)'!r} (use {', '.join(suffixes)})"
        )
    parent = out.parent if str(out.parent) else Path(".")
    if not parent.is_dir():
        raise UsageError(f"{flag} {path!r}: directory {str(parent)!r} does not exist")
    if not os.access(parent, os.W_OK) or (out.exists() and not os.access(out, os.W_OK)):
        raise UsageError(f"{flag} {path!r}: not writable")
    return out


def load_parameters(args: argparse.Namespace, *, required: bool = True):
    """``(Parameters | None, Rates)`` from --params / --scenario / --example and the flags (flags win).

    A parameter file may leave out parameters that flags give. Returns ``(None, rates)``
    when nothing was given and ``required`` is false.
    """
    from ..parameters import Parameters, Rates, read_parameter_file

    values: dict[str, float] = {}
    file_rates: dict[str, float] = {}
    if getattr(args, "params", None) is not None:  # an empty path is refused, not ignored
        f = read_parameter_file(args.params)
        values, file_rates = dict(f.parameters), dict(f.rates)
    elif getattr(args, "scenario", None):
        from ..scenarios import load_scenario

        params, rates, _ = load_scenario(args.scenario)
        values = params.as_dict()
        file_rates = {k: v for k, v in (("omega", rates.omega), ("W", rates.W)) if v is not None}
    elif getattr(args, "example", False):
        values = dict(EXAMPLE_VALUES)
    for name, _ in PARAM_FLAGS:
        if getattr(args, name, None) is not None:
            values[name] = getattr(args, name)
    for name in ("omega", "W"):
        if getattr(args, name, None) is not None:
            file_rates[name] = getattr(args, name)
    rates = Rates(**file_rates)
    if not values and not required:
        return None, rates
    missing = [flag for name, flag in PARAM_FLAGS if name not in values]
    if missing:
        where = f" in {args.params} or as flags" if getattr(args, "params", None) else ""
        raise UsageError(
            f"missing {', '.join(missing)}{where} (give every parameter, --params FILE.toml, "
            "--scenario NAME or --example)"
        )
    return Parameters(**values), rates


def load_units(args: argparse.Namespace):
    """The :class:`~cluster_games.units.Units` of the scenario or parameter file (its ``[scenario]``
    table's ``money_unit`` and ``quantity_unit``); none declared for flags and ``--example``."""
    from ..units import Units

    extra: dict = {}
    if getattr(args, "scenario", None):
        from ..scenarios import load_scenario

        extra = load_scenario(args.scenario)[2]
    elif getattr(args, "params", None):
        from ..parameters import read_parameter_file

        extra = read_parameter_file(args.params).extra
    return Units.from_extra(extra)
