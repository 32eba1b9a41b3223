"""Sentences about analysis results in the user's language, shared by the CLI, web and reports.

``opbouw.analysis`` returns data (an :class:`~opbouw.analysis.explain.Explanation`, area
types, cluster summaries); this module is the one place that turns that data into words,
through the gettext catalogue of :mod:`opbouw.i18n` (English msgids, Dutch in
``locale/nl/LC_MESSAGES/opbouw.po``) and Babel's number formats, so a sentence exists once
and reads the same in every place that shows it.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence

from opbouw.analysis.explain import Explanation
from opbouw.analysis.spatial.summary import CENTRE, ClusterSummary
from opbouw.analysis.typology import AreaType
from opbouw.i18n import (
    current_language,
    format_decimal,
    format_number,
    gettext,
    ngettext,
)
from opbouw.model.areas import level_for

__all__ = ["LEVEL_WORDS", "area_type_description", "cluster_sentences", "explanation_summary",
           "level_noun", "place_list", "year_notes"]

COMPASS = ("the east", "the north-east", "the north", "the north-west", "the west",
           "the south-west", "the south", "the south-east", "the centre")
"""Compass sectors 0..7 counter-clockwise from east, then :data:`CENTRE` (msgids)."""

LEVEL_WORDS = {
    "statistical_sector": ("statistical sector", "statistical sectors"),
    "neighbourhood": ("neighbourhood", "neighbourhoods"),
    "sub_municipality": ("sub-municipality", "sub-municipalities"),
    "municipality": ("municipality", "municipalities"),
    "working_area": ("working area", "working areas"),
    "province": ("province", "provinces"),
    "region": ("region", "regions"),
}
"""The singular and plural msgid of the areas of each level of :mod:`opbouw.model.areas`."""


def level_noun(level: str | None, n: int = 2, lang: str | None = None) -> str:
    """The word for ``n`` areas of ``level`` ("gemeente", "gemeenten"), by the catalogue's
    plural rule; "gebied(en)" without a level, a level the model does not know by its name."""
    found = level_for(level) if level else None
    if level and found is None:
        return level
    singular, plural = LEVEL_WORDS.get(found.key if found else "", ("area", "areas"))
    return ngettext(singular, plural, n, lang)


def _value(x: float | None, lang: str) -> str:
    if x is None or not math.isfinite(x):
        return "-"
    return format_decimal(x, lang, 1) if abs(x) < 1e6 else f"{x:.3g}"


def _significant(x: float, lang: str, digits: int = 4) -> str:
    """``x`` to ``digits`` significant digits in the language's number format."""
    if not math.isfinite(x):
        return "-"
    return format_number(float(f"{x:.{digits}g}"), lang, decimals=10)


def explanation_summary(expl: Explanation, lang: str | None = None, reasons: int = 6) -> str:
    """An area's status in words: "Ronse is achtergesteld: 6 van 14 condities (grens 4).
    kansarmoede-index 27,1 (rang 3/64), ..." with at most ``reasons`` flagged indicators."""
    lang = current_language(lang)
    score = str(int(expl.score)) if math.isfinite(expl.score) else "-"
    fields = {"name": expl.name, "score": score, "k": expl.conditions,
              "rank": "-" if expl.rank is None else expl.rank}
    if expl.method in ("atlas", "score"):
        message = ("{name} is deprived: {score} of {k} conditions" if expl.flagged
                   else "{name} is not deprived: {score} of {k} conditions")
        summary = gettext(message, lang).format(**fields)
        if expl.threshold is not None:
            summary += " (" + gettext("threshold {k}", lang).format(k=expl.threshold) + ")"
    elif expl.top_n is not None:
        summary = gettext("{name} is in the top {n} on {score} of {k} indicators, overall rank "
                          "{rank}", lang).format(n=expl.top_n, **fields)
    else:
        summary = gettext("{name}: score {score}, rank {rank}", lang).format(
            **{**fields, "score": _significant(expl.score, lang)})
    shown = [gettext("{label} {value} (rank {rank}/{of})", lang).format(
        label=r.label, value=_value(r.value, lang), rank=int(r.rank), of=r.of)
        for r in expl.reasons if r.flagged][:reasons]
    # the reasons are a sentence of their own: no brackets inside brackets
    return summary + (". " + ", ".join(shown) if shown else "")


