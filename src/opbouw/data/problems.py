"""Problems found in input files, each with file, row, column, value found and expectation.

Rows are numbered as a spreadsheet shows them (the header is row 1); columns are named by
their header. Messages are rendered in the user's language (Dutch by default).
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from enum import Enum

from opbouw.i18n import BABEL_LOCALES, current_language, gettext


class Severity(str, Enum):
    """An error blocks the import; a warning is shown but does not; a note only informs
    (e.g. how many cells were read as missing), so that nothing is dropped unseen."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


# kind -> English msgid; the Dutch is in the catalogue of opbouw.i18n. Placeholders:
# {found}, {expected}.
MESSAGES: dict[str, str] = {
    "unreadable_file": "The file cannot be read: {found}. Expected: {expected}.",
    "unsupported_format": "File type '{found}' is not supported. Expected: {expected}.",
    "empty_file": "The file holds no data. Expected: a header row and at least one row.",
    "empty_layer": (
        "The layer holds no features. Expected: at least one feature, an area with its "
        "(multi)polygon."
    ),
    "empty_sheet": (
        "Sheet '{found}' is empty (other sheets: {expected}). Expected: at least one row "
        "below a header row."
    ),
    "missing_column": "A required column is missing. Expected: a column {expected}.",
    "duplicate_column": (
        "Column name '{found}' appears more than once (columns {expected}). Expected: unique "
        "column names."
    ),
    "ragged_row": "Row has {found} fields, the header {expected}. Check the separator.",
    "missing_code": "Area code is missing. Expected: a code such as {expected}.",
    "duplicate_code": (
        "Area code '{found}' appears more than once (also on row {expected}). Expected: each "
        "code once."
    ),
    "duplicate_value": (
        "Value for '{found}' is given more than once (also on row {expected}). Expected: one "
        "value per area, indicator and year."
    ),
    "unknown_code": (
        "Area code '{found}' is unknown. Expected: a code from the areas file{expected}."
    ),
    "lost_leading_zero": (
        "Area code '{found}' lost a leading zero (Excel stored it as a number); read as "
        "'{expected}'. Store the column as text to avoid this."
    ),
    "duplicate_across_files": (
        "Code '{found}' is also in {expected}. Expected: each area or value in one file."
    ),
    "same_code_other_level": (
        "Code '{found}' is also in {expected} at another level; both are read as the same "
        "area (the first file counts)."
    ),
    "missing_values": (
        "{found} cell(s) read as missing (text x count -> rows: {expected}); they do not "
        "count (never as 0)."
    ),
    "not_numeric": "Value '{found}' is not a number. Expected: {expected}.",
    "share_out_of_range": "Percentage {found} lies outside 0-100 %. Expected: {expected}.",
    "negative_count": "Count {found} is negative. Expected: a count of 0 or more.",
    "numerator_above_denominator": "Numerator {found} is larger than the denominator {expected}.",
    "missing_indicator": "Indicator '{found}' is missing. Expected: all indicators of {expected}.",
    "unknown_indicator": (
        "'{found}' is not a known indicator; read without unit or direction. Add a definition "
        "with --catalogue if that is wrong."
    ),
    "text_column": "Column '{found}' holds no numbers and is skipped (not an indicator).",
    "scattered_years": (
        "Values of {found} are spread over the years {expected}; no year has values for most "
        "areas."
    ),
    "bad_year": "Year '{found}' is not a valid year. Expected: {expected}.",
    "unknown_level": "Level '{found}' is unknown. Expected: one of {expected}.",
    "unknown_parent": (
        "Parent area '{found}' is not in the file. Expected: a code from the code column."
    ),
    "parent_self": (
        "Area '{found}' names itself as its parent. Expected: the code of a larger area "
        "that contains it, or an empty cell."
    ),
    "parent_cycle": (
        "The parents form a loop: {found}. Expected: parents that lead up to a top area "
        "without coming back."
    ),
    "parent_level_not_above": (
        "Parent area '{found}' is a {expected}, a level that is not above this area's level. "
        "Expected: a parent at a higher level (e.g. a municipality for a sub-municipality)."
    ),
    "geometry_unparsable": "Geometry cannot be read: {found}. Expected: {expected}.",
    "geometry_not_polygon": "The geometry is a {found}, not an area. Expected: {expected}.",
    "geometry_invalid": "Geometry is invalid: {found}. Expected: {expected}.",
    "geometry_not_built": (
        "The geometry of area '{found}' cannot be built: a ring is not closed or has too few "
        "points. Expected: {expected}; repair it in your GIS (e.g. 'Fix geometries')."
    ),
    "crs_missing": "The coordinate reference system (CRS) is missing. Expected: {expected}.",
    "limit_file_size": (
        "The file is too large ({found}); the limit is {expected}. Split the file, e.g. by "
        "year, indicator or province, and upload the parts together."
    ),
    "limit_unpacked": (
        "The archive unpacks to {found}; the limit is {expected}. Split the file into smaller "
        "workbooks or archives."
    ),
    "limit_ratio": (
        "The archive is compressed {found} times; the limit is {expected} (a zip bomb?). Save "
        "the file again from Excel or your GIS."
    ),
    "limit_members": "The archive holds {found} files; the limit is {expected}.",
    "limit_rows": (
        "The file has more rows than allowed ({found}); the limit is {expected}. Split the "
        "file, e.g. by year or by indicator."
    ),
    "limit_columns": (
        "Too many columns ({found}); the limit is {expected}. Split the table into parts with "
        "fewer indicators, or use the long form (code;indicator;year;value)."
    ),
    "limit_cells": (
        "The file has more cells than allowed ({found}); the limit is {expected}. Split the "
        "file, e.g. by year or by indicator."
    ),
    "limit_cell": (
        "A cell holds {found} characters; the limit is {expected}. Check the quotes in the "
        'file (an unclosed " reads the rest as one cell).'
    ),
    "limit_features": (
        "The layer has {found} features; the limit is {expected}. Split the layer, e.g. by "
        "province."
    ),
    "limit_vertices": (
        "The geometry has {found} vertices; the limit is {expected}. Simplify the geometry in "
        "your GIS (e.g. to 1 m) or split the layer."
    ),
    "geo_refused": "This file is not opened: {found}. Expected: {expected}.",
    "no_geometry": (
        "The layer has no geometry column. Expected: a layer with (multi)polygons, or a table "
        "as CSV/XLSX."
    ),
    "too_long": "'{found}' is too long; the database keeps at most {expected} characters.",
    "kind_unknown": (
        "It is unclear whether this is an areas file or an indicator file (columns: {found}). "
        "Expected: {expected}."
    ),
    "crs_assumed": (
        "The file has no coordinate reference system (CRS); its coordinates fit {found}, "
        "which is assumed. Add the .prj file or pass --crs if that is wrong."
    ),
    "crs_mismatch": (
        "The coordinates do not fit the coordinate reference system {found}: they lie "
        "outside its area of use ({expected}). Are they in another system, e.g. degrees "
        "(WGS84) labelled as Lambert 72? Set the right CRS in your GIS."
    ),
    "axes_swapped": (
        "The coordinates seem to have latitude and longitude swapped: they lie outside "
        "Belgium ({found}, longitude latitude), and swapped they would lie inside it. "
        "Expected: longitude first, as GeoJSON requires (e.g. [3.72, 51.05] for Ghent)."
    ),
    "outside_belgium": (
        "The areas lie outside Belgium ({found}, longitude latitude). Check the file's "
        "coordinate reference system (CRS) if that is wrong."
    ),
    "geometry_empty_after_projection": (
        "The geometry becomes empty or infinite when projected from {found} to {expected}. "
        "Check the file's coordinate reference system (CRS)."
    ),
    "count_too_large": (
        "Count {found} is not plausible: a count is at most {expected}. Check the decimal "
        "mark, the unit and the column."
    ),
    "value_too_large": (
        "Value {found} is too large to compute with (at most {expected}). Check the decimal "
        "mark, the unit and the column."
    ),
    "not_utf8": (
        "The bytes {found} are not UTF-8, although the file starts with the UTF-8 mark "
        "(BOM). Save the file as 'CSV UTF-8' in Excel, or as UTF-8 in your editor."
    ),
    "mixed_utf8": (
        "The bytes {found} are not UTF-8, although other lines of the file are (it mixes two "
        "encodings). Save the file as 'CSV UTF-8' in Excel, or as UTF-8 in your editor."
    ),
    "no_rows": "The file has a header but no rows. Expected: at least one row below the header.",
    "formula_without_value": (
        "Cell {found} holds a formula without a saved value, so it would be read as missing. "
        "Open and save the file in Excel, or paste the values (Paste special > Values)."
    ),
    "ambiguous_thousands": (
        "Every value with a decimal mark in this column has exactly three digits after it, "
        "such as '{found}': it is read as a decimal number, not as {expected}. If the mark "
        "separates thousands, remove it or choose the right decimal mark."
    ),
    "merged_cells": (
        "Cells {found} on sheet '{expected}' are merged, so all but the first would be read "
        "as missing. Unmerge the cells and fill in each one."
    ),
    "merged_more": "{found} more merged ranges.",
    "formulas_more": "{found} more cells hold a formula without a saved value.",
    "sheet_hidden": (
        "Sheet '{found}' that is read is hidden in Excel; the other sheets are: {expected}. "
        "Check that this is the right sheet, or choose one with --sheet."
    ),
    "sheet_first_of_several": (
        "The workbook has several sheets; the first, '{found}', is read (others: "
        "{expected}). Choose another with --sheet if that is wrong."
    ),
    "several_layers": (
        "The file has several layers: {found}. Choose one: --layer on the command line, the "
        "layer choice in the web import."
    ),
    "missing_layer": "Layer '{found}' is not in the file. Expected: one of {expected}.",
    "zip_unsafe_path": (
        "The archive holds '{found}', a path that points outside the archive; it is not "
        "opened. Expected: the files of a Shapefile, without folders such as ../."
    ),
    "zip_other_member": (
        "The archive holds '{found}', which is not part of a Shapefile. Expected: only "
        ".shp, .shx, .dbf, .prj and .cpg files."
    ),
    "zip_missing_part": (
        "The Shapefile lacks its {found} file (next to {expected}). Expected: the .shp, .shx "
        "and .dbf files of one Shapefile together (and the .prj for its coordinate "
        "reference system), zipped or uploaded together."
    ),
    "zip_symlink": (
        "The archive holds '{found}', a symbolic link; it is not opened. Expected: the "
        "files of a Shapefile themselves. Zip the files again, without links."
    ),
    "code_invisible_char": (
        "Area code '{found}' holds an invisible character ({expected}). Expected: a code of "
        "visible characters only; remove the character (it often comes with text copied "
        "from a web page or document)."
    ),
    "code_non_ascii_digit": (
        "Area code '{found}' holds a digit that is not an ordinary digit 0-9 ({expected}). "
        "Expected: a code with the digits 0-9; type the code again."
    ),
    "code_too_long": (
        "Area code '{found}' is longer than {expected} characters. Expected: a short code "
        "such as 44021; is this the code column?"
    ),
}

