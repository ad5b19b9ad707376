"""Units of the printed quantities (issue 19): declared by a scenario's [scenario] table, never invented."""

from __future__ import annotations

import pytest

from cluster_games.units import Units, per


@pytest.mark.parametrize(
    ("name", "unit"),
    [
        ("n", "categories"),
        ("n_min", "categories"),
        ("F", "yuan"),
        ("payoff", "yuan"),
        ("investment_gap", "yuan"),
        ("alpha", "toys"),
        ("Q_bar", "toys"),
        ("beta", "toys/yuan"),  # Q = alpha - beta p: goods per unit of price
        ("c", "yuan/toy"),
        ("c_A", "yuan/toy"),
        ("omega", ""),  # rates are fractions of c
        ("W", ""),
        ("k", ""),
        ("delta", ""),
    ],
)
def test_unit_of_each_quantity(name, unit):
    assert Units("yuan", "toys").of(name) == unit


def test_nothing_is_invented_when_a_unit_is_not_declared():
    money_only = Units("yuan", None)
    assert (money_only.of("F"), money_only.of("alpha"), money_only.of("beta"), money_only.of("c")) == (
        "yuan",
        "",
        "",
        "yuan",
    )
    none = Units()
    assert not none.declared and {none.of(q) for q in ("F", "alpha", "beta", "c", "Q_bar")} == {""}
    assert none.show("1", "F") == "1" and none.show("2", "n_min") == "2 categories"


def test_from_extra_reads_the_scenario_table_and_ignores_blank_or_foreign_values():
    assert Units.from_extra({"scenario": {"money_unit": "yuan", "quantity_unit": "toys"}}) == Units(
        "yuan", "toys"
    )
    assert Units.from_extra({"scenario": {"money_unit": "  ", "quantity_unit": 3}}) == Units()
    assert Units.from_extra({"scenario": "not a table"}) == Units() == Units.from_extra(None)


def test_per_and_parameters_line():
    assert (per("toys"), per("pieces"), per("bus"), per("kg")) == (
        "toy",
        "piece",
        "bus",
        "kg",
    )  # words of 4+ letters
    line = Units("yuan", "toys").parameters({"n": 200.0, "F": 6e7, "beta": 1.6e5})
    assert line == "n = 200 categories, F = 6e+07 yuan, beta = 160000 toys/yuan"
