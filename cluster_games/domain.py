r"""The model's numeric domain, defined once: what every entry point accepts, and why.

Two layers, used by the API, every CLI command, sweeps, Monte-Carlo checks and figures.

**Economic domain** (section 1 of the model). Each parameter has a sign:

=========  ==========================================  ===============
name       meaning                                     domain
=========  ==========================================  ===============
``n``      number of product categories                :math:`n > 0`
``F``      fixed cost of a trading company             :math:`F \ge 0`
``alpha``  demand intercept per category               :math:`\alpha > 0`
``beta``   demand slope per category                   :math:`\beta > 0`
``c``      factory unit cost                           :math:`c > 0`
``c_A``    trading company unit cost                   :math:`c_A \ge 0`
``omega``  agency rate when factories see customers    :math:`\omega > 0`
``W``      agency rate when they do not                :math:`W > \omega`
``k``      number of trading companies (games)         integer :math:`\ge 2`
``delta``  discount factor of the repeated game        :math:`0 < \delta < 1`
``Q``      a factory's output                          :math:`Q > 0`
=========  ==========================================  ===============

and the two rates of a game must describe a market that exists: :math:`0 < \omega < W`,
demand at the hiding price is not negative, :math:`D(W) = \alpha - \beta(1 + W)c \ge 0`
(so :math:`D(\omega) > 0`), and the hiding rate covers the trading company's unit cost,
:math:`m(W) = Wc - c_A \ge 0`. The seeing rate may lie below cost recovery
(:math:`m(\omega) < 0`: seeing customers then loses money and hiding dominates). These
rate conditions are decided exactly by :func:`cluster_games.kernels.exact.rate_domain_violation`.

**Supported magnitudes.** Every non-zero value must have magnitude in
:data:`SUPPORTED_RANGE` = :math:`[10^{-50}, 10^{50}]`. There every quantity the float64
kernels form is finite and normal: with the economic domain, :math:`m(r) \le \alpha/\beta`
and :math:`0 \le D(r) \le \alpha`, so payoffs are at most :math:`n \alpha^2/\beta + F \le 10^{200}`,
discriminants at most :math:`10^{200}` and products of inputs at least :math:`10^{-150}`.
Outside it the answer is either computed exactly (:func:`cluster_games.omega_star` and
:func:`cluster_games.n_min` accept any finite input and switch to rational arithmetic) or
refused with this range (everything built on :class:`~cluster_games.parameters.Parameters`).

Errors are :class:`~cluster_games.errors.InvalidParameterError` (a ``ValueError``) naming
the parameter the caller gave.

Examples
--------
>>> as_real_scalar("beta", 2)
2.0
>>> as_real_scalar("beta", 1e-320)
Traceback (most recent call last):
...
cluster_games.errors.InvalidParameterError: parameter 'beta': 1e-320 is outside the supported range (non-zero magnitudes from 1e-50 to 1e+50)
>>> as_real_scalar("c_A", -1)
Traceback (most recent call last):
...
cluster_games.errors.InvalidParameterError: parameter 'c_A': must be >= 0, got -1
"""

from __future__ import annotations

import math
import numbers
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .errors import InvalidParameterError

__all__ = [
    "SUPPORTED_RANGE",
    "Spec",
    "SPECS",
    "as_real_array",
    "as_real_scalar",
    "as_whole_number",
    "as_whole_array",
    "check_magnitude",
    "in_supported_range",
]

Sign = Literal["positive", "nonnegative", "real", "unit_interval"]

#: Non-zero magnitudes where float64 evaluation of the model is guaranteed (see the module docstring).
SUPPORTED_RANGE = (1e-50, 1e50)


