r"""Formulas as text in the input grammar (SPEC 5.1) and as LaTeX, in the game's parameter order.

sympy orders the terms of a printed sum by its own key (``-C + V``); a reader of an atlas
expects the order of the game's parameters and conditions written as comparisons
(``V > C``). Polynomials are printed from their terms here: monomials by descending total
degree, then in the lexicographic order of the declared parameters; a rational function as
``numerator/denominator``; a sign condition ``f op 0`` as ``P op N`` with the positive terms
of ``f`` on the left and the negated negative terms on the right.

>>> import sympy as sp
>>> from cluster_games.parametric.polys import ParameterRing
>>> V, C = sp.symbols("V C", real=True)
>>> R = ParameterRing((V, C))
>>> poly_text(R.poly(V**2 - 2*V*C + 3), ("V", "C"))
'V^2 - 2*V*C + 3'
>>> fraction_text(R.poly(V), R.poly(C), ("V", "C")), fraction_text(R.poly(C - V), R.poly(C), ("V", "C"))
('V/C', '(C - V)/C')
>>> condition_text(R.poly(V - C), frozenset({1, 0}), ("V", "C"))
'V >= C'
>>> fraction_latex(R.poly(V), R.poly(2*C), ("V", "C"))
'\\frac{V}{2 C}'
"""

from __future__ import annotations

from collections.abc import Sequence
from fractions import Fraction
from math import gcd

from sympy.polys.rings import PolyElement

__all__ = [
    "poly_text",
    "fraction_text",
    "condition_text",
    "poly_latex",
    "fraction_latex",
    "condition_latex",
    "integral",
    "rational_text",
    "rational_latex",
]

_OPS_TEXT = {
    frozenset({1}): ">",
    frozenset({-1}): "<",
    frozenset({0}): "==",
    frozenset({1, 0}): ">=",
    frozenset({-1, 0}): "<=",
    frozenset({1, -1}): "!=",
}
_OPS_LATEX = {">": ">", "<": "<", "==": "=", ">=": r"\ge", "<=": r"\le", "!=": r"\ne"}


def _terms(p: PolyElement) -> list[tuple[tuple[int, ...], Fraction]]:
    items = [(tuple(m), Fraction(int(c.numerator), int(c.denominator))) for m, c in p.terms()]
    # descending total degree, positive terms first (C - V rather than -V + C), then
    # lexicographic in the declared order (V before C)
    return sorted(items, key=lambda t: (-sum(t[0]), t[1] < 0, tuple(-e for e in t[0])))


def _monomial_text(monom: tuple[int, ...], names: Sequence[str], latex: bool) -> list[str]:
    out = []
    for name, e in zip(names, monom, strict=False):
        if e == 0:
            continue
        shown = _latex_name(name) if latex else name
        if e == 1:
            out.append(shown)
        else:
            out.append(f"{shown}^{{{e}}}" if latex else f"{shown}^{e}")
    return out


def _latex_name(name: str) -> str:
    greek = {
        "alpha", "beta", "gamma", "delta", "epsilon", "theta", "lambda", "mu", "nu", "pi", "rho",
        "sigma", "tau", "phi", "chi", "psi", "omega", "kappa", "eta", "zeta", "xi",
    }  # fmt: skip
    head, _, tail = name.partition("_")
    head = f"\\{head}" if head in greek else head
    if len(head) > 1 and not head.startswith("\\"):
        head = f"\\mathrm{{{head}}}"
    return f"{head}_{{{tail}}}" if tail else head


def _number(q: Fraction, latex: bool) -> str:
    if q.denominator == 1:
        return str(q.numerator)
    return f"\\frac{{{q.numerator}}}{{{q.denominator}}}" if latex else f"{q.numerator}/{q.denominator}"


def _sum(terms: list[tuple[tuple[int, ...], Fraction]], names: Sequence[str], latex: bool) -> str:
    if not terms:
        return "0"
    pieces = []
    for monom, coeff in terms:
        factors = _monomial_text(monom, names, latex)
        magnitude = abs(coeff)
        if not factors:
            body = _number(magnitude, latex)
        elif magnitude == 1:
            body = (" " if latex else "*").join(factors)
        else:
            body = (" " if latex else "*").join([_number(magnitude, latex), *factors])
        pieces.append(("-" if coeff < 0 else "+", body))
    sign, first = pieces[0]
    text = ("-" if sign == "-" else "") + first
    for sign, body in pieces[1:]:
        text += f" {sign} {body}"
    return text


def poly_text(p: PolyElement, names: Sequence[str]) -> str:
    """A polynomial in the grammar of SPEC 5.1 (``^`` for powers, ``*`` for products)."""
    return _sum(_terms(p), names, latex=False)


def poly_latex(p: PolyElement, names: Sequence[str]) -> str:
    return _sum(_terms(p), names, latex=True)


def _is_atom(p: PolyElement) -> bool:
    """A single term with coefficient 1, or a number: needs no parentheses in a quotient."""
    terms = list(p.terms())
    return len(terms) == 1 and (not any(terms[0][0]) or terms[0][1] == 1)


def fraction_text(num: PolyElement, den: PolyElement, names: Sequence[str]) -> str:
    """``num/den`` in the grammar, parenthesised where needed (``den`` 1 prints the numerator alone)."""
    if den == 1:
        return poly_text(num, names)
    top = poly_text(num, names)
    bottom = poly_text(den, names)
    if not _is_atom(num) and not (len(list(num.terms())) == 1 and not top.startswith("-")):
        top = f"({top})"
    if not _is_atom(den):
        bottom = f"({bottom})"
    return f"{top}/{bottom}"


