"""Argument helpers shared by the command modules (standard library only)."""

from __future__ import annotations

import argparse

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2

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


def add_parameter_options(p: argparse.ArgumentParser, *, example: bool = True, rates: bool = True) -> None:
    """--params FILE.toml, --scenario NAME, --example, one flag per model parameter, and optionally --omega/--W."""
    g = p.add_argument_group("model parameters (flags override --params and --scenario)")
    g.add_argument(
        "--params", metavar="FILE.toml", help="TOML file with a [parameters] table and optional [rates]"
    )
    g.add_argument(
        "--scenario",
        metavar="NAME",
        help="a scenario shipped with the package (e.g. chenghai); like --params with its file",
    )
    if example:
        g.add_argument(
            "--example",
            action="store_true",
            help="use the SPEC example n=10, F=1, alpha=100, beta=1, c=10, c_A=1",
        )
    for name, flag in PARAM_FLAGS:
        g.add_argument(flag, dest=name, type=number, metavar=name.upper())
    if rates:
        r = p.add_argument_group("rates of the game")
        r.add_argument("--omega", type=number, help="seeing rate (default: omega*)")
        r.add_argument("--W", dest="W", type=number, help="hiding rate (default: see the command's help)")


def add_backend_options(p: argparse.ArgumentParser) -> None:
    """--backend numpy|dask and --scheduler ADDRESS, shared by the commands that run at scale."""
    p.add_argument("--backend", choices=("numpy", "dask"), default="numpy")
    p.add_argument(
        "--scheduler", metavar="ADDRESS", help="dask.distributed scheduler (default: a local cluster)"
    )


def load_parameters(args: argparse.Namespace, *, required: bool = True):
    """``(Parameters | None, Rates)`` from --params / --scenario / --example and the flags (flags win).

    Returns ``(None, rates)`` when nothing was given and ``required`` is false.
    """
    from ..parameters import Parameters, Rates, load_parameter_file

    values: dict[str, float] = {}
    rates = Rates()
    if getattr(args, "params", None) and getattr(args, "scenario", None):
        raise UsageError("give either --params FILE.toml or --scenario NAME, not both")
    if getattr(args, "params", None):
        params, rates, _ = load_parameter_file(args.params)
        values = params.as_dict()
    elif getattr(args, "scenario", None):
        from ..scenarios import load_scenario

        params, rates, _ = load_scenario(args.scenario)
        values = params.as_dict()
    elif getattr(args, "example", False):
        values = dict(EXAMPLE_VALUES)
    for name, _ in PARAM_FLAGS:
        if getattr(args, name, None) is not None:
            values[name] = getattr(args, name)
    omega = getattr(args, "omega", None)
    W = getattr(args, "W", None)
    omega = omega if omega is not None else rates.omega
    W = W if W is not None else rates.W
    if not values and not required:
        return None, Rates(omega=omega, W=W)
    missing = [flag for name, flag in PARAM_FLAGS if name not in values]
    if missing:
        raise UsageError(
            f"missing {', '.join(missing)} (give every parameter, --params FILE.toml, --scenario NAME or --example)"
        )
    return Parameters(**values), Rates(omega=omega, W=W)
