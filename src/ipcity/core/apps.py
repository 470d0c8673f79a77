from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "ipcity.core"
    label = "core"
    verbose_name = _("区划、部门与用户")

    def ready(self) -> None:
        # Every database connection gets the search boxes' folding function (SQLite only).
        from ipcity.core.search import connect_signals

        connect_signals()
