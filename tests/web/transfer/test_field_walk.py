"""Defects found by the field test of 供需对接 (a new office in a browser, then a hostile user),
each pinned here before its fix: what a user typed or uploaded, and what the pages must do."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ipcity.monitoring.models import IndicatorActual
from ipcity.programs.models import Indicator, Program
from ipcity.transfer import services
from ipcity.transfer.models import LicenceDeclaration, Match, TechNeed
from tests.web.transfer.transfer_fixtures import declaration_input, need_input


def client_for(user, language: str = "zh-hans") -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


# --- a publication number is a URL path segment on three pages: "<", "?" or a bare "/" broke them for good

@pytest.mark.parametrize("typed", ["<script>x</script>", "CN1000?12A", "专利一号", "12345678"])
def test_a_pub_number_that_is_not_one_is_refused_and_the_need_page_still_opens(transfer_world, typed):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    office = client_for(w.office_a)
    office.post(reverse("transfer:need_add_match", args=[need.pk]), {"pub_number": typed})
    assert not Match.objects.filter(need=need).exists()
    page = office.get(reverse("transfer:need", args=[need.pk]))
    assert page.status_code == 200
    assert "不是专利号或公开号" in page.content.decode()


def test_a_pub_number_is_written_the_one_way(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    typed = {" cn 1000 12345 a ": "CN100012345A", "ＣＮ１０００１２３４６Ａ": "CN100012346A",
             "ZL202310123456.7": "ZL202310123456.7", "cn-100012347-a": "CN100012347A"}
    for text, stored in typed.items():
        assert services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number=text).pub_number == stored


def test_a_declaration_whose_number_is_none_is_refused(transfer_world):
    with pytest.raises(ValidationError, match="不是专利号或公开号"):
        services.declaration_create(user=transfer_world.office_a, data=declaration_input(pub_number="CN12/34<X>"))
    assert not LicenceDeclaration.objects.exists()


# --- dates: a type="date" input takes only YYYY-MM-DD; the Chinese locale wrote 2026/12/06

def test_date_inputs_are_prefilled_with_iso_dates_in_chinese(transfer_world):
    w = transfer_world
    declaration = services.declaration_create(user=w.office_a, data=declaration_input())
    office = client_for(w.office_a)
    today = dt.date.today().isoformat()
    form = office.get(reverse("transfer:declaration_create")).content.decode()
    assert f'name="declared_on" value="{today}"' in form
    detail = office.get(reverse("transfer:declaration", args=[declaration.pk])).content.decode()
    assert f'name="on" value="{today}"' in detail


# --- the fee warning after recording: once, not as a flash message and again in the page's list

def test_fee_warnings_are_shown_once_after_recording(transfer_world):
    office = client_for(transfer_world.office_a)
    data = {"pub_number": "CN99000001A", "title": "一种电解铜箔表面粗化处理方法", "patent_kind": "invention",
            "holder": "安徽某某大学", "region_code": "340700", "declared_on": "2025-06-01", "fee_type": "one_off",
            "fixed_fee_wan": "2000.01"}
    page = office.post(reverse("transfer:declaration_create"), data, follow=True).content.decode()
    assert page.count("一次性许可费 2,000.01 万元，超过指导标准 2,000 万元") == 1


# --- a free licence that names a fee contradicts itself on the public page

def test_a_free_licence_with_a_fee_is_refused(transfer_world):
    with pytest.raises(ValidationError, match="免费许可不应填写许可费或提成比例"):
        services.declaration_create(user=transfer_world.office_a,
                                    data=declaration_input(fee_type="free", fixed_fee_wan=5.0))
    free = services.declaration_create(user=transfer_world.office_a,
                                       data=declaration_input(fee_type="free", fixed_fee_wan=None))
    assert free.fee_type == "free"


# --- a patent added by hand that has an in-force declaration says so, as a proposed one does

def test_manual_add_of_a_declared_patent_carries_the_declaration_note(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    services.declaration_create(user=w.office_a, data=declaration_input())
    match = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="CN99000001A", note="对接会现场推荐")
    assert match.why == {"note": "对接会现场推荐", "declaration": "已作开放许可声明（2025-06-01）"}
    page = client_for(w.office_a).get(reverse("transfer:need", args=[need.pk])).content.decode()
    assert "已作开放许可声明（2025-06-01）" in page


# --- recording the contracts of a year the programme does not cover: a message, not a server error

def test_recording_a_year_outside_the_programme_is_refused_with_a_message(transfer_world):
    w = transfer_world
    program = Program.objects.create(title="铜陵市知识产权强市建设方案", region=w.city_a, region_name="铜陵市",
                                     start_year=2022, end_year=2025)
    indicator = Indicator.objects.create(program=program, order=0, name="供需对接促成专利许可数", unit="件")
    office = client_for(w.office_a)
    response = office.post(reverse("transfer:contract_record"), {"indicator": indicator.pk, "kind": "licence",
                                                                 "year": 2026}, follow=True)
    assert response.status_code == 200
    assert "2026 年不在规划期内" in response.content.decode()
    assert not IndicatorActual.objects.filter(indicator=indicator).exists()


# --- an empty upload: the page said nothing at all

@pytest.mark.parametrize("url", ["transfer:needs_import", "transfer:declarations_import"])
def test_an_empty_upload_says_the_file_is_empty(transfer_world, url):
    office = client_for(transfer_world.office_a)
    response = office.post(reverse(url), {"file": SimpleUploadedFile("needs.csv", b"", content_type="text/csv")})
    assert response.status_code == 400
    page = response.content.decode()
    assert 'id="import-problems"' in page and "空文件" in page  # Django's words: 所提交的是空文件。
    assert not TechNeed.objects.exists() and not LicenceDeclaration.objects.exists()


# --- the supply list's high-value column showed the engine's keys (maintained_10y)

def test_high_value_criteria_are_named_in_words():
    from ipcity.transfer.labels import high_value_text

    assert str(high_value_text("overseas_family|maintained_10y")) == "有海外同族专利、维持10年以上"
    assert str(high_value_text("")) == ""


# --- a firm known only by its business scope (经营范围): the "filled from the business scope"

def test_a_need_with_only_a_business_scope_takes_it_as_its_description(transfer_world):
    office = client_for(transfer_world.office_a)
    scope = "精密模具、汽车零部件的研发、制造与销售；金属表面处理"
    response = office.post(reverse("transfer:need_create"), {
        "enterprise": "铜陵某精密制造有限公司", "description": "", "region_code": "340700", "business_scope": scope})
    assert response.status_code == 302
    need = TechNeed.objects.get()
    assert (need.description, need.business_scope) == (scope, scope)


def test_a_need_with_neither_description_nor_business_scope_is_refused(transfer_world):
    office = client_for(transfer_world.office_a)
    response = office.post(reverse("transfer:need_create"), {"enterprise": "某公司", "description": "",
                                                              "region_code": "340700"})
    assert response.status_code == 400 and "需求描述过短" in response.content.decode()
    assert not TechNeed.objects.exists()


def test_an_uploaded_row_with_only_a_business_scope_is_imported(transfer_world, tmp_path):
    from tests.web.transfer.transfer_fixtures import write_csv

    path = write_csv(tmp_path / "needs.csv", ["企业名称", "需求描述", "经营范围"], [
        ["铜陵某精密制造有限公司", "", "精密模具、汽车零部件的研发、制造与销售"]])
    created = services.needs_import(user=transfer_world.office_a, path=path, default_region_code="340700")
    assert [n.description for n in created] == ["精密模具、汽车零部件的研发、制造与销售"]


# --- a double click on 保存 registered the same need twice

def test_the_same_open_need_is_not_registered_twice(transfer_world):
    w = transfer_world
    first = services.need_create(user=w.office_a, data=need_input())
    with pytest.raises(ValidationError, match=f"该企业已登记相同的需求（编号 {first.pk}）"):
        services.need_create(user=w.office_a, data=need_input(phone="13900000000"))
    services.need_close(user=w.office_a, need_id=first.pk, reason="已解决")
    services.need_create(user=w.office_a, data=need_input())  # a closed one may be registered again
    assert TechNeed.objects.count() == 2


def test_the_same_needs_file_uploaded_twice_is_refused_the_second_time(transfer_world, tmp_path):
    from tests.web.transfer.transfer_fixtures import NEEDS_HEADER, write_csv

    w = transfer_world
    row = ["铜陵某铜箔科技有限公司", "高频电路板用低轮廓电解铜箔的表面粗化处理工艺", "电解铜箔", "3985", "", "300", "许可"]
    path = write_csv(tmp_path / "needs.csv", NEEDS_HEADER, [row])
    [first] = services.needs_import(user=w.office_a, path=path, default_region_code="340700")
    with pytest.raises(services.NeedsImportError) as again:
        services.needs_import(user=w.office_a, path=path, default_region_code="340700")
    assert again.value.problems == [(2, f"该企业已登记相同的需求（编号 {first.pk}）")]
    twice = write_csv(tmp_path / "twice.csv", NEEDS_HEADER, [row[:1] + ["锂电池隔膜涂覆工艺"] + row[2:]] * 2)
    with pytest.raises(services.NeedsImportError) as inside:
        services.needs_import(user=w.office_a, path=twice, default_region_code="340700")
    assert inside.value.problems == [(3, "与第 2 行的需求相同")]
    assert TechNeed.objects.count() == 1


# --- the supply list stops at its limit: it said nothing, so the office took 200 for the total

def test_the_supply_list_says_when_it_is_cut(transfer_world, patents_dataset, settings, monkeypatch):
    from ipcity.transfer import selectors

    settings.DATA_DIR = patents_dataset
    office = client_for(transfer_world.office_a)
    url = reverse("transfer:supply") + "?dataset=authored"
    monkeypatch.setattr(selectors, "SUPPLY_LIMIT", 2)
    page = office.get(url).content.decode()
    assert page.count("<tr><td><a href=\"/transfer/patent/") == 2 and 'id="supply-cut"' in page
    monkeypatch.setattr(selectors, "SUPPLY_LIMIT", 3)
    page = office.get(url).content.decode()
    assert page.count("<tr><td><a href=\"/transfer/patent/") == 3 and 'id="supply-cut"' not in page


# --- bidirectional controls (U+202E…) typed into a name flip what follows it on every list

def test_bidi_controls_are_dropped_from_what_a_need_and_a_declaration_say(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input(enterprise="铜陵\u202e某铜箔\u202c公司",
                                                                 description="\u2067低轮廓电解铜箔\u2069表面粗化处理"))
    assert (need.enterprise, need.description) == ("铜陵某铜箔公司", "低轮廓电解铜箔表面粗化处理")
    declaration = services.declaration_create(user=w.office_a, data=declaration_input(holder="安徽\u202e某某大学"))
    assert declaration.holder == "安徽某某大学"


def test_a_number_with_a_slash_as_datasets_hold_them_opens_its_pages(transfer_world):
    w = transfer_world
    need = services.need_create(user=w.office_a, data=need_input())
    match = services.match_add_manual(user=w.office_a, need_id=need.pk, pub_number="cn 2019/12345 a")
    assert match.pub_number == "CN2019/12345A"
    office = client_for(w.office_a)
    page = office.get(reverse("transfer:need", args=[need.pk])).content.decode()
    link = reverse("transfer:patent", args=[match.pub_number])
    assert link in page
    assert office.get(link).status_code == 200
