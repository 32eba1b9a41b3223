"""The fixed command lines of hotspots and allocate, and hidden, compare and trend."""

from __future__ import annotations

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from click.testing import CliRunner
from shapely.geometry import box

from opbouw.cli import cli
from opbouw.data.demo import demo_files

pytestmark = pytest.mark.usefixtures("spatial_kernels")


def grid_files(tmp_path) -> tuple[str, str]:
    codes = [f"{r:02d}{c:02d}" for r in range(6) for c in range(6)]
    # in Belgium: Lambert 72 coordinates outside its area of use are refused
    x0, y0 = 150_000, 170_000
    geoms = [box(x0 + c * 100, y0 + r * 100, x0 + c * 100 + 100, y0 + r * 100 + 100)
             for r in range(6) for c in range(6)]
    gdf = gpd.GeoDataFrame({"sector_id": codes}, geometry=geoms, crs=31370)
    gdf.to_file(tmp_path / "grid.gpkg", layer="sectors")
    value = [9.0 + (i % 2) * 0.1 if r < 2 and c < 2 else 1.0 + 0.1 * (i % 3)
             for i, (r, c) in enumerate((r, c) for r in range(6) for c in range(6))]
    pd.DataFrame({"sector_id": codes, "poverty": value}).to_csv(tmp_path / "ind.csv", index=False)
    return str(tmp_path / "grid.gpkg"), str(tmp_path / "ind.csv")


def test_hotspots_fixed_interface(tmp_path) -> None:
    areas, ind = grid_files(tmp_path)
    out = tmp_path / "out.csv"
    result = CliRunner().invoke(cli, ["hotspots", areas, "--layer", "sectors", "--id", "sector_id",
                                      ind, "--indicator", "poverty", "--weights", "queen",
                                      "--permutations", "999", "--seed", "1", "--out", str(out)],
                                terminal_width=80)
    assert result.exit_code == 0, result.output
    res = pd.read_csv(out, dtype={"code": str})
    assert list(res.columns[:5]) == ["code", "lisa_cluster", "lisa_p", "gi_z", "gi_p"]
    assert res["code"].iat[0] == "0000"  # leading zeros kept
    assert set(res.loc[res["lisa_cluster"] == "HH", "code"]) == {"0000", "0001", "0100", "0101"}
    assert set(res["lisa_cluster"]) <= {"HH", "LL", "HL", "LH", "ns"}
    # the summary names the places the cluster lies in, then the compass direction
    text = " ".join(result.output.split())
    assert "concentratie van 4 kansarme" in text and "het zuidwesten van" in text


def test_hotspots_knn_and_bad_weights(tmp_path) -> None:
    areas, ind = grid_files(tmp_path)
    ok = CliRunner().invoke(cli, ["hotspots", areas, "--layer", "sectors", "--id", "sector_id",
                                  ind, "--indicator", "poverty", "--weights", "knn:4",
                                  "--permutations", "199"])
    assert ok.exit_code == 0, ok.output
    bad = CliRunner().invoke(cli, ["hotspots", areas, "--layer", "sectors", "--id", "sector_id",
                                   ind, "--indicator", "poverty", "--weights", "hexagon"])
    assert bad.exit_code == 1 and "Traceback" not in bad.output
    assert "hexagon" in bad.output


def test_allocate_fixed_interface(tmp_path) -> None:
    need = tmp_path / "need.csv"
    need.write_text("code,need,current,fixed\n01,120,3,1\n02,40,2,0\n03,10,1.5,\n04,0,0.5,0.5\n")
    out = tmp_path / "fte.csv"
    result = CliRunner().invoke(cli, ["allocate", str(need), "--budget", "7", "--min", "0.2",
                                      "--max", "5", "--step", "0.1", "--method", "sainte-lague",
                                      "--out", str(out)], terminal_width=80)
    assert result.exit_code == 0, result.output
    res = pd.read_csv(out, dtype={"code": str}).set_index("code")
    assert round(res["fte"].sum(), 9) == 7.0
    assert res.loc["04", "fte"] >= 0.5 and res.loc["01", "fte"] >= 1
    np.testing.assert_allclose(res["verschil"], res["fte"] - res["current"])


def test_allocate_impossible_budget_is_one_line(tmp_path) -> None:
    need = tmp_path / "need.csv"
    need.write_text("code,need\nA,1\nB,2\n")
    result = CliRunner().invoke(cli, ["allocate", str(need), "--budget", "1", "--min", "0.8"])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert "budget" in result.output


def test_hidden_compare_and_trend_on_demo(tmp_path) -> None:
    files = [str(p) for p in demo_files()]
    hidden = CliRunner().invoke(cli, ["hidden", *files, "--layer", "areas", "--preset", "demo",
                                      "--child-level", "municipality", "--parent-level",
                                      "province", "-k", "3", "--out", str(tmp_path / "h.xlsx")],
                                terminal_width=80)
    assert hidden.exit_code == 0, hidden.output
    assert "Verborgen kansarmoede" in hidden.output
    compare = CliRunner().invoke(cli, ["compare", *files, "--layer", "areas", "--preset", "demo",
                                       "-k", "3", "--fte", "40000=11"], terminal_width=80)
    assert compare.exit_code == 0, compare.output
    out = tmp_path / "t.csv"
    trend = CliRunner().invoke(cli, ["trend", *files, "--layer", "areas", "--indicator",
                                     "zero_income_share", "--merge-to", "2025", "--top", "10",
                                     "--out", str(out)], terminal_width=80)
    assert trend.exit_code == 0, trend.output
    res = pd.read_csv(out, sep=";", dtype={"code": str}, encoding="utf-8-sig")
    assert "44088" in set(res["code"]) and "44043" not in set(res["code"])
    assert (res["top"] == "entered").sum() == (res["top"] == "left").sum()


def test_hotspots_on_a_preset_reports_moran_per_indicator_and_index() -> None:
    files = [str(p) for p in demo_files()]
    result = CliRunner().invoke(cli, ["hotspots", *files, "--layer", "areas", "--preset", "demo",
                                      "--area-level", "municipality", "--year", "2013",
                                      "--permutations", "199"], terminal_width=100)
    assert result.exit_code == 0, result.output
    assert "Moran's I per indicator" in result.output
    assert "samengestelde index" in result.output
    assert "zonder buren: 73109" in result.output  # Voeren has no Flemish neighbour
