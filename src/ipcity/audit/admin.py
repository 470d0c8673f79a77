"""The audit trail in the Django admin: read-only for everyone (rows are never changed)."""

from django.contrib import admin

from ipcity.audit.models import AuditEvent


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "object_type", "object_repr", "program_id")
    list_filter = ("action", "object_type")
    search_fields = ("actor_name", "object_repr", "action")
    date_hierarchy = "at"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
