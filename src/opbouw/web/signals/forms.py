"""Forms for signals, triage, dossiers and requests; every free text is checked for what
looks like personal data, and the user must confirm before such text is saved."""

from __future__ import annotations

from typing import Any

from django import forms
from django.core.validators import MaxValueValidator, MinValueValidator
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.access import organisations, preselect_only_choice
from opbouw.web.signals.models import Dossier, Request, Signal
from opbouw.web.signals.privacy import scan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class PrivacyCheckMixin:
    """Blocks saving while free text looks like personal data, until the user confirms."""

    privacy_fields: tuple[str, ...] = ()
    privacy_findings: list[tuple[str, Any]]

    def _add_confirm_field(self) -> None:
        self.fields["confirm_privacy"] = forms.BooleanField(
            required=False,
            label=_("I checked: this text names no person and holds no contact details."))

    def check_privacy(self, cleaned: dict[str, Any]) -> None:
        texts = {f: str(cleaned.get(f) or "") for f in self.privacy_fields}
        self.privacy_findings = [(self.fields[f].label, x)
                                 for f, x in scan(texts)]
        if self.privacy_findings and not cleaned.get("confirm_privacy"):
            raise forms.ValidationError(
                _("This text seems to contain personal data. Remove it, or confirm that it "
                  "is not about a person."), code="privacy")


class SignalForm(PrivacyCheckMixin, forms.ModelForm):
    privacy_fields = ("title", "description", "theme", "area", "group", "evidence", "project")

    class Meta:
        model = Signal
        fields = ["organisation", "title", "kind", "description", "right", "theme", "area",
                  "area_code", "latitude", "longitude", "group", "people", "since",
                  "noted_on", "evidence", "source", "project"]
        widgets = {"since": DATE, "noted_on": DATE,
                   "description": forms.Textarea(attrs={"rows": 4}),
                   "evidence": forms.Textarea(attrs={"rows": 3}),
                   "latitude": forms.NumberInput(attrs={"step": "any"}),
                   "longitude": forms.NumberInput(attrs={"step": "any"})}

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = organisations(user, "analyse")
        preselect_only_choice(self.fields["organisation"])
        self.fields["organisation"].empty_label = None
        for name, lo, hi in (("latitude", -90, 90), ("longitude", -180, 180)):
            self.fields[name].validators += [MinValueValidator(lo), MaxValueValidator(hi)]
        self._add_confirm_field()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns, typed as a dict
        if (cleaned.get("latitude") is None) != (cleaned.get("longitude") is None):
            raise forms.ValidationError(_("Give both latitude and longitude, or neither."))
        self.check_privacy(cleaned)
        return cleaned


class TriageForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Signal.Status.choices)


class MergeForm(forms.Form):
    duplicates = forms.ModelMultipleChoiceField(queryset=Signal.objects.none(),
                                                label=_("Duplicates of this signal"),
                                                widget=forms.CheckboxSelectMultiple)

    def __init__(self, signal: Signal, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["duplicates"].queryset = Signal.objects.filter(
            organisation=signal.organisation, merged_into__isnull=True).exclude(pk=signal.pk)


class DossierForm(PrivacyCheckMixin, forms.ModelForm):
    privacy_fields = ("title", "problem", "groups", "quotes", "proposals", "follow_up")

    class Meta:
        model = Dossier
        fields = ["organisation", "title", "problem", "signals", "groups", "quotes",
                  "proposals", "level", "addressee", "follow_up", "closed"]
        widgets = {"signals": forms.CheckboxSelectMultiple,
                   "problem": forms.Textarea(attrs={"rows": 4}),
                   "quotes": forms.Textarea(attrs={"rows": 4}),
                   "proposals": forms.Textarea(attrs={"rows": 4}),
                   "groups": forms.Textarea(attrs={"rows": 2}),
                   "follow_up": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from opbouw.web.signals.views import MANAGE

        self.fields["organisation"].queryset = organisations(user, MANAGE)
        preselect_only_choice(self.fields["organisation"])
        self.fields["organisation"].empty_label = None
        # only signals the user's organisations own: a shared signal is read, not bundled
        self.fields["signals"].queryset = Signal.objects.filter(
            organisation__in=organisations(user, MANAGE), merged_into__isnull=True
        ).select_related("organisation")
        self._add_confirm_field()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns, typed as a dict
        org = cleaned.get("organisation")
        if org is not None and any(s.organisation_id != org.pk
                                   for s in cleaned.get("signals") or []):
            self.add_error("signals", _("Only signals of the dossier's organisation."))
        self.check_privacy(cleaned)
        return cleaned


class RequestForm(PrivacyCheckMixin, forms.ModelForm):
    privacy_fields = ("question", "answer", "follow_up")

    class Meta:
        model = Request
        fields = ["asked_on", "addressee", "question", "answered_on", "answer", "follow_up"]
        widgets = {"asked_on": DATE, "answered_on": DATE,
                   "question": forms.Textarea(attrs={"rows": 3}),
                   "answer": forms.Textarea(attrs={"rows": 3}),
                   "follow_up": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._add_confirm_field()

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns, typed as a dict
        asked, answered = cleaned.get("asked_on"), cleaned.get("answered_on")
        if asked and answered and answered < asked:
            self.add_error("answered_on", _("The answer cannot come before the question."))
        if cleaned.get("answer") and not answered:
            self.add_error("answered_on", _("When did the answer come?"))
        self.check_privacy(cleaned)
        return cleaned



class OverviewFilter(forms.Form):
    start = forms.DateField(required=False, label=_("From"), widget=DATE)
    end = forms.DateField(required=False, label=_("To"), widget=DATE)
    status = forms.ChoiceField(required=False, label=_("Status"),
                               choices=[("", "—"), *Signal.Status.choices])
    period = forms.ChoiceField(required=False, label=_("Period"),
                               choices=[("year", _("year")), ("quarter", _("quarter")),
                                        ("month", _("month"))])
