from django.apps import AppConfig


class ProtectionConfig(AppConfig):
    name = "ipcity.protection"
    label = "protection"
    verbose_name = "维权援助"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from django.conf import settings

        from ipcity.casework import calendar
        from ipcity.protection import registrations

        # The office-loaded holiday notices (ipcity cases calendar load): read now and re-read
        # when the directory changes, so every worker counts with the same years.
        calendar.set_notice_dir(settings.DATA_DIR / "reference" / "holidays")
        registrations.register_all()
