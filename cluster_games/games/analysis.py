"""Everything about one bimatrix game at once, and games read from files (``cluster-games game``).

:func:`analyse` gathers dominance, iterated elimination (strict, mixed dominators) and
all equilibria into a frozen :class:`GameAnalysis` that prints as text, Markdown or JSON
(probabilities as exact rationals such as ``"1/3"``). :func:`read_game_file` reads a
Gambit ``.nfg`` file or a TOML file::

    title = "Battle of the sexes"
    A = [[2, 0], [0, 1]]          # row player's payoffs: integers, decimals (exact), "1/3"
    B = [[1, 0], [0, 2]]          # column player's payoffs
    row_labels = ["O", "F"]       # optional
    col_labels = ["O", "F"]
"""

from __future__ import annotations

import decimal
import json
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from os import PathLike
from pathlib import Path
from typing import Any

from .._files import GAME_FILE_LIMIT, read_bytes
from ..errors import InputFileError
from . import cost
from ._rational import MAX_DIGITS, text
from .bimatrix import BimatrixGame
from .dominance import PlayerDominance
from .elimination import EliminationResult
from .equilibria import METHODS, EquilibriumSet
from .nfg import NfgError, read_nfg

__all__ = ["GameAnalysis", "analyse", "estimate_analysis", "read_game_file"]

_TOML_KEYS = {"title", "A", "B", "row_labels", "col_labels"}


def read_game_file(path: str | PathLike[str]) -> BimatrixGame:
    """A two-player game from a ``.nfg`` or ``.toml`` file; :class:`InputFileError` names what is wrong.

    Only a regular file of at most :data:`~cluster_games._files.GAME_FILE_LIMIT` (8 MiB) is read:
    a FIFO or a device is refused before reading. Payoffs are sized before they are built
    (:func:`~cluster_games.games._rational.to_fraction`).
    """
    p = Path(path)
    raw = read_bytes(path, "game file", limit=GAME_FILE_LIMIT)  # a regular file of at most 8 MiB
    try:
        source = raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputFileError(f"cannot read {p}: not UTF-8 text") from None
    try:
        if p.suffix.lower() == ".toml":
            return _from_toml(source)
        if p.suffix.lower() == ".nfg" or source.lstrip().startswith("NFG"):
            game = read_nfg(source)
        else:
            raise InputFileError(f"{p}: expected a .nfg (Gambit strategic form) or .toml file")
    except (NfgError, ValueError) as exc:
        if isinstance(exc, InputFileError):
            raise
        raise InputFileError(f"{p}: {exc}") from None
    if not isinstance(game, BimatrixGame):
        raise InputFileError(
            f"{p}: a game of {game.n_players} players; this command analyses two-player games"
        )
    return game


def _from_toml(source: str) -> BimatrixGame:
    try:
        data = tomllib.loads(source, parse_float=decimal.Decimal)  # decimals exactly: 0.1 is 1/10
    except tomllib.TOMLDecodeError as exc:
        raise ValueError(f"TOML syntax error: {exc}") from None
    except ValueError:  # tomllib's int() of an integer beyond Python's limit of 4300 digits
        raise ValueError(
            f"an integer in the file has more than 4300 digits (payoffs of at most {MAX_DIGITS} digits are taken)"
        ) from None
    unknown = sorted(set(data) - _TOML_KEYS)
    if unknown:
        raise ValueError(f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_TOML_KEYS))})")
    for key in ("A", "B"):
        if key not in data:
            raise ValueError(f"missing payoff matrix {key!r}")
    decimals = {k: _exact(data[k]) for k in ("A", "B")}
    return BimatrixGame.from_arrays(
        decimals["A"],
        decimals["B"],
        data.get("row_labels"),
        data.get("col_labels"),
        title=str(data.get("title", "")),
    )


def _exact(values: Any) -> Any:
    if isinstance(values, list):
        return [_exact(v) for v in values]
    if isinstance(values, decimal.Decimal) and not values.is_finite():
        raise ValueError(f"payoffs must be finite, got {values}")
    return values  # a Decimal is taken exactly (and sized before it is built) by to_fraction


