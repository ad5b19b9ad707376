r"""Gambit's strategic-form file format (``.nfg``), read and written with exact rationals.

The format game theorists exchange games in (Gambit documentation, "The strategic game
(.nfg) file format")::

    NFG 1 R "Prisoner's dilemma" { "Row" "Column" } { { "C" "D" } { "C" "D" } }
    ""
    3 3 5 0 0 5 1 1

A header (``NFG 1 R`` or ``NFG 1 D``, a title, the players, then either the number of
strategies of each player or their names), an optional comment, and the payoffs in one of
two versions: a flat list giving every player's payoff for each profile in turn, or a
list of outcomes ``{ "name" p1 p2 ... }`` followed by the outcome index (1-based, 0 for
none) of each profile. Profiles are listed with the **first player's strategy changing
fastest**. Numbers are integers, decimals or rationals such as ``3/4``, all taken exactly.

>>> g = read_nfg('NFG 1 R "PD" { "Row" "Column" } { { "C" "D" } { "C" "D" } } "" 3 3 5 0 0 5 1 1')
>>> g.A, g.row_labels
(((Fraction(3, 1), Fraction(0, 1)), (Fraction(5, 1), Fraction(1, 1))), ('C', 'D'))
>>> read_nfg(write_nfg(g)) == g
True
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from fractions import Fraction
from os import PathLike
from pathlib import Path

from ._rational import _NUMBER, MAX_PAYOFFS, text, to_fraction
from .bimatrix import BimatrixGame
from .normal_form import MAX_PROFILES, NormalFormGame

__all__ = ["read_nfg", "write_nfg", "NfgError"]

_TOKEN = re.compile(r'"((?:[^"\\]|\\.)*)"|([{}])|([^\s{}",]+)')  # commas separate, as whitespace


class NfgError(ValueError):
    """The text is not a strategic-form game in Gambit's format (the message says where)."""


def _tokens(source: str) -> Iterator[tuple[str, str]]:
    """The tokens of ``source`` one at a time (a list of them would take ten times the file's size)."""
    for m in _TOKEN.finditer(source):
        if m.group(1) is not None:
            yield ("str", m.group(1).replace('\\"', '"').replace("\\\\", "\\"))
        elif m.group(2) is not None:
            yield (m.group(2), m.group(2))
        else:
            yield ("word", m.group(3))


class _Reader:
    def __init__(self, tokens: Iterator[tuple[str, str]]) -> None:
        self.tokens, self.i = tokens, 0
        self.next: tuple[str, str] | None = next(tokens, None)

    def peek(self) -> tuple[str, str] | None:
        return self.next

    def take(self, kind: str | None = None, what: str = "a token") -> str:
        tok = self.next
        if tok is None:
            raise NfgError(f"unexpected end of file: expected {what}")
        if kind is not None and tok[0] != kind:
            raise NfgError(f"expected {what}, got {tok[1][:40]!r} (token {self.i + 1})")
        self.i += 1
        self.next = next(self.tokens, None)
        return tok[1]

    def number(self, what: str) -> Fraction:
        word = self.take("word", what)
        if _NUMBER.match(word) is None:
            raise NfgError(f"expected {what}, got {word[:40]!r}")
        try:  # sized before it is built: 1e999999999 is refused, not computed
            return to_fraction(word, f"{what} (token {self.i})")
        except ValueError as exc:
            raise NfgError(str(exc)) from None

    def strings(self) -> list[str]:
        self.take("{", "'{'")
        out = []
        while (tok := self.peek()) is not None and tok[0] == "str":
            out.append(self.take())
        self.take("}", "'}' closing a list of names")
        return out


