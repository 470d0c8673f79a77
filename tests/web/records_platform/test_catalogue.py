"""The catalogue says how records compute each national indicator; the seeds' count; the suggestion."""

from __future__ import annotations

import importlib
import json

import pytest
from django.apps import apps
from django.urls import reverse

from ipcity.analytics.formulas import PARTS, PATENT_KEYS, RECORD_KEYS, parse
from ipcity.audit.models import AuditEvent
from ipcity.monitoring import catalogue as records_catalogue
from ipcity.monitoring.models import IndicatorLink, StandardIndicator
from tests.web.monitoring import factories as f

pytestmark = pytest.mark.django_db
MIGRATION = "ipcity.monitoring.migrations.0004_catalogue_record_formulas"

# The seeds' indicators records can feed (docs/records-indicators.md): seed, name as the plan
# writes it, catalogue entry. 21 of the 51.
FED = [
    ("000", "每万人口高价值发明专利拥有量", "HVIP_PER_10K"),
    ("000", "每万户市场主体有效注册商标量", "TM_PER_10K_ENTITIES"),
    ("000", "知识产权质押融资金额", "IP_PLEDGE"),
    ("001", "每万人口高价值发明专利拥有量", "HVIP_PER_10K"),
    ("001", "有效商标注册量", "TM_VALID"),
    ("001", "PCT专利年申请量", "PCT_APPS"),
    ("001", "新增著作权登记量", "COPYRIGHT_REG"),
    ("001", "知识产权质押融资金额", "IP_PLEDGE"),
    ("002", "万人高价值发明专利拥有量", "HVIP_PER_10K"),
    ("002", "新增马德里国际商标注册量", "TM_MADRID"),
    ("002", "专利商标实施许可转让合同备案数", "IP_LICENCES"),
    ("002", "知识产权质押融资总额", "IP_PLEDGE"),
    ("003", "每万人口高价值发明专利拥有量", "HVIP_PER_10K"),
    ("003", "知识产权质押融资登记金额", "IP_PLEDGE"),
    ("004", "万人发明专利拥有量", "IP_PER_10K"),
    ("004", "PCT专利申请量", "PCT_APPS"),
    ("004", "有效注册商标数量", "TM_VALID"),
    ("004", "马德里商标注册量", "TM_MADRID"),
    ("004", "作品著作权登记量年度增幅", "COPYRIGHT_WORKS_GROWTH"),
    ("004", "知识产权质押融资额", "IP_PLEDGE"),
    ("004", "知识产权转让、许可数量", "IP_LICENCE_TRANSFER"),
]


def gold_indicators(shared_dir) -> list[tuple[str, str, str | None]]:
    found = []
    for path in sorted((shared_dir / "seeds" / "gold").glob("*.json")):
        for indicator in json.loads(path.read_text(encoding="utf-8"))["indicators"]:
            found.append((path.stem[:3], indicator["name"], indicator["unit"]))
    return found


def test_records_can_feed_21_of_the_seeds_51_indicators(catalogue, shared_dir):
    indicators = gold_indicators(shared_dir)
    assert len(indicators) == 51
    entries = records_catalogue.computable_entries([(name, unit) for _seed, name, unit in indicators])
    fed = [(seed, name, standard.code) for (seed, name, _unit), standard in zip(indicators, entries, strict=True)
           if standard is not None]
    assert fed == FED
    assert len(fed) == 21 >= 20


def test_every_key_of_both_specs_is_in_the_catalogue_and_every_formula_parses(catalogue):
    terms = set()
    for standard in catalogue.values():
        if standard.formula:
            formula = parse(standard.formula)
            assert formula.text == standard.formula
            terms.update(term.split(".")[0] for term in formula.terms)
    assert set(PATENT_KEYS) | set(RECORD_KEYS) <= terms
    assert {f"pledge_amount_by_kind.{p}" for p in PARTS["pledge_amount_by_kind"]} - {"pledge_amount_by_kind.mixed"} <= {
        s.formula for s in catalogue.values()}
    assert catalogue["IP_PLEDGE"].unit == "亿元" and parse(catalogue["IP_PLEDGE"].formula).unit == "元"
    assert catalogue["IP_LICENCE_TRANSFER"].formula == "licences + transfers"
    assert catalogue["IP_LICENCES"].formula == "licences"
    assert catalogue["COPYRIGHT_REG"].formula == "copyright_works + copyright_software"
    # Not computable from records: surveys, GDP shares, royalties; patent-only licences are no figure.
    for code in ("PROTECTION_SATISFACTION", "PATENT_INTENSIVE_GDP", "IP_ROYALTY", "GI_PRODUCTS", "PATENT_TRANSFER"):
        assert catalogue[code].formula == ""


