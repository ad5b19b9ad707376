"""Figures beyond the paper: the (k, n) plane and the collusion threshold, against the closed forms."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

pytest.importorskip("matplotlib", reason="figures need matplotlib (extra 'plot')")

from cluster_games import InvalidParameterError, Parameters
from cluster_games.figures.companies import (
    COMPANY_REGIONS,
    collusion_threshold_curves,
    companies_map,
    company_regions,
)

CHENGHAI = Parameters(200, 6e7, 5e6, 1.6e5, 20, 0.6)


def _rho(p: Parameters, n: float) -> Fraction:
    F, alpha, beta, c, c_A = (Fraction(v) for v in (p.F, p.alpha, p.beta, p.c, p.c_A))
    return Fraction(n) * (alpha - beta * (c + c_A)) ** 2 / (4 * beta * F)


def test_region_codes_follow_k_against_rho():
    ks, ns = list(range(2, 60)), list(np.geomspace(10, 1e5, 37))
    codes = company_regions(CHENGHAI, ks, ns)
    for i, n in enumerate(ns):
        rho = _rho(CHENGHAI, n)
        for j, k in enumerate(ks):
            want = 0 if k >= rho else (1 if k * k >= rho else 2)  # k = rho: W_m = omega*(k), no game
            assert codes[i, j] == want, (n, k)
    assert set(np.unique(codes)) == {0, 1, 2}


def test_map_draws_the_kernel_regions_the_boundaries_and_a_legend_entry_for_each():
    fig = companies_map(CHENGHAI, k_max=100, mark=[2, 4, 15])
    ax = fig.axes[0]
    (mesh,) = [c for c in ax.collections if c.get_gid() == "regions"]
    assert set(np.unique(mesh.get_array())) <= {0, 1, 2}
    n1 = 4 * CHENGHAI.beta * CHENGHAI.F / (CHENGHAI.alpha - CHENGHAI.beta * (CHENGHAI.c + CHENGHAI.c_A)) ** 2
    lines = {line.get_gid(): line.get_xydata() for line in ax.lines}
    k, n = lines["feasible_edge"].T
    np.testing.assert_allclose(n, k * n1, rtol=1e-12)
    k, n = lines["dominance_edge"].T
    np.testing.assert_allclose(n, k**2 * n1, rtol=1e-12)
    np.testing.assert_array_equal(lines["mark"], [[2, 200], [4, 200], [15, 200]])
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert all(COMPANY_REGIONS[i][0] in labels for i in range(3))
    assert all("e-" not in t.get_text() for t in ax.get_xticklabels())  # whole-number ticks on the k axis


def test_collusion_curves_are_the_closed_form():
    fig = collusion_threshold_curves(CHENGHAI, n_values=[200, 800], delta=0.9, mark=[4, 8])
    ax = fig.axes[0]
    curves = {line.get_gid(): line.get_xydata() for line in ax.lines if line.get_gid()}
    for n in (200, 800):
        rho = _rho(CHENGHAI, n)
        xy = curves[f"delta_c n={n}"]
        assert xy[0, 0] == 2 and xy[-1, 0] < rho <= xy[-1, 0] + 1  # every whole k in [2, rho)
        for k, value in xy:
            want = 1 - (rho - Fraction(k)) / (Fraction(k) * (Fraction(k) - 1))
            assert value == pytest.approx(float(want), rel=1e-12)
    assert curves["mark"][:, 0].tolist() == [4, 8]


def test_refusals_name_the_parameter():
    with pytest.raises(InvalidParameterError, match="'F'"):
        companies_map(CHENGHAI.replace(F=0.0))
    with pytest.raises(InvalidParameterError, match="'alpha'"):
        companies_map(CHENGHAI.replace(alpha=1.0))
    with pytest.raises(InvalidParameterError, match="'n'"):
        collusion_threshold_curves(CHENGHAI, n_values=[1.0])
