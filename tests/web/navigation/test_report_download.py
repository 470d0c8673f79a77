"""The 专利导航报告 from the analysis page (audit 2026-12-07: the report existed only as
``ipcity navigate report``, so an office without the server's shell could not have it): PDF and
Word of the latest finished analysis, for whoever reads the project, audited as a download."""

from __future__ import annotations

import io

import docx
import pdfplumber

from ipcity.audit.models import AuditEvent
from ipcity.navigation.models import NavigationProject

from .test_pages import BRANCHES, analysed, data_dir, world  # noqa: F401 - fixtures


def _text(fmt: str, content: bytes) -> str:
    if fmt == "pdf":
        with pdfplumber.open(io.BytesIO(content)) as pdf:
            return "".join((page.extract_text() or "") for page in pdf.pages).replace("\n", "").replace(" ", "")
    return "".join(p.text for p in docx.Document(io.BytesIO(content)).paragraphs)


def test_the_analysis_page_offers_the_report_and_both_formats_download(client, world):  # noqa: F811
    project, analysis = analysed(client, world, nodes=BRANCHES)
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    for ext in ("pdf", "docx"):
        assert f'href="/navigation/project/{project.pk}/report.{ext}"' in page
    client.force_login(world.reporter)  # the task's department reads the project, so its report too
    for ext, magic in (("pdf", b"%PDF"), ("docx", b"PK")):
        response = client.get(f"/navigation/project/{project.pk}/report.{ext}")
        assert response.status_code == 200, ext
        assert f"report-v{analysis.version.number}.{ext}" in response["Content-Disposition"]
        content = response.getvalue()
        assert content.startswith(magic)
        text = _text(ext, content)
        assert analysis.version.content_hash in text and "附件：图表数据" in text, ext
        assert analysis.result["implications"]["gaps"]["sentence"][:12] in text, ext
    assert AuditEvent.objects.filter(action="file.download", actor=world.reporter,
                                     note__contains=f"/navigation/project/{project.pk}/report.pdf").exists()


def test_no_report_before_an_analysis_and_no_other_format(client, world):  # noqa: F811
    project, _analysis = analysed(client, world, nodes=BRANCHES)
    assert client.get(f"/navigation/project/{project.pk}/report.xlsx").status_code == 404
    client.force_login(world.office)
    client.post(f"/navigation/program/{world.program.pk}/new/", {
        "title": "开展储能产业专利导航", "task": world.task.pk, "dataset": "battery", "ipc": "H01M"})
    fresh = NavigationProject.objects.exclude(pk=project.pk).get()
    assert client.get(f"/navigation/project/{fresh.pk}/report.pdf").status_code == 404
    assert 'id="report-links"' not in client.get(f"/navigation/project/{fresh.pk}/analysis/").content.decode()
    client.force_login(world.other_reporter)  # another department does not see the project at all
    assert client.get(f"/navigation/project/{project.pk}/report.pdf").status_code == 404
