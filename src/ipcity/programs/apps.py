from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ProgramsConfig(AppConfig):
    name = "ipcity.programs"
    label = "programs"
    verbose_name = _("强市建设项目")

    def ready(self) -> None:
        from ipcity.core.contributions import (
            ProgramTab,
            register_attention_provider,
            register_object_access,
            register_program_tab,
        )
        from ipcity.programs.access import (
            access_department,
            access_departments,
            access_indicator,
            access_indicators,
            access_program,
            access_programs,
        )
        from ipcity.programs.attention import indicators_without_owner, pending_plan_imports

        register_program_tab(ProgramTab("overview", _("概况"), "programs:program", order=10))
        register_program_tab(ProgramTab("indicators", _("指标"), "programs:indicators", order=20))
        register_program_tab(ProgramTab("tasks", _("重点任务"), "programs:tasks", order=30))
        register_program_tab(ProgramTab("matrix", _("责任分工表"), "programs:matrix", order=40))
        register_attention_provider(pending_plan_imports)
        register_attention_provider(indicators_without_owner)
        # The audit trail (a layer below) opens a programme's or a department's history by these
        # rules; a department's visibility depends on the programmes it works on, hence here.
        # The scopes (same rules, as querysets) let a trail page name its objects in one query a type.
        register_object_access("programs.program", access_program, scope=access_programs)
        register_object_access("core.department", access_department, scope=access_departments)
        register_object_access("programs.indicator", access_indicator,  # named in values' records
                               scope=access_indicators)
