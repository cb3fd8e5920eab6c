"""Meetings and everything that hangs off them: agendas, papers, notices, replies, attendance,
declarations of interest, minutes, actions, decisions, elections and officers' terms.

NOTE: every model is tenant-owned (child rows carry `consortium` too) and every index and
unique constraint starts with `consortium`; tests/consortia/test_tenant_models.py checks it.
"""

from __future__ import annotations

import hashlib
import os
import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia import dates
from consortia.models import TenantModel
from partnerships.models import Organisation, Partnership, PartnershipGroup

LONDON = "Europe/London"


class Meeting(TenantModel):
    """A meeting of a partnership or of one of its groups.

    `version` goes up on every reschedule or cancellation: it is the calendar SEQUENCE and the
    outbox version of notices, so each person is notified once per version.
    """

    class Kind(models.TextChoices):
        STRATEGIC = "strategic", _("Strategic")
        OPERATIONAL = "operational", _("Operational")
        COMMITTEE = "committee", _("Committee")

    class Status(models.TextChoices):
        PLANNED = "planned", _("Planned")
        NOTICE_SENT = "notice_sent", _("Notice sent")
        HELD = "held", _("Held")
        CANCELLED = "cancelled", _("Cancelled")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="meetings",
                                    verbose_name=_("partnership"))
    group = models.ForeignKey(PartnershipGroup, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="meetings", verbose_name=_("group"))
    title = models.CharField(_("title"), max_length=200)
    title_cy = models.CharField(_("title (Welsh)"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.STRATEGIC)
    starts_at = models.DateTimeField(_("starts"), validators=[dates.MEETING])
    ends_at = models.DateTimeField(_("ends"), validators=[dates.MEETING])
    time_zone = models.CharField(_("time zone"), max_length=40, default=LONDON, editable=False)
    venue = models.CharField(_("venue"), max_length=300, blank=True)
    online_link = models.URLField(_("online meeting link"), blank=True)
    chair = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("chair"))
    note_taker = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("note-taker"))
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED)
    version = models.PositiveIntegerField(_("version"), default=1)
    agenda_agreed_at = models.DateTimeField(_("agenda agreed"), null=True, blank=True)
    notice_sent_at = models.DateTimeField(_("notice sent"), null=True, blank=True)
    notice_late = models.BooleanField(_("short notice"), default=False)
    late_notice_reason = models.TextField(_("reason for short notice"), blank=True)
    late_notice_reason_cy = models.TextField(_("reason for short notice (Welsh)"), blank=True)
    # The chair's own words in the notice, above the agenda.
    notice_message = models.TextField(_("message with the notice"), blank=True)
    notice_message_cy = models.TextField(_("message with the notice (Welsh)"), blank=True)
    # Recorded after it took place ("record a meeting that took place"): no notice went through here.
    recorded_after = models.BooleanField(_("recorded after it took place"), default=False)
    cancelled_reason = models.TextField(_("reason for cancelling"), blank=True)
    cancelled_reason_cy = models.TextField(_("reason for cancelling (Welsh)"), blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["starts_at"]
        indexes = [
            models.Index(fields=["consortium", "partnership", "starts_at"], name="meeting_partnership_idx"),
            models.Index(fields=["consortium", "status", "starts_at"], name="meeting_status_idx"),
        ]
        constraints = [
            models.CheckConstraint(condition=models.Q(ends_at__gt=models.F("starts_at")),
                                   name="meeting_ends_after_it_starts"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ics_uid(self) -> str:
        return f"meeting-{self.pk}@partneriaeth"

    @property
    def is_cancelled(self) -> bool:
        return self.status == self.Status.CANCELLED

    @property
    def display_title(self) -> str:
        """The title in the reader's language (the active one), English when there is no Welsh."""
        from consortia.bilingual import bilingual

        return bilingual(self, "title")


class AgendaItem(TenantModel):
    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="agenda_items",
                                verbose_name=_("meeting"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("title"), max_length=300)
    title_cy = models.CharField(_("title (Welsh)"), max_length=300, blank=True)
    description = models.TextField(_("description"), blank=True)
    description_cy = models.TextField(_("description (Welsh)"), blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                              related_name="+", verbose_name=_("owner"))
    minutes_allowed = models.PositiveSmallIntegerField(_("time (minutes)"), null=True, blank=True,
                                                       validators=[MaxValueValidator(600)])

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["position", "pk"]
        indexes = [models.Index(fields=["consortium", "meeting", "position"], name="agenda_item_meeting_idx")]

    def __str__(self) -> str:
        return self.title


def paper_upload_to(instance: Paper, filename: str) -> str:
    base, ext = os.path.splitext(os.path.basename(filename))
    return f"papers/{instance.consortium_id}/{instance.meeting_id}/{base[:80]}{ext.lower()}"


class Paper(TenantModel):
    """A meeting paper. Its confidentiality says who may see it, in pages, emails and the API."""

    class Confidentiality(models.TextChoices):
        MEMBERS = "members", _("Everyone in the partnership")
        REPRESENTATIVES = "representatives", _("Representatives, chair and clerk only")
        OFFICERS = "officers", _("Chair and clerk only")
        ORGANISATIONS = "organisations", _("Named member organisations only")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="papers",
                                verbose_name=_("meeting"))
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="papers", verbose_name=_("agenda item"))
    title = models.CharField(_("title"), max_length=300)
    title_cy = models.CharField(_("title (Welsh)"), max_length=300, blank=True)
    file = models.FileField(_("file"), upload_to=paper_upload_to, max_length=300)
    size = models.PositiveIntegerField(_("size (bytes)"), default=0)
    content_type = models.CharField(_("file type"), max_length=120, blank=True)
    confidentiality = models.CharField(_("who may see it"), max_length=20, choices=Confidentiality.choices,
                                       default=Confidentiality.MEMBERS)
    no_pupil_data_confirmed = models.BooleanField(_("holds no individual pupil data"), default=False)
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded"), default=timezone.now)

    class Meta:
        verbose_name = _("paper")
        verbose_name_plural = _("papers")
        ordering = ["agenda_item__position", "pk"]
        indexes = [models.Index(fields=["consortium", "meeting"], name="paper_meeting_idx")]
        constraints = [
            models.CheckConstraint(condition=models.Q(no_pupil_data_confirmed=True),
                                   name="paper_no_pupil_data_confirmed"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def filename(self) -> str:
        return os.path.basename(self.file.name)


class PaperAudience(TenantModel):
    """A member organisation whose representatives may see a paper marked for named organisations."""

    paper = models.ForeignKey(Paper, on_delete=models.CASCADE, related_name="audience",
                              verbose_name=_("paper"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="+",
                                     verbose_name=_("organisation"))

    class Meta:
        verbose_name = _("paper audience")
        verbose_name_plural = _("paper audiences")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "paper", "organisation"], name="paper_audience_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.paper} → {self.organisation}"


class Reply(TenantModel):
    """A person's answer to a notice: attending, apologies, or sending a delegate."""

    class Response(models.TextChoices):
        ATTENDING = "attending", _("Attending")
        APOLOGIES = "apologies", _("Apologies")
        DELEGATE = "delegate", _("Sending a delegate")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="replies",
                                verbose_name=_("meeting"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    response = models.CharField(_("reply"), max_length=20, choices=Response.choices)
    delegate_name = models.CharField(_("delegate's name"), max_length=200, blank=True)
    note = models.CharField(_("note"), max_length=500, blank=True)
    replied_at = models.DateTimeField(_("replied"), default=timezone.now)

    class Meta:
        verbose_name = _("reply")
        verbose_name_plural = _("replies")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "meeting", "user"], name="reply_one_per_person"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_response_display()}"


class Attendance(TenantModel):
    """Who was at a meeting, recorded on the day. `organisation` is the member it counts for in the quorum."""

    class Status(models.TextChoices):
        PRESENT = "present", _("Present")
        APOLOGIES = "apologies", _("Apologies")
        ABSENT = "absent", _("Absent")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="attendance",
                                verbose_name=_("meeting"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                             related_name="+", verbose_name=_("person"))
    name = models.CharField(_("name"), max_length=200, blank=True,
                            help_text=_("For a delegate or guest without a login."))
    organisation = models.ForeignKey(Organisation, on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("on behalf of"))
    status = models.CharField(_("attendance"), max_length=20, choices=Status.choices)
    is_delegate = models.BooleanField(_("delegate"), default=False)
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "meeting", "user"], condition=models.Q(user__isnull=False),
                                    name="attendance_one_per_person"),
        ]
        indexes = [models.Index(fields=["consortium", "meeting", "status"], name="attendance_meeting_idx")]

    def __str__(self) -> str:
        return f"{self.display_name}: {self.get_status_display()}"

    @property
    def display_name(self) -> str:
        return str(self.user) if self.user_id and not self.name else self.name


