"""Programme URLs: browsing (views.py) and plan import/review (importing/)."""

from django.urls import include, path

app_name = "programs"

try:
    from ipcity.programs import views
except ImportError:  # pragma: no cover - until the browsing views land
    views = None

urlpatterns = [path("import/", include("ipcity.programs.importing.urls"))]
if views is not None:
    urlpatterns += views.urlpatterns
    urlpatterns.append(path("p/<int:program_id>/edit/", include("ipcity.programs.editing.urls")))
