"""Forms for an organisation's administrator: add a member, change a role."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Role


class AddMemberForm(forms.Form):
    """An existing user by name, or a new one with a first password."""

    username = forms.CharField(label=_("User name"), max_length=150)
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices, initial=Role.WORKER)
    password = forms.CharField(label=_("First password (only for a new user)"),
                               required=False, widget=forms.PasswordInput,
                               help_text=_("Leave empty to add a user who already exists."))

    def __init__(self, organisation: Any, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.organisation = organisation

    def clean(self) -> dict[str, Any]:
        super().clean()
        data = self.cleaned_data  # what Form.clean returns, typed as a dict
        name = (data.get("username") or "").strip()
        if not name:
            return data
        User = get_user_model()
        user = User.objects.filter(username=name).first()
        if user is None:
            if not data.get("password"):
                self.add_error("password", _("There is no user with this name yet: give a "
                                             "first password to create one."))
            else:
                try:
                    password_validation.validate_password(data["password"],
                                                          User(username=name))
                except forms.ValidationError as exc:
                    self.add_error("password", exc)
        elif user.memberships.filter(organisation=self.organisation).exists():
            self.add_error("username", _("This user is already a member."))
        data["user"] = user
        return data


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=_("Role"), choices=Role.choices)
