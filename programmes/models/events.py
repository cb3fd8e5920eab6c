"""A cohort's events, and participants' feedback on them."""

from __future__ import annotations

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.models import TenantModel

from .enrolments import Enrolment
from .programmes import Cohort, _is_welsh


class Event(TenantModel):
    """A conference, clinic, self-study unit or other element of a cohort's programme.

    `version` goes up on every reschedule or cancellation: it is the calendar SEQUENCE and the
    outbox version of notices, so each participant is told once per version.
    """

    class Kind(models.TextChoices):
        CONFERENCE = "conference", _("Conference")
        CLINIC = "clinic", _("Clinic")
        COACHING_ON_COACHING = "coaching_on_coaching", _("Coaching on coaching")
        SELF_STUDY = "self_study", _("Self-study unit")
        COMMUNITY = "community_event", _("Community event")
        PEER_SUPPORT = "peer_support", _("Peer support with a buddy")
        BRIEFING = "facilitator_briefing", _("Facilitator briefing")
        TRAINING = "training_day", _("Training day")
        ASSESSMENT = "assessment", _("Assessment")

    class Audience(models.TextChoices):
        EVERYONE = "everyone", _("Everyone on the cohort")
        ECTS = "ects", _("Early career teachers")
        MENTORS = "mentors", _("Mentors")

    class State(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        CANCELLED = "cancelled", _("Cancelled")

    # Kinds that count toward engagement unless the hub says otherwise (seed 003's elements).
    ENGAGEMENT_KINDS = {"conference", "clinic", "coaching_on_coaching", "self_study", "community_event",
                        "peer_support"}

    cohort = models.ForeignKey(Cohort, on_delete=models.CASCADE, related_name="events", verbose_name=_("cohort"))
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=200)
    title_cy = models.CharField(_("Welsh title"), max_length=200, blank=True)
    audience = models.CharField(_("for"), max_length=20, choices=Audience.choices, default=Audience.EVERYONE)
    starts_at = models.DateTimeField(_("starts"))
    ends_at = models.DateTimeField(_("ends"))
    venue = models.CharField(_("venue"), max_length=300, blank=True,
                             help_text=_("For a face-to-face event."))
    online_link = models.URLField(_("online link"), blank=True, help_text=_("For an online event."))
    counts_for_engagement = models.BooleanField(
        _("counts toward engagement"), default=True,
        help_text=_("Required for the engagement figure: conferences, clinics, self-study, community events and "
                    "peer support usually are."))
    recording_url = models.URLField(_("recording link"), blank=True,
                                    help_text=_("Once the event has been held: for catching up."))
    content_url = models.URLField(_("session content link"), blank=True,
                                  help_text=_("The primer, slides and workbook for facilitators, released to them "
                                              "three weeks before."))
    state = models.CharField(_("state"), max_length=20, choices=State.choices, default=State.SCHEDULED)
    version = models.PositiveIntegerField(_("version"), default=1)
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="event_ends_after_it_starts"),
        ]
        indexes = [
            models.Index(fields=["consortium", "cohort", "starts_at"], name="event_cohort_idx"),
            models.Index(fields=["consortium", "starts_at"], name="event_starts_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    def display_title(self, language: str | None = None) -> str:
        return self.title_cy if _is_welsh(language) and self.title_cy else self.title

    @property
    def ics_uid(self) -> str:
        return f"programme-event-{self.pk}@partneriaeth"

    @property
    def is_cancelled(self) -> bool:
        return self.state == self.State.CANCELLED

    @property
    def has_started(self) -> bool:
        return self.starts_at <= timezone.now()

    @property
    def duration_minutes(self) -> int:
        return int((self.ends_at - self.starts_at).total_seconds() // 60)

    def is_for(self, role: str) -> bool:
        return (self.audience == self.Audience.EVERYONE
                or (self.audience == self.Audience.ECTS and role == "ect")
                or (self.audience == self.Audience.MENTORS and role == "mentor"))


class Feedback(TenantModel):
    """A participant's rating (1 to 5) and comment on an event they attended: the satisfaction survey."""

    event = models.ForeignKey(Event, on_delete=models.CASCADE, related_name="feedback", verbose_name=_("event"))
    enrolment = models.ForeignKey(Enrolment, on_delete=models.CASCADE, related_name="feedback",
                                  verbose_name=_("participant"))
    rating = models.PositiveSmallIntegerField(_("rating"), validators=[MinValueValidator(1), MaxValueValidator(5)])
    comment = models.TextField(_("comment"), blank=True, max_length=2000)
    submitted_at = models.DateTimeField(_("submitted"), default=timezone.now)

    class Meta:
        verbose_name = _("feedback")
        verbose_name_plural = _("feedback")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "event", "enrolment"], name="feedback_once"),
            models.CheckConstraint(condition=models.Q(rating__gte=1, rating__lte=5), name="feedback_rating_1_to_5"),
        ]

    def __str__(self) -> str:
        return f"{self.event}: {self.rating}"
