"""``cluster-games plot KIND --out FILE``: draw one figure of the model (needs matplotlib)."""

from __future__ import annotations

import argparse

from ._common import (
    EXIT_OK,
    UsageError,
    add_parameter_options,
    load_parameters,
    load_units,
    number,
    writable_path,
)

NAME = "plot"
ORDER = 30
HELP = "draw a figure (omega, dominance, threshold, elasticities, companies, collusion, atlas) to a PNG, SVG or PDF file"

KINDS = {
    "omega": "omega*(n) with n_min and the limit c_A/c; beside it, on one scale, the paper's printed formula (erratum E1)",
    "dominance": "the (omega, W) plane: where Y strictly dominates, the paper's sufficient region, infeasible trade, "
    "outside the model (hatched)",
    "threshold": "factory break-even output Q_bar(omega) (Proposition 4) and investment gap I' - I (Proposition 5)",
    "elasticities": "elasticity d ln omega* / d ln x for each parameter x (comparative statics)",
    "companies": "beyond the paper: the (k, n) plane of k trading companies at (omega*(k), W_m): infeasible, "
    "seeing customers dominant, coordination game",
    "collusion": "beyond the paper: the collusion threshold delta_c against the number of companies k, "
    "for n/2, n, 2n and 4n",
    "atlas": "any parametric game (plot atlas FILE --x P --y Q [--fixed R=1 ...]): the equilibrium atlas on the "
    "(P, Q) slice, regions coloured by structure, boundaries as lines, the domain's outside hatched",
}
FORMATS = (".png", ".svg", ".pdf")
#: What --xlim and --ylim set, by kind (the figure functions' ``xlim`` and ``ylim``).
AXES = {
    "omega": ("n", "omega*"),
    "dominance": ("omega", "W"),
    "elasticities": (None, "the elasticities"),
    "companies": ("k, whole numbers from 2 to 2000", "n"),
    "collusion": ("k, whole numbers from 2 to 2000", "delta_c"),
    "atlas": ("--x", "--y"),
}


def axis_limits(text: str) -> tuple[float, float]:
    """An argparse type: ``LO:HI``, two numbers parsed with float() (the figure checks the range).

    >>> axis_limits("0:0.2")
    (0.0, 0.2)
    """
    lo, sep, hi = text.partition(":")
    try:
        if not sep:
            raise ValueError
        return float(lo), float(hi)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected LO:HI (two numbers), got {text!r}") from None


def register(subparsers) -> None:
    p = subparsers.add_parser(
        NAME,
        help=HELP,
        description="Draw a figure of the model at one parameter set. Kinds: "
        + "; ".join(f"{k}: {v}" for k, v in KINDS.items())
        + ". Needs matplotlib (pip install -e '.[plot]' in a clone of cluster_games).",
    )
    p.add_argument("kind", metavar="KIND", choices=tuple(KINDS), help="one of: " + ", ".join(KINDS))
    p.add_argument(
        "game", metavar="FILE", nargs="?", help="for 'atlas': the parametric game (TOML, as 'atlas')"
    )
    add_parameter_options(p)
    g = p.add_argument_group("atlas (plot atlas FILE --x P --y Q)")
    g.add_argument("--x", dest="atlas_x", metavar="P", help="the parameter on the horizontal axis")
    g.add_argument("--y", dest="atlas_y", metavar="Q", help="the parameter on the vertical axis")
    g.add_argument(
        "--fixed",
        action="append",
        default=[],
        metavar="NAME=VALUE",
        help="the value of every other parameter (exact: 3, 1/2, 0.25), once per parameter",
    )
    g.add_argument(
        "--timeout", type=number, default=10.0, metavar="SECONDS", help="solver time limit per query"
    )
    p.add_argument(
        "--out",
        required=True,
        metavar="FILE",
        help="output file; the format follows the suffix (.png, .svg, .pdf)",
    )
    p.add_argument(
        "--dpi", type=number, default=150.0, help="resolution of PNG output, 10 to 1200 (default 150)"
    )
    axes = "; ".join(f"{k}: x {x or '(none)'}, y {y}" for k, (x, y) in AXES.items())
    p.add_argument(
        "--xlim", type=axis_limits, metavar="LO:HI", help=f"range of the x axis ({axes}; not for threshold)"
    )
    p.add_argument("--ylim", type=axis_limits, metavar="LO:HI", help="range of the y axis (see --xlim)")
    p.add_argument(
        "--footer",
        action=argparse.BooleanOptionalAction,
        default=True,
        help="write the parameter set (and rates) along the bottom of the figure (default: on; --no-footer)",
    )
    p.set_defaults(run=run)


