"""Static choropleth maps as inline SVG: no JavaScript, no tiles, nothing from the network."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any

import numpy as np
import pandas as pd

PALETTE = ("#fff5eb", "#fdd0a2", "#fd8d3c", "#d94801", "#7f2704")
MISSING_COLOUR = "#dddddd"


def classify(values: pd.Series, k: int = 5, scheme: str = "NaturalBreaks") -> pd.Series:
    """Class 0..k-1 per area with mapclassify (NaN stays NaN)."""
    import mapclassify

    valid = values.dropna().astype(float)
    classes = pd.Series(np.nan, index=values.index)
    distinct = valid.nunique()
    if distinct == 0:
        return classes
    k = max(1, min(k, distinct))
    if k == 1:
        classes[valid.index] = 0
        return classes
    classifier = mapclassify.classify(valid.to_numpy(), scheme=scheme, k=k)
    classes[valid.index] = classifier.yb
    return classes


def _path(geom: Any) -> str:
    parts = []
    polygons = getattr(geom, "geoms", [geom])
    for poly in polygons:
        for ring in (poly.exterior, *poly.interiors):
            coords = np.asarray(ring.coords)
            parts.append("M" + " L".join(f"{x:.0f} {y:.0f}" for x, y in coords) + " Z")
    return " ".join(parts)


def svg_choropleth(frame: Any, values: pd.Series, title: str = "", k: int = 5,
                   labels: Mapping[str, str] | None = None, legend_title: str = "",
                   width: int = 640) -> str:
    """An SVG map of ``values`` over the GeoDataFrame ``frame`` (metric CRS, index = code)."""
    classes = classify(values.reindex(frame.index), k)
    xmin, ymin, xmax, ymax = frame.total_bounds
    height = int(width * (ymax - ymin) / (xmax - xmin)) if xmax > xmin else width
    stroke = (xmax - xmin) / width * 0.6
    shapes = []
    for code, geom in zip(frame.index, frame.geometry, strict=True):
        cls = classes.get(code)
        colour = MISSING_COLOUR if pd.isna(cls) else PALETTE[int(cls) * (len(PALETTE) - 1)
                                                            // max(1, k - 1)]
        name = (labels or {}).get(code, code)
        value = values.get(code)
        tip = f"{name}: {'-' if pd.isna(value) else f'{value:g}'}"
        shapes.append(f'<path d="{_path(geom)}" fill="{colour}" stroke="#555" '
                      f'stroke-width="{stroke:.1f}"><title>{escape(tip)}</title></path>')
    valid = values.dropna()
    legend = []
    for cls in range(k):
        members = valid[classes.reindex(valid.index) == cls]
        if members.empty:
            continue
        colour = PALETTE[cls * (len(PALETTE) - 1) // max(1, k - 1)]
        legend.append(f'<li><span style="background:{colour}"></span>'
                      f'{members.min():g} – {members.max():g} ({len(members)})</li>')
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
           f'role="img" aria-label="{escape(title)}">'
           f'<g transform="scale({width / (xmax - xmin):.6f},{-height / (ymax - ymin):.6f}) '
           f'translate({-xmin:.0f},{-ymax:.0f})">{"".join(shapes)}</g></svg>')
    return (f'<figure class="map"><figcaption>{escape(title)}</figcaption>{svg}'
            f'<ul class="legend"><li><strong>{escape(legend_title)}</strong></li>'
            f'{"".join(legend)}</ul></figure>')
