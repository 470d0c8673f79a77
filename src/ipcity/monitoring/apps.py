from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ipcity.monitoring"
    label = "monitoring"
    verbose_name = _("指标监测")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.core.contributions import (
            DepartmentReference,
            ProgramTab,
            register_demo_loader,
            register_department_reference,
            register_program_tab,
        )
        from ipcity.monitoring.demo import load_demo
        from ipcity.monitoring.selectors import pending_department_imports
        from ipcity.monitoring.services import imports_follow_department_merge

        register_program_tab(ProgramTab("monitoring", _("监测"), "monitoring:dashboard", order=50))
        register_demo_loader("monitoring", load_demo)
        # 机构改革: a merged unit's pending value imports go to its successor.
        register_department_reference(DepartmentReference(
            "monitoring.imports", _("待确认的实际值导入"), pending_department_imports, imports_follow_department_merge,
            blocks_retire=False))
