"""REST API for meetings, agenda items, papers, attendance, actions and decisions.

Tenancy and declared permissions come from `consortia.api`; reads are limited to the partnerships
the person can see (and papers to their audience, by the same rule as the pages and emails);
every write goes through `governance.services`.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.http import Http404
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consortia.api import MEMBER, ConsortiumViewSetMixin, ScopedPersonField, TenantModelSerializer
from partnerships.models import Partnership
from partnerships.selectors import visible_partnerships

from . import selectors, services
from .models import Action, AgendaItem, Attendance, Decision, Declaration, Meeting, Minutes, Paper, Reply

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


class MeetingPerms(MeetingPerm):
    """Every one of several partnership permissions (recording a past meeting plans it and records it)."""

    def __init__(self, *perms: str):
        super().__init__(perms[0])
        self.perms = perms

    def __repr__(self) -> str:
        return f"MeetingPerms{self.perms!r}"

    def allows_object(self, request, view, obj) -> bool:
        return all(MeetingPerm(perm).allows_object(request, view, obj) for perm in self.perms)


class ActionChanger(MeetingPerm):
    """May change the action at all (`selectors.action_changes_allowed`, the page's rule); which fields is
    the service's to refuse, by the same rule."""

    refusal = _("Only the action's owner, or whoever records the partnership's minutes, can change it.")

    def allows_object(self, request, view, obj) -> bool:
        obj.partnership.consortium = view.consortium
        return bool(selectors.action_changes_allowed(obj, selectors.viewer_for(request.user, obj.partnership)))


MANAGE = MeetingPerm("partnerships.manage_meetings")
RECORD = MeetingPerm("partnerships.record_minutes")
READ = MeetingPerm("partnerships.view_partnership")
MANAGE_AND_RECORD = MeetingPerms("partnerships.manage_meetings", "partnerships.record_minutes")


def visible_partnership_ids(view):
    return visible_partnerships(view.request.user, view.consortium).values("pk")


def papers_visible_to(user, consortium):
    """Papers the person may see, as a queryset: the same rule as `selectors.paper_visible`."""
    return selectors.papers_visible_queryset(user, consortium)


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
                  "notice_late", "late_notice_reason", "cancelled_reason",
                  # Welsh beside the English, and what the notice said
                  "title_cy", "late_notice_reason_cy", "cancelled_reason_cy", "notice_message", "notice_message_cy",
                  "recorded_after"]
        read_only_fields = ["time_zone", "status", "version", "agenda_agreed_at", "notice_sent_at", "notice_late",
                            "late_notice_reason", "cancelled_reason", "late_notice_reason_cy", "cancelled_reason_cy",
                            "notice_message",
                            "notice_message_cy", "recorded_after"]


class MeetingUpdateSerializer(MeetingSerializer):
    late_reason = serializers.CharField(required=False, allow_blank=True, write_only=True)

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "late_reason"]
        read_only_fields = [*MeetingSerializer.Meta.read_only_fields, "partnership"]


class ReasonSerializer(serializers.Serializer):
    reason = serializers.CharField(required=False, allow_blank=True, default="",
                                   help_text="Why (a cancellation needs one; so does a notice at short notice).")


class CancelSerializer(ReasonSerializer):
    reason_cy = serializers.CharField(required=False, allow_blank=True, default="",
                                      help_text="The reason in Welsh, sent to those who read Welsh.")


class NoticeSerializer(ReasonSerializer):
    reason_cy = serializers.CharField(required=False, allow_blank=True, default="",
                                      help_text="The reason for short notice in Welsh.")
    message = serializers.CharField(required=False, allow_blank=True, default="",
                                    help_text="The chair's words above the agenda in every notice.")
    message_cy = serializers.CharField(required=False, allow_blank=True, default="", help_text="The message in Welsh.")


class AgendaLineSerializer(serializers.Serializer):
    title = serializers.CharField(max_length=300)
    title_cy = serializers.CharField(max_length=300, required=False, allow_blank=True, default="")


class MeetingRecordSerializer(MeetingSerializer):
    """A meeting that took place, recorded with its attendance (person id → present, apologies or absent)."""

    people = serializers.DictField(child=serializers.ChoiceField(choices=Attendance.Status.choices),
                                   help_text="Person id → present, apologies or absent.")
    agenda = AgendaLineSerializer(many=True, required=False, default=list)
    notice_sent_on = serializers.DateField(required=False, allow_null=True, default=None,
                                           help_text="The date its notice was sent, if known.")

    class Meta(MeetingSerializer.Meta):
        fields = [*MeetingSerializer.Meta.fields, "people", "agenda", "notice_sent_on"]


class ReplySerializer(serializers.ModelSerializer):
    class Meta:
        model = Reply
        fields = ["response", "delegate_name", "note", "replied_at"]
        read_only_fields = ["replied_at"]


