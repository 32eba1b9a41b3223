"""Run a saved (or what-if) configuration on a dataset: the table, map classes and legend.

All computation is the analysis engine's (``run_method``); this module only picks the
table from the in-memory cache, adds names, and classifies the score for the map with
mapclassify, so that a what-if update costs one method run and no database query.
"""

from __future__ import annotations

import zlib
from collections.abc import Mapping
from typing import Any

import mapclassify
import numpy as np
import pandas as pd

from opbouw.analysis import defaults
from opbouw.analysis.pipeline import AnalysisSpec, Scope, run_analysis
from opbouw.errors import InsufficientDataError, OpbouwError, error_message
from opbouw.reports.svgmap import MISSING_COLOUR, PALETTE
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import analysable, catalogue_for
from opbouw.web.areas.models import Dataset

EXACT_JENKS = 2000
NUMERIC = {"p": float, "k": int, "n": int, "year": int, "factor": float, "high_from": int}
TEXT = {"method", "level", "rule", "normalise", "aggregate", "missing"}


def merge(config: Mapping[str, Any], overrides: Mapping[str, Any]) -> dict[str, Any]:
    """The saved config with what-if overrides from a form or query string applied;
    ``w_<indicator>`` sets a weight. Bad numbers raise ValueError."""
    cfg = dict(config)
    weights = dict(cfg.get("weights", {}))
    for key, value in overrides.items():
        if value in (None, ""):
            continue
        if key in NUMERIC:
            cfg[key] = NUMERIC[key](value)
        elif key in TEXT:
            cfg[key] = str(value)
        elif key.startswith("w_"):
            weights[key[2:]] = float(value)
    if weights:
        cfg["weights"] = weights
    return cfg


def default_config(dataset: Dataset) -> dict[str, Any]:
    levels = store.levels_in(dataset)
    return {"indicators": analysable(store.indicators_in(dataset)), "level": levels[0] if levels
            else "", "year": None, "p": defaults.P, "k": defaults.K, "n": defaults.N}


def compute(dataset: Dataset, method: str, cfg: Mapping[str, Any]) -> dict[str, Any]:
    """Results of ``method`` with ``cfg``: a DataFrame ``table`` (name, score, rank, flag,
    values), map ``classes`` per code, the ``legend``, and method ``details``."""
    keys = list(cfg.get("indicators") or analysable(store.indicators_in(dataset)))
    year = int(cfg["year"]) if cfg.get("year") else None
    data = store.tables(dataset)
    # the library's one pipeline: scope (within, exclude), directions from the
    # organisation's catalogue, too-sparse indicators, weights, the method
    spec = AnalysisSpec(method=method, options=cfg, indicators=tuple(keys), year=year,
                        scope=Scope.from_settings({**cfg, "level": cfg.get("level") or None}))
    try:
        run = run_analysis(data["values"], data["areas"],
                           catalogue_for(dataset.organisation_id), spec,
                           wide=store.wide(dataset, keys, year, None),
                           present=store.present(dataset), cover=store.coverage(dataset))
    except InsufficientDataError as exc:
        from django.utils.translation import gettext

        raise ValueError(gettext("fewer than two areas with values for these indicators")) \
            from exc
    except OpbouwError as exc:
        from django.utils.translation import get_language

        raise ValueError(error_message(exc, get_language())) from exc
    result, table, keys = run.result, run.table, list(run.directions)
    out = result.table[["score", "rank", "flag"]].copy()
    areas = data["areas"]
    out.insert(0, "name", areas["name"].reindex(out.index).fillna(""))
    if "level" in result.table.columns:
        out["level"] = result.table["level"]
    classes, legend = classify(out["score"], method, len(keys))
    return {"table": out, "values": table[keys], "classes": classes, "legend": legend,
            "details": result.details, "keys": keys, "flags": result.flags,
            "notes": list(run.notes)}


