"""An OFD plan (GB/T 33190, the national e-document format) uploaded through the web goes to review.

The OFD is rendered from a seed in the test (``tests/plans_read/ofd_builder.py``): an authored
fixture, not a file from elsewhere.
"""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.programs.models import PlanImport, Program
from tests.conftest import SHARED
from tests.plans_read.ofd_builder import ofd_from_text

TONGLING = "000_3c8ebd50ad477ee4"


@pytest.mark.django_db
def test_an_ofd_plan_upload_goes_to_review(client, office_user, load_gold, tmp_path):
    client.force_login(office_user)
    page = client.get(reverse("programs:importing:upload")).content.decode()
    assert "OFD" in page  # the form says it takes OFD
    ofd = ofd_from_text((SHARED / "seeds" / f"{TONGLING}.txt").read_text(encoding="utf-8"),
                        tmp_path / "铜陵方案.ofd", running_header="铜陵市人民政府")
    upload = SimpleUploadedFile("铜陵方案.ofd", ofd.read_bytes(), "application/ofd")
    response = client.post(reverse("programs:importing:upload"), {"document": upload})
    assert response.status_code == 302, response.content.decode()[-2000:]
    imp = PlanImport.objects.get()
    assert imp.status == PlanImport.Status.PENDING and imp.original_name == "铜陵方案.ofd"
    gold = load_gold(TONGLING)
    names = {i["name"] for i in imp.parsed["indicators"]}
    assert {i["name"] for i in gold["indicators"]} <= names
    review = client.get(reverse("programs:importing:review", args=[imp.pk])).content.decode()
    assert gold["indicators"][0]["name"] in review
    assert "铜陵市人民政府" not in imp.source_text.split("\n\n")[1]  # the template's header is furniture
    assert Program.objects.count() == 0


@pytest.mark.django_db
def test_a_hostile_ofd_upload_gets_a_chinese_message_and_writes_nothing(client, office_user, tmp_path):
    from tests.plans_read.ofd_builder import layout_blocks, package_files, write_package
    from tests.plans_variants.render import Block

    client.force_login(office_user)
    files: dict[str, str | bytes] = dict(package_files(layout_blocks([Block("paragraph", "专利导航")])))
    files["../../evil.xml"] = "x"
    path = write_package(files, tmp_path / "bad.ofd")
    response = client.post(reverse("programs:importing:upload"),
                           {"document": SimpleUploadedFile("bad.ofd", path.read_bytes())})
    assert response.status_code == 400
    assert "拒绝读取：压缩包内含有指向包外的文件路径" in response.content.decode()
    assert PlanImport.objects.count() == 0
