"""A needs list exported as a web page under an .xls name (a platform's "导出Excel") imports from
the page."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.transfer.models import TechNeed
from tests.analytics_import.test_html_tables import export_page
from tests.web.transfer.test_field_walk import client_for
from tests.web.transfer.test_xls_upload import ROWS
from tests.web.transfer.transfer_fixtures import NEEDS_HEADER


def test_a_needs_page_export_is_imported(transfer_world):
    office = client_for(transfer_world.office_a)
    data = export_page([NEEDS_HEADER, *ROWS], title="企业技术需求清单")
    response = office.post(reverse("transfer:needs_import"),
                           {"file": SimpleUploadedFile("需求.xls", data, "application/vnd.ms-excel")})
    assert response.status_code == 302, response.content.decode()[-2000:]
    assert TechNeed.objects.count() == 2
