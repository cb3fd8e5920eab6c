"""Read-only REST API for agreements, their published versions and each party's acceptance status.

Drafting, publishing and responding stay on the pages for now; when they come to the API they
call `agreements.services`, as the pages do.
"""

from __future__ import annotations

from django.db.models import Prefetch
from django_filters import rest_framework as filters
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import mixins, serializers, viewsets
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError

from consortia.api import MEMBER, ConsortiumViewSetMixin
from partnerships.api import CHANGE_PARTNERSHIP, IdFilter

from . import selectors
from .models import AgreementParty, AgreementSection, AgreementTemplate, AgreementVersion, BoundRole, PartyStatus

# Who sees every party's status: the chair or a consortium admin, as on the acceptance dashboard.
MANAGE_AGREEMENT = CHANGE_PARTNERSHIP


class AgreementSerializer(serializers.ModelSerializer):
    current_version = serializers.IntegerField(source="current_pk", read_only=True, allow_null=True,
                                               help_text="The published version parties are asked to accept.")
    current_number = serializers.IntegerField(read_only=True, allow_null=True)
    current_published_at = serializers.DateTimeField(read_only=True, allow_null=True)

    class Meta:
        model = AgreementTemplate
        fields = ["id", "partnership", "title", "title_cy", "reminder_cadence_days", "challenge_window_days",
                  "current_version", "current_number", "current_published_at"]
        read_only_fields = fields


class AgreementFilter(filters.FilterSet):
    partnership = IdFilter(field_name="partnership_id")

    class Meta:
        model = AgreementTemplate
        fields = ["partnership"]


class AgreementViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                       viewsets.GenericViewSet):
    """Agreements of the partnerships the person can see, and those that bind them or an organisation they represent."""

    model = AgreementTemplate
    serializer_class = AgreementSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER}
    filterset_class = AgreementFilter
    search_fields = ["title", "title_cy"]
    ordering_fields = ["title"]

    def get_tenant_queryset(self):
        return selectors.agreements_visible_to(self.request.user, self.consortium)


class AgreementSectionSerializer(serializers.ModelSerializer):
    class Meta:
        model = AgreementSection
        fields = ["position", "role", "heading", "heading_cy", "body", "body_cy"]
        read_only_fields = fields


class AgreementVersionSerializer(serializers.ModelSerializer):
    agreement = serializers.PrimaryKeyRelatedField(source="template", read_only=True)
    sections = AgreementSectionSerializer(many=True, read_only=True,
                                          help_text="The commitments of each role, in English and Welsh.")

    class Meta:
        model = AgreementVersion
        fields = ["id", "agreement", "number", "status", "published_at", "superseded_at", "intro", "intro_cy",
                  "sections"]
        read_only_fields = fields


class PartyStatusSerializer(serializers.ModelSerializer):
    """A party of a version and where it stands: its latest response there, or pending."""

    organisation_name = serializers.CharField(source="organisation.name", read_only=True, allow_null=True)
    person_name = serializers.CharField(source="user.get_full_name", read_only=True, allow_null=True)
    status = serializers.ChoiceField(choices=PartyStatus.choices, read_only=True)
    status_at = serializers.DateTimeField(read_only=True, allow_null=True)
    status_by = serializers.CharField(source="status_by_name", read_only=True, allow_null=True,
                                      help_text="Who responded (for an organisation, its representative).")

    class Meta:
        model = AgreementParty
        fields = ["id", "kind", "organisation", "organisation_name", "user", "person_name", "role",
                  "bound_as_member", "status", "status_at", "status_by"]
        read_only_fields = fields


class AgreementVersionFilter(filters.FilterSet):
    agreement = IdFilter(field_name="template_id")

    class Meta:
        model = AgreementVersion
        fields = ["agreement", "status"]


class PartyStatusFilter(filters.FilterSet):
    status = filters.ChoiceFilter(choices=PartyStatus.choices)

    class Meta:
        model = AgreementParty
        fields = ["status", "kind", "role"]


class AgreementVersionViewSet(ConsortiumViewSetMixin, mixins.ListModelMixin, mixins.RetrieveModelMixin,
                              viewsets.GenericViewSet):
    """Published and superseded versions of the agreements the person can see. Drafts stay on the pages."""

    model = AgreementVersion
    serializer_class = AgreementVersionSerializer
    action_permissions = {"list": MEMBER, "retrieve": MEMBER, "parties": MANAGE_AGREEMENT}
    filterset_class = AgreementVersionFilter
    search_fields: list[str] = []
    ordering_fields = ["number", "published_at"]

    def get_tenant_queryset(self):
        visible = selectors.agreements_visible_to(self.request.user, self.consortium).values("pk")
        return (AgreementVersion.objects.filter(template__in=visible)
                .exclude(status=AgreementVersion.Status.DRAFT)
                .select_related("template__partnership")
                .prefetch_related(Prefetch("sections", queryset=AgreementSection.objects.for_consortium(
                    self.consortium))))

    def partnership_of(self, version: AgreementVersion):
        return version.template.partnership

    @extend_schema(
        responses=PartyStatusSerializer(many=True),  # paginated
        parameters=[
            OpenApiParameter("status", enum=PartyStatus.values, description="Only parties standing here."),
            OpenApiParameter("kind", enum=AgreementParty.Kind.values),
            OpenApiParameter("role", enum=BoundRole.values),
        ],
    )
    # The filter backends are off for this action: they would apply the versions' filters to parties.
    @action(detail=True, methods=["get"], serializer_class=PartyStatusSerializer, filter_backends=[])
    def parties(self, request, *args, **kwargs):
        """Every party the version binds and its acceptance status (`?status=pending` for those to chase)."""
        version = self.get_object()
        chosen = PartyStatusFilter(request.query_params, queryset=selectors.parties_with_status(version))
        if not chosen.is_valid():
            raise ValidationError(chosen.errors)
        page = self.paginate_queryset(chosen.qs)
        return self.get_paginated_response(PartyStatusSerializer(page, many=True).data)
