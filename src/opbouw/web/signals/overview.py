"""Counting signals by right, theme, area and period: one function for the overview page,
the CSV export and the API, so that they always agree."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable
from typing import Any

import numpy as np
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from opbouw.analysis.disclosure import SMALL_COUNT_THRESHOLD, protect_counts
from opbouw.web.signals.models import Right, Signal

DIMENSIONS = ("right", "theme", "area", "period")
PERIODS = ("year", "quarter", "month")


def min_count() -> int:
    """The smallest count shown outside the organisation (the project-wide setting
    ``OPBOUW_SMALL_COUNT_THRESHOLD``, else the default of ``opbouw.analysis.disclosure``)."""
    value = getattr(settings, "OPBOUW_SMALL_COUNT_THRESHOLD", None)
    return SMALL_COUNT_THRESHOLD if value is None else int(value)


def hide(count: int, threshold: int | None = None) -> int | None:
    """``count``, or ``None`` when ``opbouw.analysis.disclosure`` hides it."""
    value = protect_counts(np.array([count]), min_count() if threshold is None else threshold)
    return None if np.isnan(value[0]) else int(value[0])


def period_of(day: dt.date, period: str = "quarter") -> str:
    if period == "year":
        return f"{day.year}"
    if period == "month":
        return f"{day.year}-{day.month:02d}"
    return f"{day.year}-Q{(day.month - 1) // 3 + 1}"


def counted(qs: QuerySet[Signal]) -> QuerySet[Signal]:
    """The signals an overview counts: merged duplicates live on in their signal."""
    return qs.filter(merged_into__isnull=True)


def _key(s: Signal, by: str, period: str) -> tuple[str, str]:
    if by == "right":
        return s.right, str(Right(s.right).label) if s.right in Right.values else s.right
    if by == "theme":
        theme = s.theme.strip()
        return theme.lower(), theme or _("(no theme)")
    if by == "area":
        return (s.area_code or s.area.strip().lower()), s.area.strip()
    p = period_of(s.noted_on, period)
    return p, p


def counts(signals: Iterable[Signal], by: str, period: str = "quarter") -> list[dict[str, Any]]:
    """Rows ``key``, ``label``, ``signals``, ``reports``, ``people``, sorted by count
    (periods in time order)."""
    if by not in DIMENSIONS:
        raise ValueError(by)
    n: Counter[str] = Counter()
    reports: Counter[str] = Counter()
    people: Counter[str] = Counter()
    labels: dict[str, str] = {}
    for s in signals:
        key, label = _key(s, by, period)
        labels.setdefault(key, label)
        n[key] += 1
        reports[key] += s.reports
        people[key] += s.people or 0
    rows = [{"key": k, "label": labels[k], "signals": n[k], "reports": reports[k],
             "people": people[k]} for k in n]
    if by == "period":
        return sorted(rows, key=lambda r: r["key"])
    return sorted(rows, key=lambda r: (-r["signals"], r["label"].lower()))


def hidden(rows: list[dict[str, Any]], threshold: int | None = None) -> list[dict[str, Any]]:
    """The same rows with every count below the threshold replaced by ``None``."""
    t = min_count() if threshold is None else threshold
    return [{**r, **{c: hide(r[c], t) for c in ("signals", "reports", "people")}}
            for r in rows]
