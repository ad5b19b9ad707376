"""Result objects of the proof run: steps, claims and the whole report.

They are frozen dataclasses that print as text, render as Markdown (with
LaTeX) in Jupyter, and serialise to JSON for the CLI and CI.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any, Literal

from ..units import Units

__all__ = ["Step", "ClaimResult", "ProofReport", "ClaimKind", "Status"]

_TEX = {"alpha": r"\alpha", "beta": r"\beta", "omega": r"\omega"}

ClaimKind = Literal["proposition", "erratum", "finding", "extension", "control"]
#: "proved" (a proposition or finding holds), "refuted" (an erratum: the paper's
#: printed claim is shown false), "failed" / "not refuted" when the check broke.
Status = Literal["proved", "refuted", "failed", "not refuted"]


@dataclass(frozen=True)
class Step:
    """One checked step of a proof or of a numeric check.

    Attributes
    ----------
    claim : str
        What the step establishes, in plain English.
    method : str
        How: "sign certificate", "rational identity", "limit", "exact arithmetic", "nashpy", ...
    holds : bool or None
        Whether the step went through; ``None`` for a numeric check that does not apply
        at the check point (``detail`` says why).
    latex : str
        The key expression, in LaTeX (may be empty).
    detail : str
        Plain-text detail (slack form, numbers).
    certificate : SignCertificate, optional
        The sign certificate behind the step (exported by ``prove --certificates``).
    hypotheses : tuple of str
        The hypotheses of the region the step was proved on, rendered from its relationals.
    case : str, optional
        The boundary case the step belongs to (``None``: the claim's main case).
    """

    claim: str
    method: str
    holds: bool | None
    latex: str = ""
    detail: str = ""
    certificate: Any = field(default=None, compare=False, repr=False)
    hypotheses: tuple[str, ...] = ()
    case: str | None = None

    def __post_init__(self) -> None:
        # sympy relationals give BooleanTrue/BooleanFalse; keep plain bools (JSON, `is True` tests).
        if self.holds is not None:
            object.__setattr__(self, "holds", bool(self.holds))

    @property
    def status(self) -> str:
        """``"holds"``, ``"fails"`` or ``"not applicable"``."""
        return {True: "holds", False: "fails", None: "not applicable"}[self.holds]

    @property
    def mark(self) -> str:
        return {True: "+", False: "x", None: "-"}[self.holds]

    def to_dict(self) -> dict[str, Any]:
        out = {
            "claim": self.claim,
            "method": self.method,
            "holds": self.holds,
            "status": self.status,
            "latex": self.latex,
            "detail": self.detail,
        }
        if self.certificate is not None:
            out["certificate"] = self.certificate.key
            out["hypotheses"] = list(self.hypotheses)
        if self.case is not None:
            out["case"] = self.case
        return out


@dataclass(frozen=True)
class ClaimResult:
    """A proposition, erratum or finding after its proof and numeric check ran."""

    id: str
    kind: ClaimKind
    title: str
    statement: str
    assumptions: tuple[str, ...]
    proof: tuple[Step, ...]
    numeric: tuple[Step, ...]
    key_expressions: dict[str, str] = field(default_factory=dict)
    #: Boundary cases proved besides the main one: case -> its hypotheses (rendered).
    cases: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def holds(self) -> bool:
        """Every proof step went through, and every numeric check that applies at the point."""
        return all(s.holds is True for s in self.proof) and all(s.holds is not False for s in self.numeric)

    @property
    def not_applicable(self) -> tuple[Step, ...]:
        """The numeric checks that did not apply at the check point."""
        return tuple(s for s in self.numeric if s.holds is None)

    @property
    def status(self) -> Status:
        if self.kind == "erratum":
            return "refuted" if self.holds else "not refuted"
        return "proved" if self.holds else "failed"

    @property
    def verdict(self) -> str:
        """How the report names the outcome: the :attr:`status`, except for an erratum, whose title is
        a finding about the paper ("E1: the printed closed form ... is the wrong root"): ``"erratum"``
        when established, ``"erratum not established"`` when not (the JSON ``status`` stays
        ``"refuted"`` / ``"not refuted"``: the paper's printed claim is what is refuted)."""
        if self.kind == "erratum":
            return "erratum" if self.holds else "erratum not established"
        return self.status

    @property
    def method(self) -> str:
        methods = dict.fromkeys(s.method for s in self.proof + self.numeric)
        return ", ".join(methods)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "title": self.title,
            "status": self.status,
            "method": self.method,
            "statement": self.statement,
            "assumptions": list(self.assumptions),
            "cases": {k: list(v) for k, v in self.cases.items()},
            "key_expressions": self.key_expressions,
            "proof": [s.to_dict() for s in self.proof],
            "numeric": [s.to_dict() for s in self.numeric],
        }

    def __str__(self) -> str:
        mark = "ok " if self.holds else "FAIL"
        beyond = " (beyond the paper)" if self.kind == "extension" else ""
        lines = [f"[{mark}] {self.id} {self.verdict}{beyond}: {self.title}", f"      {self.statement}"]
        if self.assumptions:
            lines.append("      assuming " + ", ".join(self.assumptions))
        for case, hyps in self.cases.items():
            lines.append(f"      and in the case {case}: " + ", ".join(hyps))
        for s in self.proof + self.numeric:
            where = f" [case {s.case}]" if s.case else ""
            lines.append(
                f"      {s.mark} {s.claim}{where} [{s.method}]" + (f": {s.detail}" if s.detail else "")
            )
        return "\n".join(lines)

    def _repr_markdown_(self) -> str:
        out = [f"### {self.id}: {self.title} ({self.verdict})", "", self.statement, ""]
        if self.assumptions:
            out += [
                "*Assumptions (from the regions of its certificates):* " + "; ".join(self.assumptions),
                "",
            ]
        for case, hyps in self.cases.items():
            out += [f"*Case {case}:* " + "; ".join(hyps), ""]
        for name, tex in self.key_expressions.items():
            out.append(f"- {name}: ${tex}$")
        out.append("")
        out.append("| step | method | holds | detail |")
        out.append("|---|---|---|---|")
        for s in self.proof + self.numeric:
            expr = f"${s.latex}$" if s.latex else ""
            detail = " ".join(x for x in (expr, s.detail.replace("|", "\\|")) if x)
            verdict = {True: "yes", False: "**no**", None: "n/a"}[s.holds]
            out.append(f"| {s.claim} | {s.method} | {verdict} | {detail} |")
        return "\n".join(out)


@dataclass(frozen=True)
class ProofReport:
    """All claims checked by :func:`cluster_games.proofs.registry.prove_all`."""

    claims: tuple[ClaimResult, ...]
    parameters: dict[str, float]
    rates: dict[str, float]
    seconds: float
    #: Units the header states the parameters in (a scenario's); none declared by default.
    units: Units = field(default=Units(), compare=False)

    @property
    def all_hold(self) -> bool:
        return all(c.holds for c in self.claims)

    def __getitem__(self, claim_id: str) -> ClaimResult:
        for c in self.claims:
            if c.id == claim_id:
                return c
        raise KeyError(claim_id)

    def to_json(self) -> str:
        """A JSON list of claim objects (``id``, ``status``, ``method``, ...), as the CLI prints."""
        return json.dumps([c.to_dict() for c in self.claims], indent=2)

    def to_text(self) -> str:
        at = ", ".join(f"{k}={v:.6g}" for k, v in {**self.parameters, **self.rates}.items())
        if self.units.declared:
            rates = "".join(f", {k} = {v:.6g}" for k, v in self.rates.items())
            at = self.units.parameters({k: float(f"{v:.6g}") for k, v in self.parameters.items()}) + rates
        head = ["cluster_games proof run", "numeric checks at " + at, ""]
        summary = (
            f"\n{sum(c.holds for c in self.claims)}/{len(self.claims)} claims hold ({self.seconds:.2f} s)"
        )
        return "\n".join(head + [str(c) for c in self.claims]) + summary

    def to_markdown(self) -> str:
        rows = ["| id | verdict | title | method |", "|---|---|---|---|"]
        rows += [f"| {c.id} | {c.verdict} | {c.title} | {c.method} |" for c in self.claims]
        u = self.units
        params = ", ".join(
            f"${_TEX.get(k, k)} = {v:.6g}$" + (f" {u.of(k)}" if u.declared and u.of(k) else "")
            for k, v in {**self.parameters, **self.rates}.items()
        )
        parts = ["# cluster_games proof report", "", f"Numeric checks at {params}.", "", *rows, ""]
        parts += [c._repr_markdown_() + "\n" for c in self.claims]
        return "\n".join(parts)

    def _repr_markdown_(self) -> str:
        return self.to_markdown()

    def __str__(self) -> str:
        return self.to_text()
