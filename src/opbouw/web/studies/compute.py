"""The studies as background jobs: each one reads a dataset, runs the library's analysis
(``opbouw.analysis``) and stores a result the pages can show without computing again.

Nothing here computes a statistic: the functions pick the tables, call the library and
lay out its answer as a result (column keys, rows, map classes, summary sentences). The
column keys are translated when the page is shown, so a result serves every language.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pandas as pd
from django.utils import translation
from django.utils.translation import gettext as _

from opbouw.analysis import defaults
from opbouw.analysis.pipeline import AnalysisRun, AnalysisSpec, Scope, prepare, run_analysis
from opbouw.errors import InsufficientDataError, OpbouwError, error_message
from opbouw.i18n import format_decimal, format_number
from opbouw.reports.svgmap import MISSING_COLOUR
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import analysable, catalogue_for, label
from opbouw.web.areas.models import Area, Dataset
from opbouw.web.jobs.models import Job
from opbouw.web.jobs.runner import JobError
from opbouw.wording import area_type_description, cluster_sentences

LANGUAGES = ("nl", "en")
RED, ORANGE, LIGHT, BLUE, PALE_BLUE, GREY = ("#d7191c", "#fdae61", "#fee8c8", "#2c7bb6",
                                           "#abd9e9", "#eeeeee")
CLUSTER_ORDER = ["HH", "HL", "LH", "LL", "ns"]
CLUSTER_COLOURS = [RED, ORANGE, PALE_BLUE, BLUE, GREY]


def _value(v: Any) -> Any:
    """A JSON value: numbers as float/int (NaN as None), the rest as text."""
    if v is None or (isinstance(v, float | np.floating) and not np.isfinite(v)):
        return None
    if v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, bool | np.bool_):
        return bool(v)
    if isinstance(v, int | np.integer):
        return int(v)
    if isinstance(v, float | np.floating):
        return float(v)
    return str(v)


def rows_of(frame: pd.DataFrame, columns: list[str]) -> list[list[Any]]:
    return [[_value(v) for v in row] for row in frame[columns].itertuples(index=False)]


def _names(dataset: Dataset) -> pd.Series:
    return store.tables(dataset)["areas"]["name"]


def _catalogue(dataset: Dataset) -> Any:
    return catalogue_for(dataset.organisation_id)


def _keys(dataset: Dataset, opts: dict[str, Any]) -> list[str]:
    return list(opts.get("indicators") or analysable(store.indicators_in(dataset),
                                                     _catalogue(dataset)))


def _run(dataset: Dataset, method: str, opts: dict[str, Any], level: str | None = None,
         keys: list[str] | None = None) -> AnalysisRun:
    """The library's one pipeline on the dataset, as the analyses page runs it."""
    keys = keys if keys is not None else _keys(dataset, opts)
    year = int(opts["year"]) if opts.get("year") else None
    options = {k: opts[k] for k in ("p", "k", "n") if opts.get(k) is not None}
    data = store.tables(dataset)
    spec = AnalysisSpec(method=method, options=options, indicators=tuple(keys), year=year,
                        scope=Scope.from_settings({"level": level or opts.get("level") or None,
                                                   "within": opts.get("within") or ""}))
    return run_analysis(data["values"], data["areas"], _catalogue(dataset), spec,
                        wide=store.wide(dataset, keys, year, None))


def _sentences(make: Callable[[str], list[str]]) -> dict[str, list[str]]:
    """The summary in every language of the site (each sentence made in its language)."""
    out = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            out[lang] = make(lang)
    return out


def geometries(dataset: Dataset, codes: list[str]) -> Any:
    """The areas' polygons in Belgian Lambert (metres), with name and parent."""
    import geopandas as gpd
    import shapely

    rows = list(Area.objects.filter(dataset=dataset, code__in=codes).exclude(geometry="")
                .values_list("code", "name", "parent_code", "geometry"))
    if not rows:
        raise JobError(_("This dataset has no boundaries for these areas; a hot-spot study "
                         "needs them. Import an areas file with geometry."))
    frame = gpd.GeoDataFrame(
        {"name": [r[1] for r in rows], "parent": [r[2] or None for r in rows]},
        geometry=shapely.from_geojson([r[3] for r in rows]), crs=4326,
        index=pd.Index([r[0] for r in rows], name="code"))
    return frame.to_crs(31370)


