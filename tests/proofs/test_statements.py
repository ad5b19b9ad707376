"""Statements are assembled from what is certified: the audit of every claim, and what it catches.

A claim's printed formulas are the objects its certificates prove; the audit (a step of every proof)
fails a statement that types a formula into its prose, prints a relation or formula no certificate
states, or names a certificate that is not in its proof. Expected texts are written out by hand.
"""

from __future__ import annotations

import dataclasses

import pytest

from cluster_games.cli import main
from cluster_games.proofs import entry, findings, prove_all
from cluster_games.proofs import formulas as V
from cluster_games.proofs.certificates import prove
from cluster_games.proofs.claims import Claim
from cluster_games.proofs.example import check_point
from cluster_games.proofs.parametrisations import free_entry
from cluster_games.proofs.report import Step
from cluster_games.proofs.statements import Statement, audit, proved_by


@pytest.fixture(scope="module")
def report():
    return prove_all()


def test_every_claim_passes_its_audit(report):
    for claim in report.claims:
        (step,) = [s for s in claim.proof if s.method == "statement audit"]
        assert step.holds is True, (claim.id, step.detail)


def _cert():
    return prove(V.gt(V.D(V.omega_star), 0), free_entry(), key="demand_positive")


def test_the_audit_finds_each_kind_of_problem():
    certs = [_cert()]
    assert audit(Statement("then ", V.gt(V.D(V.omega_star), 0), "."), certs, "T") == []
    assert audit(Statement("on ", V.gt(V.n, V.n_min), ", ", V.D(V.omega_star)), certs, "T") == []
    assert audit(Statement("demand at omega* is at least 0"), certs, "T") == [
        'prose holds a formula: "demand at omega* is at least 0" (0)'
    ]
    assert audit(Statement(V.ge(V.D(V.omega_star), 0)), certs, "T") == [
        "D(omega*) >= 0 is neither proved by a certificate nor a hypothesis of one"
    ]
    assert audit(Statement(V.D(V.W_m)), certs, "T") == ["D(W_m) occurs in no certificate"]
    assert audit(Statement(proved_by(("demand_positive",), ("missing",))), certs, "T") == [
        "T.missing is not a certificate of this proof that holds"
    ]
    assert audit(Statement(proved_by(("demand_positive",), ())), certs, "T") == [
        'an "iff" needs certificates for both directions'
    ]


def test_iff_claims_name_the_certificates_of_each_direction(report):
    """Issue 21: the "iff" claims say which certificates prove which direction."""
    expected = {
        "K4": "(if: K4.solves_zero_profit, K4.double_root_at_rho; only if: K4.no_rate_above_rho)",
        "K5": "(if: K5.strictly_dominant_above_sqrt_rho; only if: K5.weak_at_k_squared_equals_rho, "
        "K5.not_dominant_below_sqrt_rho)",
        "K6": "(if: K6.sustainable_above_threshold, K6.sustainable_at_threshold; only if: "
        "K6.not_sustainable_below_threshold)",
        "R1": "(if: R1.dominant_below_twice_n_min; only if: R1.tie_at_twice_n_min, "
        "R1.not_dominant_above_twice_n_min)",
    }
    for cid, directions in expected.items():
        assert directions in report[cid].statement


def test_statements_print_the_certified_formulas(report):
    """The printed closed forms are the certified ones (written out by hand here), and k is a whole number."""
    r1 = report["R1"].statement
    assert "W_1 = (K - sqrt(G^2 - 16*beta*F/n))/(2*beta*c)" in r1
    assert "W_2 = (K + sqrt(G^2 - 16*beta*F/n))/(2*beta*c)" in r1
    assert "Y strictly dominates N iff n < 2*n_min" in r1
    k5 = report["K5"].statement
    assert "Y strictly dominates N iff k^2 > rho" in k5 and "k^2 >= rho" not in k5
    assert "delta_c = (k*M(omega) - M(W))/((k - 1)*M(omega))" in report["K6"].statement
    assert "omega*(k) = (K - sqrt(G^2 - 4*k*beta*F/n))/(2*beta*c)" in report["K4"].statement
    for cid in ("K1", "K2", "K3", "K4", "K5", "K6", "K7"):
        assert "k integer" in report[cid].assumptions and "k >= 2" in report[cid].assumptions
    # K7's value at k = rho is stated on a region that contains k = rho
    assert report["K7"].cases["k = rho"] == ("G > 0", "k = rho", "F > 0", "k >= 2", "k integer")


