"""English formats: the site's number rule; dates day first (``1 Dec 2026``)."""

from opbouw.i18n import DECIMAL, GROUP

DECIMAL_SEPARATOR = DECIMAL["en"]
THOUSAND_SEPARATOR = GROUP["en"]
NUMBER_GROUPING = 3
SHORT_DATE_FORMAT = "j M Y"
SHORT_DATETIME_FORMAT = "j M Y H:i"
