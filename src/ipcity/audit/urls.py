"""Audit pages: an object's history and a programme's trail with its export."""

from django.urls import path

from ipcity.audit import views

app_name = "audit"

urlpatterns = [
    path("program/<int:program_id>/", views.program_trail, name="program"),
    path("program/<int:program_id>/export.<str:fmt>", views.program_trail_export, name="program_export"),
    path("security/", views.security_log, name="security"),
    path("history/<str:object_type>/<str:object_id>/", views.history, name="history"),
]
