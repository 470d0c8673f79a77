"""Programme URLs: browsing (views.py), plan import/review (importing/) and editing (editing/)."""

from django.urls import include, path

from ipcity.programs import views
from ipcity.programs.reform import views as reform_views

app_name = "programs"

urlpatterns = [
    path("import/", include("ipcity.programs.importing.urls")),
    *views.urlpatterns,
    *reform_views.urlpatterns,
    path("p/<int:program_id>/edit/", include("ipcity.programs.editing.urls")),
]
