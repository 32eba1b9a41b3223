"""Write-then-read preserves codes and values exactly; garbage gives problems, never a traceback."""

import string

import numpy as np
import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from opbouw.data.dataset import FileSpec, collect
from opbouw.data.writers import write_csv, write_xlsx

codes = st.text(alphabet=string.digits + "ABX-", min_size=1, max_size=9).filter(
    lambda c: c.strip() == c)
shares = st.one_of(
    st.floats(min_value=0, max_value=100, allow_nan=False, allow_subnormal=False),
    st.just(float("nan")),
)
counts = st.one_of(st.integers(min_value=0, max_value=10**9).map(float), st.just(float("nan")))


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=st.lists(st.tuples(codes, shares, counts), min_size=1, max_size=12,
                     unique_by=lambda r: (r[0].zfill(5) if len(r[0]) == 4 and r[0].isdigit()
                                          else r[0])),
       convention=st.sampled_from(["flemish", "international", "xlsx"]))
def test_write_then_read_is_exact(tmp_path, catalogue, rows, convention) -> None:
    frame = pd.DataFrame(rows, columns=["code", "unemployment_pressure", "residents"])
    if convention == "xlsx":
        # Excel holds 15 significant digits (openpyxl writes %.16g): exact within that
        frame["unemployment_pressure"] = [float(f"{v:.15g}")
                                          for v in frame["unemployment_pressure"]]
    path = tmp_path / ("t.xlsx" if convention == "xlsx" else "t.csv")
    if convention == "xlsx":
        write_xlsx(frame, path)
    else:
        write_csv(frame, path, convention)
    dataset, problems = collect([FileSpec(path)], catalogue)
    codes_with_zero_loss = [p for p in problems if p.kind == "lost_leading_zero"]
    assert not [p for p in problems if p.is_error and p not in codes_with_zero_loss]
    # a CSV cannot say whether Excel saved a 4-digit code as a number: such a code is
    # read with its leading zero restored (and a warning); a workbook keeps text as text
    expected = [c.zfill(5) if convention != "xlsx" and len(c) == 4 and c.isdigit()
                and not c.startswith("0") else c for c in frame["code"]]
    restored = sum(e != c for e, c in zip(expected, frame["code"], strict=True))
    assert len(codes_with_zero_loss) == restored
    wide = dataset.wide().reindex(expected)
    np.testing.assert_array_equal(wide["unemployment_pressure"].to_numpy(),
                                  frame["unemployment_pressure"].to_numpy())
    np.testing.assert_array_equal(wide["residents"].to_numpy(), frame["residents"].to_numpy())
    assert list(wide.index) == expected


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(data=st.binary(max_size=400), suffix=st.sampled_from([".csv", ".txt", ".xlsx", ".geojson"]))
def test_garbage_yields_only_problems(tmp_path, catalogue, data, suffix) -> None:
    path = tmp_path / f"g{suffix}"
    path.write_bytes(data)
    _, problems = collect([FileSpec(path)], catalogue)
    for p in problems:
        assert p.render() and p.render("en")


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.text(alphabet=";,\t\n\"' .-0123456789abcode%€é", max_size=300))
def test_garbage_text_tables_yield_only_problems(tmp_path, catalogue, text) -> None:
    path = tmp_path / "g.csv"
    path.write_text("code;unemployment_pressure;jaar\n" + text, encoding="utf-8")
    _, problems = collect([FileSpec(path)], catalogue)
    assert all(p.file == "g.csv" for p in problems)
