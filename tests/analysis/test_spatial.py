"""Spatial weights and concentration: against hand-built grids, esda itself and the
published PySAL examples."""

from __future__ import annotations

import warnings
from contextlib import nullcontext

import esda
import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from libpysal import weights as lpw
from shapely.geometry import box

from opbouw.analysis.spatial import (
    ConcentrationConfig,
    SpatialWeights,
    WeightsSpec,
    build_weights,
    cluster_groups,
    describe_clusters,
    global_moran,
    local_concentration,
    parse_weights_spec,
)
from opbouw.analysis.spatial.kernels import cached_kernels, kernels_compiled
from opbouw.analysis.spatial.weights import clear_cache
from tests.conftest import DATA

pytestmark = pytest.mark.usefixtures("spatial_kernels")


def grid(n: int = 5, hot: set[tuple[int, int]] | None = None) -> tuple[gpd.GeoDataFrame, pd.Series]:
    """An n x n grid of 100 m squares; ``hot`` cells get 10, others 1.0-1.2."""
    hot = hot if hot is not None else {(r, c) for r in (3, 4) for c in (3, 4)}
    codes = [f"r{r}c{c}" for r in range(n) for c in range(n)]
    geoms = [box(c * 100, r * 100, c * 100 + 100, r * 100 + 100)
             for r in range(n) for c in range(n)]
    frame = gpd.GeoDataFrame({"parent": "P"}, geometry=geoms, index=codes, crs=3812)
    values = [10.0 if (r, c) in hot else 1.0 + 0.1 * ((r * n + c) % 3)
              for r in range(n) for c in range(n)]
    return frame, pd.Series(values, index=codes)


def test_queen_and_rook_differ_on_a_grid() -> None:
    frame, _ = grid()
    queen, rook = build_weights(frame, "queen"), build_weights(frame, "rook")
    assert queen.w.cardinalities["r2c2"] == 8
    assert rook.w.cardinalities["r2c2"] == 4
    assert queen.w.cardinalities["r0c0"] == 3 and rook.w.cardinalities["r0c0"] == 2


def test_knn_and_distance_band() -> None:
    frame, _ = grid()
    knn = build_weights(frame, "knn:3")
    assert set(knn.w.cardinalities.values()) == {3}
    band = build_weights(frame, "distance:101")
    assert band.w.cardinalities["r2c2"] == 4


def test_islands_and_components_are_reported() -> None:
    frame, _ = grid(3)
    far = gpd.GeoDataFrame({"parent": ["P", "P"]},
                           geometry=[box(5000, 5000, 5100, 5100), box(9000, 0, 9100, 100)],
                           index=["island", "other"], crs=3812)
    both = pd.concat([frame, far])
    w = build_weights(both, "queen", cache=False)
    assert sorted(w.islands) == ["island", "other"]
    assert w.n_components == 3
    assert "island" in w.codes


def test_weights_are_cached_per_area_set() -> None:
    clear_cache()
    frame, _ = grid()
    assert build_weights(frame, "queen") is build_weights(frame.copy(), "queen")
    assert build_weights(frame, "queen") is not build_weights(frame, "rook")
    moved = frame.copy()
    moved.geometry = moved.geometry.translate(1, 0)
    assert build_weights(moved, "queen") is not build_weights(frame, "queen")


def test_bad_specs_fail_clearly() -> None:
    with pytest.raises(ValueError, match="unknown weights kind"):
        parse_weights_spec("hexagon")
    frame, _ = grid()
    with pytest.raises(ValueError, match="metric CRS"):
        build_weights(frame.to_crs(4326), "knn:4")


def test_known_cluster_in_a_grid() -> None:
    frame, values = grid()
    result = local_concentration(values, build_weights(frame, "queen"),
                                 ConcentrationConfig(permutations=999, seed=7))
    hh = set(result.significant("HH"))
    assert hh == {"r3c3", "r3c4", "r4c3", "r4c4"}
    assert set(result.table.index[result.table["hotspot"] == "hot"]) >= hh
    assert cluster_groups(result, "HH") == [sorted(hh, key=list(values.index).index)]
    summary = describe_clusters(result, frame, 1, {"P": "Sint-Niklaas"})
    assert summary.more == 0 and len(summary.groups) == 1
    group = summary.groups[0]
    # the cluster lies in the north-east (sector 1) of its parent, named by parent_names
    assert set(group.codes) == hh and group.parent == "Sint-Niklaas" and group.direction == 1


