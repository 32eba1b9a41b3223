"""A study: one run of a library analysis (hot spots, hidden places, uncertainty, ...) on
one version of a dataset with one set of options, and its stored result.

``key`` identifies the input (dataset, its version, the kind and the options): a study
asked again for an unchanged dataset and configuration reuses the stored result.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Organisation
from opbouw.web.areas.models import Dataset
from opbouw.web.jobs.models import Job


def study_key(dataset: Dataset, kind: str, options: dict[str, Any]) -> str:
    """The cache key: dataset, its version, the kind and the options (order-free)."""
    text = json.dumps({"dataset": dataset.pk, "version": dataset.version, "kind": kind,
                       "options": options}, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


class Study(models.Model):
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="studies", verbose_name=_("organisation"))
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="studies",
                                verbose_name=_("dataset"))
    kind = models.CharField(_("kind"), max_length=30)
    options = models.JSONField(default=dict)
    version = models.IntegerField(default=0)
    key = models.CharField(max_length=64, db_index=True)
    job = models.ForeignKey(Job, null=True, blank=True, on_delete=models.SET_NULL,
                            related_name="+")
    result = models.JSONField(default=dict, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("study")
        verbose_name_plural = _("studies")

    def __str__(self) -> str:
        return f"{self.kind} ({self.dataset_id})"

    @property
    def done(self) -> bool:
        return bool(self.result)
