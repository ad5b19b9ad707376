"""How omega_star runs: engine choice, chunk sizes, which inputs are range-checked, batches of refinement.

(No test name here contains "numba": mutation testing deselects those, ``-k "not numba"``, and these
run there with numba stubbed.)

None of these change a value (the engines agree bitwise, chunks are independent); they are what
keeps the kernel fast and its memory bounded, so they are tested as decisions, in process, with
the numba import replaced by stubs (the subprocess test in test_tiers.py covers the real import).
"""

from __future__ import annotations

import math
import warnings
from fractions import Fraction

import numpy as np
import pytest

import cluster_games as cg
from cluster_games.kernels import _numba, free_entry, tiers

from support import omega_star_mp, record_refine_batches, rel_err

EASY = dict(n=10.0, F=1.0, alpha=100.0, beta=1.0, c=10.0, c_A=1.0)
ORDER = ("n", "F", "alpha", "beta", "c", "c_A")


@pytest.fixture
def numba_stub(monkeypatch):
    """numba "installed" and its loops "loaded" or not, as the test sets ``state``."""
    state = {"available": True, "loaded": False}
    monkeypatch.setattr(_numba, "available", lambda: state["available"])
    monkeypatch.setattr(_numba, "loaded", lambda: state["loaded"])
    monkeypatch.setattr(_numba, "require", lambda: None)
    return state


def test_the_engine_decision_follows_its_documented_thresholds(numba_stub):
    cold, warm = free_entry.NUMBA_MIN_SIZE, free_entry.NUMBA_WARM_MIN_SIZE
    assert (cold, warm) == (65536, 1024)
    decide = free_entry._use_numba
    assert decide("numba", 1) is True
    assert decide("numpy", 10 * cold) is False  # even with numba installed and loaded
    numba_stub["loaded"] = True
    assert decide("numpy", 10 * cold) is False
    numba_stub["loaded"] = False
    assert [decide("auto", s) for s in (cold - 1, cold, warm)] == [False, True, False]
    numba_stub["loaded"] = True  # once loaded, from 1024 points on
    assert [decide("auto", s) for s in (warm - 1, warm, 10)] == [False, True, False]
    numba_stub["available"] = False
    assert decide("auto", 10 * cold) is False


def test_an_unknown_engine_is_refused_with_the_choices():
    with pytest.raises(ValueError) as refused:
        free_entry._use_numba("gpu", 10)
    assert str(refused.value) == "engine must be one of auto, numpy, numba, got 'gpu'"


def test_the_size_hint_is_the_broadcast_size_or_zero():
    hint = free_entry._size_hint
    assert hint({"n": np.zeros((3, 1)), "F": [1.0, 2.0, 3.0, 4.0, 5.0], "k": 2.0}) == 15
    assert hint({"n": 1.0, "F": 2.0}) == 1
    assert hint({"n": np.zeros(3), "F": np.zeros(4)}) == 0  # incompatible: validation will say so


def test_the_default_chunk_sizes_are_the_documented_ones(monkeypatch, numba_stub):
    seen = []
    monkeypatch.setattr(free_entry, "_numpy_engine", lambda arrays, shape, chunk, *rest: seen.append(chunk))
    monkeypatch.setattr(
        free_entry, "_numba_engine", lambda values, arrays, shape, chunk, flat: seen.append(chunk)
    )
    n = np.full(10, 10.0)
    args = (n, 1.0, 100.0, 1.0, 10.0, 1.0)
    cg.omega_star(*args, engine="numpy", on_infeasible="nan")
    cg.omega_star(*args, engine="numba", on_infeasible="nan")
    cg.omega_star(*args, engine="numba", on_infeasible="nan", chunk_size=7)
    assert seen == [32768, 1 << 18, 7]


