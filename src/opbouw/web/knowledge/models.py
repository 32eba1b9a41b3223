"""Terrain knowledge and subjective meanings of an area, and what they lead to.

Seed 000 asks for three kinds of information (objective data, terrain knowledge,
subjective meanings) and a rich problem statement with priority work goals. Every record
belongs to one organisation and is shared with others only explicitly, like datasets and
analyses (``opbouw.web.accounts.access.visible``).
"""

from __future__ import annotations

import secrets
import tomllib
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.text import Truncator
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Organisation
from opbouw.web.areas.models import Area

QUESTIONS_FILE = Path(__file__).parent / "data" / "exploratory_questions.toml"

TRACKS = [
    ("rights", _("access to fundamental rights")),
    ("community", _("community building")),
    ("public_space", _("making space public")),
]
PERSPECTIVES = [
    ("mobility", _("social mobility")),
    ("attachment", _("attachment")),
    ("redistribution", _("spatial redistribution")),
]
# The 5 B's of accessibility (seed 000, "Toegankelijk aanbod").
FIVE_B = [
    ("reachable", _("reachable")),
    ("available", _("available")),
    ("understandable", _("understandable")),
    ("affordable", _("affordable")),
    ("usable", _("usable")),
]
SCORES = [(1, _("1 – very poor")), (2, _("2 – poor")), (3, _("3 – fair")),
          (4, _("4 – good")), (5, _("5 – very good"))]


def load_standard_questions(path: Path = QUESTIONS_FILE) -> list[dict[str, Any]]:
    """The shipped questions of seed 000 (Dutch original, English translation)."""
    with open(path, "rb") as handle:
        return list(tomllib.load(handle)["question"])


