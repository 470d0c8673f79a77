"""What protection shows in the apps below it (navigation link, to-do list, board, daily scan,
demo data, object access for the audit trail): registered from ``ProtectionConfig.ready``."""

from __future__ import annotations


def register_all() -> None:
    from django.utils.translation import gettext_lazy as _

    from ipcity.core.contributions import (
        DepartmentReference,
        register_attention_provider,
        register_demo_loader,
        register_department_reference,
        register_object_access,
    )
    from ipcity.protection.access import case_object_access, cases_visible_to
    from ipcity.protection.board import case_attention, case_board_section
    from ipcity.protection.calendar_attention import calendar_notice_attention
    from ipcity.protection.demo import load_demo
    from ipcity.protection.selectors.cases import open_cases_handled_by
    from ipcity.protection.services.calendar_notices import calendar_catch_up
    from ipcity.protection.services.reminders import case_reminders_scan
    from ipcity.protection.services.steps import cases_follow_department_merge
    from ipcity.supervision.hooks import register_board_section, register_scan_hook

    # The audit trail opens a case's history only to whoever may open the case.
    register_object_access("protection.case", case_object_access, scope=cases_visible_to)
    # Cases due soon (at most 3 working days left) and overdue: home page, board, daily scan.
    register_attention_provider(case_attention)
    # Office users: load next year's holiday notice (provisional due dates, or the year ends soon).
    register_attention_provider(calendar_notice_attention)
    register_board_section(case_board_section)
    # First: stored due dates follow a calendar that grew without a load (chinese_calendar upgraded).
    register_scan_hook("holiday_calendar", calendar_catch_up)
    register_scan_hook("protection", case_reminders_scan)
    register_demo_loader("protection", load_demo)
    # 机构改革: a merged unit's open cases go to its successor; they keep a unit from being retired.
    register_department_reference(DepartmentReference(
        "protection.cases", _("办理中的维权案件"), open_cases_handled_by, cases_follow_department_merge))