def classify(score: pd.Series, method: str, n_indicators: int) -> tuple[pd.Series, list[dict]]:
    """Map classes: the count itself for counts of conditions (0..K), else Fisher-Jenks
    natural breaks (quintiles for very many areas) in at most five classes (mapclassify)."""
    valid = score.dropna().astype(float)
    classes = pd.Series(np.nan, index=score.index)
    if valid.empty:
        return classes, []
    if method in ("atlas", "score"):
        top = max(int(valid.max()), 1)
        if top < len(PALETTE):
            classes[valid.index] = valid.astype(int)
            return classes, [{"label": str(i), "color": PALETTE[i]} for i in range(top + 1)]
        # more counts than colours: equal groups of counts, e.g. 0-1, 2-3, ...
        edges = np.ceil(np.linspace(0, top + 1, len(PALETTE) + 1)).astype(int)
        classes[valid.index] = np.searchsorted(edges, valid.to_numpy(), side="right") - 1
        return classes, [{"label": (f"{edges[i]}" if edges[i] == edges[i + 1] - 1
                                    else f"{edges[i]}–{edges[i + 1] - 1}"), "color": PALETTE[i]}
                         for i in range(len(PALETTE))]
    k = min(len(PALETTE), valid.nunique())
    if k < 2:
        classes[valid.index] = 0
        from opbouw.web.areas.templatetags.opbouw_tags import format_num

        return classes, [{"label": format_num(valid.iat[0], 3), "color": PALETTE[0]}]
    # Fisher-Jenks is exact but quadratic in the number of areas: above EXACT_JENKS
    # areas (a what-if must answer in 300 ms) the map uses quintiles instead
    if len(valid) <= EXACT_JENKS:
        scheme = mapclassify.FisherJenks(valid.to_numpy(), k=k)
    else:
        scheme = mapclassify.Quantiles(valid.to_numpy(), k=k)
    classes[valid.index] = scheme.yb
    return classes, legend_of(valid, [float(b) for b in scheme.bins], k)


def legend_of(valid: pd.Series, bins: list[float], k: int) -> list[dict[str, Any]]:
    """One legend entry per class, ``lo`` to ``hi``, in the user's number format with as
    many decimals as the spread of the values needs. Whole-number scores (counts) get
    whole-number classes: ``0``, ``1–2``, ``3–5``, never ``0 – 0``."""
    from opbouw.web.areas.templatetags.opbouw_tags import format_num

    whole = bool(np.all(np.mod(valid.to_numpy(), 1) == 0))
    spread = float(valid.max() - valid.min())
    decimals = 0 if whole else int(min(6, max(0, 2 - np.floor(np.log10(spread)))))
    legend, lower = [], float(valid.min())
    for i, upper in enumerate(bins):
        lo = lower if i == 0 or not whole else float(np.floor(lower) + 1)
        lo = min(lo, upper)
        text = format_num(lo, decimals) if lo == upper else \
            f"{format_num(lo, decimals)} – {format_num(upper, decimals)}"
        legend.append({"label": text, "lo": lo, "hi": float(upper), "decimals": decimals,
                       "color": PALETTE[i * (len(PALETTE) - 1) // max(1, k - 1)]})
        lower = float(upper)
    return legend


TABLE_ROWS = 2000
"""Rows of the results table, on the page and in every what-if update alike."""


def order_token(codes: list[str]) -> str:
    """A short name for one order of area codes (count and CRC-32 of the codes)."""
    return f"{len(codes)}-{zlib.crc32(chr(10).join(codes).encode()):08x}"


def payload(result: dict[str, Any], rows: int = TABLE_ROWS, order: str = "") -> dict[str, Any]:
    """The JSON a what-if update needs: the first rows by rank, every area's class.

    ``classes`` is a list of class numbers (-1: no class) in the order of ``codes``; a
    what-if of 20,000 areas keeps the same order, so ``codes`` is left out when the
    page already holds that order (``order``: the :func:`order_token` it was sent)."""
    table = result["table"].sort_values(["rank", "score"], ascending=[True, False],
                                        na_position="last")
    head = table.head(rows)
    colours = [entry["color"] for entry in result["legend"]]
    codes = result["classes"].index.astype(str).tolist()
    token = order_token(codes)
    out = {
        "n": int(len(table)), "flagged": int(table["flag"].sum()),
        "rows": [[str(c), str(r.name), number(r.score), integer(r.rank), bool(r.flag)]
                 for c, r in zip(head.index, head.itertuples(index=False), strict=True)],
        "classes": result["classes"].fillna(-1).astype(int).tolist(), "order": token,
        "colors": colours, "missing_color": MISSING_COLOUR, "legend": result["legend"],
        "breaks": [int(b) for b in result["details"].get("breaks", [])],
    }
    if order != token:
        out["codes"] = codes
    return out


def class_of(data: dict[str, Any], codes: list[str] | None = None) -> dict[str, int]:
    """Area code -> map class of a :func:`payload` (``codes``: the order the page holds
    when the payload left them out); areas without a class are left out."""
    order = data.get("codes", codes) or []
    return {c: k for c, k in zip(order, data["classes"], strict=True) if k >= 0}


def number(v: Any) -> float | None:
    return None if pd.isna(v) else round(float(v), 4)


def integer(v: Any) -> int | None:
    return None if pd.isna(v) else int(v)
