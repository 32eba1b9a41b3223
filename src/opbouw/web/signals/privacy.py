"""Spot what looks like personal data in free text: names after a title, phone numbers,
e-mail addresses.

Signals, dossiers and remarks are about situations, not people. The detector only warns:
the user looks again and confirms, because a street called "Meneer Gevaertlaan" or a
reference number may look like personal data and be harmless.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

# a capitalised word after a Dutch, French or English title of address
_TITLES = (r"mevrouw|meneer|mevr\.?|mvr\.?|mw\.?|dhr\.?|de\s+heer|mijnheer|juffrouw|mej\.?|"
           r"madame|monsieur|mme\.?|mr\.?|mrs\.?|ms\.?|familie|fam\.")
NAME = re.compile(rf"(?<![\w.])(?:{_TITLES})\s+(?:(?:van|de|der|den|le|la|el|al)\s+)*"
                  r"[A-ZÀ-ÖØ-Þ][\w'-]+", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
# Belgian and international numbers: +32 470 12 34 56, 0032..., 0470/12.34.56, 09 123 45 67
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)\d{2}[\s./-]?\(?0?\)?|0)\d(?:[\s./-]?\d){7,9}(?!\d)")

KINDS = {"name": _("a name after a title"), "phone": _("a phone number"),
         "email": _("an e-mail address")}


@dataclass(frozen=True)
class Finding:
    kind: str  # "name", "phone" or "email"
    text: str
    start: int

    @property
    def label(self) -> str:
        return str(KINDS[self.kind])


def _title_case_name(match: re.Match[str]) -> bool:
    # the pattern is case-insensitive for the title; the name itself must be capitalised
    last = match.group(0).split()[-1]
    return last[:1].isupper()


def find_personal_data(text: str) -> list[Finding]:
    """Everything in ``text`` that looks like a person's name, phone number or e-mail."""
    if not text:
        return []
    found = [Finding("email", m.group(0), m.start()) for m in EMAIL.finditer(text)]
    found += [Finding("phone", m.group(0).strip(), m.start()) for m in PHONE.finditer(text)]
    found += [Finding("name", m.group(0), m.start()) for m in NAME.finditer(text)
              if _title_case_name(m)]
    return sorted(found, key=lambda f: f.start)


def scan(fields: dict[str, str]) -> list[tuple[str, Finding]]:
    """Findings per field name, for a form that checks several text fields."""
    return [(name, f) for name, value in fields.items() for f in find_personal_data(value or "")]
