"""Django admin for consortium admins and programme leads, scoped like the rest.

A consortium admin sees every programme row of their consortia; a programme lead sees the rows
of the programmes they lead (consortia.services.STAFF_ROLE_CHECKS opens the admin to them).
Writes with rules behind them go through the services; the history tables are read-only.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from consortia.admin import RoleAdmin, TenantAdmin
from consortia.models import Consortium
from partnerships.admin import ConsortiumImportExportMixin

from . import services
from .models import (
    AssessmentAttempt,
    AssessmentWindow,
    Attendance,
    Cohort,
    Course,
    Enrolment,
    EnrolmentStatusChange,
    Event,
    FacilitationAssignment,
    FacilitationRecord,
    FacilitatorBriefing,
    PlacementOffer,
    Programme,
    ProgrammeRole,
    QualityVisit,
    SchoolAssessmentRecord,
    StaffingChange,
    Trainee,
    TrainingDay,
)
from .resources import EnrolmentResource
from .resources_ite import PlacementOfferResource, TraineeResource

# How each model reaches its programme, for a programme lead's scope.
PROGRAMME_PATH = {
    Programme: "pk", Course: None, Cohort: "programme_id", ProgrammeRole: "programme_id",
    Enrolment: "cohort__programme_id", EnrolmentStatusChange: "enrolment__cohort__programme_id",
    Event: "cohort__programme_id", Attendance: "event__cohort__programme_id",
    AssessmentWindow: "cohort__programme_id", AssessmentAttempt: "window__cohort__programme_id",
    FacilitationAssignment: "event__cohort__programme_id", FacilitatorBriefing: "event__cohort__programme_id",
    TrainingDay: "programme_id", FacilitationRecord: "programme_id", StaffingChange: "programme_id",
    Trainee: "programme_id", PlacementOffer: "programme_id",
}


def led_programmes(request) -> dict[int, set[int]]:
    """{consortium id: programme ids} the person leads; read once per request."""
    if not hasattr(request, "_led_programmes"):
        led: dict[int, set[int]] = {}
        for consortium_id, programme_id in ProgrammeRole.objects.filter(
                user=request.user, role="programme_lead", ended_at__isnull=True).values_list(
                "consortium_id", "programme_id"):
            led.setdefault(consortium_id, set()).add(programme_id)
        request._led_programmes = led
    return request._led_programmes


def _scope(request, queryset, model):
    """The rows of `model` in the consortia the person administers or the programmes they lead."""
    from django.db.models import Q

    condition = Q(consortium_id__in=TenantAdmin._consortium_ids(TenantAdmin(model, admin.site), request))
    path = PROGRAMME_PATH.get(model)
    for consortium_id, programme_ids in led_programmes(request).items():
        condition |= Q(consortium_id=consortium_id) if path is None else Q(
            consortium_id=consortium_id, **{f"{path}__in": programme_ids})
    return queryset.filter(condition)


class ProgrammeAdminMixin:
    """TenantAdmin's scope, widened to the programmes a person leads in other consortia."""

    def _consortium_ids(self, request) -> set[int]:
        return super()._consortium_ids(request) | set(led_programmes(request))

    def _admin_ids(self, request) -> set[int]:
        return TenantAdmin._consortium_ids(self, request)

    def get_queryset(self, request):
        queryset = admin.ModelAdmin.get_queryset(self, request)
        return queryset if request.user.is_superuser else _scope(request, queryset, self.model)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        field = super().formfield_for_foreignkey(db_field, request, **kwargs)
        related = db_field.related_model
        if not request.user.is_superuser and related in PROGRAMME_PATH and PROGRAMME_PATH[related]:
            field.queryset = _scope(request, field.queryset, related)
        return field

    def _owner_ok(self, request, obj) -> bool:
        return obj is None or self.get_queryset(request).filter(pk=obj.pk).exists()

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request) and self._owner_ok(request, obj)


class ProgrammeTenantAdmin(ProgrammeAdminMixin, TenantAdmin):
    pass


