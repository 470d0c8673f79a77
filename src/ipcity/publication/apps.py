from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicationConfig(AppConfig):
    name = "ipcity.publication"
    label = "publication"
    verbose_name = "政务公开"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.core.access import is_office
        from ipcity.core.contributions import ProgramTab, register_demo_loader, register_program_tab
        from ipcity.publication.demo import load_demo

        # Publishing is the office's decision; leaders and reporters do not see the tab.
        register_program_tab(ProgramTab("publication", _("公开"), "publication:manage", order=80, visible=is_office))
        # The demo publishes the sample programme (after the monitoring loader gave it values).
        register_demo_loader("publication", load_demo)
