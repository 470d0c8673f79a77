"""The 终期评估报告 (kind ``final``): its numbers are the 终期评估 page's, and its PDF and .docx keep
the official layout (../shared/spec/report-layout.md) as the other kinds' (who and when:
test_final_report_access.py).

The world is the demo programme (示例市, 2024–2026: invented figures), archived here so that the
report may be made while the plan's period has not ended on the test's date."""

from __future__ import annotations

import io
import re

import docx
import pytest
from django.contrib.auth import get_user_model
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from ipcity.reports.build import build_report
from ipcity.reports.compose_final import NEXT_STEPS_PLACEHOLDER, compose_final
from ipcity.reports.document import SAMPLE_NOTICE
from ipcity.supervision.selectors.final_evaluation import final_evaluation
from ipcity.supervision.services import archiving

from . import layout
from .conftest import load_demo_world

pytestmark = pytest.mark.django_db

HEADINGS = ["一、基本情况", "二、目标指标完成情况", "三、重点任务完成情况", "四、存在的问题", "五、下一步工作"]


@pytest.fixture(scope="module")
def archived(django_db_setup, django_db_blocker, tmp_path_factory):
    """(programme, {fmt: Built}) of the archived demo programme, built once for the module."""
    with django_db_blocker.unblock(), transaction.atomic():
        program, _round = load_demo_world(tmp_path_factory.mktemp("final"))
        office = get_user_model().objects.get(username="admin")
        program = archiving.program_archive(program=program, user=office, close_open_rounds=True)
        built = {fmt: build_report(program=program, kind="final", year=program.end_year, fmt=fmt)
                 for fmt in ("pdf", "docx")}
        yield program, built
        transaction.set_rollback(True)


def _text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in layout.pages(pdf))


# ---------------------------------------------------------------- numbers

def test_numbers_equal_the_final_evaluation_page(archived):
    program, built = archived
    snapshot = built["pdf"].snapshot
    page = final_evaluation(program)
    assert [r["id"] for r in snapshot["indicators"]] == [f.indicator.pk for f in page.indicators]
    for row, f in zip(snapshot["indicators"], page.indicators, strict=True):
        e = f.evaluation
        assert (row["result"], row["final_year"], row["value_year"], row["comparator"], row["word"]) == (
            e.result, e.final_year, e.value_year, f.comparator, str(f.label))
        assert row["final_target"] == (pytest.approx(e.final_target) if e.final_target is not None else None)
        assert row["value"] == (pytest.approx(e.value) if e.value is not None else None)
    assert [(c["code"], c["count"]) for c in snapshot["counts"]] == [(c["code"], c["count"]) for c in page.counts]
    # the demo has indicators on both sides of their final targets, and one without a value
    assert {r["result"] for r in snapshot["indicators"]} >= {"achieved", "not_achieved", "no_data"}
    assert snapshot["round"]["id"] == page.reporting_round.pk
    assert (snapshot["completion"], snapshot["tasks_done"], snapshot["task_total"]) == (
        page.completion, page.tasks_done, page.task_total)
    assert [(s["title"], s["count"], s["done"], s["completion"]) for s in snapshot["sections"]] == [
        (title, len(s.tasks), s.done, s.completion) for s, title in page.sections]


def test_numbers_equal_the_page_as_rendered(archived, client):
    """The page itself, as the office reads it: the same result and value per indicator."""
    program, built = archived
    office = get_user_model().objects.get(username="admin")
    client.force_login(office, backend="django.contrib.auth.backends.ModelBackend")
    html = client.get(reverse("supervision:final", args=[program.pk])).content.decode()
    # the page leads to the document once the period has ended or the programme is archived
    assert f'id="final-report" href="{reverse("reports:program", args=[program.pk])}"' in html
    rows = re.findall(r'data-indicator="(\d+)" data-result="(\w+)">.*?data-col="value">([^<]*)<', html, re.S)
    shown = {int(pk): (result, value.strip()) for pk, result, value in rows}
    assert len(shown) == len(built["pdf"].snapshot["indicators"]) == 8
    for r in built["pdf"].snapshot["indicators"]:
        result, value = shown[r["id"]]
        assert result == r["result"]
        assert (None if value == "—" else float(value.replace(",", ""))) == r["value"]


def test_the_pdf_prints_the_snapshot(archived):
    _program, built = archived
    text = _text(built["pdf"].content).replace("\n", "")
    snapshot = built["pdf"].snapshot
    counts = {c["code"]: c["count"] for c in snapshot["counts"]}
    assert (f"已达成{counts['achieved']}项、未达成{counts['not_achieved']}项、无数据{counts['no_data']}项"
            in text)
    for r in snapshot["indicators"]:
        if r["result"] == "not_achieved":
            assert f"{r['comparator']}" in text and r["name"] in text
    assert f"已完成{snapshot['tasks_done']}项" in text and f"总体完成度为{snapshot['completion']}%" in text


# ---------------------------------------------------------------- layout (as the annual report's)

