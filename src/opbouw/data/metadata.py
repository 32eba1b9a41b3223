"""The metadata of a result (method, options, scope, year, indicators with direction, date,
version) next to the table: a sheet ``metadata`` in a workbook, a ``.metadata.csv`` file
beside a CSV (so the CSV itself stays one table that Excel and scripts read as before)."""

from __future__ import annotations

import datetime as _dt
import json
from pathlib import Path
from typing import Any

import pandas as pd

from opbouw import __version__


def metadata_rows(meta: dict[str, Any]) -> list[tuple[str, str]]:
    """Flat (key, value) rows, nested values as JSON, with date and version added."""
    rows = [(str(k), v if isinstance(v, str) else json.dumps(v, ensure_ascii=False,
                                                              default=str))
            for k, v in meta.items()]
    rows.append(("date", _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds")))
    rows.append(("opbouw", __version__))
    return rows


def write_metadata(out: str | Path, meta: dict[str, Any], convention: str = "flemish") -> Path:
    """Add the metadata to a written result; returns the file that holds it (a CSV
    sidecar is written in ``convention``, like the result)."""
    from opbouw.data.writers import write_csv

    path = Path(out)
    rows = metadata_rows(meta)
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        wb = load_workbook(path)
        ws = wb.create_sheet("metadata")
        ws.append(["key", "value"])
        for key, value in rows:
            ws.append([key, value])
            ws.cell(ws.max_row, 2).number_format = "@"
        wb.save(path)
        return path
    side = path.with_name(path.stem + ".metadata.csv")
    write_csv(pd.DataFrame(rows, columns=["key", "value"]), side,
              "international" if convention == "international" else "flemish")
    return side
