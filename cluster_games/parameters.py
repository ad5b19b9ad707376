r"""A validated parameter set of the model, the object the rest of the API takes.

:class:`Parameters` checks the six structural parameters once (section 1
domains) and carries the derived quantities every computation needs:

.. math::

    G = \alpha - \beta (c + c_A), \quad K = \alpha - \beta c + \beta c_A,
    \quad n_{\min} = 8\beta F / G^2, \quad W_m = K / (2 \beta c).

Parameter files are TOML::

    [parameters]          # required: the six model parameters
    n = 10
    F = 1.0
    alpha = 100.0
    beta = 1.0
    c = 10.0
    c_A = 1.0

    [rates]               # optional: the agency rates of the game
    omega = 0.2           # default: omega*
    W = 0.4               # default: the monopoly rate W_m

    [scenario]            # optional: name and description (strings)
    [facts]               # optional: documented facts, not used in computations
"""

from __future__ import annotations

import dataclasses
import math
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from ._files import PARAMETER_FILE_LIMIT, read_bytes
from .domain import as_real_scalar
from .errors import InputFileError, InvalidParameterError
from .kernels import free_entry
from .kernels.closed_forms import monopoly_rate

__all__ = [
    "Parameters",
    "Rates",
    "ParameterFile",
    "read_parameter_file",
    "load_parameter_file",
    "PARAMETER_NAMES",
    "RATE_NAMES",
]

PARAMETER_NAMES = ("n", "F", "alpha", "beta", "c", "c_A")
RATE_NAMES = ("omega", "W")
_TABLES = {"parameters", "rates", "scenario", "facts"}

_LATEX = {"n": "n", "F": "F", "alpha": r"\alpha", "beta": r"\beta", "c": "c", "c_A": "c_A"}


@dataclass(frozen=True)
class Parameters:
    r"""The six structural parameters of the model, validated on construction.

    Parameters
    ----------
    n : float
        Number of product categories (degree of specialisation), ``n > 0``.
    F : float
        Fixed cost of a trading company, ``F >= 0``.
    alpha, beta : float
        Per-category demand ``Q = alpha - beta p``, both ``> 0``.
    c : float
        Factory unit cost, ``c > 0``.
    c_A : float
        Trading company unit cost, ``c_A >= 0``.

    Raises
    ------
    InvalidParameterError
        (a ``ValueError``) naming the first parameter outside its domain.

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    >>> p.G, p.K
    (89.0, 91.0)
    >>> round(p.omega_star(), 10)
    0.1002247248
    >>> Parameters(n=10, F=1, alpha=100, beta=0, c=10, c_A=1)
    Traceback (most recent call last):
    ...
    cluster_games.errors.InvalidParameterError: parameter 'beta': must be > 0, got 0
    """

    n: float
    F: float
    alpha: float
    beta: float
    c: float
    c_A: float

    def __post_init__(self) -> None:
        for name in PARAMETER_NAMES:
            object.__setattr__(self, name, as_real_scalar(name, getattr(self, name)))

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_mapping(cls, mapping: Mapping[str, Any], *, where: str = "parameters") -> Parameters:
        """Build from a mapping with exactly the keys ``n, F, alpha, beta, c, c_A``.

        Unknown or missing keys raise :class:`InvalidParameterError` naming them.
        """
        unknown = sorted(set(mapping) - set(PARAMETER_NAMES))
        if unknown:
            raise InvalidParameterError(
                unknown[0], f"unknown key in {where} (expected {', '.join(PARAMETER_NAMES)})"
            )
        missing = [name for name in PARAMETER_NAMES if name not in mapping]
        if missing:
            raise InvalidParameterError(missing[0], f"missing from {where}")
        return cls(**{name: mapping[name] for name in PARAMETER_NAMES})

    @classmethod
    def from_toml(cls, path: str | PathLike[str]) -> Parameters:
        """Read the ``[parameters]`` table of a TOML file (see the module docstring)."""
        return load_parameter_file(path)[0]

    def replace(self, **changes: float) -> Parameters:
        """Return a copy with some parameters changed (validated again).

        >>> Parameters(10, 1, 100, 1, 10, 1).replace(n=20).n
        20.0
        """
        unknown = sorted(set(changes) - set(PARAMETER_NAMES))
        if unknown:
            raise InvalidParameterError(unknown[0], "is not a model parameter")
        return dataclasses.replace(self, **changes)

    def as_dict(self) -> dict[str, float]:
        """The parameters as a plain ``dict`` in the canonical order."""
        return {name: getattr(self, name) for name in PARAMETER_NAMES}

    # ------------------------------------------------------------------ derived quantities
    @property
    def G(self) -> float:
        r""":math:`G = \alpha - \beta (c + c_A)`, demand left at cost recovery; trade is feasible iff ``G > 0``."""
        return self.alpha - self.beta * (self.c + self.c_A)

    @property
    def K(self) -> float:
        r""":math:`K = \alpha - \beta c + \beta c_A`."""
        return self.alpha - self.beta * self.c + self.beta * self.c_A

    @property
    def monopoly_rate(self) -> float:
        r"""Rate maximising :math:`m(r) D(r)`, :math:`W_m = K/(2\beta c)`."""
        return monopoly_rate(self.alpha, self.beta, self.c, self.c_A)

    @property
    def cost_recovery_rate(self) -> float:
        r"""The limit of :math:`\omega^*` as :math:`n \to \infty`: :math:`c_A / c`."""
        return self.c_A / self.c

    def n_min(self, *, k: int = free_entry.PAPER_K) -> float:
        r"""Existence threshold :math:`n_{\min} = 4k\beta F / G^2`; ``inf`` when ``G <= 0``."""
        value = free_entry.n_min(self.F, self.alpha, self.beta, self.c, self.c_A, k=k, on_infeasible="nan")
        return math.inf if math.isnan(value) else value

    def is_feasible(self, *, k: int = free_entry.PAPER_K) -> bool:
        """Whether a break-even rate exists (``G > 0`` and ``n >= n_min``), decided exactly."""
        return not math.isnan(self.omega_star(k=k, on_infeasible="nan"))

    def omega_star(self, *, k: int = free_entry.PAPER_K, on_infeasible: str = "raise") -> float:
        """Free-entry agency rate, see :func:`cluster_games.omega_star`."""
        return free_entry.omega_star(
            self.n, self.F, self.alpha, self.beta, self.c, self.c_A, k=k, on_infeasible=on_infeasible
        )

    # ------------------------------------------------------------------ display
    def __str__(self) -> str:
        return "Parameters(" + ", ".join(f"{k}={v:g}" for k, v in self.as_dict().items()) + ")"

    def _repr_latex_(self) -> str:
        body = r",\; ".join(f"{_LATEX[k]} = {v:g}" for k, v in self.as_dict().items())
        return f"$\\displaystyle {body}$"

    def _repr_markdown_(self) -> str:
        head = "| " + " | ".join(f"${_LATEX[k]}$" for k in PARAMETER_NAMES) + " |"
        rule = "|" + "---|" * len(PARAMETER_NAMES)
        row = "| " + " | ".join(f"{v:g}" for v in self.as_dict().values()) + " |"
        return "\n".join([head, rule, row])