def test_pdf_layout_title_addressee_headings_tables_signature(archived):
    program, built = archived
    pdf = built["pdf"].content
    pages = layout.pages(pdf)
    assert len(pages) >= 2
    text = _text(pdf)
    first = pages[0]
    title = ["".join(c["text"] for c in row) for row in layout.lines_of(first.chars, size=22)]
    assert title == ["示例市知识产权强市建设终期评估报告"]
    lines = [(line, "".join(c["text"] for c in line)) for line in layout.lines_of(layout.body_chars(first))]
    addressee = next(line for line, t in lines if t == "省知识产权局：")
    assert addressee[0]["x0"] == pytest.approx(layout.block(1)[0], abs=layout.TOL)  # flush left
    flat = text.replace("\n", "")
    assert [flat.index(h) for h in HEADINGS] == sorted(flat.index(h) for h in HEADINGS)
    assert "（一）未达成的指标" in flat and "（二）未完成的重点任务" in flat and "1.PCT国际专利申请量" in flat
    for caption in ("表1 目标指标完成情况", "表2 评估结果汇总", "表3 各任务板块完成情况", "表4 未完成的重点任务"):
        assert caption in text
    assert str(SAMPLE_NOTICE)[:10] in flat  # the demo's figures are invented: the report says so first
    # archived here before its period ends (2026): the report says so and not that the period has ended
    if not built["pdf"].snapshot["period_ended"]:
        assert "项目已提前归档" in flat and "已结束" not in flat
    # a caption stays with its table: never the last line of a page (document.css, break-after: avoid)
    for page in pages:
        chars = layout.body_chars(page)
        captions = [line for line in layout.lines_of(chars, size=12) if line[0]["text"] == "表"]
        lowest = max(c["bottom"] for c in chars)
        assert all(line[0]["bottom"] < lowest - 10 for line in captions), f"page {page.page_number}: caption alone"
    # headings in 黑体 and 楷体 as the spec's levels
    fonts = {"".join(c["text"] for c in line): {c["fontname"].split("+", 1)[-1] for c in line}
             for page in pages for line in layout.lines_of(layout.body_chars(page))}
    assert any("Hei" in f or "Sans" in f for f in fonts["一、基本情况"])
    assert any("Kai" in f or "WenKai" in f for f in fonts["（一）未达成的指标"])
    # signature and date on the last page, right-aligned 4 characters in, the date without zero padding
    last = pages[-1]
    right = layout.block(last.page_number)[2]
    date = next(line for line in layout.lines_of(layout.body_chars(last)) if "年" in "".join(c["text"] for c in line)
                and "".join(c["text"] for c in line).endswith("日"))
    day = timezone.localdate()
    assert "".join(c["text"] for c in date) == f"{day.year}年{day.month}月{day.day}日"
    assert right - date[-1]["x1"] == pytest.approx(4 * 16, abs=8)
    assert program.issuer in last.extract_text()


def test_pdf_grid_block_page_numbers_and_glyphs(archived):
    pdf = archived[1]["pdf"].content
    for page in layout.pages(pdf):
        assert (page.width, page.height) == (pytest.approx(layout.PAGE[0], abs=1), pytest.approx(layout.PAGE[1], abs=1))
        left, top, right, bottom = layout.block(page.page_number)
        chars = layout.body_chars(page)
        outside = [c["text"] for c in chars if c["x0"] < left - layout.TOL or c["x1"] > right + layout.TOL
                   or c["top"] < top - layout.TOL or c["bottom"] > bottom + layout.TOL]
        assert not outside, f"page {page.page_number}: {outside[:5]}"
        for line in layout.lines_of(chars):
            assert layout.width_in_characters(line) <= 28
        assert len(layout.lines_of(chars)) <= 22
        number = layout.page_number_text(page)
        assert number is not None and number[0].replace(" ", "") == f"—{page.page_number}—"
    assert layout.missing_glyphs(pdf) == []


def test_docx_headings_tables_placeholder(archived):
    built = archived[1]["docx"]
    document = docx.Document(io.BytesIO(built.content))
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 1"] == HEADINGS
    assert [p.text for p in document.paragraphs if p.style.name == "Heading 2"] == ["（一）未达成的指标", "（二）未完成的重点任务"]
    assert len(document.tables) == 4
    texts = [p.text for p in document.paragraphs]
    # 五、下一步工作 is the office's to write in the .docx, and the paragraph holding its place says so
    assert texts[texts.index("五、下一步工作") + 1] == str(NEXT_STEPS_PLACEHOLDER)
    assert "Word 版本中将本段替换" in str(NEXT_STEPS_PLACEHOLDER)
    assert "省知识产权局：" in texts
    indicator_table = document.tables[0]
    names = [row.cells[1].text for row in indicator_table.rows[1:]]
    assert names == [r["name"] for r in built.snapshot["indicators"]]
    results = [row.cells[-1].text for row in indicator_table.rows[1:]]
    assert results == [r["word"] for r in built.snapshot["indicators"]]


def test_sample_notice_only_for_the_sample_programme(archived):
    snapshot = archived[1]["pdf"].snapshot
    texts = lambda s: [b.get("text") for b in compose_final(s).blocks]  # noqa: E731
    assert str(SAMPLE_NOTICE) in texts(snapshot)
    real = dict(snapshot, program=dict(snapshot["program"], is_sample=False))
    assert str(SAMPLE_NOTICE) not in texts(real)
