r"""Points for an atlas: a CSV file of exact values, and the answers at each point (SPEC 5.3).

The file's header names the game's parameters (each once, in any order); every other line
holds one point, each value an integer, a decimal or ``p/q``, read exactly and bounded in
size by the grammar (:func:`~cluster_games.parametric.grammar.parse_number`). Blank lines
are skipped. A bad line is refused with its number and what is wrong.

>>> from cluster_games.parametric.examples import hawk_dove
>>> rows = parse_points("V,C\n2,3\n1/2,0.25\n", hawk_dove())
>>> rows
[(Fraction(2, 1), Fraction(3, 1)), (Fraction(1, 2), Fraction(1, 4))]
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from fractions import Fraction
from os import PathLike
from typing import Any

from ..errors import DomainError, InputFileError, ParseError
from .game import ParametricGame
from .grammar import parse_number
from .inputs import read_text

__all__ = ["read_points", "parse_points", "answers", "MAX_POINTS", "MAX_POINTS_BYTES"]

#: Most points in one file.
MAX_POINTS = 1_000_000
#: Largest points file read, in bytes.
MAX_POINTS_BYTES = 64_000_000


def read_points(path: str | PathLike[str], game: ParametricGame) -> list[tuple[Fraction, ...]]:
    """The points of a CSV file, in parameter order, each checked against the game's domain."""
    return parse_points(read_text(path, MAX_POINTS_BYTES, "points file"), game, str(path))


def parse_points(source: str, game: ParametricGame, where: str = "points") -> list[tuple[Fraction, ...]]:
    """The points of CSV text (see the module docstring)."""
    reader = csv.reader(io.StringIO(source))
    try:
        header = next(reader)
    except StopIteration:
        raise InputFileError(
            f"{where}: empty (expected a header naming {', '.join(game.parameters)})"
        ) from None
    except csv.Error as exc:
        raise InputFileError(f"{where}: line 1: {exc}") from None
    names = [h.strip() for h in header]
    if sorted(names) != sorted(game.parameters) or len(set(names)) != len(names):
        raise InputFileError(
            f"{where}: the header must name each parameter once ({', '.join(game.parameters)}), got {', '.join(names)}"
        )
    order = [names.index(p) for p in game.parameters]
    out: list[tuple[Fraction, ...]] = []
    try:
        for line, row in enumerate(reader, start=2):
            if not row or all(not cell.strip() for cell in row):
                continue
            if len(out) >= MAX_POINTS:
                raise InputFileError(f"{where}: more than {MAX_POINTS:,} points")
            if len(row) != len(names):
                raise InputFileError(f"{where}: line {line}: {len(row)} values, expected {len(names)}")
            try:
                values = [parse_number(row[i], game.parameters[k]) for k, i in enumerate(order)]
                out.append(game.point(values))
            except (ParseError, DomainError) as exc:
                raise InputFileError(f"{where}: line {line}: {exc}") from None
    except csv.Error as exc:
        raise InputFileError(f"{where}: {exc}") from None
    return out


def answers(atlas, points: Sequence[tuple[Fraction, ...]]) -> list[dict[str, Any]]:
    """Each point's region and exact extreme equilibria, as JSON-ready data (SPEC 5.3)."""
    from .witness import text

    out = []
    for coords in points:
        result = atlas._at(coords)  # checked against the domain when they were read
        out.append(
            {
                "at": {k: text(v) for k, v in result.point.items()},
                "region": result.region.id if result.region is not None else None,
                "extreme_equilibria": [p.as_text() for p in result.equilibria.extreme],
            }
        )
    return out