class Owned(models.Model):
    """An organisation's record about one area, readable by the organisations it is shared with."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="%(app_label)s_%(class)s_owned",
                                     verbose_name=_("organisation"))
    area = models.ForeignKey(Area, on_delete=models.CASCADE,
                             related_name="%(app_label)s_%(class)s_set", verbose_name=_("area"))
    shared_with = models.ManyToManyField(Organisation, blank=True,
                                         related_name="%(app_label)s_%(class)s_shared",
                                         verbose_name=_("shared with"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+",
                                   verbose_name=_("recorded by"))
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    kind_key = ""  # the evidence/URL key of the concrete model

    class Meta:
        abstract = True

    @property
    def evidence_key(self) -> str:
        return f"{self.kind_key}:{self.pk}"

    @property
    def when(self) -> Any:
        """The date the timeline places this record at."""
        return timezone.localdate(self.created_at)


class Source(models.TextChoices):
    WORKER = "worker", _("community worker")
    RESIDENT = "resident", _("resident")
    PARTNER = "partner", _("partner")
    DOCUMENT = "document", _("document or meeting report")


class Note(Owned):
    """Terrain knowledge: what professionals and residents know about the area."""

    class Kind(models.TextChoices):
        HISTORY = "history", _("history")
        DYNAMICS = "dynamics", _("current dynamics")
        SIGNAL = "signal", _("signal")
        CHANGE = "change", _("coming change")
        CONFLICT = "conflict", _("conflict and the needs behind it")
        INSTITUTIONS = "institutions", _("relations with institutions")
        IMAGE = "image", _("image of the area")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    text = models.TextField(_("what we know"))
    needs = models.TextField(_("needs behind it"), blank=True)
    observed_on = models.DateField(_("date"), default=timezone.localdate)
    source = models.CharField(_("source"), max_length=20, choices=Source.choices,
                              default=Source.WORKER)
    source_detail = models.CharField(_("source, in a few words"), max_length=200, blank=True,
                                     help_text=_("A role or group, never a name."))
    other_areas = models.ManyToManyField(Area, blank=True, related_name="+",
                                         verbose_name=_("also concerns"))

    kind_key = "note"

    class Meta:
        ordering = ["-observed_on", "-pk"]
        verbose_name = _("note")
        verbose_name_plural = _("notes")

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> Any:
        return self.observed_on


class Asset(Owned):
    """Strengths and opportunities: talents, initiatives, facilities, spaces, key figures."""

    class Kind(models.TextChoices):
        TALENT = "talent", _("residents' talent")
        INITIATIVE = "initiative", _("citizen initiative")
        FACILITY = "facility", _("facility or service")
        PUBLIC_SPACE = "public_space", _("available public space")
        INFRASTRUCTURE = "infrastructure", _("infrastructure")
        KEY_FIGURE = "key_figure", _("key figure")

    class Role(models.TextChoices):
        ADVOCATE = "advocate", _("advocate")
        BRIDGE = "bridge", _("bridge figure")
        KEY_PERSON = "key_person", _("key person")

    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("what or who"), max_length=200,
                            help_text=_("For a person: a role or description (\"the caretaker "
                                        "of block C\"), a name only with their consent."))
    role = models.CharField(_("role of the key figure"), max_length=20, choices=Role.choices,
                            blank=True)
    named_with_consent = models.BooleanField(
        _("this person agreed to be named"), default=False)
    description = models.TextField(_("description"), blank=True)
    geometry = models.JSONField(_("location"), null=True, blank=True)

    kind_key = "asset"

    class Meta:
        ordering = ["kind", "name"]
        verbose_name = _("strength")
        verbose_name_plural = _("strengths")

    def __str__(self) -> str:
        return self.name


class Place(Owned):
    """A place and what it means to residents: frequented or avoided, why, by whom, when."""

    class Experience(models.TextChoices):
        FREQUENTED = "frequented", _("frequented")
        AVOIDED = "avoided", _("avoided")
        MIXED = "mixed", _("both / it depends")

    class Via(models.TextChoices):
        VISIT = "visit", _("street or house visit")
        MEETING = "meeting", _("group meeting or walk")
        PUBLIC = "public", _("public form")

    geometry = models.JSONField(_("location"))
    blurred_m = models.PositiveIntegerField(
        _("blurred to (m)"), default=0,
        help_text=_("0 = exact; otherwise only the centre of a grid cell of this size is kept."))
    name = models.CharField(_("place"), max_length=200, blank=True)
    experience = models.CharField(_("frequented or avoided"), max_length=12,
                                  choices=Experience.choices)
    meaning = models.TextField(_("what this place means"))
    why = models.TextField(_("why"), blank=True)
    group = models.CharField(_("by whom (a group, not a person)"), max_length=200, blank=True)
    time = models.CharField(_("when (time of day, season)"), max_length=200, blank=True)
    via = models.CharField(_("recorded via"), max_length=12, choices=Via.choices,
                           default=Via.VISIT)
    observed_on = models.DateField(_("date"), default=timezone.localdate)
    reviewed = models.BooleanField(_("reviewed by a worker"), default=True)

    kind_key = "place"

    class Meta:
        ordering = ["-observed_on", "-pk"]
        verbose_name = _("place")
        verbose_name_plural = _("places")

    def __str__(self) -> str:
        return self.name or self.meaning[:60]

    @property
    def when(self) -> Any:
        return self.observed_on


class Question(models.Model):
    """An exploratory question; organisation empty = the standard set of seed 000."""

    organisation = models.ForeignKey(Organisation, null=True, blank=True,
                                     on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"),
                                     help_text=_("Empty: the standard questions. An "
                                                 "organisation's own questions replace them "
                                                 "for its areas."))
    number = models.PositiveSmallIntegerField(_("number"))
    text_nl = models.TextField(_("question (Dutch)"))
    text_en = models.TextField(_("question (English)"))
    suggests = models.JSONField(default=list, blank=True)
    active = models.BooleanField(_("active"), default=True)

    class Meta:
        ordering = ["organisation_id", "number"]
        unique_together = [("organisation", "number")]
        verbose_name = _("exploratory question")
        verbose_name_plural = _("exploratory questions")

    def __str__(self) -> str:
        return f"{self.number}. {self.text_nl}"

    def text(self, lang: str) -> str:
        return self.text_en if lang == "en" else self.text_nl

    @classmethod
    def for_organisation(cls, organisation: Organisation) -> models.QuerySet[Question]:
        own = cls.objects.filter(organisation=organisation, active=True)
        if own.exists():
            return own
        cls.ensure_standard()
        return cls.objects.filter(organisation=None, active=True)

    @classmethod
    def ensure_standard(cls) -> None:
        """The shipped set, loaded by a migration; restored if the table was emptied."""
        if cls.objects.filter(organisation=None).exists():
            return
        for q in load_standard_questions():
            cls.objects.get_or_create(organisation=None, number=q["number"], defaults={
                "text_nl": q["nl"], "text_en": q["en"], "suggests": q.get("suggests", [])})


class Answer(Owned):
    """An organisation's current answer to one exploratory question for one area."""

    question = models.ForeignKey(Question, on_delete=models.PROTECT, related_name="answers",
                                 verbose_name=_("question"))
    text = models.TextField(_("answer"))
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                    on_delete=models.SET_NULL, related_name="+",
                                    verbose_name=_("answered by"))

    kind_key = "answer"

    class Meta:
        ordering = ["question__number"]
        unique_together = [("organisation", "area", "question")]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")

    def __str__(self) -> str:
        return f"{self.question.number}. {self.text[:60]}"

    @property
    def when(self) -> Any:
        return timezone.localdate(self.updated_at)


class ProblemStatement(Owned):
    """The rich problem statement of an area; every save is a new, readable version."""

    title = models.CharField(_("title"), max_length=200)

    kind_key = "statement"

    class Meta:
        ordering = ["-updated_at"]
        verbose_name = _("problem statement")
        verbose_name_plural = _("problem statements")

    def __str__(self) -> str:
        return self.title

    @property
    def current(self) -> StatementVersion | None:
        return self.versions.order_by("-number").first()


