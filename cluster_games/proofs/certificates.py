r"""Sign certificates: proofs that an expression has a sign on a region of parameters.

A region is described by a *slack parametrisation*: each constraint is
rewritten as a positive slack symbol, and some model symbols are replaced by
expressions in those slacks. For example, feasible trade :math:`G > 0` becomes
:math:`\alpha = \beta (c + c_A) + g` with :math:`g > 0`. After the
substitution every sign sympy must decide is manifest: the claim reduces to

* ``zero``: the rational function cancels to 0 (an identity), or
* ``positive`` / ``negative``: numerator and denominator are polynomials in
  symbols that are all positive (or non-negative), each with coefficients of a
  single sign, and at least one monomial made only of strictly positive symbols.

That check is a complete, mechanical proof of the sign on the region, with no
appeal to ``simplify`` heuristics: a polynomial with positive coefficients in
positive variables is positive. When the expression is not polynomial after
substitution (a square root that did not clear, say) the certificate falls back
to sympy's assumption system (``is_positive``/``is_negative``) and says so.

The parametrisations used by the propositions are built here so that every
proof states its region in the same vocabulary.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

import sympy as sp

from .. import model as M

__all__ = [
    "SignCertificate",
    "Region",
    "certify",
    "feasible_trade",
    "free_entry_region",
    "rates_region",
    "paper_sufficient_region",
]

Sign = Literal["zero", "positive", "negative", "nonnegative", "nonpositive"]


@dataclass(frozen=True)
class Region:
    """A region of parameter space as a substitution of model symbols by positive slacks.

    Attributes
    ----------
    name : str
        Plain-English name of the region.
    constraints : tuple of str
        The constraints the slacks encode, in words/LaTeX.
    substitution : dict
        Model symbol -> expression in slack symbols (applied in order).
    slacks : tuple of sympy.Symbol
        The introduced slack symbols, all positive.
    """

    name: str
    constraints: tuple[str, ...]
    substitution: dict[sp.Symbol, sp.Expr]
    slacks: tuple[sp.Symbol, ...]

    def apply(self, expr: sp.Expr) -> sp.Expr:
        for symbol, value in self.substitution.items():
            expr = expr.subs(symbol, value)
        return expr

    def refine(self, extra: Region) -> Region:
        """This region intersected with ``extra`` (``extra`` substituted after ``self``)."""
        sub = dict(self.substitution)
        sub.update(extra.substitution)
        return Region(
            f"{self.name}; {extra.name}",
            self.constraints + extra.constraints,
            sub,
            self.slacks + extra.slacks,
        )


@dataclass(frozen=True)
class SignCertificate:
    """The outcome of :func:`certify`: a claim, the slack form, and whether the sign was proved."""

    claim: str
    sign: Sign
    expression: sp.Expr
    region: str
    slack_form: sp.Expr
    holds: bool
    method: str
    notes: tuple[str, ...] = field(default_factory=tuple)

    def latex(self) -> str:
        rel = {
            "zero": "= 0",
            "positive": "> 0",
            "negative": "< 0",
            "nonnegative": r"\ge 0",
            "nonpositive": r"\le 0",
        }
        return f"{sp.latex(self.slack_form)} {rel[self.sign]}"

    def __str__(self) -> str:
        verdict = "holds" if self.holds else "NOT PROVED"
        return f"{self.claim}: {verdict} ({self.method}); slack form {self.slack_form}"


def _coefficient_signs(poly: sp.Poly) -> set[int]:
    signs = set()
    for coeff in poly.coeffs():
        if coeff.is_positive:
            signs.add(1)
        elif coeff.is_negative:
            signs.add(-1)
        else:
            signs.add(0)  # a coefficient of unknown sign: no certificate
    return signs


def _polynomial_sign(expr: sp.Expr) -> tuple[int | None, bool, str]:
    """Sign of a polynomial in non-negative symbols from its coefficients.

    Returns ``(sign, strict, reason)`` where ``sign`` is +1/-1 or None if undecided.
    """
    expr = sp.expand(expr)
    if expr == 0:
        return 0, False, "identically zero"
    gens = sorted(expr.free_symbols, key=lambda s: s.name)
    if any(not (g.is_nonnegative) for g in gens):
        return None, False, "a symbol of unknown sign remains"
    try:
        poly = sp.Poly(expr, *gens) if gens else None
    except sp.PolynomialError:
        return None, False, "not a polynomial after substitution"
    if poly is None:
        value = expr
        if value.is_positive:
            return 1, True, "positive constant"
        if value.is_negative:
            return -1, True, "negative constant"
        return None, False, "constant of unknown sign"
    signs = _coefficient_signs(poly)
    if signs not in ({1}, {-1}):
        return None, False, "coefficients of mixed sign"
    strict = any(
        all(exp == 0 or g.is_positive for g, exp in zip(gens, monom, strict=True)) for monom in poly.monoms()
    )
    return signs.pop(), strict, f"polynomial with {len(poly.terms())} terms, coefficients of one sign"


def certify(expr: sp.Expr, sign: Sign, region: Region, claim: str) -> SignCertificate:
    """Prove that ``expr`` has ``sign`` on ``region``.

    Parameters
    ----------
    expr : sympy.Expr
        Expression in the model's symbols.
    sign : {"zero", "positive", "negative", "nonnegative", "nonpositive"}
    region : Region
        Slack parametrisation of the region.
    claim : str
        Plain-English statement, kept in the certificate.

    Examples
    --------
    >>> from cluster_games import model as M
    >>> cert = certify(M.G, "positive", feasible_trade(), "trade is feasible")
    >>> cert.holds, cert.slack_form
    (True, g)
    """
    substituted = region.apply(expr)
    slack_form = sp.cancel(sp.together(substituted))
    num, den = sp.fraction(slack_form)
    if sign == "zero":
        ok = sp.expand(num) == 0
        return SignCertificate(
            claim, sign, expr, region.name, slack_form, ok, "rational identity after substitution"
        )
    n_sign, n_strict, n_reason = _polynomial_sign(num)
    d_sign, _, d_reason = _polynomial_sign(den)
    if n_sign is not None and d_sign not in (None, 0):
        total = n_sign * d_sign
        strict = n_strict
        wanted = {
            "positive": total == 1 and strict,
            "negative": total == -1 and strict,
            "nonnegative": total == 1 or n_sign == 0,
            "nonpositive": total == -1 or n_sign == 0,
        }[sign]
        return SignCertificate(
            claim,
            sign,
            expr,
            region.name,
            slack_form,
            wanted,
            "sign certificate",
            (f"numerator: {n_reason}", f"denominator: {d_reason}"),
        )
    # Fallback: sympy's assumptions on the substituted expression.
    decided = {
        "positive": slack_form.is_positive,
        "negative": slack_form.is_negative,
        "nonnegative": slack_form.is_nonnegative,
        "nonpositive": slack_form.is_nonpositive,
    }[sign]
    return SignCertificate(
        claim, sign, expr, region.name, slack_form, decided is True, "sympy assumptions", (n_reason, d_reason)
    )


# ----------------------------------------------------------------------------- regions
def _pos(name: str) -> sp.Symbol:
    return sp.Symbol(name, positive=True)


def feasible_trade() -> Region:
    r"""Trade is feasible: :math:`G = \alpha - \beta (c + c_A) = g > 0`."""
    g = _pos("g")
    return Region(
        "feasible trade",
        (r"G = \alpha - \beta (c + c_A) > 0",),
        {M.alpha: M.beta * (M.c + M.c_A) + g},
        (g,),
    )


def free_entry_region(k: sp.Expr = 2) -> Region:
    r"""A break-even rate exists and F > 0: :math:`G > 0`, :math:`n > n_{\min}`.

    Slacks :math:`s = \sqrt{G^2 - 4k\beta F/n} > 0` and :math:`t = G - s > 0`, so
    :math:`G = s + t` and :math:`F = n\,t(2s + t)/(4k\beta)`. Then
    :math:`\omega^* c - c_A = t/(2\beta)` and :math:`D(\omega^*) = s + t/2`.
    """
    s, t = _pos("s"), _pos("t")
    name = (
        "break-even rate exists (G > 0, n > n_min, F > 0)"
        if k == 2
        else f"G > 0, F > 0, n > 4 k beta F / G^2 with k = {k}"
    )
    return Region(
        name,
        (r"G > 0", rf"n > 4 ({sp.latex(k)}) \beta F / G^2", "F > 0"),
        {M.F: M.n * t * (2 * s + t) / (4 * k * M.beta), M.alpha: M.beta * (M.c + M.c_A) + s + t},
        (s, t),
    )


def rates_region() -> Region:
    r"""Trade at rate :math:`\omega` is feasible and :math:`W > \omega`.

    Slacks :math:`\mu = m(\omega) > 0`, :math:`d = D(\omega) > 0`, :math:`\Delta = W - \omega > 0`
    (not :math:`\delta`, which is the discount factor of the repeated game).
    """
    mu, d, gap = _pos("mu"), _pos("d"), _pos("Delta")
    return Region(
        "trade feasible at omega, W > omega",
        (r"m(\omega) > 0", r"D(\omega) > 0", r"W > \omega"),
        {
            M.W: M.omega + gap,
            M.alpha: M.beta * (1 + M.omega) * M.c + d,
            M.omega: (M.c_A + mu) / M.c,
        },
        (mu, d, gap),
    )


def paper_sufficient_region() -> Region:
    r"""The paper's hypothesis: feasible trade at :math:`\omega` and :math:`(W - \omega) c < \omega c - c_A`.

    Adds the slack :math:`\sigma = m(\omega) - (W - \omega) c > 0`, i.e. :math:`\mu = \Delta c + \sigma`.
    """
    base = rates_region()
    mu, _, gap = base.slacks
    sigma = _pos("sigma")
    extra = Region(
        "paper's sufficient condition",
        (r"(W - \omega) c < \omega c - c_A",),
        {mu: gap * M.c + sigma},
        (sigma,),
    )
    return base.refine(extra)
