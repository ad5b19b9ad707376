"""Machine-checked claims about the model: certificates, propositions, errata, findings, extensions.

* :mod:`~cluster_games.proofs.parametrisations`: regions as slack parametrisations, with their
  hypotheses as sympy relationals (onto them, composable).
* :mod:`~cluster_games.proofs.certificates`: sign certificates over those regions;
  :mod:`~cluster_games.proofs.export` writes them as JSON for :mod:`cluster_games.verify`.
* :mod:`~cluster_games.proofs.claims` and :mod:`~cluster_games.proofs.report`: claim objects
  (statement, formal hypotheses, proof, numeric check) and results.
* :mod:`~cluster_games.proofs.propositions` (P1, P2), :mod:`~cluster_games.proofs.scope` (P3),
  :mod:`~cluster_games.proofs.factories` (P4, P5): the paper's propositions, with their boundary cases.
* :mod:`~cluster_games.proofs.errata` (E1-E3) and :mod:`~cluster_games.proofs.findings` (R1, R2).
* Beyond the paper: :mod:`~cluster_games.proofs.companies` (K1-K3), :mod:`~cluster_games.proofs.entry`
  (K4, K5), :mod:`~cluster_games.proofs.collusion` (K6, K7).
* :mod:`~cluster_games.proofs.controls`: the certifier's negative controls (C1).
* :mod:`~cluster_games.proofs.regions`: the symbolic dominance regions of the 2x2 game.
* :mod:`~cluster_games.proofs.registry`: every claim in report order, and ``prove_all``.
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
