r"""An independent checker of the exported sign certificates: the small trusted kernel.

``cluster-games prove --certificates DIR`` writes one JSON file per sign certificate;
``python -m cluster_games.verify DIR`` re-checks every one of them with exact rational arithmetic
and the Python standard library only (no sympy, no numpy, no other module of the toolkit):

* :mod:`~cluster_games.verify.polynomials`: sparse polynomials and rational functions over
  :class:`fractions.Fraction`, exact square roots;
* :mod:`~cluster_games.verify.algebra`: one square root adjoined, and dual numbers for partial
  derivatives;
* :mod:`~cluster_games.verify.model`: the kernel's own encoding of the model (SPEC.md);
* :mod:`~cluster_games.verify.formulas`: statements as relations between named expressions, and
  their printed text;
* :mod:`~cluster_games.verify.vocabulary`: what each name means, in the kernel's encoding;
* :mod:`~cluster_games.verify.targets`: what each certificate states (id -> region, relation);
* :mod:`~cluster_games.verify.regions`: the regions' hypotheses (relations), restrictions, slacks
  and inverse maps;
* :mod:`~cluster_games.verify.check`: the check of one file.

A certificate holds when its statement and its region's hypotheses are the registry's (the same
relations, the same text), the statement's left minus right side, evaluated by the kernel after the
region's substitution, equals the file's numerator/denominator, whose coefficient signs prove the
stated sign, and the substitution maps the slack orthant onto the stated region.
"""

from __future__ import annotations

from .check import CheckResult, check_certificate
from .targets import TARGETS

__all__ = ["TARGETS", "CheckResult", "check_certificate"]
