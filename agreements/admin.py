from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from consortia.admin import TenantAdmin, TenantAdminMixin

from . import services
from .models import AgreementParty, AgreementResponse, AgreementSection, AgreementTemplate, AgreementVersion


@admin.register(AgreementTemplate)
class AgreementTemplateAdmin(TenantAdmin):
    list_display = ["title", "partnership", "consortium", "reminder_cadence_days", "challenge_window_days"]
    search_fields = ["title", "title_cy", "partnership__name"]

    def save_model(self, request, obj, form, change):
        if change:
            services.template_update(template=obj, title=obj.title, title_cy=obj.title_cy,
                                     reminder_cadence_days=obj.reminder_cadence_days,
                                     challenge_window_days=obj.challenge_window_days)
        else:
            saved = services.template_create(
                partnership=obj.partnership, title=obj.title, title_cy=obj.title_cy,
                reminder_cadence_days=obj.reminder_cadence_days, challenge_window_days=obj.challenge_window_days)
            obj.pk = saved.pk


class AgreementSectionInline(TenantAdminMixin, admin.StackedInline):
    model = AgreementSection
    fields = ["position", "role", "heading", "heading_cy", "body", "body_cy"]
    extra = 0

    # NOTE: a published version's text never changes; the inline follows its version.
    def has_change_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.is_draft) and super().has_change_permission(request, obj)

    def has_add_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.is_draft) and super().has_module_permission(request)

    def has_delete_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.is_draft) and super().has_delete_permission(request, obj)


@admin.register(AgreementVersion)
class AgreementVersionAdmin(TenantAdmin):
    list_display = ["template", "number", "status", "published_at", "consortium"]
    list_filter = ["status"]
    search_fields = ["template__title"]
    fields = ["consortium", "template", "number", "status", "intro", "intro_cy", "published_at", "published_by",
              "superseded_at", "reminders_paused_until", "reminders_cancelled"]
    readonly_fields = ["consortium", "template", "number", "status", "published_at", "published_by",
                       "superseded_at", "reminders_paused_until", "reminders_cancelled"]
    inlines = [AgreementSectionInline]
    actions = ["publish"]

    # Versions begin as a new agreement's first draft or as the next draft of one, never here.
    def has_add_permission(self, request) -> bool:
        return False

    # NOTE: published versions are read-only here as everywhere: a change is a new version.
    def has_change_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.is_draft) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        return (obj is None or obj.is_draft) and super().has_delete_permission(request, obj)

    def save_model(self, request, obj, form, change):
        services.version_update(version=obj, intro=obj.intro, intro_cy=obj.intro_cy)

    def save_formset(self, request, form, formset, change):
        # Sections go through the service, which refuses any change to a published version.
        formset.new_objects, formset.changed_objects, formset.deleted_objects = [], [], []
        for section_form in formset.forms:
            instance = section_form.instance
            if section_form in formset.deleted_forms:
                if instance.pk:
                    services.section_delete(section=instance)
                    formset.deleted_objects.append(instance)
            elif section_form.has_changed():
                data = section_form.cleaned_data
                saved = services.section_save(
                    version=form.instance, section=instance if instance.pk else None,
                    **{name: data.get(name, "") for name in ("role", "heading", "heading_cy", "body", "body_cy")},
                    position=data.get("position"))
                if instance.pk:
                    formset.changed_objects.append((saved, section_form.changed_data))
                else:
                    formset.new_objects.append(saved)

    @admin.action(description=_("Publish the selected drafts"))
    def publish(self, request, queryset):
        for version in queryset.filter(status=AgreementVersion.Status.DRAFT):
            try:
                services.version_publish(version=version, by=request.user)
            except ValidationError as exc:
                self.message_user(request, f"{version}: {' '.join(exc.messages)}", messages.ERROR)
            else:
                self.message_user(request, _("%(version)s is published.") % {"version": version}, messages.SUCCESS)


class ReadOnlyTenantAdmin(TenantAdmin):
    """Written only by services (parties on drafts, responses from parties); the admin shows them."""

    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(AgreementParty)
class AgreementPartyAdmin(ReadOnlyTenantAdmin):
    list_display = ["__str__", "kind", "role", "version", "consortium"]
    list_filter = ["kind", "role"]
    search_fields = ["organisation__name", "user__email", "user__full_name"]


@admin.register(AgreementResponse)
class AgreementResponseAdmin(ReadOnlyTenantAdmin):
    list_display = ["party", "kind", "by", "on_behalf_of", "at", "version", "consortium"]
    list_filter = ["kind"]
    search_fields = ["by__email", "by__full_name", "party__organisation__name"]
    date_hierarchy = "at"
