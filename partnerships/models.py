from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from guardian.models import UserObjectPermissionBase
from simple_history.models import HistoricalRecords

from consortia import dates, roles
from consortia.models import TenantModel
from ui.bilingual import display_name, text_of


def current_academic_year(today=None) -> int:
    """The academic year runs September to August; 2026 means 2026/27."""
    today = today or timezone.localdate()
    return today.year if today.month >= 9 else today.year - 1


class Organisation(TenantModel):
    """A member organisation: a school, HEI, college, regional consortium, local authority or body."""

    class Kind(models.TextChoices):
        SCHOOL = "school", _("School")
        HEI = "hei", _("University (HEI)")
        FE_COLLEGE = "fe_college", _("FE college")
        REGIONAL_CONSORTIUM = "regional_consortium", _("Regional consortium")
        LOCAL_AUTHORITY = "local_authority", _("Local authority")
        PROFESSIONAL_BODY = "professional_body", _("Professional body")
        TRUST = "trust", _("Trust")

    class Phase(models.TextChoices):
        NURSERY = "nursery", _("Nursery")
        PRIMARY = "primary", _("Primary")
        SECONDARY = "secondary", _("Secondary")
        ALL_AGE = "all_age", _("All-age / through")
        SPECIAL = "special", _("Special")
        PRU = "pru", _("Pupil referral unit")

    class LanguageMedium(models.TextChoices):
        ENGLISH = "english", _("English-medium")
        WELSH = "welsh", _("Welsh-medium")
        BILINGUAL = "bilingual", _("Bilingual")

    kind = models.CharField(_("kind"), max_length=30, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    phase = models.CharField(_("phase"), max_length=20, choices=Phase.choices, blank=True)
    school_code = models.CharField(
        _("school code or URN"), max_length=20, blank=True,
        help_text=_("The Welsh school code (for example 6612345) or English URN."),
    )
    local_authority = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="schools",
        limit_choices_to={"kind": "local_authority"}, verbose_name=_("local authority"),
    )
    # What an ITE partnership's contrast rule compares between a trainee's placement schools.
    language_medium = models.CharField(_("language medium"), max_length=20, choices=LanguageMedium.choices,
                                       blank=True)
    context = models.CharField(_("context"), max_length=60, blank=True,
                               help_text=_("A short tag the partnership uses, such as urban, rural or coastal."))
    email = models.EmailField(_("email"), blank=True)
    phone = models.CharField(_("phone"), max_length=40, blank=True)
    address = models.TextField(_("address"), blank=True)
    website = models.URLField(_("website"), blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "school_code"], condition=~models.Q(school_code=""),
                name="organisation_unique_school_code",
            ),
            models.UniqueConstraint(fields=["consortium", "kind", "name"], name="organisation_unique_name"),
        ]
        indexes = [models.Index(fields=["consortium", "kind", "name"], name="organisation_kind_idx")]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        return display_name(self, language)


class OrganisationYear(TenantModel):
    """A school's pupil numbers and budget for one academic year; cost shares use the year's figures."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="years",
                                     verbose_name=_("organisation"))
    academic_year = models.PositiveSmallIntegerField(
        _("academic year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)],
        help_text=_("The year the academic year starts: 2026 means 2026/27."),
    )
    pupils = models.PositiveIntegerField(_("number of pupils"), null=True, blank=True)
    budget = models.DecimalField(_("annual budget (£)"), max_digits=12, decimal_places=2, null=True, blank=True,
                                 validators=[MinValueValidator(Decimal("0"))])

    class Meta:
        verbose_name = _("figures for a year")
        verbose_name_plural = _("figures by year")
        ordering = ["-academic_year"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "organisation", "academic_year"],
                                    name="organisation_year_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} {self.academic_year}/{str(self.academic_year + 1)[-2:]}"


class Employment(TenantModel):
    """Who employs a person, from when to when. A change of employer is a new row, not an edit."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="employments",
                             verbose_name=_("person"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="employments",
                                     verbose_name=_("organisation"))
    job_title = models.CharField(_("job title"), max_length=200, blank=True)
    started_on = models.DateField(_("from"), default=timezone.localdate, validators=[dates.MEMBERSHIP])
    ended_on = models.DateField(_("until"), null=True, blank=True, validators=[dates.MEMBERSHIP])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("employment")
        verbose_name_plural = _("employment history")
        ordering = ["-started_on"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "user"], condition=models.Q(ended_on__isnull=True),
                                    name="employment_one_current"),
        ]
        indexes = [models.Index(fields=["consortium", "organisation"], name="employment_org_idx")]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"


