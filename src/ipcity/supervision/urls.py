"""Supervision pages, mounted at /supervision/."""

from django.urls import path

from ipcity.supervision import views, views_closing, views_workflow

app_name = "supervision"

urlpatterns = [
    path("program/<int:program_id>/", views.program_board, name="program"),
    path("program/<int:program_id>/rounds/new/", views.round_create, name="round_create"),
    path("program/<int:program_id>/rounds/generate/", views.rounds_generate, name="rounds_generate"),
    path("program/<int:program_id>/settings/", views.program_settings, name="settings"),
    path("program/<int:program_id>/scorecard/", views.scorecard, name="scorecard"),
    path("program/<int:program_id>/scorecard.xlsx", views.scorecard_export, name="scorecard_xlsx"),
    path("round/<int:round_id>/status/", views.round_status, name="round_status"),
    path("program/<int:program_id>/final/", views_closing.final_evaluation_page, name="final"),
    path("program/<int:program_id>/final.xlsx", views_closing.final_evaluation_export, name="final_xlsx"),
    path("program/<int:program_id>/archive/", views_closing.program_archive, name="archive"),
    path("program/<int:program_id>/unarchive/", views_closing.program_unarchive, name="unarchive"),
    path("reports/", views.my_reports, name="my_reports"),
    path("report/<int:report_id>/", views.report_detail, name="report"),
    path("report/<int:report_id>/fill/", views.report_fill, name="report_fill"),
    path("report/<int:report_id>/review/", views.report_review, name="report_review"),
    path("report/<int:report_id>/head/", views.report_head, name="report_head"),
    path("report/<int:report_id>/attachments/", views.attachment_upload, name="attachment_upload"),
    path("attachment/<int:attachment_id>/", views.attachment_download, name="attachment"),
    path("attachment/<int:attachment_id>/delete/", views.attachment_delete, name="attachment_delete"),
    path("notifications/", views.notifications, name="notifications"),
    path("program/<int:program_id>/board.xlsx", views_workflow.board_export, name="board_xlsx"),
    path("report/<int:report_id>/line/<int:task_id>/", views_workflow.report_line, name="report_line"),
    path("report/<int:report_id>/urge/", views_workflow.report_urge, name="report_urge"),
]
