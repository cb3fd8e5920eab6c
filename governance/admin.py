"""Governance rows in the Django admin, scoped to the consortia the person administers.

Meetings, notices, minutes and elections change through the site (services send the emails and
keep the rules); the admin is for looking things up and correcting details.
"""

from django.contrib import admin

from consortia.admin import TenantAdmin

from .models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Election,
    InterestConfirmation,
    Meeting,
    Minutes,
    OfficeTerm,
    Paper,
    StandingInterest,
    Subscription,
)


class ReadOnlyAdmin(TenantAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


class AgendaItemInline(admin.TabularInline):
    model = AgendaItem
    extra = 0
    fields = ["position", "title", "owner", "minutes_allowed"]
    readonly_fields = fields
    can_delete = False

    def has_add_permission(self, request, obj=None) -> bool:
        return False


@admin.register(Meeting)
class MeetingAdmin(ReadOnlyAdmin):
    list_display = ["title", "partnership", "kind", "starts_at", "status", "notice_late", "version"]
    list_filter = ["status", "kind", "notice_late"]
    search_fields = ["title", "partnership__name"]
    date_hierarchy = "starts_at"
    inlines = [AgendaItemInline]


@admin.register(Paper)
class PaperAdmin(ReadOnlyAdmin):
    list_display = ["title", "meeting", "confidentiality", "size", "uploaded_by", "uploaded_at"]
    list_filter = ["confidentiality"]
    search_fields = ["title"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "user", "name", "organisation", "status"]
    list_filter = ["status"]


@admin.register(Declaration)
class DeclarationAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "user", "kind", "agenda_item", "declared_at"]
    list_filter = ["kind"]


@admin.register(StandingInterest)
class StandingInterestAdmin(ReadOnlyAdmin):
    list_display = ["user", "interest", "kind", "since", "ended_on"]
    search_fields = ["user__email", "user__full_name", "interest"]


@admin.register(InterestConfirmation)
class InterestConfirmationAdmin(ReadOnlyAdmin):
    list_display = ["user", "academic_year", "nothing_to_declare", "confirmed_at"]
    list_filter = ["academic_year"]


@admin.register(Minutes)
class MinutesAdmin(ReadOnlyAdmin):
    list_display = ["meeting", "status", "approved_at", "circulated_at"]
    list_filter = ["status"]


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ["text", "meeting", "outcome", "vote_taken", "quorate"]
    list_filter = ["outcome", "quorate"]


@admin.register(Action)
class ActionAdmin(ReadOnlyAdmin):
    list_display = ["title", "partnership", "owner", "due_on", "status"]
    list_filter = ["status"]
    search_fields = ["title", "owner__email", "owner__full_name"]


@admin.register(Election)
class ElectionAdmin(ReadOnlyAdmin):
    # Ballots (receipts and votes) are deliberately not in the admin: the vote is secret.
    list_display = ["partnership", "status", "created_at", "closed_at", "winner", "turnout"]
    list_filter = ["status"]


@admin.register(OfficeTerm)
class OfficeTermAdmin(TenantAdmin):
    list_display = ["user", "partnership", "office", "starts_on", "ends_on"]
    fields = ["consortium", "partnership", "user", "office", "starts_on", "ends_on"]


@admin.register(Subscription)
class SubscriptionAdmin(ReadOnlyAdmin):
    list_display = ["user", "partnership", "created_at"]
