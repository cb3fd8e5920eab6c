"""Read-only REST API for ITE trainees (with their status history) and placements, and for joint
plans with their projects' shown status and milestones. Same visibility as the pages: the
office and tutors see every trainee of their programmes; a school's ITE lead the trainees placed
with them; a mentor their mentees; a trainee themself. Plans: people of the plan's partnership.

Writes stay on the pages for now; when they come here they call `programmes.services`.
"""

from __future__ import annotations

from django.db.models import Prefetch, Q
from django.utils import timezone
from django_filters import rest_framework as filters
from drf_spectacular.utils import extend_schema_field
from rest_framework import mixins, serializers, viewsets

from consortia.api import ConsortiumViewSetMixin
from partnerships.api import IdFilter
from partnerships.selectors import visible_partnerships

from .models import JointPlan, Placement, ProgrammeRole, Project, ProjectStatus, Trainee, TraineeStatusChange
from .selectors import access as access_selectors
from .selectors import ite as ite_selectors
from .selectors import plans as plan_selectors


class SignedIn:
    """Any member of the consortium; each viewset's rows are only those the person may see."""

    def allows(self, request, view) -> bool:
        return True

    def allows_object(self, request, view, obj) -> bool:
        return True


READ = {"list": SignedIn(), "retrieve": SignedIn()}


def visible_trainees(user, consortium):
    allowed = access_selectors.access(user, consortium)
    queryset = Trainee.objects.filter(consortium=consortium)
    if allowed.is_admin:
        return queryset
    programmes = allowed.programme_ids(access_selectors.SEE_PARTICIPANTS)
    schools = ProgrammeRole.objects.filter(consortium=consortium, user=user, role="ite_school_lead",
                                           ended_at__isnull=True).values("organisation_id")
    return queryset.filter(Q(programme_id__in=programmes) | Q(user=user) | Q(placements__school_id__in=schools)
                           | Q(placements__mentor__user=user)).distinct()


class TraineeStatusChangeSerializer(serializers.ModelSerializer):
    class Meta:
        model = TraineeStatusChange
        fields = ["state", "reason", "trigger", "effective_on", "recorded_at"]
        read_only_fields = fields


class TraineeSerializer(serializers.ModelSerializer):
    email = serializers.EmailField(source="user.email", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)
    state = serializers.CharField(read_only=True, help_text="The latest status change's state.")
    status_history = TraineeStatusChangeSerializer(source="status_changes", many=True, read_only=True)

    class Meta:
        model = Trainee
        fields = ["id", "programme", "email", "full_name", "route", "subject", "academic_year", "starts_on",
                  "ends_on", "state", "status_history"]
        read_only_fields = fields


class TraineeFilter(filters.FilterSet):
    programme = IdFilter(field_name="programme_id")

    class Meta:
        model = Trainee
        fields = ["programme", "academic_year", "route", "subject"]


class TraineeViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     viewsets.GenericViewSet):
    model = Trainee
    serializer_class = TraineeSerializer
    action_permissions = READ
    filterset_class = TraineeFilter
    search_fields = ["user__email", "user__full_name"]
    ordering_fields = ["user__full_name", "starts_on"]
    ordering = ["pk"]

    def get_tenant_queryset(self):
        history = TraineeStatusChange.objects.order_by("effective_on", "recorded_at", "pk")
        return ite_selectors.with_state(visible_trainees(self.request.user, self.consortium)).select_related(
            "user").prefetch_related(Prefetch("status_changes", queryset=history))


class PlacementSerializer(serializers.ModelSerializer):
    class Meta:
        model = Placement
        fields = ["id", "trainee", "school", "offer", "sequence", "term", "starts_on", "ends_on", "status",
                  "mentor", "tutor", "lead_tutor", "contrast_reason"]
        read_only_fields = fields


class PlacementViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    model = Placement
    serializer_class = PlacementSerializer
    action_permissions = READ
    filterset_fields = ["sequence", "term", "status"]
    ordering_fields = ["starts_on", "sequence"]
    ordering = ["pk"]

    def get_tenant_queryset(self):
        return Placement.objects.filter(consortium=self.consortium, trainee__in=visible_trainees(
            self.request.user, self.consortium).values("pk"))


class ProjectSerializer(serializers.ModelSerializer):
    status = serializers.SerializerMethodField(help_text="The latest progress update's status.")
    milestones = serializers.SerializerMethodField()

    class Meta:
        model = Project
        fields = ["id", "position", "name", "name_cy", "overview", "overview_cy", "sponsor", "sponsor_organisation",
                  "manager", "status", "milestones"]
        read_only_fields = fields

    @extend_schema_field(serializers.ChoiceField(choices=ProjectStatus.choices))
    def get_status(self, project) -> str:
        return plan_selectors.shown_status(project)

    @extend_schema_field(serializers.ListField(child=serializers.DictField(), help_text=(
        "Each milestone with its dates and its lateness today: state and days late.")))
    def get_milestones(self, project) -> list[dict]:
        today = timezone.localdate()
        return [{"id": m.pk, "name": m.name, "baseline_on": m.baseline_on, "forecast_on": m.forecast_on,
                 "actual_on": m.actual_on, **{f"lateness_{k}": v for k, v in m.lateness(today).items()}}
                for m in project.milestones.all()]


class JointPlanSerializer(serializers.ModelSerializer):
    projects = ProjectSerializer(many=True, read_only=True, source="shown_projects")

    class Meta:
        model = JointPlan
        fields = ["id", "partnership", "name", "name_cy", "update_every_days", "projects"]
        read_only_fields = fields


class JointPlanViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    model = JointPlan
    serializer_class = JointPlanSerializer
    action_permissions = READ
    ordering = ["name"]

    def get_tenant_queryset(self):
        project_rows = Project.objects.annotate(latest_status=plan_selectors.latest("status")).prefetch_related(
            "milestones").order_by("position", "pk")
        return JointPlan.objects.filter(consortium=self.consortium, partnership__in=visible_partnerships(
            self.request.user, self.consortium)).prefetch_related(
            Prefetch("projects", queryset=project_rows, to_attr="shown_projects"))


def register(router) -> None:
    router.register("trainees", TraineeViewSet, basename="trainee")
    router.register("placements", PlacementViewSet, basename="placement")
    router.register("joint-plans", JointPlanViewSet, basename="joint-plan")
