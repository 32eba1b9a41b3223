"""The first rows of an uploaded file, as the user will recognise it, next to its problems."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from opbouw.data.geo import GDAL_ERRORS, is_geo_file, open_info
from opbouw.data.rawtable import RawTableError, read_raw_table

ROWS = 12


def preview(path: Path, layer: str | None = None, sheet: str | None = None) -> dict[str, Any]:
    """``{"name", "header", "rows": [(row number, cells)], "total"}`` or an ``error``;
    of ``layer`` in a file with several, of ``sheet`` in a workbook."""
    if path.suffix.lower() in (".dbf", ".shx", ".prj", ".cpg"):
        return {"name": path.name, "sidecar": True}
    if is_geo_file(path):
        import pyogrio
        from pyogrio.errors import DataLayerError, DataSourceError

        info, problems = open_info(path, layer)
        if info is None:
            return {"name": path.name, "error": problems[0].message(web=True)}
        try:
            frame = pyogrio.read_dataframe(path, layer=info["layer"], max_features=ROWS,
                                           read_geometry=False)
        except (*GDAL_ERRORS, DataSourceError, DataLayerError):
            return {"name": path.name, "error": problems[0].message(web=True) if problems else ""}
        rows = [(i + 1, ["" if v is None else str(v) for v in rec])
                for i, rec in enumerate(frame.itertuples(index=False))]
        return {"name": path.name, "header": list(frame.columns), "rows": rows,
                "total": int(info.get("features", len(frame))), "geo": True,
                "layer": info["layer"] or ""}
    try:
        raw = read_raw_table(path, sheet, keep=ROWS)
    except RawTableError as exc:
        return {"name": path.name, "error": exc.problem.message(web=True)}
    return {"name": path.name, "header": raw.header, "rows": raw.rows[:ROWS], "sheet": sheet,
            "total": raw.n_rows, "encoding": raw.encoding, "separator": raw.separator}