def test_the_migration_is_idempotent_keeps_office_work_and_moves_local_links(catalogue):
    migration = importlib.import_module(MIGRATION)
    tongling = f.region("340700", "铜陵市")
    office = f.user(f.ROLES.OFFICE, reg=tongling, username="office-tl")
    program = f.program(reg=tongling)
    ind = f.indicator(program, "知识产权转让、许可数量")
    # A free-named group that migration 0003 turned into a local entry, confirmed by the office.
    local = StandardIndicator.objects.create(code="LOCAL_7", name="知识产权转让、许可数量", unit="件")
    IndicatorLink.objects.create(standard=local, indicator=ind, confirmed_by=office)
    # The office's own entry owning one of the names the migration would add to IP_TRANSFERS.
    StandardIndicator.objects.create(code="HZ_TRANSFERS", name="专利商标转让数量", unit="件")
    # The office's edits of catalogue entries.
    StandardIndicator.objects.filter(code="TM_VALID").update(aliases=["商标有效注册量"])
    StandardIndicator.objects.filter(code="IP_LICENCES").update(formula="licences + licences_in")
    # As before migration 0004: entries it creates do not exist yet.
    StandardIndicator.objects.filter(code__in=["IP_LICENCE_TRANSFER", "IP_TRANSFERS"]).delete()

    migration.extend_catalogue(apps, None)
    snapshot = {s.code: (s.name, s.unit, list(s.aliases), s.formula) for s in StandardIndicator.objects.all()}
    migration.extend_catalogue(apps, None)
    assert {s.code: (s.name, s.unit, list(s.aliases), s.formula) for s in StandardIndicator.objects.all()} == snapshot

    link = IndicatorLink.objects.get(indicator=ind)
    assert link.standard.code == "IP_LICENCE_TRANSFER" and link.confirmed_by == office
    assert not StandardIndicator.objects.filter(code="LOCAL_7").exists()
    assert "专利商标转让数量" not in snapshot["IP_TRANSFERS"][2] and "HZ_TRANSFERS" in snapshot
    assert snapshot["TM_VALID"][2][0] == "商标有效注册量" and "有效商标注册数量" in snapshot["TM_VALID"][2]
    assert snapshot["IP_LICENCES"][3] == "licences + licences_in"


def _page(world, key):
    return reverse("monitoring:indicator", args=[world.program.pk, world.indicators[key].pk])


def test_the_page_suggests_computing_from_records_and_links_only_when_the_office_confirms(client, world, data_dir):
    ind = world.indicators["tm_valid"]  # 有效商标注册量, in 万件
    client.force_login(world.office)
    page = client.get(_page(world, "tm_valid")).content.decode()
    assert 'data-records-suggestion="TM_VALID"' in page and "<code>tm_valid</code>" in page and "data-confirm-link" in page
    assert '<option value="tm_valid" lang="zh" selected>' in page  # the compute form takes the catalogue's formula
    assert not IndicatorLink.objects.exists()  # a suggestion links nothing

    url = reverse("monitoring:indicator_link", args=[world.program.pk, ind.pk])
    response = client.post(url, {"standard": world.standards["TM_VALID"].pk})
    assert response.status_code == 302 and response["Location"] == _page(world, "tm_valid")
    link = IndicatorLink.objects.get(indicator=ind)
    assert link.standard.code == "TM_VALID" and link.confirmed_by == world.office
    assert AuditEvent.objects.filter(action="monitoring.link.confirm").count() == 1
    page = client.get(_page(world, "tm_valid")).content.decode()
    assert "已确认关联标准指标" in page and "data-confirm-link" not in page


def test_identity_is_kept_when_confirming_from_the_page(client, world):
    client.force_login(world.office)
    url = reverse("monitoring:indicator_link", args=[world.program.pk, world.indicators["tm_valid"].pk])
    client.post(url, {"standard": world.standards["IP_PLEDGE"].pk})  # 有效商标注册量 is TM_VALID, never a pledge
    assert not IndicatorLink.objects.exists()


@pytest.mark.parametrize("key", ["satisfaction", "tm_in_firms"])
def test_no_suggestion_without_a_formula_or_for_a_unit_no_figure_converts_to(client, world, key):
    client.force_login(world.office)
    assert "data-records-suggestion" not in client.get(_page(world, key)).content.decode()


@pytest.mark.parametrize("who,status", [("leader", 403), ("reporter", 403), ("other_office", 404)])
def test_only_the_programmes_office_confirms(client, world, who, status):
    client.force_login(getattr(world, who))
    if who != "other_office":
        assert "data-records-suggestion" not in client.get(_page(world, "tm_valid")).content.decode()
    url = reverse("monitoring:indicator_link", args=[world.program.pk, world.indicators["tm_valid"].pk])
    assert client.post(url, {"standard": world.standards["TM_VALID"].pk}).status_code == status
    assert not IndicatorLink.objects.exists()
