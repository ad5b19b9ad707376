"""Monte-Carlo checks: reproducibility, feasibility by construction, counterexamples of the printed formula."""

from __future__ import annotations

import json

import numpy as np
import pytest

import cluster_games as cg
from cluster_games.scale import boxes as B
from cluster_games.scale import montecarlo as MC

BOX = {"n": (1.0, 1e9), "F": (0.0, 100.0), "c_A": (0.0, 5.0), "W_rel": (1e-9, 100.0)}


@pytest.fixture(scope="module")
def reference():
    return MC.check(BOX, draws=3 * MC.BLOCK + 123, seed=11, chunk_size=MC.BLOCK)


def test_corrected_model_has_no_counterexample(reference):
    assert reference.all_hold
    assert [t.id for t in reference.tallies] == [
        "P1",
        "P2",
        "P3",
        "P4",
        "P5",
        "K1",
        "K2",
        "K4",
        "K5",
        "K6",
        "K7",
    ]
    draws = 3 * MC.BLOCK + 123
    assert reference["P2"].hypotheses == draws  # F > 0 almost surely
    assert 0 < reference["P1"].hypotheses < draws  # the paper's condition holds on part of the box
    for t in reference.tallies:
        assert t.conclusion == t.hypotheses and t.examples == ()


@pytest.mark.parametrize("chunk", [1, 2 * MC.BLOCK, 10 * MC.BLOCK])
def test_chunk_size_does_not_change_results(reference, chunk):
    other = MC.check(BOX, draws=3 * MC.BLOCK + 123, seed=11, chunk_size=chunk)
    assert other == reference
    assert other.to_dict()["propositions"] == reference.to_dict()["propositions"]


def test_different_seed_different_draws(reference):
    other = MC.check(BOX, draws=3 * MC.BLOCK + 123, seed=12)
    assert other["P1"].hypotheses != reference["P1"].hypotheses


def test_prefix_property_blocks_are_counter_based():
    a = B.draw_block(5, 3, 100, B.normalise_box(BOX))
    b = B.draw_block(5, 3, 100, B.normalise_box(BOX))
    assert all(np.array_equal(a[k], b[k]) for k in a)


def test_draws_are_feasible_by_construction_even_in_a_mostly_infeasible_box():
    box = B.normalise_box({"alpha": (1.0, 12.0), "beta": (0.5, 1.0), "c": (5.0, 10.0), "n": (1.0, 10.0)})
    d = B.draw_block(0, 0, 5000, box)
    G = d["alpha"] - d["beta"] * (d["c"] + d["c_A"])
    assert (G > 0).all()
    for k in ("alpha", "beta", "c", "n"):
        assert (d[k] >= box[k][0]).all() and (d[k] <= box[k][1]).all()
    w = cg.omega_star(d["n"], d["F"], d["alpha"], d["beta"], d["c"], d["c_A"], on_infeasible="nan")
    assert not np.isnan(w).any()


def test_infeasible_box_is_reported():
    with pytest.raises(cg.InvalidParameterError, match="feasible"):
        MC.check({"alpha": (1.0, 2.0), "beta": (1.0, 2.0), "c": (5.0, 6.0)}, draws=10)


def test_paper_formula_is_refuted():
    r = MC.check({}, draws=5000, seed=3, formula="paper", max_examples=5)
    assert not r.all_hold
    assert r["P2"].counterexamples > 0 and r["P3"].counterexamples > 0
    reasons = {ex["failed"] for ex in r["P2"].examples}
    assert "omega* does not zero pi_YY" in reasons
    assert {ex["failed"] for ex in r["P3"].examples} == {"omega* does not fall with n"}
    assert len(r["P2"].examples) == 5 and r["P2"].counterexamples > 5
    assert "FAILS" in r.to_text() and "counterexample" in r.to_text()


