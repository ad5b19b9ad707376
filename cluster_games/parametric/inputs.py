"""Turning what a user gives into a game's parts: payoffs, assumptions, points, files.

Text goes through the whitelist grammar (:mod:`~cluster_games.parametric.grammar`); sympy
expressions are checked to be rational functions of the declared parameters with rational
coefficients; numbers are taken exactly (a float is the binary fraction it stores, as in
:mod:`cluster_games.games`). Files are read only if regular and small.
"""

from __future__ import annotations

import decimal
from collections.abc import Mapping, Sequence
from fractions import Fraction
from os import PathLike
from typing import Any

import sympy as sp

from ..errors import DomainError, InputFileError, ParseError
from ..games._rational import to_fraction
from .grammar import Relation, parse_expression, parse_number, parse_relation

__all__ = [
    "read_text",
    "payoff_matrix",
    "relations",
    "symbol_assumptions",
    "exact_value",
    "plain",
    "MAX_STRATEGIES",
]

#: Most strategies of one player (the atlas's support systems grow as binomial(m + n, m)).
MAX_STRATEGIES = 6

_RELATIONS = {sp.StrictGreaterThan: ">", sp.GreaterThan: ">=", sp.Equality: "==", sp.Unequality: "!="}
_FLIPPED = {sp.StrictLessThan: ">", sp.LessThan: ">="}


def read_text(path: str | PathLike[str], limit: int, what: str) -> str:
    """A regular UTF-8 text file of at most ``limit`` bytes (:func:`cluster_games._files.read_bytes`)."""
    from .._files import read_bytes

    raw = read_bytes(path, what, limit=limit)
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputFileError(f"cannot read {path}: not UTF-8 text") from None


def plain(values: Any) -> Any:
    """TOML decimals as exact text (``0.1`` stays 1/10)."""
    if isinstance(values, list):
        return [plain(v) for v in values]
    if isinstance(values, decimal.Decimal):
        if not values.is_finite():
            raise ParseError(f"payoffs must be finite, got {values}")
        return str(values)
    return values


def exact_value(value: Any, where: str) -> Fraction:
    if isinstance(value, str):
        try:
            return parse_number(value, f"value of {where}")
        except ParseError as exc:
            raise DomainError(str(exc)) from None
    if isinstance(value, sp.Rational):
        return Fraction(int(value.p), int(value.q))
    if isinstance(value, sp.Basic):
        raise DomainError(f"value of {where}: expected an exact number, got {value}")
    try:
        return to_fraction(value, f"value of {where}")
    except ValueError as exc:
        raise DomainError(str(exc)) from None


def _entry(value: Any, where: str, table: Mapping[str, sp.Symbol]) -> sp.Expr:
    if isinstance(value, str):
        return parse_expression(value, table)
    if isinstance(value, sp.Basic):
        return _sympy_entry(value, where, table)
    try:
        q = to_fraction(value, where)
    except ValueError as exc:
        raise ParseError(str(exc)) from None
    return sp.Rational(q.numerator, q.denominator)


def _sympy_entry(value: sp.Basic, where: str, table: Mapping[str, sp.Symbol]) -> sp.Expr:
    if not isinstance(value, sp.Expr):
        raise ParseError(f"{where}: expected an expression, got {type(value).__name__}")
    unknown = sorted(s.name for s in value.free_symbols if s.name not in table)
    if unknown:
        raise ParseError(f"{where}: unknown symbol {unknown[0]!r} (parameters: {', '.join(table) or 'none'})")
    expr = value.xreplace({s: table[s.name] for s in value.free_symbols})
    if expr.has(sp.Float):
        raise ParseError(f"{where}: {value} has a floating-point number; use exact numbers (sympy.Rational)")
    if expr.has(sp.zoo, sp.oo, -sp.oo, sp.nan) or not expr.is_rational_function(*table.values()):
        raise ParseError(f"{where}: {value} is not a rational function of the parameters")
    if any(not a.is_Rational for a in expr.atoms(sp.Number)):
        raise ParseError(f"{where}: {value} has a number that is not rational")
    return expr


def payoff_matrix(values: Any, name: str, table: Mapping[str, sp.Symbol]) -> tuple[tuple[sp.Expr, ...], ...]:
    if isinstance(values, sp.MatrixBase):
        values = values.tolist()
    elif hasattr(values, "tolist") and not isinstance(values, str):
        values = values.tolist()
    if isinstance(values, str) or not isinstance(values, Sequence) or not values:
        raise ParseError(f"{name}: expected a non-empty 2-D array of payoffs")
    rows = list(values)
    if any(isinstance(r, str) or not isinstance(r, Sequence) for r in rows):
        raise ParseError(f"{name}: expected a 2-D array of payoffs (a list of rows)")
    width = len(rows[0])
    if width == 0 or any(len(r) != width for r in rows):
        raise ParseError(f"{name}: rows must be non-empty and of equal length")
    if len(rows) > MAX_STRATEGIES or width > MAX_STRATEGIES:
        raise ParseError(
            f"{name}: a {len(rows)}x{width} game; the atlas handles up to {MAX_STRATEGIES} strategies per player"
        )
    return tuple(
        tuple(_entry(v, f"{name}[{i}][{j}]", table) for j, v in enumerate(row)) for i, row in enumerate(rows)
    )


def symbol_assumptions(exprs: Sequence[Any]) -> list[Relation]:
    """The sign assumptions of the user's own sympy symbols (``positive=True`` is ``V > 0``), as relations."""
    out: list[Relation] = []
    seen: set[str] = set()
    for e in exprs:
        if not isinstance(e, sp.Basic):
            continue
        for s in sorted(e.free_symbols, key=lambda x: x.name):
            if s.name in seen:
                continue
            seen.add(s.name)
            plain_symbol = sp.Symbol(s.name, real=True)
            for test, op, sign in (
                (s.is_positive, ">", 1),
                (s.is_negative, ">", -1),
                (s.is_nonnegative, ">=", 1),
                (s.is_nonpositive, ">=", -1),
            ):
                if test:
                    out.append(
                        Relation(
                            sign * plain_symbol,
                            op,
                            f"{s.name} {'>' if sign > 0 else '<'}{'=' if op == '>=' else ''} 0",
                        )
                    )
                    break
    return out


def relations(value: Any, table: Mapping[str, sp.Symbol]) -> list[Relation]:
    if value is True or value is sp.true:
        return []  # already decided true by sympy (from the user's symbol assumptions)
    if value is False or value is sp.false:
        raise ParseError(
            "an assumption is false for every value (sympy decided it from the symbols' assumptions)"
        )
    if isinstance(value, str):
        return parse_relation(value, table)
    if isinstance(value, sp.Rel):
        kind = type(value)
        lhs = _sympy_entry(value.lhs, "assumption", table) if not value.lhs.is_Number else value.lhs
        rhs = _sympy_entry(value.rhs, "assumption", table) if not value.rhs.is_Number else value.rhs
        if kind in _RELATIONS:
            return [Relation(sp.expand(lhs - rhs), _RELATIONS[kind], str(value))]
        if kind in _FLIPPED:
            return [Relation(sp.expand(rhs - lhs), _FLIPPED[kind], str(value))]
    raise ParseError(f"an assumption must be a relation such as 'V > 0', got {value!r}")
