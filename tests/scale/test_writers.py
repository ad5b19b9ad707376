"""Streaming writers: the pyarrow and standard-library CSV paths write the same cells; partial files."""

from __future__ import annotations

import builtins
import csv

import numpy as np
import pytest

import cluster_games as cg
from cluster_games.scale.sweep import LABELS, sweep
from cluster_games.scale.writers import CsvWriter, open_writer

BASE = cg.Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)


def rows(path):
    with path.open(newline="") as fh:
        return list(csv.reader(fh))


def test_both_csv_paths_write_the_same_cells(tmp_path, monkeypatch):
    # a grid with undefined points (no omega*, W <= omega), exact zeros, labels with commas
    r = sweep(BASE, {"n": [1e-4, 10.0, 1e6], "W": [0.05, 0.2, 4.55, 9.5]})
    arrow = r.to_csv(tmp_path / "arrow.csv")
    real = builtins.__import__

    def no_pyarrow(name, *args, **kwargs):
        if name.startswith("pyarrow"):
            raise ImportError("No module named 'pyarrow'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_pyarrow)
    plain = r.to_csv(tmp_path / "plain.csv")
    a, b = rows(arrow), rows(plain)
    assert a == b and len(a) == 13
    assert {"undefined", "no dominant strategy"} <= {row[a[0].index("class")] for row in a[1:]}
    assert not any(cell.lower() in ("nan", "inf", "-inf", "true.0") for row in a for cell in row)


def test_a_failed_write_leaves_no_file(tmp_path):
    out = tmp_path / "x.csv"
    with pytest.raises(RuntimeError), open_writer(out, ("n",), LABELS) as w:
        w.write({"n": np.array([1.0])})
        raise RuntimeError("interrupted")
    assert list(tmp_path.iterdir()) == []


def test_standard_library_writer_formats(tmp_path):
    w = CsvWriter(tmp_path / "f.csv", ("x", "b", "class"), {"class": LABELS["class"]})
    w.write(
        {
            "x": np.array([1.0, 0.1, np.nan, np.inf]),
            "b": np.array([True, False, True, False]),
            "class": np.array([0, -1, 4, 5], dtype=np.int8),
        }
    )
    w.close()
    assert rows(tmp_path / "f.csv")[1:] == [
        ["1", "true", "Y strictly dominant"],
        ["0.1", "false", "undefined"],
        ["", "true", "no dominant strategy"],
        ["", "false", "Y and N equivalent"],
    ]