class ReadOnly(ProgrammeTenantAdmin):
    """Written only by services (the pages); the admin shows them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Programme)
class ProgrammeAdmin(ProgrammeTenantAdmin):
    list_display = ["name", "kind", "partnership", "jurisdiction", "engagement_threshold", "consortium"]
    list_filter = ["kind", "jurisdiction"]
    search_fields = ["name", "name_cy"]

    def has_add_permission(self, request) -> bool:
        return bool(self._admin_ids(request)) or request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: getattr(obj, name) for name in services.programmes.PROGRAMME_FIELDS}
        if change:
            fields.pop("kind")
            saved = services.programme_update(programme=obj, **fields)
        else:
            saved = services.programme_create(consortium=obj.consortium, **fields)
        if saved.is_npq:
            services.npq_courses_ensure(consortium=saved.consortium)
        obj.pk = saved.pk


@admin.register(Course)
class CourseAdmin(ProgrammeTenantAdmin):
    list_display = ["name", "identifier", "short_code", "group", "consortium"]
    list_filter = ["group"]
    search_fields = ["name", "identifier"]


@admin.register(Cohort)
class CohortAdmin(ProgrammeTenantAdmin):
    list_display = ["name", "programme", "starts_on", "academic_year", "course", "consortium"]
    list_filter = ["academic_year"]
    search_fields = ["name", "programme__name"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: getattr(obj, name) for name in services.programmes.COHORT_FIELDS}
        saved = (services.cohort_update(cohort=obj, **fields) if change
                 else services.cohort_create(programme=obj.programme, **fields))
        obj.pk = saved.pk


@admin.register(ProgrammeRole)
class ProgrammeRoleAdmin(ProgrammeAdminMixin, RoleAdmin):
    list_display = ["user", "role", "programme", "cohort", "organisation", "granted_at", "ended_at"]
    fields = ["consortium", "programme", "cohort", "user", "role", "organisation", "granted_at", "ended_at"]
    search_fields = ["user__email", "user__full_name", "programme__name"]

    def grant(self, obj, request):
        return services.programme_role_grant(programme=obj.programme, user=obj.user, role=obj.role,
                                             cohort=obj.cohort, organisation=obj.organisation,
                                             granted_by=request.user)

    def end(self, obj):
        services.programme_role_end(programme=obj.programme, user=obj.user, role=obj.role, cohort=obj.cohort)


@admin.register(Enrolment)
class EnrolmentAdmin(ConsortiumImportExportMixin, ReadOnly):
    """Participants, read-only here (changes are recorded on the participant's page), and the
    participants import and export."""

    list_display = ["user", "role", "cohort", "started_on", "consortium"]
    list_filter = ["role"]
    search_fields = ["user__email", "user__full_name", "cohort__name"]
    resource_classes = [EnrolmentResource]
    import_help = _(
        "Columns: email, full_name, cohort, role (ect, mentor or npq_participant), school (its school code or "
        "name), started_on (such as 01/09/2025), mentor_email (an ECT's mentor, already on the programme). "
        "email, cohort, role and school are required.\n"
        "People are matched by email address; someone new is added to the consortium without a password (they "
        "sign in after an invitation). Only cohorts you run can be named.\n"
        "Each row enrols one person: someone already on the cohort in that role is an error, as is an early career "
        "teacher already at a school (move them on their page instead).\n"
        "Nothing is saved unless every row is valid."
    )

    def _importable_consortia(self, request):
        return Consortium.objects.filter(pk__in=self._consortium_ids(request)).order_by("name")

    def get_import_resource_kwargs(self, request, **kwargs):
        return {**super().get_import_resource_kwargs(request, **kwargs), "user": request.user}


@admin.register(EnrolmentStatusChange)
class EnrolmentStatusChangeAdmin(ReadOnly):
    list_display = ["enrolment", "kind", "status", "reason", "effective_on", "recorded_by", "recorded_at"]
    list_filter = ["kind", "status"]
    search_fields = ["enrolment__user__email", "enrolment__user__full_name"]
    date_hierarchy = "effective_on"


@admin.register(Event)
class EventAdmin(ProgrammeTenantAdmin):
    list_display = ["title", "kind", "cohort", "starts_at", "state", "counts_for_engagement", "consortium"]
    list_filter = ["kind", "state", "counts_for_engagement"]
    search_fields = ["title", "cohort__name"]
    readonly_fields = ["state", "version", "notice_sent_at", "created_by"]

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def save_model(self, request, obj, form, change):
        fields = {name: getattr(obj, name) for name in services.events.EVENT_FIELDS}
        try:
            saved = services.event_save(cohort=obj.cohort, by=request.user, event=obj if change else None, **fields)
        except ValidationError as exc:
            self.message_user(request, " ".join(exc.messages), messages.ERROR)
            return
        obj.pk = saved.pk


@admin.register(Attendance)
class AttendanceAdmin(ReadOnly):
    list_display = ["enrolment", "event", "state", "mode", "recorded_at"]
    list_filter = ["state", "mode"]
    search_fields = ["enrolment__user__email", "event__title"]


@admin.register(AssessmentWindow)
class AssessmentWindowAdmin(ProgrammeTenantAdmin):
    list_display = ["title", "cohort", "opens_on", "closes_on"]

    def save_model(self, request, obj, form, change):
        saved = services.assessment_window_save(cohort=obj.cohort, title=obj.title, opens_on=obj.opens_on,
                                                closes_on=obj.closes_on, window=obj if change else None)
        obj.pk = saved.pk


@admin.register(AssessmentAttempt)
class AssessmentAttemptAdmin(ReadOnly):
    list_display = ["enrolment", "window", "number", "state", "submitted_on", "outcome_on"]
    list_filter = ["state"]


@admin.register(FacilitationAssignment)
class FacilitationAssignmentAdmin(ReadOnly):
    list_display = ["fellow", "event", "role", "state", "content_released_at", "delivered_at"]
    list_filter = ["state", "role"]
    search_fields = ["fellow__email", "fellow__full_name", "event__title"]


@admin.register(FacilitatorBriefing)
class FacilitatorBriefingAdmin(ReadOnly):
    list_display = ["event", "starts_at", "duration_minutes"]


@admin.register(TrainingDay)
class TrainingDayAdmin(ProgrammeTenantAdmin):
    list_display = ["title", "programme", "on", "half_days"]

    def save_model(self, request, obj, form, change):
        saved = services.training_day_save(programme=obj.programme, title=obj.title, on=obj.on,
                                           half_days=obj.half_days, venue=obj.venue, online_link=obj.online_link,
                                           training_day=obj if change else None)
        obj.pk = saved.pk


@admin.register(FacilitationRecord)
class FacilitationRecordAdmin(ConsortiumImportExportMixin, ReadOnly):
    """Facilitation records to pay to fellows' schools and trusts; exported here for finance."""

    list_display = ["fellow", "employer", "kind", "on", "minutes", "state", "paid_by", "programme"]
    list_filter = ["state", "kind"]
    list_select_related = ["fellow", "employer", "programme", "payment", "consortium"]
    search_fields = ["fellow__email", "fellow__full_name", "employer__name"]
    date_hierarchy = "on"

    @admin.display(description=_("payment"))
    def paid_by(self, obj):
        """The finance payment that pays the record, on the finance pages (payments are requested there)."""
        if obj.payment_id is None:
            return "—"
        url = reverse("finance_payment", args=[obj.consortium.slug, obj.payment_id])
        return format_html('<a href="{}">{} ({})</a>', url, obj.payment.reference, obj.payment.get_status_display())

    def has_import_permission(self, request) -> bool:
        return False


@admin.register(StaffingChange)
class StaffingChangeAdmin(ReadOnly):
    list_display = ["kind", "enrolment", "effective_on", "state", "reported_by", "reported_at"]
    list_filter = ["state", "kind"]


@admin.register(QualityVisit)
class QualityVisitAdmin(ReadOnly):
    """ITE moderation and external examiner visits; written through the ITE pages (services.ite_qa)."""

    list_display = ["kind", "school", "scheduled_on", "visitor", "visitor_name", "report", "programme"]
    list_filter = ["kind"]
    list_select_related = ["school", "visitor", "report", "programme", "consortium"]
    date_hierarchy = "scheduled_on"


@admin.register(SchoolAssessmentRecord)
class SchoolAssessmentRecordAdmin(ReadOnly):
    """School-based assessment records: document metadata and outcome only, never pupil data."""

    list_display = ["title", "trainee", "school", "assessed_on", "outcome", "programme"]
    list_filter = ["outcome"]
    list_select_related = ["trainee__user", "school", "programme", "consortium"]
    date_hierarchy = "assessed_on"


@admin.register(Trainee)
class TraineeAdmin(ConsortiumImportExportMixin, ReadOnly):
    """ITE trainees, read-only here (their record and status are kept on the ITE pages), and their import."""

    list_display = ["user", "route", "subject", "academic_year", "programme", "consortium"]
    list_filter = ["route", "academic_year"]
    list_select_related = ["user", "programme", "consortium"]
    search_fields = ["user__email", "user__full_name"]
    resource_classes = [TraineeResource]
    import_help = _(
        "Columns: email, full_name, programme (an initial teacher education programme you run, by name), route "
        "(PGCE, School Direct (tuition fee), School Direct (salaried) or Assessment Only), subject, starts_on and "
        "ends_on (such as 01/09/2025). Headings may be in English or Welsh.\n"
        "People are matched by email address; someone new is added to the consortium without a password. Each "
        "trainee starts as a draft, in the academic year their start date falls in.\n"
        "Nothing is saved unless every row is valid."
    )

    def _importable_consortia(self, request):
        return Consortium.objects.filter(pk__in=self._consortium_ids(request)).order_by("name")


@admin.register(PlacementOffer)
class PlacementOfferAdmin(ConsortiumImportExportMixin, ReadOnly):
    """Schools' offers of placements, kept on the placement board, and their import."""

    list_display = ["school", "subject", "term", "places", "academic_year", "programme", "consortium"]
    list_filter = ["term", "academic_year"]
    list_select_related = ["school", "programme", "consortium"]
    search_fields = ["school__name", "school__school_code"]
    resource_classes = [PlacementOfferResource]
    import_help = _(
        "Columns: programme (an initial teacher education programme you run, by name), school (its school code or "
        "name, in this consortium), academic_year (such as 2026 or 2026/27), subject, term (autumn, spring or "
        "summer) and places (0 to 20). Headings may be in English or Welsh.\n"
        "A school's offer for the same subject, term and year is replaced by the file's; fewer places than "
        "trainees already placed is an error.\n"
        "Nothing is saved unless every row is valid."
    )

    def _importable_consortia(self, request):
        return Consortium.objects.filter(pk__in=self._consortium_ids(request)).order_by("name")


from . import admin_plans  # noqa: E402,F401  (joint plans' admin pages)
