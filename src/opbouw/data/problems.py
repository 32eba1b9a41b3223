"""Problems found in input files, each with file, row, column, value found and expectation.

Rows are numbered as a spreadsheet shows them (the header is row 1); columns are named by
their header. Messages are rendered in the user's language (Dutch by default).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from opbouw.i18n import current_language


class Severity(str, Enum):
    """An error blocks the import; a warning is shown but does not; a note only informs
    (e.g. how many cells were read as missing), so that nothing is dropped unseen."""

    ERROR = "error"
    WARNING = "warning"
    NOTE = "note"


# kind -> (Dutch, English). Placeholders: {found}, {expected} and any extra detail keys.
MESSAGES: dict[str, tuple[str, str]] = {
    "unreadable_file": (
        "Het bestand kan niet gelezen worden: {found}. Verwacht: {expected}.",
        "The file cannot be read: {found}. Expected: {expected}.",
    ),
    "unsupported_format": (
        "Bestandstype '{found}' wordt niet ondersteund. Verwacht: {expected}.",
        "File type '{found}' is not supported. Expected: {expected}.",
    ),
    "empty_file": (
        "Het bestand bevat geen gegevens. Verwacht: een kopregel en minstens één rij.",
        "The file holds no data. Expected: a header row and at least one row.",
    ),
    "missing_column": (
        "Verplichte kolom ontbreekt. Verwacht: een kolom {expected}.",
        "A required column is missing. Expected: a column {expected}.",
    ),
    "duplicate_column": (
        "Kolomnaam '{found}' komt meer dan eens voor. Verwacht: unieke kolomnamen.",
        "Column name '{found}' appears more than once. Expected: unique column names.",
    ),
    "ragged_row": (
        "Rij heeft {found} velden, de kopregel {expected}. Controleer het scheidingsteken.",
        "Row has {found} fields, the header {expected}. Check the separator.",
    ),
    "missing_code": (
        "Gebiedscode ontbreekt. Verwacht: een code zoals {expected}.",
        "Area code is missing. Expected: a code such as {expected}.",
    ),
    "duplicate_code": (
        "Gebiedscode '{found}' komt meer dan eens voor (ook op rij {expected}). "
        "Verwacht: elke code één keer.",
        "Area code '{found}' appears more than once (also on row {expected}). "
        "Expected: each code once.",
    ),
    "duplicate_value": (
        "Waarde voor '{found}' staat er meer dan eens (ook op rij {expected}). "
        "Verwacht: één waarde per gebied, indicator en jaar.",
        "Value for '{found}' is given more than once (also on row {expected}). "
        "Expected: one value per area, indicator and year.",
    ),
    "unknown_code": (
        "Gebiedscode '{found}' is onbekend. Verwacht: een code uit het gebiedenbestand{expected}.",
        "Area code '{found}' is unknown. Expected: a code from the areas file{expected}.",
    ),
    "lost_leading_zero": (
        "Gebiedscode '{found}' heeft een voorloopnul verloren (Excel bewaarde ze als getal); "
        "gelezen als '{expected}'. Bewaar de kolom als tekst om dit te vermijden.",
        "Area code '{found}' lost a leading zero (Excel stored it as a number); "
        "read as '{expected}'. Store the column as text to avoid this.",
    ),
    "duplicate_across_files": (
        "Code '{found}' staat ook in {expected}. Verwacht: elk gebied of elke waarde in "
        "één bestand.",
        "Code '{found}' is also in {expected}. Expected: each area or value in one file.",
    ),
    "same_code_other_level": (
        "Code '{found}' staat ook in {expected} op een ander niveau; beide worden als "
        "hetzelfde gebied gelezen (het eerste bestand telt).",
        "Code '{found}' is also in {expected} at another level; both are read as the same "
        "area (the first file counts).",
    ),
    "missing_values": (
        "{found} cel(len) gelezen als ontbrekend (tekst x aantal -> rijen: {expected}); "
        "ze tellen niet mee (nooit als 0).",
        "{found} cell(s) read as missing (text x count -> rows: {expected}); "
        "they do not count (never as 0).",
    ),
    "not_numeric": (
        "Waarde '{found}' is geen getal. Verwacht: {expected}.",
        "Value '{found}' is not a number. Expected: {expected}.",
    ),
    "share_out_of_range": (
        "Percentage {found} ligt buiten 0-100 %. Verwacht: {expected}.",
        "Percentage {found} lies outside 0-100 %. Expected: {expected}.",
    ),
    "negative_count": (
        "Aantal {found} is negatief. Verwacht: een aantal van 0 of meer.",
        "Count {found} is negative. Expected: a count of 0 or more.",
    ),
    "numerator_above_denominator": (
        "Teller {found} is groter dan de noemer {expected}.",
        "Numerator {found} is larger than the denominator {expected}.",
    ),
    "missing_indicator": (
        "Indicator '{found}' ontbreekt. Verwacht: alle indicatoren van {expected}.",
        "Indicator '{found}' is missing. Expected: all indicators of {expected}.",
    ),
    "unknown_indicator": (
        "'{found}' is geen bekende indicator; wordt ingelezen zonder eenheid of richting. "
        "Voeg een definitie toe met --catalogue als dat niet klopt.",
        "'{found}' is not a known indicator; read without unit or direction. "
        "Add a definition with --catalogue if that is wrong.",
    ),
    "text_column": (
        "Kolom '{found}' bevat geen getallen en wordt overgeslagen (geen indicator).",
        "Column '{found}' holds no numbers and is skipped (not an indicator).",
    ),
    "bad_year": (
        "Jaar '{found}' is geen geldig jaartal. Verwacht: {expected}.",
        "Year '{found}' is not a valid year. Expected: {expected}.",
    ),
    "unknown_level": (
        "Niveau '{found}' is onbekend. Verwacht: een van {expected}.",
        "Level '{found}' is unknown. Expected: one of {expected}.",
    ),
    "unknown_parent": (
        "Bovenliggend gebied '{found}' staat niet in het bestand. "
        "Verwacht: een code uit de kolom code.",
        "Parent area '{found}' is not in the file. Expected: a code from the code column.",
    ),
    "geometry_unparsable": (
        "Geometrie kan niet gelezen worden: {found}. Verwacht: {expected}.",
        "Geometry cannot be read: {found}. Expected: {expected}.",
    ),
    "geometry_invalid": (
        "Geometrie is ongeldig: {found}. Verwacht: {expected}.",
        "Geometry is invalid: {found}. Expected: {expected}.",
    ),
    "crs_missing": (
        "Het coördinatenstelsel (CRS) ontbreekt. Verwacht: {expected}.",
        "The coordinate reference system (CRS) is missing. Expected: {expected}.",
    ),
    "limit_file_size": (
        "Het bestand is te groot ({found}); de grens is {expected}. Splits het bestand, "
        "bv. per jaar, per indicator of per provincie, en laad de delen samen op.",
        "The file is too large ({found}); the limit is {expected}. Split the file, e.g. by "
        "year, indicator or province, and upload the parts together.",
    ),
    "limit_unpacked": (
        "Het archief pakt uit tot {found}; de grens is {expected}. Splits het bestand in "
        "kleinere werkboeken of archieven.",
        "The archive unpacks to {found}; the limit is {expected}. Split the file into "
        "smaller workbooks or archives.",
    ),
    "limit_ratio": (
        "Het archief is {found} keer samengedrukt; de grens is {expected} (een zip-bom?). "
        "Sla het bestand opnieuw op vanuit Excel of uw GIS.",
        "The archive is compressed {found} times; the limit is {expected} (a zip bomb?). "
        "Save the file again from Excel or your GIS.",
    ),
    "limit_members": (
        "Het archief bevat {found} bestanden; de grens is {expected}.",
        "The archive holds {found} files; the limit is {expected}.",
    ),
    "limit_rows": (
        "Het bestand heeft meer rijen dan toegestaan ({found}); de grens is {expected}. "
        "Splits het bestand, bv. per jaar of per indicator.",
        "The file has more rows than allowed ({found}); the limit is {expected}. "
        "Split the file, e.g. by year or by indicator.",
    ),
    "limit_columns": (
        "Te veel kolommen ({found}); de grens is {expected}. Splits de tabel in delen met "
        "minder indicatoren, of gebruik de lange vorm (code;indicator;jaar;waarde).",
        "Too many columns ({found}); the limit is {expected}. Split the table into parts "
        "with fewer indicators, or use the long form (code;indicator;year;value).",
    ),
    "limit_cells": (
        "Het bestand heeft meer cellen dan toegestaan ({found}); de grens is {expected}. "
        "Splits het bestand, bv. per jaar of per indicator.",
        "The file has more cells than allowed ({found}); the limit is {expected}. "
        "Split the file, e.g. by year or by indicator.",
    ),
    "limit_cell": (
        "Een cel bevat {found} tekens; de grens is {expected}. Controleer de "
        "aanhalingstekens in het bestand (een niet-gesloten \" leest de rest als één cel).",
        "A cell holds {found} characters; the limit is {expected}. Check the quotes in the "
        "file (an unclosed \" reads the rest as one cell).",
    ),
    "limit_features": (
        "De laag heeft {found} objecten; de grens is {expected}. Splits de laag, bv. per "
        "provincie.",
        "The layer has {found} features; the limit is {expected}. Split the layer, e.g. by "
        "province.",
    ),
    "limit_vertices": (
        "De geometrie heeft {found} punten; de grens is {expected}. Vereenvoudig de "
        "geometrie in uw GIS (bv. tot 1 m nauwkeurig) of splits de laag.",
        "The geometry has {found} vertices; the limit is {expected}. Simplify the geometry "
        "in your GIS (e.g. to 1 m) or split the layer.",
    ),
    "geo_refused": (
        "Dit bestand wordt niet geopend: {found}. Verwacht: {expected}.",
        "This file is not opened: {found}. Expected: {expected}.",
    ),
    "no_geometry": (
        "De laag heeft geen geometriekolom. Verwacht: een laag met (multi)polygonen, of "
        "een tabel als CSV/XLSX.",
        "The layer has no geometry column. Expected: a layer with (multi)polygons, or a "
        "table as CSV/XLSX.",
    ),
    "too_long": (
        "'{found}' is te lang; de databank bewaart hoogstens {expected} tekens.",
        "'{found}' is too long; the database keeps at most {expected} characters.",
    ),
    "kind_unknown": (
        "Het is niet duidelijk of dit een gebiedenbestand of een indicatorbestand is "
        "(kolommen: {found}). Verwacht: {expected}.",
        "It is unclear whether this is an areas file or an indicator file "
        "(columns: {found}). Expected: {expected}.",
    ),
}

# Translatable phrases used as ``expected``; other texts are shown as they are.
PHRASES: dict[str, tuple[str, str]] = {
    "percentage": ("een percentage tussen 0 en 100", "a percentage between 0 and 100"),
    "number": ("een getal, bv. 12,5", "a number, e.g. 12.5"),
    "year_range": ("een jaartal tussen 1800 en 2100", "a year between 1800 and 2100"),
    "code_column": ("'code' (of 'NIS-code')", "'code' (or 'NIS code')"),
    "the_set": ("de gevraagde set", "the requested set"),
    "crs": ("een bestand met CRS, bv. Lambert 72 (EPSG:31370), of geef --crs op",
            "a file with a CRS, e.g. Lambert 72 (EPSG:31370), or pass --crs"),
    "wkt": ("een geometrie in WKT, bv. POLYGON ((0 0, 1 0, 1 1, 0 0))",
            "a geometry as WKT, e.g. POLYGON ((0 0, 1 0, 1 1, 0 0))"),
    "valid_polygon": ("een geldige (multi)polygoon zonder zelfdoorsnijding",
                      "a valid (multi)polygon without self-intersection"),
    "population": ("een aantal inwoners van 0 of meer", "a number of inhabitants of 0 or more"),
    "tabular_or_geo": (
        "een CSV/XLSX-tabel of een GeoJSON/GeoPackage/Shapefile",
        "a CSV/XLSX table or a GeoJSON/GeoPackage/Shapefile"),
}

# Translatable descriptions used as ``found`` (a value found in a file is shown as it is).
FOUND_PHRASES: dict[str, tuple[str, str]] = {
    "not_zip": ("geen geldig zip-archief", "not a valid zip archive"),
    "binary": ("binaire inhoud", "binary content"),
    "bad_utf16": ("ongeldige UTF-16-tekst", "invalid UTF-16 text"),
    "unsafe_xml": ("onveilige XML (entiteiten of externe verwijzingen)",
                   "unsafe XML (entities or external references)"),
    "vrt": ("een OGR VRT of ander verwijzend bestand", "an OGR VRT or other referring file"),
    "gpkg_views": ("een GeoPackage met views, virtuele tabellen of vreemde triggers",
                   "a GeoPackage with views, virtual tables or unknown triggers"),
    "vsi_path": ("een GDAL /vsi-pad of netwerkadres", "a GDAL /vsi path or network address"),
    "other_driver": ("een formaat dat opbouw niet leest", "a format opbouw does not read"),
    "bad_workbook": ("een werkboek dat Excel-formaat niet volgt",
                     "a workbook that does not follow the Excel format"),
    "gdal_unreadable": ("GDAL herkent er geen geldige gegevens in",
                        "GDAL finds no valid data in it"),
    "nonfinite": ("coördinaten die geen getal zijn (NaN of oneindig)",
                  "coordinates that are not numbers (NaN or infinite)"),
}

PHRASES.update({
    "csv_text": ("een CSV-tekstbestand of een .xlsx-werkboek",
                 "a CSV text file or an .xlsx workbook"),
    "xlsx": ("een Excel-werkboek (.xlsx)", "an Excel workbook (.xlsx)"),
    "readable_file": ("een bestaand, leesbaar bestand", "an existing, readable file"),
    "csv_quoting": ("geldige CSV-aanhalingstekens", "valid CSV quoting"),
    "geo_formats": ("GeoJSON, GeoPackage, Shapefile (ook gezipt) of FlatGeobuf",
                    "GeoJSON, GeoPackage, Shapefile (also zipped) or FlatGeobuf"),
    "areas_or_indicators": (
        "een kolom code plus niveau/ouder/geometrie (gebieden) of indicatorkolommen",
        "a code column plus level/parent/geometry (areas) or indicator columns"),
})

LABELS = {
    "nl": {"file": "bestand", "row": "rij", "column": "kolom", "object": "object",
           "error": "fout", "warning": "waarschuwing", "note": "opmerking"},
    "en": {"file": "file", "row": "row", "column": "column", "object": "feature",
           "error": "error", "warning": "warning", "note": "note"},
}


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

    def message(self, lang: str | None = None) -> str:
        """The message in the user's language, without the location."""
        nl, en = MESSAGES[self.kind]
        english = current_language(lang) == "en"
        template = en if english else nl
        return template.format(found=_phrase(FOUND_PHRASES, self.found, english),
                               expected=_phrase(PHRASES, self.expected, english))

    def location(self, lang: str | None = None) -> str:
        """``file, rij 5, kolom waarde`` in the user's language."""
        words = LABELS[current_language(lang)]
        parts = [self.file]
        if self.row is not None:
            parts.append(f"{words['object' if self.row_is_feature else 'row']} {self.row}")
        if self.column is not None:
            parts.append(f"{words['column']} {self.column}")
        return ", ".join(parts)

    def render(self, lang: str | None = None) -> str:
        """Location and message on one line."""
        return f"{self.location(lang)}: {self.message(lang)}"

    @property
    def is_error(self) -> bool:
        """Whether this problem blocks the import."""
        return self.severity is Severity.ERROR


def _phrase(table: dict[str, tuple[str, str]], text: str, english: bool) -> str:
    phrase = table.get(text)
    return (phrase[1] if english else phrase[0]) if phrase else text


def errors_only(problems: list[Problem]) -> list[Problem]:
    """The problems that block an import."""
    return [p for p in problems if p.is_error]
