"""The :class:`Claim` object and helpers shared by propositions, findings and errata.

A claim has a statement (:class:`~cluster_games.proofs.statements.Statement`: prose around the
formulas and relations its certificates prove, printed from those very objects), the assumptions
it uses (the hypotheses of its certificates' regions), a symbolic proof (a list of
:class:`~cluster_games.proofs.report.Step`, each a sign certificate, an identity or a limit over
:mod:`cluster_games.model`) and a numeric check at user parameters. :meth:`Claim.run` executes
both, audits the statement against the certificates, and returns a
:class:`~cluster_games.proofs.report.ClaimResult`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction

import sympy as sp

from .. import model as M
from .. import model_k as MK
from ..kernels.closed_forms import demand_at_cost
from ..parameters import Parameters
from ..verify.formulas import Relation
from .certificates import SignCertificate, prove
from .parametrisations import Region
from .report import ClaimKind, ClaimResult, Step
from .statements import Statement, audit, prose_audit

__all__ = [
    "Claim",
    "CheckPoint",
    "applicable",
    "NotApplicable",
    "from_certificate",
    "free_entry_rate",
    "symbolic_value",
    "symbolic_sign",
    "exact_values",
    "rel_diff",
    "within_free_entry_rate",
    "compare",
]


class NotApplicable(Exception):
    """Raised by a numeric check that does not apply at the check point; the message says why.

    The check is then reported as *not applicable*, never as failed: exit code 1 is
    reserved for a refuted claim, never for a point where a check cannot be evaluated.
    """


@dataclass(frozen=True)
class CheckPoint:
    """Where the numeric checks run: the parameters and the two rates of the game.

    ``omega_is_free_entry`` says that ``omega`` is the free-entry rate itself (its float
    value is only for display); ``game_note`` says why no game could be built at the
    default rates (then :meth:`game` raises :class:`NotApplicable`).
    """

    params: Parameters
    omega: float
    W: float
    omega_is_free_entry: bool = False
    game_note: str | None = None

    def game(self):
        """The game at this point, rates taken exactly (a :class:`~cluster_games.game.ClusterGame`)."""
        from ..game import ClusterGame

        if self.game_note is not None:
            raise NotApplicable(self.game_note)
        return ClusterGame(self.params, self.omega, self.W, omega_is_free_entry=self.omega_is_free_entry)

    def exact_subs(self, omega_expr: sp.Expr | None = None) -> dict[sp.Symbol, sp.Expr]:
        """Model symbol -> exact value: rationals for the inputs, the symbolic omega* where it is omega*."""
        p = self.params
        subs = {getattr(M, name): sp.Rational(Fraction(value)) for name, value in p.as_dict().items()}
        if self.omega_is_free_entry:
            subs[M.omega] = (omega_expr or M.omega_star_rationalised()).subs(subs)
        else:
            subs[M.omega] = sp.Rational(Fraction(self.omega))
        subs[M.W] = sp.Rational(Fraction(self.W))
        return subs


@dataclass(frozen=True)
class Claim:
    """A checkable claim of (or about) the paper.

    Attributes
    ----------
    id : str
        ``"P1"``..``"P5"`` for the paper's propositions, ``"E1"``.. for errata,
        ``"R1"``.. for findings the toolkit adds, ``"K1"``.. for the extensions beyond the paper.
    kind : {"proposition", "erratum", "finding", "extension"}
        ``"extension"``: beyond the paper (SPEC section 4: k companies, the repeated game).
    title : str
        Short title, in prose (no formula).
    statement : Statement or str
        The statement: prose around formulas and relations that its certificates prove, printed
        from those objects (audited on every run, see :func:`~cluster_games.proofs.statements.audit`).
    hypotheses : callable () -> tuple of Relation
        The statement's hypotheses, formally. They must be exactly the union of the hypotheses of
        the regions the proof's main-case certificates used (checked on every run, so statement
        and proof cannot drift apart); the report's assumptions are rendered from those regions.
    proof : callable () -> list of Step
        The symbolic proof; independent of parameters.
    check : callable (CheckPoint) -> list of Step
        The numeric check at given parameters.
    cases : callable () -> dict of str to tuple of Relation
        Boundary cases the proof covers besides the main one (steps with ``case=``), each with
        its hypotheses, checked the same way.
    key_expressions : callable () -> dict of str to LaTeX
    """

    id: str
    kind: ClaimKind
    title: str
    statement: Statement | str
    hypotheses: Callable[[], tuple[Relation, ...]]
    proof: Callable[[], list[Step]]
    check: Callable[[CheckPoint], list[Step]]
    cases: Callable[[], dict[str, tuple[Relation, ...]]] = field(default=lambda: {})
    key_expressions: Callable[[], dict[str, str]] = field(default=lambda: {})

    def run(self, point: CheckPoint) -> ClaimResult:
        """Run the proof and the numeric check; exceptions become failed steps, not crashes.

        The symbolic proof does not depend on the point, so its steps are reused from an
        earlier run against the *same* symbolic model (see :func:`model_fingerprint`). The
        statement is audited against the certificates on every run.
        """
        key = (self.id, model_fingerprint())
        proof = _PROOFS.get(key)
        if proof is None:
            steps = tuple(_guard(self.proof, "symbolic proof"))
            proof = (*steps, *_guard(lambda: self._hypotheses_agree(steps), "statement against proof"))
            _PROOFS[key] = proof
        proof = (*proof, *_guard(lambda: self._statement_audit(proof), "statement audit"))
        main, cases = _used_hypotheses(proof)
        return ClaimResult(
            id=self.id,
            kind=self.kind,
            title=self.title,
            statement=self.text(),
            assumptions=tuple(h.text() for h in main),
            proof=proof,
            numeric=tuple(_guard(lambda: self.check(point), "numeric check")),
            key_expressions=_guard_dict(self.key_expressions),
            cases={case: tuple(h.text() for h in hyps) for case, hyps in cases.items()},
        )

    def text(self) -> str:
        """The statement as printed."""
        return self.statement if isinstance(self.statement, str) else self.statement.text(self.id)

    def _statement_audit(self, steps: tuple[Step, ...]) -> list[Step]:
        """One step: the title and statement hold no typed formula; every formula and relation they print
        is one a certificate of the proof states (or one of its hypotheses), every certificate named holds."""
        certs = [s.certificate for s in steps]
        problems = prose_audit(self.title, "the title") + audit(self.statement, certs, self.id)
        problems += [
            p for s in steps if s.certificate is not None for p in prose_audit(s.certificate.note, "a note")
        ]
        return [
            Step(
                "the statement prints only what its certificates prove",
                "statement audit",
                not problems,
                detail="; ".join(problems) if problems else "every formula and relation is a certified one",
            )
        ]

    def _hypotheses_agree(self, steps: tuple[Step, ...]) -> list[Step]:
        """One step: the stated hypotheses (and each case's) are exactly those the certificates used."""
        main, cases = _used_hypotheses(steps)
        problems = _mismatch("", tuple(self.hypotheses()), main)
        declared_cases = self.cases()
        for case in sorted(set(declared_cases) | set(cases)):
            problems += _mismatch(f"case {case}: ", tuple(declared_cases.get(case, ())), cases.get(case, ()))
        stated = ", ".join(h.text() for h in self.hypotheses()) or "none"
        return [
            Step(
                "the statement's hypotheses are exactly those of the regions its certificates used",
                "structured hypotheses",
                not problems,
                detail="; ".join(problems) if problems else f"stated and used: {stated}",
            )
        ]


def _used_hypotheses(
    steps: tuple[Step, ...],
) -> tuple[tuple[Relation, ...], dict[str, tuple[Relation, ...]]]:
    """The hypotheses (and restrictions) of the regions behind the certificate steps: main case, and by
    boundary case."""
    main: dict[Relation, None] = {}
    cases: dict[str, dict[Relation, None]] = {}
    for s in steps:
        if s.certificate is None:
            continue
        target = main if s.case is None else cases.setdefault(s.case, {})
        target.update(dict.fromkeys(s.certificate.region.conditions))
    return tuple(main), {case: tuple(h) for case, h in cases.items()}


def _mismatch(where: str, stated: tuple[Relation, ...], used: tuple[Relation, ...]) -> list[str]:
    out = []
    missing = [h for h in used if h not in stated]
    extra = [h for h in stated if h not in used]
    if missing:
        out.append(
            f"{where}the proof assumes {', '.join(h.text() for h in missing)}, which the statement does not"
        )
    if extra:
        out.append(
            f"{where}the statement assumes {', '.join(h.text() for h in extra)}, which no certificate uses"
        )
    return out


#: Proof steps by (claim id, model fingerprint).
_PROOFS: dict[tuple[str, str], tuple[Step, ...]] = {}


def model_fingerprint() -> str:
    """A digest of the model's expressions the proofs are built from.

    A proof is reused only while the model and the certifier are the same: a change to any of
    these expressions (a monkeypatched demand, a perturbed payoff) or to a function of the
    certifier gives a new fingerprint and a new proof run.
    """
    exprs = (
        M.payoff_matrix_A(),
        M.zero_profit_equation().lhs,
        M.omega_star_roots(),
        M.omega_star_rationalised(),
        M.n_min_expr(),
        M.monopoly_rate(),
        M.Q_bar(),
        M.factory_profit_alone(),
        M.investment_alone() - M.investment_through_system(),
        M.omega_star_paper(),
        M.zero_profit_paper(),
        MK.stage_payoff_Y(),
        MK.stage_payoff_N_some_Y(),
        MK.stage_payoff_all_N(),
        MK.collusion_gain(),
        MK.expected_payoff_Y(),
        MK.expected_payoff_N(),
        MK.rho(),
        MK.omega_star_k(),
    )
    from . import certificates, formulas, parametrisations

    # ... and of the certifier: a patched guard (a test, a bug being bisected) must not reuse proofs
    engine = (
        certificates.certify,
        certificates._sign_of,
        certificates._of_unknown_sign,
        certificates._is_zero,
        certificates._polynomial,
        parametrisations.Region.apply,
        parametrisations.Region.refine,
        formulas.to_sympy,
        formulas.currency_change,
    )
    return hashlib.sha256((sp.srepr(exprs) + repr([id(f) for f in engine])).encode()).hexdigest()


def _guard(fn: Callable[[], list[Step]], what: str) -> list[Step]:
    try:
        steps = fn()
    except NotApplicable as why:
        return [Step(f"{what} not applicable", "n/a", None, detail=str(why))]
    except Exception as exc:  # a broken model must show as a failed step in the report
        return [Step(f"{what} raised {type(exc).__name__}", "error", False, detail=str(exc))]
    if not steps:
        return [Step(f"{what} produced no step", "error", False)]
    return steps


def _guard_dict(fn: Callable[[], dict[str, str]]) -> dict[str, str]:
    try:
        return fn()
    except Exception as exc:
        return {"error": f"\\text{{{type(exc).__name__}}}"}


def from_certificate(cert: SignCertificate, case: str | None = None) -> Step:
    """A proof step from a sign certificate; ``case`` names the boundary case it belongs to."""
    return Step(
        claim=cert.claim + (f": {cert.note}" if cert.note else ""),
        method=cert.method,
        holds=cert.holds,
        latex=cert.latex(),
        detail="on " + (", ".join(cert.region.assumptions) or "all parameters"),
        certificate=cert,
        hypotheses=cert.region.assumptions,
        case=case,
    )


def certified(
    relation: Relation, region: Region, note: str = "", *, key: str, case: str | None = None
) -> Step:
    """The proof step of :func:`~cluster_games.proofs.certificates.prove` ``(relation, region, key=key, note=note)``.

    ``case`` names the boundary case the step belongs to (see :func:`from_certificate`).
    """
    return from_certificate(prove(relation, region, key=key, note=note), case=case)


def applicable(check: Callable[[CheckPoint], list[Step]], point: CheckPoint, what: str) -> list[Step]:
    """The steps of ``check`` at ``point``, or one not-applicable step (with the reason) if it does not apply.

    For a numeric check made of parts: the boundary checks at fixed exact points always run, the
    part at the user's point only where it applies.
    """
    try:
        return check(point)
    except NotApplicable as why:
        return [Step(f"{what} not applicable", "n/a", None, detail=str(why))]


def free_entry_rate(params: Parameters) -> float:
    """omega* at ``params`` for a numeric check, or :class:`NotApplicable` where none exists.

    Existence is decided here exactly and independently of the numeric kernel
    (:math:`G > 0` and :math:`G^2 - 8\\beta F/n \\ge 0` in rationals); where it exists, the kernel
    must deliver it, and an error from the kernel is a failed check, not a missing rate.
    """
    n, F, alpha, beta, c, c_A = (Fraction(v) for v in params.as_dict().values())
    G = demand_at_cost(alpha, beta, c, c_A)
    if G <= 0 or G * G * n < 8 * beta * F:
        raise NotApplicable(
            "no free-entry rate at these parameters (G <= 0 or n < n_min); the check needs omega*"
        )
    return params.omega_star()


def symbolic_value(expr: sp.Expr, point: CheckPoint, dps: int = 30, **extra: float) -> sp.Float:
    """Evaluate a model expression at the check point exactly (float inputs as rationals, omega* as its
    closed form), to ``dps`` digits."""
    subs = point.exact_subs()
    for name, value in extra.items():
        subs[getattr(M, name)] = sp.Rational(Fraction(value))
    return sp.N(expr.subs(subs), dps)


def exact_values(point: CheckPoint) -> dict:
    r"""Model symbol -> exact value at the check point: Fractions for the inputs and rational rates, and
    the free-entry rate in :math:`\mathbb{Q}(\sqrt{\Delta})` (:class:`~cluster_games.proofs.surds.Surd`)."""
    from .surds import evaluate

    p = point.params
    values = {getattr(M, name): Fraction(value) for name, value in p.as_dict().items()}
    if point.omega_is_free_entry:
        values[M.omega] = evaluate(M.omega_star_rationalised(), values)
    else:
        values[M.omega] = Fraction(point.omega)
    values[M.W] = Fraction(point.W)
    return values


def symbolic_sign(expr: sp.Expr, point: CheckPoint) -> int:
    r"""The exact sign of a model expression at the check point.

    After substitution the value is an algebraic number :math:`p + q\sqrt{d}` with rational
    :math:`p, q, d` (omega* brings the square root); it is evaluated in that field
    (:mod:`cluster_games.proofs.surds`), so an exact zero is recognised as zero and any other value
    has its sign decided, however much the expression cancels. (sympy's ``sign`` of the expanded
    value evaluates it numerically and gave up at extreme magnitudes.)
    """
    from .surds import Surd, evaluate

    value = evaluate(expr, exact_values(point))
    if isinstance(value, Surd):
        return value.sign()
    return (value > 0) - (value < 0)


def within_free_entry_rate(
    claim: str, value: float, params: Parameters, k: int = 2, rtol: float = 1e-12
) -> Step:
    r"""A step: the float ``value`` lies within ``rtol`` (relative) of the exact free-entry rate.

    Decided exactly, not against a rounded reference: the exact :math:`\omega^*(k)` (the lower root,
    :math:`\omega^* c = (K - \sqrt{\Delta})/(2\beta)`) is compared with the two rationals
    :math:`v(1 \mp \text{rtol})` in :math:`\mathbb{Q}(\sqrt{\Delta})`
    (:func:`~cluster_games.kernels.exact.compare_with_omega_star`), so the verdict holds at any
    magnitude (a reference at a fixed number of digits cancels to noise when, say, n = 1e50 and
    F = 1e-50 make :math:`\omega^*` a 1e-200 part of :math:`K`).
    """
    from ..kernels.exact import compare_with_omega_star

    exact = [Fraction(v) for v in params.as_dict().values()]
    v, tol = Fraction(value), Fraction(rtol)
    below = compare_with_omega_star(v - abs(v) * tol, *exact, k)
    above = compare_with_omega_star(v + abs(v) * tol, *exact, k)
    holds = below <= 0 <= above
    # the signs are those of (window end - exact rate): above < 0 puts the rate above the window
    where = "within" if holds else ("above" if above < 0 else "below")
    return Step(
        claim,
        "exact arithmetic",
        holds,
        detail=f"{value:.17g}: the exact rate is {where} {rtol:g} of it (compared in Q(sqrt(Delta)))",
    )


def rel_diff(a: float, b: float) -> float:
    """``abs(a - b) / max(abs(a), abs(b))``, 0 when both are 0."""
    scale = max(abs(float(a)), abs(float(b)))
    return 0.0 if scale == 0 else abs(float(a) - float(b)) / scale


def compare(claim: str, got: float, want: float, rtol: float, method: str = "numeric") -> Step:
    """A numeric step: ``got`` equals ``want`` to relative tolerance ``rtol``."""
    diff = rel_diff(got, want)
    return Step(
        claim, method, diff <= rtol, detail=f"{float(got):.15g} vs {float(want):.15g} (rel. diff {diff:.2g})"
    )
