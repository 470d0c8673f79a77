"""The ledger pages through the test client: upload → dry run page → confirm; export masked and neutralised."""

from __future__ import annotations

import datetime as dt
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import load_workbook

from ipcity.protection.models import Case, LedgerImport
from tests.web.protection.ledger_fixtures import ledger_xlsx, make_case
from tests.web.protection.test_ledger_import import GOOD


def _client(client, user):
    client.force_login(user)
    return client


def test_upload_dry_run_page_then_confirm(client, ledger_world):
    c = _client(client, ledger_world.office)
    assert c.get(reverse("protection:ledger_import")).status_code == 200
    # One file's bytes, uploaded twice below: a workbook written again carries another save time in
    # its properties, so two writes straddling a second are two different files (SHA-256).
    data = ledger_xlsx(GOOD)
    upload = SimpleUploadedFile("台账.xlsx", data)
    response = c.post(reverse("protection:ledger_import"), {"file": upload})
    draft = LedgerImport.objects.get()
    assert response.status_code == 302 and response.url == reverse("protection:ledger_import_review", args=[draft.pk])
    page = c.get(response.url).content.decode()
    assert "将创建 3 件案件" in page and "纠纷调解" in page and "12330热线" in page
    assert Case.objects.count() == 0
    response = c.post(reverse("protection:ledger_import_review", args=[draft.pk]))
    assert response.status_code == 302 and Case.objects.count() == 3
    # the same file again: the page warns, and confirming without the box writes nothing
    c.post(reverse("protection:ledger_import"), {"file": SimpleUploadedFile("台账.xlsx", data)})
    again = LedgerImport.objects.order_by("-pk").first()
    assert again.status == "dry_run", (again.status, again.errors)
    page = c.get(reverse("protection:ledger_import_review", args=[again.pk])).content.decode()
    assert 'id="duplicate-warning"' in page
    c.post(reverse("protection:ledger_import_review", args=[again.pk]))
    assert Case.objects.count() == 3
    c.post(reverse("protection:ledger_import_review", args=[again.pk]), {"allow_duplicate": "on"})
    assert Case.objects.count() == 6


def test_bad_file_is_named_on_the_form(client, ledger_world):
    c = _client(client, ledger_world.office)
    response = c.post(reverse("protection:ledger_import"),
                      {"file": SimpleUploadedFile("台账.xlsx", ledger_xlsx([["x"]], header=["登记日期", "案件类型", "当事人"]))})
    assert response.status_code == 200 and "台账缺少必需的列：来源渠道" in response.content.decode()
    assert LedgerImport.objects.count() == 0


def test_a_draft_is_its_uploaders_only(client, ledger_world):
    from ipcity.protection.services.ledger import ledger_import_dry_run

    draft = ledger_import_dry_run(user=ledger_world.office, data=ledger_xlsx(GOOD), filename="台账.xlsx")
    other = _client(client, ledger_world.other_office)
    assert other.get(reverse("protection:ledger_import_review", args=[draft.pk])).status_code == 404


def test_export_masks_personal_data_and_neutralises_formulas(client, ledger_world):
    case = make_case(ledger_world, type_code="complaint", received=dt.date(2024, 3, 1), accepted=dt.date(2024, 3, 4),
                     phone="13812345678", claimant="欧阳锋", department=ledger_world.departments["msj"])
    case.subject = '=HYPERLINK("http://x","点我")'
    case.save()
    make_case(ledger_world, type_code="consult", received=dt.date(2024, 5, 1), region_code="340800")  # another city
    for user in (ledger_world.office, ledger_world.reporter):
        response = _client(client, user).get(reverse("protection:ledger_export"))
        assert response.status_code == 200
        ws = load_workbook(io.BytesIO(response.content)).active
        rows = list(ws.iter_rows(values_only=True))
        header, data = rows[1], rows[2:]
        assert len(data) == 1  # the other city's case is not exported
        row = dict(zip(header, data[0], strict=True))
        assert row["当事人"] == "欧阳*" and row["联系电话"] == "138****5678"
        assert row["案由"] == '\'=HYPERLINK("http://x","点我")'
        assert row["案件类型"] == "举报投诉" and row["承办部门"] == "市市场监管局"
        assert "13812345678" not in response.content.decode("latin-1")
    # a department sees only its own cases
    response = _client(client, ledger_world.other_reporter).get(reverse("protection:ledger_export"))
    assert len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows())) == 2
    # the list's filters apply
    response = _client(client, ledger_world.office).get(reverse("protection:ledger_export") + "?case_type=consult")
    assert len(list(load_workbook(io.BytesIO(response.content)).active.iter_rows())) == 2
