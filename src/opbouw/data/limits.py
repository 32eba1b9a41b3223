"""Input limits, checked before a file is parsed.

A 1.5 KB workbook can declare a million rows, a 1 MB zip can unpack to gigabytes and a
short CSV can hold 100,000 columns: each of these once made the server spin or run out of
memory. Every reader checks what it can before parsing (file size, the sizes an archive
declares) and counts rows, columns and cells while it reads, stopping at the first limit
with a problem that names the limit and how to split the file.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass
from pathlib import Path

from opbouw.data.problems import Problem, number

MIB = 2**20


@dataclass(frozen=True)
class Limits:
    """What one input file may hold; generous for real area data, small for attacks.

    The largest real layer opbouw users have (19,800 statistical sectors with polygons) is
    about 20 MB as GeoPackage; 500,000 indicator values in a long CSV are about 20 MB.
    """

    file_bytes: int = 50 * MIB
    unpacked_bytes: int = 200 * MIB
    shared_strings_bytes: int = 50 * MIB
    ratio: float = 100.0
    archive_members: int = 1_000
    rows: int = 1_000_000
    columns: int = 2_000
    cells: int = 4_000_000
    cell_chars: int = 10_000
    features: int = 100_000
    vertices: int = 25_000_000


LIMITS = Limits()


def _mb(n: float) -> str:
    return f"{number(round(n / MIB, 1))} MB"


def check_file_size(path: Path, limits: Limits = LIMITS) -> Problem | None:
    """A problem when the file is larger than allowed (read from the file system only)."""
    size = path.stat().st_size
    if size > limits.file_bytes:
        return Problem("limit_file_size", path.name, found=_mb(size),
                       expected=_mb(limits.file_bytes))
    return None


def check_archive(path: Path, limits: Limits = LIMITS) -> Problem | None:
    """A problem when a zip (XLSX, zipped Shapefile) would unpack to too much.

    Uses the sizes in the archive's directory; Python's zipfile never returns more bytes
    than a member declares, so a member that lies about its size cannot exceed them.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return Problem("unreadable_file", path.name, found="not_zip",
                       expected="tabular_or_geo")
    if len(members) > limits.archive_members:
        return Problem("limit_members", path.name, found=number(len(members)),
                       expected=number(limits.archive_members))
    unpacked = sum(m.file_size for m in members)
    packed = sum(m.compress_size for m in members)
    if unpacked > limits.unpacked_bytes:
        return Problem("limit_unpacked", path.name, found=_mb(unpacked),
                       expected=_mb(limits.unpacked_bytes))
    strings = sum(m.file_size for m in members if m.filename.lower().endswith("sharedstrings.xml"))
    if strings > limits.shared_strings_bytes:
        return Problem("limit_unpacked", path.name, found=_mb(strings),
                       expected=_mb(limits.shared_strings_bytes))
    if unpacked > MIB and unpacked > limits.ratio * max(packed, 1):
        return Problem("limit_ratio", path.name, found=number(round(unpacked / max(packed, 1))),
                       expected=number(limits.ratio))
    return None


class Counter:
    """Counts rows and cells while a table is read; returns the first limit passed."""

    def __init__(self, file: str, limits: Limits = LIMITS):
        self.file = file
        self.limits = limits
        self.rows = 0
        self.cells = 0

    def header(self, n_columns: int, longest: int = 0) -> Problem | None:
        """A problem when the table has more columns (or longer names) than allowed."""
        if n_columns > self.limits.columns:
            return Problem("limit_columns", self.file, row=1, found=number(n_columns),
                           expected=number(self.limits.columns))
        if longest > self.limits.cell_chars:
            return Problem("limit_cell", self.file, row=1, found=number(longest),
                           expected=number(self.limits.cell_chars))
        return None

    def row(self, at: int, n_cells: int, longest: int = 0) -> Problem | None:
        """Count one row; a problem on the row where a limit is passed.

        ``longest`` is the length of the row's longest cell: a single cell of megabytes
        makes the number checks that follow quadratic.
        """
        self.rows += 1
        self.cells += n_cells
        if n_cells > self.limits.columns:
            return Problem("limit_columns", self.file, row=at, found=number(n_cells),
                           expected=number(self.limits.columns))
        if longest > self.limits.cell_chars:
            return Problem("limit_cell", self.file, row=at, found=number(longest),
                           expected=number(self.limits.cell_chars))
        if self.rows > self.limits.rows:
            return Problem("limit_rows", self.file, row=at,
                           found=f"> {number(self.limits.rows)}",
                           expected=number(self.limits.rows))
        if self.cells > self.limits.cells:
            return Problem("limit_cells", self.file, row=at,
                           found=f"> {number(self.limits.cells)}",
                           expected=number(self.limits.cells))
        return None
