"""Multi-year plans: strategic and operational goals, strategic actions and the overview
matrix, projects in areas, yearly plans with progress, and performance measures."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Organisation
from opbouw.web.areas.models import Area, Dataset


class Plan(models.Model):
    """A multi-year plan of one organisation (a sector plan is shared with the others)."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="plans", verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200)
    start_year = models.PositiveIntegerField(_("first year"), validators=[
        MinValueValidator(1990), MaxValueValidator(2100)])
    end_year = models.PositiveIntegerField(_("last year"), validators=[
        MinValueValidator(1990), MaxValueValidator(2100)])
    description = models.TextField(_("description"), blank=True)
    source = models.TextField(_("source"), blank=True)
    shared_with = models.ManyToManyField(Organisation, blank=True, related_name="shared_plans",
                                         verbose_name=_("shared with"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-start_year", "name"]
        verbose_name = _("multi-year plan")
        verbose_name_plural = _("multi-year plans")

    def __str__(self) -> str:
        return self.name


class Kind(models.TextChoices):
    EXTERNAL = "external", _("external")
    INTERNAL = "internal", _("internal")


class StrategicGoal(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="goals")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.EXTERNAL)
    statement = models.TextField(_("goal"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["order", "code"]
        unique_together = [("plan", "code")]
        verbose_name = _("strategic goal")
        verbose_name_plural = _("strategic goals")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class OperationalGoal(models.Model):
    goal = models.ForeignKey(StrategicGoal, on_delete=models.CASCADE, related_name="operational",
                             verbose_name=_("strategic goal"))
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=100, blank=True)
    statement = models.TextField(_("goal"), blank=True)
    explanation = models.TextField(_("explanation"), blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["goal__order", "order", "code"]
        verbose_name = _("operational goal")
        verbose_name_plural = _("operational goals")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class StrategicAction(models.Model):
    class Scope(models.TextChoices):
        SECTOR = "sector", _("sector")
        INSTITUTE = "institute", _("institute")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="actions")
    code = models.CharField(_("code"), max_length=20)
    title = models.CharField(_("title"), max_length=300)
    scope = models.CharField(_("level"), max_length=10, choices=Scope.choices, blank=True)
    internal = models.BooleanField(_("internal"), default=False)
    matrix_label = models.CharField(_("label in the overview matrix"), max_length=300,
                                    blank=True)
    context = models.TextField(_("social context"), blank=True)
    description = models.TextField(_("short description"), blank=True)
    partners = models.TextField(_("partners"), blank=True)
    timing = models.CharField(_("timing"), max_length=200, blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    order = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["internal", "order", "code"]
        unique_together = [("plan", "code")]
        verbose_name = _("strategic action")
        verbose_name_plural = _("strategic actions")

    def __str__(self) -> str:
        return f"{self.code} {self.title}"


class Strength(models.TextChoices):
    SURELY = "surely", _("surely")
    POSSIBLY = "possibly", _("possibly")


class Contribution(models.Model):
    """One mark of the overview matrix: the action surely or possibly serves the OD."""

    class Source(models.TextChoices):
        DESCRIPTION = "beschrijving", _("from the action's description")
        DOCUMENT = "document", _("from the plan's structure")
        USER = "gebruiker", _("set by a user")

    action = models.ForeignKey(StrategicAction, on_delete=models.CASCADE,
                               related_name="contributions")
    od = models.ForeignKey(OperationalGoal, on_delete=models.CASCADE,
                           related_name="contributions")
    strength = models.CharField(_("contribution"), max_length=10, choices=Strength.choices)
    source = models.CharField(_("source"), max_length=15, choices=Source.choices,
                              default=Source.USER)
    quote = models.TextField(blank=True)

    class Meta:
        unique_together = [("action", "od")]
        verbose_name = _("contribution")
        verbose_name_plural = _("contributions")

    def __str__(self) -> str:
        return f"{self.action} → {self.od}"


class Track(models.TextChoices):
    """The three tracks of the integral approach (seed 000)."""

    RIGHTS = "rights", _("access to fundamental rights")
    COMMUNITY = "community", _("community building")
    SPACE = "space", _("making space public")


class Project(models.Model):
    """A planned, coherent set of activities aimed at solving a concrete social problem
    (seed 001): problem, target group, territory, objectives, limited in time."""

    class Status(models.TextChoices):
        PREPARATION = "preparation", _("in preparation")
        RUNNING = "running", _("running")
        FINISHED = "finished", _("finished")
        STOPPED = "stopped", _("stopped")

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="projects")
    key = models.SlugField(max_length=100, blank=True)
    name = models.CharField(_("name"), max_length=200)
    problem = models.TextField(_("social problem"), blank=True)
    target_group = models.TextField(_("target group"), blank=True)
    places = models.CharField(_("places"), max_length=300, blank=True)
    areas = models.ManyToManyField(Area, blank=True, related_name="projects",
                                   verbose_name=_("areas"))
    objectives = models.TextField(_("concrete objectives"), blank=True)
    involvement = models.TextField(_("how the target group is involved"), blank=True)
    start = models.DateField(_("start"), null=True, blank=True)
    end = models.DateField(_("end"), null=True, blank=True)
    actions = models.ManyToManyField(StrategicAction, blank=True, related_name="projects",
                                     verbose_name=_("strategic actions"))
    tracks = models.JSONField(_("tracks"), default=list, blank=True)
    partners = models.TextField(_("partners"), blank=True)
    fte = models.DecimalField(_("staff (FTE)"), max_digits=6, decimal_places=2, default=0,
                              validators=[MinValueValidator(0), MaxValueValidator(1000)])
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.RUNNING)
    workers = models.ManyToManyField(settings.AUTH_USER_MODEL, blank=True,
                                     related_name="planning_projects",
                                     verbose_name=_("community workers"))
    document_text = models.TextField(_("as in the plan"), blank=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        ordering = ["name"]
        verbose_name = _("project")
        verbose_name_plural = _("projects")

    def __str__(self) -> str:
        return self.name


class YearPlan(models.Model):
    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="years")
    year = models.PositiveIntegerField(_("year"))
    notes = models.TextField(_("notes"), blank=True)

    class Meta:
        ordering = ["year"]
        unique_together = [("plan", "year")]
        verbose_name = _("yearly plan")
        verbose_name_plural = _("yearly plans")

    def __str__(self) -> str:
        return f"{self.plan} {self.year}"


class Objective(models.Model):
    """An objective of a yearly plan, usually of one project, with its progress."""

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        ON_TRACK = "on_track", _("on track")
        DELAYED = "delayed", _("delayed")
        ACHIEVED = "achieved", _("achieved")
        DROPPED = "dropped", _("dropped")

    year_plan = models.ForeignKey(YearPlan, on_delete=models.CASCADE, related_name="objectives")
    project = models.ForeignKey(Project, null=True, blank=True, on_delete=models.CASCADE,
                                related_name="year_objectives", verbose_name=_("project"))
    title = models.CharField(_("objective"), max_length=300)
    activities = models.TextField(_("activities"), blank=True)
    status = models.CharField(_("status"), max_length=15, choices=Status.choices,
                              default=Status.NOT_STARTED)
    percentage = models.PositiveSmallIntegerField(
        _("progress (%)"), default=0, validators=[MinValueValidator(0), MaxValueValidator(100)])

    class Meta:
        ordering = ["year_plan__year", "project__name", "pk"]
        verbose_name = _("objective")
        verbose_name_plural = _("objectives")

    def __str__(self) -> str:
        return self.title


class TimelineEntry(models.Model):
    class Kind(models.TextChoices):
        HAPPENED = "happened", _("what happened")
        DECIDED = "decided", _("what was decided")

    objective = models.ForeignKey(Objective, on_delete=models.CASCADE, related_name="timeline")
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices,
                            default=Kind.HAPPENED)
    text = models.TextField(_("text"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL)

    class Meta:
        ordering = ["-date", "-pk"]
        verbose_name = _("timeline entry")
        verbose_name_plural = _("timeline entries")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.date:%d-%m-%Y})"


