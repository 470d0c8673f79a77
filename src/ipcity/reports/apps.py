from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ReportsConfig(AppConfig):
    name = "ipcity.reports"
    label = "reports"
    verbose_name = "报告"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.core.contributions import ProgramTab, register_program_tab
        from ipcity.reports.permissions import may_read_reports

        # The office and leaders see the reports; a reporter does not (the pages answer 403).
        register_program_tab(ProgramTab("reports", _("报告"), "reports:program", order=70, visible=may_read_reports))
