from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.access import organisations, preselect_only_choice


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
    dataset = forms.ModelChoiceField(
        queryset=None, required=False, label=_("Add to an existing dataset"),
        empty_label=_("(none: a new dataset)"),
        help_text=_("New years or new indicators for areas that are already imported: "
                    "choose the dataset and upload only the indicator files."))
    name = forms.CharField(label=_("Name of a new dataset"), max_length=200, required=False)
    files = MultipleFileField(label=_("Files"), help_text=_(
        "An areas file (CSV, XLSX, GeoPackage, GeoJSON or a Shapefile with its .dbf, .shx "
        "and .prj) and one or more indicator files (CSV or XLSX, wide or long)."))

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations(user, "import")
        self.fields["organisation"].queryset = orgs
        preselect_only_choice(self.fields["organisation"])
        if orgs.count() == 1:
            self.fields["organisation"].initial = orgs.first()
        from opbouw.web.areas.models import Dataset

        self.fields["dataset"].queryset = Dataset.objects.filter(organisation__in=orgs)

    def clean_files(self) -> list[Any]:
        """A file above the importers' size limit is refused before it is written."""
        from opbouw.data.limits import LIMITS, MIB
        from opbouw.i18n import format_number

        files = self.cleaned_data["files"]
        for upload in files:
            if upload.size > LIMITS.file_bytes:
                raise forms.ValidationError(
                    _("%(file)s is too large (%(size)s MB); the limit is %(limit)s MB per "
                      "file."), params={"file": upload.name,
                                        "size": format_number(upload.size / MIB, None, 1),
                                        "limit": format_number(LIMITS.file_bytes / MIB, None, 0)})
        return files

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        target, org = data.get("dataset"), data.get("organisation")
        if target is None and not data.get("name", "").strip():
            self.add_error("name", _("Give the new dataset a name, or choose an existing "
                                     "dataset to add to."))
        if target is not None and org is not None and target.organisation_id != org.pk:
            self.add_error("dataset", _("This dataset belongs to another organisation."))
        return data


class IndicatorDefinitionForm(forms.ModelForm):
    """An organisation's definition of an indicator: what imports and analyses use."""

    class Meta:
        from opbouw.web.areas.models import IndicatorDefinition

        model = IndicatorDefinition
        fields = ["organisation", "key", "label_nl", "label_en", "unit", "direction",
                  "family", "source", "year"]

    def __init__(self, user: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        orgs = organisations(user, "define")
        self.fields["organisation"].queryset = orgs
        preselect_only_choice(self.fields["organisation"])
        if orgs.count() == 1:
            self.fields["organisation"].initial = orgs.first()

    def clean_year(self) -> Any:
        year = self.cleaned_data.get("year")
        if year is not None and not 1900 <= year <= 2100:
            raise forms.ValidationError(_("A year between 1900 and 2100."))
        return year

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        org, key = data.get("organisation"), data.get("key")
        from opbouw.web.areas.models import IndicatorDefinition

        if org and key and IndicatorDefinition.objects.filter(organisation=org, key=key) \
                .exclude(pk=self.instance.pk).exists():
            self.add_error("key", _("This organisation already defines this indicator."))
        return data