def _numeric_map(values: pd.Series) -> tuple[dict[str, int], list[list[Any]]]:
    """Classes and legend of a number per area (the analyses page's classification)."""
    from opbouw.web.analyses.engine import classify

    classes, legend = classify(values.astype(float), "composite", 1)
    cls = classes.dropna().astype(int)
    return ({str(c): int(v) for c, v in cls.items()},
            [[item["label"], item["color"]] for item in legend])


# --- hot spots ------------------------------------------------------------------------

def hotspots(dataset: Dataset, opts: dict[str, Any], job: Job) -> dict[str, Any]:
    from opbouw.analysis.spatial import (
        ConcentrationConfig,
        build_weights,
        describe_clusters,
        global_moran,
        local_concentration,
        parse_weights_spec,
    )
    from opbouw.analysis.spatial.concentration import describe_config

    key = opts.get("indicator") or ""
    job.report(0.05, _("choosing the areas and values"))
    if key:
        run = _run(dataset, "composite", opts, keys=[key])
        values, sign = run.table[key], run.directions[key]
    else:
        run = _run(dataset, "composite", opts)
        values, sign = run.result.table["score"], 1
    job.report(0.15, _("finding the neighbours"))
    frame = geometries(dataset, [str(c) for c in values.index])
    values = values.reindex(frame.index)
    spec = parse_weights_spec(opts.get("weights") or "queen")
    config = ConcentrationConfig(permutations=int(opts["permutations"]), seed=defaults.SEED,
                                 alpha=float(opts["alpha"]), fdr=bool(opts.get("fdr")))
    weights = build_weights(frame, spec)
    job.report(0.3, _("global concentration (Moran's I)"))
    moran = global_moran(values, weights, config)
    job.report(0.5, _("local clusters and hot spots (LISA, Gi*)"))
    result = local_concentration(values, weights, config)
    job.report(0.9, _("writing the result"))
    table = result.table.copy()
    table.insert(0, "name", frame["name"].reindex(table.index).fillna(""))
    table.insert(0, "code", table.index.astype(str))
    table.index.name = None
    columns = ["code", "name", "value", "lisa_cluster", "lisa_p", "gi_z", "gi_p", "hotspot"]
    table = table.sort_values(["lisa_p", "code"], na_position="last")
    parents = {str(k): str(v) for k, v in _names(dataset).dropna().items()}

    clusters = describe_clusters(result, frame, sign, parents)

    def summary(lang: str) -> list[str]:
        head = _("Moran's I = %(i)s (p = %(p)s): %(what)s") % {
            "i": format_decimal(moran["I"], lang, 3),
            "p": format_decimal(moran["p_two_sided"], lang, 4),
            "what": (_("similar values lie together") if moran["I"] > 0
                     and moran["p_two_sided"] < config.alpha
                     else _("no significant spatial concentration overall"))}
        return [head] + [s[0].upper() + s[1:] for s in
                         cluster_sentences(clusters, run.level, lang)]

    wsum = weights.summary()
    cls = table.set_index("code")["lisa_cluster"]
    return {
        "level": run.level or "", "columns": columns, "rows": rows_of(table, columns),
        "classes": {c: CLUSTER_ORDER.index(v) for c, v in cls.items() if v in CLUSTER_ORDER},
        "legend": [[f"cluster_{c}", col] for c, col in zip(CLUSTER_ORDER, CLUSTER_COLOURS,
                                                           strict=True)],
        "legend_title": "lisa_cluster",
        "summary": _sentences(summary),
        "meta": [["indicator", label(key, _catalogue(dataset)) if key else _("composite index")],
                 ["weights", str(wsum["weights"])],
                 ["mean_neighbours", float(wsum["mean_neighbours"]), 1],
                 ["islands", ", ".join(wsum["islands"]) or "–"],
                 ["moran_i", float(moran["I"]), 4], ["moran_p", float(moran["p_two_sided"]), 4],
                 *[[f"option_{k}", str(v)] for k, v in describe_config(result.config).items()
                   if k in ("permutations", "seed", "alpha", "fdr")]],
        "notes": list(result.notes),
    }


# --- hidden places ----------------------------------------------------------------------

