r"""The check of one certificate file: format, target identity, sign from the coefficients, region.

A certificate (``cluster-games-certificate/1``) claims that an expression has a sign on a
region. Given the parsed JSON, :func:`check_certificate`

1. validates the format (every field, exact rationals such as ``"-3/2"``, exponent vectors of the
   right length) and looks the id up in :data:`~cluster_games.verify.targets.TARGETS`: the sign
   and the region key must be the registry's;
2. checks the region (:func:`~cluster_games.verify.regions.check_region`: declared slacks, into,
   onto);
3. evaluates the registry's target at the file's substitution :math:`\phi` and checks
   :math:`\mathrm{target}\circ\phi = N/D` as rational functions (:math:`T_N D = N T_D`);
4. reads the sign of :math:`N/D` from the coefficients: every variable is a slack or a free model
   symbol, non-negative by the kernel's own tables; :math:`D` must have a strict sign (one sign and
   a monomial of strictly positive variables); ``zero`` needs :math:`N = 0`, a strict sign a
   numerator monomial of strictly positive variables, a weak sign just one sign of coefficients.

Every failure is a :class:`CheckResult` with ``ok=False`` and the reason; nothing raises.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from .model import SYMBOLS, Env
from .polynomials import NotCheckable, Poly, RatFunc, coefficient_sign, work_limit
from .regions import check_region
from .targets import TARGETS

__all__ = ["FORMAT", "SIGNS", "CheckResult", "MalformedCertificate", "check_certificate"]

FORMAT = "cluster-games-certificate/1"
SIGNS = ("zero", "positive", "negative", "nonnegative", "nonpositive")
_RATIONAL = re.compile(r"-?[0-9]+(/[0-9]+)?")
_NAME = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")

# The checker's own bounds on what a certificate may contain, far above what the export writes
# (measured on a fresh export: exponents <= 4, total degree <= 6, <= 5 terms, 6 variables,
# coefficients of <= 3 characters). A certificate beyond them fails as malformed: its size is
# the checker's decision, not the file's, so the check's time and memory stay bounded (with
# :data:`~cluster_games.verify.polynomials.WORK_LIMIT` on the arithmetic itself).
MAX_EXPONENT = 16  #: largest exponent of one variable in a monomial
MAX_DEGREE = 24  #: largest total degree of a monomial
MAX_TERMS = 1000  #: most terms of one polynomial
MAX_VARIABLES = 32  #: most variables of one polynomial
MAX_DIGITS = 200  #: most characters of one coefficient "p" or "p/q"


class MalformedCertificate(ValueError):
    """The JSON is not a certificate of this format."""


@dataclass(frozen=True)
class CheckResult:
    """The verdict on one certificate (``id`` is the file's id, or its file name if it has none)."""

    id: str
    ok: bool
    reason: str = ""


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


def _need(cond: bool, what: str) -> None:
    if not cond:
        raise MalformedCertificate(what)


def _rational(text: Any) -> Fraction:
    _need(
        isinstance(text, str) and len(text) <= MAX_DIGITS and _RATIONAL.fullmatch(text) is not None,
        f"coefficient {_short(text)} is not 'p' or 'p/q' of at most {MAX_DIGITS} characters",
    )
    try:
        return Fraction(text)
    except ZeroDivisionError:
        raise MalformedCertificate(f"coefficient {text!r} has a zero denominator") from None


def _names(value: Any, where: str) -> tuple[str, ...]:
    _need(isinstance(value, list), f"{where} must be a list of names")
    _need(len(value) <= MAX_VARIABLES, f"{where} has more than {MAX_VARIABLES} names (the checker's bound)")
    _need(all(isinstance(v, str) and _NAME.fullmatch(v) for v in value), f"{where} has a bad name")
    _need(len(set(value)) == len(value), f"{where} repeats a name")
    return tuple(value)


def _poly(variables: tuple[str, ...], terms: Any, where: str) -> Poly:
    _need(isinstance(terms, list), f"{where} must be a list of [coefficient, exponents]")
    _need(
        len(terms) <= MAX_TERMS,
        f"{where} has {len(terms):,} terms, more than the checker's bound {MAX_TERMS}",
    )
    pairs = []
    for term in terms:
        _need(isinstance(term, list) and len(term) == 2, f"{where}: a term is not [coefficient, exponents]")
        coef, exps = term
        _need(
            isinstance(exps, list)
            and len(exps) == len(variables)
            and all(type(x) is int and 0 <= x <= MAX_EXPONENT for x in exps),
            f"{where}: exponents {_short(exps)} are not {len(variables)} integers from 0 to {MAX_EXPONENT} "
            "(the checker's bound)",
        )
        _need(
            sum(exps) <= MAX_DEGREE,
            f"{where}: a monomial of degree {sum(exps)} > {MAX_DEGREE} (the checker's bound)",
        )
        pairs.append((_rational(coef), exps))
    return Poly.from_terms(variables, pairs)


def _ratfunc(data: Any, where: str) -> RatFunc:
    _need(isinstance(data, dict), f"{where} must be an object")
    variables = _names(data.get("variables"), f"{where}.variables")
    num = _poly(variables, data.get("numerator"), f"{where}.numerator")
    den = _poly(variables, data.get("denominator"), f"{where}.denominator")
    _need(not den.is_zero(), f"{where}: zero denominator")
    return RatFunc(num, den)


def _parse(
    data: Any,
) -> tuple[str, str, str, Mapping[str, str], dict[str, RatFunc], tuple[str, ...], Poly, Poly]:
    _need(isinstance(data, dict), "not a JSON object")
    _need(data.get("format") == FORMAT, f"format is {_short(data.get('format'))}, expected {FORMAT!r}")
    cid, claim, sign = data.get("id"), data.get("claim"), data.get("sign")
    _need(isinstance(cid, str) and cid.count(".") == 1 and len(cid) <= 200, "id must be 'CLAIM.key'")
    _need(claim == cid.split(".")[0], f"claim {_short(claim)} does not match the id {cid!r}")
    _need(isinstance(data.get("statement"), str), "statement must be a string")
    _need(sign in SIGNS, f"sign {_short(sign)} is not one of {', '.join(SIGNS)}")
    region = data.get("region")
    _need(isinstance(region, dict), "region must be an object")
    key, slacks, subs = region.get("key"), region.get("slacks"), region.get("substitution")
    _need(isinstance(key, str), "region.key must be a string")
    hypotheses = region.get("hypotheses")
    _need(
        isinstance(hypotheses, list) and all(isinstance(h, str) for h in hypotheses),
        "region.hypotheses must be a list of strings",
    )
    _need(
        isinstance(slacks, dict) and all(v in ("positive", "nonnegative") for v in slacks.values()),
        "region.slacks must map names to 'positive' or 'nonnegative'",
    )
    _need(
        isinstance(subs, dict) and all(isinstance(s, str) for s in subs),
        "region.substitution must be an object",
    )
    substitution = {s: _ratfunc(v, f"region.substitution.{s}") for s, v in subs.items()}
    variables = _names(data.get("variables"), "variables")
    num = _poly(variables, data.get("numerator"), "numerator")
    den = _poly(variables, data.get("denominator"), "denominator")
    return cid, sign, key, slacks, substitution, variables, num, den


def _sign_ok(sign: str, num: Poly, den: Poly, positive: set[str]) -> str | None:
    """``None`` if ``num/den`` has ``sign`` by its coefficients, else the reason."""
    sd, strict_d = coefficient_sign(den, positive)
    if sd == 0:
        return "the denominator is zero"
    if sd is None:
        return "the denominator has coefficients of mixed sign"
    if not strict_d:
        return "the denominator may vanish (no monomial of strictly positive variables)"
    sn, strict_n = coefficient_sign(num, positive)
    if sign == "zero":
        return None if sn == 0 else "the numerator of a 'zero' certificate is not zero"
    if sn is None:
        return "the numerator has coefficients of mixed sign"
    want = 1 if sign in ("positive", "nonnegative") else -1
    if sn == 0:
        return None if sign in ("nonnegative", "nonpositive") else f"the numerator is zero, not {sign}"
    if sn * sd != want:
        return f"the coefficients give the opposite sign to {sign}"
    if sign in ("positive", "negative") and not strict_n:
        return "the sign is not strict (no numerator monomial of strictly positive variables)"
    return None


def check_certificate(data: Any, name: str = "?") -> CheckResult:
    """Check one parsed certificate (``name``: for the verdict when the file has no usable id)."""
    cid = data.get("id") if isinstance(data, dict) and isinstance(data.get("id"), str) else name
    cid = cid if len(cid) <= 200 else cid[:197] + "..."
    try:
        with work_limit():
            return _check(data)
    except MalformedCertificate as exc:
        return CheckResult(cid, False, f"malformed certificate: {exc}")
    except NotCheckable as exc:
        return CheckResult(cid, False, f"not checkable: {exc}")


def _check(data: Any) -> CheckResult:
    """The check itself; raises :class:`MalformedCertificate` or :class:`NotCheckable`."""
    cid, sign, key, slacks, substitution, variables, num, den = _parse(data)
    target = TARGETS.get(cid)
    if target is None:
        return CheckResult(cid, False, "unknown certificate id (not in the kernel's registry)")
    if sign != target.sign:
        return CheckResult(cid, False, f"sign is {sign!r}, the claim is {target.sign!r}")
    if key != target.region:
        return CheckResult(cid, False, f"region is {_short(key)}, the claim is on {target.region!r}")
    reg = check_region(key, slacks, substitution)
    free = set(SYMBOLS) - reg.substitutes
    unknown = set(variables) - free - set(reg.slacks)
    if unknown:
        return CheckResult(
            cid, False, f"variables {sorted(unknown)} are neither slacks nor free model symbols"
        )
    value = target.build(Env.symbolic(substitution)).value.rational()
    if value.num * den != num * value.den:
        return CheckResult(
            cid, False, "the numerator/denominator is not the claimed expression on the region"
        )
    positive = {s for s in variables if (reg.slacks.get(s) or SYMBOLS[s]) == "positive"}
    why = _sign_ok(sign, num, den, positive)
    return CheckResult(cid, why is None, why or "")
