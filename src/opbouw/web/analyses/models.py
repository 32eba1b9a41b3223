"""A saved analysis configuration: which indicators, which method, which thresholds."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.analysis.methods import METHODS
from opbouw.web.accounts.models import Organisation
from opbouw.web.areas.models import Dataset


class Analysis(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="analyses", verbose_name=_("organisation"))
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="analyses",
                                verbose_name=_("dataset"))
    name = models.CharField(_("name"), max_length=200)
    method = models.CharField(_("method"), max_length=20,
                              choices=[(k, m.label_en) for k, m in METHODS.items()],
                              default="atlas")
    config = models.JSONField(default=dict)
    shared_with = models.ManyToManyField(Organisation, blank=True, related_name="shared_analyses",
                                         verbose_name=_("shared with"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("analysis")
        verbose_name_plural = _("analyses")

    def __str__(self) -> str:
        return self.name
