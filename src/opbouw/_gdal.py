"""GDAL drivers opbouw lets open a file; the rest are not even registered.

Set as ``GDAL_SKIP`` when :mod:`opbouw` is imported, before pyogrio registers GDAL's
drivers (GDAL reads the option only then). :mod:`opbouw.data.geo_safety` refuses to open
anything when another driver is registered all the same.
"""

from __future__ import annotations

import os

ALLOWED_DRIVERS = ("GeoJSON", "GPKG", "ESRI Shapefile", "FlatGeobuf")
# Every vector driver of GDAL 3.12 except the four above, and the raster VRT.
SKIPPED_DRIVERS = (
    "ADBC AIVector AVCBin AVCE00 AmigoCloud CSV CSW Carto DGN DXF EDIGEO EEDA ESRIJSON "
    "Elasticsearch GDALG GML GPSBabel GPX GTFS GeoJSONSeq GeoRSS HTTP Idrisi JML JSONFG KML "
    "LIBKML LVBAG MBTiles MVT MapML MiraMonVector NGW OAPIF ODS OGCAPI OGR_GMT OGR_PDS OGR_VRT "
    "OSM OpenFileGDB PCIDSK PDF PDS4 PGDUMP PLSCENES PMTiles S57 SQLite SXF Selafin TopoJSON "
    "VDV VFK VICAR WAsP WFS XLSX VRT"
).split()


def skip_unused_drivers() -> None:
    """Add the unused drivers to ``GDAL_SKIP`` (keeping what the user already skips)."""
    current = [d for d in os.environ.get("GDAL_SKIP", "").replace(" ", ",").split(",") if d]
    os.environ["GDAL_SKIP"] = ",".join(dict.fromkeys(current + SKIPPED_DRIVERS))
    # no network access from GDAL, whatever a file refers to
    os.environ["GDAL_HTTP_TIMEOUT"] = "1"
    os.environ["CPL_VSIL_CURL_ALLOWED_EXTENSIONS"] = ".opbouw-no-network"
