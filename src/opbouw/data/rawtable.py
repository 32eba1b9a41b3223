"""Read tabular files (CSV as Flemish users produce it, XLSX) into raw strings with row numbers.

Nothing is interpreted here except the file's dialect: encoding (UTF-8 with or without BOM,
UTF-16 from Excel's "Unicode text", else cp1252), separator (``;``, ``,``, tab or ``|``).
Values stay strings so that codes keep their leading zeros and the caller decides what a
number is. Row numbers are what a spreadsheet shows: the header is row 1.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from opbouw.data.limits import LIMITS, Counter, Limits, check_archive, check_file_size
from opbouw.data.problems import Problem, Severity
from opbouw.data.problems import number as num

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
"""First characters that make a spreadsheet read text as a formula (OWASP CSV injection)."""

TABULAR_SUFFIXES = (".csv", ".txt", ".tsv", ".xlsx", ".xlsm")
SEPARATORS = (";", ",", "\t", "|")

Progress = Callable[[int, int], None]
"""A callback ``progress(done, total)`` in bytes or rows, for progress bars."""


@dataclass
class RawTable:
    """A table of strings: the header and each data row with its spreadsheet row number."""

    path: str
    header: list[str]
    rows: list[tuple[int, list[str]]]
    encoding: str = ""
    separator: str = ""
    n_rows: int | None = None
    """All data rows of the file when only the first ``keep`` were kept (a preview)."""
    digit_text: frozenset[tuple[int, int]] = frozenset()
    """``(row, column index)`` of workbook cells holding digits stored as *text*: codes
    there are taken as they are, never suspected of a lost leading zero (a CSV cannot
    tell, so it has none)."""

    warnings: tuple[Problem, ...] = ()
    """What the reader noticed without it blocking the read (a hidden sheet was read)."""

    def text_rows(self, column: int) -> set[int]:
        """Rows whose cell in ``column`` was digits stored as text."""
        return {r for r, c in self.digit_text if c == column}

    @property
    def name(self) -> str:
        """The file name shown in messages."""
        return Path(self.path).name


class RawTableError(Exception):
    """The file cannot be read as a table at all; carries the problem(s) to show."""

    def __init__(self, problem: Problem, more: list[Problem] | None = None):
        self.problem = problem
        self.problems = [problem, *(more or [])]
        super().__init__(problem.render("en"))


_UTF8_LETTER = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}"
                          rb"|[\xf0-\xf4][\x80-\xbf]{3}")
"""A multi-byte UTF-8 character."""


def decode(data: bytes) -> tuple[str, str]:
    """Decode bytes as Flemish spreadsheet exports come: BOMs first, then UTF-8, else cp1252.

    cp1252 is the fallback because Excel on Windows writes it for "CSV (gescheiden door
    lijstscheidingsteken)"; it decodes every byte except five unused ones, which are then
    read as Latin-1 rather than rejected.

    A file that starts with the UTF-8 mark (BOM), or holds UTF-8 letters (a lead byte and
    its continuation bytes, e.g. ``é`` as ``0xC3 0xA9``, which cp1252 text hardly ever
    has), but also holds bytes that are not UTF-8 raises
    ``UnicodeDecodeError``: such a file mixes two encodings (e.g. lines in cp1252 pasted
    into a "CSV UTF-8" export), so neither decoding reads all of it right. Replacing the
    bytes would change names and codes unseen, and falling back to cp1252 would garble
    every accented letter that *is* UTF-8; the reader reports the line instead
    (:func:`bad_utf8_problem`) and asks for the file to be saved as UTF-8.

    >>> decode("Sint-Niklaas;é".encode("cp1252"))
    ('Sint-Niklaas;é', 'cp1252')
    >>> decode(b"\\xef\\xbb\\xbfcode")
    ('code', 'utf-8-sig')
    >>> decode("Genève;".encode() + "Liège".encode("cp1252"))  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    UnicodeDecodeError: 'utf-8' codec can't decode byte 0xe8 in position 10: ...
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8"), "utf-8-sig"
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        # Excel's "Unicode text"; a truncated file (odd length) is reported, not raised
        return data.decode("utf-16", errors="strict"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        if _UTF8_LETTER.search(data):
            raise  # UTF-8 letters beside other bytes: mixed, as with a BOM (see above)
    try:
        return data.decode("cp1252"), "cp1252"
    except UnicodeDecodeError:
        return data.decode("latin-1"), "latin-1"


def bad_utf8_problem(file: str, data: bytes, exc: UnicodeDecodeError) -> Problem:
    """The line (as a spreadsheet numbers it) and the bytes that are not UTF-8.

    >>> data = "code;naam\\n1;Gen".encode() + b"\\xe8ve\\n"
    >>> try:
    ...     _ = data.decode("utf-8")
    ... except UnicodeDecodeError as exc:
    ...     p = bad_utf8_problem("a.csv", data, exc)
    >>> p.row, p.found
    (2, "0xE8 ('1;Gen?ve')")
    """
    bad = exc.object[exc.start:exc.end]
    line_start = exc.object.rfind(b"\n", 0, exc.start) + 1
    line_end = exc.object.find(b"\n", exc.end)
    line = exc.object[line_start:line_end if line_end >= 0 else len(exc.object)]
    start = max(exc.start - line_start - 20, 0)
    context = line[start:exc.end - line_start + 20].decode("utf-8", errors="replace")
    context = context.replace("\ufffd", "?").strip()
    shown = " ".join(f"0x{b:02X}" for b in bad[:4])
    return Problem("not_utf8", file, exc.object.count(b"\n", 0, exc.start) + 1, None,
                   f"{shown} ({context!r})")


def binary_kind(data: bytes, sample: int = 65536) -> str | None:
    """``"utf16_no_bom"`` for UTF-16 text without its byte order mark (every other byte
    NUL), ``"binary_file"`` for other bytes with NULs or many control characters (an
    image, a zip, random junk), else None.

    A file with a UTF-16 BOM is left to :func:`decode`; text never holds a NUL byte.

    >>> binary_kind("code;naam\\n1;a\\n".encode("utf-16-le"))
    'utf16_no_bom'
    >>> binary_kind(b"\\x89PNG\\r\\n\\x1a\\n\\x00\\x00\\x00\\rIHDR"), binary_kind(b"code;naam\\n")
    ('binary_file', None)
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None
    head = data[:sample]
    if b"\x00" not in head and b"\x00" not in data:
        # no NUL, but control characters no text has (junk, a compressed file)
        controls = sum(head.count(bytes([b])) for b in range(32) if b not in (9, 10, 13))
        return "binary_file" if controls > 0.05 * len(head) else None
    pairs = len(head) // 2
    even, odd = head[0:pairs * 2:2].count(0), head[1:pairs * 2:2].count(0)
    if pairs and max(even, odd) >= 0.4 * pairs and min(even, odd) <= 0.01 * pairs:
        return "utf16_no_bom"
    return "binary_file"


def sniff_separator(text: str) -> str:
    """Pick the separator that splits the first lines into the same, largest number of fields.

    >>> sniff_separator("code;naam;waarde\\n11001;Aartselaar;12,5\\n")
    ';'
    >>> sniff_separator("code,name\\n1,a\\n")
    ','
    """
    lines = [ln for ln in text.splitlines()[:50] if ln.strip()]
    if not lines:
        return ";"
    best, best_score = ";", (-1, -1)
    sample = "\n".join(lines)
    for sep in SEPARATORS:
        try:
            counts = [len(r) for r in csv.reader(io.StringIO(sample), delimiter=sep)]
        except csv.Error:
            continue
        header = counts[0]
        if header < 2:
            continue
        consistent = sum(1 for c in counts if c == header)
        score = (consistent, header)
        if score > best_score:
            best, best_score = sep, score
    return best


def _read_csv(path: Path, progress: Progress | None, limits: Limits,
              keep: int | None = None) -> RawTable:
    data = path.read_bytes()
    kind = binary_kind(data)
    if kind is not None:
        raise RawTableError(Problem("unreadable_file", path.name, found=kind,
                                    expected="csv_utf8"))
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as exc:
        if data.startswith(b"\xef\xbb\xbf"):
            raise RawTableError(bad_utf8_problem(path.name, data[3:], exc)) from None
        if not data.startswith((b"\xff\xfe", b"\xfe\xff")):
            # no BOM: UTF-8 letters elsewhere in the file, other bytes here
            mixed = dataclasses.replace(bad_utf8_problem(path.name, data, exc),
                                        kind="mixed_utf8")
            raise RawTableError(mixed) from None
        raise RawTableError(Problem("unreadable_file", path.name, found="bad_utf16",
                                    expected="csv_text")) from None
    del data
    if "\x00" in text:
        raise RawTableError(Problem("unreadable_file", path.name, found="binary",
                                    expected="csv_text"))
    sep = sniff_separator(text)
    # a field may hold at most the whole file; csv's default of 128 KiB is not a limit here
    csv.field_size_limit(max(len(text), 131072))
    # strict: an unclosed quote is an error, not a field that swallows the rest of the file
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=sep, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    total = text.count("\n") + 1
    counter = Counter(path.name, limits)
    quoted = "'" in text
    line = 0
    try:
        for record in reader:
            line = reader.line_num
            if not "".join(record).strip():
                continue
            if header is None:
                over = counter.header(len(record), max(map(len, record), default=0))
                if over is not None:
                    raise RawTableError(over)
                header = [h.strip() for h in record]
                continue
            over = counter.row(line, len(record), max(map(len, record), default=0))
            if over is not None:
                raise RawTableError(over)
            if keep is not None and len(rows) >= keep:
                continue
            if quoted:
                record = [_undefuse(cell) for cell in record]
            rows.append((line, record))
            if progress is not None and line % 5000 == 0:
                progress(min(line, total), total)
    except csv.Error as exc:
        raise RawTableError(_quoting_problem(path.name, text, sep, line + 1, exc)) from None
    if progress is not None:
        progress(total, total)
    if header is None:
        raise RawTableError(Problem("empty_file", path.name))
    return RawTable(str(path), header, rows, encoding, sep, n_rows=counter.rows)


def _quoting_problem(file: str, text: str, sep: str, start: int, exc: csv.Error) -> Problem:
    """The row where the record with bad quoting starts (where an unclosed quote opens,
    not the end of the file it swallowed), and what is wrong, in the user's language.

    >>> import csv
    >>> p = _quoting_problem("a.csv", 'code;naam\\n1;"Gent\\n2;Aalst\\n', ";", 2,
    ...                      csv.Error("unexpected end of data"))
    >>> p.row, p.column, p.found
    (2, 'naam', 'unclosed_quote')
    """
    lines = text.splitlines()
    header = next(csv.reader([lines[0]], delimiter=sep)) if lines else []
    column: str | None = None
    if 0 < start <= len(lines):
        line = lines[start - 1]
        quote = line.find('"')
        if quote >= 0:
            index = line.count(sep, 0, quote)
            column = header[index].strip() if index < len(header) else None
    found = "unclosed_quote" if "end of data" in str(exc) else "text_after_quote"
    return Problem("unreadable_file", file, row=start, column=column or None, found=found,
                   expected="csv_quoting")


def _undefuse(cell: str) -> str:
    """Undo the quote a CSV export puts before text that looks like a formula.

    >>> _undefuse("'=SUM(A1)"), _undefuse("'t Pand")
    ('=SUM(A1)', "'t Pand")
    """
    if cell[:1] == "'" and cell[1:2] in FORMULA_STARTS and cell[1:2]:
        return cell[1:]
    return cell


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value)
    if isinstance(value, float):
        if value.is_integer():
            return str(int(value))
        return repr(value)
    return str(value).strip()


def _read_xlsx(path: Path, sheet: str | None, progress: Progress | None,
               limits: Limits, keep: int | None = None) -> RawTable:

    import openpyxl
    from openpyxl import load_workbook

    if not openpyxl.DEFUSEDXML:  # pragma: no cover - defusedxml is a dependency
        raise RawTableError(Problem("unreadable_file", path.name, found="unsafe_xml",
                                    expected="xlsx"))
    over = check_archive(path, limits)
    if over is not None:
        raise RawTableError(over)
    # our own handle, closed whatever openpyxl does when the workbook is broken
    with path.open("rb") as handle:
        try:
            wb = load_workbook(handle, read_only=True, data_only=True)
        except Exception as exc:  # noqa: BLE001 - openpyxl raises many kinds on bad files
            raise RawTableError(_xlsx_problem(path, exc)) from None
        try:
            raw, blank = _xlsx_rows(path, wb, sheet, progress, limits, keep)
        except RawTableError:
            raise
        except Exception as exc:  # noqa: BLE001
            raise RawTableError(_xlsx_problem(path, exc)) from None
        finally:
            wb.close()
        if blank:
            handle.seek(0)
            try:
                problems = _formulas_without_value(path, handle, sheet, raw, blank)
            except Exception as exc:  # noqa: BLE001
                raise RawTableError(_xlsx_problem(path, exc)) from None
            if problems:
                raise RawTableError(problems[0], problems[1:])
        return raw


FORMULAS_SHOWN = 20


def _formulas_without_value(path: Path, handle: Any, sheet: str | None, raw: RawTable,
                            blank: set[tuple[int, int]]) -> list[Problem]:
    """Cells that were empty because they hold a formula whose value was never saved.

    openpyxl reads the value Excel saved with a formula; a workbook written by a program
    (or by openpyxl itself) often saves none, and the cell would be read as missing. A
    second pass without ``data_only`` finds those formulas, only when empty cells were seen.
    """
    from openpyxl import load_workbook

    wb = load_workbook(handle, read_only=True, data_only=False)
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
        ws.reset_dimensions()
        found: list[tuple[int, int, str, str]] = []
        for cells in ws.iter_rows():
            for index, cell in enumerate(cells):
                if getattr(cell, "data_type", None) != "f":
                    continue
                row = getattr(cell, "row", None)
                if row is not None and (row, index) in blank:
                    found.append((row, index, str(cell.coordinate), str(cell.value)[:40]))
    finally:
        wb.close()
    problems = [Problem("formula_without_value", path.name, row,
                        raw.header[index] if index < len(raw.header) else None,
                        f"{coordinate} ({formula})")
                for row, index, coordinate, formula in found[:FORMULAS_SHOWN]]
    if len(found) > FORMULAS_SHOWN:
        problems.append(Problem("formulas_more", path.name,
                                found=num(len(found) - FORMULAS_SHOWN)))
    return problems


def _xlsx_problem(path: Path, exc: BaseException) -> Problem:
    """One problem line for a workbook openpyxl could not read: unsafe XML named as such."""
    from xml.etree.ElementTree import ParseError

    from defusedxml import DefusedXmlException

    chain: BaseException | None = exc
    while chain is not None:
        if isinstance(chain, DefusedXmlException | ParseError):
            return Problem("unreadable_file", path.name, found="unsafe_xml", expected="xlsx")
        chain = chain.__cause__ or chain.__context__
    return Problem("unreadable_file", path.name, found="bad_workbook", expected="xlsx")


def _xlsx_rows(path: Path, wb: Any, sheet: str | None, progress: Progress | None,
               limits: Limits, keep: int | None) -> tuple[RawTable, set[tuple[int, int]]]:
    """The rows of one sheet, never trusting the dimensions the workbook declares, and
    the ``(row, column index)`` of the empty cells below the header within its width."""
    if sheet is not None and sheet not in wb.sheetnames:
        raise RawTableError(Problem(
            "unreadable_file", path.name, found=f"sheet {sheet!r}",
            expected="one of " + ", ".join(wb.sheetnames)))
    if not wb.worksheets:
        raise RawTableError(Problem("empty_file", path.name))
    ws = wb[sheet] if sheet else wb.worksheets[0]
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    digit_text: set[tuple[int, int]] = set()
    blank: set[tuple[int, int]] = set()
    total = min(ws.max_row or 0, limits.rows)
    # a workbook may declare A1:XFD1048576; openpyxl would pad every row to that
    ws.reset_dimensions()
    counter = Counter(path.name, limits)
    n_rows = header_row = 0
    for number, values in enumerate(ws.iter_rows(values_only=True), start=1):
        if not values:
            continue
        over = counter.row(number, len(values),
                           max((len(v) for v in values if isinstance(v, str)), default=0))
        if over is not None:
            raise RawTableError(over)
        cells = [_cell_text(v) for v in values]
        if not any(cells):
            continue
        if header is None:
            header, header_row = cells, number
            continue
        n_rows += 1
        blank.update((number, i) for i, v in enumerate(values[:len(header)]) if v is None)
        if keep is None or len(rows) < keep:
            rows.append((number, cells))
            digit_text.update((number, i) for i, v in enumerate(values)
                              if isinstance(v, str) and v.strip().isdigit())
        if progress is not None and number % 5000 == 0:
            progress(number, total)
    if header is None:
        raise RawTableError(Problem("empty_sheet", path.name, found=ws.title,
                                    expected=", ".join(w.title for w in wb.worksheets
                                                       if w.title != ws.title) or "-"))
    while header and not header[-1]:
        header.pop()
    merged = _merged_problems(path, ws, header, header_row)
    if merged:
        raise RawTableError(merged[0], merged[1:])
    return RawTable(str(path), header, rows, "xlsx", "", n_rows=n_rows,
                    digit_text=frozenset(digit_text),
                    warnings=_sheet_warnings(path, wb, ws, sheet)), blank


def _sheet_warnings(path: Path, wb: Any, ws: Any, sheet: str | None) -> tuple[Problem, ...]:
    """A warning when the sheet read is hidden, or when a workbook with several sheets was
    read without a sheet chosen (its first one), naming the sheet read and the others."""
    others = ", ".join(w.title for w in wb.worksheets if w.title != ws.title) or "-"
    if getattr(ws, "sheet_state", "visible") != "visible":
        return (Problem("sheet_hidden", path.name, found=ws.title, expected=others,
                        severity=Severity.WARNING),)
    if sheet is None and len(wb.worksheets) > 1:
        return (Problem("sheet_first_of_several", path.name, found=ws.title, expected=others,
                        severity=Severity.WARNING),)
    return ()


_MERGE_CELL = re.compile(rb'<(?:\w+:)?mergeCell\s[^>]*?ref="([A-Z]{1,3}\d+):([A-Z]{1,3}\d+)"')
MERGES_SHOWN = 20


def _merged_problems(path: Path, ws: Any, header: list[str], header_row: int) -> list[Problem]:
    """Merged cells in the header or the data below it: only a merged range's first cell
    holds the value, so the others would be read as missing, unseen.

    openpyxl's read-only sheets do not read merges; they are the ``<mergeCell>`` elements
    at the end of the sheet's XML, found here while it is streamed from the archive (its
    size was checked before).
    """
    import zipfile

    from openpyxl.utils.cell import column_index_from_string, coordinate_from_string

    member = str(getattr(ws, "_worksheet_path", "") or "").lstrip("/")
    if not member:
        return []
    found: list[tuple[int, int, str]] = []
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        tail = b""
        while chunk := stream.read(1 << 20):
            text = tail + chunk
            end = 0
            for match in _MERGE_CELL.finditer(text):
                end = match.end()
                (c0, r0), (c1, r1) = (coordinate_from_string(m.decode())
                                      for m in match.groups())
                first = column_index_from_string(c0)
                if r1 >= header_row and first <= len(header):
                    found.append((r0, first, f"{c0}{r0}:{c1}{r1}"))
            tail = text[max(end, len(text) - 200):]
    found.sort()
    problems = [Problem("merged_cells", path.name, max(row, header_row), header[col - 1] or None,
                        cells, ws.title) for row, col, cells in found[:MERGES_SHOWN]]
    if len(found) > MERGES_SHOWN:
        problems.append(Problem("merged_more", path.name, found=num(len(found) - MERGES_SHOWN)))
    return problems


def read_raw_table(
    path: str | Path, sheet: str | None = None, progress: Progress | None = None,
    limits: Limits = LIMITS, keep: int | None = None,
) -> RawTable:
    """Read a CSV/TXT/TSV or XLSX file into strings; raises RawTableError if impossible.

    Limits are checked before parsing (file size, an archive's unpacked size) and while
    reading (rows, columns, cells). With ``keep``, only the first rows are kept (a
    preview) and ``n_rows`` counts them all. A file with a header and no rows is an
    error: every caller needs rows, and an empty import would pass unseen.
    """
    p = Path(path)
    suffix = p.suffix.lower()
    if suffix not in TABULAR_SUFFIXES:
        raise RawTableError(Problem(
            "unsupported_format", p.name, found=suffix or p.name,
            expected=", ".join(TABULAR_SUFFIXES)))
    try:
        over = check_file_size(p, limits)
        if over is not None:
            raise RawTableError(over)
        if suffix in (".xlsx", ".xlsm"):
            raw = _read_xlsx(p, sheet, progress, limits, keep)
        else:
            raw = _read_csv(p, progress, limits, keep)
    except OSError as exc:
        raise RawTableError(Problem(
            "unreadable_file", p.name, found=exc.strerror or type(exc).__name__,
            expected="readable_file")) from None
    if not raw.rows:
        raise RawTableError(Problem("no_rows", p.name, row=2))
    return raw


def xlsx_sheet_names(path: str | Path, limits: Limits = LIMITS) -> list[str]:
    """The worksheets of an XLSX file, for a choice of sheet; empty when the file cannot
    be opened safely (reading it then reports why)."""
    import openpyxl
    from openpyxl import load_workbook

    p = Path(path)
    if p.suffix.lower() not in (".xlsx", ".xlsm") or not openpyxl.DEFUSEDXML:
        return []
    try:
        if check_file_size(p, limits) is not None or check_archive(p, limits) is not None:
            return []
        with p.open("rb") as handle:
            wb = load_workbook(handle, read_only=True, data_only=True)
            try:
                return [ws.title for ws in wb.worksheets]
            finally:
                wb.close()
    except Exception:  # noqa: BLE001 - openpyxl raises many kinds on bad files
        return []
