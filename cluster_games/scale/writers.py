"""Streaming table writers: CSV (standard library) and Parquet (pyarrow), one chunk at a time.

Both take chunks as ``{name: 1-D array}``. Columns named in ``labels`` hold integer
codes and are written as their labels (text in CSV, dictionary-encoded strings in
Parquet). Missing values (NaN, and the infinities a column may use for "none") are
written as empty cells or nulls, never as ``nan`` or ``inf``. Memory is one chunk.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputFileError, UnavailableError

__all__ = ["open_writer", "CsvWriter", "ParquetWriter"]


def _missing(col: np.ndarray) -> np.ndarray | None:
    if col.dtype.kind == "f":
        bad = ~np.isfinite(col)
        return bad if bad.any() else None
    return None


class CsvWriter:
    """Rows of text; labels as text, floats with repr precision, missing values as empty cells."""

    def __init__(self, path: Path, names: Sequence[str], labels: Mapping[str, Mapping[int, str]]) -> None:
        self.path, self.names, self.labels = path, tuple(names), labels
        try:
            self.fh = path.open("w", newline="", encoding="utf-8")
        except OSError as exc:
            raise InputFileError(f"cannot write {path}: {exc.strerror or exc}") from None
        self.writer = csv.writer(self.fh)
        self.writer.writerow(self.names)

    def write(self, chunk: Mapping[str, np.ndarray]) -> None:
        cols: list[list[Any]] = []
        for name in self.names:
            col = np.asarray(chunk[name])
            if name in self.labels:
                table = self.labels[name]
                values: list[Any] = [table[int(k)] for k in col.tolist()]
            else:
                values = col.tolist()
                bad = _missing(col)
                if bad is not None:
                    for i in np.flatnonzero(bad).tolist():
                        values[i] = ""
            cols.append(values)
        self.writer.writerows(zip(*cols, strict=True))

    def bytes_written(self) -> int:
        self.fh.flush()
        return self.fh.tell()

    def close(self) -> None:
        self.fh.close()


class ParquetWriter:
    """One Parquet row group per chunk (pyarrow's :class:`pyarrow.parquet.ParquetWriter`)."""

    def __init__(self, path: Path, names: Sequence[str], labels: Mapping[str, Mapping[int, str]]) -> None:
        try:
            import pyarrow as pa
            import pyarrow.parquet as pq
        except ImportError:
            raise UnavailableError(
                "writing Parquet needs pyarrow: pip install 'cluster-games[table]' (or write .csv)"
            ) from None
        self.pa, self.pq = pa, pq
        self.path, self.names, self.labels = path, tuple(names), labels
        self.writer: Any = None
        self.dictionaries = {
            name: (sorted(table), pa.array([table[k] for k in sorted(table)], pa.string()))
            for name, table in labels.items()
        }

    def _table(self, chunk: Mapping[str, np.ndarray]):
        pa = self.pa
        arrays = []
        for name in self.names:
            col = np.asarray(chunk[name])
            if name in self.labels:
                keys, dictionary = self.dictionaries[name]
                indices = pa.array(np.searchsorted(keys, col).astype(np.int8))
                arrays.append(pa.DictionaryArray.from_arrays(indices, dictionary))
            else:
                arrays.append(pa.array(col, mask=_missing(col)))
        return pa.Table.from_arrays(arrays, names=list(self.names))

    def write(self, chunk: Mapping[str, np.ndarray]) -> None:
        table = self._table(chunk)
        if self.writer is None:
            try:
                self.writer = self.pq.ParquetWriter(str(self.path), table.schema)
            except OSError as exc:
                raise InputFileError(f"cannot write {self.path}: {exc}") from None
        self.writer.write_table(table)

    def bytes_written(self) -> int:
        try:
            return self.path.stat().st_size or 1
        except OSError:
            return 1

    def close(self) -> None:
        if self.writer is None:  # nothing written: still leave a valid (empty) file
            empty = {
                name: np.empty(0, dtype=np.int8 if name in self.labels else float) for name in self.names
            }
            self.write(empty)
        self.writer.close()


class open_writer:
    """``with open_writer(path, names, labels) as w: w.write(chunk)``; the format follows the suffix.

    Rows go to ``<path>.partial`` first, renamed to ``path`` when the block ends without an
    error; on an error (or an interrupt) the partial file is removed, so a file at ``path``
    is always complete.
    """

    def __init__(
        self,
        path: Path,
        names: Sequence[str],
        labels: Mapping[str, Mapping[int, str]],
        fmt: str | None = None,
    ) -> None:
        fmt = fmt or path.suffix.lower().lstrip(".")
        if fmt not in ("csv", "parquet"):
            raise InputFileError(f"cannot write {path}: unknown format {fmt!r} (use .csv or .parquet)")
        used = {k: v for k, v in labels.items() if k in names}
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        self.writer = (CsvWriter if fmt == "csv" else ParquetWriter)(self.partial, names, used)

    def __enter__(self):
        return self.writer

    def __exit__(self, exc_type, *exc: object) -> None:
        try:
            self.writer.close()
        finally:
            if exc_type is not None:
                self.partial.unlink(missing_ok=True)
        if exc_type is None:
            try:
                self.partial.replace(self.path)
            except OSError as err:
                self.partial.unlink(missing_ok=True)
                raise InputFileError(f"cannot write {self.path}: {err.strerror or err}") from None
