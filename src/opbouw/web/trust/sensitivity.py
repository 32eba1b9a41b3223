"""Sensitivity levels that every model and record can carry.

Practice apps put ``sensitivity = sensitivity_field()`` on records that can hold more than
internal information; the registry gives each model its minimum level. Reads of records at
``PERSONAL`` or above are logged (:func:`opbouw.web.trust.audit.log_read`).
"""

from __future__ import annotations

from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _


class Sensitivity(models.IntegerChoices):
    PUBLIC = 0, _("public")
    INTERNAL = 1, _("internal")
    PERSONAL = 2, _("personal data")
    SPECIAL = 3, _("special category of personal data")


#: reads at this level or above are written to the audit log
LOG_READS_FROM = Sensitivity.PERSONAL


def sensitivity_field(default: int = Sensitivity.INTERNAL, **kwargs: Any) -> models.Field:
    """A per-record sensitivity column (a small integer with the choices above)."""
    kwargs.setdefault("verbose_name", _("sensitivity"))
    return models.PositiveSmallIntegerField(choices=Sensitivity.choices, default=default,
                                            **kwargs)


def level_of(obj: Any) -> int:
    """The effective level of ``obj``: the higher of its model's and its own."""
    from opbouw.web.trust.registry import entry_for

    entry = entry_for(obj._meta.model)  # not type(): request.user is a lazy proxy
    own = getattr(obj, "sensitivity", None)
    base = entry.sensitive if entry else Sensitivity.INTERNAL
    if entry is not None and entry.record_level is not None:
        base = max(int(base), int(entry.record_level(obj)))
    return max(int(base), int(own) if isinstance(own, int) else 0)