def area_type_description(area_type: AreaType, labels: Mapping[str, str] | None = None,
                          lang: str | None = None) -> str:
    """"Type 1 (12 gebieden): vooral hoog op werkloosheid, ..." for a cluster of areas."""
    lang = current_language(lang)
    fields = {"number": area_type.number, "n": len(area_type.codes)}
    n = len(area_type.codes)
    if not area_type.high:
        return ngettext("Type {number} ({n} area): no single indicator stands out",
                        "Type {number} ({n} areas): no single indicator stands out",
                        n, lang).format(**fields)
    shown = ", ".join((labels or {}).get(h, h) for h in area_type.high)
    return ngettext("Type {number} ({n} area): above all high on {indicators}",
                    "Type {number} ({n} areas): above all high on {indicators}",
                    n, lang).format(indicators=shown, **fields)


def place_list(places: Sequence[str], lang: str | None = None, most: int = 3) -> str:
    """"Ronse, Geraardsbergen en 2 andere plaatsen": the first ``most`` places in words."""
    lang = current_language(lang)
    shown, rest = list(places[:most]), len(places) - most
    if rest > 0:
        other = (gettext("1 other place", lang) if rest == 1
                 else gettext("{n} other places", lang).format(n=rest))
        return gettext("{first} and {last}", lang).format(first=", ".join(shown), last=other)
    if len(shown) <= 1:
        return "".join(shown)
    return gettext("{first} and {last}", lang).format(first=", ".join(shown[:-1]),
                                                      last=shown[-1])


def cluster_sentences(summary: ClusterSummary, level: str | None = None,
                      lang: str | None = None) -> list[str]:
    """One sentence per concentration of deprived areas: "een significante concentratie van
    25 kansarme wijken in Ronse en Geraardsbergen (het zuiden van Oost-Vlaanderen)"."""
    lang = current_language(lang)
    if not summary.groups:
        return [gettext("No significant concentration of deprived areas.", lang)]
    sentences = []
    for group in summary.groups:
        n = len(group.codes)
        what = (gettext("a significant cluster of {n} deprived {noun}", lang).format(
                    n=n, noun=level_noun(level, n, lang))
                if n > 1 else gettext("1 deprived area with deprived neighbours", lang))
        direction = gettext(COMPASS[group.direction if 0 <= group.direction <= CENTRE
                                    else CENTRE], lang)
        parent = group.parent if group.parent is not None else gettext("the study area", lang)
        where = gettext("{direction} of {place}", lang).format(direction=direction,
                                                               place=parent)
        if tuple(group.places) == (parent,):
            sentences.append(gettext("{what} in {where}", lang).format(what=what, where=where))
        else:
            sentences.append(gettext("{what} in {places} ({where})", lang).format(
                what=what, places=place_list(group.places, lang), where=where))
    if summary.more > 0:
        sentences.append(gettext("and {n} smaller clusters", lang).format(n=summary.more))
    return sentences


def year_notes(notes: Sequence[str], labels: Mapping[str, str] | None = None,
               lang: str | None = None) -> list[str]:
    """One sentence per ``sparse_year_skipped:<indicator>:<year>:<n>`` note of an analysis
    (:func:`opbouw.analysis.tables.latest_years`): the newer year of an indicator with values
    for too few areas that the latest-year rule passed over. Other notes are skipped."""
    lang = lang or current_language()
    out = []
    for note in notes:
        if not note.startswith("sparse_year_skipped:"):
            continue
        rest, year, n = note[len("sparse_year_skipped:"):].rsplit(":", 2)
        name = (labels or {}).get(rest, rest)
        out.append(ngettext(
            "{indicator}: {year} has values for only {n} area, too few for the latest year; "
            "an earlier year with more values is used.",
            "{indicator}: {year} has values for only {n} areas, too few for the latest year; "
            "an earlier year with more values is used.", int(n), lang).format(
                indicator=name, year=year, n=format_number(int(n), lang, 0)))
    return out