class Partnership(TenantModel):
    class Kind(models.TextChoices):
        SCHOOL_IMPROVEMENT = "school_improvement", _("School improvement")
        ITE = "ite", _("Initial teacher education")
        ECT_NPQ = "ect_npq", _("ECT/NPQ delivery")
        STRATEGIC = "strategic", _("Cross-regional / strategic")

    class QuorumRule(models.TextChoices):
        MAJORITY = "majority", _("More than half of member organisations")
        FRACTION = "fraction", _("A percentage of member organisations")
        COUNT = "count", _("A fixed number of member organisations")

    class NoticeCounting(models.TextChoices):
        # Clear days, as the school governance regulations of Wales and England count notice.
        CLEAR = "clear", _("Clear days: neither the day the notice is sent nor the day of the meeting")
        CALENDAR = "calendar", _("Calendar days: from the date the notice is sent to the date of the meeting")

    class CostBasis(models.TextChoices):
        BUDGET = "budget", _("In proportion to school budget")
        PUPILS = "pupils", _("In proportion to pupil numbers")
        EQUAL = "equal", _("Equal shares")

    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    kind = models.CharField(_("type"), max_length=30, choices=Kind.choices)
    purpose = models.TextField(_("purpose / remit"), blank=True)
    purpose_cy = models.TextField(_("purpose / remit in Welsh"), blank=True)
    terms_of_reference = models.TextField(_("terms of reference"), blank=True)
    terms_of_reference_cy = models.TextField(_("terms of reference in Welsh"), blank=True)
    # Governance settings that the meetings rules enforce.
    min_strategic_meetings = models.PositiveSmallIntegerField(
        _("minimum strategic meetings a year"), default=3, validators=[MaxValueValidator(52)])
    notice_days = models.PositiveSmallIntegerField(
        _("days' notice of a meeting"), default=7, validators=[MaxValueValidator(90)])
    notice_counting = models.CharField(_("how notice is counted"), max_length=10, choices=NoticeCounting.choices,
                                       default=NoticeCounting.CLEAR)
    quorum_rule = models.CharField(_("quorum"), max_length=20, choices=QuorumRule.choices,
                                   default=QuorumRule.MAJORITY)
    quorum_value = models.PositiveSmallIntegerField(
        _("quorum figure"), null=True, blank=True,
        help_text=_("The percentage or number of member organisations, for those rules."))
    circulate_notes_to_local_authority = models.BooleanField(
        _("circulate approved notes to the local authority"), default=False)
    default_cost_basis = models.CharField(_("default cost sharing"), max_length=20, choices=CostBasis.choices,
                                          default=CostBasis.PUPILS)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("partnership")
        verbose_name_plural = _("partnerships")
        ordering = ["name"]
        permissions = [
            ("manage_meetings", _("Schedule meetings and send notices")),
            ("record_minutes", _("Record attendance, minutes, decisions and actions")),
            ("vote", _("Vote in decisions and elections")),
            ("manage_finance", _("Manage the budget, costed activities, charges and payments")),
            ("approve_finance", _("Approve charges and payments")),
        ]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "name"], name="partnership_unique_name"),
            models.CheckConstraint(
                condition=models.Q(quorum_rule="majority") | models.Q(quorum_value__isnull=False),
                name="partnership_quorum_value_needed",
            ),
        ]
        indexes = [models.Index(fields=["consortium", "kind"], name="partnership_kind_idx")]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        return display_name(self, language)

    def display_purpose(self, language: str | None = None):
        return text_of(self, "purpose", language)

    def display_terms_of_reference(self, language: str | None = None):
        return text_of(self, "terms_of_reference", language)


class PartnershipItem(TenantModel):
    """An entry in one of a partnership's editable lists: its principles or members' responsibilities."""

    class ListKind(models.TextChoices):
        PRINCIPLE = "principle", _("Principle")
        RESPONSIBILITY = "responsibility", _("Member responsibility")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="items",
                                    verbose_name=_("partnership"))
    list_kind = models.CharField(_("list"), max_length=20, choices=ListKind.choices)
    text = models.TextField(_("text"))
    text_cy = models.TextField(_("text in Welsh"), blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("list entry")
        verbose_name_plural = _("list entries")
        ordering = ["list_kind", "position", "pk"]
        indexes = [models.Index(fields=["consortium", "partnership", "list_kind"], name="partnership_item_idx")]

    def __str__(self) -> str:
        return self.display_text().text[:60]

    def display_text(self, language: str | None = None):
        return text_of(self, "text", language)


class PartnershipGroup(TenantModel):
    """A group or committee inside a partnership (advisory group, course committee, subject group)."""

    class Kind(models.TextChoices):
        ADVISORY = "advisory", _("Advisory group")
        COMMITTEE = "committee", _("Committee")
        SUBJECT = "subject", _("Subject group")
        WORKING = "working", _("Working group")

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="groups",
                                    verbose_name=_("partnership"))
    name = models.CharField(_("name"), max_length=200)
    name_cy = models.CharField(_("Welsh name"), max_length=200, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.WORKING)
    remit = models.TextField(_("remit"), blank=True)
    remit_cy = models.TextField(_("remit in Welsh"), blank=True)

    class Meta:
        verbose_name = _("group")
        verbose_name_plural = _("groups")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["consortium", "partnership", "name"], name="partnership_group_unique"),
        ]

    def __str__(self) -> str:
        return self.display_name()

    def display_name(self, language: str | None = None) -> str:
        return display_name(self, language)


