r"""Parameter sweeps: every closed form of the model over a Cartesian grid, in chunks.

:func:`sweep` takes a base :class:`~cluster_games.parameters.Parameters` and a
grid (a 1-D array per varied parameter, any of ``n, F, alpha, beta, c, c_A``
and the rates ``omega, W``) and evaluates the model at every grid point with
:func:`cluster_games.kernels.classify.games`. The grid is never materialised:
each chunk of ``chunk_size`` points is built from its flat indices.
:func:`sweep_to_file` streams the chunks to CSV or Parquet, so its memory is one
chunk whatever the grid size; :func:`sweep` keeps the columns in memory.

Columns (one row per grid point, the last grid key varying fastest):

``<grid keys>``
    The varied values: any of the six parameters, the rates ``omega`` and ``W``, and, beyond
    the paper, the number of trading companies ``k`` (whole, >= 2; default 2) and the
    discount factor ``delta`` of the repeated game.
``n_min``, ``omega_star``
    Existence threshold and free-entry rate (empty where none exists).
``omega``, ``W``
    The rates of the game: given ones, else :math:`\omega^*` and the monopoly rate
    :math:`W_m = K / (2\beta c)`, both taken exactly (as :meth:`ClusterGame.at
    <cluster_games.game.ClusterGame.at>`), so :math:`\pi_{YY} = 0` exactly at :math:`\omega^*`.
``pi_YY``, ``pi_YN``, ``pi_NY``, ``pi_NN``
    Company A's payoffs.
``class``
    Dominance class, decided exactly (labels of :data:`cluster_games.kernels.classify.CLASSES`).
``equilibria``, ``n_equilibria``, ``p_mixed``, ``continuum``
    The equilibrium set of the game (labels of ``EQUILIBRIUM_KINDS``; with k companies, see
    :class:`~cluster_games.kernels.outcomes.Equilibria`); ``p_mixed`` is the probability of Y in the
    symmetric mixed equilibrium, for every k (:mod:`cluster_games.kernels.mixed_k`), empty where there is none.
``undefined``
    Empty for a game; else why the point is not one (no free-entry rate, ``W <= omega``,
    negative demand at ``W``, ``W`` below cost recovery). Such rows have no class, no
    equilibria and no payoffs.
``collusion_threshold``, ``collusion_sustainable``
    Beyond the paper: :math:`\delta_c = (k M(\omega) - M(W))/((k - 1) M(\omega))` (empty where
    :math:`M(\omega) \le 0`), and with ``delta`` on the grid whether collusion on N at W is
    sustainable (``yes``/``no``, decided exactly; empty without ``delta``).
``Q_bar``
    Self-marketing threshold :math:`F / (\omega c - c_A)` (empty where :math:`\omega c \le c_A`:
    no output breaks even).
``investment_gap``
    :math:`I' - I = c_A Q + F` at :math:`Q = D(\omega)`, one category's output.

In files, values that do not exist are empty cells (CSV) or nulls (Parquet), never
``nan`` or ``inf``; in memory they are NaN.

Examples
--------
>>> from cluster_games import Parameters
>>> r = sweep(Parameters(10, 1, 100, 1, 10, 1), {"n": [10, 100], "W": [0.1003, 2.0]})
>>> r["class"].tolist()
['Y strictly dominant', 'no dominant strategy', 'no dominant strategy', 'no dominant strategy']
"""

from __future__ import annotations

import math
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from os import PathLike
from pathlib import Path
from types import MappingProxyType
from typing import Any, Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from ..errors import InvalidParameterError
from ..kernels import classify as K
from ..parameters import Parameters, Rates
from .grid import COLUMNS, GRID_NAMES, Linspace, _chunks_of, _plan
from .progress import Forecast, Progress, check_disk
from .writers import open_writer

__all__ = [
    "SweepResult",
    "SweepSummary",
    "Linspace",
    "sweep",
    "sweep_to_file",
    "COLUMNS",
    "GRID_NAMES",
    "LABELS",
]

#: Columns stored as integer codes and shown as labels: name -> code table.
LABELS: dict[str, dict[int, str]] = {
    "class": K.CLASSES,
    "equilibria": K.EQUILIBRIUM_KINDS,
    "undefined": K.UNDEFINED,
    "collusion_sustainable": {-1: "", 0: "no", 1: "yes"},
}
#: Largest grid :func:`sweep` holds in memory; larger grids go to :func:`sweep_to_file`.
MAX_IN_MEMORY = 20_000_000