class DeclarationSerializer(TenantModelSerializer):
    class Meta:
        model = Declaration
        fields = ["id", "agenda_item", "kind", "interest", "declared_at"]
        read_only_fields = ["declared_at"]


class MinutesSerializer(serializers.ModelSerializer):
    class Meta:
        model = Minutes
        fields = ["body", "body_cy", "status", "approved_at", "approved_at_meeting", "circulated_at", "updated_at"]
        read_only_fields = ["status", "approved_at", "approved_at_meeting", "circulated_at", "updated_at"]


class ApproveSerializer(serializers.Serializer):
    at_meeting = serializers.IntegerField(help_text="A later meeting of the partnership that has been held.")


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
                          "attendance": RECORD,
                          "agree_agenda": MANAGE, "reopen_agenda": MANAGE, "record": MANAGE_AND_RECORD,
                          "reply": READ, "declare": READ, "minutes": READ, "draft_minutes": RECORD,
                          "approve_minutes": MANAGE}
    filterset_fields = ["partnership", "kind", "status"]
    search_fields = ["title"]
    ordering_fields = ["starts_at", "title"]
    ordering = ["starts_at"]

    def get_tenant_queryset(self):
        return Meeting.objects.filter(partnership__in=visible_partnership_ids(self)).select_related("partnership")

    def get_serializer_class(self):
        if self.action == "record":
            return MeetingRecordSerializer
        return MeetingUpdateSerializer if self.action in ("update", "partial_update") else MeetingSerializer

    def _meeting_response(self, meeting):
        return Response(MeetingSerializer(meeting, context=self.get_serializer_context()).data)

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

    @extend_schema(request=NoticeSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], url_path="send-notice")
    def send_notice(self, request, *args, **kwargs):
        """Send the notice to everyone invited (a short notice needs `reason`, in English or Welsh)."""
        serializer = NoticeSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        meeting = services.meeting_notice_send(meeting=self.get_object(), by=request.user,
                                               late_reason=data["reason"], late_reason_cy=data["reason_cy"],
                                               message=data["message"], message_cy=data["message_cy"])
        return self._meeting_response(meeting)

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], url_path="agree-agenda")
    def agree_agenda(self, request, *args, **kwargs):
        """Agree the agenda: it must be, before the notice can be sent."""
        return self._meeting_response(services.agenda_agree(meeting=self.get_object(), by=request.user))

    @extend_schema(request=None, responses=MeetingSerializer)
    @action(detail=True, methods=["post"], url_path="reopen-agenda")
    def reopen_agenda(self, request, *args, **kwargs):
        """Reopen an agreed agenda for changes (only before the notice has gone)."""
        return self._meeting_response(services.agenda_agree(meeting=self.get_object(), by=request.user,
                                                            agreed=False))

    @extend_schema(request=MeetingRecordSerializer, responses={201: MeetingSerializer})
    @action(detail=False, methods=["post"])
    def record(self, request, *args, **kwargs):
        """Record a meeting that took place, with its agenda, notice date and attendance: it is held at once.
        A meeting still to come is planned with POST /meetings/ instead."""
        serializer = MeetingRecordSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        data = dict(serializer.validated_data)
        partnership = data.pop("partnership")
        self.check_object_permissions(request, partnership)
        people = {int(k): v for k, v in data.pop("people").items() if str(k).isdigit()}
        for name in ("time_zone", "status"):
            data.pop(name, None)
        meeting = services.meeting_record(partnership=partnership, recorded_by=request.user, people=people, **data)
        return Response(MeetingSerializer(meeting, context=self.get_serializer_context()).data, status=201)

    @extend_schema(request=ReplySerializer, responses=ReplySerializer)
    @action(detail=True, methods=["post"])
    def reply(self, request, *args, **kwargs):
        """Your own reply to the notice (only for the people it was sent to)."""
        serializer = ReplySerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        reply = services.reply_record(meeting=self.get_object(), user=request.user, **serializer.validated_data)
        return Response(ReplySerializer(reply).data)

    @extend_schema(request=DeclarationSerializer, responses={201: DeclarationSerializer})
    @action(detail=True, methods=["post"], url_path="declarations")
    def declare(self, request, *args, **kwargs):
        """Declare your interest in the meeting, or in one of its agenda items."""
        meeting = self.get_object()
        serializer = DeclarationSerializer(data=request.data, context=self.get_serializer_context())
        serializer.is_valid(raise_exception=True)
        declaration = services.declaration_record(meeting=meeting, user=request.user, **serializer.validated_data)
        return Response(DeclarationSerializer(declaration, context=self.get_serializer_context()).data, status=201)

    def _minutes(self, meeting, *, drafts: bool) -> Minutes:
        minutes = Minutes.objects.for_consortium(self.consortium).filter(meeting=meeting).first()
        if minutes is None or (minutes.status != Minutes.Status.APPROVED and not drafts):
            raise Http404
        return minutes

    @extend_schema(request=None, responses=MinutesSerializer)
    @action(detail=True, methods=["get"])
    def minutes(self, request, *args, **kwargs):
        """The minutes: approved ones for everyone in the partnership, drafts for those who record them."""
        meeting = self.get_object()
        drafts = RECORD.allows_object(request, self, meeting)
        return Response(MinutesSerializer(self._minutes(meeting, drafts=drafts)).data)

    @extend_schema(request=MinutesSerializer, responses=MinutesSerializer)
    @action(detail=True, methods=["put"], url_path="minutes/draft")
    def draft_minutes(self, request, *args, **kwargs):
        """Write or change the draft minutes of a held meeting (English, and Welsh in `body_cy`)."""
        meeting = self.get_object()
        serializer = MinutesSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        minutes = services.minutes_save(meeting=meeting, by=request.user, body=serializer.validated_data["body"],
                                        body_cy=serializer.validated_data.get("body_cy", ""))
        return Response(MinutesSerializer(minutes).data)

    @extend_schema(request=ApproveSerializer, responses=MinutesSerializer)
    @action(detail=True, methods=["post"], url_path="minutes/approve")
    def approve_minutes(self, request, *args, **kwargs):
        """Approve the minutes at a later meeting of the partnership that has been held; they are then
        circulated."""
        meeting = self.get_object()
        serializer = ApproveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        at_meeting = Meeting.objects.for_consortium(self.consortium).filter(
            pk=serializer.validated_data["at_meeting"]).first()
        if at_meeting is None:
            raise serializers.ValidationError({"at_meeting": ["No such meeting."]})
        minutes = services.minutes_approve(minutes=self._minutes(meeting, drafts=True), at_meeting=at_meeting,
                                           by=request.user)
        return Response(MinutesSerializer(minutes).data)

    @extend_schema(request=CancelSerializer, responses=MeetingSerializer)
    @action(detail=True, methods=["post"])
    def cancel(self, request, *args, **kwargs):
        serializer = CancelSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        meeting = services.meeting_cancel(meeting=self.get_object(), by=request.user,
                                          reason=serializer.validated_data["reason"],
                                          reason_cy=serializer.validated_data["reason_cy"])
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
        fields = ["id", "meeting", "position", "title", "title_cy", "description", "description_cy", "owner",
                  "minutes_allowed"]


class AgendaItemViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, mixins.UpdateModelMixin, mixins.DestroyModelMixin,
                        viewsets.GenericViewSet):
    model = AgendaItem
    serializer_class = AgendaItemSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "create": MANAGE, "update": MANAGE,
                          "partial_update": MANAGE, "destroy": MANAGE}
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
        fields = {"title": item.title, "title_cy": item.title_cy, "description": item.description,
                  "description_cy": item.description_cy, "owner": item.owner,
                  "minutes_allowed": item.minutes_allowed, "position": item.position, **data}
        serializer.instance = services.agenda_item_save(meeting=item.meeting, item=item, **fields)

    def perform_destroy(self, instance):
        services.agenda_item_delete(item=instance)


class PaperSerializer(serializers.ModelSerializer):
    audience = serializers.SerializerMethodField()
    download_url = serializers.SerializerMethodField()

    class Meta:
        model = Paper
        fields = ["id", "meeting", "agenda_item", "title", "title_cy", "size", "content_type", "confidentiality",
                  "audience", "uploaded_at", "download_url"]
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
        fields = ["id", "meeting", "agenda_item", "text", "text_cy", "outcome", "vote_taken", "votes_for",
                  "votes_against", "votes_abstaining", "quorate", "recorded_at"]
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
        fields = ["id", "partnership", "meeting", "title", "title_cy", "owner", "due_on", "status", "is_overdue",
                  "completed_at"]
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
        data = {k: v for k, v in serializer.validated_data.items()
                if k in ("title", "title_cy", "status", "due_on", "owner")}
        serializer.instance = services.action_update(action=serializer.instance, by=self.request.user, **data)


def register(router) -> None:
    """The lead adds `governance_api.register(v1)` to config/api.py."""
    router.register("meetings", MeetingViewSet, basename="meeting")
    router.register("agenda-items", AgendaItemViewSet, basename="agenda-item")
    router.register("papers", PaperViewSet, basename="paper")
    router.register("attendance", AttendanceViewSet, basename="attendance")
    router.register("decisions", DecisionViewSet, basename="decision")
    router.register("actions", ActionViewSet, basename="action")
