r"""The whitelist grammar of payoffs and assumptions (SPEC 5.1), parsed without ever evaluating text.

An **expression** is built from

* numbers: integers, decimals and scientific notation (``12``, ``0.25``, ``1.5e-3``), taken
  exactly (``0.1`` is 1/10); fractions are written as quotients, ``3/4``;
* parameter names declared by the game (ASCII identifiers);
* ``+ - * /``, powers ``^`` or ``**`` with an integer exponent (so payoffs are polynomials or
  rational functions of the parameters), and parentheses.

A **relation** compares two expressions with ``<``, ``<=``, ``>``, ``>=``, ``==`` or ``!=``;
a chain ``0 < p < 1`` is the conjunction of its links.

The text is parsed by Python's :mod:`ast` in ``eval`` mode, and the tree is walked here:
only the node types above are admitted, each becomes a sympy object directly, and anything
else (calls, attributes, subscripts, names not declared, complex or hexadecimal literals,
symbolic exponents) is refused with a :class:`ParseError` naming it. Nothing is passed to
``eval``, ``exec``, ``sympify`` or ``parse_expr``. Sizes are bounded before any work: the
length of the text, the digits and decimal exponent of a number, the exponent of a power
and the nesting depth, so that no input can make the parser build a huge number or recurse
without end.

>>> import sympy as sp
>>> V, C = sp.symbols("V C", real=True)
>>> parse_expression("(V - C)/2", {"V": V, "C": C})
-C/2 + V/2
>>> parse_expression("0.1 * V^2", {"V": V, "C": C})
V**2/10
>>> [str(r) for r in parse_relation("0 < V < C", {"V": V, "C": C})]
['V > 0', 'C - V > 0']
>>> parse_expression("C(V)", {"V": V, "C": C})
Traceback (most recent call last):
...
cluster_games.errors.ParseError: 'C(V)': function calls are not allowed (only + - * / ^ and parentheses)
"""

from __future__ import annotations

import ast
import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

import sympy as sp

from ..errors import ParseError

__all__ = [
    "ParseError",
    "Relation",
    "parse_expression",
    "parse_relation",
    "parse_number",
    "check_name",
    "MAX_TEXT",
    "MAX_DIGITS",
    "MAX_DECIMAL_EXPONENT",
    "MAX_POWER",
]

#: Longest expression or relation accepted, in characters.
MAX_TEXT = 2000
#: Most digits in one number.
MAX_DIGITS = 200
#: Largest decimal exponent written in a number (``1e300`` is accepted, ``1e301`` refused).
MAX_DECIMAL_EXPONENT = 300
#: Largest absolute integer exponent of a power.
MAX_POWER = 64
#: Deepest nesting of operations.
MAX_DEPTH = 60

_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*\Z")
_NUMBER = re.compile(r"(?P<int>\d[\d_]*)?(?:\.(?P<frac>\d[\d_]*)?)?(?:[eE](?P<exp>[+-]?\d[\d_]*))?\Z")
_ALLOWED_CHARS = re.compile(r"[A-Za-z0-9_.+\-*/^()<>=!\s]*\Z")
_SINGLE_EQUALS = re.compile(r"(?<![<>=!])=(?!=)")