Backend = Literal["numpy", "dask"]


@dataclass(frozen=True)
class SweepResult:
    """Named 1-D columns of a sweep (a read-only mapping name -> array).

    Label columns (``class``, ``equilibria``, ``undefined``) are stored as integer
    codes and returned as labels by ``result[name]``; :meth:`codes` gives the codes.

    Attributes
    ----------
    columns : Mapping[str, numpy.ndarray]
        The stored columns, grid keys first.
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
        if name in LABELS:
            return K.labels(self.columns[name], LABELS[name])
        return self.columns[name]

    def codes(self, name: str) -> NDArray[np.int8]:
        """The integer codes of a label column."""
        return self.columns[name]

    def __len__(self) -> int:
        return math.prod(self.shape)

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(self.columns)

    def to_pandas(self):
        """A :class:`pandas.DataFrame` with labels as categoricals (needs pandas)."""
        try:
            import pandas as pd
        except ImportError:
            raise ImportError(
                "to_pandas() needs pandas: pip install -e '.[table]' in a clone of cluster_games"
            ) from None
        data = {}
        for name, col in self.columns.items():
            if name in LABELS:
                table = LABELS[name]
                keys = sorted(table)
                data[name] = pd.Categorical.from_codes(np.searchsorted(keys, col), [table[k] for k in keys])
            else:
                data[name] = col
        return pd.DataFrame(data)

    def _write(self, path: str | PathLike[str], fmt: str) -> Path:
        p = Path(path)
        with open_writer(p, self.names, LABELS, fmt) as w:
            for start in range(0, len(self), 65536):
                w.write({k: v[start : start + 65536] for k, v in self.columns.items()})
        return p

    def to_csv(self, path: str | PathLike[str]) -> Path:
        """Write a CSV file: labels as text, missing values as empty cells."""
        return self._write(path, "csv")

    def to_parquet(self, path: str | PathLike[str]) -> Path:
        """Write a Parquet file (needs pyarrow): labels dictionary-encoded, missing values null."""
        return self._write(path, "parquet")

    def __str__(self) -> str:
        dims = " x ".join(f"{k}[{s}]" for k, s in zip(self.grid, self.shape, strict=True))
        text = f"SweepResult({len(self)} points, grid {dims}, {len(self.columns)} columns"
        if "class" in self.columns:
            counts = np.bincount(self.columns["class"].astype(np.int64) + 1, minlength=len(K.CLASSES))
            text += "; " + ", ".join(f"{K.CLASSES[k - 1]}: {int(v)}" for k, v in enumerate(counts) if v)
        return text + ")"

    def _repr_markdown_(self) -> str:
        head = "| " + " | ".join(self.columns) + " |"
        rule = "|" + "---|" * len(self.columns)

        def cell(name: str, i: int) -> str:
            v = self[name][i]
            return f"{v:.6g}" if isinstance(v, float | np.floating) else str(v)

        rows = ["| " + " | ".join(cell(c, i) for c in self.columns) + " |" for i in range(min(len(self), 10))]
        more = [f"\n({len(self) - 10} more rows)"] if len(self) > 10 else []
        return "\n".join([f"**{self}**", "", head, rule, *rows, *more])


@dataclass(frozen=True)
class SweepSummary:
    """What :func:`sweep_to_file` wrote: the file, the number of rows, the class counts."""

    path: Path
    points: int
    grid: tuple[str, ...]
    shape: tuple[int, ...]
    class_counts: dict[str, int]
    seconds: float

    def __str__(self) -> str:
        dims = " x ".join(f"{k}[{s}]" for k, s in zip(self.grid, self.shape, strict=True))
        counts = ", ".join(f"{k}: {v}" for k, v in self.class_counts.items() if v)
        return f"{self.points} points, grid {dims} ({counts}), written to {self.path} in {self.seconds:.2f} s"


# ----------------------------------------------------------------------------- public API
def sweep(
    base: Parameters,
    grid: Mapping[str, ArrayLike],
    *,
    rates: Rates | None = None,
    columns: Sequence[str] | None = None,
    chunk_size: int = 65536,
    backend: Backend = "numpy",
    scheduler: Any = None,
    engine: str = "auto",
) -> SweepResult:
    r"""Evaluate the model on the Cartesian grid ``base`` x ``grid``, in memory.

    .. math::

        \{(n, F, \alpha, \beta, c, c_A, \omega, W)\} = \text{base} \times \prod_{k \in \text{grid}} \text{grid}[k]

    Parameters
    ----------
    base : Parameters
        Values of the parameters the grid does not vary.
    grid : mapping str -> 1-D array_like or Linspace
        Varied names (``n, F, alpha, beta, c, c_A, omega, W``) and their values (a
        :class:`Linspace` is never materialised); the product is taken in mapping order,
        the last key varying fastest.
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
    engine : {"auto", "numpy", "numba"}
        First-tier engine of the omega* kernel (:func:`cluster_games.omega_star`).

    Returns
    -------
    SweepResult

    Raises
    ------
    InvalidParameterError
        For a grid value outside the domain, or a grid of more than :data:`MAX_IN_MEMORY`
        points (use :func:`sweep_to_file`).

    Examples
    --------
    >>> from cluster_games import Parameters
    >>> r = sweep(Parameters(10, 1, 100, 1, 10, 1), {"n": [10, 1e6]}, columns=["omega_star"])
    >>> r["omega_star"].round(8)
    array([0.10022472, 0.1       ])
    """
    t0 = time.perf_counter()
    plan = _plan(base, grid, rates, columns, chunk_size, engine)
    if plan.size > MAX_IN_MEMORY:
        raise InvalidParameterError(
            "grid",
            f"{plan.size:,} points are too many to hold in memory (at most {MAX_IN_MEMORY:,}); "
            "write them to a file with sweep_to_file",
        )
    out: dict[str, NDArray[Any]] = {}
    start = 0
    for piece in _chunks_of(plan, backend, scheduler):
        if not out:
            out = {name: np.empty(plan.size, dtype=piece[name].dtype) for name in plan.names}
        stop = start + len(next(iter(piece.values())))
        for name in plan.names:
            out[name][start:stop] = piece[name]
        start = stop
    return SweepResult(MappingProxyType(out), tuple(plan.grid), plan.shape, base, time.perf_counter() - t0)


def sweep_to_file(
    base: Parameters,
    grid: Mapping[str, ArrayLike],
    path: str | PathLike[str],
    *,
    rates: Rates | None = None,
    columns: Sequence[str] | None = None,
    chunk_size: int = 65536,
    backend: Backend = "numpy",
    scheduler: Any = None,
    engine: str = "auto",
    progress: bool | None = None,
) -> SweepSummary:
    """Evaluate the model on a grid and stream the rows to CSV or Parquet (by the suffix of ``path``).

    Memory is bounded by one chunk (a few per Dask worker), whatever the grid size.
    After the first chunk, a run expected to take longer than 10 s states its
    estimated time and file size on stderr; one whose file would not fit on the
    disk is refused. Parameters as :func:`sweep`; ``progress`` shows a tqdm bar
    (default: when stderr is a terminal).

    Raises
    ------
    UnavailableError
        When the estimated file size exceeds the free disk space (or pyarrow is missing for Parquet).

    Examples
    --------
    >>> import csv, tempfile, pathlib
    >>> from cluster_games import Parameters
    >>> out = pathlib.Path(tempfile.mkdtemp()) / "s.csv"
    >>> s = sweep_to_file(Parameters(10, 1, 100, 1, 10, 1), {"n": [10, 100]}, out, columns=["class"])
    >>> [(float(r["n"]), r["class"]) for r in csv.DictReader(out.open())]
    [(10.0, 'no dominant strategy'), (100.0, 'no dominant strategy')]
    """
    t0 = time.perf_counter()
    plan = _plan(base, grid, rates, columns, chunk_size, engine)
    p = Path(path)
    counts = np.zeros(len(K.CLASSES), dtype=np.int64)
    done = 0
    forecast = Forecast("sweep", plan.size, "points")
    with open_writer(p, plan.names, LABELS) as writer, Progress(plan.size, "pt", progress) as bar:
        for piece in _chunks_of(plan, backend, scheduler):
            m = len(next(iter(piece.values())))
            writer.write(piece)
            est = forecast.record(m, writer.bytes_written() if done == 0 else None)
            if done == 0 and est is not None:  # refuse early what the disk cannot hold
                check_disk(p, est.output_bytes or 0)
            if "class" in piece:
                counts += np.bincount(piece["class"].astype(np.int64) + 1, minlength=len(K.CLASSES))
            done += m
            bar.update(m)
    class_counts = {K.CLASSES[k - 1]: int(v) for k, v in enumerate(counts)} if "class" in plan.names else {}
    return SweepSummary(p, plan.size, tuple(plan.grid), plan.shape, class_counts, time.perf_counter() - t0)
