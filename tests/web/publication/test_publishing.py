"""Publishing (office only, audited) and what the public pages then show: only that."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import pytest
from django.test import Client
from django.urls import reverse
from openpyxl import load_workbook

from ipcity.audit.models import AuditEvent
from ipcity.monitoring import selectors as monitoring
from ipcity.publication import services
from ipcity.publication.models import ProgramPublication

pytestmark = pytest.mark.django_db


def publish(world, *indicators, summary="示例市公开摘要"):
    services.program_publication_set(program=world.program, user=world.office, published=True, summary=summary)
    for key in indicators:
        services.indicator_publication_set(indicator=world.indicators[key], user=world.office, published=True)


def test_publishing_is_audited_and_a_no_change_writes_nothing(world):
    publish(world, "high_value")
    actions = list(AuditEvent.objects.filter(program_id=world.program.pk, action__startswith="publication.")
                   .values_list("action", flat=True).order_by("pk"))
    assert actions == ["publication.program.publish", "publication.indicator.publish"]
    services.indicator_publication_set(indicator=world.indicators["high_value"], user=world.office, published=True)
    assert AuditEvent.objects.filter(action__startswith="publication.").count() == 2
    services.program_publication_set(program=world.program, user=world.office, published=False)
    event = AuditEvent.objects.filter(action="publication.program.unpublish").get()
    assert event.before == {"published": True, "summary": "示例市公开摘要"}
    assert event.after == {"published": False, "summary": "示例市公开摘要"}
    assert event.actor == world.office


def test_an_overlong_summary_is_refused_and_changes_nothing(world):
    with pytest.raises(services.PublicationInputError):
        services.program_publication_set(program=world.program, user=world.office, published=True,
                                         summary="长" * (services.SUMMARY_MAX + 1))
    assert not ProgramPublication.objects.filter(published=True).exists()
    assert not AuditEvent.objects.filter(action__startswith="publication.").exists()


def test_the_office_tab_lists_indicators_with_toggles_and_publishes(world):
    client = Client()
    client.force_login(world.office)
    page = client.get(reverse("publication:manage", args=[world.program.pk])).content.decode()
    assert "未公开" in page and page.count('name="published" value="1"') == 4  # the programme + 3 indicators
    response = client.post(reverse("publication:program_publish", args=[world.program.pk]),
                           {"published": "1", "summary": "概况文字"})
    assert response.status_code == 302
    ind = world.indicators["pledge"]
    client.post(reverse("publication:indicator_publish", args=[world.program.pk, ind.pk]), {"published": "1"})
    page = client.get(reverse("publication:manage", args=[world.program.pk])).content.decode()
    assert reverse("open:program", args=[world.program.pk]) in page
    public = Client().get(reverse("open:program", args=[world.program.pk])).content.decode()
    assert "概况文字" in public and ind.name in public
    assert world.indicators["high_value"].name not in public
    # The tab is the office's: a leader does not see it and may not publish.
    leader = Client()
    leader.force_login(world.leader)
    overview = leader.get(reverse("monitoring:dashboard", args=[world.program.pk])).content.decode()
    assert reverse("publication:manage", args=[world.program.pk]) not in overview
    assert leader.post(reverse("publication:indicator_publish", args=[world.program.pk, ind.pk]),
                       {"published": "0"}).status_code == 403


def test_nothing_is_public_until_the_programme_is_published(world):
    services.indicator_publication_set(indicator=world.indicators["high_value"], user=world.office, published=True)
    client = Client()
    index = client.get(reverse("open:index")).content.decode()
    assert world.program.title not in index and "暂无公开内容" in index
    for url in (reverse("open:program", args=[world.program.pk]),
                reverse("open:indicator", args=[world.program.pk, world.indicators["high_value"].pk]),
                reverse("open:program_download", args=[world.program.pk, "json"])):
        assert client.get(url).status_code == 404, url
    assert world.program.title not in client.get(reverse("open:sitemap")).content.decode()
    with zipfile.ZipFile(io.BytesIO(client.get(reverse("open:bulk")).content)) as archive:
        assert archive.namelist() == ["README.txt"]


def test_the_indicator_page_has_chart_table_verdicts_and_method(world):
    publish(world, "high_value")
    ind = world.indicators["high_value"]
    response = Client().get(reverse("open:indicator", args=[world.program.pk, ind.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    verdict = monitoring.judge(monitoring.indicators_for_judging([world.program.pk]).get(pk=ind.pk),
                               monitoring.program_thresholds(world.program))
    assert 'id="indicator-chart"' in page and 'aria-hidden="true"' in page and "vendor/echarts.min.js" in page
    table = page.split('id="chart-table"')[1].split("</table>")[0]
    for year, value in ((2022, "10.1"), (2023, "10.87"), (2024, "11.23"), (2026, "14")):
        assert f"<th scope=\"row\">{year}</th>" in table and value in table
    assert "市统计局" in table
    assert str(verdict.year_badge["word"]) in page and str(verdict.outlook_badge["word"]) in page
    assert "研判依据" in page and "复合增长" in page  # the method, with the numbers put in
    assert "<html lang=\"zh-hans\"" in page and 'href="#main"' in page


def test_downloads_carry_the_dashboards_numbers_and_neutralise_formulas(world):
    publish(world, "high_value", "formula")
    client = Client()
    pid = world.program.pk
    data = json.loads(client.get(reverse("open:program_download", args=[pid, "json"])).content)
    assert [i["name"] for i in data["indicators"]] == ["每万人口高价值发明专利拥有量", "=HYPERLINK(\"http://x\")"]
    board = {v.indicator.pk: v.assessment for v in monitoring.program_dashboard(world.program, user=world.office).verdicts}
    for item in data["indicators"]:
        a = board[item["id"]]
        assert (item["verdict"]["year_status"], item["verdict"]["outlook"]) == (a.year_status, a.outlook)
        assert item["verdict"]["progress_ratio"] == a.progress_ratio
    assert data["indicators"][0]["values"] == [{"year": 2022, "value": 10.1}, {"year": 2023, "value": 10.87},
                                               {"year": 2024, "value": 11.23}]
    assert "知识产权质押融资额" not in json.dumps(data, ensure_ascii=False)

    text = client.get(reverse("open:program_download", args=[pid, "csv"])).content.decode("utf-8-sig")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0] == ["项目", "指标", "单位", "年份", "类别", "数值"]
    assert ["铜陵市知识产权强市建设试点城市工作方案", "每万人口高价值发明专利拥有量", "件", "2024", "实际值", "11.23"] in rows
    assert any(r[1] == "'=HYPERLINK(\"http://x\")" for r in rows[1:])
    # Found in the field: counts read 1850.0. A whole value (stored 2.0) is written without the
    # decimal; the others in full.
    assert ["铜陵市知识产权强市建设试点城市工作方案", "'=HYPERLINK(\"http://x\")", "件", "2024",
            "实际值", "2"] in rows, [r for r in rows if r[3] == "2024"]
    assert not [r for r in rows[1:] if r[5].endswith(".0")]

    wb = load_workbook(io.BytesIO(client.get(reverse("open:program_download", args=[pid, "xlsx"])).content))
    names = {c.value for c in wb["数据"]["B"]}
    assert "'=HYPERLINK(\"http://x\")" in names and "=HYPERLINK(\"http://x\")" not in names
    assert {"数据", "研判", "研判依据"} == set(wb.sheetnames)


def test_downloads_call_the_baseline_a_baseline_not_a_target(world):
    """Walk 24: the tidy CSV and XLSX listed the baseline (2021: 9.54) as 规划目标; the plan set no
    target for 2021. The chart's plan line starts there, the data say what each number is."""
    publish(world, "high_value")
    client = Client()
    pid = world.program.pk
    text = client.get(reverse("open:program_download", args=[pid, "csv"])).content.decode("utf-8-sig")
    rows = {(r[3], r[4]): r[5] for r in csv.reader(io.StringIO(text)) if r[1] == "每万人口高价值发明专利拥有量"}
    assert rows[("2021", "基期值")] == "9.54"
    assert ("2021", "规划目标") not in rows
    assert rows[("2024", "规划目标")] == "10.5" and rows[("2026", "规划目标")] == "14"
    wb = load_workbook(io.BytesIO(client.get(reverse("open:program_download", args=[pid, "xlsx"])).content))
    sheet = [[c.value for c in row] for row in wb["数据"].iter_rows(min_row=2)]
    assert [r[3:] for r in sheet if r[3] == 2021] == [[2021, "基期值", 9.54]]
    # The indicator's own download says the same.
    one = client.get(reverse("open:indicator_download", args=[pid, world.indicators["high_value"].pk, "csv"]))
    assert "2021,基期值,9.54" in one.content.decode("utf-8-sig")

    ind = world.indicators["high_value"]
    one = json.loads(client.get(reverse("open:indicator_download", args=[pid, ind.pk, "json"])).content)
    assert [i["id"] for i in one["indicators"]] == [ind.pk]
    assert client.get(reverse("open:indicator_download", args=[pid, ind.pk, "exe"])).status_code == 404
    unpublished = world.indicators["pledge"]
    assert client.get(reverse("open:indicator_download", args=[pid, unpublished.pk, "csv"])).status_code == 404

    with zipfile.ZipFile(io.BytesIO(client.get(reverse("open:bulk")).content)) as archive:
        names = set(archive.namelist())
        assert f"programme-{pid}/programme-{pid}.xlsx" in names
        assert f"programme-{pid}/indicator-{ind.pk}.csv" in names
        assert f"programme-{pid}/indicator-{unpublished.pk}.csv" not in names


