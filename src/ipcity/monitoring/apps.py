from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MonitoringConfig(AppConfig):
    name = "ipcity.monitoring"
    label = "monitoring"
    verbose_name = _("指标监测")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.core.contributions import ProgramTab, register_demo_loader, register_program_tab
        from ipcity.monitoring.demo import load_demo

        register_program_tab(ProgramTab("monitoring", _("监测"), "monitoring:dashboard", order=50))
        register_demo_loader("monitoring", load_demo)
