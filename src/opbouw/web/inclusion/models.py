"""Self-assessment rounds of the map of social inclusion: several members of one
organisation each fill in a response; the round's result compares them."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from opbouw.web.accounts.models import Organisation


class Assessment(models.Model):
    """One round: an organisation looks at all factors at one moment."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE,
                                     related_name="inclusion_assessments",
                                     verbose_name=_("organisation"))
    name = models.CharField(_("name"), max_length=200)
    held_on = models.DateField(_("date"), default=dt.date.today)
    factor_set = models.CharField(max_length=40, editable=False)
    closed = models.BooleanField(_("closed"), default=False,
                                 help_text=_("A closed round takes no more answers."))
    shared_with = models.ManyToManyField(Organisation, blank=True,
                                         related_name="shared_inclusion_assessments",
                                         verbose_name=_("shared with"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True,
                                   on_delete=models.SET_NULL, related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-pk"]
        verbose_name = _("inclusion self-assessment")
        verbose_name_plural = _("inclusion self-assessments")

    def __str__(self) -> str:
        return self.name

    def previous(self) -> Assessment | None:
        """The organisation's round before this one, to show change."""
        return (Assessment.objects.filter(organisation=self.organisation_id)
                .filter(models.Q(held_on__lt=self.held_on)
                        | models.Q(held_on=self.held_on, pk__lt=self.pk))
                .order_by("-held_on", "-pk").first())


class Response(models.Model):
    """What one member answered in one round."""

    assessment = models.ForeignKey(Assessment, on_delete=models.CASCADE,
                                   related_name="responses")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="+")
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        unique_together = [("assessment", "user")]
        verbose_name = _("self-assessment response")
        verbose_name_plural = _("self-assessment responses")

    def __str__(self) -> str:
        return str(_("response %(number)s in %(round)s")
                   % {"number": self.pk, "round": self.assessment})


class Answer(models.Model):
    """One factor in one response: a score per dimension (empty = don't know), a remark
    and improvement actions."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    factor = models.CharField(max_length=60)
    culture = models.PositiveSmallIntegerField(null=True, blank=True)
    practice = models.PositiveSmallIntegerField(null=True, blank=True)
    policy = models.PositiveSmallIntegerField(null=True, blank=True)
    remark = models.TextField(blank=True)
    actions = models.TextField(blank=True)

    class Meta:
        unique_together = [("response", "factor")]
        verbose_name = _("self-assessment answer")
        verbose_name_plural = _("self-assessment answers")

    def __str__(self) -> str:
        return str(_("answer on %(factor)s") % {"factor": self.factor})