def hidden(dataset: Dataset, opts: dict[str, Any], job: Job) -> dict[str, Any]:
    from opbouw.analysis.hierarchy import aggregate_values, ancestor_at, averaged_away

    child, parent = opts["child_level"], opts["parent_level"]
    if child == parent:
        raise JobError(_("Choose two different levels: the sub-areas and the areas above "
                         "them."))
    cat = _catalogue(dataset)
    data = store.tables(dataset)
    areas = data["areas"]
    keys = _keys(dataset, opts)
    job.report(0.1, _("ranking the sub-areas"))
    child_run = _run(dataset, "atlas", opts, level=child, keys=keys)
    up = ancestor_at(areas, parent)
    if up.reindex(child_run.table.index).isna().all():
        raise JobError(_("None of these sub-areas lies in an area of the chosen upper "
                         "level."))
    parent_codes = areas.index[areas["level"] == parent]
    values = data["values"]
    have = values[values["code"].isin(parent_codes) & values["indicator"].isin(keys)]
    aggregated = have.empty
    job.report(0.4, _("ranking the areas above them"))
    year = int(opts["year"]) if opts.get("year") else None
    if aggregated:
        inds = {k: cat.get(k) for k in values["indicator"].unique() if k in cat}
        values = aggregate_values(values, up.reindex(child_run.table.index).dropna(), inds,
                                  areas["population"]).values
    parent_keys = [k for k in keys if k in set(values["indicator"])]
    if not parent_keys:
        raise JobError(_("These indicators cannot be added up to the upper level; import "
                         "values for that level too."))
    spec = AnalysisSpec(method="atlas", options={k: opts[k] for k in ("p", "k")},
                        indicators=tuple(parent_keys), year=year,
                        scope=Scope.from_settings({"level": parent}))
    parent_run = run_analysis(values, areas, cat, spec)
    job.report(0.8, _("comparing"))
    flags = child_run.result.table["flag"]
    res = averaged_away(flags, parent_run.result.table["flag"],
                        up.reindex(child_run.table.index), areas["population"],
                        child_run.result.table["score"])
    table = res.areas.copy()
    names = _names(dataset)
    table.insert(0, "name", names.reindex(table.index).fillna("").to_numpy())
    table.insert(0, "code", table.index.astype(str))
    table.index.name = None
    table["parent_name"] = names.reindex(table["parent"].astype(str)).fillna("").to_numpy()
    columns = ["code", "name", "parent_name", "score", "population", "share_of_parent"]
    parents = res.parents.copy()
    parents.insert(0, "name", names.reindex(parents.index.astype(str)).fillna("").to_numpy())
    parents.insert(0, "code", parents.index.astype(str))
    parents.index.name = None
    pcols = ["code", "name", "hidden_areas", "population_hidden", "population", "share_hidden"]
    hidden_codes = set(table["code"])
    deprived = {str(c) for c in flags.index[flags.fillna(False).astype(bool)]}
    classes = {str(c): (0 if str(c) in hidden_codes else 1 if str(c) in deprived else 2)
               for c in child_run.table.index}
    n_flag = len(deprived)

    def summary(lang: str) -> list[str]:
        out = [_("%(flagged)s of %(n)s sub-areas are deprived; %(hidden)s of them lie in an "
                 "area that is not deprived as a whole.") % {
            "flagged": n_flag, "n": len(child_run.table), "hidden": len(table)}]
        if aggregated:
            out.append(_("The upper level has no values of its own: they were added up from "
                         "the sub-areas."))
        return out

    return {
        "level": child, "columns": columns, "rows": rows_of(table, columns),
        "classes": classes, "legend_title": "status",
        "legend": [["hidden", RED], ["deprived_parent_too", ORANGE], ["not_deprived", LIGHT]],
        "tables": [{"title": "per_parent", "columns": pcols, "rows": rows_of(parents, pcols)}],
        "summary": _sentences(summary),
        "meta": [["child_level", child], ["parent_level", parent],
                 ["indicators", ", ".join(label(k, cat) for k in child_run.directions)]],
    }


# --- uncertainty of a ranking -----------------------------------------------------------

