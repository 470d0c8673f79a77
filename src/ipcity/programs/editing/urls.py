"""Editing a saved programme, mounted at /p/<program_id>/edit/ (``programs:editing:*``)."""

from django.urls import path

from ipcity.programs.editing import views

app_name = "editing"

urlpatterns = [
    path("indicator/<int:indicator_id>/", views.indicator_edit, name="indicator"),
    path("task/<int:task_id>/", views.task_edit, name="task"),
    path("schedule/", views.schedule_edit, name="schedule"),
]