def test_unpublishing_takes_an_indicator_off_at_once(world):
    publish(world, "high_value", "pledge")
    url = reverse("open:indicator", args=[world.program.pk, world.indicators["pledge"].pk])
    assert Client().get(url).status_code == 200
    services.indicator_publication_set(indicator=world.indicators["pledge"], user=world.office, published=False)
    assert Client().get(url).status_code == 404
    page = Client().get(reverse("open:program", args=[world.program.pk])).content.decode()
    assert "知识产权质押融资额" not in page and "每万人口高价值发明专利拥有量" in page


def test_the_large_display_mode_persists_in_a_cookie_without_javascript(world):
    publish(world)
    client = Client()
    target = reverse("open:program", args=[world.program.pk])
    response = client.get(reverse("open:display"), {"mode": "large", "next": target})
    assert response.status_code == 302 and response["Location"] == target
    assert 'class="large"' in client.get(target).content.decode()
    assert 'mode=normal' in client.get(reverse("open:index")).content.decode()
    # No open redirect, and the normal mode comes back.
    assert client.get(reverse("open:display"), {"mode": "normal", "next": "https://evil.example/"})["Location"] \
        == reverse("open:index")
    assert 'class="large"' not in client.get(target).content.decode()


def test_the_display_page_opened_bare_goes_to_the_index_and_changes_nothing(world):
    client = Client()
    client.get(reverse("open:display"), {"mode": "large"})
    bare = client.get(reverse("open:display"))
    assert bare.status_code == 302 and bare["Location"] == reverse("open:index")
    assert "ipcity_display" not in bare.cookies  # neither set nor deleted: the large mode stays
    assert 'class="large"' in client.get(reverse("open:index")).content.decode()
    unknown = client.get(reverse("open:display"), {"mode": "huge"})
    assert unknown.status_code == 400 and "未知的显示模式" in unknown.content.decode()


