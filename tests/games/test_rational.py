"""Exact payoffs: what is accepted, what is refused, and the exact normalisation."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

from cluster_games.games._rational import labels, matrix, normalised, text, to_fraction


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (3, Fraction(3)),
        (np.int64(-2), Fraction(-2)),
        ("0.1", Fraction(1, 10)),
        ("-1/3", Fraction(-1, 3)),
        ("1e-3", Fraction(1, 1000)),
        (0.1, Fraction(3602879701896397, 36028797018963968)),
        (Fraction(2, 7), Fraction(2, 7)),
    ],
)
def test_accepted_values_are_exact(value, expected):
    assert to_fraction(value) == expected


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (True, "boolean"),
        (float("nan"), "finite"),
        (float("inf"), "finite"),
        ("x", "not a number"),
        ("1/0", "not a number"),
        (None, "expected a number"),
        (1j, "expected a number"),
    ],
)
def test_refused_values_name_the_entry(value, message):
    with pytest.raises(ValueError, match=f"entry: .*{message}"):
        to_fraction(value, "entry")


def test_matrix_shapes():
    assert matrix(np.eye(2), "M") == ((1, 0), (0, 1))
    for bad, message in (
        ([], "non-empty"),
        ([[1, 2], [3]], "equal length"),
        ([1, 2], "2-D"),
        ("ab", "2-D"),
        (np.zeros((2, 2, 2)), "2-dimensional"),
    ):
        with pytest.raises(ValueError, match=message):
            matrix(bad, "M")


def test_normalised_is_invariant_to_positive_affine_maps():
    M = matrix([[1, 5], [3, -2]], "M")
    moved = tuple(tuple(Fraction(7, 3) * v - 10**9 for v in row) for row in M)
    assert normalised(M) == normalised(moved) and normalised(matrix([[4, 4]], "M")) == ((0, 0),)


def test_labels_and_text():
    assert labels(None, 2, "r") == ("r0", "r1")
    with pytest.raises(ValueError, match="distinct"):
        labels(["a", "a"], 2, "r")
    assert (text(Fraction(1, 3)), text(Fraction(4)), text(0.5)) == ("1/3", "4", "0.5")
