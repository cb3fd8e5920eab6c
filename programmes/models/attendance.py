"""Attendance at events: registers, online attendance reports, and catching up by recording."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import TenantModel

from .enrolments import Enrolment
from .events import Event


class Attendance(TenantModel):
    """One participant at one event. No row means still expected.

    expected → attended | apologised | absent; a missed event may be caught up: the participant
    claims it (recording watched, activities done), and it counts only once the hub confirms it.
    """

    class State(models.TextChoices):
        ATTENDED = "attended", _("Attended")
        APOLOGISED = "apologised", _("Apologised")
        ABSENT = "absent", _("Absent")
        CATCH_UP_CLAIMED = "catch_up_claimed", _("Catch-up waiting for the hub")
        CAUGHT_UP = "caught_up", _("Caught up")
        CATCH_UP_REJECTED = "catch_up_rejected", _("Catch-up not accepted")

    class Mode(models.TextChoices):
        IN_PERSON = "in_person", _("In person")
        ONLINE = "online", _("Online")
        RECORDING = "recording", _("By recording")

    # Only these count toward engagement.
    COMPLETED = ("attended", "caught_up")
    MISSED = ("apologised", "absent", "catch_up_rejected")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance", verbose_name=_("event"))
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="attendance",
                                  verbose_name=_("participant"))
    state = models.CharField(_("attendance"), max_length=20, choices=State.choices)
    mode = models.CharField(_("how"), max_length=20, choices=Mode.choices, blank=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)
    claim_note = models.TextField(_("what they did to catch up"), blank=True)
    claimed_at = models.DateTimeField(_("catch-up claimed"), null=True, blank=True)
    decided_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("catch-up decided by"))
    decided_at = models.DateTimeField(_("catch-up decided"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "event", "enrolment"], name="attendance_once"),
        ]
        indexes = [
            models.Index(fields=["consortium", "enrolment", "state"], name="programme_attendance_idx"),
            models.Index(fields=["consortium", "state"], name="programme_attendance_state_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.enrolment.user} at {self.event}: {self.get_state_display()}"

    @property
    def counts(self) -> bool:
        return self.state in self.COMPLETED


class AttendanceImport(TenantModel):
    """An online meeting's attendance report (Teams or Zoom CSV), checked and then applied whole.

    The dry run stores what it matched, so applying it marks exactly what the person saw, once.
    """

    class State(models.TextChoices):
        CHECKED = "checked", _("Checked, not applied")
        APPLIED = "applied", _("Applied")

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="attendance_imports",
                              verbose_name=_("event"))
    filename = models.CharField(_("file"), max_length=255)
    source = models.CharField(_("report from"), max_length=20)
    matched = models.JSONField(_("matched participants"), default=list)
    unmatched = models.JSONField(_("rows not matched"), default=list)
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.CHECKED)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)
    applied_at = models.DateTimeField(_("applied"), null=True, blank=True)

    class Meta:
        verbose_name = _("attendance report import")
        verbose_name_plural = _("attendance report imports")
        ordering = ["-uploaded_at"]
        indexes = [models.Index(fields=["consortium", "event"], name="attendance_import_event_idx")]

    def __str__(self) -> str:
        return self.filename