def fraction_latex(num: PolyElement, den: PolyElement, names: Sequence[str]) -> str:
    if den == 1:
        return poly_latex(num, names)
    return f"\\frac{{{poly_latex(num, names)}}}{{{poly_latex(den, names)}}}"


def _sides(p: PolyElement) -> tuple[list, list]:
    terms = _terms(p)
    positive = [(m, c) for m, c in terms if c > 0]
    negative = [(m, -c) for m, c in terms if c < 0]
    return positive, negative


def condition_text(p: PolyElement, signs: frozenset[int], names: Sequence[str]) -> str:
    """``p`` restricted to the signs ``signs`` as a comparison, e.g. ``V > C`` for ``V - C`` with ``{1}``."""
    op = _OPS_TEXT[frozenset(signs)]
    positive, negative = _sides(p)
    return f"{_sum(positive, names, False)} {op} {_sum(negative, names, False)}"


def condition_latex(p: PolyElement, signs: frozenset[int], names: Sequence[str]) -> str:
    op = _OPS_LATEX[_OPS_TEXT[frozenset(signs)]]
    positive, negative = _sides(p)
    return f"{_sum(positive, names, True)} {op} {_sum(negative, names, True)}"


def integral(num: PolyElement, den: PolyElement) -> tuple[PolyElement, PolyElement]:
    """``num/den`` rewritten with integer coefficients, no common content, and a positive leading denominator."""
    c_num, n = num.clear_denoms()
    c_den, d = den.clear_denoms()
    n, d = n * c_den, d * c_num
    content = 0
    for c in (*n.coeffs(), *d.coeffs()):
        content = gcd(content, int(Fraction(int(c.numerator), int(c.denominator))))
    if content > 1:
        n, d = n.quo_ground(n.ring.domain(content)), d.quo_ground(d.ring.domain(content))
    if Fraction(int(d.LC.numerator), int(d.LC.denominator)) < 0:
        n, d = -n, -d
    return n, d


def _oriented(g: PolyElement) -> tuple[PolyElement, int]:
    """``g`` or ``-g``, whichever has more positive terms (ties: a positive leading coefficient)."""
    signs = [Fraction(int(c.numerator), int(c.denominator)) > 0 for c in g.coeffs()]
    positive = sum(signs)
    negative = len(signs) - positive
    lc_positive = Fraction(int(g.LC.numerator), int(g.LC.denominator)) > 0
    if negative > positive or (negative == positive and not lc_positive):
        return -g, -1
    return g, 1


def _factored(p: PolyElement, names: Sequence[str], latex: bool) -> tuple[str, int]:
    """``p`` as ``constant*(f1)^e1*(f2)...`` over its irreducible factors; returns the text and its piece count.

    Sums are parenthesised, so the text needs parentheses only as a denominator of several pieces.
    """
    coeff, parts = p.factor_list()
    constant = Fraction(int(coeff.numerator), int(coeff.denominator))
    pieces = []
    for f, e in sorted(parts, key=lambda t: (len(list(t[0].terms())), str(t[0]))):
        c, g = f.clear_denoms()
        content = 0
        for x in g.coeffs():
            content = gcd(content, int(Fraction(int(x.numerator), int(x.denominator))))
        g = g.quo_ground(g.ring.domain(content))
        g, flip = _oriented(g)
        constant *= (flip * Fraction(content, int(Fraction(int(c.numerator), int(c.denominator))))) ** e
        body = _sum(_terms(g), names, latex)
        if len(list(g.terms())) > 1:
            body = f"\\left({body}\\right)" if latex else f"({body})"
        if e > 1:
            body = f"{body}^{{{e}}}" if latex else f"{body}^{e}"
        pieces.append(body)
    sign = "-" if constant < 0 else ""
    magnitude = abs(constant)
    if magnitude != 1 or not pieces:
        pieces.insert(0, _number(magnitude, latex))
    return sign + (" " if latex else "*").join(pieces), len(pieces)


def rational_text(f, names: Sequence[str]) -> str:
    """A rational function (a sympy ``FracElement``) in the grammar: ``V/C``, ``(C - V)/C``, ``(V - C)/2``.

    Numerator and denominator are written expanded, or as products of their irreducible
    factors when that is shorter.
    """
    num, den = integral(f.numer, f.denom)
    expanded = fraction_text(num, den, names)
    if num.is_ground and den == 1:
        return expanded
    top = _factored(num, names, False)[0] if not num.is_ground else poly_text(num, names)
    if den == 1:
        return top if len(top) < len(expanded) else expanded
    bottom, count = _factored(den, names, False)
    if count > 1 or (bottom.startswith("-") and count == 1):
        bottom = f"({bottom})"
    factored = f"{top}/{bottom}"
    return factored if len(factored) <= len(expanded) else expanded


def rational_latex(f, names: Sequence[str]) -> str:
    num, den = integral(f.numer, f.denom)
    expanded = fraction_latex(num, den, names)
    if num.is_ground and den == 1:
        return expanded
    top = _factored(num, names, True)[0] if not num.is_ground else poly_latex(num, names)
    if den == 1:
        return top if len(top) < len(expanded) else expanded
    factored = f"\\frac{{{top}}}{{{_factored(den, names, True)[0]}}}"
    return factored if len(factored) <= len(expanded) else expanded
