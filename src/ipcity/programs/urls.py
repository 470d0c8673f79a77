"""Programme URLs: browsing (views.py), plan import/review (importing/) and editing (editing/)."""

from django.urls import include, path

from ipcity.programs import views, views_departments

app_name = "programs"

urlpatterns = [
    path("import/", include("ipcity.programs.importing.urls")),
    *views.urlpatterns,
    *views_departments.urlpatterns,
    path("p/<int:program_id>/edit/", include("ipcity.programs.editing.urls")),
]
