from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NavigationConfig(AppConfig):
    name = "ipcity.navigation"
    label = "navigation"
    verbose_name = "专利导航"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.core.contributions import ProgramTab, register_program_tab, register_task_links
        from ipcity.navigation.selectors import task_project_links

        # Everyone who sees the programme sees the tab; a reporter finds there the projects
        # of the tasks of its department only (ipcity.navigation.access).
        register_program_tab(ProgramTab("navigation", _("专利导航"), "navigation:program", order=65))
        # A task's row in the programme's task list links to its navigation projects.
        register_task_links(task_project_links)
