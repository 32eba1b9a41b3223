"""Static maps and charts with matplotlib, as PNG bytes for HTML and PDF documents.

matplotlib is imported inside the functions (it is heavy and only reports need it). The
figures use no pyplot state, so report generation is safe in a web worker thread; PNGs
carry no date or software metadata, so the same input gives the same bytes.

Palettes are colour-blind safe: ColorBrewer's sequential YlOrRd for counts and levels,
Okabe-Ito colours for the LISA cluster types.
"""

from __future__ import annotations

import io
import math
from collections.abc import Sequence
from typing import Any

import numpy as np
import pandas as pd

MISSING = "#e6e6e6"
"""Areas outside the highlighted classes (light grey, never used as a class colour)."""
EDGE = "#6b6b6b"
CLUSTER_COLOURS = {"HH": "#D55E00", "HL": "#E69F00", "LH": "#56B4E9", "LL": "#0072B2"}
"""Okabe-Ito: vermillion, orange, sky blue, blue."""

DPI = 150


def sequential(n: int, start: float = 0.15, stop: float = 0.95) -> list[str]:
    """``n`` colours from ColorBrewer YlOrRd (colour-blind safe), light to dark."""
    from matplotlib import colormaps
    from matplotlib.colors import to_hex

    cmap = colormaps["YlOrRd"]
    if n <= 1:
        return [to_hex(cmap(stop))]
    return [to_hex(cmap(start + (stop - start) * i / (n - 1))) for i in range(n)]


def _require() -> Any:
    try:
        import matplotlib
    except ImportError as exc:  # pragma: no cover - matplotlib is a dependency
        raise ImportError("reports need matplotlib: pip install matplotlib") from exc
    return matplotlib


def _figure(width_cm: float, height_cm: float) -> Any:
    _require()
    from matplotlib.figure import Figure

    fig = Figure(figsize=(width_cm / 2.54, height_cm / 2.54), dpi=DPI)
    return fig


def _png(fig: Any) -> bytes:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    FigureCanvasAgg(fig)
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=DPI, metadata={"Software": None})
    return buf.getvalue()


def _nice_length(span: float) -> float:
    """A round length (1, 2 or 5 x 10^n metres) of about a fifth of ``span``."""
    target = span / 5
    power = 10 ** math.floor(math.log10(target))
    for step in (5, 2, 1):
        if step * power <= target:
            return step * power
    return power


def _scale_bar(ax: Any, bounds: Sequence[float], lang: str) -> None:
    from matplotlib.patches import Rectangle

    xmin, ymin, xmax, ymax = bounds
    length = _nice_length(xmax - xmin)
    x0 = xmin + 0.03 * (xmax - xmin)
    y0 = ymin + 0.04 * (ymax - ymin)
    h = 0.012 * (ymax - ymin)
    half = length / 2
    ax.add_patch(Rectangle((x0, y0), half, h, facecolor="black", edgecolor="black", lw=0.5))
    ax.add_patch(Rectangle((x0 + half, y0), half, h, facecolor="white", edgecolor="black",
                           lw=0.5))
    text = f"{length / 1000:g} km" if length >= 1000 else f"{length:g} m"
    ax.text(x0 + length / 2, y0 + 2 * h, text, ha="center", va="bottom", fontsize=7)


def _north_arrow(ax: Any) -> None:
    ax.annotate("N", xy=(0.95, 0.97), xytext=(0.95, 0.85), xycoords="axes fraction",
                ha="center", va="center", fontsize=9, fontweight="bold",
                arrowprops={"facecolor": "black", "width": 2.5, "headwidth": 8,
                            "headlength": 8})


def _metric(frame: Any) -> Any:
    crs = getattr(frame, "crs", None)
    if crs is not None and crs.is_geographic:
        return frame.to_crs(31370)
    return frame


