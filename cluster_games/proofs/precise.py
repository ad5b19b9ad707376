r"""High-precision evaluation for the numeric checks of the claims (mpmath, adaptive precision).

The numeric checks must never blame a proposition for float64: a change of
:math:`\omega^*` smaller than an ulp, or a margin :math:`\omega^* c - c_A` that cancels,
is evaluated here with as many digits as it needs. Inputs are taken exactly (every float
is a dyadic rational, converted to mpmath without rounding at the working precision).
:func:`omega_star` evaluates the cancellation-free form
:math:`2C / (c (K + \sqrt{\Delta}))` of :func:`cluster_games.model.omega_star_rationalised`.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import Any

import mpmath

from ..parameters import PARAMETER_NAMES, Parameters
from .claims import NotApplicable

__all__ = ["omega_star", "resolved", "MAX_DPS"]

#: Most decimal digits a check may use before it reports that it cannot resolve a difference.
MAX_DPS = 4000


@cache
def _omega_star_fn() -> Callable[..., Any]:
    import sympy as sp

    from .. import model as M

    return sp.lambdify(M.PARAMETERS, M.omega_star_rationalised(), modules="mpmath")


def omega_star(params: Parameters, **changes: float):
    r""":math:`\omega^*` at ``params`` (with ``changes``) as an mpmath number at the current precision."""
    values = {**params.as_dict(), **changes}
    return _omega_star_fn()(*(mpmath.mpf(values[k]) for k in PARAMETER_NAMES))


def resolved(compute: Callable[[], Any], what: str, start: int = 50) -> Any:
    """Run ``compute`` (which returns a tuple of mpmath numbers, each non-zero in exact arithmetic)
    at rising precision until two successive precisions give non-zero values that agree to 10
    digits; raise :class:`NotApplicable` beyond :data:`MAX_DPS` digits.

    A zero, or a division by a difference that cancelled to zero, means the precision is not
    yet enough to see the quantity, so the precision is doubled.
    """
    dps = start
    previous = None
    while dps <= MAX_DPS:
        with mpmath.workdps(dps):
            try:
                current = tuple(compute())
            except ZeroDivisionError:
                current = None
        if current is not None and any(v == 0 for v in current):
            current = None
        if (
            previous is not None
            and current is not None
            and all(_agree(a, b) for a, b in zip(previous, current, strict=True))
        ):
            return current
        previous = current
        dps *= 2
    raise NotApplicable(f"{what}: not resolved with {MAX_DPS} digits")


def _agree(a, b) -> bool:
    return abs(a - b) <= abs(b) * mpmath.mpf(10) ** -10 and mpmath.sign(a) == mpmath.sign(b)
