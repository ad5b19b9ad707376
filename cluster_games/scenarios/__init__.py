r"""Parameter scenarios shipped with the package (TOML files in this directory).

A scenario is a parameter file in the format of :mod:`cluster_games.parameters`
(tables ``[scenario]``, ``[facts]``, ``[parameters]``, ``[rates]``) whose every
assumed number carries its reasoning and units in a TOML comment. The one
scenario so far, ``chenghai``, is the toy cluster the paper studies: the paper
gives facts about it (``[facts]``) but no value for any model parameter.

:func:`sensitivity` (re-exported from :mod:`cluster_games.scenarios.sensitivity`) shows how
the scenario's conclusions move when each assumption is halved or doubled.

Examples
--------
>>> from cluster_games.scenarios import available_scenarios, load_scenario
>>> available_scenarios()
('chenghai',)
>>> params, rates, extra = load_scenario("chenghai")
>>> params.is_feasible(), params.n > params.n_min()
(True, True)
>>> extra["facts"]["enterprises_min"]
2800
>>> load_scenario("atlantis")
Traceback (most recent call last):
...
cluster_games.errors.InvalidParameterError: parameter 'scenario': unknown scenario 'atlantis' (available: chenghai)
"""

from __future__ import annotations

import re
from importlib import resources
from typing import Any

from ..errors import InvalidParameterError
from ..parameters import Parameters, Rates, load_parameter_file
from .sensitivity import SensitivityRow, SensitivityTable, sensitivity

__all__ = [
    "available_scenarios",
    "load_scenario",
    "scenario_text",
    "sensitivity",
    "SensitivityRow",
    "SensitivityTable",
]

_NAME = re.compile(r"[a-z][a-z0-9_]*")


def available_scenarios() -> tuple[str, ...]:
    """Names of the scenarios shipped with the package, sorted.

    Examples
    --------
    >>> "chenghai" in available_scenarios()
    True
    """
    root = resources.files(__name__)
    return tuple(
        sorted(
            entry.name.removesuffix(".toml")
            for entry in root.iterdir()
            if entry.name.endswith(".toml") and _NAME.fullmatch(entry.name.removesuffix(".toml"))
        )
    )


def _resource(name: str):
    if not isinstance(name, str) or not _NAME.fullmatch(name) or name not in available_scenarios():
        available = ", ".join(available_scenarios())
        raise InvalidParameterError("scenario", f"unknown scenario {name!r} (available: {available})")
    return resources.files(__name__) / f"{name}.toml"


def scenario_text(name: str) -> str:
    """The TOML source of scenario ``name``, comments included (the documented assumptions).

    Examples
    --------
    >>> "ASSUMED" in scenario_text("chenghai")
    True
    """
    return _resource(name).read_text(encoding="utf-8")


def load_scenario(name: str) -> tuple[Parameters, Rates, dict[str, Any]]:
    """Load a shipped scenario: ``(Parameters, Rates, {"scenario": {...}, "facts": {...}})``.

    Parameters
    ----------
    name : str
        A name from :func:`available_scenarios` (the file name without ``.toml``).

    Raises
    ------
    InvalidParameterError
        For an unknown name (the message names it and lists the available ones),
        or a scenario file that does not validate.

    Examples
    --------
    >>> params, rates, extra = load_scenario("chenghai")
    >>> params.n, rates.W, extra["scenario"]["money_unit"]
    (200.0, 0.06, 'yuan')
    """
    with resources.as_file(_resource(name)) as path:
        return load_parameter_file(path)
