from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class SupervisionConfig(AppConfig):
    name = "ipcity.supervision"
    label = "supervision"
    verbose_name = _("督查督办")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.core.contributions import (
            DepartmentReference,
            ProgramTab,
            register_attention_provider,
            register_demo_loader,
            register_department_reference,
            register_program_tab,
            register_program_work_listener,
        )
        from ipcity.supervision.attention import supervision_attention
        from ipcity.supervision.demo import load_demo
        from ipcity.supervision.permissions import sees_all_departments
        from ipcity.supervision.selectors.rounds import outstanding_reports
        from ipcity.supervision.services.rounds import reports_follow_department_merge, rounds_follow_program

        register_program_tab(ProgramTab("supervision", _("督查督办"), "supervision:program", order=60))
        # 终期评估 and 归档: the office and leaders (a reporter does not evaluate the whole programme).
        register_program_tab(ProgramTab("final", _("终期评估"), "supervision:final", order=65, visible=sees_all_departments))
        register_attention_provider(supervision_attention)
        register_demo_loader("supervision", load_demo)
        register_program_work_listener(rounds_follow_program)
        # 机构改革: a merge hands the outstanding reports on; they keep a unit from being retired.
        register_department_reference(DepartmentReference(
            "supervision.reports", _("未报送的部门报告（进行中的轮次）"), outstanding_reports, reports_follow_department_merge))