_OPS = {ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">", ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!="}
_REFUSED = {
    ast.Call: "function calls are not allowed (only + - * / ^ and parentheses)",
    ast.Attribute: "attributes are not allowed",
    ast.Subscript: "subscripts are not allowed",
    ast.BoolOp: "'and'/'or' are not allowed (give each assumption separately)",
    ast.Compare: "a comparison is not an expression",
}


def check_name(name: object) -> str:
    """A parameter name: an ASCII identifier, returned unchanged, or :class:`ParseError`.

    >>> check_name("c_A")
    'c_A'
    """
    if not isinstance(name, str) or not _NAME.match(name):
        raise ParseError(f"parameter names are ASCII identifiers (letters, digits, _), got {name!r}")
    return name


def parse_number(text: str, where: str = "number") -> Fraction:
    """A decimal number written as text, exactly, with its size bounded before it is built.

    >>> parse_number("1.5e-3"), parse_number("-2/3")
    (Fraction(3, 2000), Fraction(-2, 3))
    """
    t = text.strip()
    sign = 1
    if t[:1] in "+-":
        sign, t = (-1 if t[0] == "-" else 1), t[1:].lstrip()
    if "/" in t:
        num, _, den = t.partition("/")
        q = parse_number(num, where) / _nonzero(parse_number(den, where), text, where)
        return sign * q
    m = _NUMBER.match(t)
    if not t or not m or not (m.group("int") or m.group("frac")):
        raise ParseError(f"{where}: {text!r} is not a number (write 3, -1/2, 0.25 or 1e-3)")
    digits = len((m.group("int") or "").replace("_", "")) + len((m.group("frac") or "").replace("_", ""))
    if digits > MAX_DIGITS:
        raise ParseError(f"{where}: {text[:20]!r}... has {digits} digits (at most {MAX_DIGITS})")
    exp_text = (m.group("exp") or "0").replace("_", "")
    if len(exp_text.lstrip("+-").lstrip("0")) > 4 or abs(int(exp_text)) > MAX_DECIMAL_EXPONENT:
        raise ParseError(
            f"{where}: {text[:40]!r} has a decimal exponent beyond +-{MAX_DECIMAL_EXPONENT}; "
            "rescale the parameters"
        )
    return sign * Fraction(t.replace("_", ""))


def _nonzero(q: Fraction, text: str, where: str) -> Fraction:
    if q == 0:
        raise ParseError(f"{where}: division by zero in {text!r}")
    return q


@dataclass(frozen=True)
class Relation:
    """``expr op 0``, with ``op`` one of ``>``, ``>=``, ``==``, ``!=`` (``a < b`` is stored as ``b - a > 0``).

    ``text`` is the relation as the user wrote it.
    """

    expr: sp.Expr
    op: str
    text: str = ""

    def holds(self, value: Fraction) -> bool:
        """Whether ``value op 0`` holds, for the exact value of ``expr`` at a point."""
        return {">": value > 0, ">=": value >= 0, "==": value == 0, "!=": value != 0}[self.op]

    def __str__(self) -> str:
        return f"{sp.sstr(self.expr)} {self.op} 0"


class _Builder:
    """Walks a parsed tree, admitting only the grammar's node types."""

    def __init__(self, text: str, source: str, names: Mapping[str, sp.Symbol]) -> None:
        self.text, self.source, self.names = text, source, names

    def fail(self, message: str) -> ParseError:
        shown = self.text if len(self.text) <= 60 else self.text[:57] + "..."
        return ParseError(f"{shown!r}: {message}")

    def build(self, node: ast.AST, depth: int = 0) -> sp.Expr:
        if depth > MAX_DEPTH:
            raise self.fail(f"nested more than {MAX_DEPTH} levels deep")
        if isinstance(node, ast.Constant):
            return self.number(node)
        if isinstance(node, ast.Name):
            if node.id not in self.names:
                known = ", ".join(self.names) or "none declared"
                raise self.fail(f"unknown name {node.id!r} (parameters: {known})")
            return self.names[node.id]
        if isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            inner = self.build(node.operand, depth + 1)
            return -inner if isinstance(node.op, ast.USub) else inner
        if isinstance(node, ast.BinOp):
            if isinstance(node.op, ast.Pow):
                return self.power(node, depth)
            if not isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Div)):
                raise self.fail(f"operator {type(node.op).__name__} is not allowed (only + - * / ^)")
            left, right = self.build(node.left, depth + 1), self.build(node.right, depth + 1)
            if isinstance(node.op, ast.Add):
                return left + right
            if isinstance(node.op, ast.Sub):
                return left - right
            if isinstance(node.op, ast.Mult):
                return left * right
            if sp.cancel(right) == 0:
                raise self.fail("division by zero")
            return left / right
        for kind, message in _REFUSED.items():
            if isinstance(node, kind):
                raise self.fail(message)
        raise self.fail(f"{type(node).__name__} is not allowed in an expression")

    def number(self, node: ast.Constant) -> sp.Rational:
        if isinstance(node.value, bool) or not isinstance(node.value, (int, float)):
            raise self.fail(f"{type(node.value).__name__} literals are not allowed")
        literal = self.source[node.col_offset : node.end_col_offset]
        if not _NUMBER.match(literal):  # 0x10, 0o7, 0b1
            raise self.fail(f"{literal!r}: write numbers in decimal")
        q = parse_number(literal, repr(self.text if len(self.text) <= 60 else self.text[:57] + "..."))
        return sp.Rational(q.numerator, q.denominator)

    def power(self, node: ast.BinOp, depth: int) -> sp.Expr:
        exponent = self.integer_exponent(node.right)
        base = self.build(node.left, depth + 1)
        if exponent < 0 and sp.cancel(base) == 0:
            raise self.fail("division by zero (zero to a negative power)")
        return base**exponent

    def integer_exponent(self, node: ast.AST) -> int:
        sign = 1
        while isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
            sign = -sign if isinstance(node.op, ast.USub) else sign
            node = node.operand
        if (
            not isinstance(node, ast.Constant)
            or isinstance(node.value, bool)
            or not isinstance(node.value, int)
        ):
            raise self.fail("exponents must be integers written as numbers (payoffs are rational functions)")
        literal = self.source[node.col_offset : node.end_col_offset]
        if not literal.replace("_", "").isdigit() or len(literal) > 6 or node.value > MAX_POWER:
            raise self.fail(f"exponent {literal[:12]} is beyond {MAX_POWER} (or not written in decimal)")
        return sign * node.value


