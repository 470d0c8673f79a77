from django.apps import AppConfig


class TransferConfig(AppConfig):
    name = "ipcity.transfer"
    label = "transfer"
    verbose_name = "供需对接与开放许可"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.transfer import registrations

        registrations.register_all()
