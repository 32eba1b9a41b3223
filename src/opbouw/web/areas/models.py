"""Datasets of areas and indicator values, and the history of imports."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Organisation


class Dataset(models.Model):
    """Areas with indicator values, owned by one organisation, optionally shared."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="datasets", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    shared_with = models.ManyToManyField(Organisation, blank=True, related_name="shared_datasets",
                                         verbose_name=_("shared with"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    version = models.PositiveIntegerField(default=1, editable=False)

    class Meta:
        ordering = ["organisation__name", "name"]
        verbose_name = _("dataset")
        verbose_name_plural = _("datasets")

    def __str__(self) -> str:
        return self.name


class Area(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="areas")
    code = models.CharField(_("code"), max_length=40)
    name = models.CharField(_("name"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=40, blank=True)
    parent_code = models.CharField(_("parent"), max_length=40, blank=True)
    population = models.FloatField(_("population"), null=True, blank=True)
    geometry = models.TextField(blank=True, help_text="GeoJSON geometry in WGS84")

    class Meta:
        unique_together = [("dataset", "code")]
        indexes = [models.Index(fields=["dataset", "level"])]
        ordering = ["code"]

    def __str__(self) -> str:
        return f"{self.name or self.code} ({self.code})"


class IndicatorValue(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="values")
    area_code = models.CharField(max_length=40)
    indicator = models.CharField(max_length=80)
    year = models.IntegerField(null=True, blank=True)
    value = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["dataset", "indicator", "year"]),
                   models.Index(fields=["dataset", "area_code"])]


class ImportRecord(models.Model):
    """Who imported which files when, how many rows, and whether it was accepted."""

    class Status(models.TextChoices):
        IMPORTED = "imported", _("imported")
        REJECTED = "rejected", _("rejected")

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="imports")
    dataset = models.ForeignKey(Dataset, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="imports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    files = models.JSONField(default=list)
    rows = models.PositiveIntegerField(default=0)
    areas = models.PositiveIntegerField(default=0)
    values = models.PositiveIntegerField(default=0)
    errors = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=10, choices=Status.choices)

    class Meta:
        ordering = ["-created_at"]
