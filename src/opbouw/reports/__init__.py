"""Documents to hand over, built from analysis results: the area-analysis annex
(``annex``), the area profile (``profile``), the plan-and-progress document (``plan``)
and the policy-dossier document (``dossier``), on a shared base (``document``) with
matplotlib maps and charts (``charts``); the demo HTML report (``area_report``).

Nothing here imports Django: the web application and the command line pass plain data in.

matplotlib and WeasyPrint are imported inside the functions that need them.
"""

__all__: list[str] = []
