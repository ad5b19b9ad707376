"""Test configuration: hypothesis profiles.

CI (``CI=true``) runs a derandomized profile, so a submission's CI result does
not depend on luck; local runs draw fresh examples each time and explore more.
"""

from __future__ import annotations

import os

from hypothesis import settings

settings.register_profile("ci", derandomize=True, print_blob=True)
settings.register_profile("dev", print_blob=True)
settings.load_profile("ci" if os.environ.get("CI") else "dev")


if os.environ.get("MUTANT_UNDER_TEST") is not None:  # mutation testing (mutmut): no result may be reused
    import pytest

    from cluster_games.kernels import _numba

    # numba cannot compile mutmut's trampolines: the mutants run on the numpy engine (same formulas)
    _numba.available = lambda: False

    _CLEARED_IN: list[int] = []

    @pytest.fixture(autouse=True)
    def _fresh_proofs():
        """mutmut forks each mutant from a process that already ran the suite: drop every cached
        proof and cached symbolic expression once in each forked process, or a mutant of the model
        would be judged by the unmutated model's proofs (within one mutant's process they may be
        reused: every test there sees the same mutant)."""
        # under "stats" (mutmut recording which test runs which function) every test must compute
        # its proofs itself, or only the first test would be recorded as exercising the model
        if (
            os.environ.get("MUTANT_UNDER_TEST") == "stats"
            or not _CLEARED_IN
            or _CLEARED_IN[-1] != os.getpid()
        ):
            from cluster_games import model, model_k
            from cluster_games.proofs import claims, formulas

            claims._PROOFS.clear()
            formulas.relational.cache_clear()
            for fn in (model.omega_star_roots, model_k.omega_star_k, model_k.collusion_threshold):
                fn.cache_clear()
            _CLEARED_IN.append(os.getpid())
        yield
