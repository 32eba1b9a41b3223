"""The disclosure rules of ``opbouw.analysis.disclosure`` with this installation's settings:
what every export of the web apps applies before data leaves the system."""

from __future__ import annotations

from typing import Any

from django.conf import settings

from opbouw.analysis.disclosure import EXPORT_PRECISION_M


def export_precision_m() -> int:
    """``OPBOUW_EXPORT_PRECISION_M``, else the default of ``opbouw.analysis.disclosure``."""
    value = getattr(settings, "OPBOUW_EXPORT_PRECISION_M", None)
    return EXPORT_PRECISION_M if value is None else max(0, int(value))


def blurred_for_export(geometry: dict[str, Any] | None, blurred_m: int = 0
                       ) -> tuple[dict[str, Any] | None, int]:
    """``geometry`` blurred to the export precision (or to ``blurred_m`` when that is
    coarser: a location never gets more exact), and the precision used."""
    precision = max(int(blurred_m or 0), export_precision_m())
    if not geometry or precision <= 0:
        return geometry, int(blurred_m or 0)
    from shapely.geometry import shape

    from opbouw.analysis.places import blur_point

    centre = shape(geometry).centroid
    lon, lat = blur_point(centre.x, centre.y, precision)
    return {"type": "Point", "coordinates": [lon, lat]}, precision
