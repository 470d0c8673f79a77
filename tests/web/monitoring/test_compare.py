"""Cross-city comparison: numeric ranking, links by identity to the catalogue, confirmed by the office."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.core.models import Role
from ipcity.monitoring import compare, services
from ipcity.monitoring.models import IndicatorLink
from ipcity.programs.models import Program
from tests.web.monitoring import factories as f
from tests.web.test_english_crawl import chinese_left
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db


def _city(code: str, name: str, indicator: str, *, unit: str = "件", baseline=(2021, 5.0), target=(2025, 12.0),
          values=((2022, 6.0), (2023, 7.0), (2024, 8.0))):
    prog = f.program(f"{name}方案", reg=f.region(code, name), start=2021, end=2025)
    ind = f.indicator(prog, indicator, unit=unit, baseline=baseline, targets={target[0]: target[1]})
    for year, value in values:
        services.actual_value_record(indicator=ind, year=year, value=value, user=None)
    return ind


def test_ranking_is_numeric_132_percent_above_an_achieved_100_percent(client, catalogue):
    # 甲 has reached its target: the method gives an achieved indicator the ratio 1 (100 %).
    achieved = _city("341000", "甲市", "专利密集型产业增加值占GDP比重", unit="%", baseline=(2021, 10.0),
                     target=(2025, 20.0), values=((2024, 21.0),))
    # 乙 is projected (straight line, a % unit) to 13.3 + 3.3 × 3 = 23.2: (23.2 − 10) / (20 − 10) = 1.32.
    ahead = _city("341100", "乙市", "专利密集型产业增加值占地区生产总值比重", unit="%", baseline=(2021, 10.0),
                  target=(2025, 20.0), values=((2022, 13.3),))
    standard = catalogue["PATENT_INTENSIVE_GDP"]
    for ind in (achieved, ahead):
        services.indicator_link_confirm(indicator=ind, standard=standard, user=None)
    [group] = compare.comparison(f.user(Role.ADMIN))
    ranked = [(r["program"].region_name, r["rank"], round(r["ratio"], 4), r["verdict"].assessment.outlook)
              for r in group.rows]
    assert ranked == [("乙市", 1, 1.32, "on_track"), ("甲市", 2, 1.0, "achieved")]
    client.force_login(f.user(Role.ADMIN))
    html = client.get(reverse("monitoring:compare")).content.decode()
    assert html.index("132.0%") < html.index("100.0%")


def test_rank_rows_shares_ranks_on_equal_ratios_and_leaves_no_ratio_unranked():
    from types import SimpleNamespace as NS

    def row(name, ratio, outlook="on_track"):
        return {"name": name, "ratio": ratio, "latest": None, "verdict": NS(assessment=NS(outlook=outlook))}

    rows = [row("a", None, "insufficient_data"), row("b", 0.8), row("c", 1.0, "achieved"), row("d", 1.0), row("e", 2.5)]
    compare.rank_rows(rows)
    assert [(r["name"], r["rank"]) for r in rows] == [("e", 1), ("c", 2), ("d", 2), ("b", 4), ("a", None)]


def test_suggestions_come_from_exact_catalogue_names_never_from_resemblance(client, catalogue):
    world_office = f.user(Role.ADMIN)
    ten_k = _city("341200", "丙市", "万人发明专利拥有量")
    high_value = _city("341300", "丁市", "每万人口高价值发明专利拥有量（件）")
    other = _city("341400", "戊市", "万人高价值专利拥有量")  # not a catalogue name: no suggestion
    index = compare.catalogue_index()
    assert compare.catalogue_match(ten_k.name, index).code == "IP_PER_10K"
    assert compare.catalogue_match(high_value.name, index).code == "HVIP_PER_10K"
    assert compare.catalogue_match(other.name, index) is None
    client.force_login(world_office)
    html = client.get(reverse("monitoring:links")).content.decode()
    row = html[html.index(f'data-indicator="{ten_k.pk}"'):]
    assert 'data-suggested="IP_PER_10K"' in row[:row.index("</tr>")]
    row = html[html.index(f'data-indicator="{other.pk}"'):]
    assert "data-suggested" not in row[:row.index("</tr>")]
    # A suggestion is not a link: nothing is compared until the office confirms.
    assert not IndicatorLink.objects.exists()
    assert compare.comparison(world_office) == []


def test_the_office_confirms_and_removes_a_link_audited(client, catalogue):
    office = f.user(Role.ADMIN)
    a = _city("341200", "丙市", "每万人口高价值发明专利拥有量")
    b = _city("341300", "丁市", "万人高价值发明专利拥有量")
    client.force_login(office)
    for ind in (a, b):
        response = client.post(reverse("monitoring:links"), {"indicator": ind.pk, "standard": catalogue["HVIP_PER_10K"].pk})
        assert response.status_code == 302
    assert set(IndicatorLink.objects.values_list("indicator_id", flat=True)) == {a.pk, b.pk}
    assert AuditEvent.objects.filter(action="monitoring.link.confirm").count() == 2
    html = client.get(reverse("monitoring:compare")).content.decode()
    assert "丙市" in html and "丁市" in html and "HVIP_PER_10K" in html
    link = IndicatorLink.objects.get(indicator=b)
    client.post(reverse("monitoring:links"), {"remove": link.pk})
    assert not IndicatorLink.objects.filter(indicator=b).exists()
    assert AuditEvent.objects.filter(action="monitoring.link.remove").count() == 1


def test_ten_thousand_patents_and_high_value_can_never_be_one_indicator(client, catalogue):
    ten_k = _city("341200", "丙市", "万人发明专利拥有量")
    with pytest.raises(services.MonitoringInputError, match="每万人口发明专利拥有量"):
        services.indicator_link_confirm(indicator=ten_k, standard=catalogue["HVIP_PER_10K"], user=None)
    client.force_login(f.user(Role.ADMIN))
    response = client.post(reverse("monitoring:links"), {"indicator": ten_k.pk, "standard": catalogue["HVIP_PER_10K"].pk},
                           follow=True)
    assert '不能关联为“<span lang="zh">每万人口高价值发明专利拥有量</span>”' in response.content.decode()
    assert not IndicatorLink.objects.exists()


def test_catalogue_seeds_the_national_indicators_with_unambiguous_aliases(catalogue):
    names = {s.name for s in catalogue.values()}
    assert {"每万人口高价值发明专利拥有量", "每万人口发明专利拥有量", "PCT国际专利申请量", "有效注册商标量",
            "专利质押融资额", "知识产权使用费进出口额", "版权登记量"} <= names
    assert any("地理标志" in n for n in names)
    seen: dict[str, str] = {}
    for s in catalogue.values():
        for alias in {compare.normalise_indicator_name(n) for n in (s.name, *s.aliases)}:
            assert seen.setdefault(alias, s.code) == s.code, f"{alias} names {seen[alias]} and {s.code}"
    assert "万人发明专利拥有量" not in catalogue["HVIP_PER_10K"].aliases


def test_comparison_shows_only_visible_programmes_and_links_are_for_the_office(client, world, catalogue):
    others = [_city("341200", "丙市", "每万人口高价值发明专利拥有量")]
    for ind in (world.indicators["high_value"], *others):
        services.indicator_link_confirm(indicator=ind, standard=catalogue["HVIP_PER_10K"], user=None)
    client.force_login(world.office)  # 铜陵 office sees 铜陵 only
    html = client.get(reverse("monitoring:compare")).content.decode()
    assert "铜陵市" in html and "丙市" not in html
    assert client.get(reverse("monitoring:links")).status_code == 200
    link = IndicatorLink.objects.get(indicator=others[0])
    assert client.post(reverse("monitoring:links"), {"remove": link.pk}).status_code == 404
    client.force_login(world.leader)
    assert client.get(reverse("monitoring:links")).status_code == 403
    assert IndicatorLink.objects.count() == 2


def test_comparison_query_count_is_flat(client, catalogue, django_assert_max_num_queries):
    for i in range(8):
        ind = _city(f"34{i + 20:02d}00", f"城市{i}", "每万人口高价值发明专利拥有量")
        services.indicator_link_confirm(indicator=ind, standard=catalogue["HVIP_PER_10K"], user=None)
    client.force_login(f.user(Role.ADMIN))
    with django_assert_max_num_queries(12):
        assert client.get(reverse("monitoring:compare")).status_code == 200


def test_an_archived_programme_stays_in_the_comparison_marked_after_the_running_ones_unranked(
        client, catalogue, english_catalogue):  # noqa: F811
    # 甲's plan is closed (archived) with the highest ratio of the three: it must not take first place.
    closed = _city("341000", "甲市", "每万人口高价值发明专利拥有量", values=((2024, 14.0),))
    slow = _city("341100", "乙市", "每万人口高价值发明专利拥有量", values=((2022, 5.5),))
    fast = _city("341200", "丙市", "每万人口高价值发明专利拥有量", values=((2024, 11.0),))
    for ind in (closed, slow, fast):
        services.indicator_link_confirm(indicator=ind, standard=catalogue["HVIP_PER_10K"], user=None)
    Program.objects.filter(pk=closed.program_id).update(status=Program.Status.ARCHIVED)
    [group] = compare.comparison(f.user(Role.ADMIN))
    assert [(r["program"].region_name, r["rank"], r["archived"]) for r in group.rows] == [
        ("丙市", 1, False), ("乙市", 2, False), ("甲市", None, True)]
    assert group.chart["programs"][-1] == "甲市 · 已归档"
    client.force_login(f.user(Role.ADMIN))
    html = client.get(reverse("monitoring:compare")).content.decode()
    table = html[html.index('class="compare"'):]
    head = table.index("compare-archived-head")
    assert table.index("丙市") < table.index("乙市") < head < table.index("甲市")
    archived_row = table[table.index('data-archived="1"'):]
    assert "已归档" in archived_row[:archived_row.index("</tr>")] and 'data-rank=""' in archived_row
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(reverse("monitoring:compare")).content.decode()
    assert "Archived programmes (plan closed" in english and chinese_left(english) == []
