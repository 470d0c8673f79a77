"""The ledger import/export, KPI and statistics pages (views_ledger.py), mounted under /protection/."""

from django.urls import path

from ipcity.protection import views_ledger

urlpatterns = [
    path("ledger/import/", views_ledger.ledger_import, name="ledger_import"),
    path("ledger/import/<int:import_id>/", views_ledger.ledger_import_review, name="ledger_import_review"),
    path("ledger/export.xlsx", views_ledger.ledger_export, name="ledger_export"),
    path("kpis/", views_ledger.kpis, name="kpis"),
    path("kpis/record/", views_ledger.kpi_record, name="kpi_record"),
    path("statistics/", views_ledger.statistics, name="statistics"),
    path("statistics.xlsx", views_ledger.statistics_xlsx, name="statistics_xlsx"),
    path("statistics.docx", views_ledger.statistics_docx, name="statistics_docx"),
]
