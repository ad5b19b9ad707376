r"""Every claim, in report order, and :func:`prove_all` (the CLI's ``cluster-games prove``).

>>> report = prove_all()
>>> [(c.id, c.status) for c in report.claims][:5]
[('P1', 'proved'), ('P2', 'proved'), ('P3', 'proved'), ('P4', 'proved'), ('P5', 'proved')]
>>> report.all_hold
True
"""

from __future__ import annotations

import time

from ..parameters import Parameters, Rates
from .claims import Claim
from .collusion import COLLUSION_CLAIMS
from .companies import COMPANY_CLAIMS
from .controls import CONTROLS
from .entry import ENTRY_CLAIMS
from .errata import ERRATA
from .example import EXAMPLE, check_point
from .findings import FINDINGS
from .propositions import PROPOSITIONS
from .report import ProofReport

__all__ = ["all_claims", "prove_all"]


def all_claims() -> tuple[Claim, ...]:
    """Propositions, errata, findings, the extensions beyond the paper (K) and the certifier's negative
    controls (C), in report order."""
    return PROPOSITIONS + ERRATA + FINDINGS + COMPANY_CLAIMS + ENTRY_CLAIMS + COLLUSION_CLAIMS + CONTROLS


def prove_all(params: Parameters = EXAMPLE, rates: Rates | None = None) -> ProofReport:
    """Run every claim's symbolic proof and its numeric check at ``params``.

    Parameters
    ----------
    params : Parameters
        Where the numeric checks run (default: the worked example). The
        symbolic proofs do not depend on it. Must admit a free-entry rate.
    rates : Rates, optional
        Rates of the game for the numeric checks (default: see :func:`check_point`).
    """
    start = time.perf_counter()
    point = check_point(params, rates)
    results = tuple(claim.run(point) for claim in all_claims())
    return ProofReport(
        claims=results,
        parameters=params.as_dict(),
        rates={"omega": point.omega, "W": point.W},
        seconds=time.perf_counter() - start,
    )
