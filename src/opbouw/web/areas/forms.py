from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.access import organisations


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one field (Django's documented pattern)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data: Any, initial: Any = None) -> Any:
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class ImportForm(forms.Form):
    organisation = forms.ModelChoiceField(queryset=None, label=_("Organisation"))
    name = forms.CharField(label=_("Name of the dataset"), max_length=200)
    files = MultipleFileField(label=_("Files"), help_text=_(
        "An areas file (CSV, XLSX, GeoPackage, GeoJSON or a Shapefile with its .dbf, .shx "
        "and .prj) and one or more indicator files (CSV or XLSX, wide or long)."))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations(user, "import")
        self.fields["organisation"].queryset = orgs
        if orgs.count() == 1:
            self.fields["organisation"].initial = orgs.first()
