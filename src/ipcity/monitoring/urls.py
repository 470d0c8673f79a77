"""Monitoring URLs, mounted at /monitoring/."""

from django.urls import path

from ipcity.monitoring import (
    export,
    views,
    views_compare,
    views_engine_figures,
    views_records,
    views_template,
)

app_name = "monitoring"

urlpatterns = [
    path("program/<int:program_id>/", views.dashboard, name="dashboard"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/", views.indicator, name="indicator"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/record/", views.record, name="record"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/reference/", views.reference, name="reference"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/computed/", views_engine_figures.engine_figure,
         name="computed"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/owner/", views.owner, name="owner"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/link/", views_records.indicator_link,
         name="indicator_link"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/actions/", views_records.actions, name="actions"),
    path("program/<int:program_id>/indicator/<int:indicator_id>/actions.xlsx", views_records.actions_xlsx,
         name="actions_xlsx"),
    path("program/<int:program_id>/actual/<int:actual_id>/records/", views_records.figure_records,
         name="figure_records"),
    path("program/<int:program_id>/actual/<int:actual_id>/records.xlsx", views_records.figure_records_file,
         {"fmt": "xlsx"}, name="figure_records_xlsx"),
    path("program/<int:program_id>/actual/<int:actual_id>/records.csv", views_records.figure_records_file,
         {"fmt": "csv"}, name="figure_records_csv"),
    path("program/<int:program_id>/attachment/<int:actual_id>/", views.attachment, name="attachment"),
    path("program/<int:program_id>/template.xlsx", views_template.template_download, name="template"),
    path("program/<int:program_id>/upload/", views_template.upload, name="upload"),
    path("program/<int:program_id>/upload/<int:import_id>/", views_template.import_review, name="import"),
    path("program/<int:program_id>/thresholds/", views.thresholds, name="thresholds"),
    path("program/<int:program_id>/dashboard.xlsx", export.dashboard_export, name="dashboard_xlsx"),
    path("department/<int:department_id>/template.xlsx", views_template.department_template, name="department_template"),
    path("department/<int:department_id>/upload/", views_template.department_upload, name="department_upload"),
    path("department/<int:department_id>/upload/<int:import_id>/", views_template.department_import_review,
         name="department_import"),
    path("compare/", views_compare.compare, name="compare"),
    path("compare/links/", views_compare.links, name="links"),
]
