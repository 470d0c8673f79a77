from django.apps import AppConfig


class SupervisionConfig(AppConfig):
    name = "ipcity.supervision"
    label = "supervision"
    verbose_name = "督查督办"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.core.attention import register_attention_provider
        from ipcity.supervision.attention import supervision_attention

        register_attention_provider(supervision_attention)
