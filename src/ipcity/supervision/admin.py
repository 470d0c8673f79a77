"""Read-mostly admin views for support staff; every change of substance goes through the pages."""

from django.contrib import admin

from ipcity.supervision.models import DepartmentReport, Notification, Reminder, Round, SupervisionSettings


@admin.register(Round)
class RoundAdmin(admin.ModelAdmin):
    list_display = ("title", "program", "due_date", "status")
    list_filter = ("status",)
    search_fields = ("title", "program__title")


@admin.register(DepartmentReport)
class DepartmentReportAdmin(admin.ModelAdmin):
    list_display = ("round", "department", "status", "times_returned", "first_submitted_at")
    list_filter = ("status",)
    readonly_fields = ("version", "status", "first_submitted_at", "last_submitted_at", "accepted_at")


@admin.register(Reminder)
class ReminderAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "for_date")
    list_filter = ("kind",)


admin.site.register(Notification)
admin.site.register(SupervisionSettings)
