from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    name = "ipcity.audit"
    label = "audit"
    verbose_name = _("审计记录")

    def ready(self) -> None:
        from ipcity.audit import signin
        from ipcity.core.contributions import ProgramTab, register_program_tab

        signin.connect()
        # Last in the tab bar; the office and leaders read a programme's trail.
        register_program_tab(ProgramTab("audit", _("变更记录"), "audit:program", order=90, visible=_reads_trails))


def _reads_trails(user) -> bool:
    from ipcity.core.access import user_role
    from ipcity.core.models import Role

    return user_role(user) in (Role.OFFICE, Role.ADMIN, Role.LEADER)
