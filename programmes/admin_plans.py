"""Django admin for the cross-regional joint plans, scoped like the rest: a consortium admin sees
and changes only their consortium's plans (consortia.admin.TenantAdmin). The site's pages are
where plans are kept (programmes.views.plans); here the admin can correct a plan, a project and
its aims, work streams, team and milestones. Progress updates are append-only and shown read-only."""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from consortia.admin import TenantAdmin, TenantAdminForm, TenantAdminMixin

from .models import Aim, JointPlan, Milestone, ProgressUpdate, Project, ProjectMember, WorkStream


class TenantInline(TenantAdminMixin):
    """An inline row takes its consortium from the row it belongs to; consortium admins hold no
    model permissions, so the inline takes the tenant rule (`obj` is the parent)."""

    extra = 0
    exclude = ["consortium"]

    def has_add_permission(self, request, obj=None) -> bool:
        return self.has_change_permission(request, obj)


class AimInline(TenantInline, admin.TabularInline):
    model = Aim
    fields = ["position", "text", "text_cy"]


class WorkStreamInline(TenantInline, admin.TabularInline):
    model = WorkStream
    fields = ["name", "name_cy"]


class ProjectMemberInline(TenantInline, admin.TabularInline):
    model = ProjectMember
    fields = ["user", "organisation", "work_stream"]


class MilestoneAdminForm(TenantAdminForm):
    class Meta:
        model = Milestone
        fields = "__all__"

    def clean_actual_on(self):
        actual = self.cleaned_data.get("actual_on")
        if actual is not None and actual > timezone.localdate():
            raise forms.ValidationError(_("A milestone is achieved on a day that has come."))
        return actual


class MilestoneInline(TenantInline, admin.TabularInline):
    model = Milestone
    form = MilestoneAdminForm
    fields = ["name", "name_cy", "baseline_on", "forecast_on", "actual_on"]


def _inherit_consortium(formset, parent) -> None:
    for row in formset.forms:
        if hasattr(row, "instance") and not row.instance.consortium_id:
            row.instance.consortium_id = parent.consortium_id


class ProjectAdminForm(TenantAdminForm):
    class Meta:
        model = Project
        fields = "__all__"

    def clean(self):
        data = super().clean()
        if data.get("finished_on") and data.get("discontinued_on"):
            self.add_error("discontinued_on", _("A project is either finished or discontinued, not both."))
        if data.get("discontinued_on") and not (data.get("close_reason") or "").strip():
            self.add_error("close_reason", _("Say why the project was discontinued."))
        return data


@admin.register(JointPlan)
class JointPlanAdmin(TenantAdmin):
    list_display = ["name", "partnership", "update_every_days", "consortium"]
    search_fields = ["name", "name_cy"]
    list_select_related = ["partnership", "consortium"]


@admin.register(Project)
class ProjectAdmin(TenantAdmin):
    form = ProjectAdminForm
    list_display = ["name", "plan", "position", "sponsor", "manager", "finished_on", "discontinued_on"]
    list_filter = ["plan"]
    search_fields = ["name", "name_cy"]
    list_select_related = ["plan", "sponsor", "manager", "consortium"]
    inlines = [AimInline, WorkStreamInline, ProjectMemberInline, MilestoneInline]

    def save_formset(self, request, form, formset, change):
        _inherit_consortium(formset, form.instance)
        super().save_formset(request, form, formset, change)


@admin.register(Milestone)
class MilestoneAdmin(TenantAdmin):
    form = MilestoneAdminForm
    list_display = ["name", "project", "baseline_on", "forecast_on", "actual_on"]
    search_fields = ["name", "project__name"]
    list_select_related = ["project", "consortium"]
    date_hierarchy = "baseline_on"


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(TenantAdmin):
    """Never edited (the database refuses an UPDATE): a correction is a new update, on the site."""

    list_display = ["project", "period_start", "period_end", "status", "author", "created_at"]
    list_filter = ["status"]
    list_select_related = ["project", "author", "consortium"]
    search_fields = ["project__name", "narrative"]

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False
