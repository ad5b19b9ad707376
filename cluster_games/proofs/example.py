r"""The worked example shared by the proofs, and the point where numeric checks run."""

from __future__ import annotations

from ..errors import InvalidParameterError
from ..parameters import Parameters, Rates
from .claims import CheckPoint

__all__ = ["EXAMPLE", "check_point"]

#: The worked example of SPEC section 2 (n=10, F=1, alpha=100, beta=1, c=10, c_A=1).
EXAMPLE = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)


def check_point(params: Parameters = EXAMPLE, rates: Rates | None = None) -> CheckPoint:
    r"""Rates for the numeric checks: omega* and, unless given, W halfway into the paper's region.

    The default :math:`W = \omega + (\omega c - c_A) / (2c)` satisfies the
    paper's hypothesis :math:`(W - \omega)c < \omega c - c_A` with room to spare,
    so Proposition 1's numeric check tests its conclusion, not its premise.
    """
    rates = rates or Rates()
    omega = rates.omega if rates.omega is not None else params.omega_star()
    if rates.W is not None:
        W = rates.W
    else:
        slack = (omega * params.c - params.c_A) / (2 * params.c)
        W = omega + slack if slack > 0 else omega + abs(omega) / 2 + 1e-12
    if not W > omega:
        raise InvalidParameterError("W", f"must exceed omega = {omega:.6g}, got {W:.6g}")
    return CheckPoint(params, omega, W)