def _with_statement(claim: Claim, statement) -> Claim:
    return dataclasses.replace(claim, statement=statement)


def _replace_part(statement: Statement, old, new) -> Statement:
    parts = list(statement.parts)
    assert parts.count(old) >= 1, old
    return Statement(*(new if p == old else p for p in parts))


@pytest.mark.parametrize(
    "bug",
    [
        # issue 21's K5 bug: "iff k^2 >= rho", as a relation and as typed text
        ("K5", V.gt(V.k**2, V.rho), V.ge(V.k**2, V.rho)),
        ("K5", V.gt(V.k**2, V.rho), "k^2 >= rho"),
        # issue 21's R1 bug: the printed W_1 with 8 beta F/n instead of 16 beta F/n
        (
            "R1",
            V.eq(V.W_1, findings.W_1_CLOSED),
            V.eq(V.W_1, (V.K - V.sqrt(V.G**2 - 8 * V.beta * V.F / V.n)) / (2 * V.beta * V.c)),
        ),
        ("R1", V.eq(V.W_1, findings.W_1_CLOSED), "W_1 = (K - sqrt(G^2 - 8 beta F/n))/(2 beta c)"),
        # a strict comparison made non-strict elsewhere
        ("R1", V.lt(V.n, 2 * V.n_min), V.le(V.n, 2 * V.n_min)),
        ("K4", V.gt(V.k, V.rho), V.ge(V.k, V.rho)),
    ],
    ids=["K5 >=", "K5 typed", "R1 8 beta F", "R1 typed", "R1 <=", "K4 >="],
)
def test_a_changed_statement_fails_its_audit(bug):
    cid, old, new = bug
    claim = {"K5": entry.K5, "R1": findings.R1, "K4": entry.K4}[cid]
    changed = _with_statement(claim, _replace_part(claim.statement, old, new))
    result = changed.run(check_point())
    (step,) = [s for s in result.proof if s.method == "statement audit"]
    assert step.holds is False and not result.holds
    assert claim.run(check_point()).holds  # the unchanged claim holds


def test_a_changed_statement_makes_prove_exit_1(monkeypatch, capsys):
    changed = _replace_part(entry.K5.statement, V.gt(V.k**2, V.rho), V.ge(V.k**2, V.rho))
    monkeypatch.setattr(
        "cluster_games.proofs.registry.ENTRY_CLAIMS", (entry.K4, _with_statement(entry.K5, changed))
    )
    assert main(["prove"]) == 1
    out = capsys.readouterr().out
    assert (
        "[FAIL] K5" in out and "k^2 >= rho is neither proved by a certificate nor a hypothesis of one" in out
    )


def test_a_title_or_a_note_with_a_formula_fails_the_audit():
    claim = Claim(
        id="T",
        kind="finding",
        title="Y dominates iff k^2 > rho",
        statement=Statement("prose only"),
        hypotheses=lambda: free_entry().hypotheses,
        proof=lambda: [Step("x", "y", True, certificate=dataclasses.replace(_cert(), note="where G > 0"))],
        check=lambda pt: [Step("nothing", "n/a", None)],
    )
    (step,) = [s for s in claim.run(check_point()).proof if s.method == "statement audit"]
    assert step.holds is False
    assert step.detail == (
        'the title holds a formula: "Y dominates iff k^2 > rho" (^, 2, >); '
        'a note holds a formula: "where G > 0" (>, 0)'
    )
