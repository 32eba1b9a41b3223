"""Which geometry files GDAL may open: the four formats opbouw reads, proven by content.

GDAL picks its driver by what a file contains, not by its name. An OGR VRT saved as
``.geojson`` once made the import preview show another organisation's data and the
password hashes from the application's own database; a ``/vsicurl/`` source made the
server send HTTP requests; a GDALG file runs a GDAL pipeline. So, before GDAL sees a file:

1. drivers other than GeoJSON, GPKG, ESRI Shapefile and FlatGeobuf are not registered
   (``GDAL_SKIP``, set when :mod:`opbouw` is imported) and an open is refused when any
   of them is registered anyway (fail closed);
2. the path is a plain local file, never a ``/vsi*`` path or URL;
3. the first bytes prove one of the four formats; a GeoPackage (an SQLite file) holds no
   views, no virtual tables other than its R-tree index and no triggers beyond the
   standard ones; a zip holds only the parts of Shapefiles;
4. after opening, GDAL must name the driver the content proved.
"""

from __future__ import annotations

import re
import sqlite3
import zipfile
from pathlib import Path

from opbouw._gdal import ALLOWED_DRIVERS
from opbouw.data.limits import LIMITS, Limits, check_archive, check_file_size
from opbouw.data.problems import Problem

# "MapInfo File" cannot be named in GDAL_SKIP (its name has a space); the content check
# keeps its files out.
TOLERATED = {"MEM", "MapInfo File"}

SHAPEFILE_PARTS = (".shp", ".shx", ".dbf", ".prj", ".cpg", ".qix", ".sbn", ".sbx",
                   ".shp.xml", ".qmd")
_GPKG_IDS = (b"GPKG", b"GP10", b"GP11")
_STANDARD_TRIGGER = re.compile(
    r"^(gpkg_(tile_matrix|metadata|metadata_reference)_\w+|rtree_\w+_(insert|update\d*|delete)"
    r"|trigger_(insert|delete)_feature_count_\w+)$")
_RTREE = re.compile(r'^create virtual table\s+"?rtree_\w+"?\s+using\s+rtree\s*\(')


class GeoRefused(Exception):
    """The file is not opened; carries the problem to show."""

    def __init__(self, problem: Problem):
        self.problem = problem
        super().__init__(problem.kind)


def _refuse(path: Path, found: str) -> GeoRefused:
    return GeoRefused(Problem("geo_refused", path.name, found=found, expected="geo_formats"))


def _check_registered(path: Path) -> None:
    import pyogrio

    extra = set(pyogrio.list_drivers()) - set(ALLOWED_DRIVERS) - TOLERATED
    if extra:
        raise _refuse(path, "other_driver")


def _check_path(path: Path) -> None:
    text = str(path)
    if text.startswith(("/vsi", "vsi")) or "://" in text or "/vsi" in text:
        raise _refuse(path, "vsi_path")
    if not path.is_file():
        raise GeoRefused(Problem("unreadable_file", path.name, found=path.name,
                                 expected="readable_file"))


def _geojson_ok(head: bytes) -> bool:
    text = head.lstrip(b"\xef\xbb\xbf \t\r\n")
    if not text.startswith(b"{"):
        return False
    sample = text[:65536].decode("utf-8", errors="replace")
    if "gdal_streamed_alg" in sample or "gdal_alg" in sample:
        return False
    return bool(re.search(r'"type"\s*:\s*"(FeatureCollection|Feature)"', sample))


def _check_gpkg(path: Path) -> None:
    """A GeoPackage is an SQLite file: nothing in it may read outside it."""
    try:
        con = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True)
    except sqlite3.Error:
        raise _refuse(path, "other_driver") from None
    try:
        con.execute("PRAGMA trusted_schema = OFF")
        rows = con.execute("SELECT type, name, coalesce(sql, '') FROM sqlite_master").fetchall()
    except sqlite3.Error:
        raise _refuse(path, "other_driver") from None
    finally:
        con.close()
    for kind, name, sql in rows:
        ddl = " ".join(sql.lower().split())
        if kind == "view":
            raise _refuse(path, "gpkg_views")
        if kind == "table" and ddl.startswith("create virtual") and not _RTREE.match(ddl):
            raise _refuse(path, "gpkg_views")
        if kind == "trigger" and not _STANDARD_TRIGGER.match(name):
            raise _refuse(path, "gpkg_views")


def _is_symlink(member: zipfile.ZipInfo) -> bool:
    """Whether a zip entry is a symbolic link (Unix mode bits in its external attributes)."""
    return (member.external_attr >> 16) & 0o170000 == 0o120000


