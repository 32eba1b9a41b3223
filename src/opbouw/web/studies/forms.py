"""One form per kind of study: its options with a short help text, checked before any job
starts; ``options()`` is the plain configuration that is stored and hashed."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.analysis import defaults
from opbouw.analysis.allocation import ALLOCATION_METHODS, default_need, need_points_the_wrong_way
from opbouw.analysis.methods import METHODS
from opbouw.analysis.uncertainty import DRAWS
from opbouw.model.areas import level_for
from opbouw.web.analyses.forms import FiniteFloatField, method_choices
from opbouw.web.areas import store
from opbouw.web.areas.catalogue import analysable, catalogue_for, label
from opbouw.web.areas.models import Dataset
from opbouw.web.areas.templatetags.opbouw_tags import level_label


def _int(label_: Any, initial: int, lo: int, hi: int | None = None, help_text: Any = "",
         required: bool = True) -> forms.IntegerField:
    return forms.IntegerField(label=label_, initial=initial, min_value=lo, max_value=hi,
                              help_text=help_text, required=required)


def _float(label_: Any, initial: float | None, lo: float, hi: float | None = None,
           help_text: Any = "", required: bool = True) -> FiniteFloatField:
    return FiniteFloatField(label=label_, initial=initial, min_value=lo, max_value=hi,
                            help_text=help_text, required=required)


P_HELP = _("p: per indicator the worst p % of the areas count as a negative condition.")
K_HELP = _("k: an area with at least k negative conditions counts as deprived.")
N_HELP = _("N: the length of the top (the highest group).")


class StudyForm(forms.Form):
    """The fields every study shares: indicators, area level and year."""

    indicators = forms.MultipleChoiceField(
        label=_("Indicators"), required=False, widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every indicator of the dataset except counts."))
    level = forms.ChoiceField(label=_("Area level"), required=False,
                              help_text=_("The areas that are compared with each other."))
    year = forms.TypedChoiceField(label=_("Year"), required=False, coerce=int,
                                  empty_value=None,
                                  help_text=_("Empty: the latest year of each indicator."))
    uses_rules = False
    """Whether the study flags deprived areas (then p and k are asked)."""

    def __init__(self, dataset: Dataset, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.dataset = dataset
        cat = catalogue_for(dataset.organisation_id)
        present = store.indicators_in(dataset)
        self.analysable = analysable(present, cat)
        self.all_indicators = [(k, label(k, cat)) for k in present]
        levels = [(lv, level_label(lv)) for lv in store.levels_in(dataset)]
        years = [("", _("latest"))] + [(y, str(y)) for y in reversed(store.years_in(dataset))]
        for name, field in self.fields.items():
            if name == "indicators":
                field.choices = [(k, label(k, cat)) for k in self.analysable]
            elif name in ("level", "child_level", "parent_level", "working_area_level"):
                field.choices = levels
            elif name == "year":
                field.choices = years
            elif name in ("indicator",):
                field.choices = [("", _("(the index of the ticked indicators)"))] + [
                    (k, label(k, cat)) for k in self.analysable]
            elif name == "need":
                field.choices = self.all_indicators
            elif name in ("first", "last"):
                field.choices = [("", "–")] + [(y, str(y)) for y in store.years_in(dataset)]
        if "level" in self.fields and levels and not self.is_bound:
            self.fields["level"].initial = levels[0][0]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        chosen = data.get("indicators") or self.analysable
        if self.uses_rules and data.get("k") and data["k"] > len(chosen):
            self.add_error("k", _("k cannot be larger than the number of indicators "
                                  "(%(n)s).") % {"n": len(chosen)})
        return data

    def options(self) -> dict[str, Any]:
        """The checked options as plain JSON values (sorted, so equal settings hash alike)."""
        out = {}
        for name, value in self.cleaned_data.items():
            if isinstance(value, list):
                value = sorted(value)
            out[name] = value
        return out


def _rules(form: type[StudyForm]) -> type[StudyForm]:
    form.base_fields["p"] = _float(_("Worst p percent"), defaults.P, 0.1, 100, P_HELP)
    form.base_fields["k"] = _int(_("Deprived from k conditions"), defaults.K, 1, 50, K_HELP)
    form.uses_rules = True
    return form


WEIGHTS = [("queen", _("touching borders or corners (queen)")),
           ("rook", _("touching borders (rook)")),
           ("knn:4", _("the 4 nearest areas")), ("knn:6", _("the 6 nearest areas")),
           ("knn:8", _("the 8 nearest areas")),
           ("distance:5000", _("every area within 5 km")),
           ("distance:10000", _("every area within 10 km"))]


class HotspotsForm(StudyForm):
    indicator = forms.ChoiceField(
        label=_("Indicator"), required=False,
        help_text=_("One indicator, or (empty) the composite index of the ticked "
                    "indicators."))
    weights = forms.ChoiceField(
        label=_("Neighbours"), choices=WEIGHTS, initial="queen",
        help_text=_("Which areas count as each other's neighbours."))
    permutations = _int(_("Permutations"), 999, 99, 99_999, _(
        "How often the values are shuffled to test significance; more is more precise and "
        "slower. The smallest possible p is 2/(permutations + 1)."))
    alpha = _float(_("Significance level"), defaults.ALPHA, 0.001, 0.2, _(
        "An area is in a cluster or hot spot when p is below this level."))
    fdr = forms.BooleanField(label=_("Correct for many tests (FDR)"), required=False,
                             help_text=_("Benjamini-Hochberg: fewer false hot spots when "
                                         "there are many areas."))


@_rules
class HiddenForm(StudyForm):
    child_level = forms.ChoiceField(label=_("Sub-areas"), help_text=_(
        "The finer level, e.g. sub-municipalities or neighbourhoods."))
    parent_level = forms.ChoiceField(label=_("Areas above them"), help_text=_(
        "The level whose average can hide them, e.g. municipalities."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["level"]
        levels = [c for c, _l in self.fields["child_level"].choices]
        if not self.is_bound and len(levels) >= 2:
            self.fields["child_level"].initial = levels[0]
            self.fields["parent_level"].initial = levels[1]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("child_level") and data.get("child_level") == data.get("parent_level"):
            self.add_error("parent_level", _("Choose a level other than that of the "
                                             "sub-areas."))
        return data


class UncertaintyForm(StudyForm):
    draws = _int(_("Draws"), DRAWS, 100, 20_000, _(
        "How many rankings with other reasonable choices (normalisation, weights, p, k) are "
        "made; more is more precise and slower."))
    n = _int(_("Top N"), defaults.N, 1, 10_000, N_HELP)


@_rules
class WorkingAreasForm(StudyForm):
    method = forms.ChoiceField(label=_("Which areas count as highest"), choices=[
        ("atlas", _("deprived (at least k conditions)")),
        ("score", _("the number of conditions, the highest group"))], initial="atlas")
    working_area_level = forms.ChoiceField(label=_("Working areas"), help_text=_(
        "The level of the working areas (province, region, institute)."))
    fte = forms.CharField(
        label=_("Funded staff per working area"), required=False,
        widget=forms.Textarea(attrs={"rows": 3}), max_length=5000,
        help_text=_("Optional: one line per working area, code=FTE (e.g. 40000=14.05)."))

    def __init__(self, dataset: Dataset, *args: Any, **kwargs: Any) -> None:
        super().__init__(dataset, *args, **kwargs)
        # working areas lie above the compared areas: offer those levels first, and
        # preselect the nearest one above the preselected area level
        choices = self.fields["working_area_level"].choices
        above = [c for c in choices if _order(c[0]) > _order(self.fields["level"].initial)]
        if above and not self.is_bound:
            self.fields["working_area_level"].initial = min(above, key=lambda c: _order(c[0]))[0]

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        level = data.get("level") or self.fields["level"].initial
        wa = data.get("working_area_level")
        if wa and level and _order(wa) <= _order(level):
            self.add_error("working_area_level", _(
                "Choose a level above the compared areas (%(level)s): at the same level "
                "every area would be its own working area.") % {"level": level_label(level)})
        return data

    def clean_fte(self) -> dict[str, float]:
        out: dict[str, float] = {}
        for line in (self.cleaned_data.get("fte") or "").replace(";", "\n").splitlines():
            if not line.strip():
                continue
            code, sep, value = line.partition("=")
            try:
                number = float(value.strip().replace(",", "."))
            except ValueError:
                number = float("nan")
            if not sep or not code.strip() or not number >= 0:
                raise forms.ValidationError(_("Write each line as code=FTE, e.g. "
                                              "40000=14.05; this line is not: %(line)s")
                                            % {"line": line.strip()[:60]})
            out[code.strip()] = number
        return out


class AllocationForm(StudyForm):
    need = forms.ChoiceField(label=_("Need"), help_text=_(
        "The indicator that measures the need per area, e.g. a number of people."))
    budget = _float(_("Staff to divide (FTE)"), 10.0, 0.01, 100_000)
    step = _float(_("Step (FTE)"), 0.05, 0.001, 100, _(
        "Staff is given in multiples of this step (0.05: 14.05 FTE can be divided exactly)."))
    minimum = _float(_("Minimum per area (FTE)"), 0.0, 0, 100_000, required=False)
    maximum = _float(_("Maximum per area (FTE)"), None, 0, 100_000, required=False)
    method = forms.ChoiceField(label=_("Method"), choices=[
        ("sainte-lague", _("Sainte-Laguë (unbiased; more need never means less staff)")),
        ("dhondt", _("D'Hondt (favours areas with much need)")),
        ("largest-remainder", _("largest remainder (Hamilton)"))], initial="sainte-lague")
    select = forms.BooleanField(label=_("Select the areas with the highest need"),
                                required=False, help_text=_(
        "Each selected area gets at least the minimum, as far as the budget reaches."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["indicators"]
        self.catalogue = catalogue_for(self.dataset.organisation_id)
        need = default_need([k for k, _l in self.all_indicators], self.catalogue)
        if need is not None:
            self.fields["need"].initial = need
        assert set(ALLOCATION_METHODS) == {c for c, _l in self.fields["method"].choices}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        lo, hi = data.get("minimum"), data.get("maximum")
        if lo is not None and hi is not None and hi < lo:
            self.add_error("maximum", _("The maximum is below the minimum."))
        if data.get("select") and not lo:
            self.add_error("minimum", _("Selection needs a minimum above 0."))
        need = data.get("need")
        if need and need_points_the_wrong_way(need, self.catalogue):
            self.add_error("need", _(
                "%(indicator)s is higher for areas that are better off (higher is better), "
                "so staff in proportion to it would go to the areas that need it least. "
                "Choose an indicator that grows with the need, such as a number of people "
                "or a share where higher is worse.") % {
                    "indicator": label(need, self.catalogue)})
        return data


@_rules
class TrendsForm(StudyForm):
    indicator = forms.ChoiceField(label=_("Indicator"), required=False, help_text=_(
        "One indicator, or (empty) the method below on the ticked indicators."))
    method = forms.ChoiceField(label=_("Method"), initial="atlas")
    first = forms.TypedChoiceField(label=_("From"), required=False, coerce=int,
                                   empty_value=None)
    last = forms.TypedChoiceField(label=_("To"), required=False, coerce=int,
                                  empty_value=None)
    top = _int(_("Top N"), 10, 1, 10_000, N_HELP)
    n = _int(_("N of the method"), defaults.N, 1, 10_000, _(
        "Used by the methods top-n and composite."))

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        from django.utils.translation import get_language

        super().__init__(*args, **kwargs)
        del self.fields["year"]
        self.fields["method"].choices = method_choices((get_language() or "nl")[:2])
        assert {c for c, _l in self.fields["method"].choices} <= set(METHODS)


@_rules
class TypologyForm(StudyForm):
    types = _int(_("Number of types"), 3, 1, 12, _(
        "The deprived areas are grouped into this many types (k-means on their z-scores)."))
    top = _int(_("Combinations shown"), 10, 1, 100)


def _order(level: str | None) -> int:
    """The level's place from small to large areas (unknown levels count as smallest)."""
    found = level_for(level or "")
    return found.order if found else 0
