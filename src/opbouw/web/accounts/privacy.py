"""Contact details in free text: detect apparent e-mail addresses and phone numbers.

Practice records (notes, places, signals) are about situations, not named people. Free
text is checked before saving; a hit does not block, it asks the user to confirm. The
detector is pure (text in, findings out) so every app's forms can reuse it; the form
mixin below is the one way a form warns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

EMAIL = re.compile(r"[A-Za-z0-9._%+-]+\s?(?:@|\(at\)|\[at\])\s?[A-Za-z0-9.-]+\.[A-Za-z]{2,}")
# Belgian and international numbers: +32 / 0032 / 0 followed by 8-9 digits, with the usual
# separators (space, dot, slash, dash). Years, postcodes and amounts are too short to match.
PHONE = re.compile(r"(?<![\w])(?:\+|00)?\d(?:[\s./-]?\(?\d\)?){7,13}(?![\w])")


@dataclass(frozen=True)
class Finding:
    kind: str  # "email" or "phone"
    text: str


def contact_details(text: str) -> list[Finding]:
    """Apparent e-mail addresses and phone numbers in ``text``, in order of appearance.

    >>> [f.kind for f in contact_details("bel 0470 12 34 56 of mail jan@voorbeeld.be")]
    ['phone', 'email']
    >>> contact_details("In 2019 woonden 1234 mensen in 9000 Gent.")
    []
    """
    found = [(m.start(), Finding("email", m.group())) for m in EMAIL.finditer(text or "")]
    for m in PHONE.finditer(text or ""):
        digits = re.sub(r"\D", "", m.group())
        if 9 <= len(digits) <= 15 and not any(s <= m.start() < s + len(f.text)
                                               for s, f in found):
            found.append((m.start(), Finding("phone", m.group().strip())))
    return [f for _s, f in sorted(found, key=lambda p: p[0])]


class ContactDetailsCheck(forms.Form):
    """Mixin for forms with free text: warn on contact details until the user confirms.

    List the free-text field names in ``privacy_fields``. When one of them looks like it
    holds an e-mail address or a phone number, the form is invalid with a warning and a
    "confirm" checkbox; ticking it saves the text as typed.
    """

    privacy_fields: tuple[str, ...] = ()
    confirm_contact_details = forms.BooleanField(
        required=False, label=_("I checked: this text may contain these contact details."))

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        hits = []
        for name in self.privacy_fields:
            hits += [f.text for f in contact_details(str(data.get(name) or ""))]
        self.privacy_hits = hits
        if hits and not data.get("confirm_contact_details"):
            raise forms.ValidationError(
                _("This text seems to contain an e-mail address or phone number (%(found)s). "
                  "Records are about situations, not people: remove it, or tick the box to "
                  "confirm."), code="contact_details", params={"found": ", ".join(hits)})
        return data