@dataclass(frozen=True)
class Rates:
    r"""The two agency rates of the game: :math:`\omega` (seeing customers) and :math:`W` (hiding).

    ``None`` means "use the default": :math:`\omega^*` for ``omega`` and the
    monopoly rate :math:`W_m` for ``W``, taken exactly by
    :meth:`ClusterGame.at <cluster_games.game.ClusterGame.at>`. The domain of a game
    (:math:`W > \omega`, :math:`D(W) \ge 0`, :math:`m(W) \ge 0`) involves the parameters
    and is checked there.
    """

    omega: float | None = None
    W: float | None = None

    def __post_init__(self) -> None:
        for name in RATE_NAMES:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_real_scalar(name, value))


@dataclass(frozen=True)
class ParameterFile:
    """The validated contents of a TOML parameter file; keys may be missing.

    ``parameters`` and ``rates`` map names to validated floats; ``extra`` holds the
    ``[scenario]`` and ``[facts]`` tables. :func:`load_parameter_file` requires
    every parameter; the command line lets flags fill the missing ones.
    """

    path: Path
    parameters: dict[str, float]
    rates: dict[str, float]
    extra: dict[str, Any]


def read_parameter_file(path: str | PathLike[str]) -> ParameterFile:
    """Read and validate a TOML parameter file without requiring every parameter.

    Raises
    ------
    InputFileError
        For a missing, unreadable, non-UTF-8 or malformed file, or a table that is not a table; for
        a path that is not a regular file (a FIFO, a device: refused before reading) or a file
        larger than :data:`~cluster_games._files.PARAMETER_FILE_LIMIT` (1 MiB).
    InvalidParameterError
        For an unknown table or key, or a value outside its domain; the message names the key.
    """
    p = Path(path)
    raw = read_bytes(path, "parameter file", limit=PARAMETER_FILE_LIMIT)  # a regular file of at most 1 MiB
    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        raise InputFileError(f"cannot read {p}: not UTF-8 text") from None
    except tomllib.TOMLDecodeError as exc:
        raise InputFileError(f"cannot read {p}: TOML syntax error: {exc}") from None
    except ValueError:  # tomllib's int() of an integer beyond Python's limit of 4300 digits
        raise InputFileError(f"cannot read {p}: an integer has more than 4300 digits") from None
    unknown = sorted(set(data) - _TABLES)
    if unknown:
        raise InvalidParameterError(
            unknown[0], f"unknown top-level key in {p} (allowed tables: {', '.join(sorted(_TABLES))})"
        )
    for table in _TABLES & set(data):
        if not isinstance(data[table], dict):
            raise InputFileError(f"{table!r} must be a table ([{table}]) in {p}")
    params_table = data.get("parameters", {})
    rates_table = data.get("rates", {})
    for table, names in (("parameters", PARAMETER_NAMES), ("rates", RATE_NAMES)):
        unknown = sorted(set(data.get(table, {})) - set(names))
        if unknown:
            raise InvalidParameterError(
                unknown[0], f"unknown key in [{table}] of {p} (expected {', '.join(names)})"
            )

    def number(name: str, value: Any) -> float:
        if isinstance(value, bool) or not isinstance(value, int | float):
            raise InvalidParameterError(
                name, f"must be a real number in {p}, got {type(value).__name__} {value!r}"
            )
        return as_real_scalar(name, value)

    return ParameterFile(
        p,
        {k: number(k, params_table[k]) for k in PARAMETER_NAMES if k in params_table},
        {k: number(k, rates_table[k]) for k in RATE_NAMES if k in rates_table},
        {t: data[t] for t in ("scenario", "facts") if t in data},
    )


def load_parameter_file(path: str | PathLike[str]) -> tuple[Parameters, Rates, dict[str, Any]]:
    """Read a TOML parameter file; return the parameters, the rates and the other tables.

    Every parameter must be in the ``[parameters]`` table (see :func:`read_parameter_file`
    for files that give only some).

    Raises
    ------
    InputFileError, InvalidParameterError
        As :func:`read_parameter_file`; also for a missing ``[parameters]`` table or key.
    """
    f = read_parameter_file(path)
    params = Parameters.from_mapping(f.parameters, where=f"[parameters] of {f.path}")
    return params, Rates(**f.rates), f.extra
