from django.urls import path

from ipcity.navigation import views

app_name = "navigation"

urlpatterns = [
    path("program/<int:program_id>/", views.program_projects, name="program"),
    path("program/<int:program_id>/new/", views.project_create, name="create"),
    path("project/<int:project_id>/", views.project_detail, name="project"),
    path("project/<int:project_id>/node/", views.node_save, name="node_save"),
    path("project/<int:project_id>/node/remove/", views.node_remove, name="node_remove"),
    path("project/<int:project_id>/analyse/", views.analyse, name="analyse"),
    path("project/<int:project_id>/analysis/", views.analysis_page, name="analysis"),
    path("project/<int:project_id>/analysis/status/", views.analysis_status, name="analysis_status"),
    path("project/<int:project_id>/aliases/", views.aliases, name="aliases"),
    path("project/<int:project_id>/aliases/add/", views.alias_add, name="alias_add"),
    path("project/<int:project_id>/aliases/remove/", views.alias_remove, name="alias_remove"),
    path("project/<int:project_id>/versions/<int:number>/", views.version_json, name="version"),
    path("project/<int:project_id>/download/<str:table>.<str:fmt>", views.download, name="download"),
    path("project/<int:project_id>/report.<str:ext>", views.report, name="report"),
]
