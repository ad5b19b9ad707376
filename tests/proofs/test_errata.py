"""Errata: each is shown by computation; the numbers are checked against SPEC's own."""

from __future__ import annotations

import json

import sympy as sp

from cluster_games import model as M
from cluster_games.proofs import prove_all
from cluster_games.proofs.errata import currency_change
from cluster_games.proofs.regions import exact_not_implies_sufficient

SPEC_EXAMPLE = {M.n: 10, M.F: 1, M.alpha: 100, M.beta: 1, M.c: 10, M.c_A: 1}


def test_printed_formula_value_matches_spec():
    """SPEC section 2 states pi_YY = 879.7 at the printed formula for this example."""
    value = M.payoff_matrix_A()[0, 0].subs(M.omega, M.omega_star_paper()).subs(SPEC_EXAMPLE)
    assert abs(float(value) - 879.7) < 0.05


def test_printed_formula_rises_with_n_correct_one_falls():
    printed = sp.lambdify(M.n, M.omega_star_paper().subs({k: v for k, v in SPEC_EXAMPLE.items() if k != M.n}))
    correct = sp.lambdify(M.n, M.omega_star_expr().subs({k: v for k, v in SPEC_EXAMPLE.items() if k != M.n}))
    assert printed(100) > printed(10) and correct(100) < correct(10)


def test_currency_change_leaves_rates_invariant():
    from cluster_games import omega_star

    base = omega_star(10, 1, 100, 1, 10, 1)
    assert abs(omega_star(10, 100, 100, 0.01, 1000, 100) / base - 1) < 1e-14  # money in 1/100 units
    lam = sp.Symbol("lambda", positive=True)
    assert sp.simplify(currency_change(M.omega_star_expr(), lam) - M.omega_star_expr()) == 0


def test_witness_where_only_the_exact_condition_holds():
    w = exact_not_implies_sufficient()
    assert (w["W"] - w["omega"]) * w["c"] >= w["omega"] * w["c"] - w["c_A"]


def test_errata_are_refuted_with_computed_steps():
    r = prove_all()
    for eid in ("E1", "E2", "E3"):
        claim = r[eid]
        assert claim.status == "refuted"
        assert any(s.method in ("exact arithmetic", "sign certificate") for s in claim.proof)
    (at_example,) = [s for s in r["E1"].proof if s.method == "exact arithmetic"]
    assert "879.74705" in at_example.detail


def test_errata_read_as_findings_not_double_negatives():
    # issue 19: "E1 refuted: The printed closed form for omega* is wrong" negated a negation
    r = prove_all()
    assert r["E1"].title == "The printed closed form for omega* is the wrong root"
    text, markdown = r.to_text(), r.to_markdown()
    for eid in ("E1", "E2", "E3"):
        claim = r[eid]
        assert claim.status == "refuted" and claim.verdict == "erratum"  # JSON contract kept (SPEC section 3)
        assert f"[ok ] {eid} erratum: {claim.title}\n" in text
        assert f"### {eid}: {claim.title} (erratum)" in markdown
        assert f"| {eid} | erratum | {claim.title} |" in markdown
    assert "refuted" not in text and "refuted" not in markdown.split("\n### ")[0]
    assert {c["id"]: c["status"] for c in json.loads(r.to_json()) if c["kind"] == "erratum"} == dict.fromkeys(
        ("E1", "E2", "E3"), "refuted"
    )
    assert r["P1"].verdict == r["P1"].status == "proved"


def test_an_erratum_that_is_not_established_says_so():
    from cluster_games.proofs.report import ClaimResult, Step

    broken = ClaimResult(
        "E9", "erratum", "A printed formula is wrong", "...", (), (Step("x", "m", False),), ()
    )
    assert (broken.status, broken.verdict) == ("not refuted", "erratum not established")
    assert str(broken).startswith("[FAIL] E9 erratum not established: A printed formula is wrong")
