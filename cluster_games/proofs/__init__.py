"""Machine-checked claims about the model: certificates, propositions, errata, findings.

* :mod:`~cluster_games.proofs.certificates`: sign certificates over slack-parametrised regions.
* :mod:`~cluster_games.proofs.regions`: the symbolic dominance regions.
* :mod:`~cluster_games.proofs.claims` and :mod:`~cluster_games.proofs.report`: claim objects and results.
* :mod:`~cluster_games.proofs.propositions`: Propositions 1-5 and the findings; ``prove_all``.
* :mod:`~cluster_games.proofs.errata`: the paper's algebra errors, each refuted.
"""

from __future__ import annotations

import importlib

__all__ = ["EXAMPLE", "all_claims", "prove_all"]

# This package stays importable without sympy (the certificate checker lives beside it);
# the proof machinery is loaded on first use.
_LAZY = {"EXAMPLE": "example", "all_claims": "registry", "prove_all": "registry"}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(f"{__name__}.{_LAZY[name]}"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
