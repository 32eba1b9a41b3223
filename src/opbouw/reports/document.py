"""What every opbouw document shares: language, numbered figures and tables, sections for
the table of contents, the date, rendering to HTML and PDF.

A report module (annex, area profile, and later the plan and dossier documents) builds a
:class:`Document` in reading order, so that figures and tables are numbered as they
appear, and renders it with a template that extends ``base.html`` (A4 pages, running
header with the organisation, page numbers, table of contents with page numbers in PDF).

Reproducible: the date comes from the caller, else ``SOURCE_DATE_EPOCH``, else today, and
the PDF carries that date as its creation and modification date, so the same data and
configuration give the same bytes.
"""

from __future__ import annotations

import base64
import os
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment, PackageLoader, select_autoescape
from markupsafe import Markup

from opbouw.errors import ConfigError
from opbouw.i18n import (
    current_language,
    format_date,
    gettext,
    ngettext,
    translations,
)

FORMATS = ("pdf", "html")


def report_date(explicit: date | None = None) -> date:
    """The document's date: ``explicit``, else ``SOURCE_DATE_EPOCH`` (UTC), else today."""
    if explicit is not None:
        return explicit
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isdigit():
        return datetime.fromtimestamp(int(epoch), UTC).date()
    return date.today()


def long_date(day: date, lang: str) -> str:
    """``5 maart 2026`` or ``5 March 2026``."""
    return format_date(day, lang)


THIN_SPACE_GROUPS = ("nl",)
"""Languages whose documents group thousands with a narrow no-break space (``17 791,23``)
rather than the locale's dot, which a reader could take for a decimal point."""


def number(value: Any, decimals: int = 1, lang: str = "nl") -> str:
    """A number for a document, with exactly ``decimals`` decimals, in the one number rule
    of :func:`opbouw.i18n.format_number` (Dutch decimal comma and thin-space thousands).

    >>> number(17791.2345, 2) == "17\u202f791,23"
    True
    >>> number(float("nan"))
    '–'
    >>> number(1234.5, 1, "en")
    '1,234.5'
    """
    from opbouw.i18n import format_number

    return format_number(value, lang, decimals, trim=False)


@dataclass
class Figure:
    """A numbered figure: a PNG, its caption, and alt text for screen readers."""

    number: int
    caption: str
    alt: str
    png: bytes
    anchor: str
    note: str = ""
    narrow: bool = False

    @property
    def src(self) -> str:
        """The image as a data URI (the HTML file stands alone, no network needed)."""
        return "data:image/png;base64," + base64.b64encode(self.png).decode("ascii")


@dataclass
class Table:
    """A numbered table: caption, column headers, rows of cells (already formatted text),
    and per row an optional CSS class (e.g. the level of the top-N synthesis)."""

    number: int
    caption: str
    columns: list[str]
    rows: list[list[str]]
    anchor: str
    row_classes: list[str] = field(default_factory=list)
    numeric: list[bool] = field(default_factory=list)
    note: str = ""
    css: str = ""


@dataclass
class Section:
    """A heading in the table of contents, with the blocks under it in order."""

    title: str
    anchor: str
    blocks: list[tuple[str, Any]] = field(default_factory=list)

    def text(self, paragraph: str) -> None:
        """A paragraph of plain text."""
        self.blocks.append(("p", paragraph))

    def items(self, lines: list[str]) -> None:
        """A bulleted list."""
        self.blocks.append(("ul", lines))

    def add(self, block: Figure | Table) -> None:
        """A numbered figure or table."""
        self.blocks.append(("figure" if isinstance(block, Figure) else "table", block))