# What the web import says instead, where a message names a command-line option that a
# web user cannot give (kind or phrase -> English msgid).
WEB_MESSAGES: dict[str, str] = {
    "crs_assumed": (
        "The file has no coordinate reference system (CRS); its coordinates fit {found}, "
        "which is assumed. If that is wrong, upload the .prj file with the Shapefile or set "
        "the CRS in your GIS."
    ),
    "several_layers": "The file has several layers: {found}. Choose one in the layer choice.",
    "sheet_hidden": (
        "Sheet '{found}' that is read is hidden in Excel; the other sheets are: {expected}. "
        "Check that this is the right sheet, or choose another in the sheet choice."
    ),
    "sheet_first_of_several": (
        "The workbook has several sheets; the first, '{found}', is read (others: "
        "{expected}). Choose another in the sheet choice if that is wrong."
    ),
}
WEB_PHRASES: dict[str, str] = {
    "crs": "a file with a CRS, e.g. Lambert 72 (EPSG:31370); set it in your GIS, or upload "
           "the .prj file with a Shapefile",
}

# Translatable phrases used as ``expected``; other texts are shown as they are.
PHRASES: dict[str, str] = {
    "percentage": "a percentage between 0 and 100",
    "number": "a number, e.g. 12.5",
    "year_range": "a year between 1800 and 2100",
    "code_column": "'code' (or 'NIS code')",
    "the_set": "the requested set",
    "crs": "a file with a CRS, e.g. Lambert 72 (EPSG:31370), or pass --crs",
    "wkt": "a geometry as WKT, e.g. POLYGON ((0 0, 1 0, 1 1, 0 0))",
    "polygon": "a (multi)polygon",
    "valid_polygon": "a valid (multi)polygon without self-intersection",
    "population": "a number of inhabitants of 0 or more",
    "tabular_or_geo": "a CSV/XLSX table or a GeoJSON/GeoPackage/Shapefile",
    "csv_text": "a CSV text file or an .xlsx workbook",
    "xlsx": "an Excel workbook (.xlsx)",
    "readable_file": "an existing, readable file",
    "csv_utf8": "a text file saved as 'CSV UTF-8' (or an .xlsx workbook)",
    "csv_quoting": 'each quoted cell closed with " (a " inside a cell written as "")',
    "geo_formats": "GeoJSON, GeoPackage, Shapefile (also zipped) or FlatGeobuf",
    "areas_or_indicators": "a code column plus level/parent/geometry (areas) or indicator columns",
    # the areas of use pyproj names (in English) for the CRSs Flemish files use
    "Belgium - onshore": "Belgium - onshore",
    "World": "World",
}

