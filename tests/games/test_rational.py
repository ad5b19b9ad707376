"""Exact payoffs: what is accepted, what is refused, and the exact normalisation."""

from __future__ import annotations

import decimal
from collections.abc import Sequence
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


# ----------------------------------------------------------------------------- issue 19: sizes and precision
@pytest.mark.parametrize(
    "value",
    [
        "1e999999999",  # Fraction() would compute 10**999999999: minutes
        "1e-999999999",
        "1e2000",  # 2001 digits: one past the limit
        "1" * 2001,
        "1/" + "3" * 2001,
        "1e" + "9" * 100,  # an exponent too long even to convert
        "1" * 9000,
        decimal.Decimal("1E+999999999"),  # what tomllib hands over for 1e999999999
        10**2000,
        Fraction(1, 10**2000),
        np.longdouble("1e4000") if np.finfo(np.longdouble).maxexp > 4000 else 10**4000,
    ],
    ids=lambda v: repr(v)[:24],
)
def test_numbers_beyond_2000_digits_are_refused_before_they_are_built(value):
    with pytest.raises(ValueError, match=r"^A\[0\]\[0\]: .*beyond the exact range of payoffs"):
        to_fraction(value, "A[0][0]")


def test_the_digit_limit_is_inclusive_and_exact():
    assert to_fraction("1e1999") == 10**1999  # 2000 digits
    assert to_fraction("0." + "0" * 1998 + "1") == Fraction(1, 10**1999)
    assert to_fraction(decimal.Decimal("-1.5e-3")) == Fraction(-3, 2000)
    assert to_fraction(" 1_000.5e-3 ") == Fraction(2001, 2000)  # Python's own Fraction syntax


def test_text_prints_integers_beyond_the_interpreters_4300_digit_limit():
    n = 10**5000 + 7
    assert text(Fraction(n, 3)) == "1" + "0" * 4999 + "7/3" and text(Fraction(-n)) == "-1" + "0" * 4999 + "7"


@pytest.mark.skipif(np.finfo(np.longdouble).nmant <= 52, reason="long double is float64 on this platform")
def test_a_long_double_keeps_its_precision_and_a_strict_dominance():
    eps = np.longdouble(2) ** -60  # below float64's resolution at 1: rounding would make a tie
    A = np.array([[1 + eps, 1 + eps], [1, 1]], dtype=np.longdouble)
    assert matrix(A, "A")[0][0] == 1 + Fraction(1, 2**60)
    from cluster_games.games import BimatrixGame

    g = BimatrixGame.from_arrays(A, np.zeros((2, 2)))
    assert g.dominance()[0].strictly_dominant == "r0"  # float64 made r0 and r1 equal: no dominance


def test_a_masked_array_is_refused_with_its_first_masked_entry_and_honoured_without_one():
    masked = np.ma.array([[1, 2], [3, 4]], mask=[[0, 0], [1, 0]])
    with pytest.raises(ValueError, match=r"A: 1 masked entry \(first A\[1\]\[0\]\)"):
        matrix(masked, "A")
    assert matrix(np.ma.array([[1, 2], [3, 4]]), "A") == ((1, 2), (3, 4))


class _Untouchable(Sequence):
    """A row that may be measured but not read: proves a size check comes before any entry."""

    def __len__(self):
        return 3000

    def __getitem__(self, i):
        raise AssertionError("an entry was read before the size check")


def test_a_matrix_is_sized_from_its_shape_before_any_entry_is_converted():
    with pytest.raises(ValueError, match=r"A: a 3000 x 3000 matrix has 9,000,000 payoffs; at most 250,000"):
        matrix([_Untouchable()] * 3000, "A")
    with pytest.raises(ValueError, match="at most 250,000"):
        matrix(np.zeros((501, 500)), "B")
    assert len(matrix(np.zeros((500, 500)), "B")) == 500  # the limit itself is accepted