class StatementVersion(models.Model):
    statement = models.ForeignKey(ProblemStatement, on_delete=models.CASCADE,
                                  related_name="versions")
    number = models.PositiveIntegerField()
    summary = models.TextField(_("summary"), blank=True)
    change_note = models.CharField(_("what changed"), max_length=300, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["-number"]
        unique_together = [("statement", "number")]
        verbose_name = _("problem statement version")
        verbose_name_plural = _("problem statement versions")

    def __str__(self) -> str:
        return f"{self.statement} v{self.number}"


class StatementItem(models.Model):
    """One statement: a need, a bottleneck or an opportunity, with its evidence."""

    class Section(models.TextChoices):
        NEED = "need", _("need")
        BOTTLENECK = "bottleneck", _("bottleneck")
        OPPORTUNITY = "opportunity", _("opportunity")

    version = models.ForeignKey(StatementVersion, on_delete=models.CASCADE,
                                related_name="items")
    section = models.CharField(_("section"), max_length=12, choices=Section.choices)
    text = models.TextField(_("statement"))
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("problem statement item")
        verbose_name_plural = _("problem statement items")

    def __str__(self) -> str:
        return f"{self.get_section_display()}: {Truncator(self.text).chars(60)}"


class WorkGoal(models.Model):
    """A priority work goal, tagged with the three tracks and three perspectives."""

    version = models.ForeignKey(StatementVersion, on_delete=models.CASCADE,
                                related_name="goals")
    text = models.TextField(_("work goal"))
    tracks = models.JSONField(_("tracks"), default=list, blank=True)
    perspectives = models.JSONField(_("perspectives"), default=list, blank=True)
    evidence = models.JSONField(_("evidence"), default=list, blank=True)
    position = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("work goal")
        verbose_name_plural = _("work goals")

    def __str__(self) -> str:
        return Truncator(self.text).chars(60)

    def track_labels(self) -> list[str]:
        names = dict(TRACKS)
        return [str(names[t]) for t in self.tracks if t in names]

    def perspective_labels(self) -> list[str]:
        names = dict(PERSPECTIVES)
        return [str(names[p]) for p in self.perspectives if p in names]


class AccessAudit(Owned):
    """A 5B audit of the services and facilities of an area on one date."""

    title = models.CharField(_("title"), max_length=200)
    audited_on = models.DateField(_("date"), default=timezone.localdate)
    remarks = models.TextField(_("remarks"), blank=True)

    kind_key = "audit"

    class Meta:
        ordering = ["-audited_on", "-pk"]
        verbose_name = _("5B audit")
        verbose_name_plural = _("5B audits")

    def __str__(self) -> str:
        return self.title

    @property
    def when(self) -> Any:
        return self.audited_on


class ServiceScore(models.Model):
    """One service's scores (1-5) and remarks on the five B's."""

    audit = models.ForeignKey(AccessAudit, on_delete=models.CASCADE, related_name="services")
    service = models.CharField(_("service or facility"), max_length=200)
    asset = models.ForeignKey(Asset, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+", verbose_name=_("facility on the map"))
    reachable = models.PositiveSmallIntegerField(_("reachable"), choices=SCORES, null=True,
                                                 blank=True)
    reachable_note = models.CharField(_("remark"), max_length=300, blank=True)
    available = models.PositiveSmallIntegerField(_("available"), choices=SCORES, null=True,
                                                 blank=True)
    available_note = models.CharField(_("remark"), max_length=300, blank=True)
    understandable = models.PositiveSmallIntegerField(_("understandable"), choices=SCORES,
                                                      null=True, blank=True)
    understandable_note = models.CharField(_("remark"), max_length=300, blank=True)
    affordable = models.PositiveSmallIntegerField(_("affordable"), choices=SCORES, null=True,
                                                  blank=True)
    affordable_note = models.CharField(_("remark"), max_length=300, blank=True)
    usable = models.PositiveSmallIntegerField(_("usable"), choices=SCORES, null=True,
                                              blank=True)
    usable_note = models.CharField(_("remark"), max_length=300, blank=True)

    class Meta:
        ordering = ["pk"]
        verbose_name = _("service score")
        verbose_name_plural = _("service scores")

    def __str__(self) -> str:
        return self.service

    def scores(self) -> dict[str, int | None]:
        return {b: getattr(self, b) for b, _label in FIVE_B}


class PublicForm(models.Model):
    """The public contribution form of one area: off until a coordinator opens it."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))
    area = models.ForeignKey(Area, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("area"))
    token = models.CharField(max_length=32, unique=True, editable=False)
    enabled = models.BooleanField(_("open for contributions"), default=False)
    precision_m = models.PositiveIntegerField(
        _("blur locations to (m)"), default=100,
        help_text=_("Only the centre of a square of this size is stored (0 = exact)."))
    intro = models.TextField(_("introduction"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        unique_together = [("organisation", "area")]
        verbose_name = _("public form")
        verbose_name_plural = _("public forms")

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self.token:
            self.token = secrets.token_urlsafe(18)[:24]
        super().save(*args, **kwargs)

    def __str__(self) -> str:
        return f"{self.area} ({self.organisation})"


KINDS: dict[str, type[Owned]] = {
    "note": Note, "asset": Asset, "place": Place, "answer": Answer,
    "statement": ProblemStatement, "audit": AccessAudit,
}
