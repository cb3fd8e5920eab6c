from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from ui.bilingual import display_name

from . import roles

# Top-level paths of the site itself, which a consortium's address must not shadow.
RESERVED_SLUGS = frozenset({
    "accounts", "admin", "api", "feeds", "healthz", "i18n", "invitations", "me", "media", "static",
})


def validate_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is used by the site itself; choose another."))


class Consortium(models.Model):
    """The tenant: the body that runs partnerships on the platform. All data belongs to one."""

    class Kind(models.TextChoices):
        HEI_COUNCIL = "hei_council", _("Council of HEIs")
        UNIVERSITY = "university", _("University partnership office")
        TEACHING_SCHOOL_HUB = "hub", _("Teaching school hub")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        REGIONAL_CONSORTIUM = "regional_consortium", _("Regional consortium")
        OTHER = "other", _("Other")

    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    slug = models.SlugField(_("web address"), max_length=60, unique=True,
                            validators=[validate_not_reserved])
    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices, default=Kind.OTHER)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("consortium")
        verbose_name_plural = _("consortia")
        ordering = ["name"]
        permissions = [
            ("administer_consortium", _("Administer the consortium")),
            ("invite_people", _("Invite people into roles")),
            ("view_outbox", _("See emails sent and planned")),
        ]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        return display_name(self, language)


class TenantQuerySet(models.QuerySet):
    def for_consortium(self, consortium: Consortium | int):
        consortium_id = consortium if isinstance(consortium, int) else consortium.pk
        return self.filter(consortium_id=consortium_id)


class TenantManager(models.Manager.from_queryset(TenantQuerySet)):
    pass


class TenantModel(models.Model):
    """Base of every tenant-owned row, child rows included.

    NOTE: indexes and unique constraints on subclasses start with `consortium`, and lookups
    go through `consortia.scoping` or a selector; tests/consortia/test_tenant_models.py
    enforces both.
    """

    consortium = models.ForeignKey(
        Consortium, on_delete=models.CASCADE, related_name="+", verbose_name=_("consortium"),
        db_index=False,
    )

    objects = TenantManager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        self.assert_same_consortium()
        super().save(*args, **kwargs)

    def assert_same_consortium(self) -> None:
        """Refuse a row that points at another consortium's row: isolation at write time."""
        for field in self._meta.concrete_fields:
            if not field.is_relation or field.name == "consortium":
                continue
            if not issubclass(field.related_model, TenantModel) or not field.is_cached(self):
                continue
            related = field.get_cached_value(self)
            if related is not None and related.consortium_id != self.consortium_id:
                raise ValueError(
                    f"{type(self).__name__}.{field.name} belongs to another consortium."
                )


class Membership(TenantModel):
    """A person's place in a consortium. Without an active one they see none of it."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="memberships", verbose_name=_("person"))
    joined_at = models.DateTimeField(_("joined"), default=timezone.now)
    is_active = models.BooleanField(_("active"), default=True)

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "user"], name="membership_unique_user"),
        ]
        indexes = [models.Index(fields=["consortium", "is_active"], name="membership_active_idx")]

    def __str__(self) -> str:
        return f"{self.user} @ {self.consortium}"


class ConsortiumRole(TenantModel):
    """A consortium-wide role held by a person, with the dates it ran."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="consortium_roles", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=40, choices=roles.choices(roles.CONSORTIUM))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    granted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   blank=True, related_name="+", verbose_name=_("granted by"))

    class Meta:
        verbose_name = _("consortium role")
        verbose_name_plural = _("consortium roles")
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "user", "role"], condition=models.Q(ended_at__isnull=True),
                name="consortium_role_one_active",
            ),
        ]
        indexes = [models.Index(fields=["consortium", "user"], name="consortium_role_user_idx")]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()}"


class ConsortiumUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table for permissions on a consortium (fast lookups)."""

    content_object = models.ForeignKey(Consortium, on_delete=models.CASCADE)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("consortium permission")


class Invitation(TenantModel):
    """An invitation by email into a role. The token is only ever stored hashed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        ACCEPTED = "accepted", _("Accepted")
        REVOKED = "revoked", _("Revoked")

    email = models.EmailField(_("email address"))
    full_name = models.CharField(_("full name"), max_length=200, blank=True)
    role = models.CharField(_("role"), max_length=40, choices=roles.choices(roles.CONSORTIUM))
    language = models.CharField(_("language"), max_length=2, choices=settings.LANGUAGES, default="en")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.PENDING)
    invited_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                   related_name="+", verbose_name=_("invited by"))
    created_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    accepted_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True,
                                    blank=True, related_name="+", verbose_name=_("accepted by"))

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "email", "role"],
                condition=models.Q(status="pending"),
                name="invitation_one_pending",
            ),
        ]
        indexes = [models.Index(fields=["consortium", "status"], name="invitation_status_idx")]

    def __str__(self) -> str:
        return f"{self.email} ({self.get_role_display()})"

    @staticmethod
    def hash_token(token: str) -> str:
        return hashlib.sha256(token.encode()).hexdigest()

    @property
    def is_usable(self) -> bool:
        return self.status == self.Status.PENDING and self.expires_at > timezone.now()


class OutboundEmail(TenantModel):
    """One email to one recipient for one purpose about one object at one version.

    NOTE: the unique constraint makes every sender enqueue once: a retried or repeated task
    finds the row already there instead of queuing another. Sending is at most once: the row is
    claimed ("sending", its Message-ID fixed) in its own committed transaction before the message
    is handed to the mail server, and only a queued or retrying row can be claimed. A worker that
    dies after the claim leaves the row "sending"; after OUTBOX_SENDING_LEASE_SECONDS the sweep
    marks it "unknown" for a person to check (mark sent, or send again), never resending it itself.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Queued")
        SENDING = "sending", _("Sending")
        SENT = "sent", _("Sent")
        RETRYING = "retrying", _("Retrying")
        UNKNOWN = "unknown", _("Unknown — check")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    recipient = models.EmailField(_("recipient"))
    language = models.CharField(_("language"), max_length=2, default="en")
    purpose = models.CharField(_("purpose"), max_length=60)
    object_type = models.CharField(_("about"), max_length=60)
    object_id = models.CharField(_("object"), max_length=64)
    version = models.PositiveIntegerField(_("version"), default=1)
    subject = models.CharField(_("subject"), max_length=255)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    attachments = models.JSONField(_("attachments"), default=list, blank=True)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices,
                              default=Status.QUEUED)
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    not_before = models.DateTimeField(_("send after"), default=timezone.now)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    # Fixed when the email is first claimed, and kept for every later attempt: the mail server and
    # the recipient's client see one message, and an admin can find it in the server's logs.
    message_id = models.CharField(_("Message-ID"), max_length=255, blank=True)
    claimed_at = models.DateTimeField(_("handed to the mail server"), null=True, blank=True)

    class Meta:
        verbose_name = _("outgoing email")
        verbose_name_plural = _("outbox")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "recipient", "purpose", "object_type", "object_id", "version"],
                name="outbox_once_per_recipient_version",
            ),
        ]
        indexes = [
            models.Index(fields=["consortium", "status", "not_before"], name="outbox_due_idx"),
            # The sweep's lease check: only the few rows in a worker's hands.
            models.Index(fields=["consortium", "claimed_at"], condition=models.Q(status="sending"),
                         name="outbox_sending_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.subject} → {self.recipient}"


class PendingTask(TenantModel):
    """Background work the broker could not take when its transaction committed.

    NOTE: written only when publishing fails (Redis stopped or unreachable); the outbox sweep
    publishes these again once the broker is back. Every task is safe to run twice, so a row
    published but not yet deleted costs a repeat, never a loss.
    """

    task_name = models.CharField(_("task"), max_length=200)
    args = models.JSONField(_("arguments"), default=list)
    error = models.TextField(_("error"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("background work waiting for the queue")
        verbose_name_plural = _("background work waiting for the queue")
        ordering = ["created_at"]
        indexes = [models.Index(fields=["consortium", "created_at"], name="pending_task_idx")]

    def __str__(self) -> str:
        return f"{self.task_name}{tuple(self.args)}"
