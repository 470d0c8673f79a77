"""Two counts of the city's patents (docs/navigation.md): the position counts CN-office patents of
domestic first applicants, the landscape every office's patents whatever the applicant's country.
Every table of the analysis page, and the report under 表1 and 表3, says which it counts
(统计口径) with the city's numbers; the numbers are worked here from the hand world's rows by the
rule each note states, independently of the engine. The hand world's 杭州 H01M patents: three
domestic CN ones (c1 with an A and a B publication, c2, c3), one CN filing of a US applicant and
one US-office filing of a 杭州 applicant, so the three counts differ."""

from __future__ import annotations

import pandas as pd

from ipcity.navigation.report import compose_report
from ipcity.navigation.tables import LANDSCAPE_TABLES, POSITION_TABLES, tables
from tests.navigation import hand_world

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
