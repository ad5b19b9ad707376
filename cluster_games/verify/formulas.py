r"""Formulas and relations between named expressions: how a statement is written, printed and exported.

A :class:`Formula` is an expression tree over *names* (the model's symbols such as ``n`` or ``F``
and its named quantities such as ``W_m``, ``omega*`` or ``rho``), integers, the arithmetic
operations and a few functions of the model (``M(r)``, ``pi_YY(r)``, ...). A :class:`Relation`
compares two formulas (``>``, ``>=``, ``=``, ``<=``, ``<``) or states that a symbol is an integer.

The tree is data: nothing here knows what a name means. The proofs evaluate a tree with the symbolic
model (:mod:`cluster_games.proofs.formulas`), the checker with its own encoding
(:mod:`cluster_games.verify.vocabulary`); both print it with :meth:`Formula.text`, so the text of a
statement is generated from the very object that is proved, and the checker can rebuild it.

Trees as JSON (the export of every certificate): an integer is a constant; a string is a name;
a list ``[head, args...]`` is an operation (``+``, ``-``, ``neg``, ``*``, ``/``, ``^``, ``sqrt``,
``d`` for a partial derivative, ``at`` for a substitution, ``unit`` for a change of the money unit)
or the application of a named function (``["M", "W_1"]`` is :math:`M(W_1)`).

>>> n, F, G, beta = (name(s) for s in ("n", "F", "G", "beta"))
>>> f = 4 * beta * F / G**2
>>> f.text(), f.tree
('4*beta*F/G^2', ('/', ('*', 4, 'beta', 'F'), ('^', 'G', 2)))
>>> gt(n, f).text()
'n > 4*beta*F/G^2'
>>> (n - (F - G)).text(), (-(n * F)).text(), ((n - F) / (G * beta)).text()
('n - (F - G)', '-n*F', '(n - F)/(G*beta)')
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, Union

__all__ = [
    "Formula",
    "Relation",
    "OPS",
    "RELATIONS",
    "SIGN_OF",
    "name",
    "call",
    "sqrt",
    "d",
    "at",
    "unit",
    "eq",
    "gt",
    "ge",
    "lt",
    "le",
    "integer",
    "formula_from_json",
    "relation_from_json",
    "prose_problems",
]

Tree = int | str | tuple
Operand = Union["Formula", int]

#: Operation heads (anything else at the head of a list is a named function).
OPS = frozenset({"+", "-", "neg", "*", "/", "^", "sqrt", "d", "at", "unit"})
#: Relations and the sign of ``lhs - rhs`` each one asserts (``integer`` asserts none).
SIGN_OF = {"=": "zero", ">": "positive", ">=": "nonnegative", "<": "negative", "<=": "nonpositive"}
RELATIONS = (*SIGN_OF, "integer")
_NAME = re.compile(r"[A-Za-z][A-Za-z0-9_]*(?:[*'][A-Za-z0-9_]*)?")
MAX_DEPTH, MAX_NODES, MAX_INT = 40, 2000, 10**6

# precedences: sums, negation, products, powers, atoms
_ADD, _NEG, _MUL, _POW, _ATOM = 10, 20, 30, 40, 50


class Formula:
    """An expression tree (immutable, hashable; equal when the trees are equal).

    Build it from :func:`name`, integers and the operators ``+ - * / **``, and :func:`call`,
    :func:`sqrt`, :func:`d`, :func:`at`, :func:`unit`.
    """

    __slots__ = ("tree",)

    def __init__(self, tree: Tree) -> None:
        object.__setattr__(self, "tree", tree)

    def __setattr__(self, key, value):  # pragma: no cover - immutability
        raise AttributeError("a Formula is immutable")

    # ------------------------------------------------------------------ building
    @staticmethod
    def of(x: Operand) -> Formula:
        if isinstance(x, Formula):
            return x
        if isinstance(x, int) and not isinstance(x, bool):
            return Formula(x) if x >= 0 else Formula(("neg", -x))
        raise TypeError(f"not a formula: {x!r}")

    def _nary(self, head: str, other: Operand, reverse: bool = False) -> Formula:
        a, b = (Formula.of(other), self) if reverse else (self, Formula.of(other))
        parts: list[Tree] = []
        for x in (a, b):
            t = x.tree
            parts += list(t[1:]) if isinstance(t, tuple) and t[0] == head else [t]
        return Formula((head, *parts))

    def __add__(self, other: Operand) -> Formula:
        return self._nary("+", other)

    def __radd__(self, other: Operand) -> Formula:
        return self._nary("+", other, reverse=True)

    def __mul__(self, other: Operand) -> Formula:
        return self._nary("*", other)

    def __rmul__(self, other: Operand) -> Formula:
        return self._nary("*", other, reverse=True)

    def __sub__(self, other: Operand) -> Formula:
        return Formula(("-", self.tree, Formula.of(other).tree))

    def __rsub__(self, other: Operand) -> Formula:
        return Formula(("-", Formula.of(other).tree, self.tree))

    def __neg__(self) -> Formula:
        return Formula(("neg", self.tree))

    def __truediv__(self, other: Operand) -> Formula:
        return Formula(("/", self.tree, Formula.of(other).tree))

    def __rtruediv__(self, other: Operand) -> Formula:
        return Formula(("/", Formula.of(other).tree, self.tree))

    def __pow__(self, e: int) -> Formula:
        if not isinstance(e, int) or isinstance(e, bool):
            raise TypeError("only integer powers")
        return Formula(("^", self.tree, e))

    # ------------------------------------------------------------------ reading
    def __eq__(self, other: object) -> bool:
        return isinstance(other, Formula) and other.tree == self.tree

    def __hash__(self) -> int:
        return hash(("Formula", self.tree))

    def __repr__(self) -> str:
        return f"Formula({self.text()!r})"

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        """The formula as plain text (``*`` for products, ``^`` for powers, minimal parentheses)."""
        return _text(self.tree)[0]

    def json(self) -> Any:
        """The tree as JSON data (lists for operations)."""
        return _to_json(self.tree)

    def subtrees(self) -> Iterable[Tree]:
        """Every subtree, this one first."""
        stack = [self.tree]
        while stack:
            t = stack.pop()
            yield t
            if isinstance(t, tuple):
                stack.extend(a for a in t[1:] if isinstance(a, (tuple, str, int)))

    def names(self) -> set[str]:
        """The names the formula uses (symbols and named quantities; functions excluded)."""
        out: set[str] = set()
        for t in self.subtrees():
            if isinstance(t, str):
                out.add(t)
        return out


def _text(t: Tree) -> tuple[str, int]:
    """(text, precedence) of a tree."""
    if isinstance(t, int):
        return str(t), _ATOM
    if isinstance(t, str):
        return t, _ATOM
    head, *args = t
    if head == "+":  # a sum or difference inside a sum needs no parentheses, a negation does
        return " + ".join(_wrap(a, _NEG) if _is_neg(a) else _wrap(a, _ADD - 1) for a in args), _ADD
    if head == "-":
        return f"{_wrap(args[0], _ADD - 1)} - {_wrap(args[1], _NEG)}", _ADD
    if head == "neg":
        return "-" + _wrap(args[0], _NEG), _NEG
    if head == "*":
        return _lead(args[0]) + "".join("*" + _wrap(a, _MUL - 1) for a in args[1:]), _MUL
    if head == "/":
        return f"{_lead(args[0])}/{_wrap(args[1], _MUL)}", _MUL
    if head == "^":
        return f"{_wrap(args[0], _POW)}^{_wrap(args[1], _POW)}", _POW
    if head == "sqrt":
        return f"sqrt({_text(args[0])[0]})", _ATOM
    if head == "d":
        return f"d/d{args[1]}[{_text(args[0])[0]}]", _ATOM
    if head == "at":
        return f"{_wrap(args[0], _ATOM - 1)}{{{args[1]} -> {_text(args[2])[0]}}}", _ATOM
    if head == "unit":
        return f"{_wrap(args[0], _ATOM - 1)}{{money in units of 1/lambda}}", _ATOM
    return f"{head}({', '.join(_text(a)[0] for a in args)})", _ATOM


def _is_neg(t: Tree) -> bool:
    return isinstance(t, tuple) and t[0] == "neg"


def _lead(t: Tree) -> str:
    """The first factor of a product or a numerator: a negation is printed as a leading minus."""
    if _is_neg(t):
        return "-" + _wrap(t[1], _MUL - 1)
    return _wrap(t, _MUL - 1)


def _wrap(t: Tree, at_most: int) -> str:
    """The text of ``t``, in parentheses if its precedence is ``at_most`` or lower."""
    text, prec = _text(t)
    return f"({text})" if prec <= at_most else text


def _to_json(t: Tree) -> Any:
    return [_to_json(a) if isinstance(a, tuple) else a for a in t] if isinstance(t, tuple) else t


# ---------------------------------------------------------------------------- constructors
def name(text: str) -> Formula:
    """A named symbol or quantity (``"n"``, ``"W_m"``, ``"omega*"``, ``"I'"``)."""
    if not isinstance(text, str) or not _NAME.fullmatch(text) or text in OPS:
        raise ValueError(f"not a name: {text!r}")
    return Formula(text)


def call(function: str, *args: Operand) -> Formula:
    """A named function of the model applied to formulas: ``call("M", W)`` is M(W)."""
    if not _NAME.fullmatch(function) or function in OPS:
        raise ValueError(f"not a function name: {function!r}")
    return Formula((function, *(Formula.of(a).tree for a in args)))


def sqrt(x: Operand) -> Formula:
    """The square root."""
    return Formula(("sqrt", Formula.of(x).tree))


def d(f: Formula, variable: Formula) -> Formula:
    """The partial derivative of ``f`` in the symbol ``variable``, the other symbols fixed."""
    return Formula(("d", f.tree, _symbol(variable)))


def at(f: Formula, variable: Formula, value: Operand) -> Formula:
    """``f`` with the symbol ``variable`` replaced by ``value``."""
    return Formula(("at", f.tree, _symbol(variable), Formula.of(value).tree))


def unit(f: Formula) -> Formula:
    r"""``f`` after measuring money in a unit :math:`\lambda` times smaller (errata E2, E3):
    :math:`c, c_A, F \to \lambda c, \lambda c_A, \lambda F` and :math:`\beta \to \beta/\lambda`."""
    return Formula(("unit", f.tree))


def _symbol(variable: Formula) -> str:
    if not isinstance(variable.tree, str):
        raise ValueError(f"not a symbol: {variable}")
    return variable.tree


class Relation:
    """``lhs op rhs`` (``op`` one of ``=``, ``>``, ``>=``, ``<``, ``<=``), or ``lhs integer``.

    Equal when the two trees and the relation are equal. :attr:`sign` is the sign of
    ``lhs - rhs`` the relation asserts.
    """

    __slots__ = ("lhs", "op", "rhs")

    def __init__(self, lhs: Operand, op: str, rhs: Operand | None = None) -> None:
        if op not in RELATIONS:
            raise ValueError(f"not a relation: {op!r}")
        if (op == "integer") != (rhs is None):
            raise ValueError("'integer' takes one side, every other relation two")
        object.__setattr__(self, "lhs", Formula.of(lhs))
        object.__setattr__(self, "op", op)
        object.__setattr__(self, "rhs", None if rhs is None else Formula.of(rhs))

    def __setattr__(self, key, value):  # pragma: no cover - immutability
        raise AttributeError("a Relation is immutable")

    @property
    def sign(self) -> str | None:
        """``"zero"``, ``"positive"``, ... for ``lhs - rhs``; ``None`` for ``integer``."""
        return SIGN_OF.get(self.op)

    @property
    def key(self) -> tuple:
        return (self.lhs.tree, self.op, None if self.rhs is None else self.rhs.tree)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Relation) and other.key == self.key

    def __hash__(self) -> int:
        return hash(("Relation", self.key))

    def __repr__(self) -> str:
        return f"Relation({self.text()!r})"

    def __str__(self) -> str:
        return self.text()

    def text(self) -> str:
        if self.rhs is None:
            return f"{self.lhs.text()} {self.op}"
        return f"{self.lhs.text()} {self.op} {self.rhs.text()}"

    def json(self) -> dict[str, Any]:
        """``{"lhs", "op", "rhs", "text"}`` (``rhs`` is ``None`` for ``integer``)."""
        return {
            "lhs": self.lhs.json(),
            "op": self.op,
            "rhs": None if self.rhs is None else self.rhs.json(),
            "text": self.text(),
        }

    def formulas(self) -> tuple[Formula, ...]:
        return (self.lhs,) if self.rhs is None else (self.lhs, self.rhs)


def eq(a: Operand, b: Operand) -> Relation:
    return Relation(a, "=", b)


def gt(a: Operand, b: Operand) -> Relation:
    return Relation(a, ">", b)


def ge(a: Operand, b: Operand) -> Relation:
    return Relation(a, ">=", b)


def lt(a: Operand, b: Operand) -> Relation:
    return Relation(a, "<", b)


def le(a: Operand, b: Operand) -> Relation:
    return Relation(a, "<=", b)


def integer(a: Formula) -> Relation:
    """``a`` is an integer (a number of companies)."""
    return Relation(a, "integer")


# ---------------------------------------------------------------------------- reading JSON
class FormulaError(ValueError):
    """JSON that is not a formula or relation of this format."""


def formula_from_json(data: Any) -> Formula:
    """Parse and validate a tree (names, integers from 0 to 10^6, known arities, bounded size)."""
    count = [0]

    def parse(x: Any, depth: int) -> Tree:
        count[0] += 1
        if depth > MAX_DEPTH or count[0] > MAX_NODES:
            raise FormulaError("formula too large")
        if type(x) is int:
            if not 0 <= x <= MAX_INT:
                raise FormulaError(f"integer {x} out of range")
            return x
        if isinstance(x, str):
            if not _NAME.fullmatch(x) or x in OPS:
                raise FormulaError(f"bad name {x!r}")
            return x
        if not isinstance(x, list) or not x or not isinstance(x[0], str):
            raise FormulaError(f"not a formula: {x!r}")
        head, args = x[0], x[1:]
        arity = {"-": 2, "neg": 1, "/": 2, "^": 2, "sqrt": 1, "d": 2, "at": 3, "unit": 1}.get(head)
        if head in ("+", "*"):
            if len(args) < 2:
                raise FormulaError(f"{head!r} needs two operands or more")
        elif arity is not None:
            if len(args) != arity:
                raise FormulaError(f"{head!r} takes {arity} operand(s)")
        elif not _NAME.fullmatch(head) or not args:
            raise FormulaError(f"bad function {head!r}")
        if head == "^" and type(args[1]) is not int:
            raise FormulaError("only integer powers")
        if head in ("d", "at") and not (isinstance(args[1], str) and _NAME.fullmatch(args[1])):
            raise FormulaError(f"{head!r} needs a symbol")
        if head in ("d", "at"):
            rest = [parse(args[0], depth + 1), args[1], *(parse(a, depth + 1) for a in args[2:])]
            return (head, *rest)
        return (head, *(parse(a, depth + 1) for a in args))

    return Formula(parse(data, 0))


def relation_from_json(data: Any) -> Relation:
    """Parse ``{"lhs", "op", "rhs", "text"}``; the text is *not* checked here (see the checker)."""
    if not isinstance(data, dict) or set(data) != {"lhs", "op", "rhs", "text"}:
        raise FormulaError("a relation is an object with exactly lhs, op, rhs and text")
    if data["op"] not in RELATIONS:
        raise FormulaError(f"unknown relation {data['op']!r}")
    if not isinstance(data["text"], str):
        raise FormulaError("the text of a relation must be a string")
    rhs = None if data["op"] == "integer" else formula_from_json(data["rhs"])
    if data["op"] == "integer" and data["rhs"] is not None:
        raise FormulaError("'integer' has no right side")
    return Relation(formula_from_json(data["lhs"]), data["op"], rhs)


# ---------------------------------------------------------------------------- prose
_ALLOWED = re.compile(r"\b(Propositions? \d(-\d)?|sections? \d(\.\d)?(-\d)?|P\d(-P\d)?)\b")
_FORMULA_LIKE = re.compile(r"[=<>^*/+]|\bsqrt\b|(?<![A-Za-z_])\d|\w \- \w|\w\(\w")


def prose_problems(text: str) -> list[str]:
    """Fragments of ``text`` that look like a formula (a relation, an operator, a number, a function
    applied to an argument): statements and notes are prose, every formula in them is generated.

    >>> prose_problems("Y strictly dominates iff k^2 >= rho, by Proposition 3")
    ['^', '2', '>', '=']
    >>> prose_problems("seeing customers dominates in thin markets (Proposition 1)")
    []
    """
    stripped = _ALLOWED.sub("", text)
    return [m.group(0) for m in _FORMULA_LIKE.finditer(stripped)]
