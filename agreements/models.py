"""Partnership agreements: templates, numbered versions, the parties they bind and their responses.

NOTE: a published version's text never changes (services refuse it); a change is a new version,
and publishing it asks every party to accept again. Responses are append-only: a party's
status on a version is its latest response there.
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from consortia.models import TenantModel
from partnerships.models import Organisation, Partnership
from ui.bilingual import text_of

# Bullets pasted from a document ("- ", "• ", "o ") are the list's markup, not its text.
_BULLET = re.compile(r"^(?:[-•*]|o(?=\s))\s*")


class BoundRole(models.TextChoices):
    """The roles an agreement sets commitments for (seed 003)."""

    SCHOOL = "school", _("School")
    PARTICIPANT = "participant", _("Participant")
    MENTOR = "mentor", _("Mentor")
    INDUCTION_TUTOR = "induction_tutor", _("Induction tutor")
    VISITING_FELLOW = "visiting_fellow", _("Visiting fellow")
    PROVIDER = "provider", _("Hub / provider")


# The seed's "Participants, both ECTs and Mentors, commit to ..." then "Mentors also commit to
# ...": a mentor is bound by the participants' commitments as well as their own.
SECTIONS_BINDING = {
    BoundRole.MENTOR: (BoundRole.PARTICIPANT, BoundRole.MENTOR),
}


def roles_bound_by(role: str) -> tuple[str, ...]:
    return tuple(SECTIONS_BINDING.get(role, (role,)))


class AgreementTemplate(TenantModel):
    """One agreement of a partnership (for example its ECT and NPQ partnership agreement)."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="agreement_templates",
                                    verbose_name=_("partnership"))
    title = models.CharField(_("title"), max_length=200)
    title_cy = models.CharField(_("Welsh title"), max_length=200, blank=True)
    reminder_cadence_days = models.PositiveSmallIntegerField(
        _("days between reminders"), default=7, validators=[MinValueValidator(1), MaxValueValidator(90)],
        help_text=_("Parties who have not accepted are reminded once in each period of this many days."),
    )
    challenge_window_days = models.PositiveSmallIntegerField(
        _("days to challenge"), default=14, validators=[MaxValueValidator(365)],
        help_text=_("How long after publication a party may challenge the agreement."),
    )
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["title"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership", "title"], name="agreement_unique_title"),
        ]
        indexes = [models.Index(fields=["consortium", "partnership"], name="agreement_partnership_idx")]

    def __str__(self) -> str:
        return self.display_title()

    def display_title(self, language: str | None = None) -> str:
        return text_of(self, "title", language).text


