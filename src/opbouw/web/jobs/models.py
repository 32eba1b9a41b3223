"""Background jobs as the user sees them: what runs, how far it is, how it ended.

django-tasks runs the work (database backend); a :class:`Job` row is what pages show and
poll. ``key`` identifies the input (dataset version and configuration), so an unchanged
request reuses the finished job instead of computing again.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Organisation


class Job(models.Model):
    class Status(models.TextChoices):
        QUEUED = "queued", _("waiting")
        RUNNING = "running", _("running")
        DONE = "done", _("done")
        FAILED = "failed", _("failed")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    kind = models.CharField(_("kind"), max_length=40)
    title = models.CharField(_("title"), max_length=200)
    key = models.CharField(max_length=64, blank=True, db_index=True)
    params = models.JSONField(default=dict, blank=True)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices,
                              default=Status.QUEUED)
    progress = models.FloatField(default=0.0)
    step = models.CharField(max_length=200, blank=True)
    result = models.JSONField(default=dict, blank=True)
    error = models.TextField(blank=True)
    result_url = models.CharField(max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("background job")
        verbose_name_plural = _("background jobs")

    def __str__(self) -> str:
        return f"{self.title} ({self.get_status_display()})"

    @property
    def finished(self) -> bool:
        return self.status in (self.Status.DONE, self.Status.FAILED)

    def report(self, progress: float, step: str = "") -> None:
        """Record progress (0..1) from inside the task, without touching other fields."""
        Job.objects.filter(pk=self.pk).update(status=self.Status.RUNNING,
                                              progress=max(0.0, min(1.0, progress)), step=step)

    def finish(self, result: dict[str, Any] | None = None, url: str = "") -> None:
        Job.objects.filter(pk=self.pk).update(status=self.Status.DONE, progress=1.0,
                                              result=result or {}, result_url=url, step="",
                                              finished_at=timezone.now())

    def fail(self, message: str) -> None:
        Job.objects.filter(pk=self.pk).update(status=self.Status.FAILED, error=message,
                                              finished_at=timezone.now())