def class_map(frame: Any, classes: pd.Series, labels: Sequence[str], colours: Sequence[str],
              legend_title: str = "", lang: str = "nl", other_label: str | None = None,
              outline: Any = None, width_cm: float = 15.0) -> bytes:
    """A choropleth of discrete ``classes`` (0..len(labels)-1; NaN = not in a class).

    ``frame`` is a GeoDataFrame indexed by code; ``outline`` an optional GeoDataFrame drawn
    as thicker borders (e.g. provinces). The map has a legend (with the count per class),
    a scale bar and a north arrow.
    """
    from matplotlib.patches import Patch

    frame = _metric(frame)
    xmin, ymin, xmax, ymax = frame.total_bounds
    aspect = (ymax - ymin) / (xmax - xmin) if xmax > xmin else 1.0
    height_cm = min(max(width_cm * aspect * 1.05 + 1.2, 6.0), 16.0)
    fig = _figure(width_cm, height_cm)
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
    ax.set_axis_off()
    cls = classes.reindex(frame.index)
    fill = [MISSING if pd.isna(c) else colours[int(c)] for c in cls]
    frame.plot(ax=ax, color=fill, edgecolor=EDGE, linewidth=0.25)
    if outline is not None and len(outline):
        _metric(outline).boundary.plot(ax=ax, color="#222222", linewidth=0.8)
    pad_y = 0.08 * (ymax - ymin)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin - pad_y, ymax + 0.02 * (ymax - ymin))
    ax.set_aspect("equal")
    counts = cls.value_counts()
    handles = [Patch(facecolor=colours[i], edgecolor=EDGE,
                     label=f"{label} ({int(counts.get(i, 0))})")
               for i, label in enumerate(labels)]
    if other_label:
        handles.append(Patch(facecolor=MISSING, edgecolor=EDGE,
                             label=f"{other_label} ({int(cls.isna().sum())})"))
    ax.legend(handles=handles, title=legend_title or None, loc="lower right", fontsize=7,
              title_fontsize=7, frameon=True, framealpha=0.9)
    _scale_bar(ax, (xmin, ymin - pad_y, xmax, ymax), lang)
    _north_arrow(ax)
    return _png(fig)


def locator_map(frame: Any, code: str, context: Any, label: str, lang: str = "nl",
                width_cm: float = 7.5) -> bytes:
    """The area ``code`` highlighted among the ``context`` areas (its peers)."""
    from matplotlib.patches import Patch

    context = _metric(context)
    frame = _metric(frame)
    xmin, ymin, xmax, ymax = context.total_bounds
    aspect = (ymax - ymin) / (xmax - xmin) if xmax > xmin else 1.0
    fig = _figure(width_cm, min(max(width_cm * aspect + 1.0, 4.5), 12.0))
    ax = fig.add_axes((0.01, 0.01, 0.98, 0.98))
    ax.set_axis_off()
    context.plot(ax=ax, color=MISSING, edgecolor=EDGE, linewidth=0.25)
    frame.loc[[code]].plot(ax=ax, color=sequential(1)[0], edgecolor="black", linewidth=0.8)
    pad_y = 0.1 * (ymax - ymin)
    ax.set_xlim(xmin, xmax)
    ax.set_ylim(ymin - pad_y, ymax + 0.02 * (ymax - ymin))
    ax.set_aspect("equal")
    ax.legend(handles=[Patch(facecolor=sequential(1)[0], edgecolor="black", label=label)],
              loc="lower right", fontsize=7)
    _scale_bar(ax, (xmin, ymin - pad_y, xmax, ymax), lang)
    _north_arrow(ax)
    return _png(fig)


def bar_chart(labels: Sequence[str], values: Sequence[float], xlabel: str,
              highlight: Sequence[bool] | None = None, width_cm: float = 16.0,
              xmax: float | None = None, min_height_cm: float = 3.0) -> bytes:
    """Horizontal bars, largest on top; ``highlight`` marks bars in the darker colour;
    ``xmax`` fixes the end of the axis (e.g. 100 for percentages)."""
    n = len(labels)
    fig = _figure(width_cm, max(min_height_cm, 0.55 * n + 1.6))
    ax = fig.add_axes((0.3, 0.3, 0.66, 0.66))
    light, dark = sequential(2)
    colours = [dark if (highlight is not None and highlight[i]) else light for i in range(n)]
    y = np.arange(n)[::-1]
    ax.barh(y, values, color=colours, edgecolor=EDGE, linewidth=0.5)
    ax.set_yticks(y, labels, fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    if xmax is not None:
        ax.set_xlim(0, xmax)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    for yi, v in zip(y, values, strict=True):
        if not math.isnan(v):
            ax.text(v, yi, f" {v:g}", va="center", fontsize=7)
    return _png(fig)


def interval_chart(labels: Sequence[str], median: Sequence[float], low: Sequence[float],
                   high: Sequence[float], xlabel: str, width_cm: float = 16.0) -> bytes:
    """Rank intervals (5-95 %) with the median, one row per area, first area on top."""
    n = len(labels)
    fig = _figure(width_cm, max(4.0, 0.42 * n + 1.6))
    ax = fig.add_axes((0.3, 0.12, 0.66, 0.85))
    y = np.arange(n)[::-1]
    dark = sequential(3)[-1]
    ax.hlines(y, low, high, color=sequential(3)[1], linewidth=4)
    ax.plot(median, y, "o", color=dark, markersize=4)
    ax.set_yticks(y, labels, fontsize=8)
    ax.tick_params(axis="x", labelsize=8)
    ax.set_xlabel(xlabel, fontsize=8)
    ax.set_xlim(left=0.5)
    ax.grid(axis="x", color="#dddddd", linewidth=0.5)
    for side in ("top", "right"):
        ax.spines[side].set_visible(False)
    return _png(fig)
