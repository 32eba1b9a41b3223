"""English formats: the site's number rule; dates as
``opbouw.i18n.SHORT_DATE_FORMAT`` (``1 Dec 2026``)."""

from opbouw.i18n import DECIMAL, GROUP
from opbouw.i18n import SHORT_DATE_FORMAT as SHORT_DATES

DECIMAL_SEPARATOR = DECIMAL["en"]
THOUSAND_SEPARATOR = GROUP["en"]
NUMBER_GROUPING = 3
SHORT_DATE_FORMAT = SHORT_DATES["en"]
SHORT_DATETIME_FORMAT = SHORT_DATE_FORMAT + " H:i"
