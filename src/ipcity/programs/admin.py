"""Programme data in the Django admin, read-only: every change must go through the audited services."""

from django.contrib import admin

from ipcity.programs.models import Indicator, PlanImport, Program, Task


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Program)
class ProgramAdmin(ReadOnlyAdmin):
    list_display = ("title", "region", "start_year", "end_year", "status", "is_sample")
    list_filter = ("status", "is_sample")
    search_fields = ("title", "doc_number")


@admin.register(Indicator)
class IndicatorAdmin(ReadOnlyAdmin):
    list_display = ("name", "program", "unit", "owner_department")
    search_fields = ("name",)


@admin.register(Task)
class TaskAdmin(ReadOnlyAdmin):
    list_display = ("ref", "title", "program")
    search_fields = ("title", "ref")


@admin.register(PlanImport)
class PlanImportAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "status", "created_by", "created_at")
    list_filter = ("status",)