def test_lower_is_worse_makes_low_low_the_deprived_cluster() -> None:
    frame, values = grid()
    result = local_concentration(-values, build_weights(frame, "queen"),
                                 ConcentrationConfig(permutations=999, seed=7))
    summary = describe_clusters(result, frame, -1, {"P": "Gent"})
    assert [set(g.codes) for g in summary.groups] == [{"r3c3", "r3c4", "r4c3", "r4c4"}]
    assert describe_clusters(result, frame, 1, {"P": "Gent"}).groups == ()


def test_equal_to_esda_with_the_same_weights_permutations_and_seed() -> None:
    gdf = gpd.read_file(DATA / "spatial" / "columbus.json").set_index("POLYID")
    gdf.index = gdf.index.astype(str)
    values = gdf["CRIME"]
    ours = local_concentration(values, build_weights(gdf, "queen"),
                               ConcentrationConfig(permutations=999, seed=42))
    w = lpw.Queen.from_dataframe(gdf, use_index=True)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # one process, as opbouw uses for so few areas (G_Local's own default, n_jobs=-1,
        # would compile esda's kernels again in every worker process)
        lisa = esda.Moran_Local(values.to_numpy(), w, permutations=999, seed=42, n_jobs=1)
        w2 = lpw.Queen.from_dataframe(gdf, use_index=True)
        gi = esda.G_Local(values.to_numpy(), w2, transform="B", star=True, permutations=999,
                          seed=42, n_jobs=1)
    np.testing.assert_allclose(ours.table["lisa_i"], lisa.Is, rtol=1e-12)
    # opbouw's cached kernel gives esda's counts exactly (kernels.py)
    assert kernels_compiled()
    np.testing.assert_allclose(ours.table["lisa_p"], np.minimum(1, 2 * lisa.p_sim), rtol=1e-6)
    np.testing.assert_array_equal(ours.table["lisa_quadrant"], lisa.q)
    np.testing.assert_allclose(ours.table["gi_z"], gi.Zs, rtol=1e-12)
    np.testing.assert_allclose(ours.table["gi_p"], np.minimum(1, 2 * gi.p_sim), rtol=1e-6)


def test_cached_kernel_equals_esda_on_real_wijken() -> None:
    gdf = gpd.read_file(DATA / "flemish_levels" / "ggw72024.geojson").set_index("geoitem")
    values = pd.Series(np.arange(len(gdf), dtype=float) % 5 + np.linspace(0, 1, len(gdf)),
                       index=gdf.index)
    w = lpw.Queen.from_dataframe(gdf, use_index=True, silence_warnings=True)
    results = []
    for patched in (True, False):
        w.transform = "O"
        with warnings.catch_warnings(), (cached_kernels() if patched else nullcontext()):
            warnings.simplefilter("ignore")
            lisa = esda.Moran_Local(values.to_numpy(), w, permutations=499, seed=3)
            w.transform = "O"
            gi = esda.G_Local(values.to_numpy(), w, transform="B", star=True,
                              permutations=499, seed=3)
        results.append((lisa.p_sim, gi.p_sim))
    np.testing.assert_array_equal(results[0][0], results[1][0])
    np.testing.assert_array_equal(results[0][1], results[1][1])


def test_columbus_published_moran_and_gi_star() -> None:
    """Reference values of tests/data/spatial/PROVENANCE.md (Anselin 1988 Columbus data;
    I, z and the Gi* counts computed with esda 2.9.0 on queen weights from the polygons)."""
    gdf = gpd.read_file(DATA / "spatial" / "columbus.json").set_index("POLYID")
    gdf.index = gdf.index.astype(str)
    w = build_weights(gdf, "queen")
    moran = global_moran(gdf["CRIME"], w, ConcentrationConfig(permutations=999, seed=1))
    assert moran["I"] == pytest.approx(0.500189, abs=1e-6)
    assert moran["z"] == pytest.approx(5.6303, abs=1e-4)
    local = local_concentration(gdf["CRIME"], w, ConcentrationConfig(permutations=999, seed=1))
    assert int((local.table["gi_z"] > 1.96).sum()) == 11
    assert int((local.table["gi_z"] < -1.96).sum()) == 7


