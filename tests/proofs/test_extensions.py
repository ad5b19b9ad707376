"""The claims beyond the paper (K1-K7, SPEC section 4): they hold, and they break when the model does."""

from __future__ import annotations

import json
from fractions import Fraction

import pytest

from cluster_games import Parameters
from cluster_games import model as M
from cluster_games import model_k as MK
from cluster_games.cli import main
from cluster_games.companies import CompanyGame
from cluster_games.proofs import prove_all

K_IDS = ("K1", "K2", "K3", "K4", "K5", "K6", "K7")


def _statuses(report) -> dict[str, str]:
    return {c.id: c.status for c in report.claims}


def test_every_extension_is_proved_and_labelled_beyond_the_paper():
    report = prove_all()
    status = _statuses(report)
    assert all(status[k] == "proved" for k in K_IDS)
    for c in report.claims:
        if c.id.startswith("K"):
            assert c.kind == "extension" and c.statement.startswith("Beyond the paper")
            assert "(beyond the paper)" in str(c)
            assert any(
                step.method in ("sign certificate", "rational identity after substitution")
                for step in c.proof
            )


@pytest.mark.parametrize(
    "params",
    [
        Parameters(200, 6e7, 5e6, 1.6e5, 20, 0.6),  # Chenghai: rho = 15.2, k^2 > rho from k = 4
        Parameters(1, 1, 10, 1, 1, 0.1),  # rho ~ 19.8: a coordination game up to k = 4
        Parameters(10, 0, 100, 1, 10, 1),  # F = 0: rho infinite, M(omega*(k)) = 0
        Parameters(0.5, 1, 6, 1, 1, 1),  # n = n_min exactly: rho = 2
    ],
)
def test_extensions_hold_or_do_not_apply_at_edge_parameters(params):
    report = prove_all(params)
    status = _statuses(report)
    assert report.all_hold, [str(c) for c in report.claims if not c.holds]
    assert all(status[k] == "proved" for k in K_IDS)


def test_sharing_the_market_among_all_k_breaks_the_k_claims(monkeypatch):
    """A Y company sharing n M(omega) among all k companies (not among the Y companies) is the wrong game."""
    monkeypatch.setattr(
        MK,
        "stage_payoff_Y",
        lambda others_Y=MK.y, omega_=M.omega: M.n * M.category_profit(omega_) / M.k - M.F,
    )
    report = prove_all()
    broken = {c.id for c in report.claims if not c.holds}
    assert {"K1", "K3"} <= broken
    assert not any(c.startswith("P") for c in broken)  # the paper's propositions do not use it


def test_prove_exits_1_when_the_k_company_payoff_is_broken(monkeypatch, capsys):
    monkeypatch.setattr(
        MK,
        "stage_payoff_Y",
        lambda others_Y=MK.y, omega_=M.omega: M.n * M.category_profit(omega_) / M.k - M.F,
    )
    assert main(["prove", "--json"]) == 1
    data = {item["id"]: item["status"] for item in json.loads(capsys.readouterr().out)}
    assert data["K1"] == "failed"


def test_a_numeric_game_that_disagrees_with_the_model_is_caught(monkeypatch, capsys):
    """The numeric side: CompanyGame sharing among k in its payoffs makes K1's cross-check fail."""

    def shared_among_all(self):
        n, F = Fraction(self.params.n), Fraction(self.params.F)
        seeing, _ = self.exact_profits()
        return tuple(n * seeing / self.k - F for _ in range(self.k))

    monkeypatch.setattr(CompanyGame, "payoff_Y", shared_among_all)
    report = prove_all()
    assert not report["K1"].holds
    assert main(["prove"]) == 1
    capsys.readouterr()


def test_an_intact_model_exits_0(capsys):
    assert main(["prove"]) == 0
    assert "18/18 claims hold" in capsys.readouterr().out
