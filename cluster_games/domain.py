"""Input validation shared by the numeric API.

Every public numeric function funnels its inputs through :func:`as_real_array`
so the error for a bad value is the same everywhere and names the parameter.
"""

from __future__ import annotations

import numbers
from typing import Literal

import numpy as np

from .errors import InvalidParameterError

Domain = Literal["positive", "nonnegative", "real"]

#: Domain of each model parameter (SPEC section 1).
DOMAINS: dict[str, Domain] = {
    "n": "positive",
    "F": "nonnegative",
    "alpha": "positive",
    "beta": "positive",
    "c": "positive",
    "c_A": "nonnegative",
    "omega": "positive",
    "W": "positive",
    "k": "positive",
    "Q": "positive",
}

_DOMAIN_TEXT = {"positive": "> 0", "nonnegative": ">= 0", "real": "finite"}


def _index_text(arr: np.ndarray, flat_index: int) -> str:
    if arr.ndim == 0:
        return ""
    return f" at index {tuple(int(i) for i in np.unravel_index(flat_index, arr.shape))}"


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"


def as_real_array(name: str, value: object, domain: Domain | None = None) -> np.ndarray:
    """Return ``value`` as a float64 array after checking type, finiteness and domain.

    Parameters
    ----------
    name : str
        Parameter name used in error messages.
    value : real scalar or array_like of reals
        Booleans, strings, complex numbers and objects are rejected.
    domain : {"positive", "nonnegative", "real"}, optional
        Defaults to ``DOMAINS[name]``.

    Raises
    ------
    InvalidParameterError
        If the value is not real, not finite, or outside its domain.
    """
    domain = domain or DOMAINS.get(name, "real")
    if isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(name, f"must be a real number, got {_describe(value)}")
    if isinstance(value, numbers.Real):
        arr = np.asarray(float(value))
    elif isinstance(value, (str, bytes, complex, numbers.Complex)) and not isinstance(value, np.ndarray):
        raise InvalidParameterError(name, f"must be a real number, got {_describe(value)}")
    else:
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError) as exc:  # ragged lists and the like
            raise InvalidParameterError(name, f"cannot be read as an array of reals: {exc}") from None
        if arr.dtype.kind not in "iuf":
            raise InvalidParameterError(
                name, f"must be real numbers, got array of dtype {arr.dtype} from {_describe(value)}"
            )
        arr = arr.astype(np.float64, copy=False)
    if arr.size == 0:
        raise InvalidParameterError(name, "is an empty array")
    bad = ~np.isfinite(arr)
    if bad.any():
        idx = int(np.flatnonzero(bad)[0])
        raise InvalidParameterError(name, f"must be finite, got {arr.flat[idx]}{_index_text(arr, idx)}")
    if domain == "positive":
        bad = arr <= 0
    elif domain == "nonnegative":
        bad = arr < 0
    else:
        bad = None
    if bad is not None and bad.any():
        idx = int(np.flatnonzero(bad)[0])
        raise InvalidParameterError(
            name, f"must be {_DOMAIN_TEXT[domain]}, got {arr.flat[idx]:g}{_index_text(arr, idx)}"
        )
    return arr


def as_real_scalar(name: str, value: object, domain: Domain | None = None) -> float:
    """Like :func:`as_real_array` but insists on a single number."""
    arr = as_real_array(name, value, domain)
    if arr.ndim != 0:
        if arr.size == 1:
            return float(arr.reshape(()))
        raise InvalidParameterError(name, f"must be a single number, got an array of shape {arr.shape}")
    return float(arr)
