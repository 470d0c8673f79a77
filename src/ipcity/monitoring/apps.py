from django.apps import AppConfig


class MonitoringConfig(AppConfig):
    name = "ipcity.monitoring"
    label = "monitoring"
    verbose_name = "指标监测"
    default_auto_field = "django.db.models.BigAutoField"
