"""The end of a programme as a hostile or careless user tries it (hostile30): a double click on
归档 / 取消归档, a stale archive form, a typed reason with control characters. The world is
test_archiving.py's (authored)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.programs.models import Program
from ipcity.supervision.services import archiving, rounds

from .test_archiving import _ended_world


@pytest.fixture
def ended(db):
    return _ended_world()


def _messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"]]


def test_a_double_click_on_archive_says_it_is_archived_not_that_an_edit_was_lost(client, ended):
    program = ended.program
    client.force_login(ended.users["office"])
    stamp = client.get(reverse("supervision:final", args=[program.pk])).context["stamp"]
    url = reverse("supervision:archive", args=[program.pk])
    assert client.post(url, {"stamp": stamp}, follow=True).redirect_chain[0][1] == 302
    second = client.post(url, {"stamp": stamp}, follow=True)
    assert second.status_code == 200 and second.redirect_chain[0][1] == 302
    assert _messages(second) == ["项目已归档：只能查看，不能再修改。"]
    assert "您的修改尚未保存" not in second.content.decode()
    assert AuditEvent.objects.filter(action="program.archive").count() == 1


def test_a_stale_archive_form_names_the_rounds_and_the_button_not_a_save(client, ended):
    program = ended.program
    client.force_login(ended.users["office"])
    stamp = client.get(reverse("supervision:final", args=[program.pk])).context["stamp"]
    rounds.round_create(program=program, user=ended.users["office"], title="新开一轮",
                        due=dt.date(program.end_year + 1, 3, 31), period_year=program.end_year)
    stale = client.post(reverse("supervision:archive", args=[program.pk]), {"stamp": stamp, "close_open_rounds": "1"})
    assert stale.status_code == 409
    page = stale.content.decode()
    assert "进行中轮次已有变化，尚未归档" in page and "您的修改尚未保存" not in page
    assert Program.objects.get(pk=program.pk).status == Program.Status.ACTIVE


def test_a_double_click_on_unarchive_says_it_is_undone(client, ended):
    program = ended.program
    archiving.program_archive(program=program, user=ended.users["office"], close_open_rounds=True)
    client.force_login(ended.users["admin"])
    stamp = client.get(reverse("supervision:final", args=[program.pk])).context["stamp"]
    url = reverse("supervision:unarchive", args=[program.pk])
    assert client.post(url, {"stamp": stamp, "reason": "补录 2025 年数据"}, follow=True).redirect_chain[0][1] == 302
    second = client.post(url, {"stamp": stamp, "reason": "补录 2025 年数据"}, follow=True)
    assert second.redirect_chain[0][1] == 302 and _messages(second) == ["已取消归档，项目恢复为可修改。"]
    assert AuditEvent.objects.filter(action="program.unarchive").count() == 1


@pytest.mark.parametrize("reason", ["补录\x00数据", "补录\x07数据", "补录\x1b[31m数据"])
def test_an_unarchive_reason_with_a_control_character_is_refused(client, ended, reason):
    program = ended.program
    archiving.program_archive(program=program, user=ended.users["office"], close_open_rounds=True)
    client.force_login(ended.users["admin"])
    refused = client.post(reverse("supervision:unarchive", args=[program.pk]), {"reason": reason})
    assert refused.status_code == 400 and "取消归档的原因含有控制字符" in refused.content.decode()
    assert Program.objects.get(pk=program.pk).status == Program.Status.ARCHIVED
    assert not AuditEvent.objects.filter(action="program.unarchive").exists()


def test_an_unarchive_reason_keeps_its_line_breaks_and_loses_a_bidi_override(ended):
    program = ended.program
    archiving.program_archive(program=program, user=ended.users["office"], close_open_rounds=True)
    archiving.program_unarchive(program=program, user=ended.users["admin"], reason="补录\u202e数据\n第二行")
    assert AuditEvent.objects.get(action="program.unarchive").note == "取消归档：补录数据\n第二行"


def test_an_unarchive_reason_over_2000_characters_is_refused(client, ended):
    archiving.program_archive(program=ended.program, user=ended.users["office"], close_open_rounds=True)
    client.force_login(ended.users["admin"])
    refused = client.post(reverse("supervision:unarchive", args=[ended.program.pk]), {"reason": "很" * 2001})
    assert refused.status_code == 400 and "至多 2,000 字" in refused.content.decode()


def test_the_case_and_contract_feeds_do_not_offer_an_archived_programmes_indicators(client, ended):
    """Recording a case KPI (维权援助) or a contract count (供需对接) as an indicator's value: the
    form listed the archived programme's indicators, and choosing one ended on a 403 page."""
    from ipcity.protection.selectors.statistics import recordable_indicators
    from ipcity.transfer.views_contracts import _indicators

    office, indicator = ended.users["office"], ended.indicators[0]
    assert [i.pk for i in recordable_indicators(office)] == [indicator.pk]
    assert [i.pk for i in _indicators(office)] == [indicator.pk]
    archiving.program_archive(program=ended.program, user=office)
    assert recordable_indicators(office) == [] and _indicators(office) == []
    client.force_login(office)
    year = ended.program.end_year
    posted = client.post(reverse("protection:kpi_record"),
                         {"indicator": indicator.pk, "kpi": "closure_rate", "scope": "", "year": year})
    assert posted.status_code == 302 and posted["Location"] == reverse("protection:kpis")  # not a choice: 请选择指标
    posted = client.post(reverse("transfer:contract_record"), {"indicator": indicator.pk, "kind": "licence", "year": year})
    assert posted.status_code == 302 and posted["Location"] == reverse("transfer:contracts")