def uncertainty(dataset: Dataset, opts: dict[str, Any], job: Job) -> dict[str, Any]:
    from opbouw.analysis.uncertainty import UncertaintyConfig, monte_carlo

    cat = _catalogue(dataset)
    job.report(0.05, _("ranking with the base settings"))
    run = _run(dataset, "composite", opts)
    job.report(0.15, _("drawing other reasonable choices (Monte Carlo)"))
    mc = monte_carlo(run.table, run.directions, UncertaintyConfig(
        draws=int(opts["draws"]), seed=defaults.SEED, top=int(opts["n"])))
    job.report(0.9, _("writing the result"))
    table = mc.areas.copy()
    table.insert(0, "rank", run.result.table["rank"].reindex(table.index))
    table.insert(0, "name", _names(dataset).reindex(table.index).fillna("").to_numpy())
    table.insert(0, "code", table.index.astype(str))
    table.index.name = None
    for col in ("share_top", "share_deprived"):
        table[col] = table[col] * 100
    table = table.sort_values(["median_rank", "rank"])
    columns = ["code", "name", "rank", "median_rank", "rank_p5", "rank_p95", "share_top",
               "share_deprived"]
    edges = [0.0, 5.0, 50.0, 95.0]
    share = table.set_index("code")["share_top"]
    classes = {c: int(np.searchsorted(edges, v, side="right")) - 1 for c, v in share.items()}
    classes = {c: 3 - v for c, v in classes.items()}
    sens = mc.sensitivity.copy()
    sens["index"] = sens["index"].astype(float)
    scols = ["choice", "outcome", "index"]
    n = int(opts["n"])
    always = int((share >= 95).sum())
    never = int((share <= 5).sum())

    def summary(lang: str) -> list[str]:
        return [_("%(draws)s rankings with other reasonable choices (normalisation, weights, "
                  "p, k): %(always)s areas are in the top %(n)s in at least 95 %% of them, "
                  "%(never)s in at most 5 %%.") % {"draws": int(opts["draws"]),
                                                  "always": always, "never": never, "n": n}]

    return {
        "level": run.level or "", "columns": columns, "rows": rows_of(table, columns),
        "classes": classes, "legend_title": "share_top",
        "legend": [["top_always", RED], ["top_often", ORANGE], ["top_sometimes", LIGHT],
                   ["top_never", GREY]],
        "tables": [{"title": "sensitivity", "columns": scols, "rows": rows_of(sens, scols)}],
        "summary": _sentences(summary),
        "meta": [["indicators", ", ".join(label(k, cat) for k in run.directions)],
                 ["imputed", ", ".join(f"{label(k, cat)}: {v}" for k, v in mc.imputed.items())
                  or "–"]],
    }


# --- working areas compared -------------------------------------------------------------

def working_areas(dataset: Dataset, opts: dict[str, Any], job: Job) -> dict[str, Any]:
    from opbouw.analysis.hierarchy import ancestor_at
    from opbouw.analysis.working_areas import compare_working_areas

    areas = store.tables(dataset)["areas"]
    job.report(0.1, _("ranking the areas"))
    run = _run(dataset, opts["method"], opts, level=opts["level"])
    job.report(0.6, _("counting per working area"))
    fte = pd.Series(opts.get("fte") or {}, dtype=float) if opts.get("fte") else None
    comp = compare_working_areas(run.result.table["flag"],
                                 ancestor_at(areas, opts["working_area_level"]),
                                 areas["population"], fte)
    if comp.empty:
        raise JobError(_("None of these areas lies in an area of the chosen working-area "
                         "level."))
    comp.insert(0, "name", _names(dataset).reindex(comp.index.astype(str)).fillna("")
                .to_numpy())
    comp.insert(0, "code", comp.index.astype(str))
    comp.index.name = None
    columns = [c for c in ("code", "name", "areas", "highest", "share_of_highest",
                           "population", "population_in_highest",
                           "share_population_in_highest", "fte", "fte_per_highest")
               if c in comp.columns]
    flags = run.result.table["flag"].fillna(False).astype(bool)
    total = int(flags.sum())

    def summary(lang: str) -> list[str]:
        return [_("%(total)s of %(n)s areas are in the highest group; the table shows how "
                  "they are spread over %(wa)s working areas.") % {
            "total": total, "n": len(flags), "wa": len(comp)}]

    return {
        "level": run.level or "", "columns": columns, "rows": rows_of(comp, columns),
        "classes": {str(c): (0 if f else 1) for c, f in flags.items()},
        "legend_title": "highest_group", "legend": [["in_highest", RED],
                                                    ["not_in_highest", LIGHT]],
        "summary": _sentences(summary), "row_links": False,
        "meta": [["indicators", ", ".join(label(k, _catalogue(dataset))
                                          for k in run.directions)]],
    }


# --- staff allocated by need ------------------------------------------------------------

