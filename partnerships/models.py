from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase

from consortia import roles
from consortia.models import TenantModel


class Partnership(TenantModel):
    class Kind(models.TextChoices):
        SCHOOL_IMPROVEMENT = "school_improvement", _("School improvement")
        ITE = "ite", _("Initial teacher education")
        ECT_NPQ = "ect_npq", _("ECT/NPQ delivery")
        STRATEGIC = "strategic", _("Cross-regional / strategic")

    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    purpose = models.TextField(_("purpose / remit"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]
        permissions = [
            ("manage_meetings", _("Schedule meetings and send notices")),
            ("record_minutes", _("Record attendance, minutes, decisions and actions")),
            ("vote", _("Vote in decisions and elections")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "name"], name="partnership_unique_name"),
        ]
        indexes = [models.Index(fields=["consortium", "kind"], name="partnership_kind_idx")]

    def __str__(self) -> str:
        return self.name


class PartnershipRole(TenantModel):
    """A person's role in one partnership (chair, clerk, representative, observer), with dates."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles",
                                    verbose_name=_("partnership"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="partnership_roles", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=40, choices=roles.choices(roles.PARTNERSHIP))
    granted_at = models.DateTimeField(_("granted"), default=timezone.now)
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)

    class Meta:
        verbose_name = _("partnership role")
        verbose_name_plural = _("partnership roles")
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "partnership", "user", "role"],
                condition=models.Q(ended_at__isnull=True),
                name="partnership_role_one_active",
            ),
        ]
        indexes = [
            models.Index(fields=["consortium", "user"], name="partnership_role_user_idx"),
            models.Index(fields=["consortium", "partnership"], name="partnership_role_p_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.user}: {self.get_role_display()} ({self.partnership})"


class PartnershipUserObjectPermission(UserObjectPermissionBase):
    """Guardian's direct foreign-key table for partnership permissions, carrying its consortium."""

    content_object = models.ForeignKey(Partnership, on_delete=models.CASCADE)
    consortium = models.ForeignKey("consortia.Consortium", on_delete=models.CASCADE,
                                   related_name="+", db_index=False)

    class Meta(UserObjectPermissionBase.Meta):
        verbose_name = _("partnership permission")
        indexes = [models.Index(fields=["consortium", "user"], name="partnership_perm_user_idx")]

    def save(self, *args, **kwargs):
        # Guardian creates these rows itself; the consortium always follows the partnership.
        self.consortium_id = self.content_object.consortium_id
        super().save(*args, **kwargs)
