"""Dutch formats: the site's number rule; dates as Django's Dutch (``1-12-2026``)."""

from opbouw.i18n import DECIMAL, GROUP

DECIMAL_SEPARATOR = DECIMAL["nl"]
THOUSAND_SEPARATOR = GROUP["nl"]
NUMBER_GROUPING = 3
SHORT_DATE_FORMAT = "j-n-Y"
SHORT_DATETIME_FORMAT = "j-n-Y H:i"