@dataclass(frozen=True)
class Spec:
    """One parameter's economic domain.

    Attributes
    ----------
    name : str
        The code name (``"c_A"``), as in the paper's symbols.
    meaning : str
        What it is, in words.
    sign : {"positive", "nonnegative", "real", "unit_interval"}
        ``> 0``, ``>= 0``, any finite value, or strictly between 0 and 1.
    """

    name: str
    meaning: str
    sign: Sign

    @property
    def text(self) -> str:
        """The domain as a relation, e.g. ``"> 0"``."""
        return {"positive": "> 0", "nonnegative": ">= 0", "real": "finite", "unit_interval": "in (0, 1)"}[
            self.sign
        ]


#: The economic domain of every named quantity (the rate conditions W > omega, D(W) >= 0 and
#: m(W) >= 0 involve several quantities and are checked where a game is built).
SPECS: dict[str, Spec] = {
    s.name: s
    for s in (
        Spec("n", "number of product categories", "positive"),
        Spec("F", "fixed cost of a trading company", "nonnegative"),
        Spec("alpha", "demand intercept per category", "positive"),
        Spec("beta", "demand slope per category", "positive"),
        Spec("c", "factory unit cost", "positive"),
        Spec("c_A", "trading company unit cost", "nonnegative"),
        Spec("omega", "agency rate when factories see customers", "positive"),
        Spec("W", "agency rate when factories do not see customers", "positive"),
        Spec("k", "number of trading companies", "positive"),
        Spec("delta", "discount factor", "unit_interval"),
        Spec("Q", "a factory's output", "positive"),
    )
}


def _index_text(arr: np.ndarray, flat_index: int) -> str:
    if arr.ndim == 0:
        return ""
    return f" at index {tuple(int(i) for i in np.unravel_index(flat_index, arr.shape))}"


def _describe(value: object) -> str:
    text = repr(value)
    if len(text) > 40:
        text = text[:37] + "..."
    return f"{text} ({type(value).__name__})"


def in_supported_range(arr: np.ndarray) -> np.ndarray:
    """Elementwise: the value is 0 or its magnitude lies in :data:`SUPPORTED_RANGE`."""
    lo, hi = SUPPORTED_RANGE
    mag = np.abs(arr)
    return (mag == 0) | ((mag >= lo) & (mag <= hi))


def check_magnitude(name: str, arr: np.ndarray) -> None:
    """Raise :class:`InvalidParameterError` naming ``name`` if a value is outside :data:`SUPPORTED_RANGE`."""
    ok = in_supported_range(arr)
    if not ok.all():
        idx = int(np.flatnonzero(~ok)[0])
        lo, hi = SUPPORTED_RANGE
        raise InvalidParameterError(
            name,
            f"{arr.flat[idx]:g}{_index_text(arr, idx)} is outside the supported range "
            f"(non-zero magnitudes from {lo:g} to {hi:g})",
        )


