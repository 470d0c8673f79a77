"""The report's numbers are the dashboard's and the board's: same functions, same data, same figures."""

from __future__ import annotations

import io

import docx
import pytest

from ipcity.monitoring.selectors import program_dashboard
from ipcity.reports.document import num
from ipcity.supervision.selectors.board import board
from ipcity.supervision.selectors.department_scores import scorecard
from ipcity.supervision.selectors.rollup import rollup

from . import layout

pytestmark = pytest.mark.django_db


def test_annual_indicators_equal_the_dashboard(demo):
    snapshot = demo.built["annual", "pdf"].snapshot
    dashboard = program_dashboard(demo.program, user=demo.office, as_of=demo.year)
    shown = {v.indicator.pk: v.assessment for v in dashboard.verdicts}
    rows = {r["id"]: r for r in snapshot["indicators"]}
    assert set(rows) == set(shown) and len(rows) == 8
    for pk, a in shown.items():
        assert rows[pk]["actual"] == (pytest.approx(a.value) if a.value is not None else None)
        assert (rows[pk]["year_status"], rows[pk]["outlook"]) == (a.year_status, a.outlook)
    counts = {c["code"]: c["count"] for c in snapshot["year_counts"]}
    assert counts == {c["code"]: c["count"] for c in dashboard.year_counts}
    assert {v.assessment.year_status for v in dashboard.verdicts} >= {"met", "behind"}  # the demo has both


def test_annual_tasks_equal_the_board_rollup(demo):
    snapshot = demo.built["annual", "pdf"].snapshot
    sections, completion = rollup(reporting_round=demo.round)
    assert snapshot["completion"] == completion
    assert [(s["section"], s["completion"], s["done"]) for s in snapshot["sections"]] == [
        (s.section, s.completion, s.done) for s in sections]
    got = {t["ref"]: (t["status"], t["progress"]) for s in snapshot["sections"] for t in s["tasks"]}
    assert got == {t.ref: (t.status, t.progress) for s in sections for t in s.tasks}


def test_bulletin_equals_the_board_and_scorecard(demo):
    snapshot = demo.built["bulletin", "pdf"].snapshot
    from datetime import date

    today = date.fromisoformat(snapshot["as_of_date"])
    assert snapshot["counts"] == board(reporting_round=demo.round, today=today).counts
    rows = scorecard(program=demo.program, today=today, reporting_round=demo.round)
    assert [(r["department"], r["rank"], r["score"]) for r in snapshot["scorecard"]] == [
        (r.department, r.rank, r.score) for r in rows]
    assert snapshot["returned"]  # the demo returns reports (once and twice)


def test_printed_numbers_are_the_snapshot(demo):
    """Each indicator's actual value, as printed, is in the PDF and in the .docx table."""
    snapshot = demo.built["annual", "pdf"].snapshot
    text = "".join(page.extract_text() for page in layout.pages(demo.built["annual", "pdf"].content)).replace("\n", "")
    document = docx.Document(io.BytesIO(demo.built["annual", "docx"].content))
    overview = next(t for t in document.tables if t.rows[0].cells[0].text == "指标")
    printed = {row.cells[0].text: row.cells[3].text for row in overview.rows[1:]}
    for row in snapshot["indicators"]:
        name = row["name"] + (f"（{row['unit']}）" if row["unit"] else "")
        assert printed[name] == num(row["actual"])
        if row["actual"] is not None:
            assert f"实际值为{num(row['actual'], row['unit'])}" in text


def test_source_names_the_value_records_and_round(demo):
    source = demo.built["annual", "pdf"].source
    assert source["round"]["id"] == demo.round.pk
    assert source["value_records"] and all(r["year"] <= demo.year for r in source["value_records"])


