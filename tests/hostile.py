"""Hostile input files, made on the fly: each once hung, crashed or leaked through an importer.

``make(kind, folder)`` writes one and returns its path; ``KINDS`` lists them. Used by the
data-layer, CLI and web tests alike, so each attack is checked at every edge.
"""

from __future__ import annotations

import sqlite3
import zipfile
from pathlib import Path

SECRET = "opbouw-secret-line"


def _vrt(source: str, layer: str = "x", sql: str | None = None) -> str:
    inner = f"<SrcSQL>{sql}</SrcSQL>" if sql else f"<SrcLayer>{layer}</SrcLayer>"
    return (f'<OGRVRTDataSource><OGRVRTLayer name="x"><SrcDataSource>{source}</SrcDataSource>'
            f"{inner}</OGRVRTLayer></OGRVRTDataSource>")


def _secret_csv(folder: Path) -> Path:
    path = folder / "secret.csv"
    path.write_text(f"code;naam\n1;{SECRET}\n")
    return path


def _xlsx(folder: Path, name: str, sheet_xml: str, shared: str | None = None) -> Path:
    """A minimal workbook with the given sheet XML (and shared strings)."""
    path = folder / name
    types = ('<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/'
             '2006/content-types"><Default Extension="rels" ContentType="application/vnd.'
             'openxmlformats-package.relationships+xml"/><Default Extension="xml" '
             'ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
             'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.'
             'sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType='
             '"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
             + ('<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.'
                'openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
                if shared else "") + "</Types>")
    rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
            'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
            'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
            'Target="xl/workbook.xml"/></Relationships>')
    workbook = ('<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/'
                'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/'
                'officeDocument/2006/relationships"><sheets><sheet name="Blad1" sheetId="1" '
                'r:id="rId1"/></sheets></workbook>')
    wb_rels = ('<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/'
               'package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
               'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
               'Target="worksheets/sheet1.xml"/>'
               + ('<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/'
                  'officeDocument/2006/relationships/sharedStrings" '
                  'Target="sharedStrings.xml"/>' if shared else "")
               + "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/worksheets/sheet1.xml", sheet_xml)
        if shared:
            z.writestr("xl/sharedStrings.xml", shared)
    return path


