from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "ipcity.core"
    label = "core"
    verbose_name = "区划、部门与用户"