def _parse_tree(text: object, what: str) -> tuple[ast.AST, str, str]:
    if isinstance(text, bool) or not isinstance(text, str):
        raise ParseError(f"{what} must be text, got {type(text).__name__}")
    if len(text) > MAX_TEXT:
        raise ParseError(f"{what} {text[:30]!r}... is {len(text)} characters long (at most {MAX_TEXT})")
    if not text.strip():
        raise ParseError(f"{what} is empty")
    if not _ALLOWED_CHARS.match(text):
        bad = next(ch for ch in text if not _ALLOWED_CHARS.match(ch))
        raise ParseError(
            f"{text!r}: character {bad!r} is not allowed (numbers, names, + - * / ^ ( ) < > = !)"
        )
    if _SINGLE_EQUALS.search(text):
        raise ParseError(f"{text!r}: write equations with '==' (a single '=' is not a comparison)")
    source = text.strip().replace("^", "**")
    try:
        tree = ast.parse(source, mode="eval")
    except SyntaxError as exc:
        raise ParseError(f"{text!r}: not a valid {what} ({exc.msg})") from None
    except (MemoryError, RecursionError, ValueError):
        raise ParseError(f"{text[:30]!r}: nested too deeply to parse") from None
    return tree.body, source, text


def parse_expression(text: str, names: Mapping[str, sp.Symbol]) -> sp.Expr:
    """A payoff or any expression of the grammar, as a sympy expression over ``names``.

    Parameters
    ----------
    text : str
        The expression, e.g. ``"(V - C)/2"``.
    names : mapping of str to sympy.Symbol
        The declared parameters; any other name is refused.

    Raises
    ------
    ParseError
        Text outside the grammar, with what is wrong.
    """
    node, source, text = _parse_tree(text, "expression")
    return _Builder(text, source, names).build(node)


def parse_relation(text: str, names: Mapping[str, sp.Symbol]) -> list[Relation]:
    """An assumption or condition: one relation, or the links of a chain such as ``0 < p < 1``.

    Each link becomes a :class:`Relation` with the right side moved to the left,
    ``expr op 0``, and the text of the whole chain.
    """
    node, source, text = _parse_tree(text, "relation")
    if not isinstance(node, ast.Compare):
        raise ParseError(f"{text!r}: expected a comparison such as 'V > 0' (with <, <=, >, >=, == or !=)")
    builder = _Builder(text, source, names)
    terms = [builder.build(node.left)] + [builder.build(c) for c in node.comparators]
    out = []
    for op, left, right in zip(node.ops, terms, terms[1:], strict=False):
        if type(op) not in _OPS:
            raise builder.fail(f"{type(op).__name__} is not a comparison of numbers")
        symbol = _OPS[type(op)]
        if symbol in ("<", "<="):  # a < b  is  b - a > 0
            left, right, symbol = right, left, ">" if symbol == "<" else ">="
        out.append(Relation(sp.expand(left - right), symbol, text))
    return out
