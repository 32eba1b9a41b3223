"""Forms of terrain knowledge: every free-text field is checked for contact details."""

from __future__ import annotations

import json
import re
from typing import Any

from django import forms
from django.forms import formset_factory, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from opbouw.analysis.places import blur_point
from opbouw.web.accounts.privacy import ContactDetailsCheck
from opbouw.web.areas.models import Area
from opbouw.web.knowledge.models import (
    FIVE_B,
    PERSPECTIVES,
    TRACKS,
    AccessAudit,
    Answer,
    Asset,
    Note,
    Place,
    PublicForm,
    ServiceScore,
    StatementItem,
)

MAX_VERTICES = 500
BLUR_CHOICES = [(0, _("exact")), (50, "50 m"), (100, "100 m"), (250, "250 m"), (500, "500 m")]
LATLON = re.compile(r"^\s*(-?\d+(?:[.,]\d+)?)\s*[;,\s]\s*(-?\d+(?:[.,]\d+)?)\s*$")


def parse_geometry(text: str) -> dict[str, Any]:
    """A GeoJSON Point, LineString or Polygon in WGS84, or "lat, lon" typed by hand."""
    text = (text or "").strip()
    m = LATLON.match(text.replace(", ", "; ") if text.count(",") > 1 else text)
    if m:
        lat, lon = (float(g.replace(",", ".")) for g in m.groups())
        geom: Any = {"type": "Point", "coordinates": [lon, lat]}
    else:
        try:
            geom = json.loads(text)
        except ValueError:
            raise forms.ValidationError(_("Click on the map, or type a position as "
                                          "\"latitude, longitude\".")) from None
    if not isinstance(geom, dict) or geom.get("type") not in ("Point", "LineString", "Polygon"):
        raise forms.ValidationError(_("A point, a line or a shape is expected."))
    coords = geom.get("coordinates")
    points: Any
    if geom["type"] == "Point":
        points = [coords]
    elif geom["type"] == "LineString":
        points = coords
    else:
        points = coords[0] if isinstance(coords, list) and coords else None
    try:
        points = [(float(p[0]), float(p[1])) for p in (points or [])]
    except (TypeError, ValueError, IndexError):
        raise forms.ValidationError(_("The coordinates cannot be read.")) from None
    if not points or len(points) > MAX_VERTICES:
        raise forms.ValidationError(_("A shape has between 1 and %(n)d points.")
                                    % {"n": MAX_VERTICES})
    if any(not (-180 <= x <= 180 and -90 <= y <= 90) for x, y in points):
        raise forms.ValidationError(_("Coordinates out of range (longitude -180..180, "
                                      "latitude -90..90)."))
    if geom["type"] == "Polygon" and (len(points) < 4 or points[0] != points[-1]):
        raise forms.ValidationError(_("A shape needs at least three corners."))
    out = [list(p) for p in points]
    if geom["type"] == "Point":
        return {"type": "Point", "coordinates": out[0]}
    if geom["type"] == "LineString":
        return {"type": "LineString", "coordinates": out}
    return {"type": "Polygon", "coordinates": [out]}


def blur_geometry(geom: dict[str, Any], precision_m: int) -> dict[str, Any]:
    """Blur a location: a point snaps to its grid cell; a shape becomes the cell of its
    centroid, so no exact outline of a contribution is kept."""
    if precision_m <= 0:
        return geom
    from shapely.geometry import shape

    c = shape(geom).centroid
    lon, lat = blur_point(c.x, c.y, precision_m)
    return {"type": "Point", "coordinates": [lon, lat]}


class GeometryField(forms.CharField):
    widget = forms.TextInput

    def to_python(self, value: Any) -> Any:
        value = super().to_python(value)
        if value in self.empty_values:
            return None
        return parse_geometry(value)

    def prepare_value(self, value: Any) -> Any:
        return json.dumps(value) if isinstance(value, dict) else value


class EvidenceField(forms.MultipleChoiceField):
    widget = forms.CheckboxSelectMultiple

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        kwargs.setdefault("label", _("Evidence"))
        super().__init__(**kwargs)


