"""REST API for organisations, people, partnerships, member organisations and partnership roles.

Viewsets are thin: tenancy and declared permissions come from `consortia.api`, reads from
selectors, and every write goes through `partnerships.services`.
"""

from __future__ import annotations

from django import forms
from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import DateTimeField, F, Prefetch, Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters import rest_framework as filters
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema, extend_schema_field
from rest_framework import mixins, serializers, status, viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from consortia import dates
from consortia.api import (
    ADMIN,
    MEMBER,
    ConsortiumViewSetMixin,
    ScopedPrimaryKeyRelatedField,
    TenantModelSerializer,
)
from consortia.models import Membership
from consortia.selectors import people_in_consortium

from . import services
from .models import (
    Employment,
    Organisation,
    OrganisationYear,
    Partnership,
    PartnershipMembership,
    PartnershipRole,
)
from .selectors import has_partnership_perm, partnerships_visible_to, visible_partnerships

User = get_user_model()


class PartnershipPerm:
    """A permission held on one partnership: through a role in it, or by administering the consortium.

    NOTE: it is decided per object. On a detail route DRF checks it when the row is fetched. A
    list route (create) is refused unless its viewset sets `checks_partnership_in_body` and
    calls `check_object_permissions` with the validated partnership before the service: so a
    new create that forgets the check fails closed.
    """

    def __init__(self, perm: str):
        self.perm = perm

    def __repr__(self) -> str:
        return f"PartnershipPerm({self.perm!r})"

    def allows(self, request, view) -> bool:
        return bool(view.detail) or getattr(view, "checks_partnership_in_body", False)

    def allows_object(self, request, view, obj) -> bool:
        # A viewset whose rows reach their partnership another way says how in `partnership_of`.
        partnership_of = getattr(view, "partnership_of", None)
        if partnership_of is not None:
            partnership = partnership_of(obj)
        else:
            partnership = obj if isinstance(obj, Partnership) else obj.partnership
        return has_partnership_perm(request.user, self.perm, partnership)


CHANGE_PARTNERSHIP = PartnershipPerm("partnerships.change_partnership")


@extend_schema_field(OpenApiTypes.INT)
class IdFilter(filters.NumberFilter):
    """Rows pointing at this id. A plain number, not a choice: filtering by id needs no lookup of the row."""

    field_class = forms.IntegerField


def visible_partnership_ids(view):
    return visible_partnerships(view.request.user, view.consortium).values("pk")


class CurrentFilterSet(filters.FilterSet):
    """`?current=true` keeps rows still running now; `false` keeps those that have ended.

    An end in the future still counts as running, as `PartnershipMembership.is_current` has it.
    """

    current = filters.BooleanFilter(method="filter_current")
    end_field: str

    def filter_current(self, queryset, name, value):
        is_datetime = isinstance(queryset.model._meta.get_field(self.end_field), DateTimeField)
        now = timezone.now() if is_datetime else timezone.localdate()
        running = Q(**{f"{self.end_field}__isnull": True}) | Q(**{f"{self.end_field}__gt": now})
        return queryset.filter(running) if value else queryset.exclude(running)


# --- Organisations -------------------------------------------------------------------------------


class OrganisationYearSerializer(serializers.ModelSerializer):
    class Meta:
        model = OrganisationYear
        fields = ["academic_year", "pupils", "budget"]
        read_only_fields = fields


class OrganisationSerializer(TenantModelSerializer):
    years = OrganisationYearSerializer(many=True, read_only=True)

    class Meta:
        model = Organisation
        fields = ["id", "kind", "name", "name_cy", "phase", "school_code", "local_authority", "email", "phone",
                  "address", "website", "created_at", "years"]
        read_only_fields = ["created_at"]


class OrganisationFilter(filters.FilterSet):
    local_authority = IdFilter(field_name="local_authority_id")

    class Meta:
        model = Organisation
        fields = ["kind", "phase", "local_authority"]


class OrganisationViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                          mixins.CreateModelMixin, mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """The consortium's member organisations, each with its figures by academic year (read-only here)."""

    model = Organisation
    serializer_class = OrganisationSerializer
    action_permissions = {
        "list": MEMBER, "retrieve": MEMBER, "create": ADMIN, "update": ADMIN, "partial_update": ADMIN,
    }
    filterset_class = OrganisationFilter
    search_fields = ["name", "name_cy", "school_code"]
    ordering_fields = ["name", "kind", "created_at"]
    ordering = ["name"]

    def get_tenant_queryset(self):
        return Organisation.objects.prefetch_related("years")

    def perform_create(self, serializer):
        serializer.instance = services.organisation_save(consortium=self.consortium, **serializer.validated_data)

    def perform_update(self, serializer):
        serializer.instance = services.organisation_save(
            consortium=self.consortium, organisation=serializer.instance, **serializer.validated_data)


# --- People --------------------------------------------------------------------------------------


