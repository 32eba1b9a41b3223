"""Dutch formats: the site's number rule; dates as ``opbouw.i18n.SHORT_DATE_FORMAT``
(``1-12-2026``); date inputs read ISO first (what ``<input type=date>`` sends)."""

from opbouw.i18n import DECIMAL, GROUP
from opbouw.i18n import SHORT_DATE_FORMAT as SHORT_DATES

DECIMAL_SEPARATOR = DECIMAL["nl"]
THOUSAND_SEPARATOR = GROUP["nl"]
NUMBER_GROUPING = 3
SHORT_DATE_FORMAT = SHORT_DATES["nl"]
SHORT_DATETIME_FORMAT = SHORT_DATE_FORMAT + " H:i"
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"]
"""ISO first: a ``DateInput`` without its own format writes the first one, and an
``<input type=date>`` needs ISO (Django's Dutch list starts with ``%d-%m-%Y``)."""
