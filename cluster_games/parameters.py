r"""A validated parameter set of the model, the object the rest of the API takes.

:class:`Parameters` checks the six structural parameters once (SPEC section 1
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

from .domain import as_real_scalar
from .errors import InvalidParameterError
from .kernels import free_entry

__all__ = ["Parameters", "Rates", "load_parameter_file", "PARAMETER_NAMES", "RATE_NAMES"]

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
        return self.K / (2 * self.beta * self.c)

    @property
    def cost_recovery_rate(self) -> float:
        r"""The limit of :math:`\omega^*` as :math:`n \to \infty`: :math:`c_A / c`."""
        return self.c_A / self.c

    def n_min(self, *, k: float = free_entry.PAPER_K) -> float:
        r"""Existence threshold :math:`n_{\min} = 4k\beta F / G^2`; ``inf`` when ``G <= 0``."""
        value = free_entry.n_min(self.F, self.alpha, self.beta, self.c, self.c_A, k=k, on_infeasible="nan")
        return math.inf if math.isnan(value) else value

    def is_feasible(self, *, k: float = free_entry.PAPER_K) -> bool:
        """Whether a break-even rate exists (``G > 0`` and ``n >= n_min``), decided exactly."""
        return not math.isnan(self.omega_star(k=k, on_infeasible="nan"))

    def omega_star(self, *, k: float = free_entry.PAPER_K, on_infeasible: str = "raise") -> float:
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
    monopoly rate :math:`W_m` for ``W`` (see :meth:`resolve`).
    """

    omega: float | None = None
    W: float | None = None

    def __post_init__(self) -> None:
        for name in RATE_NAMES:
            value = getattr(self, name)
            if value is not None:
                object.__setattr__(self, name, as_real_scalar(name, value))

    def resolve(self, params: Parameters) -> tuple[float, float]:
        """Fill in defaults and check ``W > omega``.

        Raises
        ------
        NoEquilibriumError
            If ``omega`` is left to default and no free-entry rate exists.
        InvalidParameterError
            If ``W <= omega``.
        """
        omega = self.omega if self.omega is not None else params.omega_star()
        W = self.W if self.W is not None else params.monopoly_rate
        if not W > omega:
            hint = " (the default W is the monopoly rate W_m; pass W explicitly)" if self.W is None else ""
            raise InvalidParameterError("W", f"must exceed omega = {omega:.6g}, got {W:.6g}{hint}")
        return omega, W


def load_parameter_file(path: str | PathLike[str]) -> tuple[Parameters, Rates, dict[str, Any]]:
    """Read a TOML parameter file; return the parameters, the rates and the other tables.

    Raises
    ------
    InvalidParameterError
        For a missing or unreadable file, a TOML syntax error, an unknown table or
        key, or a value outside its domain; the message names the file and the key.
    """
    p = Path(path)
    try:
        with p.open("rb") as fh:
            data = tomllib.load(fh)
    except FileNotFoundError:
        raise InvalidParameterError("params", f"file not found: {p}") from None
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise InvalidParameterError("params", f"cannot read {p}: {exc}") from None
    unknown = sorted(set(data) - _TABLES)
    if unknown:
        raise InvalidParameterError(
            unknown[0], f"unknown top-level key in {p} (allowed tables: {', '.join(sorted(_TABLES))})"
        )
    for table in _TABLES & set(data):
        if not isinstance(data[table], dict):
            raise InvalidParameterError(table, f"must be a table ([{table}]) in {p}")
    if "parameters" not in data:
        raise InvalidParameterError("parameters", f"table [parameters] missing from {p}")
    params = Parameters.from_mapping(data["parameters"], where=f"[parameters] of {p}")
    rates_table = data.get("rates", {})
    unknown = sorted(set(rates_table) - set(RATE_NAMES))
    if unknown:
        raise InvalidParameterError(unknown[0], f"unknown key in [rates] of {p} (expected omega, W)")
    rates = Rates(**rates_table)
    extra = {t: data[t] for t in ("scenario", "facts") if t in data}
    return params, rates, extra