_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def make(kind: str, folder: Path) -> Path:
    """Write the hostile file ``kind`` into ``folder``; returns its path."""
    folder.mkdir(parents=True, exist_ok=True)
    if kind == "vrt_as_geojson":
        path = folder / "gebieden.geojson"
        path.write_text(_vrt(str(_secret_csv(folder)), "secret"))
    elif kind == "vrt_passwd_as_json":
        path = folder / "gebieden.json"
        path.write_text(_vrt("CSV:/etc/passwd", "passwd"))
    elif kind == "vrt_sql_as_gpkg":
        db = folder / "app.sqlite3"
        con = sqlite3.connect(db)
        con.execute("CREATE TABLE auth_user (code TEXT, password TEXT)")
        con.execute("INSERT INTO auth_user VALUES ('1', ?)", (SECRET,))
        con.commit()
        con.close()
        path = folder / "gebieden.gpkg"
        path.write_text(_vrt(str(db), sql="SELECT code, password FROM auth_user"))
    elif kind == "vrt_vsicurl_as_shp":
        path = folder / "gebieden.shp"
        path.write_text(_vrt("/vsicurl/http://127.0.0.1:9/x.geojson"))
    elif kind == "vrt_in_zip":
        path = folder / "gebieden.zip"
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("gebieden.vrt", _vrt(str(_secret_csv(folder)), "secret"))
    elif kind == "vrt_as_fgb":
        path = folder / "gebieden.fgb"
        path.write_text("\n  " + _vrt("CSV:/etc/passwd", "passwd"))
    elif kind == "gdalg_as_geojson":
        path = folder / "gebieden.geojson"
        path.write_text('{"type": "gdal_streamed_alg", "command_line": "gdal vector '
                        'pipeline ! read /etc/passwd ! write --of stream streamed_dataset"}')
    elif kind == "gpkg_with_view":
        path = folder / "gebieden.gpkg"
        _good_gpkg(path)
        con = sqlite3.connect(path)
        con.execute("CREATE VIEW leak AS SELECT * FROM sqlite_master")
        con.commit()
        con.close()
    elif kind == "gpkg_without_geometry":
        import pandas as pd
        import pyogrio

        path = folder / "gebieden.gpkg"
        pyogrio.write_dataframe(pd.DataFrame({"code": ["11001"], "naam": ["A"]}), path,
                                layer="tabel", driver="GPKG")
    elif kind == "nan_coordinates":
        path = folder / "gebieden.geojson"
        path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                        '"properties": {"code": "11001"}, "geometry": {"type": "Polygon", '
                        '"coordinates": [[[4.0, 51.0], [NaN, 51.0], [4.1, 51.1], '
                        '[4.0, 51.0]]]}}]}')
    elif kind == "unclosed_ring":  # GEOS refuses to build it (a tester's web 500)
        path = folder / "open_ring.geojson"
        path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                        '"properties": {"code": "46021"}, "geometry": {"type": "Polygon", '
                        '"coordinates": [[[0, 0], [1, 1]]]}}]}')
    elif kind == "xlsx_max_dimension":
        path = _xlsx(folder, "dimensie.xlsx",
                     f'<?xml version="1.0"?><worksheet {_NS}><dimension ref="A1:XFD1048576"/>'
                     '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>code</t></is></c>'
                     '<c r="B1" t="inlineStr"><is><t>residents</t></is></c></row>'
                     '<row r="2"><c r="A2" t="inlineStr"><is><t>11001</t></is></c>'
                     '<c r="B2"><v>5</v></c></row></sheetData></worksheet>')
    elif kind == "xlsx_zip_bomb":
        rows = "".join(f'<row r="{i}"><c r="A{i}"><v>{i}</v></c></row>' for i in range(1, 2))
        padding = " " * (50 * 2**20)
        path = _xlsx(folder, "bom.xlsx",
                     f'<?xml version="1.0"?><worksheet {_NS}><sheetData>{rows}</sheetData>'
                     f"</worksheet><!--{padding}-->")
    elif kind == "xlsx_entity_expansion":
        lol = '<!ENTITY a "aaaaaaaaaa">' + "".join(
            f'<!ENTITY {chr(98 + i)} "{("&" + chr(97 + i) + ";") * 10}">' for i in range(8))
        path = _xlsx(folder, "lol.xlsx",
                     f'<?xml version="1.0"?><!DOCTYPE worksheet [{lol}]><worksheet {_NS}>'
                     '<sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&i;</t></is></c>'
                     "</row></sheetData></worksheet>")
    elif kind == "xlsx_external_entity":
        path = _xlsx(folder, "xxe.xlsx",
                     '<?xml version="1.0"?><!DOCTYPE worksheet [<!ENTITY x SYSTEM '
                     f'"file:///etc/passwd">]><worksheet {_NS}><sheetData><row r="1">'
                     '<c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData>'
                     "</worksheet>")
    elif kind == "csv_100000_columns":
        path = folder / "breed.csv"
        header = ";".join(["code"] + [f"i{i}" for i in range(100_000)])
        path.write_text(header + "\n" + ";".join(["11001"] + ["1"] * 100_000) + "\n")
    elif kind == "utf16_odd_length":
        path = folder / "unicode.txt"
        path.write_bytes("code\tresidents\n11001\t5\n".encode("utf-16") + b"\x00")
    elif kind == "xlsx_no_sheets":
        path = _xlsx(folder, "leeg.xlsx", f'<?xml version="1.0"?><worksheet {_NS}/>')
        with zipfile.ZipFile(path) as z:
            parts = {n: z.read(n) for n in z.namelist()}
        parts["xl/workbook.xml"] = parts["xl/workbook.xml"].replace(
            b'<sheets><sheet name="Blad1" sheetId="1" r:id="rId1"/></sheets>', b"<sheets/>")
        with zipfile.ZipFile(path, "w") as z:
            for name, data in parts.items():
                z.writestr(name, data)
    elif kind == "geojson_many_properties":
        path = folder / "breed.geojson"
        props = ", ".join(f'"p{i}": {i}' for i in range(3000))
        path.write_text('{"type": "FeatureCollection", "features": [{"type": "Feature", '
                        f'"properties": {{"code": "11001", {props}}}, "geometry": '
                        '{"type": "Point", "coordinates": [4.0, 51.0]}}]}')
    elif kind == "gpkg_named_trigger":
        path = folder / "gebieden.gpkg"
        _good_gpkg(path)
        con = sqlite3.connect(path)
        con.execute("CREATE TRIGGER gpkg_evil AFTER INSERT ON gebieden BEGIN SELECT 1; END")
        con.commit()
        con.close()
    elif kind == "gpkg_disguised_virtual_table":
        path = folder / "gebieden.gpkg"
        _good_gpkg(path)
        con = sqlite3.connect(path)
        con.execute("PRAGMA writable_schema = ON")
        con.execute("INSERT INTO sqlite_master VALUES ('table', 'x', 'x', 0, "
                    "'CREATE VIRTUAL TABLE x USING VirtualOGR(''/etc/passwd'') "
                    "/* using rtree( */')")
        con.commit()
        con.close()
    elif kind == "csv_unclosed_quote":
        path = folder / "quote.csv"
        path.write_text('code;residents\n11001;"5\n11002;6\n')
    elif kind == "csv_huge_cell":
        path = folder / "cel.csv"
        path.write_text("code;residents\n11001;" + "1" * 50_000 + "\n")
    else:
        raise ValueError(kind)
    return path


def _good_gpkg(path: Path) -> None:
    import geopandas as gpd
    from shapely.geometry import box

    gpd.GeoDataFrame({"code": ["11001"], "naam": ["A"]}, geometry=[box(0, 0, 1, 1)],
                     crs="EPSG:31370").to_file(path, layer="gebieden")


KINDS = ("vrt_as_geojson", "vrt_passwd_as_json", "vrt_sql_as_gpkg", "vrt_vsicurl_as_shp",
         "vrt_in_zip", "vrt_as_fgb", "gdalg_as_geojson", "gpkg_with_view",
         "gpkg_without_geometry", "nan_coordinates", "xlsx_zip_bomb",
         "xlsx_entity_expansion", "xlsx_external_entity", "csv_100000_columns",
         "utf16_odd_length", "xlsx_no_sheets", "geojson_many_properties",
         "gpkg_named_trigger", "gpkg_disguised_virtual_table", "csv_unclosed_quote",
         "csv_huge_cell", "unclosed_ring")
"""The kinds that must be refused with a problem (the max-dimension workbook is valid)."""
