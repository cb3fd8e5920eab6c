"""Read-only REST API for programmes, cohorts, enrolments (with their status history), events,
attendance and engagement figures, so a hub's CRM can sync. Same scoping and permissions as the
pages: rows of programmes the person runs, or supports as an induction tutor (their school's).

Writes stay on the pages for now; when they come here they call `programmes.services`.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema, extend_schema_serializer
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action

from consortia.api import ConsortiumViewSetMixin
from partnerships.api import IdFilter

from .models import Attendance, Cohort, Enrolment, EnrolmentStatusChange, Event, Programme
from .selectors import access as access_selectors
from .selectors.engagement import engagement_for
from .selectors.enrolments import with_status
from .selectors.participants import participants_visible


class SupportsParticipants:
    """Holds `see_participants` somewhere in the consortium (a lead, a tutor) or administers it.

    Each viewset's rows are already only those the person may see; this refuses everyone else
    outright, so a participant's token cannot list the register of a whole cohort.
    """

    def _access(self, request, view):
        return access_selectors.access(request.user, view.consortium)

    def allows(self, request, view) -> bool:
        allowed = self._access(request, view)
        return allowed.is_admin or bool(allowed.programme_ids(access_selectors.SEE_PARTICIPANTS))

    def allows_object(self, request, view, obj) -> bool:
        return self.allows(request, view)


SUPPORTS = SupportsParticipants()
READ = {"list": SUPPORTS, "retrieve": SUPPORTS}


def _programme_ids(view):
    allowed = access_selectors.access(view.request.user, view.consortium)
    if allowed.is_admin:
        return None
    return allowed.programme_ids(access_selectors.SEE_PARTICIPANTS)


class ProgrammeSerializer(serializers.ModelSerializer):
    class Meta:
        model = Programme
        fields = ["id", "kind", "name", "name_cy", "partnership", "lead_provider", "jurisdiction",
                  "engagement_threshold", "agreement", "created_at"]
        read_only_fields = fields


class ProgrammeViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """Programmes the person runs or supports."""

    model = Programme
    serializer_class = ProgrammeSerializer
    action_permissions = READ
    filterset_fields = ["kind", "jurisdiction"]
    search_fields = ["name", "name_cy"]
    ordering_fields = ["name", "created_at"]
    ordering = ["name"]

    def get_tenant_queryset(self):
        ids = _programme_ids(self)
        return Programme.objects.all() if ids is None else Programme.objects.filter(pk__in=ids)


class CohortSerializer(serializers.ModelSerializer):
    course_identifier = serializers.CharField(source="course.identifier", read_only=True, allow_null=True)
    course_group = serializers.CharField(source="course.group", read_only=True, allow_null=True)
    completion_deadline = serializers.DateField(read_only=True, allow_null=True,
                                                help_text="NPQ: the last day to complete (12 or 18 months).")

    class Meta:
        model = Cohort
        fields = ["id", "programme", "name", "name_cy", "starts_on", "academic_year", "course", "course_identifier",
                  "course_group", "completion_deadline"]
        read_only_fields = fields


class CohortFilter(filters.FilterSet):
    programme = IdFilter(field_name="programme_id")

    class Meta:
        model = Cohort
        fields = ["programme", "academic_year"]


class EngagementSerializer(serializers.Serializer):
    enrolment = serializers.IntegerField()
    completed = serializers.IntegerField(help_text="Required events attended or caught up (confirmed).")
    held = serializers.IntegerField(help_text="Required events held so far while the participant was active.")
    remaining = serializers.IntegerField(help_text="Required events still to come.")
    share = serializers.CharField(allow_null=True, help_text="completed/held as an exact fraction, e.g. \"9/10\".")
    percent = serializers.IntegerField(allow_null=True, help_text="The share as a whole percentage, rounded down.")
    reachable = serializers.CharField(allow_null=True, help_text="The best share reachable, as an exact fraction.")
    threshold = serializers.CharField(help_text="The programme's threshold as an exact fraction, e.g. \"9/10\".")
    state = serializers.ChoiceField(choices=["not_started", "on_track", "below", "unreachable"])


def engagement_rows(figures) -> list[dict]:
    return [{"enrolment": pk, "completed": f.completed, "held": f.held, "remaining": f.remaining,
             "share": None if f.share is None else str(f.share), "percent": f.percent,
             "reachable": None if f.reachable is None else str(f.reachable), "threshold": str(f.threshold),
             "state": f.state} for pk, f in figures.items()]


class CohortViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    viewsets.GenericViewSet):
    model = Cohort
    serializer_class = CohortSerializer
    action_permissions = {**READ, "engagement": SUPPORTS}
    filterset_class = CohortFilter
    search_fields = ["name"]
    ordering_fields = ["starts_on", "name"]
    ordering = ["-starts_on", "name"]

    def get_tenant_queryset(self):
        ids = _programme_ids(self)
        cohorts = Cohort.objects.select_related("course")
        return cohorts if ids is None else cohorts.filter(programme_id__in=ids)

    @extend_schema(responses=EngagementSerializer(many=True))
    @action(detail=True, methods=["get"], filter_backends=[])
    def engagement(self, request, *args, **kwargs):
        """Each visible participant's engagement figures, compared exactly (fractions, not floats)."""
        cohort = self.get_object()
        enrolments = participants_visible(request.user, self.consortium).filter(cohort=cohort).select_related(
            "cohort__programme").order_by("pk")
        page = self.paginate_queryset(enrolments)
        return self.get_paginated_response(EngagementSerializer(engagement_rows(engagement_for(page)),
                                                                many=True).data)


class StatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = EnrolmentStatusChange
        fields = ["id", "kind", "status", "reason", "effective_on", "note", "school", "recorded_by", "recorded_at"]
        read_only_fields = fields


class EnrolmentSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)
    status = serializers.CharField(read_only=True, help_text="Derived from the history: active, deferred, withdrawn, "
                                                             "completed, or joining before the start.")
    school = serializers.IntegerField(source="school_id", read_only=True, allow_null=True)
    status_history = StatusChangeSerializer(source="status_changes", many=True, read_only=True)

    class Meta:
        model = Enrolment
        fields = ["id", "cohort", "user", "email", "full_name", "role", "started_on", "status", "school",
                  "status_history"]
        read_only_fields = fields


class EnrolmentFilter(filters.FilterSet):
    cohort = IdFilter(field_name="cohort_id")
    programme = IdFilter(field_name="cohort__programme_id")

    class Meta:
        model = Enrolment
        fields = ["cohort", "programme", "role"]


class EnrolmentViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """Participants the person may see, each with their status history (append-only)."""

    model = Enrolment
    serializer_class = EnrolmentSerializer
    action_permissions = READ
    filterset_class = EnrolmentFilter
    search_fields = ["user__email", "user__full_name"]
    ordering_fields = ["started_on", "user__full_name"]
    ordering = ["pk"]

    def get_tenant_queryset(self):
        history = EnrolmentStatusChange.objects.order_by("effective_on", "pk")
        return with_status(participants_visible(self.request.user, self.consortium).select_related("user")
                           .prefetch_related(Prefetch("status_changes", queryset=history)))


class EventSerializer(serializers.ModelSerializer):
    class Meta:
        model = Event
        fields = ["id", "cohort", "kind", "title", "title_cy", "audience", "starts_at", "ends_at", "venue",
                  "online_link", "counts_for_engagement", "recording_url", "state", "version"]
        read_only_fields = fields


class EventFilter(filters.FilterSet):
    cohort = IdFilter(field_name="cohort_id")
    starts_after = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="gte")
    starts_before = filters.IsoDateTimeFilter(field_name="starts_at", lookup_expr="lt")

    class Meta:
        model = Event
        fields = ["cohort", "kind", "state", "starts_after", "starts_before"]


class EventViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   viewsets.GenericViewSet):
    model = Event
    serializer_class = EventSerializer
    action_permissions = READ
    filterset_class = EventFilter
    search_fields = ["title", "title_cy"]
    ordering_fields = ["starts_at"]
    ordering = ["starts_at", "pk"]

    def get_tenant_queryset(self):
        ids = _programme_ids(self)
        return Event.objects.all() if ids is None else Event.objects.filter(cohort__programme_id__in=ids)


@extend_schema_serializer(component_name="ProgrammeAttendance")  # governance has an "Attendance" too
class AttendanceSerializer(serializers.ModelSerializer):
    counts = serializers.BooleanField(read_only=True, help_text="Whether it counts toward engagement.")

    class Meta:
        model = Attendance
        fields = ["id", "event", "enrolment", "state", "mode", "counts", "recorded_at", "claimed_at", "decided_at"]
        read_only_fields = fields


class AttendanceFilter(filters.FilterSet):
    event = IdFilter(field_name="event_id")
    enrolment = IdFilter(field_name="enrolment_id")
    cohort = IdFilter(field_name="event__cohort_id")

    class Meta:
        model = Attendance
        fields = ["event", "enrolment", "cohort", "state"]


class AttendanceViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    model = Attendance
    serializer_class = AttendanceSerializer
    action_permissions = READ
    filterset_class = AttendanceFilter
    search_fields: list[str] = []
    ordering_fields = ["recorded_at"]
    ordering = ["pk"]

    def get_tenant_queryset(self):
        return Attendance.objects.filter(
            enrolment__in=participants_visible(self.request.user, self.consortium).values("pk"))


def register(router) -> None:
    """config/api.py adds `programmes_api.register(v1)`."""
    router.register("programmes", ProgrammeViewSet, basename="programme")
    router.register("cohorts", CohortViewSet, basename="cohort")
    router.register("enrolments", EnrolmentViewSet, basename="enrolment")
    router.register("programme-events", EventViewSet, basename="programme-event")
    router.register("programme-attendance", AttendanceViewSet, basename="programme-attendance")
    from .api_ite import register as register_ite

    register_ite(router)