class Measure(models.Model):
    """A performance measure of a project, in one of three kinds (results-based
    accountability): how much did we do, how well did we do it, is anyone better off."""

    class Kind(models.TextChoices):
        HOW_MUCH = "how_much", _("how much did we do")
        HOW_WELL = "how_well", _("how well did we do it")
        BETTER_OFF = "better_off", _("is anyone better off")

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="measures")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    name = models.CharField(_("measure"), max_length=300)
    unit = models.CharField(_("unit"), max_length=50, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("measure")
        verbose_name_plural = _("measures")

    def __str__(self) -> str:
        return self.name


class MeasureValue(models.Model):
    measure = models.ForeignKey(Measure, on_delete=models.CASCADE, related_name="values")
    period = models.CharField(_("period"), max_length=20)
    value = models.FloatField(_("value"), null=True, blank=True)
    narrative = models.TextField(_("narrative"), blank=True)

    class Meta:
        ordering = ["period"]
        unique_together = [("measure", "period")]
        verbose_name = _("measure value")
        verbose_name_plural = _("measure values")

    def __str__(self) -> str:
        return f"{self.measure}: {self.period}"


class PopulationIndicator(models.Model):
    """A population indicator of the area analysis followed for an OD (optionally one
    area): its value comes from the dataset, baseline and target are the plan's."""

    od = models.ForeignKey(OperationalGoal, on_delete=models.CASCADE,
                           related_name="indicators", verbose_name=_("operational goal"))
    dataset = models.ForeignKey(Dataset, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("dataset"))
    indicator = models.CharField(_("indicator"), max_length=80)
    area_code = models.CharField(_("area code"), max_length=40, blank=True)
    baseline = models.FloatField(_("baseline"), null=True, blank=True)
    target = models.FloatField(_("target"), null=True, blank=True)

    class Meta:
        verbose_name = _("population indicator")
        verbose_name_plural = _("population indicators")

    def __str__(self) -> str:
        return f"{self.indicator} {self.area_code}".strip()


class PlanChange(models.Model):
    """Who changed what in a plan, and when (the plan's audit trail)."""

    plan = models.ForeignKey(Plan, on_delete=models.CASCADE, related_name="changes")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL)
    at = models.DateTimeField(auto_now_add=True)
    what = models.CharField(max_length=300)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("plan change")
        verbose_name_plural = _("plan changes")

    def __str__(self) -> str:
        return self.what