def _check_zip(path: Path, limits: Limits) -> str | None:
    """Refuse a zip that is not one or more complete Shapefiles; returns the path inside
    the archive of its one ``.shp`` when that lies in a folder (GDAL reads only the top
    level of a zip by itself), else None."""
    over = check_archive(path, limits)
    if over is not None:
        raise GeoRefused(over)
    with zipfile.ZipFile(path) as archive:
        members = [m for m in archive.infolist() if not m.is_dir()]
        shps = []
        names = set()
        for m in members:
            name = m.filename.lower().replace("\\", "/")
            if name.startswith("/") or ".." in Path(name).parts or ":" in name:
                raise GeoRefused(Problem("zip_unsafe_path", path.name,
                                         found=m.filename[:80]))
            if _is_symlink(m):
                raise GeoRefused(Problem("zip_symlink", path.name, found=m.filename[:80]))
            if not name.endswith(SHAPEFILE_PARTS):
                raise GeoRefused(Problem("zip_other_member", path.name,
                                         found=m.filename[:80]))
            names.add(name)
            if name.endswith(".shp"):
                shps.append(m)
        if not shps:
            raise GeoRefused(Problem("zip_missing_part", path.name, found=".shp",
                                     expected=", ".join(m.filename[:80] for m in members)))
        for m in shps:
            stem = m.filename.lower().replace("\\", "/")[:-4]
            for part in (".shx", ".dbf"):
                if stem + part not in names:
                    raise GeoRefused(Problem("zip_missing_part", path.name, found=part,
                                             expected=m.filename[:80]))
            with archive.open(m) as handle:
                if handle.read(4) != b"\x00\x00\x27\x0a":
                    raise _refuse(path, "vrt")
        if len(shps) == 1 and "/" in shps[0].filename.replace("\\", "/").strip("/"):
            return shps[0].filename
    return None


def _check_shp(path: Path) -> None:
    """A loose ``.shp`` needs its ``.shx`` and ``.dbf`` beside it (any case)."""
    present = {q.name.lower() for q in path.parent.iterdir()}
    for part in (".shx", ".dbf"):
        if (path.stem + part).lower() not in present:
            raise GeoRefused(Problem("zip_missing_part", path.name, found=part,
                                     expected=path.name))


def gdal_path(path: str | Path) -> str | Path:
    """What GDAL is given to open ``path``: a zip whose one Shapefile lies in a folder is
    opened at that Shapefile (``/vsizip/``, a path built here from a checked member name,
    never from the request); every other file as it is. Call after :func:`proven_driver`."""
    p = Path(path)
    if p.suffix.lower() != ".zip":
        return p
    inner = _check_zip(p, LIMITS)
    if inner is None:
        return p
    return f"/vsizip/{p.resolve()}/{inner}"


_CRS_MEMBER = re.compile(rb'"crs"\s*:\s*\{')
_OGC_CRS = re.compile(rb'https?://www\.opengis\.net/def/crs/')


def _check_geojson_crs(path: Path) -> None:
    """A GeoJSON ``crs`` that is a link (``{"type": "link", "properties": {"href": ...}}``)
    or a network address makes GDAL fetch that address while opening the file: the
    uploader would choose where the server connects. Only named systems are read (an
    OGC ``www.opengis.net/def/crs`` name is resolved locally)."""
    import mmap

    with path.open("rb") as handle, mmap.mmap(handle.fileno(), 0,
                                             access=mmap.ACCESS_READ) as data:
        for found in _CRS_MEMBER.finditer(data):
            member = _balanced(bytes(data[found.end():found.end() + 2000]))
            if b'"link"' in member or b'"href"' in member \
                    or b"://" in _OGC_CRS.sub(b"", member):
                raise _refuse(path, "crs_link")


def _balanced(text: bytes) -> bytes:
    """``text`` up to the brace that closes an object already opened before it."""
    depth = 1
    for i, byte in enumerate(text):
        depth += (byte == 0x7B) - (byte == 0x7D)
        if depth == 0:
            return text[:i]
    return text


def proven_driver(path: str | Path, limits: Limits = LIMITS) -> str:
    """The driver the file's content proves, or :class:`GeoRefused`.

    >>> import tempfile, os
    >>> with tempfile.TemporaryDirectory() as d:
    ...     p = Path(d) / "x.geojson"
    ...     _ = p.write_text('<OGRVRTDataSource><OGRVRTLayer name="x"/></OGRVRTDataSource>')
    ...     try:
    ...         proven_driver(p)
    ...     except GeoRefused as exc:
    ...         print(exc.problem.found)
    vrt
    """
    p = Path(path)
    _check_path(p)
    over = check_file_size(p, limits)
    if over is not None:
        raise GeoRefused(over)
    with p.open("rb") as handle:
        head = handle.read(65536)
    suffix = p.suffix.lower()
    if head.startswith(b"SQLite format 3\x00"):
        if head[68:72] not in _GPKG_IDS:
            raise _refuse(p, "other_driver")
        _check_gpkg(p)
        driver = "GPKG"
    elif head.startswith(b"fgb\x03fgb"):
        driver = "FlatGeobuf"
    elif head.startswith(b"\x00\x00\x27\x0a") and suffix == ".shp":
        _check_shp(p)
        driver = "ESRI Shapefile"
    elif head.startswith(b"PK\x03\x04") and suffix == ".zip":
        _check_zip(p, limits)
        driver = "ESRI Shapefile"
    elif suffix in (".geojson", ".json") and _geojson_ok(head):
        _check_geojson_crs(p)
        driver = "GeoJSON"
    elif head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"<"):
        raise _refuse(p, "vrt")
    else:
        raise _refuse(p, "other_driver")
    _check_registered(p)
    return driver


def check_opened(path: str | Path, driver: str, expected: str) -> None:
    """After GDAL opened the file, it must have used the driver the content proved."""
    if driver != expected:
        raise _refuse(Path(path), "other_driver")

