"""The public open-data pages, mounted at /open/: no sign-in (every view is ``login_not_required``)."""

from django.urls import path

from ipcity.publication import views

app_name = "open"

urlpatterns = [
    path("", views.index, name="index"),
    path("method/", views.method, name="method"),
    path("open-data.zip", views.bulk, name="bulk"),
    path("sitemap.xml", views.sitemap, name="sitemap"),
    path("display/", views.display, name="display"),
    path("<int:program_id>/", views.program, name="program"),
    path("<int:program_id>/data.<str:fmt>", views.program_download, name="program_download"),
    path("<int:program_id>/indicator/<int:indicator_id>/", views.indicator, name="indicator"),
    path("<int:program_id>/indicator/<int:indicator_id>/data.<str:fmt>", views.indicator_download,
         name="indicator_download"),
    path("<int:program_id>/whitepaper-<int:version_id>.<str:ext>", views.whitepaper, name="whitepaper"),
]