def as_real_array(
    name: str, value: object, sign: Sign | None = None, *, magnitude: bool = True
) -> np.ndarray:
    """Return ``value`` as a float64 array after checking type, finiteness, sign and magnitude.

    Parameters
    ----------
    name : str
        Parameter name used in error messages (and to look up its :data:`SPECS` entry).
    value : real scalar or array_like of reals
        Booleans, strings, complex numbers and objects are rejected.
    sign : {"positive", "nonnegative", "real", "unit_interval"}, optional
        Defaults to the sign of ``SPECS[name]`` (``"real"`` for unknown names).
    magnitude : bool
        Also require non-zero magnitudes in :data:`SUPPORTED_RANGE`.

    Raises
    ------
    InvalidParameterError
        If the value is not real, not finite, outside its domain or its supported range.

    Examples
    --------
    >>> as_real_array("n", [1, 10]).tolist()
    [1.0, 10.0]
    >>> as_real_array("n", [1, float("nan")])
    Traceback (most recent call last):
    ...
    cluster_games.errors.InvalidParameterError: parameter 'n': must be finite, got nan at index (1,)
    """
    spec = SPECS.get(name)
    sign = sign or (spec.sign if spec else "real")
    if isinstance(value, (bool, np.bool_)):
        raise InvalidParameterError(name, f"must be a real number, got {_describe(value)}")
    if isinstance(value, numbers.Real):
        try:
            arr = np.asarray(float(value))
        except OverflowError:  # an int too large for a float: finite, but not a float64
            digits = math.ceil(abs(int(value)).bit_length() * math.log10(2))
            raise InvalidParameterError(
                name,
                f"is too large for float64: an integer of about {digits:,} digits "
                "(the largest float64 is about 1.8e308)",
            ) from None
    elif isinstance(value, (str, bytes, complex, numbers.Complex)) and not isinstance(value, np.ndarray):
        raise InvalidParameterError(name, f"must be a real number, got {_describe(value)}")
    else:
        try:
            arr = np.asarray(value)
        except (TypeError, ValueError, OverflowError) as exc:  # ragged lists and the like
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
    if sign == "positive":
        bad = arr <= 0
    elif sign == "nonnegative":
        bad = arr < 0
    elif sign == "unit_interval":
        bad = (arr <= 0) | (arr >= 1)
    else:
        bad = None
    if bad is not None and bad.any():
        idx = int(np.flatnonzero(bad)[0])
        text = {"positive": "> 0", "nonnegative": ">= 0", "unit_interval": "in (0, 1)"}[sign]
        raise InvalidParameterError(name, f"must be {text}, got {arr.flat[idx]:g}{_index_text(arr, idx)}")
    if magnitude:
        check_magnitude(name, arr)
    return arr


def as_real_scalar(name: str, value: object, sign: Sign | None = None, *, magnitude: bool = True) -> float:
    """Like :func:`as_real_array` but insists on a single number.

    >>> as_real_scalar("F", 0)
    0.0
    """
    arr = as_real_array(name, value, sign, magnitude=magnitude)
    if arr.ndim != 0:
        if arr.size == 1:
            return float(arr.reshape(()))
        raise InvalidParameterError(name, f"must be a single number, got an array of shape {arr.shape}")
    return float(arr)


def as_whole_number(name: str, value: object, least: int, most: int | None = None) -> int:
    """A whole number ``least <= value <= most`` (ints, or floats with no fractional part).

    >>> as_whole_number("k", 3.0, 2)
    3
    >>> as_whole_number("k", 2.5, 2)
    Traceback (most recent call last):
    ...
    cluster_games.errors.InvalidParameterError: parameter 'k': must be a whole number >= 2, got 2.5
    """
    bound = f">= {least}" if most is None else f"from {least} to {most}"
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, numbers.Real):
        raise InvalidParameterError(name, f"must be a whole number {bound}, got {_describe(value)}")
    if isinstance(value, numbers.Integral):
        whole = int(value)
    else:
        x = float(value)
        if not math.isfinite(x) or x != math.floor(x):
            raise InvalidParameterError(name, f"must be a whole number {bound}, got {x:g}")
        whole = int(x)
    if whole < least or (most is not None and whole > most):
        raise InvalidParameterError(name, f"must be a whole number {bound}, got {whole}")
    return whole


def as_whole_array(name: str, value: object, least: int, most: int) -> np.ndarray:
    """Like :func:`as_whole_number` for arrays (float64 holding whole numbers ``least .. most``).

    >>> as_whole_array("k", [2, 3.0], 2, 100).tolist()
    [2.0, 3.0]
    >>> as_whole_array("k", [2, 1], 2, 100)
    Traceback (most recent call last):
    ...
    cluster_games.errors.InvalidParameterError: parameter 'k': must be a whole number from 2 to 100, got 1 at index (1,)
    """
    arr = as_real_array(name, value, "real", magnitude=False)
    bad = (arr != np.floor(arr)) | (arr < least) | (arr > most)
    if bad.any():
        i = int(np.flatnonzero(bad)[0])
        raise InvalidParameterError(
            name,
            f"must be a whole number from {least} to {most}, got {arr.reshape(-1)[i]:g}{_index_text(arr, i)}",
        )
    return arr
