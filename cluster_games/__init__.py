"""cluster_games: the Dudko-Zhao model of cluster marketing as checkable mathematics.

The light names (``omega_star``, ``n_min``, ``Parameters``, the errors) are
imported eagerly and need only numpy. Everything that needs sympy, scipy or
nashpy (``model``, ``proofs``, ...) is a submodule loaded on first use, so
``import cluster_games`` stays cheap for the command-line tool.

>>> import cluster_games as cg
>>> p = cg.Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
>>> round(cg.omega_star(**p.as_dict()), 8)
0.10022472
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from .errors import InvalidParameterError, NoEquilibriumError
from .kernels.free_entry import omega_star
from .kernels.threshold import n_min
from .parameters import Parameters, Rates, load_parameter_file

__version__ = "0.1.0"

__all__ = [
    "InvalidParameterError",
    "NoEquilibriumError",
    "Parameters",
    "Rates",
    "load_parameter_file",
    "n_min",
    "omega_star",
    "__version__",
]

# Submodules that import sympy / scipy / nashpy: loaded on attribute access.
_LAZY_SUBMODULES = {
    "domain",
    "figures",
    "game",
    "games",
    "kernels",
    "model",
    "proofs",
    "scale",
    "scenarios",
    "solve",
}

if TYPE_CHECKING:  # pragma: no cover
    from . import (  # noqa: F401
        domain,
        figures,
        game,
        games,
        kernels,
        model,
        proofs,
        scale,
        scenarios,
        solve,
    )


def __getattr__(name: str):
    if name in _LAZY_SUBMODULES:
        module = importlib.import_module(f"{__name__}.{name}")
        globals()[name] = module
        return module
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted(set(globals()) | _LAZY_SUBMODULES)