class EmployerSerializer(serializers.Serializer):
    id = serializers.IntegerField(source="organisation_id")
    name = serializers.CharField(source="organisation.name")
    job_title = serializers.CharField()
    started_on = serializers.DateField()


class PersonSerializer(serializers.Serializer):
    """A person as this consortium sees them. `id` is the person's own id, the same in every consortium."""

    id = serializers.IntegerField(source="user_id", read_only=True)
    email = serializers.EmailField(source="user.email", read_only=True)
    full_name = serializers.CharField(source="user.full_name", read_only=True)
    job_title = serializers.CharField(source="user.job_title", read_only=True)
    preferred_language = serializers.ChoiceField(source="user.preferred_language", choices=User.Language.choices,
                                                 read_only=True)
    joined_at = serializers.DateTimeField(read_only=True)
    employer = serializers.SerializerMethodField()

    @extend_schema_field(EmployerSerializer(allow_null=True))
    def get_employer(self, membership: Membership):
        current = membership.user.current_employments
        return EmployerSerializer(current[0]).data if current else None


class PersonCreateSerializer(serializers.Serializer):
    email = serializers.EmailField()
    full_name = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    job_title = serializers.CharField(max_length=200, required=False, default="", allow_blank=True)
    preferred_language = serializers.ChoiceField(choices=User.Language.choices, required=False)
    employer = ScopedPrimaryKeyRelatedField(
        queryset=Organisation.objects.all(), required=False, allow_null=True,
        help_text="The organisation the person works for now; a change ends the previous employment.")


class PersonInvitedSerializer(serializers.Serializer):
    """The answer when the address already has an account: an invitation, and nothing about the person."""

    email = serializers.EmailField(read_only=True)
    invited = serializers.BooleanField(read_only=True)
    detail = serializers.CharField(read_only=True)


class PersonFilter(filters.FilterSet):
    employer = IdFilter(method="filter_employer")

    class Meta:
        model = Membership
        fields = ["employer"]

    def filter_employer(self, queryset, name, value):
        # One filter() call, so the conditions apply to the same employment row, and only to
        # employments in the membership's own consortium.
        return queryset.filter(user__employments__consortium_id=F("consortium_id"),
                               user__employments__organisation_id=value,
                               user__employments__ended_on__isnull=True)


class PersonViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                    mixins.CreateModelMixin, viewsets.GenericViewSet):
    """People with an active membership of the consortium. Admins only, as on the people page."""

    model = Membership
    lookup_field = "user_id"
    lookup_url_kwarg = "pk"
    serializer_class = PersonSerializer
    action_permissions = {"list": ADMIN, "retrieve": ADMIN, "create": ADMIN}
    filterset_class = PersonFilter
    search_fields = ["user__email", "user__full_name"]
    ordering_fields = ["user__full_name", "user__email", "joined_at"]

    def get_tenant_queryset(self):
        current_employments = Employment.objects.filter(
            consortium=self.consortium, ended_on__isnull=True).select_related("organisation")
        return people_in_consortium(self.consortium).prefetch_related(
            Prefetch("user__employments", queryset=current_employments, to_attr="current_employments"))

    def get_serializer_class(self):
        return PersonCreateSerializer if self.action == "create" else PersonSerializer

    @extend_schema(request=PersonCreateSerializer, responses={201: PersonSerializer, 202: PersonInvitedSerializer})
    def create(self, request, *args, **kwargs):
        """Add a person to the consortium by email (201). An address that already has an account gets an
        invitation instead (202): the person joins, and can be seen here, once they accept it."""
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        data = serializer.validated_data
        with transaction.atomic():
            added = services.person_add(consortium=self.consortium, email=data["email"],
                                        full_name=data["full_name"], job_title=data["job_title"],
                                        language=data.get("preferred_language"), invited_by=request.user)
            if added.user is not None and data.get("employer") is not None:
                services.employment_change(consortium=self.consortium, user=added.user,
                                           organisation=data["employer"], job_title=data["job_title"])
        if added.invitation is not None:
            return Response({"email": added.invitation.email, "invited": True,
                             "detail": _("This address already has an account, so an invitation has been sent. "
                                         "The person joins once they accept it.")},
                            status=status.HTTP_202_ACCEPTED)
        person = self.get_queryset().get(user=added.user)
        return Response(PersonSerializer(person, context=self.get_serializer_context()).data,
                        status=status.HTTP_201_CREATED)


# --- Partnerships --------------------------------------------------------------------------------


class PartnershipSerializer(TenantModelSerializer):
    people_count = serializers.IntegerField(read_only=True, help_text="People holding a current role in it.")
    member_count = serializers.IntegerField(read_only=True, help_text="Current member organisations.")

    class Meta:
        model = Partnership
        # NOTE: the writable fields are exactly what partnership_update accepts.
        fields = ["id", "name", *sorted(services.PARTNERSHIP_FIELDS - {"name"}), "created_at", "people_count",
                  "member_count"]
        read_only_fields = ["created_at"]


class PartnershipFilter(filters.FilterSet):
    class Meta:
        model = Partnership
        fields = ["kind"]


class PartnershipViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                         mixins.UpdateModelMixin, viewsets.GenericViewSet):
    """Partnerships the person can see: all of them for a consortium admin, otherwise those they hold a role in."""

    model = Partnership
    serializer_class = PartnershipSerializer
    action_permissions = {
        "list": MEMBER, "retrieve": MEMBER, "update": CHANGE_PARTNERSHIP, "partial_update": CHANGE_PARTNERSHIP,
    }
    filterset_class = PartnershipFilter
    search_fields = ["name", "name_cy"]
    ordering_fields = ["name", "kind", "created_at"]
    ordering = ["name"]

    def get_tenant_queryset(self):
        return partnerships_visible_to(self.request.user, self.consortium)

    def perform_update(self, serializer):
        serializer.instance = services.partnership_update(partnership=serializer.instance,
                                                          **serializer.validated_data)


# --- Member organisations of partnerships ------------------------------------------------------


class MembershipSerializer(TenantModelSerializer):
    organisation_name = serializers.CharField(source="organisation.name", read_only=True)
    is_current = serializers.BooleanField(read_only=True)

    class Meta:
        model = PartnershipMembership
        fields = ["id", "partnership", "organisation", "organisation_name", "joined_on", "left_on", "is_current"]
        read_only_fields = ["left_on"]


class LeaveSerializer(serializers.Serializer):
    left_on = serializers.DateField(required=False, help_text="Defaults to today.", validators=[dates.MEMBERSHIP])


class MembershipFilter(CurrentFilterSet):
    partnership = IdFilter(field_name="partnership_id")
    organisation = IdFilter(field_name="organisation_id")
    end_field = "left_on"

    class Meta:
        model = PartnershipMembership
        fields = ["partnership", "organisation", "current"]


class MembershipViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                        mixins.CreateModelMixin, viewsets.GenericViewSet):
    """Organisations' memberships of the partnerships the person can see, past ones included."""

    model = PartnershipMembership
    serializer_class = MembershipSerializer
    action_permissions = {
        "list": MEMBER, "retrieve": MEMBER, "create": CHANGE_PARTNERSHIP, "leave": CHANGE_PARTNERSHIP,
    }
    checks_partnership_in_body = True  # see perform_create
    filterset_class = MembershipFilter
    search_fields = ["organisation__name"]
    ordering_fields = ["joined_on", "left_on", "organisation__name"]

    def get_tenant_queryset(self):
        return (PartnershipMembership.objects.filter(partnership__in=visible_partnership_ids(self))
                .select_related("organisation", "partnership"))

    def perform_create(self, serializer):
        data = serializer.validated_data
        self.check_object_permissions(self.request, data["partnership"])
        serializer.instance = services.membership_add(partnership=data["partnership"],
                                                      organisation=data["organisation"],
                                                      joined_on=data.get("joined_on"))

    @extend_schema(request=LeaveSerializer, responses=MembershipSerializer)
    @action(detail=True, methods=["post"])
    def leave(self, request, *args, **kwargs):
        """The organisation leaves the partnership; its representatives' roles end with it."""
        membership = self.get_object()
        serializer = LeaveSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        membership = services.membership_leave(membership=membership,
                                               left_on=serializer.validated_data.get("left_on"))
        return Response(MembershipSerializer(membership, context=self.get_serializer_context()).data)


# --- Partnership roles and representatives ------------------------------------------------------


class PartnershipRoleSerializer(serializers.ModelSerializer):
    person_name = serializers.CharField(source="user.get_full_name", read_only=True)
    role_label = serializers.CharField(source="get_role_display", read_only=True)
    organisation_name = serializers.CharField(source="organisation.name", read_only=True, allow_null=True)

    class Meta:
        model = PartnershipRole
        fields = ["id", "partnership", "user", "person_name", "role", "role_label", "organisation",
                  "organisation_name", "group", "granted_at", "ended_at"]
        read_only_fields = fields


class PartnershipRoleFilter(CurrentFilterSet):
    partnership = IdFilter(field_name="partnership_id")
    organisation = IdFilter(field_name="organisation_id")
    user = IdFilter(field_name="user_id")
    end_field = "ended_at"

    class Meta:
        model = PartnershipRole
        fields = ["partnership", "organisation", "user", "role", "current"]


class PartnershipRoleViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, viewsets.GenericViewSet):
    """Who holds which role in the partnerships the person can see; representatives name their organisation."""

    model = PartnershipRole
    serializer_class = PartnershipRoleSerializer
    action_permissions = {"list": MEMBER}
    filterset_class = PartnershipRoleFilter
    search_fields = ["user__full_name", "organisation__name"]
    ordering_fields = ["granted_at", "role"]
    ordering = ["partnership_id", "role", "user__full_name"]

    def get_tenant_queryset(self):
        return (PartnershipRole.objects.filter(partnership__in=visible_partnership_ids(self))
                .select_related("user", "organisation"))
