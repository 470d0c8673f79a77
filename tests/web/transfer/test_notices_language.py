"""The matching library's refusals and warnings in the page's language (field test 27, item 13).

The library words them in Chinese (``ipcity.notices.Notice``, which keeps its template and values);
the transfer pages, forms and API word them again, so an English page reads English and a Chinese
one Chinese. A declaration's fee flags are stored with their templates, and a flag stored the old
way (a plain Chinese string) is still shown as it was stored.
"""

from __future__ import annotations

import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from ipcity.transfer import services
from ipcity.transfer.models import LicenceDeclaration, TechNeed
from tests.web.transfer.test_propose import indexed  # noqa: F401  (the authored index)
from tests.web.transfer.transfer_fixtures import declaration_input, need_input

ENGLISH = "en"
CHINESE = "zh-hans"


def client_for(user, language: str) -> Client:
    client = Client()
    client.force_login(user)
    client.cookies["django_language"] = language
    return client


NEED = {"enterprise": "铜陵某铜箔科技有限公司", "description": "铜", "region_code": "349999", "industry_code": "9899",
        "mode": "licence"}


@pytest.mark.parametrize(("language", "words"), [
    (ENGLISH, ["Need description too short", "Unknown industry code: 9899", "Unknown region code: 349999"]),
    (CHINESE, ["需求描述过短", "未知的行业代码：9899", "未知的地区代码：349999"]),
])
def test_a_need_form_refusal_is_in_the_pages_language(transfer_world, language, words):
    page = client_for(transfer_world.office_a, language).post(reverse("transfer:need_create"), NEED)
    text = page.content.decode()
    assert page.status_code == 400
    assert all(word in text for word in words), [w for w in words if w not in text]
    if language == ENGLISH:
        assert "需求描述过短" not in text and "未知的行业代码" not in text
    assert not TechNeed.objects.exists()


@pytest.mark.parametrize(("language", "words"), [
    (ENGLISH, ["Row 3: Missing need description", "Row 4: Unrecognised budget: 很多"]),
    (CHINESE, ["第 3 行：缺少需求描述", "第 4 行：无法识别的预算：很多"]),
])
def test_a_needs_files_bad_rows_are_in_the_pages_language(transfer_world, language, words):
    body = ("企业名称,需求描述,所在地区,预算（万元）\n某公司,低轮廓电解铜箔表面粗化,340700,300\n"
            "某电缆公司,,340700,\n某铜业公司,铜箔粗化,340700,很多\n")
    page = client_for(transfer_world.office_a, language).post(reverse("transfer:needs_import"), {
        "file": SimpleUploadedFile("needs.csv", body.encode("utf-8-sig"), content_type="text/csv")})
    text = page.content.decode()
    assert page.status_code == 400
    assert all(word in text for word in words), [w for w in words if w not in text]


DECLARATION = {"pub_number": "CN99000002U", "title": "一种铜排焊接夹具", "patent_kind": "utility",
               "holder": "某某工业大学", "region_code": "340700", "declared_on": "2025-06-01", "fee_type": "one_off",
               "fixed_fee_wan": "-5"}


@pytest.mark.parametrize(("language", "words"), [
    (ENGLISH, ["A utility model can be declared for open licensing only with its patent evaluation report",
               "One-off licence fee cannot be negative"]),
    (CHINESE, ["实用新型专利声明开放许可须提交专利权评价报告", "一次性许可费不能为负数"]),
])
def test_a_declaration_refusal_is_in_the_pages_language(transfer_world, language, words):
    page = client_for(transfer_world.office_a, language).post(reverse("transfer:declaration_create"), DECLARATION)
    text = page.content.decode()
    assert page.status_code == 400
    assert all(word in text for word in words), [w for w in words if w not in text]
    assert not LicenceDeclaration.objects.exists()


FLAG = {ENGLISH: "One-off licence fee of 2,500.00 (10,000 yuan) is above the guideline of 2,000 (10,000 yuan)",
        CHINESE: "一次性许可费 2,500.00 万元，超过指导标准 2,000 万元"}


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_a_stored_fee_flag_is_worded_in_the_pages_language(transfer_world, language):
    declaration = services.declaration_create(user=transfer_world.office_a,
                                              data=declaration_input(fixed_fee_wan=2500.0))
    stored = LicenceDeclaration.objects.get(pk=declaration.pk).fee_flags
    assert stored[0]["text"] == FLAG[CHINESE] and stored[0]["template"]  # what wording it again needs
    office = client_for(transfer_world.office_a, language)
    detail = office.get(reverse("transfer:declaration", args=[declaration.pk])).content.decode()
    listed = office.get(reverse("transfer:declarations")).content.decode()
    assert FLAG[language] in detail and FLAG[language] in listed  # the list has it in the badge's title
    other = FLAG[CHINESE if language == ENGLISH else ENGLISH]
    assert other not in detail and other not in listed


def test_a_fee_flag_stored_before_notices_is_shown_as_it_was_stored(transfer_world):
    declaration = services.declaration_create(user=transfer_world.office_a, data=declaration_input())
    LicenceDeclaration.objects.filter(pk=declaration.pk).update(fee_flags=["一次性许可费 9,999.00 万元，超过指导标准 2,000 万元"])
    for language in (ENGLISH, CHINESE):
        page = client_for(transfer_world.office_a, language).get(reverse("transfer:declaration", args=[declaration.pk]))
        assert "一次性许可费 9,999.00 万元，超过指导标准 2,000 万元" in page.content.decode()
    listed = client_for(transfer_world.office_a, ENGLISH).get("/api/transfer/declarations").json()
    assert listed[0]["fee_flags"] == ["一次性许可费 9,999.00 万元，超过指导标准 2,000 万元"]


