"""Test configuration: hypothesis profiles.

``python -m pytest`` (README's test command, and ``.ci/run``, with or without ``CI=true``) runs the
profile ``deterministic``: ``derandomize=True`` draws the same examples on every run and machine,
and ``database=None`` means no example database (``.hypothesis/``) is read or written, so an old
failure found by exploration is never replayed into the README's command. Its answer depends on the
code only. (Hypothesis may still cache the literal constants of the source files in
``.hypothesis/constants``, keyed by each file's content: examples to try, never a stored failure.)

Random exploration is a separate profile that developers run on purpose::

    python -m pytest tests/test_companies.py --hypothesis-profile=explore --hypothesis-seed=7

``explore`` draws fresh random examples (from ``--hypothesis-seed`` when given) and keeps
hypothesis's example database in ``.hypothesis/`` (ignored by git), so a failure it finds is
replayed first on the next ``explore`` run until fixed. A failure prints a ``@reproduce_failure``
blob; turn the failing example into an ``@example`` or a plain test. ``--hypothesis-seed`` without
``--hypothesis-profile=explore`` is refused: under ``derandomize`` hypothesis would ignore it.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import settings

settings.register_profile("deterministic", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", derandomize=False, print_blob=True)
settings.load_profile("deterministic")


def pytest_configure(config: pytest.Config) -> None:
    """Refuse a seed that the deterministic profile would silently ignore."""
    seed = config.getoption("--hypothesis-seed", default=None)
    profile = config.getoption("--hypothesis-profile", default=None)
    if seed is not None and profile != "explore":
        raise pytest.UsageError(
            "--hypothesis-seed has no effect under the deterministic default profile "
            "(derandomize=True): add --hypothesis-profile=explore"
        )


if os.environ.get("MUTANT_UNDER_TEST") is not None:  # mutation testing (mutmut): no result may be reused
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
            from cluster_games.proofs import claims, parametrisations

            claims._PROOFS.clear()
            for fn in (model.omega_star_roots, model_k.omega_star_k, parametrisations._abbreviations):
                fn.cache_clear()
            _CLEARED_IN.append(os.getpid())
        yield
