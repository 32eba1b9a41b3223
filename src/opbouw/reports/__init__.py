"""Documents to hand over, built from analysis results: the area-analysis annex
(``annex``), the area profile (``profile``), on a shared base (``document``) with
matplotlib maps and charts (``charts``); the demo HTML report (``area_report``).

matplotlib and WeasyPrint are imported inside the functions that need them.
"""

__all__: list[str] = []
