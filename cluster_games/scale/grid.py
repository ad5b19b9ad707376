r"""The grid of a sweep and its evaluation chunk by chunk (used by :mod:`cluster_games.scale.sweep`).

A grid is a mapping from names of :data:`GRID_NAMES` to 1-D arrays or :class:`Linspace`
axes; its Cartesian product is never materialised: :func:`_plan` fixes the shape and the
chunks, and :func:`_evaluate_chunk` builds one chunk's points from their flat indices and
evaluates every column of :data:`COLUMNS` with :func:`cluster_games.kernels.classify.games`.
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
from numpy.typing import NDArray

from ..domain import as_real_array, as_whole_array
from ..errors import InvalidParameterError
from ..kernels import _arrays as A
from ..kernels import classify as K
from ..kernels import free_entry as FE
from ..parameters import PARAMETER_NAMES, RATE_NAMES, Parameters, Rates

__all__ = ["GRID_NAMES", "COLUMNS", "Linspace", "MAX_POINTS"]

#: Names a grid may vary.
GRID_NAMES = (*PARAMETER_NAMES, *RATE_NAMES, "k", "delta")
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
    "undefined",
    "collusion_threshold",
    "collusion_sustainable",
    "Q_bar",
    "investment_gap",
)

#: Largest number of grid points a sweep accepts (flat indices must fit in int64).
MAX_POINTS = 10**15


@dataclass(frozen=True)
class Linspace:
    """A grid axis of ``count`` evenly spaced values from ``start`` to ``stop`` (ends included),
    equal to ``numpy.linspace(start, stop, count)`` but never materialised.

    >>> Linspace(0.0, 1.0, 5).take(np.array([0, 3, 4])).tolist()
    [0.0, 0.75, 1.0]
    """

    start: float
    stop: float
    count: int

    def __len__(self) -> int:
        return self.count

    @property
    def step(self) -> float:
        return (self.stop - self.start) / (self.count - 1) if self.count > 1 else 0.0

    def take(self, idx: NDArray[np.int64]) -> NDArray[np.float64]:
        # numpy.linspace computes i * step + start and sets the last value to stop exactly.
        out = idx * self.step + self.start
        return np.where(idx == self.count - 1, self.stop, out) if self.count > 1 else out

    def extremes(self) -> NDArray[np.float64]:
        """The values that decide validation: both ends and the smallest non-zero magnitude."""
        ends = [self.start, self.stop]
        if self.count > 2 and (self.start == 0.0 or self.stop == 0.0):
            ends.append(self.take(np.array([1 if self.start == 0.0 else self.count - 2]))[0])
        return np.array(ends, dtype=float)


def _grid_axes(grid: Mapping[str, Any]) -> dict[str, Any]:
    if not isinstance(grid, Mapping) or not grid:
        raise InvalidParameterError("grid", "must be a non-empty mapping name -> 1-D array")
    out: dict[str, Any] = {}
    for name, values in grid.items():
        if name not in GRID_NAMES:
            raise InvalidParameterError(name, f"cannot be swept (choose from {', '.join(GRID_NAMES)})")
        if isinstance(values, Linspace):
            if values.count < 1:
                raise InvalidParameterError(name, f"a grid axis needs at least one value, got {values.count}")
            as_real_array(name, values.extremes())  # linear: the extremes bound every value
            if name == "k":  # whole numbers: whole ends and a whole step
                as_whole_array("k", values.extremes(), 2, K.MAX_COMPANIES)
                if values.count > 1 and values.step != math.floor(values.step):
                    raise InvalidParameterError(
                        "k",
                        f"a grid of numbers of companies needs a whole step: {values.start:g}:{values.stop:g}:"
                        f"{values.count} steps by {values.step:g}",
                    )
            out[name] = values
            continue
        arr = as_whole_array(name, values, 2, K.MAX_COMPANIES) if name == "k" else as_real_array(name, values)
        if arr.ndim > 1:
            raise InvalidParameterError(name, f"grid values must be 1-D, got shape {arr.shape}")
        out[name] = arr.reshape(-1)
    return out


def _take(axis: Any, idx: NDArray[np.int64]) -> NDArray[np.float64]:
    return axis.take(idx) if isinstance(axis, Linspace) else axis[idx]


@dataclass(frozen=True)
class _Plan:
    base: dict[str, float]
    grid: dict[str, Any]
    shape: tuple[int, ...]
    rates: tuple[float | None, float | None]
    columns: tuple[str, ...]
    chunk_size: int
    engine: str

    @property
    def size(self) -> int:
        return math.prod(self.shape)

    @property
    def names(self) -> tuple[str, ...]:
        return (*self.grid, *self.columns)

    def tasks(self) -> Iterator[tuple]:
        for start, stop in A._chunks(self.size, self.chunk_size):
            yield (self.base, self.grid, self.shape, self.rates, self.columns, start, stop, self.engine)


def _plan(base, grid, rates, columns, chunk_size, engine) -> _Plan:
    if not isinstance(base, Parameters):
        raise TypeError(f"base must be a Parameters instance, got {type(base).__name__}")
    axes = _grid_axes(grid)
    rates = rates or Rates()
    cols = tuple(COLUMNS if columns is None else columns)
    unknown = [c for c in cols if c not in COLUMNS]
    if unknown:
        raise InvalidParameterError(unknown[0], f"unknown column (choose from {', '.join(COLUMNS)})")
    cols = tuple(c for c in cols if c not in axes)
    shape = tuple(len(a) for a in axes.values())
    if math.prod(shape) > MAX_POINTS:
        raise InvalidParameterError(
            "grid", f"{math.prod(shape):.3g} points; a sweep takes at most {MAX_POINTS:.0e}"
        )
    return _Plan(
        base.as_dict(), axes, shape, (rates.omega, rates.W), cols, A._check_chunk(chunk_size), engine
    )


def _evaluate_chunk(base, grid, shape, rates, columns, start, stop, engine) -> dict[str, NDArray[Any]]:
    """All requested columns for the flat grid indices [start, stop) (pure function of its inputs)."""
    idx = np.unravel_index(np.arange(start, stop), shape)
    vals: dict[str, Any] = dict(base)
    out: dict[str, NDArray[Any]] = {}
    for axis, (name, values) in enumerate(grid.items()):
        vals[name] = _take(values, idx[axis])
        out[name] = vals[name]
    m = stop - start
    n, F, alpha, beta, c, c_A = (vals[name] for name in PARAMETER_NAMES)
    omega = vals.get("omega", rates[0])
    W = vals.get("W", rates[1])
    k, delta = vals.get("k", 2.0), vals.get("delta")
    need = set(columns)
    derived: dict[str, Any] = {}
    if "n_min" in need:
        derived["n_min"] = FE.n_min(F, alpha, beta, c, c_A, k=k, on_infeasible="nan")
    if "omega_star" in need:
        derived["omega_star"] = FE.omega_star(
            n, F, alpha, beta, c, c_A, k=k, engine=engine, on_infeasible="nan"
        )
    g = K.games(n, F, alpha, beta, c, c_A, omega, W, k=k, delta=delta, chunk_size=max(m, 1), engine=engine)
    eq = g.equilibria
    defined = g.undefined == 0
    with np.errstate(all="ignore"):
        m_omega = g.omega * c - c_A
        D_omega = alpha - beta * (1 + g.omega) * c
        if omega is None:  # Q_bar(omega*(k)) = n D(omega*) / k: no cancellation in omega* c - c_A
            q_bar = np.where(np.asarray(F) > 0, n * D_omega / k, np.nan)
        else:
            q_bar = np.where(m_omega > 0, F / np.where(m_omega > 0, m_omega, 1.0), np.nan)
        gap = c_A * D_omega + F
    derived.update(
        omega=g.omega,
        W=g.W,
        pi_YY=g.YY,
        pi_YN=g.YN,
        pi_NY=g.NY,
        pi_NN=g.NN,
        **{"class": g.klass},
        equilibria=eq.kind,
        n_equilibria=eq.count,
        p_mixed=eq.p_mixed,
        continuum=eq.continuum & defined,
        undefined=g.undefined,
        collusion_threshold=g.collusion_threshold,
        collusion_sustainable=g.collusion_sustainable,
        Q_bar=np.where(defined, q_bar, np.nan),
        investment_gap=np.where(defined, gap, np.nan),
    )
    for name in columns:
        out[name] = np.broadcast_to(np.asarray(derived[name]), (m,))
    return {k: np.ascontiguousarray(v) for k, v in out.items()}


def _chunks_of(plan: _Plan, backend: str, scheduler: Any) -> Iterator[dict[str, NDArray[Any]]]:
    if backend == "numpy":
        for task in plan.tasks():
            yield _evaluate_chunk(*task)
    elif backend == "dask":
        from ._dask import map_ordered

        yield from map_ordered(_evaluate_chunk, plan.tasks(), scheduler)
    else:
        raise ValueError(f"backend must be 'numpy' or 'dask', got {backend!r}")