@dataclass(frozen=True)
class GameAnalysis:
    """Dominance, iterated elimination and equilibria of one game."""

    game: BimatrixGame
    dominance: tuple[PlayerDominance, PlayerDominance]
    elimination: EliminationResult
    equilibria: EquilibriumSet

    def to_dict(self) -> dict[str, Any]:
        g, eq = self.game, self.equilibria

        def player(d: PlayerDominance) -> dict[str, Any]:
            return {
                "strictly_dominant": d.strictly_dominant,
                "weakly_dominant": d.weakly_dominant,
                "dominated": [
                    {"strategy": x.strategy, "strict": x.strict, "by": {s: text(p) for s, p in x.by.items()}}
                    for x in d.dominated
                ],
            }

        return {
            "title": g.title,
            "shape": list(g.shape),
            "row_labels": list(g.row_labels),
            "col_labels": list(g.col_labels),
            "dominance": {"row": player(self.dominance[0]), "column": player(self.dominance[1])},
            "elimination": [
                {
                    "round": e.round,
                    "player": e.player,
                    "strategy": e.strategy,
                    "by": {s: text(p) for s, p in e.dominated_by.items()},
                    "margin": text(e.margin),
                }
                for e in self.elimination.steps
            ],
            "surviving": {
                "rows": list(self.elimination.row_indices),
                "cols": list(self.elimination.col_indices),
            },
            "extreme_equilibria": [p.as_text() for p in eq.extreme],
            "maximal_nash_subsets": [
                {
                    "rows": [[text(v) for v in x] for x in s.row_vertices],
                    "cols": [[text(v) for v in y] for y in s.col_vertices],
                }
                for s in eq.subsets
            ],
            "components": [list(c) for c in eq.components],
            "degenerate": eq.degenerate,
            "complete": eq.complete,
            "method": eq.method,
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), indent=2)

    def __str__(self) -> str:
        g, eq = self.game, self.equilibria
        lines = [
            f"{g.title or 'game'} ({g.shape[0]} x {g.shape[1]})",
            str(BimatrixGame(g.A, g.B, g.row_labels, g.col_labels)),
            "",
        ]
        lines.append("dominance:")
        for d in self.dominance:
            lines.append(f"  {d}")
            lines += [f"    {x}" for x in d.dominated]
        lines += ["", "iterated elimination of strictly dominated strategies (mixed dominators):"]
        lines += [f"  {line}" for line in str(self.elimination).splitlines()]
        lines += ["", f"equilibria ({eq.method}):", f"  {eq}"]
        if len(eq.subsets) > 1 or not eq.finite:
            lines.append(f"  maximal Nash subsets: {len(eq.subsets)}, components: {len(eq.components)}")
            lines += [f"    {s}" for s in eq.subsets]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        eq = self.equilibria
        parts = [self.game._repr_markdown_(), "", "**Dominance**", ""]
        parts += [f"- {d}" + "".join(f"; {x}" for x in d.dominated) for d in self.dominance]
        parts += ["", "**Iterated elimination**", "", self.elimination._repr_markdown_(), ""]
        parts += [f"**Equilibria** ({eq.method})", "", eq._repr_markdown_()]
        return "\n".join(parts)


def analyse(
    game: BimatrixGame,
    *,
    method: str = "auto",
    max_seconds: float | None = cost.MAX_SECONDS,
    on_stage: Callable[[str], None] | None = None,
) -> GameAnalysis:
    """Dominance (pure and mixed), iterated strict elimination and all equilibria of ``game``.

    The whole analysis is estimated first (:func:`cluster_games.games.cost.estimate`) and
    refused with :class:`~cluster_games.games.cost.TooMuchWork` if it would take longer than
    ``max_seconds`` (``None``: no limit). ``on_stage`` is told the name of each part as it starts.

    >>> a = analyse(BimatrixGame.from_arrays([[3, 0], [1, 1], [0, 3]], [[1, 0], [1, 0], [1, 0]], "TMB", "LR"))
    >>> a.to_dict()["surviving"], str(a.equilibria)
    ({'rows': [0], 'cols': [0]}, 'unique equilibrium: (T, L)')
    """
    if method not in METHODS:
        raise ValueError(f"method must be one of {', '.join(METHODS)}, got {method!r}")
    cost.require(estimate_analysis(game, method), max_seconds)
    stage = on_stage or (lambda name: None)
    stage("dominance")
    dominance = game.dominance(max_seconds=None)
    stage("iterated elimination")
    elimination = game.eliminate(max_seconds=None)
    stage(f"equilibria ({cost.equilibria_method(game.shape, method)})")
    return GameAnalysis(game, dominance, elimination, game.equilibria(method=method, max_seconds=max_seconds))


def estimate_analysis(game: BimatrixGame, method: str = "auto") -> cost.Estimate:
    """The estimated seconds of :func:`analyse` on ``game`` (from its shape and payoffs, before any work)."""
    return cost.estimate(game.shape, method, A=game.A, B=game.B)