class PartnershipMembership(TenantModel):
    """An organisation's membership of a partnership. Leaving sets the date; the row stays as history."""

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="memberships",
                                    verbose_name=_("partnership"))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="memberships",
                                     verbose_name=_("organisation"))
    joined_on = models.DateField(_("joined"), default=timezone.localdate, validators=[dates.MEMBERSHIP])
    left_on = models.DateField(_("left"), null=True, blank=True, validators=[dates.MEMBERSHIP])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("member organisation")
        verbose_name_plural = _("member organisations")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["consortium", "partnership", "organisation"], condition=models.Q(left_on__isnull=True),
                name="partnership_membership_one_current",
            ),
            models.CheckConstraint(
                condition=models.Q(left_on__isnull=True) | models.Q(left_on__gte=models.F("joined_on")),
                name="partnership_membership_dates_in_order",
            ),
        ]
        indexes = [
            models.Index(fields=["consortium", "partnership", "left_on"], name="partnership_member_idx"),
            models.Index(fields=["consortium", "organisation"], name="partnership_member_org_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} in {self.partnership}"

    @property
    def is_current(self) -> bool:
        return self.left_on is None or self.left_on > timezone.localdate()


class PartnershipRole(TenantModel):
    """A person's role in one partnership (chair, clerk, representative, observer), with dates.

    A representative speaks for one member organisation; the other roles may not.
    """

    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="roles",
                                    verbose_name=_("partnership"))
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE,
                             related_name="partnership_roles", verbose_name=_("person"))
    role = models.CharField(_("role"), max_length=40, choices=roles.choices(roles.PARTNERSHIP))
    organisation = models.ForeignKey(Organisation, on_delete=models.PROTECT, null=True, blank=True,
                                     related_name="representatives", verbose_name=_("on behalf of"))
    group = models.ForeignKey(PartnershipGroup, on_delete=models.CASCADE, null=True, blank=True,
                              related_name="roles", verbose_name=_("group"))
    granted_at = models.DateTimeField(_("from"), default=timezone.now)
    ended_at = models.DateTimeField(_("until"), null=True, blank=True)

    history = HistoricalRecords()

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


class PartnershipInvitation(TenantModel):
    """The partnership role an invitation brings: granted when the person accepts it.

    The invitation itself (its token, its email, its consortium role) is consortia's; this row
    adds the role in one partnership, so someone can be invited straight in as, say, the
    representative of a member school.
    """

    invitation = models.ForeignKey("consortia.Invitation", on_delete=models.CASCADE, db_index=False,
                                   related_name="partnership_grants", verbose_name=_("invitation"))
    partnership = models.ForeignKey(Partnership, on_delete=models.CASCADE, related_name="invitations",
                                    verbose_name=_("partnership"))
    role = models.CharField(_("role"), max_length=40, choices=roles.choices(roles.PARTNERSHIP))
    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, null=True, blank=True,
                                     related_name="+", verbose_name=_("on behalf of"))

    class Meta:
        verbose_name = _("partnership role invited to")
        verbose_name_plural = _("partnership roles invited to")
        constraints = [
            models.UniqueConstraint(fields=["consortium", "invitation"], name="partnership_invitation_one_role"),
        ]
        indexes = [models.Index(fields=["consortium", "partnership"], name="partnership_invitation_idx")]

    def __str__(self) -> str:
        return self.describe()

    def describe(self, language: str | None = None) -> str:
        from django.utils.translation import gettext

        values = {"role": roles.get(self.role).label, "partnership": self.partnership.display_name(language)}
        if self.organisation_id:
            values["organisation"] = self.organisation.display_name(language)
            return gettext("%(role)s for %(organisation)s in %(partnership)s") % values
        return gettext("%(role)s in %(partnership)s") % values
