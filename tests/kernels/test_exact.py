"""Tests for :mod:`cluster_games.kernels.exact` not covered by its doctests.

Expected values are worked by hand from the binary expansions of the floats involved.
"""

from __future__ import annotations

import math

from cluster_games.kernels.exact import Q_bar_rounded


def test_Q_bar_rounded_where_the_float_margin_cancels():
    # 0.1 is 3602879701896397 / 2^55, so 0.1 * 10 - 1 = (36028797018963970 - 2^55) / 2^55 = 2^-54
    # exactly, though 0.1 * 10 - 1 == 0.0 in floats: Q_bar = F * 2^54.
    assert 0.1 * 10 - 1 == 0.0
    assert Q_bar_rounded(0.1, 1.0, 10.0, 1.0) == 2.0**54
    assert Q_bar_rounded(0.1, 3.0, 10.0, 1.0) == 3 * 2.0**54
    assert Q_bar_rounded(0.1, 0.0, 10.0, 1.0) == 0.0


def test_Q_bar_rounded_ordinary_and_overflowing():
    # omega c - c_A = 0.5 * 4 - 1 = 1 exactly: Q_bar = F.
    assert Q_bar_rounded(0.5, 3.0, 4.0, 1.0) == 3.0
    # F = 1e300 over the margin 2^-54 is about 1.8e316, beyond the largest float: inf, not an error.
    assert Q_bar_rounded(0.1, 1e300, 10.0, 1.0) == math.inf