def test_reports(reference):
    data = json.loads(reference.to_json())
    assert data["all_hold"] is True and data["draws"] == 3 * MC.BLOCK + 123
    assert {p["id"] for p in data["propositions"]} == {
        "P1",
        "P2",
        "P3",
        "P4",
        "P5",
        "K1",
        "K2",
        "K4",
        "K5",
        "K6",
        "K7",
    }
    assert "| P1 |" in reference.to_markdown() and reference._repr_markdown_() == reference.to_markdown()
    assert str(reference).startswith("Monte-Carlo check")


@pytest.mark.parametrize(
    ("kw", "error", "match"),
    [
        ({"box": {"q": (1, 2)}}, cg.InvalidParameterError, "not a box coordinate"),
        ({"box": {"n": (2, 1)}}, cg.InvalidParameterError, "lo <= hi"),
        ({"box": {"n": (0, 1)}}, cg.InvalidParameterError, "domain"),
        ({"box": {"n": (1e-60, 1)}}, cg.InvalidParameterError, "supported range"),
        ({"box": {"n": "x"}}, cg.InvalidParameterError, "two numbers"),
        ({"box": {}, "draws": 0}, cg.InvalidParameterError, "draws"),
        ({"box": {}, "seed": -1}, cg.InvalidParameterError, "seed"),
        ({"box": {}, "backend": "x"}, ValueError, "backend"),
        ({"box": {}, "formula": "x"}, ValueError, "formula"),
    ],
)
def test_bad_arguments(kw, error, match):
    box = kw.pop("box")
    with pytest.raises(error, match=match):
        MC.check(box, **{"draws": 10, **kw})


def test_a_proposition_no_draw_tested_is_untested_not_holding():
    # F = 0 everywhere: P1-P4 assume m(omega*) > 0, i.e. F > 0; only P5 (c_A > 0) is tested.
    r = MC.check({"F": (0.0, 0.0)}, draws=3000, seed=2)
    # (K1, K2 compare margins of M(omega) = 0 with a tie tolerance; K4-K7 need F > 0: all untested)
    assert [t.verdict for t in r.tallies] == ["untested"] * 4 + ["holds"] + ["untested"] * 6
    untested = ["P1", "P2", "P3", "P4", "K1", "K2", "K4", "K5", "K6", "K7"]
    assert list(r.untested) == untested and not r.all_hold
    assert "untested" in r.to_text() and json.loads(r.to_json())["untested"] == untested


def test_box_bounds_outside_the_supported_range_are_refused():
    with pytest.raises(cg.InvalidParameterError, match=r"'F'.*supported range"):
        MC.check({"F": (0.0, 1e60)}, draws=10)


def test_blocks_are_generated_lazily():
    groups = MC._groups(10**12, 4)  # a generator: nothing is materialised for 10**12 draws
    first = next(groups)
    assert first == [(0, MC.BLOCK), (1, MC.BLOCK), (2, MC.BLOCK), (3, MC.BLOCK)]
    last = list(MC._groups(3 * MC.BLOCK + 5, 2))[-1]
    assert last == [(2, MC.BLOCK), (3, 5)]


def test_progress_bar_only_when_asked_or_on_a_terminal(capsys):
    from cluster_games.scale.progress import Progress

    with Progress(100, "draw") as bar:  # stderr is not a terminal under pytest
        bar.update(100)
    assert capsys.readouterr().err == ""
    with Progress(100, "draw", enabled=True) as bar:
        bar.update(50)
        bar.update(50)
    assert "100/100" in capsys.readouterr().err


def test_a_wrong_k_company_rate_is_caught_by_k4(monkeypatch):
    """Negative control: if the kernel ignored k (omega*(2) for every k), K4 must find counterexamples."""
    import cluster_games.scale.block_checks_k as BK

    real = BK.FE.omega_star
    monkeypatch.setattr(BK.FE, "omega_star", lambda *a, k=2, **kw: real(*a, k=2, **kw))
    r = MC.check({"k": (3, 12)}, draws=2000, seed=4)
    assert r["K4"].counterexamples > 0 and not r.all_hold
