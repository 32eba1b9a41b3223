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
from opbouw.errors import ConfigError, InsufficientDataError
from opbouw.model.areas import level_for
from opbouw.model.indicators import Catalogue
from opbouw.reports import charts
from opbouw.reports.document import Document
from opbouw.reports.scope import Scope, describe, scope_codes, top_ancestor
from opbouw.wording import cluster_sentences

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


def _level_label(level: str, lang: str, plural: bool = True) -> str:
    found = level_for(level)
    word = found.label(lang) if found else level
    if not plural:
        return word
    if lang == "en":
        return word + "s"
    return {"gemeente": "gemeenten", "deelgemeente": "deelgemeenten", "wijk": "wijken",
            "statistische sector": "statistische sectoren", "provincie": "provincies",
            "werkgebied": "werkgebieden", "gewest": "gewesten"}.get(word, word)


def _prepare(dataset: Dataset, catalogue: Catalogue, config: AnnexConfig) -> _Data:
    if dataset.areas is None:
        raise ConfigError("the annex needs an areas file (code, name, level, parent)")
    if len(config.indicators) < 2:
        raise ConfigError("give at least two indicators (or --preset)")
    frame = dataset.areas.frame
    present = set(dataset.values["indicator"].unique())
    absent = [k for k in config.indicators if k not in present]
    if absent:
        raise ConfigError(f"indicators not in the data: {absent}")
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
    area_word = _level_label(config.level, lang)
    where = d.names.get(scope.parent, scope.parent) if scope.parent else ""
    title = config.title or (
        f"Gebiedsanalyse van het werkgebied{(' ' + where) if where else ''}" if lang != "en"
        else f"Area analysis of the working area{(' ' + where) if where else ''}")
    doc = Document(title, lang, config.organisation, config.day, kind="annex",
                   subtitle=_subtitle(d, area_word))
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


def _subtitle(d: _Data, area_word: str) -> str:
    c = d.config
    n = len(d.table)
    if c.lang == "en":
        text = f"{n} {area_word} compared on {len(d.directions)} indicators"
        if c.scope.exclude:
            text += " (excluding " + ", ".join(d.names.get(x, x) for x in c.scope.exclude) + ")"
    else:
        text = f"{n} {area_word} vergeleken op {len(d.directions)} indicatoren"
        if c.scope.exclude:
            text += " (zonder " + ", ".join(d.names.get(x, x) for x in c.scope.exclude) + ")"
    return text


def _introduction(doc: Document, d: _Data, area_word: str) -> None:
    c, tr = d.config, doc.tr
    sec = doc.section(tr("Inleiding", "Introduction"))
    where = d.names.get(c.scope.parent, "") if c.scope.parent else ""
    excl = ", ".join(d.names.get(x, x) for x in c.scope.exclude)
    sec.text(tr(
        f"Deze bijlage vergelijkt alle {len(d.table)} {area_word}"
        f"{' van ' + where if where else ''}{' (zonder ' + excl + ')' if excl else ''} op "
        f"{len(d.directions)} indicatoren van maatschappelijke kwetsbaarheid. Ze toont waar "
        "achterstelling zich ruimtelijk concentreert, met drie eenvoudige regels die elkaar "
        "aanvullen, en zegt hoe zeker die rangschikking is.",
        f"This annex compares all {len(d.table)} {area_word}"
        f"{' of ' + where if where else ''}{' (excluding ' + excl + ')' if excl else ''} on "
        f"{len(d.directions)} indicators of social vulnerability. It shows where deprivation "
        "is concentrated, with three simple rules that complement each other, and says how "
        "certain that ranking is."))
    sec.text(tr(
        "Cijfers tonen niet alles: ze wijzen aan waar het nodig is om verder te kijken, met "
        "de kennis van opbouwwerkers, partners en bewoners over het gebied.",
        "Figures do not show everything: they point to where to look further, with the "
        "knowledge that community workers, partners and residents have of the area."))
    if d.dropped:
        sec.text(tr(f"{len(d.dropped)} gebied(en) zonder gegevens bleven buiten de vergelijking: ",
                    f"{len(d.dropped)} area(s) without data were left out: ")
                 + ", ".join(d.names.get(x, x) for x in d.dropped[:20]) + ".")


