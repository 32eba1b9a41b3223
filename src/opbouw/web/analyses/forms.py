"""The one form for an analysis's settings: used to create an analysis, to save a what-if
and to check a what-if query, so that nothing unchecked is ever stored or run."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from opbouw.analysis.composite import AGGREGATIONS, NORMALISATIONS
from opbouw.analysis.methods import METHODS
from opbouw.web.accounts.access import organisations, preselect_only_choice, visible
from opbouw.web.areas.models import Dataset

METHOD_HELP = {
    "atlas": _("Per indicator the worst p % of the areas form a negative condition; an area "
               "with at least k such conditions is deprived (Atlas of deprived areas)."),
    "top-n": _("Counts on how many indicators an area is among the N worst; the count sets "
               "the order, level breaks show where the count drops clearly."),
    "score": _("The number of negative conditions (0 to K) of each area, without a "
               "threshold: a score rather than a yes/no."),
    "svi": _("The Social Vulnerability Index of the CDC: percentile ranks per indicator, "
             "summed per theme and ranked again; 0 to 1, 1 = most vulnerable."),
    "composite": _("All indicators brought to one scale (normalisation), weighted and "
                   "combined (aggregation) into one index; the N highest are the highest "
                   "group."),
}
NORMALISE_LABELS = {
    "minmax": _("min-max (0 = best area, 1 = worst)"), "zscore": _("z-scores (standard "
    "deviations from the mean)"), "percentile": _("percentile ranks"), "rank": _("ranks"),
    "exponential": _("exponential (stresses the worst areas)"),
    "reference": _("relative to a reference value"),
}
AGGREGATE_LABELS = {"arithmetic": _("arithmetic mean (a good value makes up for a bad "
                                    "one)"),
                    "geometric": _("geometric mean (a bad value weighs through)")}


def method_choices(lang: str) -> list[tuple[str, str]]:
    return [(k, m.label_en if lang == "en" else m.label_nl) for k, m in METHODS.items()]


def method_label(method: str, lang: str) -> str:
    m = METHODS.get(method)
    return (m.label_en if lang == "en" else m.label_nl) if m else method


class DecimalInput(forms.TextInput):
    """The one way every decimal-number input of the site is written: a text input with
    ``inputmode="decimal"`` (a phone shows its number keyboard), not ``type="number"``,
    whose value Chromium reads in the *browser's* locale (under an English browser it drops
    the comma of a Dutch ``2,5`` and sends 25). Its value is written in the user's language
    (``2,5`` in Dutch, ``2.5`` in English, integers without decimals:
    :func:`opbouw.i18n.format_input`) and read back by :class:`FiniteFloatField` with
    :func:`opbouw.i18n.parse_number`, which takes a comma or a dot."""

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        super().__init__({"inputmode": "decimal", "autocomplete": "off", **(attrs or {})})

    def format_value(self, value: Any) -> str | None:
        from django.utils.translation import get_language

        from opbouw.i18n import format_input

        if isinstance(value, str):  # a value typed by the user, shown back as typed
            return value or None
        return format_input(value, (get_language() or "nl")[:2]) or None


class FiniteFloatField(forms.FloatField):
    """A decimal number typed in a :class:`DecimalInput`: ``2,5``, ``2.5``, `` 2,5 `` and
    ``-1`` are read in every language by :func:`opbouw.i18n.parse_number` (one comma or
    one dot is the decimal mark; ``1.234,5`` is refused as ambiguous); anything else, and
    ``nan`` or ``inf``, is refused with the usual "Enter a number." message."""

    widget = DecimalInput

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        # the bounds are checked in validate(), so that their message writes the limit
        # in the user's number format ("0,1", not "0.1")
        self.validators = [v for v in self.validators
                           if not isinstance(v, MinValueValidator | MaxValueValidator)]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        # FloatField adds step/min/max, which mean nothing to a text input
        return {}

    def to_python(self, value: Any) -> Any:
        from opbouw.i18n import parse_number

        if value in self.empty_values or (isinstance(value, str) and not value.strip()):
            return None
        try:
            return parse_number(value)
        except ValueError:
            raise forms.ValidationError(self.error_messages["invalid"],
                                        code="invalid") from None

    def validate(self, value: Any) -> None:
        from django.utils.translation import gettext

        from opbouw.web.areas.templatetags.opbouw_tags import format_num

        super().validate(value)
        if value is None:
            return
        if self.min_value is not None and value < self.min_value:
            raise forms.ValidationError(
                gettext("Ensure this value is greater than or equal to %(limit_value)s.")
                % {"limit_value": format_num(self.min_value, 6)}, code="min_value")
        if self.max_value is not None and value > self.max_value:
            raise forms.ValidationError(
                gettext("Ensure this value is less than or equal to %(limit_value)s.")
                % {"limit_value": format_num(self.max_value, 6)}, code="max_value")


class AnalysisForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    dataset = forms.ModelChoiceField(queryset=None, label=_("Dataset"))
    method = forms.ChoiceField(label=_("Method"))
    indicators = forms.MultipleChoiceField(
        label=_("Indicators"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every indicator of the dataset except counts."))
    level = forms.ChoiceField(label=_("Area level"), required=False, help_text=_(
        "The areas that are compared with each other."))
    year = forms.IntegerField(label=_("Year"), required=False,
                              help_text=_("Empty: the latest year of each indicator."))
    within = forms.ChoiceField(label=_("Only the areas within"), required=False, help_text=_(
        "Analyse within one province or region: the reference set is then that part."))
    exclude = forms.CharField(label=_("Leave out"), required=False, max_length=2000,
                              help_text=_("Codes or names of areas to leave out, separated "
                                          "by commas (e.g. Gent, or Brussels)."))
    p = FiniteFloatField(label=_("Worst p percent"), initial=20, min_value=0.1, max_value=100,
                         required=False,
                         help_text=_("p: per indicator the worst p % of the areas count as "
                                     "a negative condition (Atlas, score)."))
    k = forms.IntegerField(label=_("Deprived from k conditions"), initial=4, min_value=1,
                           required=False,
                           help_text=_("k: an area with at least k negative conditions is "
                                       "deprived (Atlas). At most the number of indicators."))
    n = forms.IntegerField(label=_("Top N"), initial=20, min_value=1, max_value=100000,
                           required=False,
                           help_text=_("N: how many areas form the highest group (top N, "
                                       "composite index)."))
    normalise = forms.ChoiceField(label=_("Normalisation"), initial="minmax", required=False,
                                  choices=[(x, NORMALISE_LABELS.get(x, x))
                                           for x in NORMALISATIONS],
                                  help_text=_("How the composite index puts indicators on "
                                              "one scale."))
    aggregate = forms.ChoiceField(label=_("Aggregation"), initial="arithmetic", required=False,
                                  choices=[(x, AGGREGATE_LABELS.get(x, x))
                                           for x in AGGREGATIONS],
                                  help_text=_("How the composite index combines them."))
    shared_with = forms.ModelMultipleChoiceField(queryset=None, required=False,
                                                 label=_("Share with"),
                                                 widget=forms.CheckboxSelectMultiple)

    SETTINGS = ("method", "indicators", "level", "year", "within", "exclude", "p", "k", "n",
                "normalise", "aggregate")

    def __init__(self, user: Any, lang: str, indicators: list[tuple[str, str]],
                 *args: Any, dataset: Dataset | None = None, settings_only: bool = False,
                 **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from opbouw.web.accounts.models import Organisation
        from opbouw.web.areas import store

        self.dataset = dataset
        self.fields["method"].choices = method_choices(lang)
        self.fields["indicators"].choices = indicators
        self.keys = [k for k, _label in indicators]
        levels = store.levels_in(dataset) if dataset is not None else []
        from opbouw.web.areas.templatetags.opbouw_tags import level_label

        self.fields["level"].choices = [(lv, level_label(lv)) for lv in levels] or [("", "–")]
        self.years = store.years_in(dataset) if dataset is not None else []
        self.areas = store.tables(dataset)["areas"] if dataset is not None else None
        within = []
        if self.areas is not None:
            # unique() and tolist() work in C: a form of 20,000 sectors is built for
            # every what-if request
            parents = self.areas["parent"].dropna().unique()
            top = self.areas.loc[self.areas.index.isin(parents)].sort_values(["level", "name"])
            within = [(c, f"{name or c} ({level_label(level)})")
                      for c, name, level in zip(top.index.tolist(), top["name"].tolist(),
                                                top["level"].tolist(), strict=True)]
        self.fields["within"].choices = [("", _("(all areas)"))] + within
        for key, text in indicators:
            self.fields[f"w_{key}"] = FiniteFloatField(
                label=text, required=False, min_value=0, max_value=1000)
        if settings_only:
            for name in ("name", "organisation", "dataset", "shared_with"):
                del self.fields[name]
        else:
            self.fields["organisation"].queryset = organisations(user, "analyse")
            preselect_only_choice(self.fields["organisation"])
            self.fields["dataset"].queryset = visible(Dataset.objects, user)
            # never the own organisation: with one, it is the owner (and a chosen owner is
            # left out when saving)
            own = list(self.fields["organisation"].queryset[:2])
            others = Organisation.objects.all()
            if len(own) == 1:
                others = others.exclude(pk=own[0].pk)
            self.fields["shared_with"].queryset = others

    def weight_fields(self) -> list[Any]:
        return [self[f"w_{k}"] for k in self.keys]

    def clean_year(self) -> int | None:
        year = self.cleaned_data.get("year")
        if year is not None and self.dataset is not None and not self.years:
            raise forms.ValidationError(_("There are no values for %(year)s in this dataset: "
                                          "its values have no year, leave the year empty."),
                                        params={"year": year})
        if year is not None and self.years and year not in self.years:
            raise forms.ValidationError(
                _("There are no values for %(year)s in this dataset; it holds %(first)s to "
                  "%(last)s."), params={"year": year, "first": self.years[0],
                                        "last": self.years[-1]})
        return year

    def clean_exclude(self) -> list[str]:
        text = self.cleaned_data.get("exclude") or ""
        if isinstance(text, list):
            text = ", ".join(text)
        wanted = [t.strip() for t in text.split(",") if t.strip()]
        if not wanted or self.areas is None:
            return []
        by_name = {str(n).casefold(): c for c, n in self.areas["name"].items() if n}
        codes, unknown = [], []
        for w in wanted:
            if w in self.areas.index:
                codes.append(w)
            elif w.casefold() in by_name:
                codes.append(by_name[w.casefold()])
            else:
                unknown.append(w)
        if unknown:
            raise forms.ValidationError(_("Unknown areas: %(names)s."),
                                        params={"names": ", ".join(unknown)})
        return codes

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        chosen = data.get("indicators") or self.keys
        k = data.get("k")
        if k is not None and chosen and k > len(chosen) and data.get("method") == "atlas":
            self.add_error("k", _("k can be at most the number of indicators (%(n)d).")
                           % {"n": len(chosen)})
        return data

    def config(self) -> dict[str, Any]:
        d = self.cleaned_data
        cfg = {"indicators": d["indicators"], "level": d["level"], "year": d["year"],
               "p": 20.0 if d["p"] is None else d["p"], "k": 4 if d["k"] is None else d["k"],
               "n": 20 if d["n"] is None else d["n"],
               "normalise": d["normalise"] or "minmax", "aggregate": d["aggregate"] or "arithmetic"}
        if d.get("within"):
            cfg["within"] = d["within"]
        if d.get("exclude"):
            cfg["exclude"] = d["exclude"]
        weights = {k: d[f"w_{k}"] for k in self.keys if d.get(f"w_{k}") is not None}
        if weights:
            cfg["weights"] = weights
        return cfg

    def errors_text(self) -> str:
        """Every error in one line, with the field's label: for a message or a JSON error."""
        parts = []
        for name, errs in self.errors.items():
            field = self.fields.get(name)
            prefix = f"{field.label}: " if field is not None else ""
            parts.append(prefix + " ".join(str(e) for e in errs))
        return "; ".join(parts)


def settings_data(analysis: Any, overrides: Any = None, allowed: Any = None) -> dict[str, Any]:
    """Form data from a saved analysis, with ``overrides`` (a QueryDict or dict) applied
    for the keys in ``allowed`` (every setting when None; ``w_<key>`` for weights)."""
    cfg = dict(analysis.config or {})
    data: dict[str, Any] = {"method": analysis.method}
    for key in AnalysisForm.SETTINGS:
        if key == "method":
            continue
        value = cfg.get(key)
        if value is None:
            continue
        data[key] = value
    if isinstance(data.get("exclude"), list):
        data["exclude"] = ", ".join(data["exclude"])
    for key, w in (cfg.get("weights") or {}).items():
        data[f"w_{key}"] = w
    for key in (overrides or {}):
        if allowed is not None and key not in allowed and not key.startswith("w_"):
            continue
        if key in ("csrfmiddlewaretoken",):
            continue
        if key == "indicators" and hasattr(overrides, "getlist"):
            data[key] = overrides.getlist(key)
        else:
            data[key] = overrides[key]
    if "indicators" in data and not isinstance(data["indicators"], list):
        data["indicators"] = [data["indicators"]]
    return data