class AgreementVersion(TenantModel):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        PUBLISHED = "published", _("Published")
        SUPERSEDED = "superseded", _("Superseded")

    template = models.ForeignKey(AgreementTemplate, on_delete=models.CASCADE, related_name="versions",
                                 verbose_name=_("agreement"))
    number = models.PositiveIntegerField(_("version"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    intro = models.TextField(_("introduction"), blank=True)
    intro_cy = models.TextField(_("Welsh introduction"), blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    published_at = models.DateTimeField(_("published"), null=True, blank=True)
    published_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("published by"))
    superseded_at = models.DateTimeField(_("superseded"), null=True, blank=True)
    # Reminder controls are about chasing, not about the text, so they may change after publication.
    reminders_paused_until = models.DateTimeField(_("reminders paused until"), null=True, blank=True)
    reminders_cancelled = models.BooleanField(_("reminders cancelled"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("agreement version")
        verbose_name_plural = _("agreement versions")
        ordering = ["template", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "template", "number"], name="agreement_version_number"),
            models.UniqueConstraint(fields=["consortium", "template"], condition=models.Q(status="draft"),
                                    name="agreement_version_one_draft"),
            models.UniqueConstraint(fields=["consortium", "template"], condition=models.Q(status="published"),
                                    name="agreement_version_one_published"),
            models.CheckConstraint(
                condition=models.Q(status="draft") | models.Q(published_at__isnull=False),
                name="agreement_version_published_has_date",
            ),
        ]
        indexes = [models.Index(fields=["consortium", "status"], name="agreement_version_status_idx")]

    def __str__(self) -> str:
        return f"{self.template} v{self.number}"

    @property
    def is_draft(self) -> bool:
        return self.status == self.Status.DRAFT

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED

    def display_intro(self, language: str | None = None):
        return text_of(self, "intro", language)

    def challenge_deadline(self):
        if self.published_at is None:
            return None
        return self.published_at + dt.timedelta(days=self.template.challenge_window_days)


class AgreementSection(TenantModel):
    """The commitments of one role, as they stand in one version."""

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="sections",
                                verbose_name=_("version"))
    role = models.CharField(_("binds"), max_length=30, choices=BoundRole.choices)
    heading = models.CharField(_("heading"), max_length=200)
    heading_cy = models.CharField(_("Welsh heading"), max_length=200, blank=True)
    body = models.TextField(_("commitments"), help_text=_("One commitment a line."))
    body_cy = models.TextField(_("Welsh commitments"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("section")
        verbose_name_plural = _("sections")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["consortium", "version", "position"], name="agreement_section_idx")]

    def __str__(self) -> str:
        return self.display_heading().text

    def display_heading(self, language: str | None = None):
        return text_of(self, "heading", language)

    def display_body(self, language: str | None = None):
        return text_of(self, "body", language)

    def commitments(self, language: str | None = None) -> list[str]:
        lines = (_BULLET.sub("", line.strip()) for line in self.display_body(language).text.splitlines())
        return [line for line in lines if line]


class AgreementParty(TenantModel):
    """Someone a version binds: an organisation (accepted for by a representative) or a person."""

    class Kind(models.TextChoices):
        ORGANISATION = "organisation", _("Organisation")
        PERSON = "person", _("Person")

    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="parties",
                                verbose_name=_("version"))
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="agreement_parties", verbose_name=_("organisation"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True,
                             related_name="agreement_parties", verbose_name=_("person"))
    role = models.CharField(_("bound as"), max_length=30, choices=BoundRole.choices)
    # Member organisations are bound at publication; only the others are carried to the next draft.
    bound_as_member = models.BooleanField(_("bound as a member organisation"), default=False)
    added_at = models.DateTimeField(_("added"), default=timezone.now)

    class Meta:
        verbose_name = _("party")
        verbose_name_plural = _("parties")
        constraints = [
            models.CheckConstraint(
                condition=(models.Q(kind="organisation", organisation__isnull=False, user__isnull=True)
                           | models.Q(kind="person", user__isnull=False, organisation__isnull=True)),
                name="agreement_party_one_kind",
            ),
            models.UniqueConstraint(fields=["consortium", "version", "organisation", "role"],
                                    condition=models.Q(organisation__isnull=False),
                                    name="agreement_party_unique_organisation"),
            models.UniqueConstraint(fields=["consortium", "version", "user", "role"],
                                    condition=models.Q(user__isnull=False), name="agreement_party_unique_person"),
        ]
        indexes = [
            models.Index(fields=["consortium", "user"], name="agreement_party_user_idx"),
            models.Index(fields=["consortium", "organisation"], name="agreement_party_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.get_role_display()})"

    @property
    def name(self) -> str:
        if self.kind == self.Kind.ORGANISATION:
            return self.organisation.display_name()
        return str(self.user)


class PartyStatus(models.TextChoices):
    """A party's standing on one version: its latest response there, or pending when it has none."""

    PENDING = "pending", _("Pending")
    ACCEPTED = "accepted", _("Accepted")
    CHALLENGED = "challenged", _("Challenged")
    WITHDRAWN = "withdrawn", _("Withdrawn")


STATUS_OF_RESPONSE = {"accept": PartyStatus.ACCEPTED, "challenge": PartyStatus.CHALLENGED,
                      "withdraw": PartyStatus.WITHDRAWN}


class AgreementResponse(TenantModel):
    """One acceptance, challenge or withdrawal. Never edited, except to record a challenge's answer."""

    class Kind(models.TextChoices):
        ACCEPT = "accept", _("Accepted")
        CHALLENGE = "challenge", _("Challenged")
        WITHDRAW = "withdraw", _("Withdrawn")

    party = models.ForeignKey(AgreementParty, on_delete=models.CASCADE, related_name="responses",
                              verbose_name=_("party"))
    version = models.ForeignKey(AgreementVersion, on_delete=models.CASCADE, related_name="responses",
                                verbose_name=_("version"))
    kind = models.CharField(_("response"), max_length=20, choices=Kind.choices)
    by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="agreement_responses",
                           verbose_name=_("by"))
    on_behalf_of = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="+", verbose_name=_("on behalf of"))
    at = models.DateTimeField(_("when"), default=timezone.now)
    language = models.CharField(_("language"), max_length=2, default="en")
    text_accepted = models.TextField(_("text accepted"), blank=True)
    reason = models.TextField(_("reason"), blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("answered by"))
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)

    class Meta:
        verbose_name = _("response")
        verbose_name_plural = _("responses")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["consortium", "party", "at"], name="agreement_response_party_idx"),
            models.Index(fields=["consortium", "version", "kind"], name="agreement_response_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()}: {self.party}"