def _draw(kind: str, params, rates, units: dict[str, str | None], footer: bool, limits: dict):
    from .. import figures as plots

    if kind == "omega":
        return plots.omega_star_curve(params, footer=footer, **limits, **units)
    if kind == "dominance":
        return plots.dominance_map(params, rates, footer=footer, **limits, **units)
    if kind == "elasticities":
        return plots.elasticities(params, footer=footer, **limits, **units)
    if kind == "companies":
        return plots.companies_map(params, mark=[2], footer=footer, **limits, **units)
    if kind == "collusion":
        return plots.collusion_threshold_curves(params, footer=footer, **limits, **units)
    if limits:
        raise UsageError(
            "--xlim/--ylim: plot threshold draws two panels with different axes (use factory_threshold(xlim=...) "
            "and investment_gap(xlim=...) in Python)"
        )
    from matplotlib.figure import Figure

    fig = Figure(figsize=(11.0, 4.4), layout="constrained")
    left, right = fig.subplots(1, 2)
    plots.factory_threshold(params, ax=left, **units)
    plots.investment_gap(params, ax=right, **units)
    if footer:
        plots.add_footer(fig, plots.footer_text(params, **units))
    return fig


def _atlas_figure(args: argparse.Namespace, limits: dict):
    from ..figures import atlas_map
    from ..parametric import ParametricGame

    if args.game is None or args.atlas_x is None or args.atlas_y is None:
        raise UsageError(
            "plot atlas needs FILE, --x and --y (e.g. plot atlas game.toml --x V --y C --out map.png)"
        )
    fixed = {}
    for item in args.fixed:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise UsageError(f"--fixed expects NAME=VALUE, got {item!r}")
        if name.strip() in fixed:
            raise UsageError(f"--fixed gives {name.strip()!r} twice")
        fixed[name.strip()] = value.strip()
    if not 0.01 <= args.timeout <= 3600:
        raise UsageError(f"--timeout must be from 0.01 to 3600 seconds, got {args.timeout:g}")
    game = ParametricGame.from_toml(args.game)
    atlas = game.atlas(timeout=args.timeout)
    return atlas_map(atlas, args.atlas_x, args.atlas_y, fixed, **limits)


def run(args: argparse.Namespace) -> int:
    out = writable_path(args.out, "--out", FORMATS)
    if not (10 <= args.dpi <= 1200):
        raise UsageError(f"--dpi must be from 10 to 1200, got {args.dpi:g}")
    try:
        import matplotlib
    except ImportError:
        raise UsageError(
            "plot needs matplotlib: pip install -e '.[plot]' in a clone of cluster_games"
        ) from None
    matplotlib.use("Agg")
    limits = {key: value for key in ("xlim", "ylim") if (value := getattr(args, key)) is not None}
    atlas_only = [flag for flag, value in (("FILE", args.game), ("--x", args.atlas_x), ("--y", args.atlas_y),
                                           ("--fixed", args.fixed)) if value]  # fmt: skip
    if args.kind == "atlas":
        from ._common import PARAM_FLAGS

        model_flags = [flag for name, flag in PARAM_FLAGS if getattr(args, name, None) is not None]
        model_flags += [f"--{k}" for k in ("params", "scenario", "omega", "W") if getattr(args, k, None)]
        if model_flags or getattr(args, "example", False):
            raise UsageError(
                f"{(model_flags or ['--example'])[0]} is a model parameter; plot atlas takes --fixed NAME=VALUE"
            )
        return _save(_atlas_figure(args, limits), out, args.dpi, "atlas")
    if atlas_only:
        raise UsageError(f"{atlas_only[0]} is for 'plot atlas' only")
    params, rates = load_parameters(args)
    if args.kind == "elasticities" and "xlim" in limits:
        raise UsageError("--xlim: the elasticities' x axis lists the six parameters, it has no range")
    fig = _draw(args.kind, params, rates, load_units(args).as_kwargs(), args.footer, limits)
    return _save(fig, out, args.dpi, args.kind)


def _save(fig, out, dpi, kind: str) -> int:
    """Write ``fig`` to ``out``; a path that cannot be written is bad input (exit 2), not a crash."""
    try:
        fig.savefig(out, dpi=dpi)
    except OSError as exc:
        raise UsageError(f"cannot write {str(out)!r}: {exc.strerror or exc}") from None
    print(f"wrote {out} ({kind})")
    return EXIT_OK
