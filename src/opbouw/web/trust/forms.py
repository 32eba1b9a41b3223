"""Filters of the audit page and the forms of the privacy and two-factor pages."""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from opbouw.web.trust.models import AuditEntry
from opbouw.web.trust.registry import entries


class AuditFilter(forms.Form):
    organisation = forms.TypedChoiceField(label=_("organisation"), coerce=int, required=False)
    action = forms.ChoiceField(label=_("action"), required=False,
                               choices=[("", _("all"))] + [(str(k), v) for k, v in
                                                          AuditEntry.Action.choices])
    model = forms.ChoiceField(label=_("kind of record"), required=False)
    actor = forms.CharField(label=_("user"), required=False, max_length=150)
    text = forms.CharField(label=_("record contains"), required=False, max_length=200)
    start = forms.DateField(label=_("from"), required=False,
                            widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label=_("to"), required=False,
                          widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: Any, organisations: Any = (), **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["organisation"].choices = [(o.pk, o.name) for o in organisations]
        self.fields["model"].choices = [("", _("all"))] + [
            (e.model._meta.label_lower, e.model._meta.verbose_name) for e in entries()]


class TokenForm(forms.Form):
    token = forms.CharField(label=_("code from your authenticator app"), max_length=8,
                            widget=forms.TextInput(attrs={"autocomplete": "one-time-code",
                                                          "inputmode": "numeric"}))


class EraseForm(forms.Form):
    password = forms.CharField(label=_("your password, to confirm"),
                               widget=forms.PasswordInput)
