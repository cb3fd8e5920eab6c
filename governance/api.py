"""REST API for meetings, agenda items, papers, attendance, actions and decisions.

Tenancy and declared permissions come from `consortia.api`; reads are limited to the partnerships
the person can see (and papers to their audience, by the same rule as the pages and emails);
every write goes through `governance.services`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Exists, OuterRef, Q
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consortia.api import MEMBER, ConsortiumViewSetMixin, ScopedPersonField, TenantModelSerializer
from consortia.permissions import has_consortium_perm
from partnerships.models import Partnership, PartnershipRole
from partnerships.selectors import visible_partnerships

from . import selectors, services
from .models import Action, AgendaItem, Attendance, Decision, Meeting, Paper, PaperAudience

User = get_user_model()


class MeetingPerm:
    """A partnership permission, decided on the row's partnership (a meeting's, or its meeting's)."""

    def __init__(self, perm: str):
        self.perm = perm

    def __repr__(self) -> str:
        return f"MeetingPerm({self.perm!r})"

    def allows(self, request, view) -> bool:
        return True  # the membership was checked with the consortium; the partnership decides

    def allows_object(self, request, view, obj) -> bool:
        if isinstance(obj, Partnership):
            partnership = obj
        elif hasattr(obj, "partnership_id"):
            partnership = obj.partnership
        else:
            partnership = obj.meeting.partnership
        partnership.consortium = view.consortium
        return selectors.viewer_for(request.user, partnership).has(self.perm)


class ActionChanger(MeetingPerm):
    """May change the action at all (`selectors.action_changes_allowed`, the page's rule); which fields is
    the service's to refuse, by the same rule."""

    refusal = _("Only the action's owner, or whoever records the partnership's minutes, can change it.")

    def allows_object(self, request, view, obj) -> bool:
        obj.partnership.consortium = view.consortium
        return bool(selectors.action_changes_allowed(obj, selectors.viewer_for(request.user, obj.partnership)))


MANAGE = MeetingPerm("partnerships.manage_meetings")
RECORD = MeetingPerm("partnerships.record_minutes")


def visible_partnership_ids(view):
    return visible_partnerships(view.request.user, view.consortium).values("pk")


def papers_visible_to(user, consortium):
    """Papers the person may see, as a queryset: the same rule as `selectors.paper_visible`."""
    papers = Paper.objects.for_consortium(consortium)
    if has_consortium_perm(user, "consortia.administer_consortium", consortium):
        return papers
    mine = PartnershipRole.objects.filter(consortium=consortium, user=user, ended_at__isnull=True)
    officer_of = mine.filter(role__in=selectors.OFFICER_ROLES).values("partnership_id")
    member_of = mine.values("partnership_id")
    representing = mine.filter(role="representative").values("partnership_id")
    audience = PaperAudience.objects.filter(
        paper=OuterRef("pk"),
        organisation_id__in=mine.filter(partnership_id=OuterRef(OuterRef("meeting__partnership_id")),
                                        organisation__isnull=False).values("organisation_id"))
    return papers.filter(
        Q(uploaded_by=user) | Q(meeting__chair=user) | Q(meeting__note_taker=user)
        | Q(meeting__partnership_id__in=officer_of)
        | Q(confidentiality=Paper.Confidentiality.MEMBERS, meeting__partnership_id__in=member_of)
        | Q(confidentiality=Paper.Confidentiality.REPRESENTATIVES, meeting__partnership_id__in=representing)
        | Q(Exists(audience), confidentiality=Paper.Confidentiality.ORGANISATIONS)
    )


# --- Meetings ------------------------------------------------------------------------------------

def person_field(**kwargs):
    """A person's id, of someone in this consortium. Who may chair, take notes or own an action (a role
    in the partnership) is checked by the service."""
    return ScopedPersonField(**kwargs)


class MeetingSerializer(TenantModelSerializer):
    chair = person_field(required=False, allow_null=True)
    note_taker = person_field(required=False, allow_null=True)

    class Meta:
        model = Meeting
        fields = ["id", "partnership", "group", "title", "kind", "starts_at", "ends_at", "time_zone", "venue",
                  "online_link", "chair", "note_taker", "status", "version", "agenda_agreed_at", "notice_sent_at",
                  "notice_late", "late_notice_reason", "cancelled_reason"]
        read_only_fields = ["time_zone", "status", "version", "agenda_agreed_at", "notice_sent_at", "notice_late",
                            "late_notice_reason", "cancelled_reason"]


