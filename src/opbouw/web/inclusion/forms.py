"""The self-assessment form: every factor of the factor list, a score per dimension on the
anchored scale (or "don't know"), a remark and improvement actions."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.analysis.inclusion import DIMENSIONS
from opbouw.web.accounts.access import organisations, preselect_only_choice
from opbouw.web.inclusion.factors import DIMENSION_LABELS, SCALE_LABELS, FactorSet
from opbouw.web.inclusion.models import Answer, Assessment
from opbouw.web.signals.privacy import scan

TEXTS = ("remark", "actions")


def field_name(factor: str, part: str) -> str:
    return f"{factor.replace('.', '-')}--{part}"


class AssessmentForm(forms.ModelForm):
    class Meta:
        model = Assessment
        fields = ["organisation", "name", "held_on"]
        widgets = {"held_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from opbouw.web.inclusion.views import MANAGE

        self.fields["organisation"].queryset = organisations(user, MANAGE)
        preselect_only_choice(self.fields["organisation"])
        self.fields["organisation"].empty_label = None


class FillForm(forms.Form):
    """One person's answers; free text is checked for personal data like signals are."""

    def __init__(self, factor_set: FactorSet, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.factor_set = factor_set
        choices = [("", _("don't know")), *[(str(k), v) for k, v in SCALE_LABELS.items()]]
        for factor in factor_set.factors.values():
            for dim in DIMENSIONS:
                self.fields[field_name(factor.key, dim)] = forms.TypedChoiceField(
                    choices=choices, required=False, coerce=int, empty_value=None,
                    label=f"{factor.label} · {DIMENSION_LABELS[dim]}")
            self.fields[field_name(factor.key, "remark")] = forms.CharField(
                required=False, label=_("Remark"), max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))
            self.fields[field_name(factor.key, "actions")] = forms.CharField(
                required=False, label=_("Improvement actions"), max_length=2000,
                widget=forms.Textarea(attrs={"rows": 2}))
        self.fields["confirm_privacy"] = forms.BooleanField(
            required=False,
            label=_("I checked: this text names no person and holds no contact details."))
        self.privacy_findings: list[tuple[str, Any]] = []

    def rows(self) -> list[dict[str, Any]]:
        """Bound fields grouped per domain and factor, for the template."""
        out = []
        for domain in self.factor_set.domains:
            factors = [{"factor": f, "scores": [self[field_name(f.key, d)] for d in DIMENSIONS],
                        "remark": self[field_name(f.key, "remark")],
                        "actions": self[field_name(f.key, "actions")]}
                       for f in domain.factors]
            out.append({"domain": domain, "factors": factors})
        return out

    def clean(self) -> dict[str, Any]:
        super().clean()
        cleaned = self.cleaned_data  # what Form.clean returns, typed as a dict
        texts = {name: cleaned.get(name) or "" for name in self.fields
                 if name.endswith(("--remark", "--actions"))}
        labels = {field_name(f.key, p): f.label for f in self.factor_set.factors.values()
                  for p in TEXTS}
        self.privacy_findings = [(labels[n], x) for n, x in scan(texts)]
        if self.privacy_findings and not cleaned.get("confirm_privacy"):
            raise forms.ValidationError(
                _("This text seems to contain personal data. Remove it, or confirm that it "
                  "is not about a person."), code="privacy")
        return cleaned

    @classmethod
    def initial_from(cls, answers: list[Answer]) -> dict[str, Any]:
        initial: dict[str, Any] = {}
        for a in answers:
            for part in (*DIMENSIONS, *TEXTS):
                value = getattr(a, part)
                initial[field_name(a.factor, part)] = "" if value is None else value
        return initial

    def answers(self) -> list[dict[str, Any]]:
        d = self.cleaned_data
        return [{"factor": f, **{p: d.get(field_name(f, p)) for p in DIMENSIONS},
                 **{p: d.get(field_name(f, p)) or "" for p in TEXTS}}
                for f in self.factor_set.factors]
