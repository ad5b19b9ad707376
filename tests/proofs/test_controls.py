"""Negative controls: planted false claims are rejected by ``prove``, and C1 notices a certifier bug."""

from __future__ import annotations

import pytest
import sympy as sp

from cluster_games import model as M
from cluster_games.cli import main
from cluster_games.proofs import certificates as C
from cluster_games.proofs import parametrisations as P
from cluster_games.proofs import prove_all, registry
from cluster_games.proofs.claims import Claim, from_certificate
from cluster_games.proofs.controls import planted
from cluster_games.proofs.report import Step

GUARDS = [guard for guard, _, _ in planted()]


@pytest.mark.parametrize("guard", GUARDS)
def test_each_planted_statement_is_refused_for_its_own_reason(guard):
    ((_, cert, reason),) = [x for x in planted() if x[0] == guard]
    assert not cert.holds and reason in cert.method


def _planted_claim(expr, sign, region, hypotheses=None) -> Claim:
    def proof():
        return [from_certificate(C.certify(expr, sign, region, "planted false statement", key="planted"))]

    return Claim(
        id="X9",
        kind="finding",
        title="planted",
        statement="planted",
        hypotheses=(lambda: region.hypotheses) if hypotheses is None else hypotheses,
        proof=proof,
        check=lambda pt: [Step("nothing to check", "n/a", None)],
    )


PLANTED = {
    "strictness": (M.c_A, "positive", P.feasible_trade()),
    "unknown sign": (M.x + M.c, "positive", P.everywhere()),
    "vanishing denominator": (1 / M.c_A, "positive", P.feasible_trade()),
    "non-polynomial": (sp.sqrt(M.discriminant()) - M.G, "positive", P.feasible_trade()),
    "identity": (M.zero_profit_paper() - M.payoff_matrix_A()[0, 0], "zero", P.everywhere()),
}


@pytest.mark.parametrize("kind", sorted(PLANTED))
def test_a_planted_false_claim_makes_prove_exit_1(kind, monkeypatch, capsys):
    claim = _planted_claim(*PLANTED[kind])
    real = registry.all_claims
    monkeypatch.setattr(registry, "all_claims", lambda: (*real(), claim))
    assert main(["prove", "--json"]) == 1
    out = capsys.readouterr().out
    assert '"id": "X9"' in out and '"status": "failed"' in out
    report = prove_all()
    assert not report["X9"].holds and all(report[c].holds for c in ("P1", "P2", "C1"))


def test_a_statement_dropping_a_hypothesis_makes_prove_exit_1(monkeypatch, capsys):
    """True on free entry, but stated under G > 0 alone: the statement-against-proof step fails."""
    lower = M.omega_star_roots()[0]
    claim = _planted_claim(
        M.demand(lower),
        "positive",
        P.free_entry(),
        hypotheses=lambda: (sp.StrictGreaterThan(M.G, 0, evaluate=False),),
    )
    real = registry.all_claims
    monkeypatch.setattr(registry, "all_claims", lambda: (*real(), claim))
    assert main(["prove"]) == 1
    out = capsys.readouterr().out
    assert "the proof assumes n > n_min, F > 0, which the statement does not" in out


@pytest.mark.parametrize(
    ("target", "broken"),
    [
        ("_sign_of", lambda poly: (1, True, "bug: every polynomial is positive")),
        ("_of_unknown_sign", lambda gens: []),
        ("_is_zero", lambda poly: True),
    ],
    ids=["coefficient signs", "unknown sign", "identity"],
)
def test_c1_catches_a_certifier_whose_guard_is_broken(target, broken, monkeypatch, capsys):
    """A bug in the certifier (a guard removed) shows as C1 failing, so prove exits 1."""
    monkeypatch.setattr(C, target, broken)
    report = prove_all()
    assert not report["C1"].holds
    assert main(["prove"]) == 1
    capsys.readouterr()


def test_c1_catches_regions_that_do_not_refuse_a_clash(monkeypatch, capsys):
    monkeypatch.setattr(
        P.Region, "apply", lambda self, expr: sp.sympify(expr).xreplace(dict(self.substitution))
    )
    assert not prove_all()["C1"].holds
    assert main(["prove"]) == 1
    capsys.readouterr()