def _direction_text(doc: Document, sign: int) -> str:
    return doc.tr("hoger = kwetsbaarder", "higher = more vulnerable") if sign > 0 else \
        doc.tr("lager = kwetsbaarder", "lower = more vulnerable")


def _method(doc: Document, d: _Data, atlas: Any, area_word: str) -> None:
    c, tr = d.config, doc.tr
    sec = doc.section(tr("Methode", "Method"))
    k_n = len(d.directions)
    sec.text(tr(
        f"Voor elke indicator worden de {area_word} gerangschikt van meest naar minst "
        "kwetsbaar. Daarna gelden drie regels:",
        f"For each indicator the {area_word} are ranked from most to least vulnerable. "
        "Three rules follow:"))
    sec.items([
        tr(f"Het vaakst het hoogst gerangschikt (top {c.top}): op hoeveel van de {k_n} "
           f"indicatoren staat een gebied bij de {c.top} hoogste? Bij gelijke stand beslist de "
           "gemiddelde rang over alle indicatoren. Waar de aantallen duidelijk een niveau "
           "zakken, ligt een niveaubreuk (natuurlijke breuken volgens Fisher-Jenks).",
           f"Most often ranked highest (top {c.top}): on how many of the {k_n} indicators "
           f"is an area among the {c.top} highest? Ties are broken by the mean rank over all "
           "indicators. Where the counts drop a level there is a level break (Fisher-Jenks "
           "natural breaks)."),
        tr(f"Score 0 tot {k_n}: op hoeveel indicatoren behoort een gebied tot de slechtste "
           f"{doc.num(c.p, 0)} %? De hoogste scores ({max(1, k_n - 2)} tot {k_n}) wijzen op "
           "een opeenstapeling van kwetsbaarheid.",
           f"Score 0 to {k_n}: on how many indicators is an area among the worst "
           f"{doc.num(c.p, 0)} %? The highest scores ({max(1, k_n - 2)} to {k_n}) point to "
           "accumulated vulnerability."),
        tr(f"Cumulatie: een gebied heet achtergesteld wanneer minstens {c.k} negatieve "
           "condities samenvallen, zoals de Atlas van achtergestelde buurten in Vlaanderen "
           "en Brussel dat doet.",
           f"Cumulation: an area is called deprived when at least {c.k} negative conditions "
           "coincide, as the Atlas of deprived neighbourhoods in Flanders and Brussels does."),
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
        note = tr("Indicatorset: ", "Indicator set: ") + d.catalogue.preset(c.preset).label(c.lang)
    sec.add(doc.table(
        tr("De indicatoren, met definitie, richting, bron, jaar en de grens van de slechtste "
           f"{doc.num(c.p, 0)} %.", "The indicators, with definition, direction, source, year "
           f"and the limit of the worst {doc.num(c.p, 0)} %."),
        ["#", tr("Indicator", "Indicator"), tr("Definitie", "Definition"),
         tr("Richting", "Direction"), tr("Bron", "Source"), tr("Jaar", "Year"),
         tr("Grens", "Limit")], rows, numeric=[True, False, False, False, False, True, True],
        note=note))
    missing = missing_report(d.table)
    missing = missing[missing["missing"] > 0]
    if len(missing):
        sec.text(tr("Ontbrekende waarden: ", "Missing values: ") + "; ".join(
            f"{d.labels.get(str(k), k)} {int(r['missing'])}" for k, r in missing.iterrows()) + ".")


def _level_names(doc: Document, edges: list[int]) -> list[str]:
    return [doc.tr(f"rang {lo + 1}–{hi}", f"rank {lo + 1}–{hi}") if hi > lo + 1 else
            doc.tr(f"rang {hi}", f"rank {hi}") for lo, hi in pairwise(edges)]


def _synthesis(doc: Document, d: _Data, top: Any, area_word: str) -> None:
    c, tr = d.config, doc.tr
    sec = doc.section(tr(f"Synthese: de top {c.top}", f"Synthesis: the top {c.top}"))
    shown = top.table.sort_values("rank").head(c.top)
    breaks = list(top.details.get("breaks", []))
    edges = [0, *breaks, len(shown)]
    first = breaks[-1] if breaks else len(shown)
    sec.text(tr(
        f"De {len(shown)} {area_word} die het vaakst bij de {c.top} hoogste staan, over de "
        f"{len(d.directions)} indicatoren. "
        + (f"Er is een duidelijk niveauverschil na rang {first}: de eerste {first} "
           f"{area_word} staan op een ander niveau dan de volgende {len(shown) - first}."
           if breaks else ""),
        f"The {len(shown)} {area_word} most often among the {c.top} highest, over the "
        f"{len(d.directions)} indicators. "
        + (f"There is a clear level break after rank {first}: the first {first} {area_word} "
           f"stand on another level than the next {len(shown) - first}." if breaks else "")))
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
        tr(f"De top {c.top} van {area_word} die het vaakst het hoogst gerangschikt staan; de "
           "lijn markeert een niveaubreuk.", f"The top {c.top} {area_word} most often ranked "
           "highest; the line marks a level break."),
        [tr("Rang", "Rank"), tr("Gebied", "Area"), tr(f"Keer in top {c.top}", f"Times in top {c.top}"),
         tr("Gemiddelde rang", "Mean rank"), tr("Niveau", "Level")], rows, classes,
        [True, False, True, True, True]))
    if d.geo is None:
        sec.text(tr("Geen kaarten: de gebieden hebben geen geometrie.",
                    "No maps: the areas have no geometry."))
        return
    level = top.table["level"]
    frame = d.geo.loc[d.table.index]
    names = _level_names(doc, edges)
    colours = list(reversed(charts.sequential(len(names), 0.35, 0.95)))
    classes_top = (level.where(top.table["rank"] <= first) - 1).astype("float")
    outline = _outline(d)
    other = tr("overige", "other")
    png = charts.class_map(frame, classes_top, names[:len(breaks) or 1], colours,
                           tr("Niveau", "Level"), c.lang, other, outline)
    listed = ", ".join(d.names.get(str(x), str(x)) for x in shown.index[:first])
    sec.add(doc.figure(
        tr(f"Kaart van de top {first} {area_word} (vóór de niveaubreuk).",
           f"Map of the top {first} {area_word} (before the level break)."), png,
        tr(f"Kaart met de top {first}: {listed}.", f"Map of the top {first}: {listed}.")))
    png = charts.class_map(frame, (level - 1).astype("float"), names, colours,
                           tr("Niveau", "Level"), c.lang, other, outline)
    sec.add(doc.figure(
        tr(f"Kaart van de top {len(shown)} {area_word}, per niveau.",
           f"Map of the top {len(shown)} {area_word}, by level."), png,
        tr(f"Kaart met de top {len(shown)} in {len(names)} niveaus.",
           f"Map of the top {len(shown)} in {len(names)} levels.")))