# Translatable descriptions used as ``found`` (a value found in a file is shown as it is).
FOUND_PHRASES: dict[str, str] = {
    "not_zip": "not a valid zip archive",
    "binary": "binary content",
    "binary_file": "this looks like a binary file, not text",
    "utf16_no_bom": "this looks like UTF-16 text without its byte order mark (BOM)",
    "unclosed_quote": 'a quote (") that opens a cell but is never closed',
    "text_after_quote": 'text right after the closing quote (") of a cell',
    "bad_utf16": "invalid UTF-16 text",
    "unsafe_xml": "unsafe XML (entities or external references)",
    "vrt": "an OGR VRT or other referring file",
    "gpkg_views": "a GeoPackage with views, virtual tables or unknown triggers",
    "vsi_path": "a GDAL /vsi path or network address",
    "crs_link": "a coordinate reference system given as a link or web address (only a "
                "named system such as EPSG:31370 is read)",
    "other_driver": "a format opbouw does not read",
    "bad_workbook": "a workbook that does not follow the Excel format",
    "gdal_unreadable": "GDAL finds no valid data in it",
    "nonfinite": "coordinates that are not numbers (NaN or infinite)",
}

_NUMBER = "\x1e"
_NUMBERS = re.compile(f"{_NUMBER}([^{_NUMBER}]*){_NUMBER}")


