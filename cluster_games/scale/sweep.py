r"""Parameter sweeps: every closed form of the model over a Cartesian grid, in chunks.

:func:`sweep` takes a base :class:`~cluster_games.parameters.Parameters` and a
grid (a 1-D array per varied parameter, any of ``n, F, alpha, beta, c, c_A``
and the rates ``omega, W``) and evaluates the model at every grid point with
the kernels of :mod:`cluster_games.kernels.vectorized`. The grid is never
materialised: each chunk of ``chunk_size`` points is built from its flat
indices, so memory is the output columns plus one chunk of scratch.

Columns (all 1-D, one row per grid point, the last grid key varying fastest):

``<grid keys>``
    The varied values.
``n_min``, ``omega_star``
    Existence threshold and free-entry rate (NaN where none exists).
``omega``, ``W``
    The rates of the game: given ones, else :math:`\omega^*` and the monopoly rate
    :math:`W_m = K / (2\beta c)` (as :meth:`ClusterGame.at <cluster_games.game.ClusterGame.at>`).
``pi_YY``, ``pi_YN``, ``pi_NY``, ``pi_NN``
    Company A's payoffs.
``class``
    Dominance code, exact (:data:`cluster_games.kernels.vectorized.CLASSES`).
``equilibria``, ``n_equilibria``, ``p_mixed``, ``continuum``
    The equilibrium set of the 2x2 game (:func:`cluster_games.kernels.vectorized.equilibria`).
``Q_bar``
    Self-marketing threshold :math:`F / (\omega c - c_A)`.
``investment_gap``
    :math:`I' - I = c_A Q + F` at :math:`Q = D(\omega)`, one category's output.

Examples
--------
>>> from cluster_games import Parameters
>>> from cluster_games.scale.sweep import sweep
>>> r = sweep(Parameters(10, 1, 100, 1, 10, 1), {"n": [10, 100], "W": [0.1003, 2.0]})
>>> r["class"].tolist()
[0, 4, 4, 4]
>>> r.labels("class")[:2].tolist()
['Y strictly dominant', 'no dominant strategy']
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..domain import as_real_array
from ..errors import InvalidParameterError
from ..kernels import _arrays as A
from ..kernels import classify as K
from ..kernels import vectorized as V
from ..parameters import PARAMETER_NAMES, RATE_NAMES, Parameters, Rates

__all__ = ["SweepResult", "sweep", "COLUMNS", "GRID_NAMES"]

#: Names a grid may vary.
GRID_NAMES = PARAMETER_NAMES + RATE_NAMES
#: Computed columns, in output order.
COLUMNS = (
    "n_min",
    "omega_star",
    "omega",
    "W",
    "pi_YY",
    "pi_YN",
    "pi_NY",
    "pi_NN",
    "class",
    "equilibria",
    "n_equilibria",
    "p_mixed",
    "continuum",
    "Q_bar",
    "investment_gap",
)
_CODE_TABLES = {"class": K.CLASSES, "equilibria": K.EQUILIBRIUM_KINDS}

Backend = Literal["numpy", "dask"]


@dataclass(frozen=True)
class SweepResult:
    """Named 1-D columns of a sweep (a read-only mapping name -> array).

    Attributes
    ----------
    columns : Mapping[str, numpy.ndarray]
        The columns, grid keys first.
    grid : tuple of str
        The varied names, in grid order (the last varies fastest).
    shape : tuple of int
        Grid shape; ``column.reshape(shape)`` gives the grid view.
    base : Parameters
        The parameters not varied.
    """

    columns: Mapping[str, NDArray[Any]]
    grid: tuple[str, ...]
    shape: tuple[int, ...]
    base: Parameters
    seconds: float = field(default=0.0, compare=False)

    def __getitem__(self, name: str) -> NDArray[Any]:
        return self.columns[name]

    def __len__(self) -> int:
        return math.prod(self.shape)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.columns)

    def labels(self, name: str) -> NDArray[np.str_]:
        """The ``class`` or ``equilibria`` codes as strings."""
        return K.labels(self.columns[name], _CODE_TABLES[name])

    def to_pandas(self):
        """A :class:`pandas.DataFrame` (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError("to_pandas() needs pandas: pip install 'cluster-games[table]'") from None
        return pd.DataFrame(dict(self.columns))

    def to_csv(self, path: str | PathLike[str]) -> Path:
        """Write a CSV file (standard library only; floats with repr precision)."""
        import csv

        p = Path(path)
        cols = list(self.columns.values())
        with p.open("w", newline="") as fh:
            w = csv.writer(fh)
            w.writerow(self.columns)
            for start in range(0, len(self), 65536):
                block = [c[start : start + 65536].tolist() for c in cols]
                w.writerows(zip(*block, strict=True))
        return p

    def to_parquet(self, path: str | PathLike[str]) -> Path:
        """Write a Parquet file (needs pyarrow)."""
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise ImportError("to_parquet() needs pyarrow: pip install 'cluster-games[table]'") from None
        p = Path(path)
        pq.write_table(pa.table(dict(self.columns)), p)
        return p

    def __str__(self) -> str:
        dims = " x ".join(f"{k}[{s}]" for k, s in zip(self.grid, self.shape, strict=True))
        counts = np.bincount(self.columns["class"].astype(np.int64) + 1, minlength=len(K.CLASSES))
        parts = [f"{K.CLASSES[k - 1]}: {int(v)}" for k, v in enumerate(counts) if v]
        return (
            f"SweepResult({len(self)} points, grid {dims}, {len(self.columns)} columns; "
            + ", ".join(parts)
            + ")"
        )

    def _repr_markdown_(self) -> str:
        head = "| " + " | ".join(self.columns) + " |"
        rule = "|" + "---|" * len(self.columns)
        rows = [
            "| "
            + " | ".join(f"{c[i]:.6g}" if c.dtype.kind == "f" else str(c[i]) for c in self.columns.values())
            + " |"
            for i in range(min(len(self), 10))
        ]
        more = [f"\n({len(self) - 10} more rows)"] if len(self) > 10 else []
        return "\n".join([f"**{self}**", "", head, rule, *rows, *more])


def _grid_arrays(grid: Mapping[str, ArrayLike]) -> dict[str, NDArray[np.float64]]:
    if not isinstance(grid, Mapping) or not grid:
        raise InvalidParameterError("grid", "must be a non-empty mapping name -> 1-D array")
    out = {}
    for name, values in grid.items():
        if name not in GRID_NAMES:
            raise InvalidParameterError(name, f"cannot be swept (choose from {', '.join(GRID_NAMES)})")
        arr = as_real_array(name, values)
        if arr.ndim > 1:
            raise InvalidParameterError(name, f"grid values must be 1-D, got shape {arr.shape}")
        out[name] = arr.reshape(-1)
    return out


def _evaluate_chunk(
    base: dict[str, float],
    grid: dict[str, NDArray[np.float64]],
    shape: tuple[int, ...],
    rates: tuple[float | None, float | None],
    columns: tuple[str, ...],
    start: int,
    stop: int,
    engine: str,
) -> dict[str, NDArray[Any]]:
    """All requested columns for the flat grid indices [start, stop) (pure function of its inputs)."""
    idx = np.unravel_index(np.arange(start, stop), shape)
    vals: dict[str, Any] = dict(base)
    out: dict[str, NDArray[Any]] = {}
    for axis, (name, arr) in enumerate(grid.items()):
        vals[name] = arr[idx[axis]]
        out[name] = vals[name]
    m = stop - start
    p = [vals[k] for k in PARAMETER_NAMES]
    n, F, alpha, beta, c, c_A = p
    need = set(columns)
    derived: dict[str, Any] = {}
    if "n_min" in need:
        derived["n_min"] = V.n_min(F, alpha, beta, c, c_A)
    omega_given = vals.get("omega", rates[0])
    W_given = vals.get("W", rates[1])
    if "omega_star" in need or omega_given is None:
        derived["omega_star"] = V.omega_star(n, F, alpha, beta, c, c_A, engine=engine)
    omega = derived["omega_star"] if omega_given is None else np.asarray(omega_given, dtype=float)
    W = V.monopoly_rate(alpha, beta, c, c_A) if W_given is None else np.asarray(W_given, dtype=float)
    derived["omega"], derived["W"] = omega, W
    if need & {"pi_YY", "pi_YN", "pi_NY", "pi_NN"}:
        e = K.payoff_entries(n, F, alpha, beta, c, c_A, omega, W)
        derived.update(pi_YY=e.YY, pi_YN=e.YN, pi_NY=e.NY, pi_NN=e.NN)
    if need & {"class", "equilibria", "n_equilibria", "p_mixed", "continuum"}:
        sa, sb, pm = K.margin_signs(n, alpha, beta, c, c_A, omega, W, engine=engine)
        eq = K.Equilibria.from_signs(sa, sb, pm)
        derived.update(
            {
                "class": K._classify_signs(sa, sb),
                "equilibria": eq.kind,
                "n_equilibria": eq.count,
                "p_mixed": eq.p_mixed,
                "continuum": eq.continuum,
            }
        )
    if "Q_bar" in need:
        derived["Q_bar"] = K.Q_bar(omega, F, c, c_A)
    if "investment_gap" in need:
        with np.errstate(invalid="ignore"):
            Q = alpha - beta * (1 + omega) * c
        derived["investment_gap"] = np.where(np.isnan(Q), np.nan, c_A * Q + F)
    for name in columns:
        out[name] = np.broadcast_to(np.asarray(derived[name]), (m,))
    return {k: np.ascontiguousarray(v) for k, v in out.items()}


def sweep(
    base: Parameters,
    grid: Mapping[str, ArrayLike],
    *,
    rates: Rates | None = None,
    columns: Sequence[str] | None = None,
    chunk_size: int = 65536,
    backend: Backend = "numpy",
    scheduler: Any = None,
    engine: A.Engine = "numpy",
) -> SweepResult:
    r"""Evaluate the model on the Cartesian grid ``base`` x ``grid``.

    .. math::

        \{(n, F, \alpha, \beta, c, c_A, \omega, W)\} = \text{base} \times \prod_{k \in \text{grid}} \text{grid}[k]

    Parameters
    ----------
    base : Parameters
        Values of the parameters the grid does not vary.
    grid : mapping str -> 1-D array_like
        Varied names (``n, F, alpha, beta, c, c_A, omega, W``) and their values;
        the product is taken in mapping order, the last key varying fastest.
    rates : Rates, optional
        Fixed rates; ``None`` entries (the default) mean omega* and the monopoly rate.
    columns : sequence of str, optional
        Which of :data:`COLUMNS` to compute (default: all). Grid keys always come first.
    chunk_size : int
        Grid points per chunk (per Dask task). Results do not depend on it.
    backend : {"numpy", "dask"}
        ``dask`` runs one task per chunk on ``scheduler``; results are bitwise identical.
    scheduler : None, str or distributed.Client
        Dask only: a client, a scheduler address, or ``None`` for a temporary local cluster.
    engine : {"numpy", "numexpr", "auto"}
        Float64 kernel engine (see :mod:`cluster_games.kernels.vectorized`).

    Returns
    -------
    SweepResult

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> r = sweep(Parameters(10, 1, 100, 1, 10, 1), {"n": [10, 1e6]}, columns=["omega_star"])
    >>> r["omega_star"].round(8)
    array([0.10022472, 0.1       ])
    """
    import time

    t0 = time.perf_counter()
    if not isinstance(base, Parameters):
        raise TypeError(f"base must be a Parameters instance, got {type(base).__name__}")
    grid_arrays = _grid_arrays(grid)
    rates = rates or Rates()
    cols = tuple(COLUMNS if columns is None else columns)
    unknown = [c for c in cols if c not in COLUMNS]
    if unknown:
        raise InvalidParameterError(unknown[0], f"unknown column (choose from {', '.join(COLUMNS)})")
    cols = tuple(c for c in cols if c not in grid_arrays)
    chunk_size = A._check_chunk(chunk_size)
    shape = tuple(len(a) for a in grid_arrays.values())
    size = math.prod(shape)
    args = [
        (base.as_dict(), grid_arrays, shape, (rates.omega, rates.W), cols, s, e, engine)
        for s, e in A._chunks(size, chunk_size)
    ]
    names = (*grid_arrays, *cols)
    if backend == "numpy":
        out: dict[str, NDArray[Any]] = {}
        for a in args:  # write each chunk into preallocated columns: memory = output + one chunk
            piece = _evaluate_chunk(*a)
            if not out:
                out = {name: np.empty(size, dtype=piece[name].dtype) for name in names}
            for name in names:
                out[name][a[5] : a[6]] = piece[name]
    elif backend == "dask":
        from ._dask import run_tasks

        pieces = run_tasks(_evaluate_chunk, args, scheduler)
        out = {name: np.concatenate([p[name] for p in pieces]) for name in names}
    else:
        raise ValueError(f"backend must be 'numpy' or 'dask', got {backend!r}")
    return SweepResult(MappingProxyType(out), tuple(grid_arrays), shape, base, time.perf_counter() - t0)
