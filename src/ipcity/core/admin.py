"""Regions, departments, roles and tokens in the Django admin (site administrators only).

Changes to people go through ``ipcity.accounts.services`` on the account pages, which audit them;
the admin is for the site administrator's reference-data upkeep.
"""

from django.contrib import admin

from ipcity.core.models import ApiToken, Department, DepartmentAlias, Profile, Region


@admin.register(Region)
class RegionAdmin(admin.ModelAdmin):
    list_display = ("code", "name", "level", "parent")
    list_filter = ("level",)
    search_fields = ("code", "name")


class AliasInline(admin.TabularInline):
    model = DepartmentAlias
    extra = 0
    fields = ("alias",)


@admin.register(Department)
class DepartmentAdmin(admin.ModelAdmin):
    list_display = ("name", "region", "is_active")
    list_filter = ("is_active",)
    search_fields = ("name", "aliases__alias")
    autocomplete_fields = ("region",)
    inlines = [AliasInline]
    # 机构改革 is the office's, on the department's pages (programs.reform): a merge moves the work
    # and is audited; setting merged_into here would move nothing and could make a loop.
    readonly_fields = ("merged_into", "retired_at")


@admin.register(Profile)
class ProfileAdmin(admin.ModelAdmin):
    list_display = ("user", "role", "department", "region", "display_name")
    list_filter = ("role",)
    search_fields = ("user__username", "display_name")
    raw_id_fields = ("user", "department", "region")


@admin.register(ApiToken)
class ApiTokenAdmin(admin.ModelAdmin):
    """Tokens are issued on the account page (the secret is shown once); here they can be revoked."""

    list_display = ("user", "name", "created_at", "last_used_at", "expires_at")
    readonly_fields = ("user", "name", "created_at", "last_used_at", "expires_at")

    def has_add_permission(self, request):
        return False
