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
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction
from functools import cached_property
from os import PathLike
from typing import Any

import sympy as sp

from ..errors import DomainError, ParseError
from ..games import BimatrixGame
from ..games._rational import labels as _labels
from .grammar import Relation, check_name
from .inputs import (
    MAX_STRATEGIES,
    exact_value,
    payoff_matrix,
    plain,
    read_text,
    relations,
    symbol_assumptions,
)
from .polys import ParameterRing

__all__ = ["ParametricGame", "MAX_STRATEGIES", "MAX_PARAMETERS"]

#: Most parameters.
MAX_PARAMETERS = 16
#: Largest game file read, in bytes.
MAX_FILE_BYTES = 1_000_000

_TOML_KEYS = {"title", "parameters", "assumptions", "rows", "cols", "A", "B"}


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
        The domain: each a relation such as ``"V > 0"`` or ``"0 < p < 1"``. Sympy symbols
        created with a sign (``positive=True``, ``nonnegative=True``, ...) add that sign.
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
        Am, Bm = payoff_matrix(A, "A", table), payoff_matrix(B, "B", table)
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
        # the user's own symbols may carry signs (positive=True): those are assumptions too
        given = [
            e
            for M in (A, B)
            if isinstance(M, Sequence)
            for row in M
            if isinstance(row, Sequence)
            for e in row
        ]
        given += [e for a in assumptions if isinstance(a, sp.Rel) for e in (a.lhs, a.rhs)]
        rels = tuple(r for a in assumptions for r in relations(a, table)) + tuple(symbol_assumptions(given))
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
            ("assumptions", rels),
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
            plain(data["A"]),
            plain(data["B"]),
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
        return list(self._written_denominators)

    @cached_property
    def _written_denominators(self) -> tuple[sp.Expr, ...]:
        out: list[sp.Expr] = []
        exprs = [e for M in (self.A, self.B) for row in M for e in row] + [r.expr for r in self.assumptions]
        for e in exprs:
            den = sp.fraction(sp.together(e))[1]
            if den.free_symbols and den not in out:
                out.append(den)
        return tuple(out)

    @property
    def assumption_texts(self) -> list[str]:
        """The assumptions as the user wrote them (a chain such as ``0 < p < 1`` once)."""
        out: list[str] = []
        for r in self.assumptions:
            shown = r.text or str(r)
            if shown not in out:
                out.append(shown)
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
        nums, dens = [q.numerator for q in coords], [q.denominator for q in coords]
        relations_, denominators = self._checks
        for num, den, r in relations_:
            sd = den.sign(nums, dens)
            if sd == 0 or not r.holds(Fraction(num.sign(nums, dens) * sd)):
                raise DomainError(
                    f"the point {self._show(coords)} is outside the domain: {r.text or r} fails"
                )
        for den, written in denominators:
            if den.sign(nums, dens) == 0:
                raise DomainError(
                    f"at {self._show(coords)} a payoff divides by zero ({sp.sstr(written)} = 0)"
                )
        return coords

    @cached_property
    def _checks(self):
        """The domain's relations and the written denominators, compiled for exact evaluation at points."""
        from .evaluate import CompiledPoly

        ring = self.ring()
        relations_ = []
        for r in self.assumptions:
            num, den = ring.fraction(r.expr)
            relations_.append((CompiledPoly(num), CompiledPoly(den), r))
        denominators = [(CompiledPoly(ring.poly(d)), d) for d in self.written_denominators()]
        return relations_, denominators

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
        return tuple(exact_value(v, name) for v, name in zip(raw, self.parameters, strict=True))

    def _show(self, coords: Sequence[Fraction]) -> str:
        return (
            "("
            + ", ".join(f"{n}={_number_text(v)}" for n, v in zip(self.parameters, coords, strict=True))
            + ")"
        )

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

    def atlas(self, *, timeout: float = 10.0, max_seconds: float | None = None):
        """The equilibrium atlas over the domain (:func:`cluster_games.parametric.build.build_atlas`)."""
        from .build import build_atlas

        return build_atlas(self, timeout=timeout, max_seconds=max_seconds)

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
            lines.append("assumptions: " + ", ".join(self.assumption_texts))
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


def _number_text(q: Fraction) -> str:
    return str(q.numerator) if q.denominator == 1 else f"{q.numerator}/{q.denominator}"
