"""Streaming table writers: CSV and Parquet, one chunk at a time.

Both take chunks as ``{name: 1-D array}``. Columns named in ``labels`` hold integer
codes and are written as their labels (text in CSV, dictionary-encoded strings in
Parquet). Missing values (NaN, and the infinities a column may use for "none") are
written as empty cells or nulls, never as ``nan`` or ``inf``. Memory is one chunk.

CSV goes through pyarrow's C++ writer when pyarrow is installed (the ``table`` extra;
about four times faster) and through the standard library's :mod:`csv` otherwise, with
the same conventions: floats in their shortest round-trip form, ``true``/``false``,
empty cells for missing values.
"""

from __future__ import annotations

import csv
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import InputFileError, UnavailableError

__all__ = ["open_writer", "CsvWriter", "ArrowCsvWriter", "ParquetWriter"]

Labels = Mapping[str, Mapping[int, str]]


def _missing(col: np.ndarray) -> np.ndarray | None:
    if col.dtype.kind == "f":
        bad = ~np.isfinite(col)
        return bad if bad.any() else None
    return None


def _pyarrow():
    try:
        import pyarrow as pa
    except ImportError:
        return None
    return pa


def _open(path: Path, mode: str):
    try:
        return path.open(mode, **({"newline": "", "encoding": "utf-8"} if "b" not in mode else {}))
    except OSError as exc:
        raise InputFileError(f"cannot write {path}: {exc.strerror or exc}") from None


class CsvWriter:
    """CSV with the standard library (no pyarrow): labels as text, missing values as empty cells."""

    def __init__(self, path: Path, names: Sequence[str], labels: Labels) -> None:
        self.path, self.names, self.labels = path, tuple(names), labels
        self.fh = _open(path, "w")
        self.writer = csv.writer(self.fh)
        self.writer.writerow(self.names)

    def _cells(self, name: str, col: np.ndarray) -> list[Any]:
        if name in self.labels:
            table = self.labels[name]
            return [table[int(k)] for k in col.tolist()]
        if col.dtype.kind == "b":
            return ["true" if v else "false" for v in col.tolist()]
        values = col.tolist()
        if col.dtype.kind == "f":  # shortest round-trip text, as pyarrow writes it (1.0 -> "1")
            values = [repr(v).removesuffix(".0") for v in values]
        bad = _missing(col)
        if bad is not None:
            for i in np.flatnonzero(bad).tolist():
                values[i] = ""
        return values

    def write(self, chunk: Mapping[str, np.ndarray]) -> None:
        cols = [self._cells(name, np.asarray(chunk[name])) for name in self.names]
        self.writer.writerows(zip(*cols, strict=True))

    def bytes_written(self) -> int:
        self.fh.flush()
        return self.fh.tell()

    def close(self) -> None:
        self.fh.close()


class _ArrowTables:
    """Chunks as :class:`pyarrow.Table`: labels dictionary-encoded, non-finite floats as nulls."""

    def __init__(self, pa: Any, names: Sequence[str], labels: Labels) -> None:
        self.pa, self.names, self.labels = pa, tuple(names), labels
        self.dictionaries = {
            name: (sorted(table), pa.array([table[k] for k in sorted(table)], pa.string()))
            for name, table in labels.items()
        }

    def __call__(self, chunk: Mapping[str, np.ndarray]):
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

    def empty(self):
        return self(
            {name: np.empty(0, dtype=np.int8 if name in self.labels else float) for name in self.names}
        )


class ArrowCsvWriter:
    """CSV through pyarrow's streaming :class:`pyarrow.csv.CSVWriter`."""

    def __init__(self, path: Path, names: Sequence[str], labels: Labels, pa: Any) -> None:
        import pyarrow.csv as pcsv

        self.path, self.pcsv = path, pcsv
        self.tables = _ArrowTables(pa, names, labels)
        self.fh = _open(path, "wb")
        self.writer: Any = None

    def _write_table(self, table) -> None:
        table = _plain(table)  # labels as plain strings: a CSV reader sees text, not dictionary indices
        if self.writer is None:
            options = self.pcsv.WriteOptions(quoting_style="needed")
            self.writer = self.pcsv.CSVWriter(self.fh, table.schema, write_options=options)
        self.writer.write_table(table)

    def write(self, chunk: Mapping[str, np.ndarray]) -> None:
        self._write_table(self.tables(chunk))

    def bytes_written(self) -> int:
        self.fh.flush()
        return self.fh.tell()

    def close(self) -> None:
        if self.writer is None:
            self._write_table(self.tables.empty())  # the header alone
        self.writer.close()
        self.fh.close()


def _plain(table):
    import pyarrow.compute as pc

    columns = [
        pc.cast(col, "string") if str(col.type).startswith("dictionary") else col for col in table.columns
    ]
    return type(table).from_arrays(columns, names=table.column_names)


class ParquetWriter:
    """One Parquet row group per chunk (pyarrow's :class:`pyarrow.parquet.ParquetWriter`)."""

    def __init__(self, path: Path, names: Sequence[str], labels: Labels, pa: Any) -> None:
        import pyarrow.parquet as pq

        self.pq, self.path = pq, path
        self.tables = _ArrowTables(pa, names, labels)
        self.writer: Any = None

    def write(self, chunk: Mapping[str, np.ndarray]) -> None:
        table = self.tables(chunk)
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
            self.writer = self.pq.ParquetWriter(str(self.path), self.tables.empty().schema)
        self.writer.close()


class open_writer:
    """``with open_writer(path, names, labels) as w: w.write(chunk)``; the format follows the suffix.

    Rows go to ``<path>.partial`` first, renamed to ``path`` when the block ends without an
    error; on an error (or an interrupt) the partial file is removed, so a file at ``path``
    is always complete.
    """

    def __init__(self, path: Path, names: Sequence[str], labels: Labels, fmt: str | None = None) -> None:
        fmt = fmt or path.suffix.lower().lstrip(".")
        if fmt not in ("csv", "parquet"):
            raise InputFileError(f"cannot write {path}: unknown format {fmt!r} (use .csv or .parquet)")
        used = {k: v for k, v in labels.items() if k in names}
        self.path = Path(path)
        self.partial = self.path.with_name(self.path.name + ".partial")
        pa = _pyarrow()
        if fmt == "parquet":
            if pa is None:
                raise UnavailableError(
                    "writing Parquet needs pyarrow: pip install -e '.[table]' in a clone of cluster_games (or write .csv)"
                )
            self.writer: Any = ParquetWriter(self.partial, names, used, pa)
        elif pa is not None:
            self.writer = ArrowCsvWriter(self.partial, names, used, pa)
        else:
            self.writer = CsvWriter(self.partial, names, used)

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
