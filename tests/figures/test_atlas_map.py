"""The atlas's region map: every grid cell shows the region of its centre, exactly; the dominance map
(the paper's own figure) agrees with the paper's atlas on its slice."""

from __future__ import annotations

from fractions import Fraction

import numpy as np
import pytest

pytest.importorskip("matplotlib", reason="figures need matplotlib (extra 'plot')")

from cluster_games import Parameters
from cluster_games import model as M
from cluster_games.figures import atlas_map, dominance_regions
from cluster_games.parametric.examples import hawk_dove, two_by_three
from cluster_games.parametric.slice import OUTSIDE, classify_slice


def test_each_cell_is_the_region_of_its_centre():
    atlas = two_by_three().atlas()
    fig = atlas_map(atlas, "a", "b", xlim=(-0.5, 3), ylim=(-0.5, 4), resolution=60)
    ax = fig.axes[0]
    ids = np.asarray(ax.images[0].get_array())
    xs = -0.5 + 3.5 * (np.arange(60) + 0.5) / 60
    ys = -0.5 + 4.5 * (np.arange(60) + 0.5) / 60
    rng = np.random.default_rng(1)
    for i, j in rng.integers(0, 60, size=(150, 2)):
        point = {"a": Fraction(float(xs[j])), "b": Fraction(float(ys[i]))}
        if ids[i, j] == OUTSIDE:
            assert point["a"] < 0 or point["b"] < 0  # the domain is a >= 0, b >= 0
        else:
            assert atlas.region_of(point).id == ids[i, j]
    assert any(c.get_gid() == "boundary" for c in ax.collections) and any(
        c.get_gid() == "outside" for c in ax.collections
    )
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert "outside the domain" in labels and any(t.startswith("region") for t in labels)


def test_cells_exactly_on_a_boundary_are_the_boundary_region():
    # centres (k + 1/2)/10 on both axes: the diagonal cells have V == C exactly (region of dimension 1)
    atlas = hawk_dove().atlas()
    grid = (np.arange(20) + 0.5) / 10
    ids = classify_slice(atlas, "V", "C", {}, grid, grid)
    boundary = next(r.id for r in atlas.regions if r.conditions_text == ["V == C"])
    assert (np.diag(ids) == boundary).all() and (ids[~np.eye(20, dtype=bool)] != boundary).all()


def test_bad_slices_are_refused_by_name():
    atlas = hawk_dove().atlas()
    with pytest.raises(ValueError, match="unknown parameter 'Q'"):
        atlas_map(atlas, "V", "Q")
    with pytest.raises(ValueError, match="different parameters"):
        atlas_map(atlas, "V", "V")
    game_atlas = two_by_three().atlas()
    with pytest.raises(ValueError, match="'a' is an axis"):
        atlas_map(game_atlas, "a", "b", {"a": 1})


def test_the_dominance_map_is_the_papers_atlas_on_its_slice():
    # dominance_map classifies with the numeric kernel; the paper's atlas decides the same cells
    # exactly from the symbolic model: Y strictly dominant (codes 4 and 5) iff the atlas says so.
    p = Parameters(n=10, F=1, alpha=100, beta=1, c=10, c_A=1)
    atlas = M.paper_game(market=True).atlas()
    omegas = np.linspace(0.0125, 0.9875, 40)
    Ws = np.linspace(0.0125, 1.9875, 40)
    codes = dominance_regions(p, omegas[None, :], Ws[:, None])
    fixed = {"n": 10, "F": 1, "alpha": 100, "beta": 1, "c": 10, "c_A": 1}
    ids = classify_slice(atlas, "omega", "W", fixed, omegas, Ws)
    regions = {r.id: r for r in atlas.regions}
    for (i, j), code in np.ndenumerate(codes):
        if code <= 1:  # outside the model (W <= omega, D(W) < 0 or m(W) < 0): outside the market domain
            assert ids[i, j] == OUTSIDE
            continue
        region = regions[ids[i, j]]
        assert (code in (4, 5)) == (region.strictly_dominant == ("Y", "Y")), (omegas[j], Ws[i])