class Declaration(TenantModel):
    """A declaration of interest at a meeting, for the meeting as a whole or one agenda item."""

    class Kind(models.TextChoices):
        PECUNIARY = "pecuniary", _("Pecuniary")
        PERSONAL = "personal", _("Personal (non-pecuniary)")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="declarations",
                                verbose_name=_("meeting"))
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="declarations", verbose_name=_("agenda item"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    kind = models.CharField(_("kind of interest"), max_length=20, choices=Kind.choices, default=Kind.PECUNIARY)
    interest = models.TextField(_("the interest"))
    # Which organisation the interest concerns, where it concerns one: finance refuses the person
    # approving a charge or payment to it.
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisation concerned"))
    declared_at = models.DateTimeField(_("declared"), default=timezone.now)

    class Meta:
        verbose_name = _("declaration of interest")
        verbose_name_plural = _("declarations of interest")
        ordering = ["declared_at"]
        indexes = [models.Index(fields=["consortium", "meeting"], name="declaration_meeting_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.interest[:60]}"


class StandingInterest(TenantModel):
    """An entry in a person's register of standing interests (directorships, relatives employed...)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    interest = models.TextField(_("the interest"))
    kind = models.CharField(_("kind of interest"), max_length=20, choices=Declaration.Kind.choices,
                            default=Declaration.Kind.PECUNIARY)
    organisation = models.ForeignKey("partnerships.Organisation", on_delete=models.SET_NULL, null=True, blank=True,
                                     related_name="+", verbose_name=_("organisation concerned"))
    since = models.DateField(_("since"), default=timezone.localdate, validators=[dates.INTEREST])
    ended_on = models.DateField(_("ended"), null=True, blank=True, validators=[dates.INTEREST])

    class Meta:
        verbose_name = _("standing interest")
        verbose_name_plural = _("register of interests")
        indexes = [models.Index(fields=["consortium", "user"], name="standing_interest_user_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.interest[:60]}"


class InterestConfirmation(TenantModel):
    """A person's yearly confirmation that their register is complete ("nothing to declare" counts)."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    academic_year = models.PositiveSmallIntegerField(_("academic year"))
    nothing_to_declare = models.BooleanField(_("nothing to declare"), default=False)
    confirmed_at = models.DateTimeField(_("confirmed"), default=timezone.now)

    class Meta:
        verbose_name = _("confirmation of interests")
        verbose_name_plural = _("confirmations of interests")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "user", "academic_year"],
                                    name="interest_confirmation_once_a_year"),
        ]

    def __str__(self) -> str:
        return f"{self.user} {self.academic_year}"


