"""Sweeps: chunking invariance, agreement with the scalar API, output files and errors."""

from __future__ import annotations

import builtins
import csv

import numpy as np
import pytest

import cluster_games as cg
from cluster_games.game import ClusterGame
from cluster_games.kernels import classify as K
from cluster_games.scale.sweep import COLUMNS, SweepResult, sweep

BASE = cg.Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
GRID = {"n": np.geomspace(1e-3, 1e6, 23), "F": [0.5, 1.0, 2.0], "c_A": [0.0, 1.0]}


def same(a: SweepResult, b: SweepResult) -> bool:
    return a.names == b.names and all(
        np.array_equal(a.columns[k], b.columns[k], equal_nan=a.columns[k].dtype.kind == "f") for k in a.names
    )


def test_chunk_size_does_not_change_results():
    ref = sweep(BASE, GRID, chunk_size=1 << 20)
    for chunk in (1, 5, 64):
        assert same(sweep(BASE, GRID, chunk_size=chunk), ref)


def test_columns_layout_and_grid_order():
    r = sweep(BASE, GRID)
    assert r.names == ("n", "F", "c_A", *COLUMNS)
    assert len(r) == 23 * 3 * 2 and r.shape == (23, 3, 2)
    np.testing.assert_array_equal(r["n"].reshape(r.shape)[:, 0, 0], GRID["n"])
    np.testing.assert_array_equal(r["c_A"][:4], [0.0, 1.0, 0.0, 1.0])  # last key fastest
    assert "points" in str(r) and "| n |" in r._repr_markdown_()


def test_values_match_the_scalar_api():
    r = sweep(BASE, GRID)
    for i in range(0, len(r), 5):
        p = BASE.replace(n=r["n"][i], F=r["F"][i], c_A=r["c_A"][i])
        w = p.omega_star(on_infeasible="nan")
        np.testing.assert_equal(r["omega_star"][i], w)
        np.testing.assert_equal(r["n_min"][i], cg.n_min(p.F, p.alpha, p.beta, p.c, p.c_A))
        if np.isnan(w):
            assert r["class"][i] == "undefined" and r["equilibria"][i] == "undefined"
            assert r["undefined"][i] == K.UNDEFINED[1]
            continue
        try:
            g = ClusterGame.at(p)
        except cg.InvalidParameterError:  # n = n_min: W_m = omega*
            assert r["undefined"][i] == "W <= omega"
            continue
        assert r["class"][i] == g.classify() and r["undefined"][i] == ""
        assert r["W"][i] == g.W and r["omega"][i] == g.omega
        np.testing.assert_array_equal(
            [r["pi_YY"][i], r["pi_YN"][i], r["pi_NY"][i]], g.payoff_A.ravel()[:3]
        )  # exact identities at omega*: 0, F, -F
        assert r["pi_NN"][i] == pytest.approx(g.payoff_A[1, 1], rel=1e-12, abs=1e-12)
        assert r["investment_gap"][i] == pytest.approx(p.c_A * (p.alpha - p.beta * (1 + w) * p.c) + p.F)


def test_grid_over_rates_and_fixed_rates():
    r = sweep(BASE, {"omega": [0.2], "W": np.linspace(0.21, 3, 50)}, columns=["class", "p_mixed"])
    assert r.names == ("omega", "W", "class", "p_mixed")
    ref = [ClusterGame(BASE, 0.2, W).classify() for W in r["W"]]
    assert r["class"].tolist() == ref
    assert r.codes("class").tolist() == [K.CLASS_CODES[x] for x in ref]
    r2 = sweep(BASE, {"n": [10.0, 20.0]}, rates=cg.Rates(omega=0.2, W=2.0), columns=["omega", "W", "class"])
    assert r2["omega"].tolist() == [0.2, 0.2] and r2["W"].tolist() == [2.0, 2.0]


def test_files_and_pandas(tmp_path):
    r = sweep(BASE, {"n": [10.0, 100.0, 1e-4]}, columns=["omega_star", "class"])
    path = r.to_csv(tmp_path / "r.csv")
    rows = list(csv.reader(path.open()))
    assert rows[0] == ["n", "omega_star", "class"] and len(rows) == 4
    # labels, not codes; no omega* at n = 1e-4: an empty cell, never "nan"
    assert float(rows[1][1]) == r["omega_star"][0] and rows[3][1:] == ["", "undefined"]
    assert rows[1][2] == "no dominant strategy"
    df = r.to_pandas()
    assert list(df.columns) == ["n", "omega_star", "class"] and df["class"].dtype == "category"
    r.to_parquet(tmp_path / "r.parquet")
    import pandas as pd

    back = pd.read_parquet(tmp_path / "r.parquet")
    np.testing.assert_array_equal(back["omega_star"].to_numpy(), r["omega_star"])  # null reads as NaN
    assert back["class"].astype(str).tolist() == r["class"].tolist()


def test_missing_pyarrow_gives_a_clear_error(monkeypatch, tmp_path):
    real = builtins.__import__

    def fake(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError("No module named 'pyarrow'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", fake)
    r = sweep(BASE, {"n": [10.0]}, columns=["class"])
    with pytest.raises(cg.errors.UnavailableError, match="needs pyarrow"):
        r.to_parquet(tmp_path / "x.parquet")


@pytest.mark.parametrize(
    ("grid", "kw", "error", "match"),
    [
        ({"q": [1.0]}, {}, cg.InvalidParameterError, "cannot be swept"),
        ({"k": [1.0]}, {}, cg.InvalidParameterError, "whole number from 2"),
        ({"delta": [1.0]}, {}, cg.InvalidParameterError, "'delta'"),
        ({"n": [[1.0, 2.0]]}, {}, cg.InvalidParameterError, "1-D"),
        ({"n": [-1.0]}, {}, cg.InvalidParameterError, "'n'"),
        ({}, {}, cg.InvalidParameterError, "non-empty"),
        ({"n": [1.0]}, {"columns": ["bogus"]}, cg.InvalidParameterError, "unknown column"),
        ({"n": [1.0]}, {"backend": "spark"}, ValueError, "backend"),
        ({"n": [1.0]}, {"chunk_size": 0}, ValueError, "chunk_size"),
    ],
)
def test_errors(grid, kw, error, match):
    with pytest.raises(error, match=match):
        sweep(BASE, grid, **kw)


def test_k_and_delta_as_grid_dimensions_match_the_closed_forms():
    """Beyond the paper: k and delta vary like parameters; the values follow SPEC section 4 exactly."""
    from fractions import Fraction

    from cluster_games.scale.sweep import Linspace

    r = sweep(BASE.replace(n=1e-2), {"k": Linspace(2, 12, 11), "delta": [0.5, 0.99]})
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in BASE.replace(n=1e-2).as_dict().values())
    rho = n * (alpha - beta * (c + c_A)) ** 2 / (4 * beta * F)  # 19.8: k^2 > rho from k = 5
    for i in range(len(r)):
        k, delta = Fraction(r["k"][i]), Fraction(r["delta"][i])
        threshold = 1 - (rho - k) / (k * (k - 1))  # at (omega*(k), W_m), SPEC 4.2
        assert r["collusion_threshold"][i] == pytest.approx(float(threshold), rel=1e-12)
        assert r["collusion_sustainable"][i] == ("yes" if delta >= threshold else "no")
        assert r["class"][i] == ("Y strictly dominant" if k * k > rho else "no dominant strategy")
    assert set(r["collusion_sustainable"]) == {"yes", "no"} and len(set(r["class"])) == 2