class MeetingUpdateSerializer(MeetingSerializer):
    late_reason = serializers.CharField(required=False, allow_blank=True, write_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "late_reason"]
        read_only_fields = [*MeetingSerializer.Meta.read_only_fields, "partnership"]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="Why (a cancellation needs one; so does a notice at short notice).")


class AttendanceSerializer(serializers.ModelSerializer):
    name = serializers.CharField(source="display_name", read_only=True)

    class Meta:
        model = Attendance
        fields = ["id", "meeting", "user", "name", "organisation", "status", "is_delegate", "recorded_at"]
        read_only_fields = fields


class AttendanceRecordSerializer(serializers.Serializer):
    people = serializers.DictField(child=serializers.ChoiceField(choices=Attendance.Status.choices),
                                   help_text="Person id → present, apologies or absent.")


class MeetingViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                     mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Meetings of the partnerships the person can see."""

    model = Meeting
    serializer_class = MeetingSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "create": MANAGE, "update": MANAGE,
                          "partial_update": MANAGE, "send_notice": MANAGE, "cancel": MANAGE,
                          "attendance": RECORD}
    filterset_fields = ["partnership", "kind", "status"]
    search_fields = ["title"]
    ordering_fields = ["starts_at", "title"]
    ordering = ["starts_at"]

    def get_tenant_queryset(self):
        return Meeting.objects.filter(partnership__in=visible_partnership_ids(self)).select_related("partnership")

    def get_serializer_class(self):
        return MeetingUpdateSerializer if self.action in ("update", "partial_update") else MeetingSerializer

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        partnership = data.pop("partnership")
        self.check_object_permissions(self.request, partnership)
        for name in ("time_zone", "status"):
            data.pop(name, None)
        serializer.instance = services.meeting_schedule(partnership=partnership, created_by=self.request.user, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        late_reason = data.pop("late_reason", "")
        serializer.instance = services.meeting_update(meeting=serializer.instance, by=self.request.user,
                                                      late_reason=late_reason, **data)

    @extend_schema(request=ReasonSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], url_path="send-notice")
    def send_notice(self, request, *args, **kwargs):
        """Send the notice to everyone invited (a short notice needs `reason`)."""
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_notice_send(meeting=self.get_object(), by=request.user,
                                               late_reason=serializer.validated_data["reason"])
        return Response(MeetingSerializer(meeting, context=self.get_serializer_context()).data)

    @extend_schema(request=ReasonSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        serializer = ReasonSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_cancel(meeting=self.get_object(), by=request.user,
                                          reason=serializer.validated_data["reason"])
        return Response(MeetingSerializer(meeting, context=self.get_serializer_context()).data)


    @extend_schema(request=AttendanceRecordSerializer, responses=AttendanceSerializer(many=True))
    # The whole register of the meeting, as recorded: not a page of a list, and no list filters.
    @action(detail=True, methods=["post"], pagination_class=None, filter_backends=[])
    def attendance(self, request, *args, **kwargs):
        """Record attendance on the day (person id → present, apologies or absent); the meeting is then held."""
        meeting = self.get_object()
        serializer = AttendanceRecordSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        people = {int(k): v for k, v in serializer.validated_data["people"].items() if str(k).isdigit()}
        services.attendance_record(meeting=meeting, by=request.user, people=people)
        rows = Attendance.objects.for_consortium(self.consortium).filter(meeting=meeting).select_related("user")
        return Response(AttendanceSerializer(rows, many=True).data)


# --- Agenda items and papers ----------------------------------------------------------------------

class AgendaItemSerializer(TenantModelSerializer):
    owner = person_field(required=False, allow_null=True)

    class Meta:
        model = AgendaItem
        fields = ["id", "meeting", "position", "title", "description", "owner", "minutes_allowed"]


class AgendaItemViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    model = AgendaItem
    serializer_class = AgendaItemSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "create": MANAGE, "update": MANAGE,
                          "partial_update": MANAGE}
    filterset_fields = ["meeting"]
    ordering = ["meeting_id", "position", "pk"]

    def get_tenant_queryset(self):
        return AgendaItem.objects.filter(meeting__partnership__in=visible_partnership_ids(self)).select_related(
            "meeting__partnership")

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        self.check_object_permissions(self.request, meeting)
        serializer.instance = services.agenda_item_save(meeting=meeting, **data)

    def perform_update(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("meeting", None)
        item = serializer.instance
        fields = {"title": item.title, "description": item.description, "owner": item.owner,
                  "minutes_allowed": item.minutes_allowed, "position": item.position, **data}
        serializer.instance = services.agenda_item_save(meeting=item.meeting, item=item, **fields)


class PaperSerializer(serializers.ModelSerializer):
    audience = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = ["id", "meeting", "agenda_item", "title", "size", "content_type", "confidentiality", "audience",
                  "uploaded_at", "download_url"]
        read_only_fields = fields

    def get_audience(self, paper) -> list[int]:
        return [a.organisation_id for a in paper.audience.all()]

    def get_download_url(self, paper) -> str:
        from django.urls import reverse

        return reverse("paper_download", args=[self.context["consortium"].slug, paper.pk])


class PaperViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                   viewsets.GenericViewSet):
    """Papers the person may see. A confidential paper outside their audience is not listed and is a 404."""

    model = Paper
    serializer_class = PaperSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER}
    filterset_fields = ["meeting"]
    ordering = ["meeting_id", "pk"]

    def get_tenant_queryset(self):
        return papers_visible_to(self.request.user, self.consortium).filter(
            meeting__partnership__in=visible_partnership_ids(self)).prefetch_related("audience")


# --- Attendance, decisions, actions ---------------------------------------------------------------

class AttendanceViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        viewsets.GenericViewSet):
    model = Attendance
    serializer_class = AttendanceSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER}
    filterset_fields = ["meeting", "status"]
    ordering = ["meeting_id", "pk"]

    def get_tenant_queryset(self):
        return Attendance.objects.filter(meeting__partnership__in=visible_partnership_ids(self)).select_related(
            "user")


class DecisionSerializer(TenantModelSerializer):
    class Meta:
        model = Decision
        fields = ["id", "meeting", "agenda_item", "text", "outcome", "vote_taken", "votes_for", "votes_against",
                  "votes_abstaining", "quorate", "recorded_at"]
        read_only_fields = ["quorate", "recorded_at"]


class DecisionViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                      mixins.CreateModelMixin, viewsets.GenericViewSet):
    """The decisions log, with votes where a vote was taken and whether the meeting was quorate."""

    model = Decision
    serializer_class = DecisionSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "create": RECORD}
    filterset_fields = ["meeting", "outcome", "quorate"]
    ordering = ["recorded_at", "pk"]

    def get_tenant_queryset(self):
        return Decision.objects.filter(meeting__partnership__in=visible_partnership_ids(self))

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        meeting = data.pop("meeting")
        self.check_object_permissions(self.request, meeting)
        serializer.instance = services.decision_record(meeting=meeting, by=self.request.user, **data)


class ActionSerializer(TenantModelSerializer):
    owner = person_field()
    is_overdue = serializers.BooleanField(read_only=True)

    class Meta:
        model = Action
        fields = ["id", "partnership", "meeting", "title", "owner", "due_on", "status", "is_overdue", "completed_at"]
        read_only_fields = ["completed_at"]


class ActionViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Actions of the partnerships the person can see. `?mine=true` for the person's own."""

    model = Action
    serializer_class = ActionSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "create": RECORD,
                          "update": ActionChanger("partnerships.record_minutes"),
                          "partial_update": ActionChanger("partnerships.record_minutes")}
    filterset_fields = ["partnership", "meeting", "status", "owner"]
    ordering_fields = ["due_on"]
    ordering = ["due_on", "pk"]

    def get_tenant_queryset(self):
        actions = Action.objects.filter(partnership__in=visible_partnership_ids(self)).select_related("partnership")
        if self.request.query_params.get("mine") == "true":
            actions = Action.objects.filter(owner=self.request.user).select_related("partnership")
        return actions

    def perform_create(self, serializer):
        data = dict(serializer.validated_data)
        data.pop("status", None)
        self.check_object_permissions(self.request, data["partnership"])
        serializer.instance = services.action_create(**data)

    def perform_update(self, serializer):
        data = {k: v for k, v in serializer.validated_data.items() if k in ("title", "status", "due_on", "owner")}
        serializer.instance = services.action_update(action=serializer.instance, by=self.request.user, **data)


def register(router) -> None:
    """The lead adds `governance_api.register(v1)` to config/api.py."""
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
    router.register("papers", PaperViewSet, basename="paper")
    router.register("attendance", AttendanceViewSet, basename="attendance")
    router.register("decisions", DecisionViewSet, basename="decision")
    router.register("actions", ActionViewSet, basename="action")