@pytest.mark.parametrize("language", [ENGLISH, CHINESE])
def test_the_api_words_refusals_and_fee_flags_in_the_requests_language(transfer_world, language):
    api = client_for(transfer_world.office_a, language)
    bad = api.post("/api/transfer/needs", data=json.dumps(NEED), content_type="application/json")
    assert bad.status_code == 400
    assert ("Need description too short" if language == ENGLISH else "需求描述过短") in bad.json()["detail"]
    made = api.post("/api/transfer/declarations", data=json.dumps({
        **DECLARATION, "patent_kind": "invention", "pub_number": "CN99000001A", "fixed_fee_wan": 2500}),
        content_type="application/json")
    assert made.status_code == 201 and made.json()["fee_flags"] == [FLAG[language]]
    assert api.get("/api/transfer/declarations").json()[0]["fee_flags"] == [FLAG[language]]


def test_the_audit_history_shows_a_stored_fee_flag_as_words_not_as_its_json(transfer_world):
    from django.utils import translation

    from ipcity.audit.selectors import value_shown

    declaration = services.declaration_create(user=transfer_world.office_a,
                                              data=declaration_input(fixed_fee_wan=2500.0))
    recorded = LicenceDeclaration.objects.get(pk=declaration.pk).fee_flags
    with translation.override(ENGLISH):
        assert value_shown(recorded) == FLAG[ENGLISH]
    with translation.override(CHINESE):
        assert value_shown(recorded) == FLAG[CHINESE]
        # Flags recorded before notices were kept, as an old release's audit snapshot holds them (its
        # rows are never rewritten): the texts one after another, not Python's list brackets.
        assert value_shown(["旧的提示", "另一条"]) == "旧的提示；另一条"
        assert value_shown([FLAG[CHINESE], recorded[0]]) == f"{FLAG[CHINESE]}；{FLAG[CHINESE]}"


@pytest.mark.parametrize("url", ["transfer:needs_import", "transfer:declarations_import"])
def test_a_workbook_a_file_reader_refuses_is_named_in_the_pages_language(transfer_world, url, tmp_path):
    """A formula saved without its result (openpyxl writes none) is named by the shared reader
    (``matching.table_file``): both uploads word it in the page's language."""
    import openpyxl

    workbook = openpyxl.Workbook()
    workbook.active.append(["企业名称", "需求描述", "专利号", "专利名称"])
    workbook.active.append(["某公司", "=A2&\"铜箔\"", "CN99000001A", "一种铜箔"])
    path = tmp_path / "book.xlsx"
    workbook.save(path)
    for language, words in ((ENGLISH, "Row 2, column B is a formula"), (CHINESE, "第 2 行 B 列是公式")):
        page = client_for(transfer_world.office_a, language).post(reverse(url), {"file": SimpleUploadedFile(
            "book.xlsx", path.read_bytes(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")})
        assert page.status_code == 400 and words in page.content.decode(), (language, url)


def test_a_matchs_priors_are_worded_in_the_pages_language(transfer_world, indexed):  # noqa: F811
    """The ranker's priors ("专利权人与需求企业在同一城市") are stored with their templates: the need's
    page and the API word them in the reader's language; a why stored before says its Chinese."""
    from ipcity.transfer.models import Match

    need = services.need_create(user=transfer_world.office_a, data=need_input())
    services.matches_propose(need=need, dataset=indexed, user=transfer_world.office_a)
    city = {ENGLISH: "The patent holder is in the same city as the firm", CHINESE: "专利权人与需求企业在同一城市"}
    for language in (ENGLISH, CHINESE):
        client = client_for(transfer_world.office_a, language)
        page = client.get(reverse("transfer:need", args=[need.pk])).content.decode()
        assert city[language] in page
        api = client.get(f"/api/transfer/needs/{need.pk}/matches").json()
        assert city[language] in [p["detail"] for p in api[0]["why"]["priors"]]
    assert city[CHINESE] not in client_for(transfer_world.office_a, ENGLISH).get(
        reverse("transfer:need", args=[need.pk])).content.decode()
    first = Match.objects.filter(need=need).order_by("rank").first()
    Match.objects.filter(pk=first.pk).update(why={**first.why, "priors": [
        {"prior": "region", "boost": 0.05, "detail": "专利权人与需求企业在同一省份"}]})
    page = client_for(transfer_world.office_a, ENGLISH).get(reverse("transfer:need", args=[need.pk])).content.decode()
    assert "专利权人与需求企业在同一省份" in page


def test_propose_without_an_index_says_so_in_the_pages_language(transfer_world, settings, tmp_path):
    from django.core.exceptions import ValidationError
    from django.utils import translation

    settings.DATA_DIR = tmp_path
    need = services.need_create(user=transfer_world.office_a, data=need_input())
    for language, words in ((ENGLISH, "has no matching index yet"), (CHINESE, "尚未建立匹配索引")):
        with translation.override(language), pytest.raises(ValidationError) as caught:
            services.matches_propose(need=need, dataset="none", user=transfer_world.office_a)
        assert words in caught.value.messages[0] and "ipcity match build --dataset none" in caught.value.messages[0]


def test_a_negative_budget_is_named_once(transfer_world):
    """The library refuses a negative budget; the app said so a second time in its own words
    (API field test: “预算不能为负数；预算不能为负数：-5.0”)."""
    from django.utils import translation

    from ipcity.transfer.services.needs import need_problems

    with translation.override(CHINESE):
        problems = need_problems(transfer_world.office_a, need_input(budget_wan=-5.0))
    assert [p for p in problems if "预算" in p] == ["预算不能为负数：-5.0"]
