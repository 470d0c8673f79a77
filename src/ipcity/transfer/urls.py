from django.urls import path

from ipcity.transfer import views, views_contracts, views_supply

app_name = "transfer"

urlpatterns = [
    path("", views.need_list, name="needs"),
    path("needs/new/", views.need_create, name="need_create"),
    path("needs/import/", views.needs_import, name="needs_import"),
    path("need/<int:need_id>/", views.need_detail, name="need"),
    path("need/<int:need_id>/edit/", views.need_update, name="need_update"),
    path("need/<int:need_id>/close/", views.need_close, name="need_close"),
    path("need/<int:need_id>/propose/", views.need_propose, name="need_propose"),
    path("need/<int:need_id>/add/", views.need_add_match, name="need_add_match"),
    path("need/<int:need_id>/publish/", views.need_publish, name="need_publish"),
    path("match/<int:match_id>/curate/", views.match_curate, name="match_curate"),
    path("match/<int:match_id>/wrong/", views.match_wrong, name="match_wrong"),
    path("match/<int:match_id>/stage/", views.match_stage, name="match_stage"),
    # <path:>: a number read from a dataset may hold a "/" (cell_values.parse_pub_number allows it).
    path("patent/<path:pub_number>/", views.patent_detail, name="patent"),
    path("declarations/", views_supply.declaration_list, name="declarations"),
    path("declarations/new/", views_supply.declaration_create, name="declaration_create"),
    path("declarations/import/", views_supply.declarations_import, name="declarations_import"),
    path("declaration/<int:declaration_id>/", views_supply.declaration_detail, name="declaration"),
    path("declaration/<int:declaration_id>/withdraw/", views_supply.declaration_withdraw, name="declaration_withdraw"),
    path("supply/", views_supply.supply, name="supply"),
    path("supply/build/", views_supply.index_build, name="index_build"),
    path("export.xlsx", views_supply.export_published, name="export"),
    path("contracts/", views_contracts.contracts, name="contracts"),
    path("contracts/record/", views_contracts.contract_record, name="contract_record"),
]