def number(value: float) -> str:
    """A number the program computed (a count, a limit, a parsed value), to put in
    ``found`` or ``expected``: it is written in the reader's language when the message is
    rendered (``1.234,5`` in Dutch). A value *read from a file* is shown as it is.

    >>> Problem("limit_columns", "a.csv", found=number(2500), expected=number(2000)).message()
    'Te veel kolommen (2.500); de grens is 2.000. Splits de tabel in delen met minder \
indicatoren, of gebruik de lange vorm (code;indicator;jaar;waarde).'
    """
    return f"{_NUMBER}{float(value)!r}{_NUMBER}"


def format_number(value: float, lang: str | None = None) -> str:
    """``value`` in the language's notation; very large or small ones in scientific form.

    >>> format_number(1234.5), format_number(1234.5, "en"), format_number(1e308)
    ('1.234,5', '1,234.5', '1E308')
    """
    from babel.numbers import format_decimal, format_scientific

    locale = BABEL_LOCALES[current_language(lang)]
    if not math.isfinite(value):
        return str(value)
    if value != 0 and not 1e-4 <= abs(value) < 1e15:
        return format_scientific(value, format="0.##E0", locale=locale)
    # 15 significant digits: a value just above a limit (1e9 + 0.5) is shown above it,
    # while a float's last-digit noise (0.30000000000000004) is not
    return format_decimal(float(f"{value:.15g}"), format="#,##0.##########", locale=locale)


