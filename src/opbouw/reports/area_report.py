"""The area-analysis report (HTML): the synthesis tables of seed 004 for a working area,
the cumulation map, explanations per area and how certain the ranking is."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from opbouw.analysis import defaults
from opbouw.analysis.explain import explain
from opbouw.analysis.methods import MostOftenConfig, run_method
from opbouw.analysis.pipeline import AnalysisSpec, Scope, run_analysis
from opbouw.analysis.tables import missing_report
from opbouw.analysis.uncertainty import UncertaintyConfig, monte_carlo
from opbouw.data.dataset import Dataset
from opbouw.errors import ConfigError
from opbouw.i18n import format_date, gettext
from opbouw.model.indicators import Catalogue
from opbouw.reports.document import number, template_environment
from opbouw.reports.svgmap import svg_choropleth
from opbouw.wording import explanation_summary


@dataclass(frozen=True)
class ReportSpec:
    """What to analyse: which areas (a parent code and codes to leave out), which
    indicators, which year, and the Atlas parameters."""

    title: str
    indicators: tuple[str, ...]
    year: int | None = None
    parent: str | None = None
    exclude: tuple[str, ...] = ()
    level: str = "municipality"
    k: int = defaults.K
    p: float = defaults.P
    top: int = defaults.N
    draws: int = 500
    lang: str = "nl"


def build_report(dataset: Dataset, catalogue: Catalogue, spec: ReportSpec, out: Path,
                 credits: tuple[str, ...] = ()) -> Path:
    """Analyse and write ``out`` (an HTML file); returns its path."""
    if dataset.areas is None:
        raise ConfigError("the report needs an areas file")
    frame = dataset.areas.frame
    # the library's one pipeline: the reference set, the directions, the Atlas run
    run = run_analysis(dataset.values, frame, catalogue, AnalysisSpec(
        method="atlas", options={"p": spec.p, "k": spec.k}, indicators=spec.indicators,
        year=spec.year, scope=Scope(level=spec.level,
                                    within=(spec.parent,) if spec.parent else (),
                                    exclude=spec.exclude)))
    table, directions, atlas = run.table, run.directions, run.result
    chosen = frame.loc[table.index]
    labels = {k: catalogue.get(k).label(spec.lang) for k in directions}
    names = chosen["name"].astype(str).to_dict()
    top = run_method("top-n", table, directions, MostOftenConfig(n=spec.top, show=spec.top))
    mc = monte_carlo(table, directions, UncertaintyConfig(draws=spec.draws, top=spec.top))
    comp = run_method("composite", table, directions)
    ranking = top.table.sort_values("rank").head(spec.top)
    synth = [{"rank": int(r["rank"]), "code": c, "name": names[c], "count": int(r["score"]),
              "mean_rank": round(float(r["mean_rank"]), 1), "level": int(r["level"])}
             for c, r in ranking.iterrows()]
    deprived = atlas.table[atlas.table["flag"]].sort_values(["score"], ascending=False)
    explanations = [explanation_summary(explain(c, atlas, table, directions, names[c], labels),
                                        spec.lang) for c in deprived.index]
    unc = mc.areas.join(comp.table[["score", "rank"]]).sort_values("rank").head(spec.top)
    uncertainty = [{"name": names[c], "rank": int(r["rank"]), "median": r["median_rank"],
                    "p5": r["rank_p5"], "p95": r["rank_p95"], "top": r["share_top"],
                    "deprived": r["share_deprived"]} for c, r in unc.iterrows()]
    geo = chosen if "geometry" in chosen.columns else None
    cum_map = svg_choropleth(geo, atlas.table["score"].astype(float),
                             gettext("Cumulation of negative conditions", spec.lang),
                             k=min(5, len(spec.indicators) + 1), labels=names,
                             legend_title=gettext("conditions", spec.lang)
                             ) if geo is not None else ""
    indicator_rows = [{"key": k, "label": labels[k], "unit": catalogue.get(k).unit,
                       "direction": directions[k], "limit": atlas.details["limits"].get(k),
                       "source": catalogue.get(k).source} for k in spec.indicators]
    env = template_environment(spec.lang)
    env.filters["num"] = lambda x, d=1: number(x, d, spec.lang)
    html = env.get_template("area_report.html").render(
        spec=spec, n_areas=len(table), synth=synth, breaks=top.details["breaks"],
        deprived=explanations, n_deprived=len(deprived), cum_map=cum_map,
        uncertainty=uncertainty, sensitivity=mc.sensitivity.head(6).to_dict("records"),
        indicators=indicator_rows, missing=missing_report(table).query("missing > 0"),
        credits=credits, today=format_date(date.today(), spec.lang),
        distribution=atlas.table["score"].value_counts().sort_index().to_dict())
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(html, "utf-8")
    return out

