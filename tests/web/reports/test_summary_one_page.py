"""The 摘要 is one page (issue 13: "summary: one page across every programme a leader may see").
Audit 2026-12-07: the demo's six programmes gave two pages, the table of full programme titles
and a paragraph of behind indicators per programme under the chart pushing onto a second.
Four, six and twelve programmes, each with three behind indicators of names as long as the
seeds', lay out on one page; each row names its region and period and its behind indicators."""

from __future__ import annotations

import io

import pdfplumber
import pytest

from ipcity.core.models import Role
from ipcity.monitoring.services import actual_value_record
from ipcity.reports.build import build_report
from ipcity.reports.compose import SUMMARY_CHART_ROWS, SUMMARY_FULL_ROWS, compose
from tests.web.monitoring import factories as f

pytestmark = pytest.mark.django_db

CITIES = [("340700", "铜陵市"), ("340300", "蚌埠市"), ("320900", "盐城市"), ("500108", "重庆市南岸区"),
          ("340400", "淮南市"), ("340800", "安庆市"), ("340100", "合肥市"), ("340200", "芜湖市"),
          ("340500", "马鞍山市"), ("340600", "淮北市"), ("341000", "黄山市"), ("341100", "滁州市")]
# Names as long as the seeds' behind indicators (authored, in their style).
LONG = ["知识产权质押融资金额（亿元）", "专利转化运用许可备案合同数", "新增马德里国际商标注册量",
        "专利商标实施许可转让合同备案数", "建立知识产权管理机构的规模以上工业企业"]


def _programme(code: str, name: str, user) -> None:
    prog = f.program(title=f"{name}国家知识产权强市建设试点城市工作方案（2022—2025年）", reg=f.region(code, name),
                     start=2022, end=2025)
    for i in range(8):
        ind = f.indicator(prog, f"{LONG[i % len(LONG)]}{i}" if i < 3 else f"指标{i}", baseline=(2021, 10),
                          targets={2025: 100}, order=i)
        # the first three far behind the line from the baseline to the target, the rest on it
        actual_value_record(indicator=ind, year=2025, value=11 if i < 3 else 100, user=user)


@pytest.mark.parametrize("count", [4, 6, 12])
def test_programmes_fit_on_one_page_with_their_behind_indicators_in_the_table(count):
    office = f.user(Role.OFFICE, username="office")
    for code, name in CITIES[:count]:
        _programme(code, name, office)
    from ipcity.programs.models import Program

    programs = list(Program.objects.order_by("pk"))
    built = build_report(program=programs[0], kind="summary", year=2025, fmt="pdf", programs=programs)
    assert len(built.snapshot["programs"]) == count
    with pdfplumber.open(io.BytesIO(built.content)) as pdf:
        assert len(pdf.pages) == 1
    blocks = compose(built.snapshot).blocks
    # the chart where it fits beside the table (up to SUMMARY_CHART_ROWS programmes)
    assert [b["type"] for b in blocks].count("chart") == (1 if count <= SUMMARY_CHART_ROWS else 0)
    (table,) = [b for b in blocks if b["type"] == "table"]
    assert table["head"][0] == "项目" and table["head"][-1] == "主要滞后指标"
    first = table["rows"][0]
    assert first[0] == "铜陵市（2022—2025）" and first[4] == "3"
    # up to SUMMARY_FULL_ROWS programmes every kept name; beyond, the first and how many
    assert first[-1] == ("、".join(f"{LONG[i]}{i}" for i in range(3)) if count <= SUMMARY_FULL_ROWS
                         else f"{LONG[0]}0等3项")
    assert all(row[-1] != "" for row in table["rows"])
    assert built_docx_opens(programs)


def built_docx_opens(programs) -> bool:
    import docx

    content = build_report(program=programs[0], kind="summary", year=2025, fmt="docx", programs=programs).content
    cells = [c.text for t in docx.Document(io.BytesIO(content)).tables for row in t.rows for c in row.cells]
    return "主要滞后指标" in cells and "铜陵市（2022—2025）" in cells


def test_a_row_says_how_many_are_behind_when_it_names_fewer():
    from ipcity.reports.compose import _summary_behind

    row = {"behind_names": ["甲", "乙", "丙"], "behind": 5}
    assert _summary_behind(row, few=True) == "甲、乙、丙等5项"
    assert _summary_behind(row, few=False) == "甲等5项"
    assert _summary_behind({"behind_names": ["甲"], "behind": 1}, few=False) == "甲"
    assert _summary_behind({"behind_names": [], "behind": 0}, few=True) == "—"
