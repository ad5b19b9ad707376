r"""Two-player games whose payoffs are rational functions of parameters, on a domain of assumptions.

A :class:`ParametricGame` has payoff matrices :math:`A(\theta)` (row player) and
:math:`B(\theta)` (column player) whose entries are polynomials or rational functions of
real parameters :math:`\theta = (\theta_1, \dots, \theta_d)` with rational coefficients,
and a domain :math:`D` given by assumptions, polynomial (or rational) relations in
:math:`\theta`. At any point of :math:`D` it is an ordinary
:class:`~cluster_games.games.BimatrixGame` (:meth:`ParametricGame.at`); over all of
:math:`D` its equilibria are described by the atlas (:meth:`ParametricGame.atlas`,
:mod:`cluster_games.parametric.atlas`).

Payoffs and assumptions are given as text in the grammar of
:mod:`cluster_games.parametric.grammar` (never evaluated), as sympy expressions, or as
numbers. An assumption with a denominator, ``N/Q op 0``, holds where ``Q != 0`` and
``N Q op 0``.

>>> g = ParametricGame(
...     [["(V - C)/2", "V"], [0, "V/2"]],
...     [["(V - C)/2", 0], ["V", "V/2"]],
...     parameters=["V", "C"], assumptions=["V > 0", "C > 0"], rows="HD", cols="HD", title="Hawk-dove")
>>> g.shape, g.parameters
((2, 2), ('V', 'C'))
>>> print(g.at({"V": 2, "C": 6}).equilibria())
3 isolated equilibria: (H, D), (1/3 H + 2/3 D, 1/3 H + 2/3 D), (D, H)
"""

from __future__ import annotations

import decimal
import stat
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from os import PathLike
from pathlib import Path
from typing import Any

import sympy as sp

from ..errors import DomainError, InputFileError, ParseError
from ..games import BimatrixGame
from ..games._rational import labels as _labels
from ..games._rational import to_fraction
from .grammar import Relation, check_name, parse_expression, parse_number, parse_relation
from .polys import ParameterRing

__all__ = ["ParametricGame", "MAX_STRATEGIES", "MAX_PARAMETERS"]

#: Most strategies of one player (the atlas's support systems grow as binomial(m + n, m)).
MAX_STRATEGIES = 6
#: Most parameters.
MAX_PARAMETERS = 16
#: Largest game file read, in bytes.
MAX_FILE_BYTES = 1_000_000

_TOML_KEYS = {"title", "parameters", "assumptions", "rows", "cols", "A", "B"}
_RELATIONS = {sp.StrictGreaterThan: ">", sp.GreaterThan: ">=", sp.Equality: "==", sp.Unequality: "!="}
_FLIPPED = {sp.StrictLessThan: ">", sp.LessThan: ">="}


