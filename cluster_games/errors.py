"""Exceptions raised by cluster_games.

Every error a user can cause derives from :class:`ClusterGamesError`; the command
line reports those on one line with exit code 2, and anything else as an internal
error (exit code 3). The input errors are also :class:`ValueError`, so callers that
only care about "bad numbers" can catch ``ValueError``; callers that need to tell
*invalid input* from *a valid model without an equilibrium* catch the specific class.
"""

from __future__ import annotations

__all__ = [
    "ClusterGamesError",
    "InvalidParameterError",
    "NoEquilibriumError",
    "InputFileError",
    "UnavailableError",
    "ParseError",
    "DomainError",
]


class ClusterGamesError(Exception):
    """Base class of the errors a caller can cause (bad input, missing optional dependency)."""


class InvalidParameterError(ClusterGamesError, ValueError):
    """A parameter is outside its domain, non-finite or not a real number.

    Attributes
    ----------
    parameter : str
        The model name of the offending parameter (``"n"``, ``"c_A"``, ...).
    """

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter {parameter!r}: {message}")
        self.parameter = parameter


class NoEquilibriumError(ClusterGamesError, ValueError):
    """The parameters are valid but no break-even (free-entry) rate exists.

    This happens when trade is infeasible, ``G = alpha - beta (c + c_A) <= 0``,
    or when the market is too thin for two companies to cover their fixed cost,
    ``n < n_min = 8 beta F / G**2`` (section 1.2 of the model).
    """


class InputFileError(ClusterGamesError, ValueError):
    """A file cannot be read, parsed or written (the message names the file)."""


class UnavailableError(ClusterGamesError, RuntimeError):
    """Something the request needs is not available: an optional dependency, a Dask scheduler, disk space."""


class ParseError(ClusterGamesError, ValueError):
    """Text outside the grammar of a parametric game's payoffs and assumptions (SPEC 5.1), or a malformed game.

    The message quotes the text and names the problem.
    """


class DomainError(ClusterGamesError, ValueError):
    """A parametric game's domain is unusable (empty, a division by zero on it), or a point lies outside it."""
