from django.urls import include, path

from ipcity.protection import views, views_holidays, views_types

app_name = "protection"

_steps = views.step_views()

urlpatterns = [
    path("", views.case_list, name="cases"),
    path("new/", views.case_register, name="case_register"),
    path("case/<int:case_id>/", views.case_detail, name="case"),
    path("case/<int:case_id>/contacts/", views.case_contacts, name="case_contacts"),
    *[path(f"case/<int:case_id>/{step.replace('_', '-')}/", view, name=f"case_{step}") for step, view in _steps.items()],
    path("types/", views_types.case_types, name="case_types"),
    path("types/<int:type_id>/", views_types.case_type_update, name="case_type_update"),
    # The holiday notices (节假日安排): the office reads the years, the site admin loads one.
    path("holidays/", views_holidays.holidays, name="holidays"),
    path("holidays/preview/", views_holidays.holidays_preview, name="holidays_preview"),
    path("holidays/confirm/", views_holidays.holidays_confirm, name="holidays_confirm"),
    # The ledger import/export, KPI and statistics pages (views_ledger.py).
    path("", include("ipcity.protection.urls_ledger")),
]