def test_a_sample_programmes_report_says_its_figures_are_sample_data(demo):
    """The demo's annual report is an official-looking document of invented figures: it says so in
    its opening lines (PDF and .docx), as the public pages do; a real programme's report does not."""
    from ipcity.reports.compose import compose
    from ipcity.reports.document import SAMPLE_NOTICE

    pdf = "".join(page.extract_text() for page in layout.pages(demo.built["annual", "pdf"].content)).replace("\n", "")
    assert SAMPLE_NOTICE in pdf
    document = docx.Document(io.BytesIO(demo.built["annual", "docx"].content))
    assert any(SAMPLE_NOTICE in paragraph.text for paragraph in document.paragraphs[:8])
    snapshot = demo.built["annual", "pdf"].snapshot
    real = {**snapshot, "program": {**snapshot["program"], "is_sample": False}}
    assert not any(SAMPLE_NOTICE in block.get("text", "") for block in compose(real).blocks)


def test_the_summary_names_the_sample_programme_beside_real_ones():
    """The 摘要 sets the demo's programme beside the real ones: it says which one is invented."""
    from ipcity.reports.compose import compose

    def programme(region, sample):
        return {"program": {"title": f"{region}知识产权强市建设方案", "region": region, "is_sample": sample},
                "indicators": 4, "met": 2, "near": 1, "behind": 1, "completion": 50, "behind_names": []}

    snapshot = {"kind": "summary", "year": 2025, "as_of_date": "2025-12-31",
                "words": {"met": "达标", "near": "接近", "behind": "滞后"},
                "programs": [programme("示例市", True), programme("铜陵市", False)]}
    texts = [block.get("text", "") for block in compose(snapshot).blocks]
    assert "其中示例市为平台示例项目，数据均为示例数据，不是真实统计。" in texts
    real_only = {**snapshot, "programs": [programme("铜陵市", False)]}
    assert not any("示例" in block.get("text", "") for block in compose(real_only).blocks)


def test_task_section_headings_are_never_bare_numbers(demo):
    """The demo's programme was loaded without its document text, so its sections are known only by
    their refs (三/（一）): each heading of part 三 still says what it holds, and a section whose
    heading the text gives keeps it."""
    from ipcity.reports.compose import compose

    snapshot = demo.built["annual", "pdf"].snapshot
    blocks = compose(snapshot).blocks
    start = next(i for i, b in enumerate(blocks) if b.get("text") == "三、重点任务推进情况")
    end = next(i for i, b in enumerate(blocks) if b.get("text") == "四、存在的问题和下一步工作")
    headings = [b["text"] for b in blocks[start:end] if b["type"] == "h2"]
    assert len(headings) == len(snapshot["sections"]) >= 2
    for heading, section in zip(headings, snapshot["sections"], strict=True):
        assert heading.startswith("（") and heading.split("）", 1)[1].strip("（）一二三四五六七八九十") != ""
        assert heading.endswith("项下任务") and section["title"] in heading
    named = {**snapshot, "sections": [{**snapshot["sections"][0], "title": "（一）强化知识产权创造"}]}
    assert [b["text"] for b in compose(named).blocks if b["type"] == "h2" and "强化" in b["text"]] == [
        "（一）强化知识产权创造"]


def test_annual_figures_are_numbered_in_a_row_when_an_indicator_has_no_values(demo):
    # Field test: the county's 地理标志商标数 had no value yet, its section no chart, and the report
    # went from 图4 to 图6.
    from ipcity.reports.compose import compose

    snapshot = demo.built["annual", "pdf"].snapshot
    charted = [r for r in snapshot["indicators"] if r["series"]]
    assert len(charted) >= 3
    emptied = {**snapshot, "indicators": [{**r, "series": [], "actual": None} if r is charted[1] else r
                                          for r in snapshot["indicators"]]}
    captions = [b["caption"] for b in compose(emptied).blocks if b["type"] == "chart"]
    assert [c.split(" ", 1)[0] for c in captions] == [f"图{n}" for n in range(1, len(charted))]