def test_only_inputs_whose_range_leaves_the_safe_range_are_checked_point_by_point(monkeypatch):
    seen = []
    engine = free_entry._numpy_engine
    monkeypatch.setattr(
        free_entry,
        "_numpy_engine",
        lambda arrays, shape, chunk, flat, risky: (
            seen.append(risky) or engine(arrays, shape, chunk, flat, risky)
        ),
    )
    # the ends of the range are inside it, and a constant zero (F = 0, c_A = 0) is exact in every tier
    cg.omega_star(np.array([1e-100, 1e100]), 0.0, 100.0, 1.0, 10.0, 0.0)
    cg.omega_star(np.array([10.0, 1e101]), np.array([0.0, 1.0]), 100.0, 1.0, 10.0, 1e-101)
    cg.omega_star(10.0, 1.0, 100.0, 1.0, 10.0, np.array([0.0, 1.0]))
    no = [False] * 7
    assert seen == [no, [True, True, False, False, False, True, False], [False] * 5 + [True, False]]


def test_infeasible_and_degenerate_points_raise_no_numpy_warning():
    n = np.array([10.0, 1e-9, 10.0, 10.0])
    alpha = np.array([100.0, 100.0, 11.0, 5.0])  # feasible; n < n_min; G = 0; G < 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        got = cg.omega_star(n, 1.0, alpha, 1.0, 10.0, 1.0, engine="numpy", on_infeasible="nan")
    assert [math.isnan(v) for v in got.tolist()] == [False, True, True, True]


def _flagged(count: int) -> list[float]:
    """``count`` values of n just above n_min (tier 1 cannot vouch for them: they go to refine)."""
    G = Fraction(100) - Fraction(11)
    n_min = 8 * Fraction(1) / G**2
    out = [float(n_min * (1 + Fraction(j + 1, 10**13))) for j in range(count)]
    _, bound, _, _ = tiers.tier1(np.array(out), 1.0, 100.0, 1.0, 10.0, 1.0, 2.0)
    assert (bound > tiers.FAST_PATH_TOLERANCE).all()  # the premise of the batching tests
    return out


def test_flagged_points_are_refined_in_batches_of_the_batch_size(monkeypatch):
    """With batches of 4 and chunks of 2, eight flagged points then six easy ones: two batches of 4,
    and nothing after (the flagged indices kept waiting are bounded by the batch plus a chunk)."""
    monkeypatch.setattr(free_entry, "_REFINE_BATCH", 4)
    batches = record_refine_batches(monkeypatch)
    n = np.array(_flagged(8) + [10.0 + j for j in range(6)])
    got = cg.omega_star(n, 1.0, 100.0, 1.0, 10.0, 1.0, engine="numpy", chunk_size=2)
    assert batches == [[0, 1, 2, 3], [4, 5, 6, 7]]
    for value, n_j in zip(got.tolist(), n.tolist(), strict=True):
        assert rel_err(value, omega_star_mp({**EASY, "n": n_j})) <= 1e-13


def test_a_last_partial_batch_is_refined_at_the_end(monkeypatch):
    """Three flagged points never reach a batch of 4: they are refined together after the last chunk."""
    monkeypatch.setattr(free_entry, "_REFINE_BATCH", 4)
    batches = record_refine_batches(monkeypatch)
    f = _flagged(3)
    n = np.array([f[0], f[1], 10.0, 11.0, 12.0, f[2]])
    got = cg.omega_star(n, 1.0, 100.0, 1.0, 10.0, 1.0, engine="numpy", chunk_size=3)
    assert batches == [[0, 1, 5]]
    for value, n_j in zip(got.tolist(), n.tolist(), strict=True):
        assert rel_err(value, omega_star_mp({**EASY, "n": n_j})) <= 1e-13


def test_well_conditioned_points_are_not_refined_at_any_scale(monkeypatch):
    """Tier 1 vouches for a well-conditioned point whatever its units: G = 0.8 or G = 8e-41."""
    batches = []
    monkeypatch.setattr(tiers, "refine", lambda arrays, shape, idx, *rest: batches.append(idx.tolist()))
    for s in (1.0, 1e-40, 1e40):
        got = cg.omega_star(np.full(3, 100.0), s, s, s, 0.1, 0.1, engine="numpy")  # G = 0.8 s
        assert np.isfinite(got).all()
    assert batches == []


