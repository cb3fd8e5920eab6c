"""The Django admin, scoped: a consortium admin sees and edits only their consortia's rows."""

from django import forms
from django.contrib import admin, messages
from django.contrib.auth import get_user_model
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from . import selectors, services
from .models import Consortium, ConsortiumRole, Invitation, Membership, OutboundEmail, TenantModel


class TenantAdminMixin:
    """Every ModelAdmin of a tenant-owned model uses this. Superusers see every consortium."""

    def _consortium_ids(self, request) -> set[int]:
        if not hasattr(request, "_administered_consortium_ids"):
            request._administered_consortium_ids = selectors.administered_consortium_ids(request.user)
        return request._administered_consortium_ids

    def _owner_id(self, obj) -> int:
        return obj.pk if isinstance(obj, Consortium) else obj.consortium_id

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        field = "pk" if self.model is Consortium else "consortium_id"
        return queryset.filter(**{f"{field}__in": self._consortium_ids(request)})

    def has_module_permission(self, request) -> bool:
        return request.user.is_active and bool(self._consortium_ids(request))

    def has_view_permission(self, request, obj=None) -> bool:
        return self.has_module_permission(request) and (
            obj is None or self._owner_id(obj) in self._consortium_ids(request)
        )

    def has_change_permission(self, request, obj=None) -> bool:
        return self.has_view_permission(request, obj)

    def has_add_permission(self, request) -> bool:
        return self.has_module_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return self.has_view_permission(request, obj)

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        related = db_field.related_model
        if not request.user.is_superuser:
            ids = self._consortium_ids(request)
            if related is Consortium:
                kwargs["queryset"] = Consortium.objects.filter(pk__in=ids)
            elif issubclass(related, TenantModel):
                kwargs["queryset"] = related._default_manager.filter(consortium_id__in=ids)
            elif related is get_user_model():
                kwargs["queryset"] = related._default_manager.filter(
                    memberships__consortium_id__in=ids, memberships__is_active=True
                ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        related = db_field.related_model
        if not request.user.is_superuser and issubclass(related, TenantModel):
            kwargs["queryset"] = related._default_manager.filter(
                consortium_id__in=self._consortium_ids(request)
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)


class TenantAdminForm(forms.ModelForm):
    """Refuses a row that would point at another consortium's row."""

    def clean(self):
        data = super().clean()
        consortium = data.get("consortium") or getattr(self.instance, "consortium", None)
        if consortium is None:
            return data
        # A copy: add_error removes the field from cleaned_data while we walk it.
        for name, value in list(data.items()):
            if isinstance(value, TenantModel) and value.consortium_id != consortium.pk:
                self.add_error(name, _("Choose one from the same consortium."))
        return data


class TenantAdmin(TenantAdminMixin, admin.ModelAdmin):
    form = TenantAdminForm
    list_select_related = True
    # Addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Consortium)
class ConsortiumAdmin(TenantAdmin):
    list_display = ["name", "slug", "kind"]
    search_fields = ["name", "slug"]
    prepopulated_fields = {"slug": ["name"]}

    def has_add_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class RoleAdmin(TenantAdmin):
    """Roles are granted and ended through services so guardian permissions follow at once."""

    list_display = ["user", "role", "granted_at", "ended_at"]
    list_filter = ["role", "ended_at"]
    search_fields = ["user__email", "user__full_name"]
    actions = ["end_roles"]
    readonly_fields = ["granted_at", "ended_at"]

    def has_change_permission(self, request, obj=None) -> bool:
        return obj is None and super().has_change_permission(request, obj)

    def grant(self, obj, request):
        raise NotImplementedError

    def end(self, obj):
        raise NotImplementedError

    def save_model(self, request, obj, form, change):
        saved = self.grant(obj, request)
        obj.pk = saved.pk

    def delete_model(self, request, obj):
        self.end(obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            self.end(obj)

    @admin.action(description=_("End the selected roles"))
    def end_roles(self, request, queryset):
        for obj in queryset.filter(ended_at__isnull=True):
            self.end(obj)
        self.message_user(request, _("The roles have ended."), messages.SUCCESS)


@admin.register(Membership)
class MembershipAdmin(TenantAdmin):
    list_display = ["user", "consortium", "is_active", "joined_at"]
    list_filter = ["is_active"]
    search_fields = ["user__email", "user__full_name"]
    actions = ["end_memberships"]

    # People join by invitation; leaving goes through the service so every permission goes too.
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.action(description=_("Remove the selected people from the consortium"))
    def end_memberships(self, request, queryset):
        for membership in queryset.select_related("consortium", "user"):
            services.membership_end(consortium=membership.consortium, user=membership.user)
        self.message_user(request, _("The people have been removed."), messages.SUCCESS)


@admin.register(ConsortiumRole)
class ConsortiumRoleAdmin(RoleAdmin):
    list_display = ["user", "role", "consortium", "granted_at", "ended_at"]
    fields = ["consortium", "user", "role", "granted_at", "ended_at"]

    def grant(self, obj, request):
        return services.consortium_role_grant(
            consortium=obj.consortium, user=obj.user, role=obj.role, granted_by=request.user
        )

    def end(self, obj):
        services.consortium_role_end(consortium=obj.consortium, user=obj.user, role=obj.role)


@admin.register(Invitation)
class InvitationAdmin(TenantAdmin):
    list_display = ["email", "role", "consortium", "status", "created_at", "expires_at"]
    list_filter = ["status", "role"]
    search_fields = ["email"]
    readonly_fields = ["status", "invited_by", "accepted_at", "accepted_by", "expires_at"]

    def has_add_permission(self, request) -> bool:
        return False  # invitations are sent from the People page so the email goes out


@admin.register(OutboundEmail)
class OutboundEmailAdmin(TenantAdmin):
    list_display = ["recipient", "subject", "purpose", "status", "attempts", "created_at", "claimed_at", "sent_at"]
    list_filter = ["status", "purpose"]
    search_fields = ["recipient", "subject", "message_id"]
    readonly_fields = [f.name for f in OutboundEmail._meta.fields]
    actions = ["retry_failed", "mark_sent"]

    @staticmethod
    def _by_consortium(queryset, status):
        from itertools import groupby

        rows = sorted(queryset.filter(status__in=status).select_related("consortium").only("pk", "consortium"),
                      key=lambda e: e.consortium_id)
        for _consortium_id, emails in groupby(rows, key=lambda e: e.consortium_id):
            emails = list(emails)
            yield emails[0].consortium, [e.pk for e in emails]

    @admin.action(description=_("Send the selected failed or unknown emails again"), permissions=["retry"])
    def retry_failed(self, request, queryset):
        from .outbox import RETRYABLE, outbox_retry

        requeued = sum(outbox_retry(consortium=consortium, actor=request.user, email_ids=ids)
                       for consortium, ids in self._by_consortium(queryset, RETRYABLE))
        self.message_user(request, ngettext(
            "%(count)d email will be sent again.", "%(count)d emails will be sent again.", requeued,
        ) % {"count": requeued}, messages.SUCCESS if requeued else messages.WARNING)

    @admin.action(description=_("Mark the selected unknown emails as sent (you have checked they arrived)"),
                  permissions=["retry"])
    def mark_sent(self, request, queryset):
        from .outbox import outbox_mark_sent

        marked = sum(outbox_mark_sent(consortium=consortium, actor=request.user, email_ids=ids)
                     for consortium, ids in self._by_consortium(queryset, [OutboundEmail.Status.UNKNOWN]))
        self.message_user(request, ngettext(
            "%(count)d email marked as sent.", "%(count)d emails marked as sent.", marked,
        ) % {"count": marked}, messages.SUCCESS if marked else messages.WARNING)

    def has_retry_permission(self, request) -> bool:
        # The queryset is already this admin's consortia only (TenantAdminMixin.get_queryset).
        return self.has_module_permission(request)

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False


admin.site.index_title = _("Consortium administration")
