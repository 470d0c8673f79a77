from django.urls import path

from ipcity.reports import views

app_name = "reports"

urlpatterns = [
    path("program/<int:program_id>/", views.program_reports, name="program"),
    path("program/<int:program_id>/generate/", views.generate, name="generate"),
    path("program/<int:program_id>/templates/", views.template_upload, name="template_upload"),
    path("program/<int:program_id>/templates/<int:template_id>/deactivate/", views.template_deactivate,
         name="template_deactivate"),
    path("program/<int:program_id>/versions/<int:version_id>/", views.version_row, name="version"),
    path("program/<int:program_id>/versions/<int:version_id>/download/", views.download, name="download"),
    path("program/<int:program_id>/versions/<int:version_id>/publish/", views.publish, name="publish"),
]
