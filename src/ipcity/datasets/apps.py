from django.apps import AppConfig


class DatasetsConfig(AppConfig):
    name = "ipcity.datasets"
    label = "datasets"
    verbose_name = "数据集"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from ipcity.core.contributions import register_object_access
        from ipcity.datasets.access import import_object_access, imports_visible_to

        # The audit trail opens an import's history only to whoever may open the import.
        register_object_access("datasets.datasetimport", import_object_access, scope=imports_visible_to)