def test_the_monitoring_demo_leaves_an_archived_programme_alone(ended):
    """`ipcity demo` on an installation with an archived programme: the monitoring loader linked
    its indicator to the catalogue (a write into the archived programme) and stopped on
    ProgramArchived with a traceback; it now leaves the programme alone."""
    import io

    from ipcity.monitoring.demo import load_demo
    from ipcity.monitoring.models import IndicatorLink

    from .factories import make_program

    make_program(title="另一方案", dept_prefix="乙")
    archiving.program_archive(program=ended.program, user=ended.users["office"])
    out = io.StringIO()
    load_demo(stdout=out)
    assert "1 个项目" in out.getvalue()  # the other programme (no values yet), not the archived one
    assert not IndicatorLink.objects.filter(indicator__program=ended.program).exists()


def test_the_final_evaluation_xlsx_of_names_with_control_characters_and_formulas(client, ended):
    """Names reach the programme from documents and the import editor's text fields, which keep a
    bell or Word's vertical tab: the .xlsx was an error page (openpyxl's IllegalCharacterError).
    Formula text stays text (core.spreadsheets)."""
    import io

    from openpyxl import load_workbook

    indicator = ended.indicators[0]
    indicator.name = '=HYPERLINK("http://evil.example","点我")\x07'
    indicator.save()
    ended.program.title = "铜陵\x0b方案"
    ended.program.save()
    client.force_login(ended.users["leader"])
    export = client.get(reverse("supervision:final_xlsx", args=[ended.program.pk]))
    assert export.status_code == 200
    sheet = load_workbook(io.BytesIO(export.content)).worksheets[0]
    assert sheet["A1"].value.startswith("铜陵方案")
    assert sheet["B4"].value == '\'=HYPERLINK("http://evil.example","点我")' and sheet["B4"].data_type == "s"


def test_the_final_report_docx_of_a_name_with_a_control_character(ended, settings, tmp_path):
    """The 终期评估报告 (.docx) of an indicator and a task named with a bell / Word's vertical tab:
    python-docx refused the whole document ('All strings must be XML compatible'), the report
    FAILED. The characters are dropped (reports.render.docx), the names kept."""
    import io

    import docx

    from ipcity.reports.build import build_report

    settings.MEDIA_ROOT = tmp_path
    indicator, task = ended.indicators[0], ended.tasks[0]
    indicator.name = "专利\x07质押"
    indicator.save()
    task.title = "建设\x0b平台"
    task.save()
    archiving.program_archive(program=ended.program, user=ended.users["office"])
    built = build_report(program=ended.program, kind="final", year=ended.program.end_year, fmt="docx")
    document = docx.Document(io.BytesIO(built.content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    assert "专利质押" in cells


def test_a_template_uploaded_before_the_archiving_and_confirmed_after_says_what_to_do(client, ended):
    """A department's template spans its programmes: checked (dry run) while the programme was
    under way, confirmed after the office archived it. Nothing is written, as before, but on the
    import's own page with what to do (download the template again), not a 403 page telling the
    department to ask the site administrator."""
    from ipcity.monitoring.models import ActualImport, IndicatorActual

    reporter, department, indicator = ended.users["reporter"], ended.departments[0], ended.indicators[0]
    pending = ActualImport.objects.create(
        department=department, original_name="部门模板.xlsx", created_by=reporter, status=ActualImport.Status.PENDING,
        rows=[{"row": 3, "indicator_id": indicator.pk, "indicator_name": indicator.name,
               "year": ended.program.end_year, "value": 15.0, "source": "", "note": ""}])
    archiving.program_archive(program=ended.program, user=ended.users["office"])
    client.force_login(reporter)
    url = reverse("monitoring:department_import", args=[department.pk, pending.pk])
    answer = client.post(url, follow=True)
    assert answer.redirect_chain == [(url, 302)]
    assert "该项目已归档，不能再写入" in _messages(answer)[0] and "请重新下载模板" in _messages(answer)[0]
    assert not IndicatorActual.objects.filter(indicator=indicator, value=15.0).exists()
    assert ActualImport.objects.get(pk=pending.pk).status == ActualImport.Status.PENDING