def allocation(dataset: Dataset, opts: dict[str, Any], job: Job) -> dict[str, Any]:
    from opbouw.analysis.allocation import allocate as apportion
    from opbouw.analysis.allocation import compare_allocation, select_areas

    cat = _catalogue(dataset)
    need_key = opts["need"]
    year = int(opts["year"]) if opts.get("year") else None
    data = store.tables(dataset)
    job.report(0.1, _("reading the need per area"))
    spec = AnalysisSpec(indicators=(need_key,), year=year,
                        scope=Scope.from_settings({"level": opts.get("level") or None}))
    table, _dirs, level, _left = prepare(data["values"], data["areas"], cat, spec)
    need = table[need_key].dropna()
    left_out = len(table) - len(need)
    job.report(0.4, _("apportioning the staff"))
    budget, step = float(opts["budget"]), float(opts["step"])
    minimum = float(opts.get("minimum") or 0.0)
    maximum = float(opts["maximum"]) if opts.get("maximum") not in (None, "") else None
    if opts.get("select"):
        out = select_areas(need, budget, minimum, step, maximum, opts["method"])
        columns = ["code", "name", "need", "fte", "selected", "order"]
    else:
        fte = apportion(need, budget, step=step, minimum=minimum, maximum=maximum,
                        method=opts["method"])
        out = compare_allocation(fte, need).sort_values("fte", ascending=False)
        columns = ["code", "name", "need", "fte", "quota"]
    out.insert(0, "name", _names(dataset).reindex(out.index.astype(str)).fillna("").to_numpy())
    out.insert(0, "code", out.index.astype(str))
    out.index.name = None
    classes, legend = _numeric_map(out.set_index("code")["fte"])
    given = int((out["fte"] > 0).sum())

    def summary(lang: str) -> list[str]:
        out_ = [_("%(budget)s FTE over %(given)s of %(n)s areas, by %(need)s.") % {
            "budget": format_number(budget, lang), "given": given, "n": len(need),
            "need": label(need_key, cat)}]
        if left_out:
            out_.append(_("%(n)s areas have no value for this indicator and get no staff.")
                        % {"n": left_out})
        return out_

    return {
        "level": level or "", "columns": columns, "rows": rows_of(out, columns),
        "classes": classes, "legend": legend, "legend_title": "fte",
        "summary": _sentences(summary),
        "meta": [["need", label(need_key, cat)]],
    }


# --- trends over years ------------------------------------------------------------------

def trends(dataset: Dataset, opts: dict[str, Any], job: Job) -> dict[str, Any]:
    from opbouw.analysis.trends import rank_changes, yearly_scores

    cat = _catalogue(dataset)
    data = store.tables(dataset)
    areas = data["areas"]
    key = opts.get("indicator") or ""
    keys = [key] if key else _keys(dataset, opts)
    level = opts.get("level") or (store.levels_in(dataset) or [""])[0]
    values = data["values"]
    values = values[values["code"].isin(areas.index[areas["level"] == level])]
    years = sorted(int(y) for y in values.loc[values["indicator"].isin(keys), "year"]
                   .dropna().unique())
    first, last = opts.get("first"), opts.get("last")
    years = [y for y in years if (not first or y >= int(first)) and (not last or y <= int(last))]
    if len(years) < 2:
        raise JobError(_("A trend needs values in at least two years; these indicators have "
                         "%(years)s.") % {"years": ", ".join(map(str, years)) or _("none")})
    job.report(0.1, _("ranking every year"))
    method = opts.get("method") or "atlas"
    spec = AnalysisSpec(method=method, indicators=tuple(keys),
                        options={k: opts[k] for k in ("p", "k", "n") if opts.get(k) is not None})
    scores, deprived = yearly_scores(values, cat, spec, years, key or None)
    job.report(0.8, _("comparing the years"))
    top = int(opts["top"])
    table = rank_changes(scores, top, deprived if not key else None)
    table = table.rename(columns={f"rank_{years[0]}": "rank_first",
                                  f"rank_{years[-1]}": "rank_last"})
    table.insert(0, "name", _names(dataset).reindex(table.index.astype(str)).fillna("")
                 .to_numpy())
    table.insert(0, "code", table.index.astype(str))
    table.index.name = None
    columns = ["code", "name", "rank_first", "rank_last", "change", "top"]
    columns += ["deprived"] if "deprived" in table.columns else []
    classes, legend = _numeric_map(table.set_index("code")["change"])
    entered = int((table["top"] == "entered").sum())
    left = int((table["top"] == "left").sum())

    def summary(lang: str) -> list[str]:
        return [_("%(first)s → %(last)s: %(entered)s areas entered the top %(top)s, "
                  "%(left)s left it.") % {"first": years[0], "last": years[-1],
                                          "entered": entered, "left": left, "top": top}]

    return {
        "level": level, "columns": columns, "rows": rows_of(table, columns),
        "classes": classes, "legend": legend, "legend_title": "change",
        "summary": _sentences(summary),
        "meta": [["years", ", ".join(map(str, years))],
                 ["indicators", ", ".join(label(k, cat) for k in keys)]],
    }


