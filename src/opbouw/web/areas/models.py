"""Datasets of areas and indicator values, and the history of imports."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.data.codes import MAX_CODE_LENGTH
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
    code = models.CharField(_("code"), max_length=MAX_CODE_LENGTH)
    name = models.CharField(_("name"), max_length=200, blank=True)
    level = models.CharField(_("level"), max_length=40, blank=True)
    parent_code = models.CharField(_("parent"), max_length=MAX_CODE_LENGTH, blank=True)
    population = models.FloatField(_("population"), null=True, blank=True)
    geometry = models.TextField(blank=True, help_text="GeoJSON geometry in WGS84")

    class Meta:
        unique_together = [("dataset", "code")]
        indexes = [models.Index(fields=["dataset", "level"])]
        ordering = ["code"]
        verbose_name = _("area")
        verbose_name_plural = _("areas")

    def __str__(self) -> str:
        return f"{self.name or self.code} ({self.code})"


class IndicatorValue(models.Model):
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="values")
    area_code = models.CharField(max_length=MAX_CODE_LENGTH)
    indicator = models.CharField(max_length=80)
    year = models.IntegerField(null=True, blank=True)
    value = models.FloatField()

    class Meta:
        indexes = [models.Index(fields=["dataset", "indicator", "year"]),
                   models.Index(fields=["dataset", "area_code"])]
        verbose_name = _("indicator value")
        verbose_name_plural = _("indicator values")

    def __str__(self) -> str:
        year = f" {self.year}" if self.year is not None else ""
        return f"{self.indicator} {self.area_code}{year}"


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
        verbose_name = _("data import")
        verbose_name_plural = _("data imports")

    def __str__(self) -> str:
        return str(_("data import %(number)s") % {"number": self.pk})


class IndicatorDefinition(models.Model):
    """An organisation's own definition of an indicator (or its correction of a bundled
    one): what the label, unit and direction are, so imports and analyses need no CLI."""

    DIRECTIONS = [("higher_is_worse", _("higher is worse")),
                  ("lower_is_worse", _("lower is worse"))]
    UNITS = [("percent", _("percent")), ("count", _("count")), ("eur", _("euro")),
             ("per_km2", _("per km²")), ("per_1000", _("per 1,000")), ("index", _("index")),
             ("ratio", _("ratio")), ("other", _("other"))]
    FAMILIES = [("", "–"), ("physical_spatial", _("physical and spatial")),
                ("supply_functions", _("supply and functions")),
                ("demography_dynamics", _("demography and dynamics"))]

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="indicator_definitions",
                                     verbose_name=_("organisation"))
    key = models.SlugField(_("key"), max_length=80, allow_unicode=False, help_text=_(
        "The column name in your files, e.g. unemployment_pressure."))
    label_nl = models.CharField(_("label (Dutch)"), max_length=200)
    label_en = models.CharField(_("label (English)"), max_length=200, blank=True)
    unit = models.CharField(_("unit"), max_length=20, choices=UNITS, default="other")
    direction = models.CharField(_("direction"), max_length=20, choices=DIRECTIONS,
                                 default="higher_is_worse")
    family = models.CharField(_("family"), max_length=30, choices=FAMILIES, blank=True)
    source = models.CharField(_("source"), max_length=300, blank=True)
    year = models.PositiveSmallIntegerField(_("year"), null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("organisation", "key")]
        ordering = ["key"]
        verbose_name = _("indicator definition")
        verbose_name_plural = _("indicator definitions")

    def __str__(self) -> str:
        return f"{self.label_nl} ({self.key})"

    def as_indicator(self) -> Any:
        from opbouw.model.indicators import Direction, Family, Indicator

        return Indicator(key=self.key, label_nl=self.label_nl,
                         label_en=self.label_en or self.label_nl, unit=self.unit,
                         direction=Direction(self.direction),
                         family=Family(self.family) if self.family else None,
                         source=self.source, year=self.year)
