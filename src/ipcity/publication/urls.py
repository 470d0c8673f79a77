"""The office's publication pages, mounted at /publication/ (the public pages: ``urls_public``)."""

from django.urls import path

from ipcity.publication import views_manage

app_name = "publication"

urlpatterns = [
    path("program/<int:program_id>/", views_manage.manage, name="manage"),
    path("program/<int:program_id>/publish/", views_manage.program_publish, name="program_publish"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/publish/", views_manage.indicator_publish,
         name="indicator_publish"),
]