@dataclass(frozen=True, init=False)
class ParametricGame:
    """A two-player game with payoffs in parameters; see the module docstring.

    Parameters
    ----------
    A, B : 2-D sequences
        Payoffs of the row and column player: text in the grammar of SPEC 5.1 (``"(V - C)/2"``),
        sympy expressions in symbols named as the parameters, or numbers (taken exactly; a
        float is the binary fraction it stores).
    parameters : sequence of str
        The parameter names, in order (ASCII identifiers).
    assumptions : sequence of str or sympy relationals
        The domain: each a relation such as ``"V > 0"`` or ``"0 < p < 1"``.
    rows, cols : sequence of str, optional
        Strategy labels (default ``r0, r1, ...`` and ``c0, c1, ...``).
    title : str
        A name for the game.

    Attributes
    ----------
    symbols : tuple of sympy.Symbol
        One real symbol per parameter; the payoffs are expressions in these.
    """

    parameters: tuple[str, ...]
    symbols: tuple[sp.Symbol, ...]
    A: tuple[tuple[sp.Expr, ...], ...]
    B: tuple[tuple[sp.Expr, ...], ...]
    assumptions: tuple[Relation, ...]
    rows: tuple[str, ...]
    cols: tuple[str, ...]
    title: str

    def __init__(
        self,
        A: Any,
        B: Any,
        *,
        parameters: Sequence[str],
        assumptions: Sequence[Any] = (),
        rows: Sequence[str] | None = None,
        cols: Sequence[str] | None = None,
        title: str = "",
    ) -> None:
        if isinstance(parameters, str) or not isinstance(parameters, Sequence):
            raise ParseError("parameters must be a list of names, e.g. ['V', 'C']")
        names = tuple(check_name(p) for p in parameters)
        if len(set(names)) != len(names):
            raise ParseError(f"parameter names must be distinct, got {list(names)}")
        if len(names) > MAX_PARAMETERS:
            raise ParseError(f"{len(names)} parameters; at most {MAX_PARAMETERS} are supported")
        symbols = tuple(sp.Symbol(n, real=True) for n in names)
        table = dict(zip(names, symbols, strict=True))
        Am, Bm = _matrix(A, "A", table), _matrix(B, "B", table)
        if (len(Am), len(Am[0])) != (len(Bm), len(Bm[0])):
            raise ParseError(
                f"A and B must have the same shape, got {len(Am)}x{len(Am[0])} and {len(Bm)}x{len(Bm[0])}"
            )
        m, n = len(Am), len(Am[0])
        if max(m, n) > MAX_STRATEGIES:
            raise ParseError(
                f"a {m}x{n} game; the atlas handles up to {MAX_STRATEGIES} strategies per player"
            )
        if isinstance(assumptions, str) or not isinstance(assumptions, Sequence):
            raise ParseError("assumptions must be a list of relations, e.g. ['V > 0', 'C > 0']")
        relations = tuple(r for a in assumptions for r in _relations(a, table))
        try:
            row_labels = _labels(None if rows is None else list(rows), m, "r")
            col_labels = _labels(None if cols is None else list(cols), n, "c")
        except ValueError as exc:
            raise ParseError(str(exc)) from None
        if not isinstance(title, str):
            raise ParseError(f"title must be text, got {type(title).__name__}")
        for field_, value in (
            ("parameters", names),
            ("symbols", symbols),
            ("A", Am),
            ("B", Bm),
            ("assumptions", relations),
            ("rows", row_labels),
            ("cols", col_labels),
            ("title", title),
        ):
            object.__setattr__(self, field_, value)

    # ------------------------------------------------------------------ construction
    @classmethod
    def symmetric(cls, A: Any, **kwargs: Any) -> ParametricGame:
        """The symmetric game with row payoffs ``A`` and column payoffs its transpose."""
        rows_ = [list(r) for r in A] if not isinstance(A, str) else A
        if not isinstance(rows_, list) or not rows_ or not all(isinstance(r, list) for r in rows_):
            raise ParseError("A must be a 2-D array of payoffs")
        B = [list(col) for col in zip(*rows_, strict=False)]
        if "cols" not in kwargs and "rows" in kwargs:
            kwargs["cols"] = kwargs["rows"]
        return cls(rows_, B, **kwargs)

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> ParametricGame:
        """A game from the keys of SPEC 5.3: ``parameters``, ``assumptions``, ``rows``, ``cols``, ``A``, ``B``, ``title``."""
        if not isinstance(data, Mapping):
            raise ParseError("a game is a table with keys parameters, assumptions, rows, cols, A, B, title")
        unknown = sorted(set(data) - _TOML_KEYS)
        if unknown:
            raise ParseError(f"unknown key {unknown[0]!r} (allowed: {', '.join(sorted(_TOML_KEYS))})")
        for key in ("parameters", "A", "B"):
            if key not in data:
                raise ParseError(f"missing key {key!r}")
        return cls(
            _plain(data["A"]),
            _plain(data["B"]),
            parameters=data["parameters"],
            assumptions=data.get("assumptions", ()),
            rows=data.get("rows"),
            cols=data.get("cols"),
            title=data.get("title", ""),
        )

    @classmethod
    def from_toml(cls, path: str | PathLike[str]) -> ParametricGame:
        """A game from a TOML file (SPEC 5.3); :class:`~cluster_games.errors.InputFileError` names a bad file.

        Decimal numbers in the file are exact (``0.1`` is 1/10).
        """
        return cls.from_toml_string(read_text(path, MAX_FILE_BYTES, "game file"))

    @classmethod
    def from_toml_string(cls, source: str) -> ParametricGame:
        """A game from TOML text (see :meth:`from_toml`)."""
        try:
            data = tomllib.loads(source, parse_float=decimal.Decimal)
        except tomllib.TOMLDecodeError as exc:
            raise ParseError(f"TOML syntax error: {exc}") from None
        return cls.from_dict(data)

    # ------------------------------------------------------------------ views
    @property
    def shape(self) -> tuple[int, int]:
        return len(self.A), len(self.A[0])

    @property
    def d(self) -> int:
        """Number of parameters."""
        return len(self.parameters)

    def ring(self) -> ParameterRing:
        """Polynomial and rational-function rings over the parameters."""
        return ParameterRing(self.symbols)

    def written_denominators(self) -> list[sp.Expr]:
        """Every denominator as written in a payoff or assumption (before cancelling): each must be non-zero."""
        out: list[sp.Expr] = []
        exprs = [e for M in (self.A, self.B) for row in M for e in row] + [r.expr for r in self.assumptions]
        for e in exprs:
            den = sp.fraction(sp.together(e))[1]
            if den.free_symbols and den not in out:
                out.append(den)
        return out

    # ------------------------------------------------------------------ points
    def point(self, values: Mapping[Any, Any] | Sequence[Any]) -> tuple[Fraction, ...]:
        """Exact coordinates of a point, in parameter order, checked against the domain.

        ``values`` maps parameter names (or symbols) to numbers (int, Fraction, decimal text,
        ``"p/q"``, float taken exactly), or lists them in parameter order.

        Raises
        ------
        DomainError
            A value is missing or unknown, an assumption fails, or a payoff divides by zero there.
        """
        coords = self._coordinates(values)
        ring = self.ring()
        for r in self.assumptions:
            num, den = ring.fraction(r.expr)
            dv = ring.evaluate(den, coords)
            if dv == 0 or not r.holds(ring.evaluate(num, coords) / dv):
                raise DomainError(
                    f"the point {self._show(coords)} is outside the domain: {r.text or r} fails"
                )
        for den in self.written_denominators():
            if ring.evaluate(ring.poly(den), coords) == 0:
                raise DomainError(f"at {self._show(coords)} a payoff divides by zero ({sp.sstr(den)} = 0)")
        return coords

    def _coordinates(self, values: Mapping[Any, Any] | Sequence[Any]) -> tuple[Fraction, ...]:
        if isinstance(values, Mapping):
            given = {(k.name if isinstance(k, sp.Symbol) else k): v for k, v in values.items()}
            unknown = sorted(str(k) for k in set(given) - set(self.parameters))
            if unknown:
                raise DomainError(
                    f"unknown parameter {unknown[0]!r} (parameters: {', '.join(self.parameters)})"
                )
            missing = [p for p in self.parameters if p not in given]
            if missing:
                raise DomainError(f"no value for parameter {missing[0]!r}")
            raw = [given[p] for p in self.parameters]
        elif isinstance(values, Sequence) and not isinstance(values, str):
            if len(values) != self.d:
                raise DomainError(
                    f"expected {self.d} values ({', '.join(self.parameters)}), got {len(values)}"
                )
            raw = list(values)
        else:
            raise DomainError("a point is a mapping from parameter names to values, or a list of values")
        return tuple(_exact(v, name) for v, name in zip(raw, self.parameters, strict=True))

    def _show(self, coords: Sequence[Fraction]) -> str:
        return "(" + ", ".join(f"{n}={_text(v)}" for n, v in zip(self.parameters, coords, strict=True)) + ")"

    def at(self, values: Mapping[Any, Any] | Sequence[Any]) -> BimatrixGame:
        """The numeric game at a point of the domain, with exact payoffs.

        >>> g = ParametricGame([["a", 0], [0, 1]], [[1, 0], [0, "a"]], parameters=["a"], assumptions=["a > 0"])
        >>> g.at({"a": "1/2"}).A
        ((Fraction(1, 2), Fraction(0, 1)), (Fraction(0, 1), Fraction(1, 1)))
        """
        coords = self.point(values)
        ring = self.ring()

        def value(e: sp.Expr) -> Fraction:
            num, den = ring.fraction(e)
            return ring.evaluate(num, coords) / ring.evaluate(den, coords)

        A = [[value(e) for e in row] for row in self.A]
        B = [[value(e) for e in row] for row in self.B]
        title = f"{self.title or 'game'} at {self._show(coords)}"
        return BimatrixGame.from_arrays(A, B, self.rows, self.cols, title=title)

    def atlas(self, *, timeout: float = 10.0):
        """The equilibrium atlas over the domain (:func:`cluster_games.parametric.atlas.build_atlas`)."""
        from .atlas import build_atlas

        return build_atlas(self, timeout=timeout)

    # ------------------------------------------------------------------ display
    def __str__(self) -> str:
        cells = [
            [f"{sp.sstr(self.A[i][j])}, {sp.sstr(self.B[i][j])}" for j in range(self.shape[1])]
            for i in range(self.shape[0])
        ]
        width = max(max(len(c) for row in cells for c in row), *(len(s) for s in self.cols))
        lead = max(len(s) for s in self.rows)
        lines = [self.title] if self.title else []
        lines.append(f"parameters: {', '.join(self.parameters)}")
        if self.assumptions:
            lines.append(
                "assumptions: " + ", ".join(r.text or str(r) for r in _unique_texts(self.assumptions))
            )
        lines.append(" " * (lead + 2) + "  ".join(s.ljust(width) for s in self.cols))
        lines += [
            f"{r.ljust(lead)}  " + "  ".join(c.ljust(width) for c in row)
            for r, row in zip(self.rows, cells, strict=True)
        ]
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        head = "| | " + " | ".join(self.cols) + " |\n|---|" + "---|" * self.shape[1]
        body = [
            f"| **{r}** | "
            + " | ".join(f"${sp.latex(a)},\\ {sp.latex(b)}$" for a, b in zip(ra, rb, strict=True))
            + " |"
            for r, ra, rb in zip(self.rows, self.A, self.B, strict=True)
        ]
        domain = ", ".join(f"${sp.latex(r.expr)} {_LATEX_OP[r.op]} 0$" for r in self.assumptions)
        lines = [f"**{self.title}**", ""] if self.title else []
        lines += [head, *body]
        if domain:
            lines += ["", f"Domain: {domain}"]
        return "\n".join(lines)


