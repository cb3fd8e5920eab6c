from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from consortia.selectors import administered_consortium_ids

from .models import User


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    """People are global; a consortium admin finds only people in the consortia they run."""

    ordering = ["email"]
    list_display = ["email", "full_name", "preferred_language", "is_active", "is_staff"]
    search_fields = ["email", "full_name"]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Profile", {"fields": ("full_name", "preferred_language")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if request.user.is_superuser:
            return queryset
        return queryset.filter(
            memberships__consortium_id__in=administered_consortium_ids(request.user),
            memberships__is_active=True,
        ).distinct()

    def has_module_permission(self, request) -> bool:
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None) -> bool:
        # Consortium admins may look people up (autocomplete) but not edit them.
        return request.user.is_superuser or bool(administered_consortium_ids(request.user))

    def has_change_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser
