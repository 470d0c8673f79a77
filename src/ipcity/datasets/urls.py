from django.urls import path

from ipcity.datasets import views

app_name = "datasets"

urlpatterns = [
    path("", views.dataset_list, name="list"),
    path("upload/", views.upload, name="upload"),
    path("formats/", views.format_select, name="formats"),
    path("import/<int:import_id>/", views.import_detail, name="import"),
]