def test_st_louis_moran_from_published_weights() -> None:
    """opbouw's global Moran (row-standardised, its NaN handling) on the published St Louis
    weights gives esda's documented value: I = 0.243656 for HR8893 with stl.gal is the
    example in esda's ``Moran`` docstring (tests/data/spatial/PROVENANCE.md)."""
    stl = pd.read_csv(DATA / "spatial" / "stl_hom.csv")
    # libpysal's GAL reader leaves its file open; the format is simple enough to read here
    lines = (DATA / "spatial" / "stl.gal").read_text().split("\n")[1:]
    neighbours = {}
    for head, body in zip(lines[0::2], lines[1::2], strict=False):
        if head.strip():
            neighbours[head.split()[0]] = body.split()
    codes = sorted(neighbours, key=int)
    w = SpatialWeights(lpw.W(neighbours, id_order=codes, silence_warnings=True),
                       WeightsSpec("queen"), codes)
    values = pd.Series(stl["HR8893"].to_numpy(), index=[str(i) for i in range(1, len(stl) + 1)])
    moran = global_moran(values, w, ConcentrationConfig(permutations=99, seed=1))
    assert moran["I"] == pytest.approx(0.243656, abs=1e-6)
    assert moran["expected"] == pytest.approx(-1 / 77)
    assert moran["areas"] == 78


def test_missing_values_are_left_out_and_listed() -> None:
    frame, values = grid()
    values["r0c0"] = np.nan
    result = local_concentration(values, build_weights(frame, "queen"),
                                 ConcentrationConfig(permutations=99, seed=1))
    assert result.missing == ["r0c0"]
    assert "r0c0" not in result.table.index and len(result.table) == 24


def test_fdr_adjusts_and_is_never_below_the_raw_p() -> None:
    frame, values = grid(8, {(r, c) for r in range(5, 8) for c in range(5, 8)})
    result = local_concentration(values, build_weights(frame, "queen"),
                                 ConcentrationConfig(permutations=999, seed=3, fdr=True))
    assert (result.table["lisa_q"] >= result.table["lisa_p"] - 1e-12).all()
    assert len(result.significant("HH")) <= len(
        result.table.index[(result.table["lisa_p"] < 0.05) & (result.table["lisa_quadrant"] == 1)])


def test_two_sided_p_is_at_least_twice_the_smallest_possible() -> None:
    frame, values = grid()
    result = local_concentration(values, build_weights(frame, "queen"),
                                 ConcentrationConfig(permutations=99, seed=1))
    assert result.table["lisa_p"].min() >= 2 / 100 - 1e-12
    assert result.table["lisa_p"].max() <= 1.0


def test_same_seed_same_result_other_seed_differs() -> None:
    frame, values = grid()
    w = build_weights(frame, "queen")
    a = local_concentration(values, w, ConcentrationConfig(permutations=199, seed=5)).table
    b = local_concentration(values, w, ConcentrationConfig(permutations=199, seed=5)).table
    c = local_concentration(values, w, ConcentrationConfig(permutations=199, seed=6)).table
    pd.testing.assert_frame_equal(a, b)
    assert not np.array_equal(a["lisa_p"], c["lisa_p"])


def test_constant_values_are_refused() -> None:
    frame, _ = grid()
    with pytest.raises(ValueError, match="same value"):
        local_concentration(pd.Series(1.0, index=frame.index), build_weights(frame, "queen"))


def test_demo_municipalities_show_a_significant_global_pattern() -> None:
    from opbouw.data.demo import load_demo

    ds = load_demo()
    frame = ds.areas.frame
    munis = frame[frame["level"] == "municipality"]
    values = ds.wide(2013, ["zero_income_share"])["zero_income_share"]
    w = build_weights(munis, "queen")
    moran = global_moran(values, w, ConcentrationConfig(permutations=999, seed=1))
    assert moran["I"] > 0.3 and moran["p_two_sided"] <= 0.002
