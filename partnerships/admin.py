from django.contrib import admin

from consortia.admin import RoleAdmin, TenantAdmin

from . import services
from .models import Partnership, PartnershipRole


@admin.register(Partnership)
class PartnershipAdmin(TenantAdmin):
    list_display = ["name", "kind", "consortium"]
    list_filter = ["kind"]
    search_fields = ["name"]


@admin.register(PartnershipRole)
class PartnershipRoleAdmin(RoleAdmin):
    list_display = ["user", "role", "partnership", "granted_at", "ended_at"]
    fields = ["consortium", "partnership", "user", "role", "granted_at", "ended_at"]
    search_fields = ["user__email", "partnership__name"]

    def grant(self, obj, request):
        return services.partnership_role_grant(
            partnership=obj.partnership, user=obj.user, role=obj.role
        )

    def end(self, obj):
        services.partnership_role_end(partnership=obj.partnership, user=obj.user, role=obj.role)
