"""A report's download name numbers its versions per programme, kind and year.

Found by the empty-installation field test: the office's first white paper downloaded as
"…白皮书-v4.pdf" because the number was the table-wide id (two annual reports and a failed
white paper came before it)."""

from __future__ import annotations

import pytest

from ipcity.reports.models import ReportVersion
from tests.web.platform import factories as f

pytestmark = pytest.mark.django_db


def test_versions_are_numbered_within_their_programme_kind_and_year():
    region = f.region()
    msa = f.department(region, "市市场监管局")
    program = f.program(region, departments=[msa])
    other = f.program(region, title="另一个项目", departments=[msa])

    def version(prog, kind, year=2025, fmt="pdf", status="done"):
        return ReportVersion.objects.create(program=prog, kind=kind, year=year, fmt=fmt, status=status)

    annual_docx, annual_pdf = version(program, "annual", fmt="docx"), version(program, "annual")
    version(other, "whitepaper")
    failed = version(program, "whitepaper", status="failed")
    whitepaper = version(program, "whitepaper")
    next_year = version(program, "whitepaper", year=2026)
    assert [v.number for v in (annual_docx, annual_pdf, failed, whitepaper, next_year)] == [1, 2, 1, 2, 1]
    assert whitepaper.download_name == f"{program.title}-2025-知识产权发展与保护状况白皮书-v2.pdf"
    assert whitepaper.pk > whitepaper.number  # the table-wide id it used to carry