class Minutes(TenantModel):
    """The notes of a meeting: drafted by the note-taker, approved at a later meeting, then circulated."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        APPROVED = "approved", _("Approved")

    meeting = models.OneToOneField(Meeting, on_delete=models.CASCADE, related_name="minutes",
                                   verbose_name=_("meeting"))
    body = models.TextField(_("notes"))
    body_cy = models.TextField(_("notes (Welsh)"), blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    drafted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("drafted by"))
    updated_at = models.DateTimeField(_("updated"), auto_now=True)
    approved_at = models.DateTimeField(_("approved"), null=True, blank=True)
    approved_at_meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True,
                                            related_name="+", verbose_name=_("approved at"))
    approved_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="+", verbose_name=_("approval recorded by"))
    circulated_at = models.DateTimeField(_("circulated"), null=True, blank=True)

    class Meta:
        verbose_name = _("minutes")
        verbose_name_plural = _("minutes")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "meeting"], name="minutes_one_per_meeting"),
        ]

    def __str__(self) -> str:
        return f"{self.meeting} ({self.get_status_display()})"


class Decision(TenantModel):
    """A decision of a meeting, with the vote where one was taken and whether the meeting was quorate."""

    class Outcome(models.TextChoices):
        AGREED = "agreed", _("Agreed")
        NOT_AGREED = "not_agreed", _("Not agreed")
        DEFERRED = "deferred", _("Deferred")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="decisions",
                                verbose_name=_("meeting"))
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.SET_NULL, null=True, blank=True,
                                    related_name="decisions", verbose_name=_("agenda item"))
    text = models.TextField(_("decision"))
    text_cy = models.TextField(_("decision (Welsh)"), blank=True)
    outcome = models.CharField(_("outcome"), max_length=20, choices=Outcome.choices, default=Outcome.AGREED)
    vote_taken = models.BooleanField(_("a vote was taken"), default=False)
    votes_for = models.PositiveSmallIntegerField(_("for"), null=True, blank=True)
    votes_against = models.PositiveSmallIntegerField(_("against"), null=True, blank=True)
    votes_abstaining = models.PositiveSmallIntegerField(_("abstaining"), null=True, blank=True)
    quorate = models.BooleanField(_("taken with a quorum"), default=True)
    recorded_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    related_name="+", verbose_name=_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded"), default=timezone.now)

    class Meta:
        verbose_name = _("decision")
        verbose_name_plural = _("decisions")
        ordering = ["recorded_at", "pk"]
        indexes = [models.Index(fields=["consortium", "meeting"], name="decision_meeting_idx")]

    def __str__(self) -> str:
        return self.text[:80]


class Action(TenantModel):
    """An action point: who does what by when, usually agreed at a meeting."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open")
        IN_PROGRESS = "in_progress", _("In progress")
        DONE = "done", _("Done")
        DROPPED = "dropped", _("Dropped")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="actions",
                                    verbose_name=_("partnership"))
    meeting = models.ForeignKey(Meeting, on_delete=models.SET_NULL, null=True, blank=True, related_name="actions",
                                verbose_name=_("meeting"))
    title = models.CharField(_("action"), max_length=300)
    title_cy = models.CharField(_("action (Welsh)"), max_length=300, blank=True)
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+",
                              verbose_name=_("owner"))
    due_on = models.DateField(_("due"), validators=[dates.ACTION_DUE])
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.OPEN)
    # Goes up when the owner or due date changes, so reminders are planned again, once.
    version = models.PositiveIntegerField(_("version"), default=1)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("action")
        verbose_name_plural = _("actions")
        ordering = ["due_on", "pk"]
        indexes = [
            models.Index(fields=["consortium", "partnership", "status", "due_on"], name="action_partnership_idx"),
            models.Index(fields=["consortium", "owner", "status"], name="action_owner_idx"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_open(self) -> bool:
        return self.status in (self.Status.OPEN, self.Status.IN_PROGRESS)

    @property
    def is_overdue(self) -> bool:
        return self.is_open and self.due_on < timezone.localdate()


class NoteTakerRotation(TenantModel):
    """One place in a partnership's note-taker rotation."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="note_taker_rotation",
                                    verbose_name=_("partnership"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    position = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("note-taker rotation place")
        verbose_name_plural = _("note-taker rotation")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership", "user"], name="rotation_unique_person"),
        ]

    def __str__(self) -> str:
        return f"{self.position}. {self.user}"


class Election(TenantModel):
    """An election of a partnership's chair: nominations, then a secret ballot, then the result."""

    class Status(models.TextChoices):
        NOMINATIONS = "nominations", _("Taking nominations")
        VOTING = "voting", _("Voting open")
        CLOSED = "closed", _("Closed")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="elections",
                                    verbose_name=_("partnership"))
    office = models.CharField(_("office"), max_length=20, default="chair", editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.NOMINATIONS)
    term_months = models.PositiveSmallIntegerField(_("term of office (months)"), default=24,
                                                   validators=[MaxValueValidator(120)])
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("created by"))
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    voting_opened_at = models.DateTimeField(_("voting opened"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed"), null=True, blank=True)
    winner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
                               related_name="+", verbose_name=_("elected"))
    results = models.JSONField(_("results"), default=list, blank=True)
    turnout = models.PositiveSmallIntegerField(_("votes cast"), default=0)
    eligible_count = models.PositiveSmallIntegerField(_("eligible voters"), default=0)

    class Meta:
        verbose_name = _("election")
        verbose_name_plural = _("elections")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["consortium", "partnership", "status"], name="election_partnership_idx")]

    def __str__(self) -> str:
        return f"{self.partnership}: {self.get_status_display()}"


