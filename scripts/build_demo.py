"""Build the bundled demo dataset from the public data in ``shared/data``.

Usage: python scripts/build_demo.py PATH/TO/shared/data

Writes ``src/opbouw/data/demo/areas.gpkg`` (municipalities of 2018, provinces and the two
regions, Lambert 72, edges simplified together so neighbours still touch) and
``indicators.csv`` (long form, Flemish Excel convention) with income indicators per
municipality for 2005-2013 computed from Statbel's fiscal statistics.
"""

from __future__ import annotations

import sys
from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import shapely

from opbouw.data.writers import write_csv

OUT = Path(__file__).resolve().parents[1] / "src" / "opbouw" / "data" / "demo"
TOLERANCE_M = 40.0


def main(shared: Path) -> None:
    gpkg = shared / "flanders-areas" / "flanders_areas_31370.gpkg"
    mun = gpd.read_file(gpkg, layer="gemeente2018").rename(columns={"gemeente20": "code"})
    mun["code"] = mun["code"].astype(str).str.zfill(5)
    prov = gpd.read_file(gpkg, layer="provincie")
    income = pd.read_csv(
        shared / "statbel-fiscal-income-municipalities" / "TF_PSNL_INC_TAX_MUNTY.txt",
        sep="|", dtype=str, encoding="utf-8-sig",
    )
    income = income[income["CD_MUNTY_REFNIS"].isin(mun["code"])].copy()
    names = income.drop_duplicates("CD_MUNTY_REFNIS").set_index("CD_MUNTY_REFNIS")
    # Statbel adds the arrondissement to some names ("Hamme (Dendermonde)"): drop it
    mun["name"] = mun["code"].map(names["TX_MUNTY_DESCR_NL"]).str.replace(
        r" \(.*\)$", "", regex=True)
    mun["parent"] = mun["code"].map(
        lambda c: "04000" if c.startswith("21") else names.at[c, "CD_PROV_REFNIS"]
    )
    # shared edges simplified once, so the municipalities still tile without gaps
    mun["geometry"] = shapely.coverage_simplify(mun.geometry.values, TOLERANCE_M)
    latest = income[income["CD_YEAR"] == "2013"].set_index("CD_MUNTY_REFNIS")
    mun["population"] = mun["code"].map(latest["MS_TOT_RESIDENTS"]).astype(float)
    mun["level"] = "municipality"

    prov["provincie"] = prov["provincie"].astype(str)
    prov = prov[prov["provincie"] != "4000"].rename(columns={"provincie": "code"})
    prov["name"] = prov["name"].str.replace(" (Prov.)", "", regex=False)
    prov["level"], prov["parent"] = "province", "02000"
    prov["geometry"] = mun.assign(p=mun["parent"]).dissolve("p").loc[prov["code"]].geometry.values
    prov["population"] = prov["code"].map(mun.groupby("parent")["population"].sum())
    brussels = mun[mun["parent"] == "04000"]
    flanders = mun[mun["parent"] != "04000"]
    regions = gpd.GeoDataFrame({
        "code": ["02000", "04000"],
        "name": ["Vlaams Gewest", "Brussels Hoofdstedelijk Gewest"],
        "level": "region", "parent": None,
        "population": [flanders["population"].sum(), brussels["population"].sum()],
    }, geometry=[flanders.union_all(), brussels.union_all()], crs=mun.crs)
    cols = ["code", "name", "level", "parent", "population", "geometry"]
    areas = pd.concat([regions[cols], prov[cols], mun[cols]], ignore_index=True)
    areas = gpd.GeoDataFrame(areas, geometry="geometry", crs=mun.crs)
    areas["geometry"] = shapely.set_precision(areas.geometry.values, 1.0)
    assert areas.is_valid.all(), "simplification made invalid geometry"
    OUT.mkdir(parents=True, exist_ok=True)
    target = OUT / "areas.gpkg"
    target.unlink(missing_ok=True)
    areas.to_file(target, layer="areas", driver="GPKG")

    num = lambda col: income[col].astype(float)  # noqa: E731
    returns = num("MS_NBR_NON_ZERO_INC") + num("MS_NBR_ZERO_INC")
    km2 = (mun.set_index("code").area / 1e6).rename("km2")
    values = pd.DataFrame({
        "code": income["CD_MUNTY_REFNIS"],
        "year": income["CD_YEAR"].astype(int),
        "residents": num("MS_TOT_RESIDENTS"),
        "tax_returns": returns,
        "zero_income_returns": num("MS_NBR_ZERO_INC"),
        "zero_income_share": (100 * num("MS_NBR_ZERO_INC") / returns).round(3),
        "income_per_inhabitant": (num("MS_TOT_NET_TAXABLE_INC") / num("MS_TOT_RESIDENTS")).round(2),
        "income_per_return": (num("MS_TOT_NET_TAXABLE_INC") / num("MS_NBR_NON_ZERO_INC")).round(2),
        "real_estate_income_share": (
            100 * num("MS_NBR_REAL_ESTATE_NET_INC") / num("MS_NBR_NON_ZERO_INC")).round(3),
        "movable_income_share": (
            100 * num("MS_NBR_NET_MOV_ASS_INC") / num("MS_NBR_NON_ZERO_INC")).round(3),
    })
    values["population_density"] = (
        values["residents"] / values["code"].map(km2)).round(1)
    long = values.melt(["code", "year"], var_name="indicator", value_name="value")
    long = long.sort_values(["indicator", "code", "year"])[["code", "indicator", "year", "value"]]
    assert np.isfinite(long["value"]).all()
    write_csv(long, OUT / "indicators.csv", "flemish")
    print(f"{len(areas)} areas, {len(long)} values -> {OUT}")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
