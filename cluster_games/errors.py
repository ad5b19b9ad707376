"""Exceptions raised by cluster_games.

Both derive from :class:`ValueError`, so callers that only care about "bad
numbers" can catch ``ValueError``; callers that need to tell *invalid input*
from *a valid model without an equilibrium* catch the specific class.
"""

from __future__ import annotations

__all__ = ["InvalidParameterError", "NoEquilibriumError"]


class InvalidParameterError(ValueError):
    """A parameter is outside its domain, non-finite or not a real number.

    Attributes
    ----------
    parameter : str
        The model name of the offending parameter (``"n"``, ``"c_A"``, ...).
    """

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"parameter {parameter!r}: {message}")
        self.parameter = parameter


class NoEquilibriumError(ValueError):
    """The parameters are valid but no break-even (free-entry) rate exists.

    This happens when trade is infeasible, ``G = alpha - beta (c + c_A) <= 0``,
    or when the market is too thin for two companies to cover their fixed cost,
    ``n < n_min = 8 beta F / G**2`` (SPEC section 1.2).
    """
