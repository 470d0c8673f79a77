from django.apps import AppConfig


class ProgramsConfig(AppConfig):
    name = "ipcity.programs"
    label = "programs"
    verbose_name = "强市建设项目"