def test_the_compiled_engine_validates_float64_arrays_in_its_own_first_pass(monkeypatch, numba_stub):
    """Validation of a float64 array is left to the compiled first pass (one read of each input):
    ``omega_star`` hands it over as it is; other inputs (lists, scalars) are validated first."""
    seen = []
    monkeypatch.setattr(
        free_entry, "_numba_engine", lambda values, arrays, *rest: seen.append(arrays[1].tolist())
    )
    cg.omega_star(10.0, np.array([1.0, -1.0]), 100.0, 1.0, 10.0, 1.0, engine="numba", on_infeasible="nan")
    assert seen == [[1.0, -1.0]]
    with pytest.raises(cg.InvalidParameterError, match="parameter 'F'"):
        cg.omega_star(10.0, [1.0, -1.0], 100.0, 1.0, 10.0, 1.0, engine="numba", on_infeasible="nan")


def test_the_compiled_engine_is_handed_the_prepared_inputs_and_the_output(monkeypatch, numba_stub):
    """The wiring of engine="numba", without numba: a stand-in engine checks what it is given and
    fills the output with the numpy engine, so the result must be the numpy engine's."""

    def engine(values, arrays, shape, chunk_size, flat):
        assert list(values) == ["n", "F", "alpha", "beta", "c", "c_A", "k"]
        assert values["alpha"] is alpha and len(arrays) == 7 and shape == (2, 3)
        assert flat.shape == (6,) and chunk_size == 1 << 18
        free_entry._numpy_engine(arrays, shape, chunk_size, flat, [True] * 7)

    monkeypatch.setattr(free_entry, "_numba_engine", engine)
    alpha = np.array([[100.0], [200.0]])
    n = np.array([10.0, 20.0, 30.0])
    got = cg.omega_star(n, 1.0, alpha, 1.0, 10.0, 1.0, engine="numba")
    assert np.array_equal(got, cg.omega_star(n, 1.0, alpha, 1.0, 10.0, 1.0, engine="numpy"))


def test_the_thread_chooser_runs_small_passes_serially_and_large_ones_in_the_faster_mode(monkeypatch):
    """The rule of ThreadChooser, with synthetic timings (speed itself is for the benchmarks): serial
    below THREADS_MIN_SIZE or with one thread; above, threads once and serial once, then whichever
    took less per point; the other mode is probed after PROBE_EVERY passes, then after twice as many
    while the probes confirm the choice; a probe that finds the other mode faster switches at once."""
    monkeypatch.setattr(_numba, "_thread_count", lambda: 2)
    chooser = _numba.ThreadChooser()
    big = _numba.THREADS_MIN_SIZE

    def run(n_passes, ms):  # passes, each recorded with the time its mode takes: {threads: ms}
        chosen = []
        for _ in range(n_passes):
            mode = chooser.threads(big)
            chooser.record(mode, big, ms[mode] * 1e-3)
            chosen.append(mode)
        return chosen

    assert chooser.threads(big - 1) is False and chooser.passes == 0
    busy = {True: 30.0, False: 3.0}  # threads wait on descheduled workers
    chosen = run(2 + 16 + 32 + 64, busy)
    assert chosen[:2] == [True, False]  # each mode timed once, threads first
    probes = [i for i, mode in enumerate(chosen) if mode and i > 0]
    assert probes == [15, 47, 111]  # after 16 passes, then 32, then 64 more: the interval doubles
    idle = {True: 1.0, False: 3.0}  # the other processes stopped
    chosen = run(300, idle)
    switch = chosen.index(True)  # the next probe (pass 240, 128 after the last) finds threads faster
    assert switch == 125 and chosen[switch:].count(False) == 3  # then only serial's probes: 16, 32, 64 on
    before = dict(chooser.ns_per_point)
    chooser.record(False, big - 1, 1.0)  # a small pass says nothing about threads
    assert chooser.ns_per_point == before
    monkeypatch.setattr(_numba, "_thread_count", lambda: 1)
    assert chooser.threads(10 * big) is False
