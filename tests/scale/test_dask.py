"""Dask backend: a real distributed.LocalCluster gives bitwise the numpy results."""

from __future__ import annotations

import numpy as np
import pytest

import cluster_games as cg
from cluster_games.scale import montecarlo as MC
from cluster_games.scale.sweep import sweep

distributed = pytest.importorskip("distributed")
pytest.importorskip("dask")

BASE = cg.Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
GRID = {"n": np.geomspace(1e-3, 1e6, 40), "W": [0.15, 1.0, 5.0], "c_A": [0.0, 1.0]}


@pytest.fixture(scope="module")
def client():
    with (
        distributed.LocalCluster(
            processes=False, n_workers=2, threads_per_worker=1, dashboard_address=None
        ) as cl,
        distributed.Client(cl) as c,
    ):
        yield c


@pytest.mark.parametrize("chunk", [7, 64, 10_000])
def test_sweep_dask_equals_numpy_bitwise(client, chunk):
    ref = sweep(BASE, GRID)
    got = sweep(BASE, GRID, backend="dask", scheduler=client, chunk_size=chunk)
    assert got.names == ref.names
    for k in ref.names:
        assert got[k].dtype == ref[k].dtype
        np.testing.assert_array_equal(got[k], ref[k])


def test_sweep_dask_by_scheduler_address(client):
    ref = sweep(BASE, {"n": [1.0, 10.0, 100.0]}, columns=["omega_star", "class"])
    got = sweep(
        BASE,
        {"n": [1.0, 10.0, 100.0]},
        columns=["omega_star", "class"],
        backend="dask",
        scheduler=client.scheduler.address,
    )
    np.testing.assert_array_equal(got["omega_star"], ref["omega_star"])


@pytest.mark.parametrize("chunk", [MC.BLOCK, 3 * MC.BLOCK])
def test_check_dask_equals_numpy(client, chunk):
    box = {"n": (1.0, 1e8), "F": (0.0, 10.0)}
    draws = 2 * MC.BLOCK + 999
    ref = MC.check(box, draws=draws, seed=5, chunk_size=2 * MC.BLOCK)
    got = MC.check(box, draws=draws, seed=5, chunk_size=chunk, backend="dask", scheduler=client)
    assert got == ref and got.backend == "dask"
    paper = MC.check(box, draws=5000, seed=5, formula="paper", backend="dask", scheduler=client)
    assert paper == MC.check(box, draws=5000, seed=5, formula="paper")


def test_bad_scheduler_type():
    with pytest.raises(TypeError, match="scheduler"):
        sweep(BASE, {"n": [1.0]}, backend="dask", scheduler=42)