def read_nfg(source: str | PathLike[str]) -> BimatrixGame | NormalFormGame:
    """The game in ``.nfg`` text (a ``str``) or file (a path): a :class:`BimatrixGame` for two players."""
    if isinstance(source, PathLike):
        path = Path(source)
        try:
            source = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            raise NfgError(f"{path}: not UTF-8 text") from None
    r = _Reader(_tokens(str(source)))
    if r.take("word", "'NFG'") != "NFG" or r.take("word", "the version") != "1":
        raise NfgError("not a Gambit strategic-form file: it must start with 'NFG 1 R' or 'NFG 1 D'")
    if r.take("word", "'R' or 'D'") not in ("R", "D"):
        raise NfgError("the header must read 'NFG 1 R' or 'NFG 1 D'")
    title = r.take("str", "the title in quotes")
    players = r.strings()
    if not players:
        raise NfgError("the game has no players")
    r.take("{", "the strategies: '{'")
    strategies: list[list[str]] = []
    if r.peek() is not None and r.peek()[0] == "{":
        while r.peek() is not None and r.peek()[0] == "{":
            strategies.append(r.strings())
        r.take("}", "'}' closing the strategies")
    else:
        while r.peek() is not None and r.peek()[0] == "word":
            count = r.number("a number of strategies")
            if count.denominator != 1 or not 1 <= count <= 10_000:
                raise NfgError(f"a number of strategies must be a positive integer, got {count}")
            strategies.append([str(s + 1) for s in range(int(count))])
        r.take("}", "'}' closing the numbers of strategies")
    if len(strategies) != len(players) or any(not s for s in strategies):
        raise NfgError(f"{len(players)} players but strategies for {len(strategies)}")
    shape = [len(s) for s in strategies]
    size = 1
    for m in shape:
        size *= m
    if size > MAX_PROFILES:
        raise NfgError(f"{size:,} strategy profiles: at most {MAX_PROFILES:,} are read")
    if len(players) == 2 and size > MAX_PAYOFFS:  # before any payoff is read
        raise NfgError(
            f"a {shape[0]} x {shape[1]} game: at most {MAX_PAYOFFS:,} profiles of a two-player game are read"
        )
    if r.peek() is not None and r.peek()[0] == "str":
        r.take()  # the comment
    # profiles with the first player's strategy changing fastest
    order = [tuple(reversed(p)) for p in itertools.product(*(range(m) for m in reversed(shape)))]
    payoffs: dict[tuple[int, ...], tuple[Fraction, ...]] = {}
    if r.peek() is not None and r.peek()[0] == "{":  # outcome version
        r.take("{")
        outcomes = []
        while r.peek() is not None and r.peek()[0] == "{":
            r.take("{")
            r.take("str", "an outcome name")
            values = []
            while r.peek() is not None and r.peek()[0] == "word":
                values.append(r.number("a payoff"))
            r.take("}", "'}' closing an outcome")
            if len(values) != len(players):
                raise NfgError(
                    f"outcome {len(outcomes) + 1} has {len(values)} payoffs for {len(players)} players"
                )
            outcomes.append(tuple(values))
        r.take("}", "'}' closing the outcomes")
        for profile in order:
            k = r.number("an outcome index")
            if k.denominator != 1 or not 0 <= k <= len(outcomes):
                raise NfgError(f"outcome index {k} out of range 0..{len(outcomes)}")
            payoffs[profile] = outcomes[int(k) - 1] if k else tuple(Fraction(0) for _ in players)
    else:  # payoff version
        for profile in order:
            payoffs[profile] = tuple(r.number(f"the payoffs of profile {profile}") for _ in players)
    if r.peek() is not None:
        raise NfgError(f"unexpected {r.peek()[1]!r} after the payoffs")
    game = NormalFormGame(tuple(tuple(s) for s in strategies), payoffs, tuple(players), title)
    return game.to_bimatrix() if len(players) == 2 else game


def _quote(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def write_nfg(game: BimatrixGame | NormalFormGame, players: tuple[str, ...] = ("Row", "Column")) -> str:
    """The game as ``.nfg`` text (rational version, payoff list)."""
    if isinstance(game, BimatrixGame):
        strategies = (game.row_labels, game.col_labels)
        m, n = game.shape
        table = {(i, j): (game.A[i][j], game.B[i][j]) for i in range(m) for j in range(n)}
        names, title = players, game.title
    else:
        strategies, table, names, title = game.strategies, game.payoffs, game.players, game.title
    shape = [len(s) for s in strategies]
    order = [tuple(reversed(p)) for p in itertools.product(*(range(k) for k in reversed(shape)))]
    head = (
        f"NFG 1 R {_quote(title)} {{ {' '.join(map(_quote, names))} }} "
        f"{{ {' '.join('{ ' + ' '.join(map(_quote, s)) + ' }' for s in strategies)} }}"
    )
    body = " ".join(text(v) for profile in order for v in table[profile])
    return f'{head}\n""\n\n{body}\n'
