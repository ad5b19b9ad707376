"""Propositions, findings and errata: the proofs hold, and break when the model breaks."""

from __future__ import annotations

import json

import pytest
import sympy as sp

from cluster_games import Parameters, Rates
from cluster_games import model as M
from cluster_games.cli import main
from cluster_games.proofs.example import EXAMPLE, check_point
from cluster_games.proofs.findings import symmetric_2x2_equilibria
from cluster_games.proofs.registry import prove_all


@pytest.fixture(scope="module")
def report():
    return prove_all()


def test_every_claim_holds_at_the_example(report):
    assert report.all_hold
    assert [c.id for c in report.claims] == [
        *("P1", "P2", "P3", "P4", "P5", "E1", "E2", "E3", "R1", "R2"),
        *("K1", "K2", "K3", "K4", "K5", "K6", "K7"),
        "C1",
    ]
    assert {c.kind for c in report.claims if c.id.startswith("K")} == {"extension"}
    assert {c.status for c in report.claims if c.kind == "proposition"} == {"proved"}
    assert {c.status for c in report.claims if c.kind == "erratum"} == {"refuted"}
    for claim in report.claims:
        assert claim.proof and claim.numeric, claim.id
        checks = (
            claim.proof if claim.kind == "control" else claim.proof + claim.numeric
        )  # C1: nothing numeric
        assert all(step.holds is True for step in checks), claim.id


def test_proofs_use_certificates_not_assertions(report):
    methods = {s.method for c in report.claims for s in c.proof}
    assert "sign certificate" in methods and "rational identity after substitution" in methods
    p2 = report["P2"]
    assert any("lower root" in s.claim and s.method.startswith("rational identity") for s in p2.proof)


@pytest.mark.parametrize(
    "params",
    [
        Parameters(n=1e6, F=5, alpha=50, beta=2, c=3, c_A=0.5),
        Parameters(n=1e14, F=5, alpha=50, beta=2, c=3, c_A=0),
        Parameters(n=3, F=0.2, alpha=20, beta=0.5, c=4, c_A=3),
    ],
)
def test_claims_hold_at_other_parameters(params):
    r = prove_all(params)
    assert r.all_hold, [str(c) for c in r.claims if not c.holds]


def test_check_point_default_W_is_inside_the_paper_region():
    pt = check_point(EXAMPLE)
    assert pt.omega == EXAMPLE.omega_star()
    assert 0 < (pt.W - pt.omega) * EXAMPLE.c < pt.omega * EXAMPLE.c - EXAMPLE.c_A
    assert check_point(EXAMPLE, Rates(W=0.5)).W == 0.5


# ----------------------------------------------------------------------------- perturbations
def _broken(report, ids):
    return {c.id for c in report.claims if not c.holds} >= set(ids)


def test_perturbed_payoff_breaks_the_free_entry_proof(monkeypatch):
    """pi_YY with n/3 instead of n/2: omega* no longer zeroes it, P2 must fail."""
    original = M.payoff_matrix_A

    def perturbed(omega_=M.omega, W_=M.W):
        A = original(omega_, W_)
        A[0, 0] = M.n * M.category_profit(omega_) / 3 - M.F
        return A

    monkeypatch.setattr(M, "payoff_matrix_A", perturbed)
    report = prove_all()
    assert not report.all_hold
    assert _broken(report, ["P2"])
    assert report["P5"].holds  # untouched by the change


def test_paper_demand_garble_breaks_the_proofs(monkeypatch):
    """D(r) = alpha - beta (1 - r) c (the sign garbled as in the printed equation)."""
    monkeypatch.setattr(M, "demand", lambda rate: M.alpha - M.beta * (1 - rate) * M.c)
    report = prove_all()
    assert _broken(report, ["P1", "P2"])


def test_wrong_numeric_kernel_is_caught(monkeypatch):
    """If omega_star returned the paper's printed formula, P2's numeric check must fail."""
    import cluster_games.kernels.free_entry as fe

    f = sp.lambdify(M.PARAMETERS, M.omega_star_paper())
    monkeypatch.setattr(
        fe, "omega_star", lambda n, F, alpha, beta, c, c_A, **kw: float(f(n, F, alpha, beta, c, c_A))
    )
    report = prove_all()
    assert not report["P2"].holds


def test_cli_prove_exit_code_follows_the_proofs(monkeypatch, capsys):
    assert main(["prove"]) == 0
    capsys.readouterr()
    monkeypatch.setattr(M, "demand", lambda rate: M.alpha - M.beta * (1 - rate) * M.c)
    assert main(["prove", "--json"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert any(item["status"] == "failed" for item in data)


# ----------------------------------------------------------------------------- helpers
def test_symmetric_2x2_solver_on_known_games():
    a = sp.Symbol("a", positive=True)
    assert symmetric_2x2_equilibria(a, a) == {(1, 1)}
    assert symmetric_2x2_equilibria(-a, -a) == {(0, 0)}
    assert symmetric_2x2_equilibria(a, -2 * a) == {(1, 1), (sp.Rational(2, 3), sp.Rational(2, 3)), (0, 0)}
    assert symmetric_2x2_equilibria(-a, a) == {(1, 0), (sp.Rational(1, 2), sp.Rational(1, 2)), (0, 1)}
    assert symmetric_2x2_equilibria(sp.Integer(0), sp.Integer(0)) is None


def test_report_renders(report):
    text = report.to_text()
    assert "18/18 claims hold" in text
    md = report.to_markdown()
    assert md.startswith("# cluster_games proof report") and r"$\alpha = 100$" in md
    data = json.loads(report.to_json())
    assert {"id", "status", "method", "statement", "proof", "numeric"} <= set(data[0])
    assert report["E1"]._repr_markdown_().startswith("### E1")
    with pytest.raises(KeyError):
        report["P9"]


@pytest.mark.parametrize(
    ("argv", "cases"),
    [
        (["--F", "0"], {"P2": "F = 0", "P3": "F = 0"}),
        (["--n", "0.5", "--alpha", "6", "--c", "1", "--c-A", "1"], {"P2": "n = n_min", "P3": "n = n_min"}),
        (["--n", "1", "--alpha", "6", "--c", "1", "--c-A", "1"], {"R1": "n = 2 n_min"}),
    ],
    ids=["F=0", "n=n_min", "n=2n_min"],
)
def test_prove_passes_at_the_boundaries_and_certifies_them(argv, cases):
    """At F = 0, n = n_min (the double root) and n = 2 n_min (R1's tie): exit 0, boundary steps certified."""
    from support import run_cli

    base = {"--n": "10", "--F": "1", "--alpha": "100", "--beta": "1", "--c": "10", "--c-A": "1"}
    given = dict(zip(argv[::2], argv[1::2], strict=True))
    code, out, err = run_cli(["prove", *(x for k, v in {**base, **given}.items() for x in (k, v)), "--json"])
    assert code == 0 and err == ""
    claims = {c["id"]: c for c in json.loads(out)}
    for claim_id, case in cases.items():
        steps = [s for s in claims[claim_id]["proof"] if s.get("case") == case]
        assert steps and all(s["holds"] is True and "certificate" in s for s in steps), (claim_id, case)
        assert case in claims[claim_id]["cases"]
