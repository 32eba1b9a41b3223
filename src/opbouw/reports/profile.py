"""The area profile ("wijkfiche"): one area on one or two pages.

Its key indicators against the references (its parent, the median of the areas it is
compared with, the region), its rank and worst-group flags with the explanation of
``opbouw.analysis.explain``, a locator map and its sub-areas. Parent and region values
come from the data when present, else they are added up from their areas by
``opbouw.analysis.hierarchy.aggregate_values`` (numerators and denominators, never
averaged percentages).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import pandas as pd

from opbouw.analysis.explain import explain
from opbouw.analysis.flags import ATLAS_K, FlagRule
from opbouw.analysis.hierarchy import aggregate_values, ancestor_at
from opbouw.analysis.methods import AtlasConfig, MostOftenConfig, run_method
from opbouw.data.dataset import Dataset
from opbouw.errors import ConfigError, InsufficientDataError
from opbouw.i18n import gettext, ngettext, pgettext
from opbouw.model.indicators import Catalogue
from opbouw.reports import charts
from opbouw.reports.annex import TOP, P
from opbouw.reports.document import Document
from opbouw.reports.scope import Scope, scope_codes, top_ancestor
from opbouw.wording import explanation_summary, level_noun


@dataclass(frozen=True)
class ProfileConfig:
    """Which area, which indicators, and the areas it is compared with (``scope``; by
    default all areas of its level in its region)."""

    code: str
    indicators: tuple[str, ...]
    scope: Scope | None = None
    year: int | None = None
    top: int = TOP
    p: float = P
    k: int = ATLAS_K
    lang: str = "nl"
    organisation: str = ""
    day: date | None = None
    credits: tuple[str, ...] = field(default_factory=tuple)


def _reference_value(dataset: Dataset, catalogue: Catalogue, ref: str, members: pd.Index,
                     keys: list[str], year: int | None) -> tuple[pd.Series, bool]:
    """The values of area ``ref``: its own when the data have them, else added up from
    ``members``; the flag says whether they were added up."""
    own = dataset.wide(year, keys).reindex([ref])
    if own.notna().any(axis=None):
        return own.iloc[0], False
    if not len(members):
        return pd.Series(float("nan"), index=keys), False
    group = pd.Series(ref, index=members, dtype="string")
    inds = {k: catalogue.get(k) for k in dataset.values["indicator"].unique() if k in catalogue}
    frame = dataset.areas.frame  # type: ignore[union-attr]
    values = dataset.values[dataset.values["code"].isin(members)]
    try:
        agg = aggregate_values(values, group, inds, frame["population"])
    except (KeyError, ValueError):
        # values that cannot be added up (e.g. without a year): no reference, not an error
        return pd.Series(float("nan"), index=keys), False
    table = Dataset(None, agg.values).wide(year, keys)
    row = (table.reindex([ref]).iloc[0] if ref in table.index
           else pd.Series(float("nan"), index=keys))
    return row.reindex(keys), True


def build_profile(dataset: Dataset, catalogue: Catalogue, config: ProfileConfig) -> Document:
    """Analyse the reference set and lay out the profile of ``config.code``."""
    if dataset.areas is None:
        raise ConfigError("the profile needs an areas file (code, name, level, parent)")
    frame = dataset.areas.frame
    code = config.code
    if code not in frame.index:
        raise ConfigError("unknown area code {code!r}", code=code)
    lang = config.lang
    level = str(frame.at[code, "level"])
    parent = frame.at[code, "parent"]
    parent = parent if isinstance(parent, str) and parent in frame.index else None
    region = top_ancestor(frame, code)
    scope = config.scope or Scope(level, (region,) if region != code else ())
    if scope.level != level:
        scope = Scope(level, scope.within, scope.exclude)
    keys = list(config.indicators)
    present = set(dataset.values["indicator"].unique())
    absent = [k for k in keys if k not in present]
    if absent:
        raise ConfigError("indicators not in the data: {keys}", keys=", ".join(absent))
    codes = scope_codes(frame, scope)
    if code not in codes:
        codes = codes.append(pd.Index([code]))
    table = dataset.wide(config.year, keys).reindex(codes).dropna(how="all")
    if code not in table.index:
        raise InsufficientDataError("no values for {code}", code=code)
    if len(table) < 3:
        raise InsufficientDataError("fewer than three areas to compare with")
    directions = {k: catalogue.get(k).direction.sign if k in catalogue else 1 for k in keys}
    labels = {k: catalogue.get(k).label(lang) if k in catalogue else k for k in keys}
    names = {str(c): dataset.areas.name_of(str(c)) for c in frame.index}
    name = names[code]
    rule = FlagRule("percentile", p=config.p)
    atlas = run_method("atlas", table, directions, AtlasConfig(rule, config.k))
    top = run_method("top-n", table, directions, MostOftenConfig(n=config.top, show=config.top))
    doc = Document(gettext("Area profile {name}", lang).format(name=name), lang,
                   config.organisation, config.day, kind="profile", toc=False,
                   subtitle=_subtitle(frame, code, names, level_noun(level, 1, lang), lang))
    _ = doc.gettext
    n = len(table)

    sec = doc.section(_("Rank and flags"))
    expl = explain(code, atlas, table, directions, name, labels)
    top_expl = explain(code, top, table, directions, name, labels)
    peers = level_noun(level, 2, lang)
    compared = f"{n} {level_noun(level, n, lang)}"
    if scope.parent:
        compared = _("{areas} of {place}", areas=compared,
                     place=names.get(scope.parent, scope.parent))
    if scope.exclude:
        compared += " " + _("(excluding {names})",
                            names=", ".join(names.get(x, x) for x in scope.exclude))
    sec.text(_("Compared with {areas}.", areas=compared))
    sec.items([explanation_summary(e, lang, reasons=0) + "." for e in (expl, top_expl)])

    parent_members = (frame.index[(ancestor_at(frame, str(frame.at[parent, "level"])) == parent)
                                  .fillna(False).to_numpy() & (frame["level"] == level).to_numpy()]
                      if parent else pd.Index([]))
    parent_vals, parent_added = (_reference_value(dataset, catalogue, parent, parent_members, keys,
                                                  config.year) if parent else
                                 (pd.Series(float("nan"), index=keys), False))
    region_members = frame.index[(ancestor_at(frame, str(frame.at[region, "level"])) == region)
                                 .fillna(False).to_numpy() & (frame["level"] == level).to_numpy()]
    region_vals, region_added = (_reference_value(dataset, catalogue, region, region_members, keys,
                                                  config.year) if region != code else
                                 (pd.Series(float("nan"), index=keys), False))
    median = table.median()
    rows, classes = [], []
    reasons = {r.indicator: r for r in expl.reasons}
    for key in keys:
        r = reasons[key]
        rows.append([labels[key], doc.num(r.value, 1),
                     f"{int(r.rank)}/{r.of}" if r.rank == r.rank else "–",
                     _("yes") if r.flagged else "", doc.num(parent_vals.get(key), 1),
                     doc.num(median.get(key), 1), doc.num(region_vals.get(key), 1)])
        classes.append("level-1" if r.flagged else "")
    cols = [_("Indicator"), name, _("Rank"),
            _("Worst {p} %", p=doc.num(config.p, 0)),
            names[parent] if parent else pgettext("column", "parent", lang),
            _("Median"), names.get(region, region)]
    notes = [_("Rank 1 = most vulnerable.")]
    if parent_added or region_added:
        notes.append(_("Values of larger areas are added up from their areas (numerators and "
                       "denominators; else weighted by inhabitants)."))
    sec2 = doc.section(_("Key indicators against the references"))
    sec2.add(doc.table(_("{name}: value, rank and the reference values.", name=name), cols, rows,
                       classes,
                       [False, True, True, False, True, True, True], " ".join(notes)))

    sec3 = doc.section(_("Location and sub-areas"))
    if "geometry" in frame.columns:
        context_codes = (frame.index[(frame["parent"] == parent).fillna(False).to_numpy()
                                     & (frame["level"] == level).to_numpy()]
                         if parent else table.index)
        if len(context_codes) < 3:
            context_codes = table.index
        png = charts.locator_map(frame, code, frame.loc[context_codes], name, lang)
        where = names.get(parent, "") if parent else ""
        among = f"{len(context_codes)} {peers}"
        if where:
            among = _("{areas} of {place}", areas=among, place=where)
        sec3.add(doc.figure(_("Location of {name} in {place}.", name=name, place=where) if where
                            else _("Location of {name}.", name=name), png,
                            _("Map: {name} highlighted among the {areas}.", name=name,
                              areas=among), narrow=True))
    children = frame.index[(frame["parent"] == code).fillna(False).to_numpy()]
    if len(children):
        child_vals = dataset.wide(config.year, keys).reindex(children)
        rows = [[names[str(c)], level_noun(str(frame.at[c, "level"]), 1, lang),
                 doc.num(frame.at[c, "population"], 0)]
                + [doc.num(child_vals.at[c, k], 1) for k in keys[:4]] for c in children]
        sec3.add(doc.table(_("Sub-areas of {name}.", name=name),
                           [_("Sub-area"), _("Level"),
                            _("Inhabitants")] + [labels[k] for k in keys[:4]], rows,
                           numeric=[False, False, True] + [True] * len(keys[:4])))
    else:
        sec3.text(_("The data hold no sub-areas of {name}.", name=name))
    lines = list(config.credits)
    for key in keys:
        ind = catalogue.indicators.get(key)
        if ind and ind.source and ind.source not in lines:
            lines.append(ind.source)
    if lines:
        sec3.text(_("Sources: ") + "; ".join(lines))
    return doc


def _subtitle(frame: Any, code: str, names: dict[str, str], level_word: str, lang: str) -> str:
    parts = [level_word.capitalize(), f"NIS {code}" if code.isdigit() else code]
    parent = frame.at[code, "parent"]
    if isinstance(parent, str) and parent:
        parts.append(gettext("in {place}", lang).format(place=names.get(parent, parent)))
    pop = frame.at[code, "population"]
    if pd.notna(pop):
        from opbouw.reports.document import number

        parts.append(ngettext("{n} inhabitant", "{n} inhabitants", int(pop), lang).format(
            n=number(pop, 0, lang)))
    return " · ".join(parts)