def _outline(d: _Data) -> Any:
    """The parents of the mapped areas, drawn as thicker borders (e.g. provinces)."""
    parents = d.frame.loc[d.table.index, "parent"].dropna().unique()
    if len(parents) < 2 or d.geo is None:
        return None
    keep = [p for p in parents if p in d.geo.index]
    return d.geo.loc[keep] if keep else None


def _score(doc: Document, d: _Data, score: Any, area_word: str) -> None:
    c, tr = d.config, doc.tr
    k_n = int(score.details["max_score"])
    high = int(score.details["high_from"])
    sec = doc.section(tr(f"Score 0 tot {k_n}", f"Score 0 to {k_n}"))
    dist = score.details["distribution"]
    n = int(dist.sum())
    hi = score.table[score.table["flag"]].sort_values(["score", "rank"], ascending=[False, True])
    sec.text(tr(
        f"{len(hi)} van de {n} {area_word} hebben een score van {high} of meer "
        f"(op minstens {high} van de {k_n} indicatoren bij de slechtste {doc.num(c.p, 0)} %).",
        f"{len(hi)} of the {n} {area_word} score {high} or more (at least {high} of the "
        f"{k_n} indicators among the worst {doc.num(c.p, 0)} %)."))
    rows = [[str(s), str(int(v)), doc.num(100 * v / n if n else float("nan"), 1)]
            for s, v in dist.items()]
    sec.add(doc.table(tr(f"Aantal {area_word} per score 0 tot {k_n}.",
                         f"Number of {area_word} per score 0 to {k_n}."),
                      [tr("Score", "Score"), tr("Gebieden", "Areas"), "%"], rows,
                      numeric=[True, True, True]))
    if len(hi):
        rows = [[str(int(r["score"])), d.names.get(str(code), str(code))]
                for code, r in hi.iterrows()]
        sec.add(doc.table(tr(f"De {area_word} met de hoogste scores ({high}–{k_n}).",
                             f"The {area_word} with the highest scores ({high}–{k_n})."),
                          [tr("Score", "Score"), tr("Gebied", "Area")], rows,
                          numeric=[True, False]))
    if d.geo is not None:
        values = score.table["score"].astype(float)
        colours = charts.sequential(k_n + 1, 0.0, 1.0)
        png = charts.class_map(d.geo.loc[d.table.index], values, [str(i) for i in range(k_n + 1)],
                               colours, tr("Score", "Score"), c.lang, tr("geen gegevens", "no data"),
                               _outline(d))
        sec.add(doc.figure(tr(f"Score 0 tot {k_n} per {_level_label(c.level, c.lang, False)}.",
                              f"Score 0 to {k_n} per {_level_label(c.level, c.lang, False)}."),
                           png, tr(f"Kaart van de score 0 tot {k_n}; {len(hi)} gebieden scoren "
                                   f"{high} of meer.", f"Map of the score 0 to {k_n}; {len(hi)} "
                                   f"areas score {high} or more.")))


