"""Hostile old-Office plans posted to the plan import page: each refused in Chinese saying what
to do (save as .docx), status 400, no import written (authored files: tests/ole2_files.py)."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.plans.read import legacy_office
from ipcity.programs.models import PlanImport
from tests.ole2_files import directory_bomb, looping_short_stream

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(("build", "message"), [
    (lambda: directory_bomb(40, name="WordDocument"), "旧版 Office 二进制文件已损坏或不是 Word 文档，请另存为 .docx 后上传"),
    (lambda: looping_short_stream("WordDocument"), "无法转换（文件可能已损坏或设有密码），请另存为 .docx 后上传"),
], ids=["directory-loop", "short-stream-loop"])
def test_a_hostile_doc_plan_is_refused_on_the_page(client, office_user, build, message):
    client.force_login(office_user)
    response = client.post(reverse("programs:importing:upload"),
                           {"document": SimpleUploadedFile("方案.doc", build(), "application/msword")})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PlanImport.objects.count() == 0


def test_a_conversion_that_hangs_is_refused_on_the_page(client, office_user, tmp_path, monkeypatch):
    """The worker waits at most the conversion's limit (lowered here), then says what to do."""
    script = tmp_path / "soffice"
    script.write_text("#!/bin/sh\nsleep 30\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(legacy_office, "soffice", lambda: str(script))
    monkeypatch.setattr(legacy_office, "CONVERT_SECONDS", 1)
    client.force_login(office_user)
    response = client.post(reverse("programs:importing:upload"),
                           {"document": SimpleUploadedFile("方案.rtf", b"{\\rtf1 x}", "application/rtf")})
    assert response.status_code == 400
    assert "RTF 文件转换超时，请另存为 .docx 后上传" in response.content.decode()
    assert PlanImport.objects.count() == 0