# --- typologies -------------------------------------------------------------------------

def typology(dataset: Dataset, opts: dict[str, Any], job: Job) -> dict[str, Any]:
    from opbouw.analysis.composite import normalise
    from opbouw.analysis.tables import oriented
    from opbouw.analysis.typology import cluster_types, combinations

    cat = _catalogue(dataset)
    job.report(0.1, _("finding the deprived areas"))
    run = _run(dataset, "atlas", opts)
    flags, deprived = run.result.flags, run.result.table["flag"].fillna(False).astype(bool)
    if flags is None or not deprived.any():
        raise JobError(_("No area is deprived with these settings, so there is nothing to "
                         "group. Lower k or raise p."))
    job.report(0.4, _("combinations of conditions"))
    labels = {k: label(k, cat) for k in run.directions}
    combos = combinations(flags.rename(columns=labels), deprived, top=int(opts["top"]))
    job.report(0.6, _("types of deprived areas (k-means)"))
    z = normalise(oriented(run.table, run.directions), "zscore")
    codes = [str(c) for c in deprived.index[deprived]]
    n_types = int(opts["types"])
    found = cluster_types(z, codes, n_types, seed=defaults.SEED % 2**31)
    summaries = {}
    for lang in LANGUAGES:
        with translation.override(lang):
            names = {k: label(k, cat) for k in run.directions}
            summaries[lang] = [area_type_description(t, names, lang) for t in found]
    type_of = {c: t.number for t in found for c in t.codes}
    table = run.result.table.loc[deprived].copy()
    table.insert(0, "name", _names(dataset).reindex(table.index.astype(str)).fillna("")
                 .to_numpy())
    table.insert(0, "code", table.index.astype(str))
    table.index.name = None
    table["type"] = [type_of.get(str(c)) for c in table.index]
    table = table.sort_values(["type", "score"], ascending=[True, False])
    columns = ["code", "name", "type", "score"]
    ccols = ["combination", "size", "areas"]
    palette = [RED, BLUE, ORANGE, "#1a9641", "#7b3294", "#a6611a", "#018571", "#e66101",
               "#5e3c99", "#4dac26", "#d01c8b", "#404040"]
    n_found = len(found)
    return {
        "level": run.level or "", "columns": columns, "rows": rows_of(table, columns),
        "classes": {c: t - 1 for c, t in type_of.items()}, "legend_title": "type",
        "legend": [[f"Type {i + 1}", palette[i % len(palette)]] for i in range(n_found)],
        "tables": [{"title": "combinations", "columns": ccols,
                    "rows": rows_of(combos, ccols)}],
        "summary": summaries,
        "meta": [["indicators", ", ".join(labels.values())],
                 ["deprived_areas", str(len(codes))]],
    }


COMPUTE: dict[str, Callable[[Dataset, dict[str, Any], Job], dict[str, Any]]] = {
    "hotspots": hotspots, "hidden": hidden, "uncertainty": uncertainty,
    "working_areas": working_areas, "allocation": allocation, "trends": trends,
    "typology": typology,
}


def run_study(job: Job) -> None:
    """Background job: compute the study ``job.params['study']`` and store its result."""
    from django.urls import reverse

    from opbouw.web.studies.models import Study

    study = Study.objects.select_related("dataset").filter(pk=job.params.get("study")).first()
    if study is None:
        raise JobError(_("The study no longer exists."))
    if study.dataset.version != study.version:
        raise JobError(_("The dataset changed after this study was asked for; start it "
                         "again."))
    try:
        result = COMPUTE[study.kind](study.dataset, dict(study.options), job)
    except JobError:
        raise
    except InsufficientDataError as exc:
        raise JobError(_("Too few areas with values for this study in this scope.")) from exc
    except (OpbouwError, ValueError) as exc:
        raise JobError(_("This study cannot be computed: %(why)s") % {
            "why": error_message(exc, translation.get_language())}) from exc
    result["missing_color"] = MISSING_COLOUR
    Study.objects.filter(pk=study.pk).update(result=result)
    job.finish({"study": study.pk}, reverse("study_detail", args=[study.pk]))
