"""What the study pages and exports call the result's columns, legend entries and values
(a result stores keys, so that it reads in every language of the site)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

LABELS: dict[str, Any] = {
    "code": _("Code"), "name": _("Name"), "value": _("Value"),
    "lisa_cluster": _("LISA cluster"), "lisa_p": _("p (LISA)"), "gi_z": _("Gi* z"),
    "gi_p": _("p (Gi*)"), "hotspot": _("Gi* hot or cold spot"),
    "parent_name": _("Lies in"), "score": _("Score"), "population": _("Inhabitants"),
    "share_of_parent": _("Share of the inhabitants of the area above (%)"),
    "hidden_areas": _("Hidden deprived sub-areas"),
    "population_hidden": _("Inhabitants of hidden deprived sub-areas"),
    "share_hidden": _("Share hidden (%)"),
    "rank": _("Rank (base settings)"), "median_rank": _("Median rank"),
    "rank_p5": _("Rank, 5th percentile"), "rank_p95": _("Rank, 95th percentile"),
    "share_top": _("In the top N (% of draws)"), "share_deprived": _("Deprived (% of draws)"),
    "choice": _("Choice"), "outcome": _("Moves"), "index": _("Sensitivity index"),
    "areas": _("Areas"), "highest": _("Areas in the highest group"),
    "share_of_highest": _("Share of all highest-group areas (%)"),
    "population_in_highest": _("Inhabitants in highest-group areas"),
    "share_population_in_highest": _("Share of inhabitants in highest-group areas (%)"),
    "fte": _("FTE"), "fte_per_highest": _("FTE per highest-group area"),
    "need": _("Need"), "quota": _("Exact proportional share"), "selected": _("Selected"),
    "order": _("Order of need"), "rank_first": _("Rank, first year"),
    "rank_last": _("Rank, last year"), "change": _("Change (+ = towards the top)"),
    "top": _("Top N"), "deprived": _("Deprived"), "type": _("Type"),
    "combination": _("Combination of conditions"), "size": _("Conditions"),
    "status": _("Status"), "highest_group": _("Highest group"),
    # legends
    "cluster_HH": _("high among high (HH)"), "cluster_HL": _("high among low (HL)"),
    "cluster_LH": _("low among high (LH)"), "cluster_LL": _("low among low (LL)"),
    "cluster_ns": _("not significant"),
    "hidden": _("deprived, hidden by the average"),
    "deprived_parent_too": _("deprived, the area above too"),
    "not_deprived": _("not deprived"),
    "top_always": _("in the top in ≥ 95 % of draws"),
    "top_often": _("in the top in 50–95 % of draws"),
    "top_sometimes": _("in the top in 5–50 % of draws"),
    "top_never": _("in the top in < 5 % of draws"),
    "in_highest": _("in the highest group"), "not_in_highest": _("not in the highest group"),
    # extra tables
    "per_parent": _("Per area above"),
    "sensitivity": _("Which choice moves the ranking most"),
    "combinations": _("Most frequent combinations of conditions"),
    # metadata
    "indicator": _("Indicator"), "weights": _("Neighbours"),
    "mean_neighbours": _("Mean number of neighbours"), "islands": _("Areas without neighbours"),
    "moran_i": _("Moran's I"), "moran_p": _("p (Moran's I)"),
    "option_permutations": _("Permutations"), "option_seed": _("Seed"),
    "option_alpha": _("Significance level"), "option_fdr": _("FDR correction"),
    "child_level": _("Sub-areas"), "parent_level": _("Areas above them"),
    "indicators": _("Indicators"), "imputed": _("Missing values filled with the median"),
    "years": _("Years"), "deprived_areas": _("Deprived areas"),
}

VALUES: dict[str, dict[str, Any]] = {
    "lisa_cluster": {"HH": "HH", "HL": "HL", "LH": "LH", "LL": "LL",
                     "ns": _("not significant")},
    "hotspot": {"hot": _("hot spot"), "cold": _("cold spot"), "ns": _("not significant")},
    "top": {"entered": _("entered"), "left": _("left"), "stayed": _("stayed"), "": ""},
    "deprived": {"became": _("became deprived"), "no_longer": _("no longer deprived"),
                 "stayed": _("stayed deprived"), "": ""},
    "choice": {"normalisation": _("normalisation"), "p": "p", "k": "k"},
    "outcome": {"rank": _("the rank"), "deprived": _("deprived or not")},
}
DECIMALS = {"lisa_p": 4, "gi_p": 4, "gi_z": 2, "value": 2, "score": 3, "index": 3,
            "population": 0, "population_hidden": 0, "population_in_highest": 0,
            "areas": 0, "highest": 0, "hidden_areas": 0, "rank": 0, "median_rank": 1,
            "rank_p5": 1, "rank_p95": 1, "rank_first": 0, "rank_last": 0, "change": 0,
            "order": 0, "type": 0, "size": 0, "need": 2, "fte": 3, "quota": 3,
            "fte_per_highest": 3}
"""Decimals shown and exported per column (shares: one)."""


def column(key: str) -> str:
    return str(LABELS.get(key, key))


def value(key: str, v: Any, cat: Any = None) -> Any:
    """A cell as shown: categories in words, yes/no, numbers rounded; None stays None.
    Indicators are named by their label in the user's language in ``cat`` (the dataset's
    catalogue; the bundled one when None), falling back to the key."""
    from opbouw.web.areas.catalogue import label

    if v is None:
        return None
    if isinstance(v, bool):
        return gettext("Yes") if v else gettext("No")
    if key in VALUES:
        text = str(v)
        if key == "choice" and text.startswith("weight:"):
            return gettext("weight of %(indicator)s") % {"indicator": label(text[7:], cat)}
        return str(VALUES[key].get(text, text))
    if isinstance(v, int | float) and key != "code":
        return round(float(v), decimals(key)) if decimals(key) else round(v)
    return v


def decimals(key: str) -> int:
    return DECIMALS.get(key, 1 if key.startswith("share") else 2)
