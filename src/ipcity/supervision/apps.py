from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "ipcity.supervision"
    label = "supervision"
    verbose_name = "督查督办"
    default_auto_field = "django.db.models.BigAutoField"