class NoteForm(ContactDetailsCheck, forms.ModelForm):
    privacy_fields = ("title", "text", "needs", "source_detail")

    class Meta:
        model = Note
        fields = ["kind", "title", "observed_on", "text", "needs", "source", "source_detail",
                  "other_areas"]
        widgets = {"observed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "text": forms.Textarea(attrs={"rows": 5}),
                   "needs": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, area: Area, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        others = Area.objects.filter(dataset=area.dataset).exclude(pk=area.pk)
        self.fields["other_areas"].queryset = others.order_by("name")
        self.fields["other_areas"].widget.attrs["size"] = 6
        self.fields["other_areas"].required = False


class AssetForm(ContactDetailsCheck, forms.ModelForm):
    privacy_fields = ("name", "description")
    geometry = GeometryField(label=_("Location"), required=False)

    class Meta:
        model = Asset
        fields = ["kind", "name", "role", "named_with_consent", "description", "geometry"]
        widgets = {"description": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args: Any, area: Area | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        if data.get("kind") == Asset.Kind.KEY_FIGURE and not data.get("role"):
            self.add_error("role", _("Say which role this key figure has."))
        if data.get("kind") != Asset.Kind.KEY_FIGURE:
            data["role"] = ""
        return data


class PlaceForm(ContactDetailsCheck, forms.ModelForm):
    privacy_fields = ("name", "meaning", "why", "group", "time")
    geometry = GeometryField(label=_("Location"))
    blur = forms.TypedChoiceField(label=_("Blur the location to"), choices=BLUR_CHOICES,
                                  coerce=int, initial=0, required=False,
                                  empty_value=0)  # type: ignore[arg-type]  # an int, not text

    class Meta:
        model = Place
        fields = ["geometry", "name", "experience", "meaning", "why", "group", "time", "via",
                  "observed_on"]
        widgets = {"observed_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "meaning": forms.Textarea(attrs={"rows": 3}),
                   "why": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args: Any, area: Area | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["via"].choices = [c for c in Place.Via.choices if c[0] != Place.Via.PUBLIC]
        if self.instance.pk and self.instance.via == Place.Via.PUBLIC:
            del self.fields["via"]
            self.fields["blur"].initial = self.instance.blurred_m

    def save(self, commit: bool = True) -> Place:
        place = super().save(commit=False)
        blur = int(self.cleaned_data.get("blur") or 0)
        if place.via == Place.Via.PUBLIC:
            blur = max(blur, place.blurred_m)  # a contribution never gets more exact
        place.geometry = blur_geometry(place.geometry, blur)
        place.blurred_m = blur
        if commit:
            place.save()
        return place


class PublicContributionForm(ContactDetailsCheck, forms.Form):
    """What a resident can tell without an account: no name, no contact details."""

    privacy_fields = ("name", "meaning", "why", "group", "time")
    geometry = GeometryField(label=_("Where? Click on the map"))
    name = forms.CharField(label=_("Which place (optional)"), max_length=200, required=False)
    experience = forms.ChoiceField(label=_("Do you go there, or do you avoid it?"),
                                   choices=Place.Experience.choices, widget=forms.RadioSelect)
    meaning = forms.CharField(label=_("What does this place mean to you?"), max_length=2000,
                              widget=forms.Textarea(attrs={"rows": 3}))
    why = forms.CharField(label=_("Why?"), max_length=2000, required=False,
                          widget=forms.Textarea(attrs={"rows": 2}))
    group = forms.CharField(label=_("Who goes there or avoids it? (a group, e.g. young people, "
                                    "parents)"), max_length=200, required=False)
    time = forms.CharField(label=_("When? (e.g. in the evening, in winter)"), max_length=200,
                           required=False)
    consent = forms.BooleanField(label=_("I agree that the community workers use what I "
                                         "wrote here, without my name, for their work in "
                                         "this neighbourhood."))
    website = forms.CharField(required=False, label=_("Leave this field empty"))

    def clean_website(self) -> str:
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("This field must stay empty."))
        return ""


class PublicFormSettings(forms.ModelForm):
    class Meta:
        model = PublicForm
        fields = ["enabled", "precision_m", "intro"]
        widgets = {"intro": forms.Textarea(attrs={"rows": 3})}

    def clean_precision_m(self) -> int:
        value = self.cleaned_data["precision_m"]
        if value > 5000:
            raise forms.ValidationError(_("At most 5000 m."))
        return value


class AnswerForm(ContactDetailsCheck, forms.ModelForm):
    privacy_fields = ("text",)
    evidence = EvidenceField()

    class Meta:
        model = Answer
        fields = ["text", "evidence"]
        widgets = {"text": forms.Textarea(attrs={"rows": 6})}

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = choices


class StatementForm(ContactDetailsCheck, forms.Form):
    privacy_fields = ("title", "summary")
    title = forms.CharField(label=_("Title"), max_length=200)
    summary = forms.CharField(label=_("Summary"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    change_note = forms.CharField(label=_("What changed in this version"), max_length=300,
                                  required=False)


class ItemForm(ContactDetailsCheck, forms.Form):
    privacy_fields = ("text",)
    # an empty first choice, so that the extra rows of the formset stay "unchanged"
    section = forms.ChoiceField(label=_("Section"),
                                choices=[("", "---------"), *StatementItem.Section.choices])
    text = forms.CharField(label=_("Statement"), widget=forms.Textarea(attrs={"rows": 2}))
    evidence = EvidenceField()

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = choices


class GoalForm(ContactDetailsCheck, forms.Form):
    privacy_fields = ("text",)
    text = forms.CharField(label=_("Work goal"), widget=forms.Textarea(attrs={"rows": 2}))
    tracks = forms.MultipleChoiceField(label=_("Tracks"), choices=TRACKS, required=False,
                                       widget=forms.CheckboxSelectMultiple)
    perspectives = forms.MultipleChoiceField(label=_("Perspectives"), choices=PERSPECTIVES,
                                             required=False,
                                             widget=forms.CheckboxSelectMultiple)
    evidence = EvidenceField()

    def __init__(self, *args: Any, choices: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["evidence"].choices = choices


ItemFormSet = formset_factory(ItemForm, extra=2, max_num=60, validate_max=True)
GoalFormSet = formset_factory(GoalForm, extra=2, max_num=30, validate_max=True)


class AuditForm(ContactDetailsCheck, forms.ModelForm):
    privacy_fields = ("title", "remarks")

    class Meta:
        model = AccessAudit
        fields = ["title", "audited_on", "remarks"]
        widgets = {"audited_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
                   "remarks": forms.Textarea(attrs={"rows": 2})}


class ServiceForm(ContactDetailsCheck, forms.ModelForm):
    privacy_fields = ("service",) + tuple(f"{b}_note" for b, _label in FIVE_B)

    class Meta:
        model = ServiceScore
        fields = ["service", "asset"] + [f for b, _label in FIVE_B for f in (b, f"{b}_note")]

    def __init__(self, *args: Any, assets: Any = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["asset"].queryset = assets if assets is not None else Asset.objects.none()
        self.fields["asset"].required = False
        for b, _label in FIVE_B:
            self.fields[f"{b}_note"].widget.attrs["placeholder"] = _("remark")


ServiceFormSet = inlineformset_factory(AccessAudit, ServiceScore, form=ServiceForm, extra=3,
                                       max_num=60, validate_max=True, can_delete=True)