def _numbers(text: str, lang: str | None) -> str:
    if _NUMBER not in text:
        return text
    return _NUMBERS.sub(lambda m: format_number(float(m.group(1)), lang), text)

# The words of a location, as English msgids.
LABELS = {"file": "file", "row": "row", "column": "column", "object": "feature", "error": "error",
          "warning": "warning", "note": "note"}


@dataclass(frozen=True)
class Problem:
    """One problem in an input file.

    ``row`` is the spreadsheet row (header = 1) or, for geometry files, the feature
    number (1-based, ``row_is_feature``); ``column`` is the header name.
    """

    kind: str
    file: str
    row: int | None = None
    column: str | None = None
    found: str = ""
    expected: str = ""
    severity: Severity = Severity.ERROR
    row_is_feature: bool = field(default=False, compare=False)

    def message(self, lang: str | None = None, web: bool = False) -> str:
        """The message in the user's language, without the location; ``web`` words it for
        the web import, where command-line options such as ``--crs`` do not exist."""
        text = (web and WEB_MESSAGES.get(self.kind)) or MESSAGES[self.kind]
        phrases = {**PHRASES, **WEB_PHRASES} if web else PHRASES
        return gettext(text, lang).format(
            found=self.found_text(lang),
            expected=_numbers(_phrase(phrases, self.expected, lang), lang))

    def found_text(self, lang: str | None = None) -> str:
        """What was found, as the user reads it (phrases translated, numbers formatted)."""
        return _numbers(_phrase(FOUND_PHRASES, self.found, lang), lang)

    def location(self, lang: str | None = None) -> str:
        """``file, rij 5, kolom waarde`` in the user's language."""
        parts = [self.file]
        if self.row is not None:
            word = LABELS["object" if self.row_is_feature else "row"]
            parts.append(f"{gettext(word, lang)} {self.row}")
        if self.column is not None:
            parts.append(f"{gettext(LABELS['column'], lang)} {self.column}")
        return ", ".join(parts)

    def render(self, lang: str | None = None, web: bool = False) -> str:
        """Location and message on one line."""
        return f"{self.location(lang)}: {self.message(lang, web)}"

    @property
    def is_error(self) -> bool:
        """Whether this problem blocks the import."""
        return self.severity is Severity.ERROR


def _phrase(table: dict[str, str], text: str, lang: str | None) -> str:
    if text == AREA_LEVELS:
        return _area_levels(lang)
    if text.startswith("level:"):
        from opbouw.wording import level_noun

        return level_noun(text[6:], 1, lang)
    phrase = table.get(text)
    return gettext(phrase, lang) if phrase else text


AREA_LEVELS = "area_levels"
"""``expected`` for the list of area levels, named in the reader's language."""


def _area_levels(lang: str | None) -> str:
    from opbouw.model.areas import DEFAULT_LEVELS
    from opbouw.wording import level_noun

    return ", ".join(level_noun(lv.key, 1, lang) for lv in DEFAULT_LEVELS)


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that block an import."""
    return [p for p in problems if p.is_error]