_LATEX_OP = {">": ">", ">=": r"\ge", "==": "=", "!=": r"\ne"}


def read_text(path: str | PathLike[str], limit: int, what: str) -> str:
    """A regular UTF-8 text file of at most ``limit`` bytes (devices and FIFOs are refused before reading)."""
    p = Path(path)
    try:
        info = p.stat()
    except FileNotFoundError:
        raise InputFileError(f"{what} not found: {p}") from None
    except OSError as exc:
        raise InputFileError(f"cannot read {p}: {exc.strerror or exc}") from None
    if stat.S_ISDIR(info.st_mode):
        raise InputFileError(f"{what} {p} is a directory")
    if not stat.S_ISREG(info.st_mode):
        raise InputFileError(f"{what} {p} is not a regular file")
    if info.st_size > limit:
        raise InputFileError(f"{what} {p} has {info.st_size:,} bytes (at most {limit:,})")
    try:
        with open(p, "rb") as fh:
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise InputFileError(f"cannot read {p}: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise InputFileError(f"{what} {p} is larger than {limit:,} bytes")
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError:
        raise InputFileError(f"cannot read {p}: not UTF-8 text") from None


def _unique_texts(relations: Sequence[Relation]) -> list[Relation]:
    seen, out = set(), []
    for r in relations:
        key = r.text or str(r)
        if key not in seen:
            seen.add(key)
            out.append(r)
    return out


def _text(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"


def _plain(values: Any) -> Any:
    """TOML decimals as exact text (``0.1`` stays 1/10)."""
    if isinstance(values, list):
        return [_plain(v) for v in values]
    if isinstance(values, decimal.Decimal):
        if not values.is_finite():
            raise ParseError(f"payoffs must be finite, got {values}")
        return str(values)
    return values


def _exact(value: Any, where: str) -> Fraction:
    if isinstance(value, str):
        return parse_number(value, f"value of {where}")
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


def _matrix(values: Any, name: str, table: Mapping[str, sp.Symbol]) -> tuple[tuple[sp.Expr, ...], ...]:
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


def _relations(value: Any, table: Mapping[str, sp.Symbol]) -> list[Relation]:
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
