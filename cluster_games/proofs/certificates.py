r"""Sign certificates: proofs that an expression has a sign on a region of parameters.

A region (:class:`~cluster_games.proofs.parametrisations.Region`) replaces model symbols by
expressions in fresh slack symbols, each positive or non-negative, onto its hypotheses. After
the substitution the claim must reduce, mechanically and with no appeal to ``simplify``
heuristics, to

* ``zero``: a rational function whose numerator expands to 0, over a denominator of strict sign;
* ``positive`` / ``negative`` (and the weak forms): numerator and denominator polynomials with
  *rational* coefficients of one sign each, in symbols that are all positive or non-negative,
  and, for a strict sign, a numerator monomial made only of strictly positive symbols; the
  denominator must always carry a strict sign (it must not vanish on the region).

A polynomial with positive coefficients in positive variables is positive: that is the whole
proof, and :mod:`cluster_games.verify` re-checks it without sympy from the exported
coefficients (:meth:`SignCertificate.to_json`). Every other outcome is a refusal, with the
reason: a symbol of unknown sign, a coefficient that is not rational or has the wrong sign, a
non-polynomial leftover (a square root that did not clear), a denominator that may vanish, a
slack that clashes with a symbol of the expression. Nothing falls back to sympy's assumption
system.

Examples
--------
>>> from cluster_games import model as M
>>> from cluster_games.proofs.parametrisations import feasible_trade
>>> cert = certify(M.G, "positive", feasible_trade(), "trade is feasible", key="G_positive")
>>> cert.holds, cert.slack_form
(True, g)
>>> certify(1 / M.c_A, "positive", feasible_trade(), "1/c_A > 0", key="bad").method
'refused: the denominator may vanish (c_A, no strictly positive term)'
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from fractions import Fraction
from typing import Any, Literal

import sympy as sp

from ..verify.formulas import Relation
from .parametrisations import Region, SlackClash

__all__ = ["SignCertificate", "Sign", "certify", "prove"]

Sign = Literal["zero", "positive", "negative", "nonnegative", "nonpositive"]

#: The ``format`` field of every exported certificate (2: statement and hypotheses as relations).
FORMAT = "cluster-games-certificate/2"

_RELATION = {
    "zero": "= 0",
    "positive": "> 0",
    "negative": "< 0",
    "nonnegative": r"\ge 0",
    "nonpositive": r"\le 0",
}


@dataclass(frozen=True)
class SignCertificate:
    """The outcome of :func:`certify`: the claim, its slack form, and whether the sign was proved.

    Attributes
    ----------
    key : str
        Stable identifier within its claim (the file name of its export).
    claim, sign, expression, region
        What was to be shown, and where (:class:`~cluster_games.proofs.parametrisations.Region`).
    slack_form : sympy.Expr
        The expression after substitution, as one cancelled fraction.
    holds : bool
        The sign is proved.
    method : str
        ``"rational identity after substitution"``, ``"sign certificate"`` or ``"refused: <why>"``.
    variables : tuple of str
        The symbols of the numerator and denominator, in the order of the exponent vectors.
    numerator, denominator : tuple of (Fraction, tuple of int)
        The polynomials as terms ``(coefficient, exponents)`` (empty where refused before).
    relation : Relation, optional
        The statement, as a relation between named expressions whose ``lhs - rhs`` is
        ``expression`` and whose sign is ``sign`` (:func:`prove`); ``claim`` is then its text.
    note : str
        Prose about the statement (no formula: every formula is in ``relation``).
    """

    key: str
    claim: str
    sign: Sign
    expression: sp.Expr
    region: Region
    slack_form: sp.Expr
    holds: bool
    method: str
    variables: tuple[str, ...] = ()
    numerator: tuple[tuple[Fraction, tuple[int, ...]], ...] = ()
    denominator: tuple[tuple[Fraction, tuple[int, ...]], ...] = ()
    notes: tuple[str, ...] = field(default_factory=tuple)
    relation: Relation | None = None
    note: str = ""

    def latex(self) -> str:
        return f"{sp.latex(self.slack_form)} {_RELATION[self.sign]}"

    def to_json(self, claim_id: str) -> dict[str, Any]:
        """The export read by :mod:`cluster_games.verify` (rational coefficients as strings).

        The statement is the relation (``relation``, with its ``text``) and the region's
        hypotheses and restrictions are relations too: the checker rebuilds each of them from its
        own encoding of the model.
        """
        r = self.region
        if self.relation is None:
            raise ValueError(f"certificate {claim_id}.{self.key} has no structured statement to export")

        def terms(ts):
            return [[str(c), list(e)] for c, e in ts]

        return {
            "format": FORMAT,
            "id": f"{claim_id}.{self.key}",
            "claim": claim_id,
            "statement": self.relation.text(),
            "relation": self.relation.json(),
            "sign": self.sign,
            "region": {
                "key": r.key,
                "hypotheses": [h.json() for h in r.hypotheses],
                "restrictions": [h.json() for h in r.restrictions],
                "slacks": {str(s): ("positive" if s.is_positive else "nonnegative") for s in r.slacks},
                # sorted by name: a substitution is a dict of sympy symbols, whose order follows
                # string hashing, and an export must be the same file from run to run
                "substitution": {
                    str(k): _rational_function(v)
                    for k, v in sorted(r.substitution.items(), key=lambda kv: str(kv[0]))
                },
            },
            "variables": list(self.variables),
            "numerator": terms(self.numerator),
            "denominator": terms(self.denominator),
        }

    def __str__(self) -> str:
        verdict = "holds" if self.holds else "NOT PROVED"
        return f"{self.claim}: {verdict} ({self.method}); slack form {self.slack_form}"


def _rational_function(expr: sp.Expr) -> dict[str, Any]:
    """``expr`` as ``{"variables", "numerator", "denominator"}`` term lists (for a substitution value)."""
    num, den = sp.fraction(sp.cancel(sp.together(expr)))
    gens = sorted(sp.sympify(expr).free_symbols, key=lambda s: s.name)
    out: dict[str, Any] = {"variables": [g.name for g in gens]}
    for name, part in (("numerator", num), ("denominator", den)):
        poly = sp.Poly(part, *gens) if gens else None
        out[name] = (
            [[str(sp.Rational(c)), list(m)] for m, c in poly.terms()]
            if poly is not None
            else [[str(part), []]]
        )
    return out


_ONE = sp.Symbol("_constant", positive=True)  # generator of constant polynomials (exponent always 0)


def _polynomial(expr: sp.Expr, gens: list[sp.Symbol]) -> tuple[sp.Poly | None, str]:
    try:
        return sp.Poly(sp.expand(expr), *(gens or [_ONE])), ""
    except sp.PolynomialError:
        return None, "not a polynomial after substitution"


def _of_unknown_sign(gens: list[sp.Symbol]) -> list[str]:
    """The symbols not declared non-negative (their sign cannot be read from coefficients)."""
    return [g.name for g in gens if not g.is_nonnegative]


def _sign_of(poly: sp.Poly) -> tuple[int | None, bool, str]:
    """(+1/-1 or None, strict, reason) from the coefficients of a polynomial in non-negative symbols."""
    if poly.is_zero:
        return 0, False, "identically zero"
    coeffs = poly.coeffs()
    if not all(c.is_Rational for c in coeffs):
        return None, False, "a coefficient is not a rational number"
    signs = {1 if c > 0 else -1 for c in coeffs}
    if len(signs) != 1:
        return None, False, "coefficients of mixed sign"
    strict = any(
        all(e == 0 or g.is_positive for g, e in zip(poly.gens, m, strict=True)) for m in poly.monoms()
    )
    return signs.pop(), strict, f"{len(coeffs)} terms of one sign"


def _is_zero(poly: sp.Poly) -> bool:
    return bool(poly.is_zero)


def _terms(poly: sp.Poly | None) -> tuple[tuple[Fraction, tuple[int, ...]], ...]:
    if poly is None or poly.is_zero or not all(c.is_Rational for c in poly.coeffs()):
        return ()  # the zero polynomial has no term; refused anyway if not a polynomial or irrational
    if poly.gens == (_ONE,):
        return tuple((Fraction(int(c.p), int(c.q)), ()) for _, c in poly.terms())
    return tuple((Fraction(int(c.p), int(c.q)), tuple(m)) for m, c in poly.terms())


def certify(expr: sp.Expr, sign: Sign, region: Region, claim: str, *, key: str) -> SignCertificate:
    """Prove that ``expr`` has ``sign`` on ``region``, or refuse and say why.

    Parameters
    ----------
    expr : sympy.Expr
        Expression in the model's symbols.
    sign : {"zero", "positive", "negative", "nonnegative", "nonpositive"}
    region : Region
        The slack parametrisation of the region (:mod:`cluster_games.proofs.parametrisations`).
    claim : str
        Plain-English statement, kept in the certificate.
    key : str
        Identifier of the certificate within its claim (letters, digits, ``_``).

    Returns
    -------
    SignCertificate
        ``holds`` is True only when the sign is proved; every refusal keeps its reason in ``method``.
    """
    if not key.replace("_", "").isalnum():
        raise ValueError(f"certificate key must be letters, digits and _, got {key!r}")

    def refuse(why: str, slack_form: sp.Expr = sp.nan, **kw) -> SignCertificate:
        return SignCertificate(key, claim, sign, expr, region, slack_form, False, f"refused: {why}", **kw)

    try:
        substituted = region.apply(expr)
    except SlackClash as exc:
        return refuse(str(exc))
    slack_form = sp.cancel(sp.together(substituted))
    num, den = sp.fraction(slack_form)
    gens = sorted(slack_form.free_symbols, key=lambda s: s.name)
    unknown = _of_unknown_sign(gens)
    if unknown:
        return refuse(f"a symbol of unknown sign remains ({', '.join(unknown)})", slack_form)
    p_num, why_num = _polynomial(num, gens)
    p_den, why_den = _polynomial(den, gens)
    if p_num is None or p_den is None:
        return refuse(why_num or why_den, slack_form)
    kw = dict(variables=tuple(g.name for g in gens), numerator=_terms(p_num), denominator=_terms(p_den))
    d_sign, d_strict, d_reason = _sign_of(p_den)
    if d_sign is None or not d_strict:
        return refuse(
            f"the denominator may vanish ({sp.sstr(den)}, {d_reason if d_sign is None else 'no strictly positive term'})",
            slack_form,
            **kw,
        )
    if sign == "zero":
        ok = _is_zero(p_num)
        method = "rational identity after substitution" if ok else "refused: the numerator is not zero"
        return SignCertificate(key, claim, sign, expr, region, slack_form, ok, method, **kw)
    n_sign, n_strict, n_reason = _sign_of(p_num)
    if n_sign is None:
        return refuse(f"numerator: {n_reason}", slack_form, **kw)
    total = n_sign * d_sign
    wanted = {
        "positive": total == 1 and n_strict,
        "negative": total == -1 and n_strict,
        "nonnegative": total >= 0,
        "nonpositive": total <= 0,
    }[sign]
    method = (
        "sign certificate"
        if wanted
        else f"refused: the coefficients give sign {total:+d}{'' if n_strict else ' (not strict)'}"
    )
    notes = (f"numerator: {n_reason}", f"denominator: {d_reason}")
    return SignCertificate(key, claim, sign, expr, region, slack_form, wanted, method, notes=notes, **kw)


def prove(relation: Relation, region: Region, *, key: str, note: str = "") -> SignCertificate:
    """Certify a statement: ``lhs - rhs`` of ``relation`` has the relation's sign on ``region``.

    The expression is built from the relation by :func:`~cluster_games.proofs.formulas.to_sympy`
    (the names taken from the model), so the statement printed and the expression proved are one
    object. ``note`` is prose about it, without formulas.

    >>> from cluster_games.proofs import formulas as V
    >>> from cluster_games.proofs.parametrisations import free_entry
    >>> cert = prove(V.gt(V.D(V.omega_star), 0), free_entry(), key="demand_positive")
    >>> cert.holds, cert.claim
    (True, 'D(omega*) > 0')
    """
    from .formulas import difference

    if relation.sign is None:
        raise ValueError(f"{relation} states no sign")
    cert = certify(difference(relation), relation.sign, region, relation.text(), key=key)  # type: ignore[arg-type]
    return replace(cert, relation=relation, note=note)
