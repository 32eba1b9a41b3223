"""The area-analysis annex of a working area ("Gebiedsanalyse van het werkgebied").

Modelled on the annex that seed 004 refers to: the method in plain words, the synthesis
table of the areas most often ranked highest (with its level break), score 0..K, the
deprived areas (cumulation of k conditions), maps, the finer level with deprivation that
municipal averages hide, hot spots, the working areas compared, how robust the ranking
is, and the data sources. Every number comes from an ``opbouw.analysis`` function; this
module only chooses, orders and formats.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from itertools import pairwise
from typing import Any

import pandas as pd

from opbouw.analysis.explain import explain
from opbouw.analysis.flags import ATLAS_K, FlagRule
from opbouw.analysis.hierarchy import aggregate_values, ancestor_at, averaged_away
from opbouw.analysis.methods import (
    AtlasConfig,
    MostOftenConfig,
    ScoreConfig,
    run_method,
)
from opbouw.analysis.tables import missing_report
from opbouw.analysis.uncertainty import UncertaintyConfig, monte_carlo
from opbouw.analysis.working_areas import compare_working_areas
from opbouw.data.dataset import Dataset
from opbouw.errors import ConfigError, InsufficientDataError, error_message
from opbouw.i18n import gettext, pgettext
from opbouw.model.areas import level_for
from opbouw.model.indicators import Catalogue
from opbouw.reports import charts
from opbouw.reports.document import Document
from opbouw.reports.scope import Scope, describe, scope_codes, top_ancestor
from opbouw.wording import cluster_sentences, level_noun

TOP = 20
"""Length of the synthesis table and the top N per indicator (seed 004's top 20)."""
P = 20.0
"""Worst group per indicator: the worst 20 % (the Atlas of deprived neighbourhoods)."""
DRAWS = 500
PERMUTATIONS = 999
SEED = 12345


@dataclass(frozen=True)
class AnnexConfig:
    """What the annex analyses and how; the defaults follow seed 004 and the Atlas."""

    indicators: tuple[str, ...]
    scope: Scope = field(default_factory=Scope)
    year: int | None = None
    top: int = TOP
    p: float = P
    k: int = ATLAS_K
    draws: int = DRAWS
    seed: int = SEED
    permutations: int = PERMUTATIONS
    hotspots: bool = True
    compare_level: str = "province"
    fte: Mapping[str, float] = field(default_factory=dict)
    preset: str | None = None
    lang: str = "nl"
    organisation: str = ""
    title: str | None = None
    day: date | None = None
    credits: tuple[str, ...] = ()

    @property
    def level(self) -> str:
        """The level compared (``_prepare`` fills it in when the scope leaves it open)."""
        return self.scope.level or ""


@dataclass
class _Data:
    dataset: Dataset
    catalogue: Catalogue
    config: AnnexConfig
    frame: Any
    table: pd.DataFrame
    directions: dict[str, int]
    labels: dict[str, str]
    names: dict[str, str]
    years: dict[str, Any]
    dropped: list[str]

    @property
    def geo(self) -> Any:
        return self.frame if "geometry" in self.frame.columns else None


def _prepare(dataset: Dataset, catalogue: Catalogue, config: AnnexConfig) -> _Data:
    if dataset.areas is None:
        raise ConfigError("the annex needs an areas file (code, name, level, parent)")
    if len(config.indicators) < 2:
        raise ConfigError("give at least two indicators (or --preset)")
    frame = dataset.areas.frame
    present = set(dataset.values["indicator"].unique())
    absent = [k for k in config.indicators if k not in present]
    if absent:
        raise ConfigError("indicators not in the data: {keys}", keys=", ".join(absent))
    codes = scope_codes(frame, config.scope)
    if config.scope.level is None:  # the level the scope chose: the most common one
        found = frame.loc[frame.index.intersection(codes), "level"].value_counts()
        if len(found):
            config = replace(config, scope=replace(config.scope, level=str(found.index[0])))
    keys = list(config.indicators)
    table = dataset.wide(config.year, keys).reindex(codes)
    dropped = [str(c) for c in table.index[table.isna().all(axis=1)]]
    table = table.dropna(how="all")
    if len(table) < 3:
        raise InsufficientDataError("fewer than three areas with values in scope")
    lang = config.lang
    directions = {k: catalogue.get(k).direction.sign if k in catalogue else 1 for k in keys}
    labels = {k: catalogue.get(k).label(lang) if k in catalogue else k for k in keys}
    names = {str(c): dataset.areas.name_of(str(c)) for c in frame.index}
    vals = dataset.values[dataset.values["code"].isin(table.index)
                          & dataset.values["indicator"].isin(keys)]
    if config.year is not None:
        years: dict[str, Any] = {k: config.year for k in keys}
    else:
        years = vals.groupby("indicator")["year"].max().to_dict()
    return _Data(dataset, catalogue, config, frame, table, directions, labels, names, years,
                 dropped)


def build_annex(dataset: Dataset, catalogue: Catalogue, config: AnnexConfig) -> Document:
    """Analyse and lay out the annex; ``Document.write`` makes the PDF or HTML."""
    d = _prepare(dataset, catalogue, config)
    config = d.config
    lang = config.lang
    scope = config.scope
    area_word = level_noun(config.level, 2, lang)
    where = d.names.get(scope.parent, scope.parent) if scope.parent else ""
    title = config.title or (
        gettext("Area analysis of the working area {name}", lang).format(name=where) if where
        else gettext("Area analysis of the working area", lang))
    doc = Document(title, lang, config.organisation, config.day, kind="annex",
                   subtitle=_subtitle(d))
    rule = FlagRule("percentile", p=config.p)
    top = run_method("top-n", d.table, d.directions, MostOftenConfig(n=config.top, show=config.top))
    score = run_method("score", d.table, d.directions, ScoreConfig(rule))
    atlas = run_method("atlas", d.table, d.directions, AtlasConfig(rule, config.k))
    composite = run_method("composite", d.table, d.directions)

    _introduction(doc, d, area_word)
    _method(doc, d, atlas, area_word)
    _synthesis(doc, d, top, area_word)
    _score(doc, d, score, area_word)
    _deprived(doc, d, atlas, area_word)
    _finer(doc, d, atlas, area_word)
    _hotspots(doc, d, composite, area_word)
    _compare(doc, d, area_word)
    _robustness(doc, d, composite, area_word)
    _sources(doc, d)
    return doc


def _subtitle(d: _Data) -> str:
    c = d.config
    n = len(d.table)
    text = gettext("{n} {areas} compared on {k} indicators", c.lang).format(
        n=n, areas=level_noun(c.level, n, c.lang), k=len(d.directions))
    if c.scope.exclude:
        text += " " + _excluding(d, c.lang)
    return text


def _excluding(d: _Data, lang: str) -> str:
    """``(zonder Gent)``: the areas the scope leaves out."""
    return gettext("(excluding {names})", lang).format(
        names=", ".join(d.names.get(x, x) for x in d.config.scope.exclude))


def _introduction(doc: Document, d: _Data, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    sec = doc.section(_("Introduction"))
    where = d.names.get(c.scope.parent, "") if c.scope.parent else ""
    n = len(d.table)
    areas = f"{n} {level_noun(c.level, n, c.lang)}"
    if where:
        areas = _("{areas} of {place}", areas=areas, place=where)
    sec.text(_("This annex compares all {areas}{excluding} on {k} indicators of social "
               "vulnerability. It shows where deprivation is concentrated, with three simple "
               "rules that complement each other, and says how certain that ranking is.",
               areas=areas, excluding=" " + _excluding(d, c.lang) if c.scope.exclude else "",
               k=len(d.directions)))
    sec.text(_("Figures do not show everything: they point to where to look further, with the "
               "knowledge that community workers, partners and residents have of the area."))
    if d.dropped:
        sec.text(doc.ngettext("{n} area without data was left out: ",
                              "{n} areas without data were left out: ", len(d.dropped))
                 + ", ".join(d.names.get(x, x) for x in d.dropped[:20]) + ".")


def _direction_text(doc: Document, sign: int) -> str:
    return doc.gettext("higher = more vulnerable" if sign > 0 else "lower = more vulnerable")


def _method(doc: Document, d: _Data, atlas: Any, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    sec = doc.section(_("Method"))
    k_n = len(d.directions)
    sec.text(_("For each indicator the {area_word} are ranked from most to least vulnerable. "
               "Three rules follow:", area_word=area_word))
    sec.items([
        _("Most often ranked highest (top {top}): on how many of the {k_n} indicators is an "
          "area among the {top} highest? Ties are broken by the mean rank over all indicators. "
          "Where the counts drop a level there is a level break (Fisher-Jenks natural breaks).",
          top=c.top, k_n=k_n),
        _("Score 0 to {k_n}: on how many indicators is an area among the worst {p} %? The "
          "highest scores ({low} to {k_n}) point to accumulated vulnerability.", k_n=k_n,
          p=doc.num(c.p, 0), low=max(1, k_n - 2)),
        _("Cumulation: an area is called deprived when at least {k} negative conditions "
          "coincide, as the Atlas of deprived neighbourhoods in Flanders and Brussels does.",
          k=c.k),
    ])
    limits = atlas.details.get("limits", {})
    rows = []
    for i, key in enumerate(d.directions, start=1):
        ind = d.catalogue.indicators.get(key)
        definition = ind.definition(c.lang) if ind else ""
        source = ind.source if ind else ""
        year = (ind.year if ind and ind.year else d.years.get(key))
        rows.append([str(i), d.labels[key], definition, _direction_text(doc, d.directions[key]),
                     source, "" if year is None or pd.isna(year) else str(int(year)),
                     doc.num(limits.get(key), 1)])
    note = ""
    if c.preset and c.preset in d.catalogue.presets:
        note = _("Indicator set: ") + d.catalogue.preset(c.preset).label(c.lang)
    sec.add(doc.table(
        _("The indicators, with definition, direction, source, year and the limit of the worst "
          "{p} %.", p=doc.num(c.p, 0)),
        ["#", _("Indicator"), _("Definition"), _("Direction"), _("Source"), _("Year"),
         _("Limit")], rows, numeric=[True, False, False, False, False, True, True],
        note=note))
    missing = missing_report(d.table)
    missing = missing[missing["missing"] > 0]
    if len(missing):
        sec.text(_("Missing values: ") + "; ".join(
            f"{d.labels.get(str(k), k)} {int(r['missing'])}" for k, r in missing.iterrows()) + ".")


def _level_names(doc: Document, edges: list[int]) -> list[str]:
    return [doc.gettext("rank {first}–{last}", first=lo + 1, last=hi) if hi > lo + 1 else
            doc.gettext("rank {last}", last=hi) for lo, hi in pairwise(edges)]


def _synthesis(doc: Document, d: _Data, top: Any, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    sec = doc.section(_("Synthesis: the top {top}", top=c.top))
    shown = top.table.sort_values("rank").head(c.top)
    breaks = list(top.details.get("breaks", []))
    edges = [0, *breaks, len(shown)]
    first = breaks[-1] if breaks else len(shown)
    sec.text(_("The {n} {areas} most often among the {top} highest, over the {k} indicators.",
               n=len(shown), areas=level_noun(c.level, len(shown), c.lang), top=c.top,
               k=len(d.directions))
             + (" " + _("There is a clear level break after rank {first}: the first {first} "
                        "{areas} stand on another level than the next {rest}.", first=first,
                        areas=level_noun(c.level, first, c.lang), rest=len(shown) - first)
                if breaks else ""))
    rows, classes = [], []
    n_ind = len(d.directions)
    for i, (code, r) in enumerate(shown.iterrows()):
        level = int(r["level"]) if pd.notna(r["level"]) else 0
        rows.append([str(int(r["rank"])), d.names.get(str(code), str(code)),
                     f"{int(r['score'])} / {n_ind}", doc.num(r["mean_rank"], 1), str(level)])
        cls = f"level-{level}" if level else ""
        if i in breaks:
            cls += " break"
        classes.append(cls.strip())
    sec.add(doc.table(
        _("The top {top} {area_word} most often ranked highest; the line marks a level break.",
          top=c.top, area_word=area_word),
        [_("Rank"), _("Area"), _("Times in top {top}", top=c.top),
         _("Mean rank"), _("Level")], rows, classes,
        [True, False, True, True, True]))
    if d.geo is None:
        sec.text(_("No maps: the areas have no geometry."))
        return
    level = top.table["level"]
    frame = d.geo.loc[d.table.index]
    names = _level_names(doc, edges)
    colours = list(reversed(charts.sequential(len(names), 0.35, 0.95)))
    classes_top = (level.where(top.table["rank"] <= first) - 1).astype("float")
    outline = _outline(d)
    other = _("other")
    png = charts.class_map(frame, classes_top, names[:len(breaks) or 1], colours,
                           _("Level"), c.lang, other, outline)
    listed = ", ".join(d.names.get(str(x), str(x)) for x in shown.index[:first])
    sec.add(doc.figure(
        _("Map of the top {first} {area_word} (before the level break).", first=first,
          area_word=area_word), png,
        _("Map of the top {first}: {listed}.", first=first, listed=listed)))
    png = charts.class_map(frame, (level - 1).astype("float"), names, colours,
                           _("Level"), c.lang, other, outline)
    sec.add(doc.figure(
        _("Map of the top {n_shown} {area_word}, by level.", n_shown=len(shown),
          area_word=area_word), png,
        _("Map of the top {n_shown} in {n_names} levels.", n_shown=len(shown), n_names=len(names))))


def _outline(d: _Data) -> Any:
    """The parents of the mapped areas, drawn as thicker borders (e.g. provinces)."""
    parents = d.frame.loc[d.table.index, "parent"].dropna().unique()
    if len(parents) < 2 or d.geo is None:
        return None
    keep = [p for p in parents if p in d.geo.index]
    return d.geo.loc[keep] if keep else None


def _score(doc: Document, d: _Data, score: Any, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    k_n = int(score.details["max_score"])
    high = int(score.details["high_from"])
    sec = doc.section(_("Score 0 to {k_n}", k_n=k_n))
    dist = score.details["distribution"]
    n = int(dist.sum())
    hi = score.table[score.table["flag"]].sort_values(["score", "rank"], ascending=[False, True])
    sec.text(_("{n_hi} of the {n} {area_word} score {high} or more (at least {high} of the "
               "{k_n} indicators among the worst {p} %).", n_hi=len(hi), n=n, area_word=area_word,
               high=high, k_n=k_n, p=doc.num(c.p, 0)))
    rows = [[str(s), str(int(v)), doc.num(100 * v / n if n else float("nan"), 1)]
            for s, v in dist.items()]
    sec.add(doc.table(_("Number of {area_word} per score 0 to {k_n}.", area_word=area_word,
                        k_n=k_n),
                      [_("Score"), _("Areas"), "%"], rows,
                      numeric=[True, True, True]))
    if len(hi):
        rows = [[str(int(r["score"])), d.names.get(str(code), str(code))]
                for code, r in hi.iterrows()]
        sec.add(doc.table(_("The {area_word} with the highest scores ({high}–{k_n}).",
                            area_word=area_word, high=high, k_n=k_n),
                          [_("Score"), _("Area")], rows,
                          numeric=[True, False]))
    if d.geo is not None:
        values = score.table["score"].astype(float)
        colours = charts.sequential(k_n + 1, 0.0, 1.0)
        png = charts.class_map(d.geo.loc[d.table.index], values, [str(i) for i in range(k_n + 1)],
                               colours, _("Score"), c.lang, _("no data"),
                               _outline(d))
        sec.add(doc.figure(_("Score 0 to {k_n} per {level}.", k_n=k_n,
                             level=level_noun(c.level, 1, c.lang)),
                           png, _("Map of the score 0 to {k_n}; {n_hi} areas score {high} or "
                                  "more.", k_n=k_n, n_hi=len(hi), high=high)))


def _reason_text(doc: Document, expl: Any) -> str:
    parts = [doc.gettext("{label} {value} (rank {rank}/{of})", label=r.label,
                         value=doc.num(r.value, 1), rank=int(r.rank), of=r.of)
             for r in expl.reasons if r.flagged]
    return "; ".join(parts)


def _deprived(doc: Document, d: _Data, atlas: Any, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    sec = doc.section(_("Deprived areas"))
    dep = atlas.table[atlas.table["flag"]].sort_values(["score", "rank"], ascending=[False, True])
    sec.text(_("{n_dep} of the {n_table} {area_word} have at least {k} negative conditions "
               "(worst {p} % on an indicator). For each area the indicators that count are "
               "listed, with value and rank.", n_dep=len(dep), n_table=len(d.table),
               area_word=area_word, k=c.k, p=doc.num(c.p, 0)))
    rows = []
    for code in dep.index[:60]:
        expl = explain(str(code), atlas, d.table, d.directions, d.names.get(str(code)),
                       d.labels)
        rows.append([d.names.get(str(code), str(code)), f"{int(expl.score)} / {len(d.directions)}",
                     _reason_text(doc, expl)])
    if rows:
        sec.add(doc.table(_("Deprived {area_word} (at least {k} conditions) and why.",
                            area_word=area_word, k=c.k),
                          [_("Area"), _("Conditions"),
                           _("Indicators in the worst group")],
                          rows, numeric=[False, True, False],
                          note=_("The first 60 of {n_dep}.", n_dep=len(dep))
                          if len(dep) > 60 else ""))


def _finer_level(d: _Data) -> tuple[str, pd.Index] | None:
    """The nearest finer level with values under the areas in scope."""
    frame = d.frame
    scope_level = level_for(d.config.level)
    if scope_level is None:
        return None
    up = ancestor_at(frame, d.config.level)
    under = frame.index[up.isin(d.table.index).fillna(False).to_numpy()
                        & (frame["level"] != d.config.level).to_numpy()]
    with_values = set(d.dataset.values.loc[d.dataset.values["indicator"].isin(list(d.directions)),
                                           "code"])
    best: tuple[int, str, pd.Index] | None = None
    for lv in frame.loc[under, "level"].dropna().unique():
        found = level_for(str(lv))
        if found is None or found.order >= scope_level.order:
            continue
        codes = under[(frame.loc[under, "level"] == lv).to_numpy()]
        codes = codes[codes.isin(list(with_values))]
        if len(codes) >= 3 and (best is None or found.order > best[0]):
            best = (found.order, str(lv), codes)
    return (best[1], best[2]) if best else None


def _finer(doc: Document, d: _Data, atlas: Any, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    sec = doc.section(_("A finer level: deprivation averaged away"))
    found = _finer_level(d)
    if found is None:
        sec.text(_("The data hold no level finer than {level}. Municipal averages can hide "
                   "deprived neighbourhoods when residential outskirts lift the average; add "
                   "figures per sub-municipality, neighbourhood or statistical sector to see "
                   "them.", level=level_noun(c.level, 1, c.lang)))
        return
    level, codes = found
    child_word = level_noun(level, 2, c.lang)
    keys = [k for k in d.directions
            if d.dataset.values.loc[d.dataset.values["code"].isin(codes)
                                    & (d.dataset.values["indicator"] == k)].shape[0] >= 3]
    directions = {k: d.directions[k] for k in keys}
    children = d.dataset.wide(c.year, keys).reindex(codes).dropna(how="all")
    if len(keys) < 2 or len(children) < 3:
        sec.text(_("Too few data per {level} to compare.", level=level_noun(level, 1, c.lang)))
        return
    rule = FlagRule("percentile", p=c.p)
    child_top = run_method("top-n", children, directions, MostOftenConfig(n=c.top, show=c.top))
    child_atlas = run_method("atlas", children, directions, AtlasConfig(rule, c.k))
    parent_of = ancestor_at(d.frame, c.level).reindex(children.index)
    if keys == list(d.directions):
        parent_flag = atlas.table["flag"]
    else:
        parents = d.dataset.wide(c.year, keys).reindex(d.table.index)
        if parents.isna().all(axis=None):
            inds = {k: d.catalogue.get(k) for k in keys if k in d.catalogue}
            try:
                agg = aggregate_values(d.dataset.values, parent_of.dropna(), inds,
                                       d.frame["population"])
            except (KeyError, ValueError):
                sec.text(_("The sub-areas' values could not be added up."))
                return
            parents = Dataset(d.dataset.areas, agg.values).wide(c.year, keys).reindex(d.table.index)
        parent_flag = run_method("atlas", parents, directions, AtlasConfig(rule, c.k)).table["flag"]
    hidden = averaged_away(child_atlas.table["flag"], parent_flag, parent_of,
                           d.frame["population"], child_atlas.table["score"])
    sec.text(_("{n} {areas} compared on {k} indicators.", n=len(children),
               areas=level_noun(level, len(children), c.lang), k=len(keys)) + " "
             + _("{flagged} of them have at least {k} conditions; {hidden} of those lie in a "
                 "{level} that is not deprived as a whole: their deprivation is averaged away.",
                 flagged=int(child_atlas.table["flag"].sum()), k=c.k, hidden=len(hidden.areas),
                 level=level_noun(c.level, 1, c.lang)))
    shown = child_top.table.sort_values("rank").head(c.top)
    rows = [[str(int(r["rank"])), d.names.get(str(code), str(code)),
             d.names.get(str(parent_of.get(code)), ""), f"{int(r['score'])} / {len(keys)}"]
            for code, r in shown.iterrows()]
    sec.add(doc.table(_("The top {top} {child_word} most often ranked highest.", top=c.top,
                        child_word=child_word),
                      [_("Rank"), _("Area"), _("Lies in"),
                       _("Times in top {top}", top=c.top)], rows,
                      numeric=[True, False, False, True]))
    if len(hidden.areas):
        rows = [[d.names.get(str(code), str(code)), d.names.get(str(r["parent"]), str(r["parent"])),
                 str(int(r["score"])), doc.num(r["population"], 0), doc.num(r["share_of_parent"], 1)]
                for code, r in hidden.areas.head(40).iterrows()]
        sec.add(doc.table(_("Deprivation averaged away: deprived sub-areas inside an area that "
                            "is not deprived as a whole."),
                          [_("Sub-area"), _("Lies in"),
                           _("Conditions"), _("Inhabitants"),
                           _("% of inhabitants")], rows,
                          numeric=[False, False, True, True, True]))
    if d.geo is not None and codes.isin(d.geo.index).all():
        level_col = child_top.table["level"]
        n_levels = int(level_col.max()) if level_col.notna().any() else 1
        colours = list(reversed(charts.sequential(n_levels, 0.35, 0.95)))
        edges = [0, *child_top.details.get("breaks", []), len(shown)]
        png = charts.class_map(d.geo.loc[children.index], (level_col - 1).astype(float),
                               _level_names(doc, edges), colours, _("Level"), c.lang,
                               _("other"), d.geo.loc[d.table.index])
        sec.add(doc.figure(_("Map of the top {n_shown} {child_word}.", n_shown=len(shown),
                             child_word=child_word), png,
                           _("Map showing the top {n_shown} {child_word}.", n_shown=len(shown),
                             child_word=child_word)))


CLUSTER_TEXT = {
    "HH": "vulnerable, surrounded by vulnerable areas",
    "HL": "vulnerable, surrounded by less vulnerable",
    "LH": "less vulnerable, surrounded by vulnerable",
    "LL": "less vulnerable, surrounded by less vulnerable",
}
"""What each local Moran (LISA) cluster means (msgids)."""


def _hotspots(doc: Document, d: _Data, composite: Any, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    sec = doc.section(_("Spatial concentrations (hot spots)"))
    if d.geo is None or not c.hotspots:
        sec.text(_("Not computed: the areas have no geometry." if d.geo is None else
                   "Not computed (switched off for this document)."))
        return
    from opbouw.analysis.spatial import (
        ConcentrationConfig,
        build_weights,
        describe_clusters,
        global_moran,
        local_concentration,
    )

    values = composite.table["score"].astype(float)
    frame = d.geo.loc[values.dropna().index]
    config = ConcentrationConfig(permutations=c.permutations, seed=c.seed, n_jobs=1)
    try:
        weights = build_weights(frame, "queen")
        moran = global_moran(values, weights, config)
        local = local_concentration(values, weights, config, gi_star=False)
    except ValueError as exc:
        sec.text(_("Not computed: ") + error_message(exc, c.lang))
        return
    sec.text(_("Do vulnerable areas lie next to each other? The composite index (min-max, equal "
               "weights) is tested with Moran's I and local Moran clusters (LISA), neighbours "
               "sharing an edge or corner, {permutations} permutations, two-sided, alpha 0.05. "
               "Moran's I = {moran_i} (p = {p}).", permutations=c.permutations,
               moran_i=doc.num(moran["I"], 3), p=doc.num(moran["p_two_sided"], 3)))
    parents = {str(k): str(v) for k, v in d.names.items()}
    sentences = cluster_sentences(describe_clusters(local, frame, 1, parents), None, c.lang)
    sec.items([s[0].upper() + s[1:] + "." for s in sentences])
    order = ["HH", "HL", "LH", "LL"]
    cluster = local.table["lisa_cluster"].reindex(d.table.index)
    classes = cluster.map({k: i for i, k in enumerate(order)}).astype(float)
    labels = [f"{k}: {_(CLUSTER_TEXT[k])}" for k in order]
    png = charts.class_map(d.geo.loc[d.table.index], classes, labels,
                           [charts.CLUSTER_COLOURS[k] for k in order], "LISA", c.lang,
                           _("not significant"), _outline(d))
    hh = int((cluster == "HH").sum())
    sec.add(doc.figure(_("Local clusters (LISA) of the composite index."), png,
                       _("Map of the LISA clusters: {hh} areas in a concentration of "
                         "vulnerability (HH).", hh=hh)))


def _compare(doc: Document, d: _Data, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    frame = d.frame
    if c.scope.parent:
        region = top_ancestor(frame, c.scope.parent)
        peers = scope_codes(frame, Scope(c.level, (region,), c.scope.exclude))
    else:
        peers = scope_codes(frame, Scope(c.level, (), c.scope.exclude))
    wa = ancestor_at(frame, c.compare_level).reindex(peers)
    table = d.dataset.wide(c.year, list(d.directions)).reindex(peers).dropna(how="all")
    wa = wa.reindex(table.index)
    if wa.dropna().nunique() < 2:
        return
    wa_word = level_noun(c.compare_level, 2, c.lang)
    sec = doc.section(_("Comparison of working areas"))
    score = run_method("score", table, d.directions, ScoreConfig(FlagRule("percentile", p=c.p)))
    k_n = len(d.directions)
    high = int(score.details["high_from"])
    fte = pd.Series(dict(c.fte), dtype="float64") if c.fte else None
    comp = compare_working_areas(score.table["flag"], wa, frame["population"], fte)
    mean = float(comp["highest"].mean())
    own = ancestor_at(frame, c.compare_level).get(c.scope.parent) if c.scope.parent else None
    own = own if isinstance(own, str) else None
    region_name = (d.names.get(top_ancestor(frame, c.scope.parent), "") if c.scope.parent
                   else None)
    sec.text(_("All {n} {areas} of {place} together, per {level}: how many {areas} with the "
               "highest scores ({high}–{k_n} of {k_n}) each working area holds, against a mean "
               "of {mean} per working area.", n=len(table), areas=area_word,
               place=region_name if c.scope.parent else _("the data"),
               level=level_noun(c.compare_level, 1, c.lang), high=high, k_n=k_n,
               mean=doc.num(mean, 1)))
    cols = [level_noun(c.compare_level, 1, c.lang).capitalize(), _("Areas"),
            _("Highest scores"), _("% of all highest")]
    numeric = [False, True, True, True]
    has_pop = "share_population_in_highest" in comp.columns
    if has_pop:
        cols.append(_("% inhabitants in them"))
        numeric.append(True)
    if fte is not None:
        cols += [_("FTE"), _("FTE per highest-scoring area")]
        numeric += [True, True]
    rows = []
    for code, r in comp.iterrows():
        row = [d.names.get(str(code), str(code)), str(int(r["areas"])), str(int(r["highest"])),
               doc.num(r["share_of_highest"], 1)]
        if has_pop:
            row.append(doc.num(r["share_population_in_highest"], 1))
        if fte is not None:
            row += [doc.num(r["fte"], 2), doc.num(r["fte_per_highest"], 2)]
        rows.append(row)
    sec.add(doc.table(_("Working areas compared: {area_word} scoring {high}–{k_n}.",
                        area_word=area_word, high=high, k_n=k_n),
                      cols, rows, numeric=numeric))
    names = [d.names.get(str(x), str(x)) for x in comp.index]
    if fte is not None and comp["fte_per_highest"].notna().any():
        values, label = comp["fte_per_highest"].fillna(0).round(2).tolist(), \
            _("FTE per highest-scoring area")
    else:
        values, label = comp["highest"].astype(float).tolist(), \
            _("{area_word} scoring {high}–{k_n}", area_word=area_word, high=high, k_n=k_n)
    png = charts.bar_chart(names, values, label, [str(x) == own for x in comp.index])
    sec.add(doc.figure(_("{levels} compared.", levels=wa_word.capitalize()),
                       png, _("Bar chart: ") + "; ".join(
                           f"{n} {doc.num(v, 2 if fte is not None else 0)}"
                           for n, v in zip(names, values, strict=True)) + "."))


def _robustness(doc: Document, d: _Data, composite: Any, area_word: str) -> None:
    c, _ = d.config, doc.gettext
    sec = doc.section(_("How robust is the ranking?"))
    mc = monte_carlo(d.table, d.directions,
                     UncertaintyConfig(draws=c.draws, seed=c.seed, top=c.top))
    sec.text(_("The ranking depends on choices: how indicators are rescaled and weighted, which "
               "percentage is the worst group and from how many conditions. {draws} times the "
               "analysis was redone with other reasonable choices (weights around equal "
               "weights, four rescalings, worst 10-30 %, 3 to 5 conditions; fixed seed {seed}). "
               "Per area: the median rank, the interval holding 90 % of the ranks, and how "
               "often it is in the top and among the deprived areas.", draws=c.draws,
               seed=c.seed))
    areas = mc.areas.join(composite.table[["rank"]]).sort_values(["median_rank", "rank"]).head(c.top)
    rows = [[d.names.get(str(code), str(code)), str(int(r["rank"])) if pd.notna(r["rank"]) else "–",
             doc.num(r["median_rank"], 0), f"{doc.num(r['rank_p5'], 0)}–{doc.num(r['rank_p95'], 0)}",
             doc.num(100 * r["share_top"], 0), doc.num(100 * r["share_deprived"], 0)]
            for code, r in areas.iterrows()]
    sec.add(doc.table(_("The {top} areas with the lowest median rank over {draws} "
                        "recalculations.", top=c.top, draws=c.draws),
                      [_("Area"), _("Index rank"),
                       _("Median rank"), _("5–95 %"),
                       _("% in top {top}", top=c.top),
                       _("% deprived")], rows,
                      numeric=[False, True, True, True, True, True]))
    labels = [d.names.get(str(x), str(x)) for x in areas.index]
    png = charts.interval_chart(labels, areas["median_rank"].tolist(), areas["rank_p5"].tolist(),
                                areas["rank_p95"].tolist(), _("rank (1 = most vulnerable)"))
    stable = [lab for lab, p95 in zip(labels, areas["rank_p95"], strict=True) if p95 <= c.top]
    sec.add(doc.figure(_("Median rank and 90 % interval per area."), png,
                       _("Interval chart; always in the top {top}: ", top=c.top)
                       + (", ".join(stable) or "–") + "."))
    sens = mc.sensitivity.sort_values("index", ascending=False).head(6)
    names = {"normalisation": _("rescaling"),
             "p": _("worst p %"), "k": _("conditions k")}
    rows = []
    for r in sens.to_dict("records"):
        choice = str(r["choice"])
        label = (_("weight of ") + d.labels.get(choice[7:], choice[7:])
                 if choice.startswith("weight:") else names.get(choice, choice))
        outcome = _("rank") if r["outcome"] == "rank" else pgettext("outcome", "deprived",
                                                                    c.lang)
        rows.append([label, outcome, doc.num(r["index"], 3)])
    sec.add(doc.table(_("Which choice matters most (first-order sensitivity, 0 to 1)."),
                      [_("Choice"), _("On"), _("Index")], rows,
                      numeric=[False, False, True]))


def _sources(doc: Document, d: _Data) -> None:
    c, _ = d.config, doc.gettext
    sec = doc.section(_("Data and sources"))
    lines = list(c.credits)
    seen = set()
    for key in d.directions:
        ind = d.catalogue.indicators.get(key)
        if ind and ind.source and ind.source not in seen:
            seen.add(ind.source)
            lines.append(ind.source)
    if lines:
        sec.items(lines)
    settings = [describe(c.scope), f"year={c.year or 'latest'}", f"top={c.top}",
                f"p={c.p:g}", f"k={c.k}", f"draws={c.draws}", f"seed={c.seed}",
                f"permutations={c.permutations}"]
    if c.preset:
        settings.insert(0, f"preset={c.preset}")
    from opbouw import __version__

    sec.text(_("Computed with opbouw ") + __version__ + "; "
             + _("settings: ") + ", ".join(settings) + ".")