class Document:
    """A document under construction: sections, figures and tables numbered in order."""

    def __init__(self, title: str, lang: str = "nl", organisation: str = "",
                 day: date | None = None, subtitle: str = "", kind: str = "report",
                 toc: bool = True) -> None:
        self.title = title
        self.toc = toc
        self.subtitle = subtitle
        self.lang = current_language(lang)
        self.organisation = organisation
        self.date = report_date(day)
        self.kind = kind
        self.sections: list[Section] = []
        self._figures = 0
        self._tables = 0

    def gettext(self, message: str, **params: Any) -> str:
        """``message`` (an English msgid of the catalogue) in the document's language, its
        ``{placeholders}`` filled in from ``params``."""
        text = gettext(message, self.lang)
        return text.format(**params) if params else text

    def ngettext(self, singular: str, plural: str, n: int, **params: Any) -> str:
        """The singular or plural msgid for the count ``n`` in the document's language, with
        ``{n}`` and ``params`` filled in."""
        return ngettext(singular, plural, n, self.lang).format(n=n, **params)

    def num(self, value: Any, decimals: int = 1) -> str:
        """A number in the document's language."""
        return number(value, decimals, self.lang)

    def section(self, title: str) -> Section:
        """Start a new section (an entry in the table of contents)."""
        sec = Section(title, f"s{len(self.sections) + 1}")
        self.sections.append(sec)
        return sec

    def figure(self, caption: str, png: bytes, alt: str, note: str = "",
               narrow: bool = False) -> Figure:
        """The next numbered figure (``narrow``: printed at 60 % of the text width)."""
        self._figures += 1
        return Figure(self._figures, caption, alt, png, f"fig{self._figures}", note, narrow)

    def table(self, caption: str, columns: list[str], rows: list[list[str]],
              row_classes: list[str] | None = None, numeric: list[bool] | None = None,
              note: str = "", css: str = "") -> Table:
        """The next numbered table (``css``: an extra class, e.g. ``matrix``)."""
        self._tables += 1
        return Table(self._tables, caption, columns, rows, f"tab{self._tables}",
                     row_classes or [], numeric or [False] * len(columns), note, css)

    def render_html(self, template: str = "document.html", **extra: Any) -> str:
        """The document as one self-contained HTML page."""
        return template_environment(self.lang).get_template(template).render(
            doc=self, date_text=long_date(self.date, self.lang),
            figure_word=self.gettext("Figure"), table_word=self.gettext("Table"),
            Markup=Markup, **extra)

    def write(self, out: Path, fmt: str | None = None, template: str = "document.html") -> Path:
        """Write ``out`` as PDF or HTML (from ``fmt`` or the file's suffix)."""
        fmt = (fmt or out.suffix.lstrip(".") or "pdf").lower()
        if fmt not in FORMATS:
            raise ConfigError("unknown format {fmt!r}; choose one of: {choices}",
                              fmt=fmt, choices=", ".join(FORMATS))
        html = self.render_html(template)
        out.parent.mkdir(parents=True, exist_ok=True)
        if fmt == "html":
            out.write_text(html, "utf-8")
        else:
            out.write_bytes(html_to_pdf(html))
        return out

    def pdf(self, template: str = "document.html") -> bytes:
        """The document as PDF bytes (for a web download)."""
        return html_to_pdf(self.render_html(template))


def template_environment(lang: str) -> Environment:
    """The Jinja environment of the report templates, with ``_``/``gettext``/``ngettext`` from
    the catalogue of ``lang`` (Jinja's i18n extension). Old-style: ``_()`` returns the
    translation and the template fills its ``{placeholders}`` with ``.format``, as the code
    does (our msgids use ``{name}``, not the ``%(name)s`` of ``{% trans %}``)."""
    env = Environment(loader=PackageLoader("opbouw.reports", "templates"),
                      autoescape=select_autoescape(["html"]), extensions=["jinja2.ext.i18n"])
    env.install_gettext_translations(  # type: ignore[attr-defined]
        translations(current_language(lang)), newstyle=False)
    return env


def html_to_pdf(html: str) -> bytes:
    """Render HTML to PDF with WeasyPrint (imported here: it needs Pango, and only
    PDF output needs it)."""
    try:
        from weasyprint import HTML
    except (ImportError, OSError) as exc:  # pragma: no cover - depends on the system
        raise ImportError("PDF output needs WeasyPrint and Pango: pip install weasyprint; "
                          "apt-get install libpango-1.0-0 libpangoft2-1.0-0") from exc
    import logging

    # WeasyPrint logs unsupported CSS at warning level; the templates are ours
    logging.getLogger("weasyprint").setLevel(logging.ERROR)
    logging.getLogger("fontTools").setLevel(logging.ERROR)
    result: bytes = HTML(string=html, base_url=".").write_pdf(uncompressed_pdf=False)
    return result