class Nomination(TenantModel):
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="nominations",
                                 verbose_name=_("election"))
    nominee = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                                verbose_name=_("nominee"))
    nominated_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                     related_name="+", verbose_name=_("nominated by"))
    created_at = models.DateTimeField(_("nominated"), auto_now_add=True)

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "election", "nominee"], name="nomination_once"),
        ]

    def __str__(self) -> str:
        return str(self.nominee)


class BallotReceipt(TenantModel):
    """That a person has voted. It never says how: the ballot itself is an unlinked Vote row."""

    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="receipts",
                                 verbose_name=_("election"))
    voter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                              verbose_name=_("voter"))

    class Meta:
        verbose_name = _("ballot receipt")
        verbose_name_plural = _("ballot receipts")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "election", "voter"], name="ballot_one_vote_each"),
        ]

    def __str__(self) -> str:
        return str(self.voter)


class Vote(TenantModel):
    """One secret ballot for one nominee.

    NOTE: nothing here may link a vote to its receipt, so there is no voter, no timestamp and no
    sequential id. `services.vote_cast` rewrites every vote of the election at each ballot, in
    an order and with (fresh, sorted random) ids that depend only on the tally, in the same
    transaction: so neither the ids, nor the order rows are stored in, nor the transaction that
    wrote them says who cast which.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    election = models.ForeignKey(Election, on_delete=models.CASCADE, related_name="votes",
                                 verbose_name=_("election"))
    nomination = models.ForeignKey(Nomination, on_delete=models.CASCADE, related_name="votes",
                                   verbose_name=_("for"))

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        indexes = [models.Index(fields=["consortium", "election"], name="vote_election_idx")]

    def __str__(self) -> str:
        return str(self.pk)


class OfficeTerm(TenantModel):
    """A term of office (a chair's), so the consortium admin is warned before it ends."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="office_terms",
                                    verbose_name=_("partnership"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    office = models.CharField(_("office"), max_length=20, default="chair")
    election = models.ForeignKey(Election, on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
                                 verbose_name=_("election"))
    starts_on = models.DateField(_("from"), validators=[dates.OFFICE_TERM])
    ends_on = models.DateField(_("until"), validators=[dates.OFFICE_TERM])

    class Meta:
        verbose_name = _("term of office")
        verbose_name_plural = _("terms of office")
        ordering = ["-starts_on"]
        indexes = [models.Index(fields=["consortium", "ends_on"], name="office_term_ends_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.starts_on} – {self.ends_on}"


class Subscription(TenantModel):
    """An observer (a local authority officer, say) who is emailed when papers or approved minutes appear."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="subscriptions",
                                    verbose_name=_("partnership"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    created_at = models.DateTimeField(_("subscribed"), auto_now_add=True)

    class Meta:
        verbose_name = _("subscription")
        verbose_name_plural = _("subscriptions")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership", "user"], name="subscription_once"),
        ]

    def __str__(self) -> str:
        return f"{self.user} → {self.partnership}"


class CalendarFeed(TenantModel):
    """A person's secret calendar feed address for their meetings in one consortium. Stored hashed."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+",
                             verbose_name=_("person"))
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("calendar feed")
        verbose_name_plural = _("calendar feeds")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "user"], name="calendar_feed_one_per_person"),
        ]

    def __str__(self) -> str:
        return str(self.user)

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()
