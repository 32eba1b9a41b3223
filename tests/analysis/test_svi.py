"""The CDC SVI method reproduces every published value of the 2020 Pennsylvania table."""

import numpy as np
import pandas as pd
import pytest

from opbouw.analysis.methods.svi import SviConfig, percentile_rank, svi
from tests.conftest import DATA

THEMES = {"THEME1": ["POV150", "UNEMP", "HBURD", "NOHSDP", "UNINSUR"],
          "THEME2": ["AGE65", "AGE17", "DISABL", "SNGPNT", "LIMENG"],
          "THEME3": ["MINRTY"],
          "THEME4": ["MUNIT", "MOBILE", "CROWD", "NOVEH", "GROUPQ"]}
PUBLISHED = pd.read_csv(DATA / "svi" / "svi2020_pa_counties_cdc.csv", encoding="utf-8-sig",
                        dtype={"FIPS": str}).set_index("FIPS")
RESULT = svi(PUBLISHED, SviConfig(THEMES))


@pytest.mark.parametrize("column", list(RESULT.columns))
def test_every_published_column_is_reproduced(column) -> None:
    np.testing.assert_array_equal(RESULT[column].to_numpy(), PUBLISHED[column].to_numpy())


def test_lower_is_worse_is_one_minus_rank_not_reverse_rank() -> None:
    values = np.array([10.0, 20.0, 20.0, 30.0, 40.0])
    reverse_ranked = percentile_rank(-values)
    one_minus = percentile_rank(values, reverse=True)
    assert one_minus.tolist() == [1.0, 0.75, 0.75, 0.25, 0.0]
    assert reverse_ranked.tolist() == [1.0, 0.5, 0.5, 0.25, 0.0]


def test_missing_is_minus_999_and_left_out_of_ranking() -> None:
    t = pd.DataFrame({"EP_A": [1.0, -999.0, 3.0, 2.0], "EP_B": [4.0, 3.0, 2.0, 1.0]})
    r = svi(t, SviConfig({"T1": ["A", "B"]}))
    assert r["EPL_A"].tolist() == [0.0, -999.0, 1.0, 0.5]
    assert r.loc[1, "SPL_T1"] == -999 and r.loc[1, "RPL_THEMES"] == -999
    assert r.loc[1, "F_A"] == -999 and r.loc[1, "F_TOTAL"] == -999
    assert r.loc[2, "F_A"] == 1
