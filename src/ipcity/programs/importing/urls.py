"""Plan import URLs, mounted at /import/ inside the ``programs`` namespace (``programs:importing:*``)."""

from django.urls import path, register_converter

from ipcity.programs.importing import views


class ItemKindConverter:
    """The editable lists of a plan: ``indicators`` or ``tasks``."""

    regex = "indicators|tasks"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(ItemKindConverter, "itemkind")

app_name = "importing"

urlpatterns = [
    path("", views.upload, name="upload"),
    path("<int:import_id>/", views.review, name="review"),
    path("<int:import_id>/fields/", views.fields_save, name="fields"),
    path("<int:import_id>/units/", views.department_choose, name="units"),
    path("<int:import_id>/confirm/", views.confirm, name="confirm"),
    path("<int:import_id>/discard/", views.discard, name="discard"),
    path("<int:import_id>/pair/", views.pair, name="pair"),
    path("<int:import_id>/schedule/", views.schedule_save, name="schedule"),
    path("<int:import_id>/<itemkind:kind>/", views.item_list, name="items"),
    path("<int:import_id>/<itemkind:kind>/new/", views.item_edit, name="item_new"),
    path("<int:import_id>/<itemkind:kind>/<int:index>/", views.item_edit, name="item_edit"),
    path("<int:import_id>/<itemkind:kind>/<int:index>/delete/", views.item_delete, name="item_delete"),
]
