r"""The worked example shared by the proofs, and the point where numeric checks run."""

from __future__ import annotations

from ..errors import InvalidParameterError
from ..parameters import Parameters, Rates
from .claims import CheckPoint

__all__ = ["EXAMPLE", "check_point"]

#: The worked example of the model (n=10, F=1, alpha=100, beta=1, c=10, c_A=1).
EXAMPLE = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)


def _default_W_candidates(params: Parameters, omega: float, free_entry: bool) -> list[float]:
    r"""Hiding rates to try, best first.

    1. :math:`W = \omega + m(\omega)/(2c)`, halfway into the paper's region
       :math:`(W - \omega)c < \omega c - c_A` (at :math:`\omega^*`, :math:`m(\omega^*) = 2F/(nD(\omega^*))`,
       which has no cancellation); it exists where :math:`m(\omega) > 0`.
    2. Halfway to the monopoly rate, :math:`(\omega + W_m)/2`, where the paper's region is empty
       (:math:`F = 0`, so :math:`m(\omega^*) = 0`).
    """
    p = params
    D = p.alpha - p.beta * (1 + omega) * p.c
    margin = 2 * p.F / (p.n * D) if free_entry and D > 0 else omega * p.c - p.c_A
    out = []
    if margin > 0:
        out.append(omega + margin / (2 * p.c))
    out.append((omega + p.monopoly_rate) / 2)
    return out


def check_point(params: Parameters = EXAMPLE, rates: Rates | None = None) -> CheckPoint:
    r"""The point of the numeric checks: :math:`\omega^*` (exactly) and, unless given, W inside the paper's region.

    The default :math:`W = \omega + (\omega c - c_A) / (2c)` satisfies the paper's hypothesis
    :math:`(W - \omega)c < \omega c - c_A` with room to spare, so Proposition 1's numeric
    check tests its conclusion, not its premise. Where no float W makes a game with
    :math:`\omega^*` (W would round onto :math:`\omega^*` at extreme magnitudes), the
    game-based checks are reported as not applicable.

    Raises
    ------
    NoEquilibriumError
        If ``omega`` is not given and no free-entry rate exists.
    InvalidParameterError
        If the given rates do not make a game.

    Examples
    --------
    >>> pt = check_point()
    >>> pt.omega_is_free_entry, float(pt.game().payoff_A[0, 0])
    (True, 0.0)
    """
    from ..game import ClusterGame

    rates = rates or Rates()
    free_entry = rates.omega is None
    omega = params.omega_star() if free_entry else rates.omega
    if rates.W is not None:
        ClusterGame(params, omega, rates.W, omega_is_free_entry=free_entry)  # raises outside the domain
        return CheckPoint(params, omega, rates.W, free_entry)
    candidates = _default_W_candidates(params, omega, free_entry)
    why = ""
    for W in candidates:
        try:
            ClusterGame(params, omega, W, omega_is_free_entry=free_entry)
        except InvalidParameterError as exc:
            why = str(exc)
            continue
        return CheckPoint(params, omega, W, free_entry)
    note = f"no default hiding rate W makes a game with omega = {omega:.6g} here ({why})"
    return CheckPoint(params, omega, candidates[0], free_entry, game_note=note)
