from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.analysis.composite import AGGREGATIONS, NORMALISATIONS
from opbouw.analysis.methods import METHODS
from opbouw.web.accounts.access import organisations, visible
from opbouw.web.areas.models import Dataset


def method_choices(lang: str) -> list[tuple[str, str]]:
    return [(k, m.label_en if lang == "en" else m.label_nl) for k, m in METHODS.items()]


class AnalysisForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    dataset = forms.ModelChoiceField(queryset=None, label=_("Dataset"))
    method = forms.ChoiceField(label=_("Method"))
    indicators = forms.MultipleChoiceField(label=_("Indicators"), required=False,
                                           widget=forms.CheckboxSelectMultiple)
    level = forms.CharField(label=_("Area level"), required=False)
    year = forms.IntegerField(label=_("Year"), required=False,
                              help_text=_("Empty: the latest year of each indicator."))
    p = forms.FloatField(label=_("Worst p percent"), initial=20, min_value=0, max_value=100)
    k = forms.IntegerField(label=_("Deprived from k conditions"), initial=4, min_value=1)
    n = forms.IntegerField(label=_("Top N"), initial=20, min_value=1)
    normalise = forms.ChoiceField(label=_("Normalisation"), initial="minmax",
                                  choices=[(x, x) for x in NORMALISATIONS])
    aggregate = forms.ChoiceField(label=_("Aggregation"), initial="arithmetic",
                                  choices=[(x, x) for x in AGGREGATIONS])
    shared_with = forms.ModelMultipleChoiceField(queryset=None, required=False,
                                                 label=_("Share with"),
                                                 widget=forms.CheckboxSelectMultiple)

    def __init__(self, user: Any, lang: str, indicators: list[tuple[str, str]],
                 *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        from opbouw.web.accounts.models import Organisation

        self.fields["organisation"].queryset = organisations(user, "analyse")
        self.fields["dataset"].queryset = visible(Dataset.objects, user)
        self.fields["method"].choices = method_choices(lang)
        self.fields["indicators"].choices = indicators
        self.fields["shared_with"].queryset = Organisation.objects.all()

    def config(self) -> dict[str, Any]:
        d = self.cleaned_data
        return {"indicators": d["indicators"], "level": d["level"], "year": d["year"],
                "p": d["p"], "k": d["k"], "n": d["n"], "normalise": d["normalise"],
                "aggregate": d["aggregate"]}
