r"""A claim's statement, assembled from the objects its certificates prove.

A :class:`Statement` is a sequence of parts: prose (which may name quantities, ``omega*`` or
``W_m``, but holds no formula: no relation, operator or number, see
:func:`~cluster_games.verify.formulas.prose_problems`), formulas and relations
(:class:`~cluster_games.verify.formulas.Formula`, :class:`~cluster_games.verify.formulas.Relation`)
printed from the very objects the certificates are built from, and :func:`proved_by` parts that
name the certificates behind each direction of an "iff". :func:`audit` checks a statement against
the certificates of its proof: every formula part must occur in a certificate's statement (or be
one of its hypotheses), every relation part must be a certificate's statement or hypothesis, and
every certificate named must be in the proof and hold. :meth:`Claim.run
<cluster_games.proofs.claims.Claim.run>` reports the audit as a step of every claim, so a formula
typed into a statement, or a relation that no certificate proves, fails ``prove``.

>>> from cluster_games.proofs import formulas as V
>>> st = Statement("Y strictly dominates N iff ", V.gt(V.k**2, V.rho), " ", proved_by(("a",), ("b", "c")))
>>> st.text("K5")
'Y strictly dominates N iff k^2 > rho (if: K5.a; only if: K5.b, K5.c)'
>>> audit(Statement("iff k^2 >= rho"), (), "K5")
['prose holds a formula: "iff k^2 >= rho" (^, 2, >, =)']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from ..verify.formulas import Formula, Relation, prose_problems

__all__ = ["Statement", "ProvedBy", "proved_by", "audit", "prose_audit"]

#: Names of the model's quantities that prose may mention (they hold no formula).
_NAMES = re.compile(r"\b(omega\*|pi'|I')")


@dataclass(frozen=True)
class ProvedBy:
    """Which certificates (keys of the claim) prove each direction of an "iff"."""

    if_: tuple[str, ...]
    only_if: tuple[str, ...]

    def text(self, claim_id: str) -> str:
        def ids(keys):
            return ", ".join(f"{claim_id}.{k}" for k in keys)

        return f"(if: {ids(self.if_)}; only if: {ids(self.only_if)})"


def proved_by(if_: tuple[str, ...], only_if: tuple[str, ...]) -> ProvedBy:
    """The certificates proving the "if" and the "only if" directions of an "iff"."""
    return ProvedBy(tuple(if_), tuple(only_if))


Part = str | Formula | Relation | ProvedBy


class Statement:
    """Prose, formulas, relations and "proved by" parts, printed in order."""

    __slots__ = ("parts",)

    def __init__(self, *parts: Part) -> None:
        for p in parts:
            if not isinstance(p, (str, Formula, Relation, ProvedBy)):
                raise TypeError(f"not a part of a statement: {p!r}")
        self.parts = parts

    def text(self, claim_id: str) -> str:
        out = []
        for p in self.parts:
            out.append(p if isinstance(p, str) else p.text(claim_id) if isinstance(p, ProvedBy) else p.text())
        return "".join(out)

    def __add__(self, other: Statement) -> Statement:
        return Statement(*self.parts, *other.parts)


def prose_audit(text: str, where: str) -> list[str]:
    """Problems of a piece of prose (a formula in it), named by ``where``."""
    found = prose_problems(_NAMES.sub("", text))
    return [f'{where} holds a formula: "{text.strip()}" ({", ".join(found)})'] if found else []


def audit(statement: Statement | str, certificates: Iterable, claim_id: str) -> list[str]:
    """What is wrong with ``statement`` against the (sign) ``certificates`` of its proof; empty if nothing.

    A formula part must be a subtree of a certificate's relation or of one of its region's
    conditions; a relation part must be a certificate's relation or a condition of its region;
    a "proved by" part may name only certificates of the proof that hold. Prose holds no formula.
    """
    certs = [c for c in certificates if c is not None]
    if isinstance(statement, str):
        statement = Statement(statement)
    relations: set[Relation] = set()
    trees: set = set()
    for c in certs:
        rels = ([c.relation] if c.relation is not None else []) + list(c.region.conditions)
        relations.update(rels)
        for r in rels:
            for f in r.formulas():
                trees.update(f.subtrees())
    held = {c.key for c in certs if c.holds}
    problems = []
    for p in statement.parts:
        if isinstance(p, str):
            problems += prose_audit(p, "prose")
        elif isinstance(p, Relation) and p not in relations:
            problems.append(f"{p.text()} is neither proved by a certificate nor a hypothesis of one")
        elif isinstance(p, Formula) and p.tree not in trees:
            problems.append(f"{p.text()} occurs in no certificate")
        elif isinstance(p, ProvedBy):
            for key in (*p.if_, *p.only_if):
                if key not in held:
                    problems.append(f"{claim_id}.{key} is not a certificate of this proof that holds")
            if not p.if_ or not p.only_if:
                problems.append('an "iff" needs certificates for both directions')
    return problems
