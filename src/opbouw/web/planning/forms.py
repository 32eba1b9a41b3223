"""Forms of the planning pages; every error is shown in the user's language."""

from __future__ import annotations

import re
from typing import Any

from django import forms
from django.db.models import Q
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.access import preselect_only_choice, visible
from opbouw.web.areas.models import Area, Dataset
from opbouw.web.planning.models import (
    Measure,
    MeasureValue,
    Objective,
    OperationalGoal,
    Plan,
    PopulationIndicator,
    Project,
    StrategicAction,
    StrategicGoal,
    TimelineEntry,
    Track,
)

EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
PHONE = re.compile(r"(?<!\d)(?:\+32|0032|0)\s?\d(?:[\s./-]?\d){7,8}(?!\d)")


def personal_data_warning(*texts: str) -> str | None:
    """A warning when free text seems to hold an e-mail address or a phone number:
    records are about situations and groups, not named residents."""
    joined = "\n".join(t for t in texts if t)
    if EMAIL.search(joined) or PHONE.search(joined):
        return gettext("The text seems to contain an e-mail address or a phone number. Records "
                  "should not hold personal data of residents; please check.")
    return None


def _dates(form: forms.BaseForm, start: str = "start", end: str = "end") -> None:
    s, e = form.cleaned_data.get(start), form.cleaned_data.get(end)
    if s and e and e < s:
        form.add_error(end, gettext("The end lies before the start."))


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["organisation", "name", "start_year", "end_year", "description"]

    def __init__(self, organisations: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations
        preselect_only_choice(self.fields["organisation"])

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        if data.get("start_year") and data.get("end_year") and \
                data["end_year"] < data["start_year"]:
            self.add_error("end_year", gettext("The last year lies before the first year."))
        return data


class _Coded(forms.ModelForm):
    """Codes are unique within a plan (SD, OD and action codes alike)."""

    plan: Plan

    def clean_code(self) -> str:
        code = self.cleaned_data["code"].strip()
        taken = (StrategicGoal.objects.filter(plan=self.plan, code=code).exclude(
                     pk=self.instance.pk if isinstance(self.instance, StrategicGoal) else None)
                 .exists()
                 or OperationalGoal.objects.filter(goal__plan=self.plan, code=code).exclude(
                     pk=self.instance.pk if isinstance(self.instance, OperationalGoal) else None)
                 .exists()
                 or StrategicAction.objects.filter(plan=self.plan, code=code).exclude(
                     pk=self.instance.pk if isinstance(self.instance, StrategicAction) else None)
                 .exists())
        if taken:
            raise forms.ValidationError(gettext("This code is already used in this plan."))
        return code


class GoalForm(_Coded):
    class Meta:
        model = StrategicGoal
        fields = ["code", "title", "kind", "statement", "explanation"]

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)


class OperationalGoalForm(_Coded):
    class Meta:
        model = OperationalGoal
        fields = ["goal", "code", "title", "theme", "statement", "explanation"]

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)
        self.fields["goal"].queryset = plan.goals.all()


class ActionForm(_Coded):
    class Meta:
        model = StrategicAction
        fields = ["code", "title", "scope", "internal", "matrix_label", "context",
                  "description", "partners", "timing", "start", "end"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        self.plan = plan
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        _dates(self)
        return data


def plan_areas(plan: Plan, user: Any) -> Any:
    """Areas of the datasets the plan's organisation owns or that are shared with it and
    that the user can see."""
    datasets = visible(Dataset.objects, user).filter(
        Q(organisation=plan.organisation) | Q(shared_with=plan.organisation))
    return Area.objects.filter(dataset__in=datasets).select_related("dataset").order_by(
        "name", "code")


class AreaChoice(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Area) -> str:
        return f"{obj.name or obj.code} ({obj.code}) · {obj.dataset.name}"


class ProjectForm(forms.ModelForm):
    tracks = forms.MultipleChoiceField(label=_("tracks"), choices=Track.choices,
                                       required=False, widget=forms.CheckboxSelectMultiple)
    areas = AreaChoice(queryset=Area.objects.none(), required=False, label=_("areas"),
                       widget=forms.SelectMultiple(attrs={"size": 8}))

    class Meta:
        model = Project
        fields = ["name", "problem", "target_group", "places", "areas", "objectives",
                  "involvement", "start", "end", "actions", "tracks", "partners", "fte",
                  "status", "workers"]
        localized_fields = ["fte"]
        widgets = {"start": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "end": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "actions": forms.CheckboxSelectMultiple}

    def __init__(self, plan: Plan, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from django.contrib.auth import get_user_model

        self.fields["areas"].queryset = plan_areas(plan, user)
        self.fields["actions"].queryset = plan.actions.all()
        self.fields["workers"].queryset = get_user_model().objects.filter(
            memberships__organisation=plan.organisation).distinct()

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        _dates(self)
        return data


class ObjectiveForm(forms.ModelForm):
    year = forms.IntegerField(label=_("year"), min_value=1990, max_value=2100)

    class Meta:
        model = Objective
        fields = ["year", "title", "activities", "status", "percentage"]
        widgets = {"activities": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, plan: Plan, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.plan = plan

    def clean_year(self) -> int:
        year = self.cleaned_data["year"]
        if not self.plan.start_year <= year <= self.plan.end_year:
            raise forms.ValidationError(gettext("The year lies outside the plan (%(a)s-%(b)s).") % {
                "a": self.plan.start_year, "b": self.plan.end_year})
        return year


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Objective.Status.choices)
    percentage = forms.IntegerField(label=_("progress (%)"), min_value=0, max_value=100)
    date = forms.DateField(label=_("date"), required=False,
                           widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label=_("kind"), choices=TimelineEntry.Kind.choices,
                             required=False)
    text = forms.CharField(label=_("what happened or was decided"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2}), max_length=5000)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        if data.get("text") and not data.get("date"):
            self.add_error("date", gettext("A timeline entry needs a date."))
        return data


class MeasureForm(forms.ModelForm):
    class Meta:
        model = Measure
        fields = ["kind", "name", "unit", "baseline", "target"]
        localized_fields = ["baseline", "target"]


class MeasureValueForm(forms.ModelForm):
    class Meta:
        model = MeasureValue
        fields = ["period", "value", "narrative"]
        localized_fields = ["value"]
        widgets = {"narrative": forms.Textarea(attrs={"rows": 2})}


class PopulationIndicatorForm(forms.ModelForm):
    class Meta:
        model = PopulationIndicator
        fields = ["od", "dataset", "indicator", "area_code", "baseline", "target"]
        localized_fields = ["baseline", "target"]

    def __init__(self, plan: Plan, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["od"].queryset = OperationalGoal.objects.filter(goal__plan=plan)
        self.fields["dataset"].queryset = visible(Dataset.objects, user)

    def clean(self) -> dict[str, Any]:
        from opbouw.web.areas import store

        super().clean()

        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        ds, key = data.get("dataset"), data.get("indicator")
        if ds and key and key not in store.indicators_in(ds):
            self.add_error("indicator", gettext("This dataset has no such indicator."))
        code = data.get("area_code")
        if ds and code and not ds.areas.filter(code=code).exists():
            self.add_error("area_code", gettext("This dataset has no area with this code."))
        return data
