"""A firms' needs list saved as Excel 97-2003 (.xls, WPS's old default) imports from the page; a
Word file renamed .xls is refused in words, and nothing is written."""

from __future__ import annotations

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.transfer.models import TechNeed
from tests.web.transfer.test_field_walk import client_for
from tests.web.transfer.transfer_fixtures import NEEDS_HEADER
from tests.xls_files import write_xls

ROWS = [["铜陵某铜箔科技有限公司", "高频电路板用低轮廓电解铜箔的表面粗化处理工艺", "电解铜箔", "3985", "340705", 300, "许可"],
        ["铜陵某精密制造有限公司", "汽车零部件精密模具的快速换模与寿命预测", "精密模具", "3525", "340705", 120.5, "合作"]]


def test_a_needs_list_saved_as_xls_is_imported_from_the_page(transfer_world, tmp_path):
    path = write_xls(tmp_path / "需求.xls", [NEEDS_HEADER, *ROWS])
    office = client_for(transfer_world.office_a)
    response = office.post(reverse("transfer:needs_import"),
                           {"file": SimpleUploadedFile("需求.xls", path.read_bytes(), "application/vnd.ms-excel")})
    assert response.status_code == 302, response.content.decode()[-2000:]
    needs = {n.enterprise: n for n in TechNeed.objects.all()}
    assert set(needs) == {"铜陵某铜箔科技有限公司", "铜陵某精密制造有限公司"}
    assert needs["铜陵某精密制造有限公司"].budget_wan == 120.5
    assert needs["铜陵某铜箔科技有限公司"].industry_code == "3985"  # a number cell read as the code


def test_a_word_file_renamed_xls_is_refused(transfer_world, tmp_path):
    data = write_xls(tmp_path / "a.xls", [NEEDS_HEADER, *ROWS]).read_bytes()
    renamed = data.replace("Workbook".encode("utf-16-le"), "Wordbook".encode("utf-16-le"))
    office = client_for(transfer_world.office_a)
    response = office.post(reverse("transfer:needs_import"),
                           {"file": SimpleUploadedFile("需求.xls", renamed, "application/vnd.ms-excel")})
    assert response.status_code == 400
    assert "文件内容与扩展名不符或已损坏" in response.content.decode()
    assert not TechNeed.objects.exists()