def _reason_text(doc: Document, expl: Any) -> str:
    parts = [f"{r.label} {doc.num(r.value, 1)} ({doc.tr('rang', 'rank')} {int(r.rank)}/{r.of})"
             for r in expl.reasons if r.flagged]
    return "; ".join(parts)


def _deprived(doc: Document, d: _Data, atlas: Any, area_word: str) -> None:
    c, tr = d.config, doc.tr
    sec = doc.section(tr("Achtergestelde gebieden", "Deprived areas"))
    dep = atlas.table[atlas.table["flag"]].sort_values(["score", "rank"], ascending=[False, True])
    sec.text(tr(
        f"{len(dep)} van de {len(d.table)} {area_word} tellen minstens {c.k} negatieve "
        f"condities (slechtste {doc.num(c.p, 0)} % op een indicator). Per gebied staan de "
        "indicatoren die meetellen, met waarde en rang.",
        f"{len(dep)} of the {len(d.table)} {area_word} have at least {c.k} negative "
        f"conditions (worst {doc.num(c.p, 0)} % on an indicator). For each area the "
        "indicators that count are listed, with value and rank."))
    rows = []
    for code in dep.index[:60]:
        expl = explain(str(code), atlas, d.table, d.directions, d.names.get(str(code)),
                       d.labels)
        rows.append([d.names.get(str(code), str(code)), f"{int(expl.score)} / {len(d.directions)}",
                     _reason_text(doc, expl)])
    if rows:
        sec.add(doc.table(tr(f"Achtergestelde {area_word} (minstens {c.k} condities) en waarom.",
                             f"Deprived {area_word} (at least {c.k} conditions) and why."),
                          [tr("Gebied", "Area"), tr("Condities", "Conditions"),
                           tr("Indicatoren in de slechtste groep", "Indicators in the worst group")],
                          rows, numeric=[False, True, False],
                          note=tr(f"De eerste 60 van {len(dep)}.", f"The first 60 of {len(dep)}.")
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
    c, tr = d.config, doc.tr
    sec = doc.section(tr("Een fijner niveau: weggemiddelde achterstelling",
                         "A finer level: deprivation averaged away"))
    found = _finer_level(d)
    if found is None:
        sec.text(tr(
            f"De gegevens bevatten geen fijner niveau dan {_level_label(c.level, 'nl', False)}. "
            "Gemiddelden van een gemeente kunnen achtergestelde buurten verbergen wanneer "
            "residentiële wijken in de rand het gemiddelde optrekken; voeg cijfers per "
            "deelgemeente, wijk of statistische sector toe om dat te zien.",
            f"The data hold no level finer than {_level_label(c.level, 'en', False)}. "
            "Municipal averages can hide deprived neighbourhoods when residential outskirts "
            "lift the average; add figures per sub-municipality, neighbourhood or statistical "
            "sector to see them."))
        return
    level, codes = found
    child_word = _level_label(level, c.lang)
    keys = [k for k in d.directions
            if d.dataset.values.loc[d.dataset.values["code"].isin(codes)
                                    & (d.dataset.values["indicator"] == k)].shape[0] >= 3]
    directions = {k: d.directions[k] for k in keys}
    children = d.dataset.wide(c.year, keys).reindex(codes).dropna(how="all")
    if len(keys) < 2 or len(children) < 3:
        sec.text(tr(f"Te weinig gegevens per {_level_label(level, 'nl', False)} om te vergelijken.",
                    f"Too few data per {_level_label(level, 'en', False)} to compare."))
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
                sec.text(tr("De waarden van de deelgebieden konden niet opgeteld worden.",
                            "The sub-areas' values could not be added up."))
                return
            parents = Dataset(d.dataset.areas, agg.values).wide(c.year, keys).reindex(d.table.index)
        parent_flag = run_method("atlas", parents, directions, AtlasConfig(rule, c.k)).table["flag"]
    hidden = averaged_away(child_atlas.table["flag"], parent_flag, parent_of,
                           d.frame["population"], child_atlas.table["score"])
    sec.text(tr(
        f"{len(children)} {child_word} vergeleken op {len(keys)} indicatoren. "
        f"{int(child_atlas.table['flag'].sum())} ervan tellen minstens {c.k} condities; "
        f"{len(hidden.areas)} daarvan liggen in een {_level_label(c.level, 'nl', False)} "
        "die als geheel niet achtergesteld is: hun achterstelling wordt weggemiddeld.",
        f"{len(children)} {child_word} compared on {len(keys)} indicators. "
        f"{int(child_atlas.table['flag'].sum())} of them have at least {c.k} conditions; "
        f"{len(hidden.areas)} of those lie in a {_level_label(c.level, 'en', False)} "
        "that is not deprived as a whole: their deprivation is averaged away."))
    shown = child_top.table.sort_values("rank").head(c.top)
    rows = [[str(int(r["rank"])), d.names.get(str(code), str(code)),
             d.names.get(str(parent_of.get(code)), ""), f"{int(r['score'])} / {len(keys)}"]
            for code, r in shown.iterrows()]
    sec.add(doc.table(tr(f"De top {c.top} {child_word} die het vaakst het hoogst gerangschikt staan.",
                         f"The top {c.top} {child_word} most often ranked highest."),
                      [tr("Rang", "Rank"), tr("Gebied", "Area"), tr("Ligt in", "Lies in"),
                       tr(f"Keer in top {c.top}", f"Times in top {c.top}")], rows,
                      numeric=[True, False, False, True]))
    if len(hidden.areas):
        rows = [[d.names.get(str(code), str(code)), d.names.get(str(r["parent"]), str(r["parent"])),
                 str(int(r["score"])), doc.num(r["population"], 0), doc.num(r["share_of_parent"], 1)]
                for code, r in hidden.areas.head(40).iterrows()]
        sec.add(doc.table(tr("Weggemiddelde achterstelling: achtergestelde deelgebieden in een "
                             "gebied dat als geheel niet achtergesteld is.",
                             "Deprivation averaged away: deprived sub-areas inside an area that "
                             "is not deprived as a whole."),
                          [tr("Deelgebied", "Sub-area"), tr("Ligt in", "Lies in"),
                           tr("Condities", "Conditions"), tr("Inwoners", "Inhabitants"),
                           tr("% van de inwoners", "% of inhabitants")], rows,
                          numeric=[False, False, True, True, True]))
    if d.geo is not None and codes.isin(d.geo.index).all():
        level_col = child_top.table["level"]
        n_levels = int(level_col.max()) if level_col.notna().any() else 1
        colours = list(reversed(charts.sequential(n_levels, 0.35, 0.95)))
        edges = [0, *child_top.details.get("breaks", []), len(shown)]
        png = charts.class_map(d.geo.loc[children.index], (level_col - 1).astype(float),
                               _level_names(doc, edges), colours, tr("Niveau", "Level"), c.lang,
                               tr("overige", "other"), d.geo.loc[d.table.index])
        sec.add(doc.figure(tr(f"Kaart van de top {len(shown)} {child_word}.",
                              f"Map of the top {len(shown)} {child_word}."), png,
                           tr(f"Kaart met de top {len(shown)} {child_word}.",
                              f"Map of the top {len(shown)} {child_word}.")))


CLUSTER_TEXT = {
    "HH": ("kwetsbaar, omringd door kwetsbare gebieden", "vulnerable, surrounded by vulnerable areas"),
    "HL": ("kwetsbaar, omringd door minder kwetsbare", "vulnerable, surrounded by less vulnerable"),
    "LH": ("minder kwetsbaar, omringd door kwetsbare", "less vulnerable, surrounded by vulnerable"),
    "LL": ("minder kwetsbaar, omringd door minder kwetsbare",
           "less vulnerable, surrounded by less vulnerable"),
}


def _hotspots(doc: Document, d: _Data, composite: Any, area_word: str) -> None:
    c, tr = d.config, doc.tr
    sec = doc.section(tr("Ruimtelijke concentraties (hot spots)", "Spatial concentrations (hot spots)"))
    if d.geo is None or not c.hotspots:
        sec.text(tr("Niet berekend: de gebieden hebben geen geometrie." if d.geo is None else
                    "Niet berekend (uitgeschakeld voor dit document).",
                    "Not computed: the areas have no geometry." if d.geo is None else
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
        sec.text(tr("Niet berekend: ", "Not computed: ") + str(exc))
        return
    sec.text(tr(
        "Liggen kwetsbare gebieden naast elkaar? De samengestelde index (min-max, gelijke "
        "gewichten) wordt getest met Moran's I en lokale Moran-clusters (LISA), buren die een "
        f"grens of hoek delen, {c.permutations} permutaties, tweezijdig, alfa 0,05. "
        f"Moran's I = {doc.num(moran['I'], 3)} (p = {doc.num(moran['p_two_sided'], 3)}).",
        "Do vulnerable areas lie next to each other? The composite index (min-max, equal "
        "weights) is tested with Moran's I and local Moran clusters (LISA), neighbours sharing "
        f"an edge or corner, {c.permutations} permutations, two-sided, alpha 0.05. "
        f"Moran's I = {doc.num(moran['I'], 3)} (p = {doc.num(moran['p_two_sided'], 3)})."))
    parents = {str(k): str(v) for k, v in d.names.items()}
    sentences = cluster_sentences(describe_clusters(local, frame, 1, parents), None, c.lang)
    sec.items([s[0].upper() + s[1:] + "." for s in sentences])
    order = ["HH", "HL", "LH", "LL"]
    cluster = local.table["lisa_cluster"].reindex(d.table.index)
    classes = cluster.map({k: i for i, k in enumerate(order)}).astype(float)
    labels = [f"{k}: {CLUSTER_TEXT[k][1 if c.lang == 'en' else 0]}" for k in order]
    png = charts.class_map(d.geo.loc[d.table.index], classes, labels,
                           [charts.CLUSTER_COLOURS[k] for k in order], "LISA", c.lang,
                           tr("niet significant", "not significant"), _outline(d))
    hh = int((cluster == "HH").sum())
    sec.add(doc.figure(tr("Lokale clusters (LISA) van de samengestelde index.",
                          "Local clusters (LISA) of the composite index."), png,
                       tr(f"Kaart van de LISA-clusters: {hh} gebieden in een concentratie van "
                          "kwetsbaarheid (HH).", f"Map of the LISA clusters: {hh} areas in a "
                          "concentration of vulnerability (HH).")))


def _compare(doc: Document, d: _Data, area_word: str) -> None:
    c, tr = d.config, doc.tr
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
    wa_word = _level_label(c.compare_level, c.lang)
    sec = doc.section(tr("Vergelijking van werkgebieden", "Working areas compared"))
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
    sec.text(tr(
        f"Alle {len(table)} {area_word} van {region_name if c.scope.parent else 'de gegevens'} "
        f"samen, per {_level_label(c.compare_level, 'nl', False)}: hoeveel {area_word} met de "
        f"hoogste scores ({high}–{k_n} van {k_n}) elk werkgebied telt, tegenover gemiddeld "
        f"{doc.num(mean, 1)} per werkgebied.",
        f"All {len(table)} {area_word} of {region_name if c.scope.parent else 'the data'} "
        f"together, per {_level_label(c.compare_level, 'en', False)}: how many {area_word} with "
        f"the highest scores ({high}–{k_n} of {k_n}) each working area holds, against a mean "
        f"of {doc.num(mean, 1)} per working area."))
    cols = [tr(_level_label(c.compare_level, "nl", False).capitalize(),
               _level_label(c.compare_level, "en", False).capitalize()),
            tr("Gebieden", "Areas"), tr("Hoogste scores", "Highest scores"),
            tr("% van alle hoogste", "% of all highest")]
    numeric = [False, True, True, True]
    has_pop = "share_population_in_highest" in comp.columns
    if has_pop:
        cols.append(tr("% inwoners daarin", "% inhabitants in them"))
        numeric.append(True)
    if fte is not None:
        cols += [tr("FTE", "FTE"), tr("FTE per gebied met hoogste score", "FTE per highest-scoring area")]
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
    sec.add(doc.table(tr(f"Werkgebieden vergeleken: {area_word} met score {high}–{k_n}.",
                         f"Working areas compared: {area_word} scoring {high}–{k_n}."),
                      cols, rows, numeric=numeric))
    names = [d.names.get(str(x), str(x)) for x in comp.index]
    if fte is not None and comp["fte_per_highest"].notna().any():
        values, label = comp["fte_per_highest"].fillna(0).round(2).tolist(), \
            tr("FTE per gebied met de hoogste score", "FTE per highest-scoring area")
    else:
        values, label = comp["highest"].astype(float).tolist(), \
            tr(f"{area_word} met score {high}–{k_n}", f"{area_word} scoring {high}–{k_n}")
    png = charts.bar_chart(names, values, label, [str(x) == own for x in comp.index])
    sec.add(doc.figure(tr(f"{wa_word.capitalize()} vergeleken.", f"{wa_word.capitalize()} compared."),
                       png, tr("Staafdiagram: ", "Bar chart: ") + "; ".join(
                           f"{n} {doc.num(v, 2 if fte is not None else 0)}"
                           for n, v in zip(names, values, strict=True)) + "."))


def _robustness(doc: Document, d: _Data, composite: Any, area_word: str) -> None:
    c, tr = d.config, doc.tr
    sec = doc.section(tr("Hoe zeker is de rangschikking?", "How robust is the ranking?"))
    mc = monte_carlo(d.table, d.directions,
                     UncertaintyConfig(draws=c.draws, seed=c.seed, top=c.top))
    sec.text(tr(
        f"De rangschikking hangt af van keuzes: hoe indicatoren herschaald en gewogen worden, "
        f"welk percentage als slechtste groep telt en vanaf hoeveel condities. {c.draws} "
        "keer werd met andere, redelijke keuzes opnieuw gerekend (gewichten rond gelijke "
        "gewichten, vier herschalingen, slechtste 10–30 %, 3 tot 5 condities; vaste "
        f"startwaarde {c.seed}). Per gebied: de middelste rang, het interval waarin 90 % van "
        "de rangen valt, en hoe vaak het in de top en bij de achtergestelde gebieden zit.",
        f"The ranking depends on choices: how indicators are rescaled and weighted, which "
        f"percentage is the worst group and from how many conditions. {c.draws} times the "
        "analysis was redone with other reasonable choices (weights around equal weights, "
        "four rescalings, worst 10-30 %, 3 to 5 conditions; fixed seed "
        f"{c.seed}). Per area: the median rank, the interval holding 90 % of the ranks, and "
        "how often it is in the top and among the deprived areas."))
    areas = mc.areas.join(composite.table[["rank"]]).sort_values(["median_rank", "rank"]).head(c.top)
    rows = [[d.names.get(str(code), str(code)), str(int(r["rank"])) if pd.notna(r["rank"]) else "–",
             doc.num(r["median_rank"], 0), f"{doc.num(r['rank_p5'], 0)}–{doc.num(r['rank_p95'], 0)}",
             doc.num(100 * r["share_top"], 0), doc.num(100 * r["share_deprived"], 0)]
            for code, r in areas.iterrows()]
    sec.add(doc.table(tr(f"De {c.top} gebieden met de laagste middelste rang over {c.draws} "
                         "herberekeningen.", f"The {c.top} areas with the lowest median rank "
                         f"over {c.draws} recalculations."),
                      [tr("Gebied", "Area"), tr("Rang index", "Index rank"),
                       tr("Middelste rang", "Median rank"), tr("5–95 %", "5–95 %"),
                       tr(f"% in top {c.top}", f"% in top {c.top}"),
                       tr("% achtergesteld", "% deprived")], rows,
                      numeric=[False, True, True, True, True, True]))
    labels = [d.names.get(str(x), str(x)) for x in areas.index]
    png = charts.interval_chart(labels, areas["median_rank"].tolist(), areas["rank_p5"].tolist(),
                                areas["rank_p95"].tolist(), tr("rang (1 = meest kwetsbaar)",
                                                               "rank (1 = most vulnerable)"))
    stable = [lab for lab, (_, r) in zip(labels, areas.iterrows(), strict=True)
              if r["rank_p95"] <= c.top]
    sec.add(doc.figure(tr("Middelste rang en 90 %-interval per gebied.",
                          "Median rank and 90 % interval per area."), png,
                       tr(f"Intervaldiagram; altijd in de top {c.top}: ", f"Interval chart; always "
                          f"in the top {c.top}: ") + (", ".join(stable) or "–") + "."))
    sens = mc.sensitivity.sort_values("index", ascending=False).head(6)
    names = {"normalisation": tr("herschaling", "rescaling"),
             "p": tr("slechtste p %", "worst p %"), "k": tr("aantal condities k", "conditions k")}
    rows = []
    for _, r in sens.iterrows():
        choice = str(r["choice"])
        label = (tr("gewicht van ", "weight of ") + d.labels.get(choice[7:], choice[7:])
                 if choice.startswith("weight:") else names.get(choice, choice))
        outcome = tr("rang", "rank") if r["outcome"] == "rank" else tr("achtergesteld", "deprived")
        rows.append([label, outcome, doc.num(r["index"], 3)])
    sec.add(doc.table(tr("Welke keuze weegt het zwaarst (eerste-orde-gevoeligheid, 0 tot 1).",
                         "Which choice matters most (first-order sensitivity, 0 to 1)."),
                      [tr("Keuze", "Choice"), tr("Op", "On"), tr("Index", "Index")], rows,
                      numeric=[False, False, True]))


def _sources(doc: Document, d: _Data) -> None:
    c, tr = d.config, doc.tr
    sec = doc.section(tr("Gegevens en bronnen", "Data and sources"))
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

    sec.text(tr("Berekend met opbouw ", "Computed with opbouw ") + __version__ + "; "
             + tr("instellingen: ", "settings: ") + ", ".join(settings) + ".")


