"""Two counts of the city's patents (docs/navigation.md): the position counts CN-office patents of
domestic first applicants, the landscape every office's patents whatever the applicant's country.
Every table of the analysis page, and the report under 表1 and 表3, says which it counts
(统计口径) with the city's numbers; the numbers are worked here from the hand world's rows by the
rule each note states, independently of the engine. The hand world's 杭州 H01M patents: three
domestic CN ones (c1 with an A and a B publication, c2, c3), one CN filing of a US applicant and
one US-office filing of a 杭州 applicant, so the three counts differ."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
from django.utils import timezone, translation

from ipcity.core.spreadsheets import neutralise
from ipcity.navigation.report import compose_report
from ipcity.navigation.tables import LANDSCAPE_TABLES, POSITION_TABLES, bases, tables
from tests.navigation import hand_world
from tests.web.test_i18n import english_catalogue  # noqa: F401 - fixture

from .test_pages import analysed, data_dir, world  # noqa: F401 - fixtures


def _city_counts() -> dict[str, int]:
    """The city's (330100) H01M patents by each note's rule, one per application number."""
    rows = pd.DataFrame(hand_world.rows())
    industry = rows[rows["ipc"].str.split("|").map(lambda symbols: any(s.startswith("H01M") for s in symbols))
                    & rows["region_code"].str.startswith("3301")]
    cn = industry[industry["office"] == "CN"]
    return {"all": industry["app_number"].nunique(), "cn": cn["app_number"].nunique(),
            "domestic": cn.loc[cn["first_applicant_country"] == "CN", "app_number"].nunique()}


def _notes(counts: dict[str, int]) -> tuple[str, str]:
    position = f"统计口径：中国受理（CN）且第一申请人为国内（不含港澳台）的专利，同一申请计一件，按第一申请人所在地区归属；本地该产业{counts['domestic']}件。"
    landscape = (f"统计口径：各受理局（含国外受理和 PCT 国际申请）的专利，不论第一申请人国别，同一申请计一件，"
                 f"按第一申请人所在地区归属；本地该产业{counts['all']}件，其中中国受理{counts['cn']}件。"
                 f"区域定位只计中国受理且第一申请人为国内的专利（本地{counts['domestic']}件），故件数不同。")
    return position, landscape


def test_the_two_counts_are_what_their_notes_say(client, world):  # noqa: F811
    _project, analysis = analysed(client, world)
    counts = _city_counts()
    assert counts["all"] > counts["cn"] > counts["domestic"] > 0  # the world tells the rules apart
    result = analysis.result
    assert result["landscape"]["patents"] == counts["all"]
    assert result["landscape"]["offices"]["CN"] == counts["cn"]
    assert result["position"]["nodes"][0]["city_patents"] == counts["domestic"]


def test_every_table_of_the_page_names_what_it_counts(client, world):  # noqa: F811
    project, analysis = analysed(client, world)
    position, landscape = _notes(_city_counts())
    page = client.get(f"/navigation/project/{project.pk}/analysis/").content.decode()
    named = tables(analysis.result)
    for name in named:
        if name in POSITION_TABLES:
            assert f'<p class="muted basis" id="basis-{name}">{position}</p>' in page, name
        elif name in LANDSCAPE_TABLES:
            assert f'<p class="muted basis" id="basis-{name}">{landscape}</p>' in page, name
    # the figures the finding was about: the position's table and the landscape's comparison
    assert {"position", "kinds", "concentration", "top_applicants"} <= set(named)


def _download(client, project, name: str, fmt: str) -> bytes:
    response = client.get(f"/navigation/project/{project.pk}/download/{name}.{fmt}")
    assert response.status_code == 200, (name, fmt)
    return response.getvalue()


def test_the_xlsx_says_what_its_table_counts_and_the_csv_stays_a_plain_table(client, world):  # noqa: F811
    """A downloaded table read alone names its basis: the XLSX on a second sheet 说明 (the data
    sheet keeps its caption, header and rows where readers' scripts find them); the CSV stays a
    rectangle, header first, which csv.reader reads as it is."""
    project, analysis = analysed(client, world)
    position, landscape = _notes(_city_counts())
    for name, note in (("position", position), ("kinds", landscape), ("network_edges", None)):
        data, notes = openpyxl.load_workbook(io.BytesIO(_download(client, project, name, "xlsx"))).worksheets
        said = {label: text for label, text in notes.iter_rows(values_only=True)}
        assert notes.title == "说明" and said["表"] == tables(analysis.result)[name].title
        assert said.get("统计口径") == note, name  # the network counts co-applications: no basis
        assert said["技术分解版本"] == f"技术分解 v{analysis.version.number} ({analysis.version.content_hash})"
        assert said["数据集"] == "battery" and said["数据版本"] == analysis.dataset_version
        assert said["分析完成时间"] == timezone.localtime(analysis.finished_at).strftime("%Y-%m-%d %H:%M")
        assert ("统计口径见“说明”工作表" in data.cell(1, 1).value) == (note is not None)
        rows = list(csv.reader(io.StringIO(_download(client, project, name, "csv").decode("utf-8-sig"))))
        assert len({len(r) for r in rows}) == 1 and rows[0] == [c.value for c in data[2]]
        values = tables(analysis.result)[name].values()
        # as every export writes a cell (core.spreadsheets.neutralise: a whole share 1.0 is 1)
        assert rows[1:] == [["" if v is None else str(neutralise(v)) for v in r] for r in values]
        assert [list(r) for r in data.iter_rows(min_row=3, values_only=True)] == values
    # shares are fractions in the downloads, percentages on the page: the sheet says so where it has one
    said = dict(openpyxl.load_workbook(io.BytesIO(_download(client, project, "kinds", "xlsx")))["说明"].values)
    assert "0.25 即 25%" in said["数值"]


def test_the_xlsx_note_is_in_the_requests_language(client, world, english_catalogue):  # noqa: F811
    project, analysis = analysed(client, world)
    client.cookies["django_language"] = "en"
    book = openpyxl.load_workbook(io.BytesIO(_download(client, project, "kinds", "xlsx")))
    with translation.override("en"):
        landscape = bases(analysis.result)[1]
    said = dict(book["Note"].values)
    assert landscape.startswith("Counting basis:") and said["Counting basis"] == landscape
    assert said["Table"] == book.worksheets[0].cell(1, 1).value.split(" · ")[1]


def test_the_report_says_under_each_table_what_it_counts(client, world):  # noqa: F811
    project, analysis = analysed(client, world)
    position, landscape = _notes(_city_counts())
    blocks = compose_report(project, analysis.result, version_number=analysis.version.number,
                            dataset_version=analysis.dataset_version).blocks

    def after(caption_start: str) -> str:
        i = next(i for i, b in enumerate(blocks) if b["type"] == "table" and b["caption"].startswith(caption_start))
        return blocks[i + 1]["text"]

    assert after("表1") == position
    assert after("表3") == landscape
    table3 = next(b for b in blocks if b["type"] == "table" and b["caption"].startswith("表3"))
    assert table3["rows"][0][1] == str(_city_counts()["all"])  # 专利（件）, the city's column
    scope = " ".join(b["text"] for b in blocks[:12] if b["type"] == "p")
    assert f"区域定位（图2、表1）的{position}" in scope and f"产业趋势与竞争格局（图1、表2、表3）的{landscape}" in scope
