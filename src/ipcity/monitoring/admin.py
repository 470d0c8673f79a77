"""Read-only admin views: every change goes through ``services`` (audited, history kept)."""

from django.contrib import admin

from ipcity.monitoring.models import (
    ActualImport,
    IndicatorActual,
    IndicatorLink,
    ProgramThresholds,
    ReferenceValue,
    StandardIndicator,
)


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False


@admin.register(IndicatorActual)
class IndicatorActualAdmin(ReadOnlyAdmin):
    list_display = ("indicator", "year", "value", "is_current", "computed", "channel", "entered_by", "entered_at")
    list_filter = ("is_current", "computed", "channel")
    search_fields = ("indicator__name", "source")


admin.site.register([ProgramThresholds, ReferenceValue, IndicatorLink, ActualImport], ReadOnlyAdmin)


@admin.register(StandardIndicator)
class StandardIndicatorAdmin(admin.ModelAdmin):
    """The catalogue is reference data the office extends (a new national indicator, an alias).

    Links to it are made on the links page (confirmed and audited); an entry with links cannot be
    deleted (PROTECT).
    """

    list_display = ("code", "name", "unit")
    search_fields = ("code", "name", "aliases")
