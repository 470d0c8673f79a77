"""A report says its programme's own level (ipcity.divisions.wording via reports.document.place_words):
a county's 强县 programme reads 全县, 县知识产权局, 强县办, never 强市 or 全市 (the field test's defect:
长兴县知识产权强市建设…); a province's reads 全省; the city's demo keeps its words (test_final_report,
test_docx and the layout tests check them as they were).

The world is the demo's data, its programme moved to a county (then a province) with a title of that
level and no issuer, so that the fallbacks (signature, 印发 body) are printed too."""

from __future__ import annotations

import io

import docx
import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import translation

from ipcity.core.models import Region
from ipcity.reports.build import REPORT_LANGUAGE, build_report
from ipcity.reports.compose import compose
from ipcity.reports.compose_final import compose_final
from ipcity.supervision.services import archiving

from . import layout
from .conftest import load_demo_world

pytestmark = pytest.mark.django_db

COUNTY_TITLE = "长兴县知识产权强县建设试点工作方案（2025—2027年）"
PROVINCE_TITLE = "浙江省知识产权强省建设实施方案（2025—2027年）"


def _docx_text(content: bytes) -> str:
    document = docx.Document(io.BytesIO(content))
    cells = [cell.text for table in document.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in document.paragraphs] + cells)


def _pdf_text(content: bytes) -> str:
    return "".join((page.extract_text() or "").replace("\n", "") for page in layout.pages(content))


def _move(program, *, code: str, name: str, level: str, title: str):
    region = Region.objects.get_or_create(code=code, defaults={"name": name, "level": level})[0]
    program.region, program.region_name, program.title, program.issuer = region, name, title, ""
    program.save()
    return program


@pytest.fixture(scope="module")
def built(django_db_setup, django_db_blocker, tmp_path_factory):
    """{name: Built}: the county's annual report, 情况通报 and 终期评估报告 (.docx, the final one as PDF
    too), and the province's annual report, from the demo's data."""
    with django_db_blocker.unblock(), transaction.atomic():
        program, rnd = load_demo_world(tmp_path_factory.mktemp("county"))
        year = rnd.period_year
        program = _move(program, code="330522", name="长兴县", level=Region.Level.DISTRICT, title=COUNTY_TITLE)
        out = {"annual": build_report(program=program, kind="annual", year=year, fmt="docx"),
               "bulletin": build_report(program=program, kind="bulletin", year=year, fmt="docx", reporting_round=rnd)}
        office = get_user_model().objects.get(username="admin")
        program = archiving.program_archive(program=program, user=office, close_open_rounds=True)
        for fmt in ("docx", "pdf"):
            out[f"final-{fmt}"] = build_report(program=program, kind="final", year=program.end_year, fmt=fmt)
        program = _move(program, code="330000", name="浙江省", level=Region.Level.PROVINCE, title=PROVINCE_TITLE)
        out["province"] = build_report(program=program, kind="annual", year=year, fmt="docx")
        yield out
        transaction.set_rollback(True)


def test_snapshot_keeps_the_region_level(built):
    assert built["annual"].snapshot["program"]["region_level"] == "district"
    assert built["province"].snapshot["program"]["region_level"] == "province"


def test_county_annual_report(built):
    text = _docx_text(built["annual"].content)
    assert "长兴县知识产权强县建设" in text and "县知识产权强县建设工作领导小组：" in text
    assert "全县纳入监测的指标共" in text and "县知识产权局" in text  # signature without an issuer
    assert "强市" not in text and "全市" not in text


def test_county_bulletin(built):
    text = _docx_text(built["bulletin"].content)
    assert "知识产权强县建设工作情况通报" in text  # the masthead
    assert "强县办〔" in text  # the document number
    assert "知识产权强县建设工作领导小组办公室" in text  # signature without an issuer
    assert "强市" not in text and "全市" not in text


def test_county_final_report_docx_and_pdf(built):
    snapshot = built["final-docx"].snapshot
    # the departments' names are the plan's (the demo's 市市场监管局（市知识产权局）), not the report's words
    departments = {t["department"] for sec in snapshot["sections"] for t in sec["unfinished"] if t["department"]}
    for name, text in (("final-docx", _docx_text(built["final-docx"].content)),
                       ("final-pdf", _pdf_text(built["final-pdf"].content))):
        assert "长兴县知识产权强县建设终期评估报告" in text, name
        assert "省知识产权局：" in text and "县知识产权局" in text and "县人民政府" in text, name
        assert "强市" not in text and "全市" not in text, name
        own = text
        for department in departments:
            own = own.replace(department, "")
        assert "市知识产权局" not in own and "市人民政府" not in own, name
    # the demo's plan may still be running on the test's date (archived early): the sentence of a
    # period that has ended is composed from the same snapshot
    with translation.override(REPORT_LANGUAGE):
        ended = compose_final(dict(snapshot, period_ended=True))
    assert any("根据试点县验收工作要求" in (b.get("text") or "") for b in ended.blocks)


@translation.override(REPORT_LANGUAGE)
def test_a_city_keeps_its_words(built):
    """The same snapshots of a city's programme (the words of every report until now)."""
    city = {"region": "示例市", "region_level": "city", "title": "示例市知识产权强市建设工作方案", "issuer": ""}
    annual = compose(dict(built["annual"].snapshot, program=dict(built["annual"].snapshot["program"], **city)))
    assert (annual.title, annual.addressee, annual.signature) == (
        f"示例市知识产权强市建设{built['annual'].snapshot['year']}年度监测评估报告", "市知识产权强市建设工作领导小组：",
        "市知识产权局")
    assert any((b.get("text") or "").startswith("全市纳入监测的指标共") for b in annual.blocks)
    bulletin = compose(dict(built["bulletin"].snapshot, program=dict(built["bulletin"].snapshot["program"], **city)))
    assert bulletin.masthead == "知识产权强市建设工作情况通报" and bulletin.doc_number.startswith("强市办〔")
    final = compose_final(dict(built["final-docx"].snapshot, period_ended=True,
                               program=dict(built["final-docx"].snapshot["program"], **city)))
    assert (final.title, final.addressee, final.signature) == ("示例市知识产权强市建设终期评估报告", "省知识产权局：", "市知识产权局")
    assert any("根据试点城市验收工作要求" in (b.get("text") or "") for b in final.blocks)


def test_province_annual_report(built):
    text = _docx_text(built["province"].content)
    assert "浙江省知识产权强省建设" in text and "全省纳入监测的指标共" in text
    assert "省知识产权强省建设工作领导小组：" in text and "省知识产权局" in text
    assert "强市" not in text and "全市" not in text
