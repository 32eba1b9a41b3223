"""Evidence links: "note:12", "place:3", "indicator:income_median" ...

Answers, statements and work goals keep a list of such keys. They are resolved for the
reader: a link the reader may not see (not shared with them, or deleted) is shown as
unavailable, never with its content.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext as _

from opbouw.web.accounts.access import visible
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import label
from opbouw.web.areas.models import Area
from opbouw.web.knowledge.models import KINDS


@dataclass
class Link:
    key: str
    kind: str
    label: str
    url: str | None  # None: not available to this reader

    @property
    def kind_label(self) -> str:
        return kind_label(self.kind)


def kind_label(kind: str) -> str:
    labels = {"indicator": _("indicator"), "note": _("note"), "asset": _("strength"),
              "place": _("place"), "answer": _("answer"), "audit": _("5B audit")}
    return labels.get(kind, kind)


def record_label(obj: Any) -> str:
    if obj.kind_key == "answer":
        return _("answer to question %(n)d") % {"n": obj.question.number}
    if obj.kind_key == "place":
        return f"{obj.name or obj.meaning[:60]} ({obj.get_experience_display()})"
    return str(obj)


def choices(area: Area, user: Any, exclude: str = "") -> list[tuple[str, str]]:
    """What an answer or statement about ``area`` can cite, as form choices."""
    out: list[tuple[str, str]] = []
    for key in store.indicators_in(area.dataset):
        out.append((f"indicator:{key}", f"{kind_label('indicator')}: {label(key)}"))
    for kind in ("note", "asset", "place", "answer", "audit"):
        qs = visible(KINDS[kind].objects.filter(area=area), user)
        if kind == "answer":
            qs = qs.select_related("question")
        for obj in qs:
            key = f"{kind}:{obj.pk}"
            if key != exclude:
                out.append((key, f"{kind_label(kind)}: {record_label(obj)}"))
    return out


def resolve(keys: list[str], area: Area, user: Any) -> list[Link]:
    """Each key as a link the reader can follow in one click, in the given order."""
    wanted: dict[str, set[int]] = {}
    for key in keys:
        kind, _sep, ident = key.partition(":")
        if kind in KINDS and ident.isdigit():
            wanted.setdefault(kind, set()).add(int(ident))
    found: dict[str, Any] = {}
    for kind, pks in wanted.items():
        qs = visible(KINDS[kind].objects.filter(pk__in=pks), user)
        if kind == "answer":
            qs = qs.select_related("question")
        for obj in qs:
            found[f"{kind}:{obj.pk}"] = obj
    links = []
    for key in keys:
        kind, _sep, ident = key.partition(":")
        if kind == "indicator":
            links.append(Link(key, kind, label(ident),
                              reverse("knowledge_indicator",
                                      args=[area.dataset_id, area.code, ident])))
        elif key in found:
            obj = found[key]
            links.append(Link(key, kind, record_label(obj),
                              reverse(f"knowledge_{kind}", args=[obj.pk])))
        else:
            links.append(Link(key, kind, _("not available"), None))
    return links