def test_published_white_papers_only(world, settings, tmp_path):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from ipcity.reports.models import ReportVersion

    settings.MEDIA_ROOT = tmp_path
    publish(world)

    def version(published: bool) -> ReportVersion:
        v = ReportVersion(program=world.program, kind="whitepaper", year=2024, fmt="pdf", status="done",
                          published_at=timezone.now() if published else None)
        v.file.save("wp.pdf", ContentFile(b"%PDF-1.4 white paper"), save=False)
        v.save()
        return v

    shown, hidden = version(True), version(False)
    page = Client().get(reverse("open:program", args=[world.program.pk])).content.decode()
    assert reverse("open:whitepaper", args=[world.program.pk, shown.pk, "pdf"]) in page
    assert reverse("open:whitepaper", args=[world.program.pk, hidden.pk, "pdf"]) not in page
    response = Client().get(reverse("open:whitepaper", args=[world.program.pk, shown.pk, "pdf"]))
    assert response.content == b"%PDF-1.4 white paper" and response["Content-Type"] == "application/pdf"
    assert "attachment" in response["Content-Disposition"]
    assert Client().get(reverse("open:whitepaper", args=[world.program.pk, hidden.pk, "pdf"])).status_code == 404


def test_the_sitemap_lists_the_public_transfer_page(world):
    """Walk 25: /open/ links 专利供需对接 (/open/transfer/), a public page the sitemap left out."""
    sitemap = Client().get(reverse("open:sitemap")).content.decode()
    assert reverse("transfer_public:index") in sitemap
