"""Upload → review → confirm through the web: office only, bad uploads change nothing."""

from __future__ import annotations

import io
import json
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from ipcity.audit.models import AuditEvent
from ipcity.core.models import Department, Region, Role
from ipcity.programs.models import PlanImport, Program, TaskAssignment

from .conftest import make_user

TONGLING = "000_3c8ebd50ad477ee4"
HX = {"HTTP_HX_REQUEST": "true"}


def _json_file(plan: dict, name: str = "plan.json") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, json.dumps(plan, ensure_ascii=False).encode("utf-8"), "application/json")


@pytest.fixture
def pending(office_client, load_gold):
    """A Tongling draft uploaded as plan JSON, with evidence on its first indicator."""
    plan = load_gold(TONGLING)
    plan["indicators"][0]["evidence"] = {"text": plan["indicators"][0]["name"], "start": 0, "end": 4}
    response = office_client.post(reverse("programs:importing:upload"), {"document": _json_file(plan)})
    assert response.status_code == 302
    return PlanImport.objects.get()


def _url(name: str, imp: PlanImport, *args) -> str:
    return reverse(f"programs:importing:{name}", args=[imp.pk, *args])


@pytest.mark.django_db
def test_upload_page_is_for_the_office(office_client):
    response = office_client.get(reverse("programs:importing:upload"))
    assert response.status_code == 200
    assert "导入计划文件" in response.content.decode()


@pytest.mark.django_db
@pytest.mark.parametrize("role", [Role.REPORTER, Role.LEADER])
def test_reporter_and_leader_are_refused(client, role, pending, load_gold):
    client.force_login(make_user(f"u-{role}", role))
    assert client.get(reverse("programs:importing:upload")).status_code == 403
    response = client.post(reverse("programs:importing:upload"), {"document": _json_file(load_gold(TONGLING))})
    assert response.status_code == 403
    assert client.get(_url("review", pending)).status_code == 403
    assert client.post(_url("confirm", pending)).status_code == 403
    assert PlanImport.objects.count() == 1 and Program.objects.count() == 0


@pytest.mark.django_db
def test_upload_stores_a_draft_and_review_shows_items_with_their_evidence(office_client, pending):
    assert pending.status == PlanImport.Status.PENDING
    assert pending.parsed["title"] == pending.edited["title"]
    assert AuditEvent.objects.filter(action="planimport.create").count() == 1
    response = office_client.get(_url("review", pending))
    page = response.content.decode()
    assert response.status_code == 200
    assert pending.edited["indicators"][0]["name"] in page
    assert "<mark>" in page  # the evidence passage is highlighted beside the item
    assert "市市场监管局" in page and "将新建" in page
    assert Program.objects.count() == 0


def _bad_uploads():
    broken_docx = io.BytesIO()
    with zipfile.ZipFile(broken_docx, "w") as archive:
        archive.writestr("hello.txt", "not a word document")
    return [
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "PNG"),
        ("plan.docx", broken_docx.getvalue(), "无法读取文件"),
        ("truncated.docx", b"PK\x03\x04" + b"\x14\x00" * 20, "无法读取文件"),
        ("empty.txt", b"", "文件为空"),
        ("blank.txt", b"  \n\n ", "文件为空"),
        ("plan.json", json.dumps({"format": "ipcity-plan/1", "title": "缺字段"}).encode(), "不符合计划格式"),
        ("letter.txt", "关于召开会议的通知\n\n请各单位准时参加。\n".encode(), "未识别出任何指标或任务"),
        ("data.json", b'{"rows": [1, 2, 3]}', "未识别出任何指标或任务"),
    ]


@pytest.mark.django_db
@pytest.mark.parametrize(("name", "content", "message"), _bad_uploads())
def test_bad_upload_gets_a_message_and_writes_nothing(office_client, name, content, message):
    response = office_client.post(reverse("programs:importing:upload"),
                                  {"document": SimpleUploadedFile(name, content)})
    assert response.status_code == 400
    assert message in response.content.decode()
    assert PlanImport.objects.count() == 0 and AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_huge_upload_is_refused_before_the_body_is_read(office_client, settings):
    settings.IPCITY_MAX_UPLOAD_BYTES = 1000
    big = SimpleUploadedFile("big.txt", "字".encode() * 100_000)
    response = office_client.post(reverse("programs:importing:upload"), {"document": big})
    assert response.status_code == 413
    assert "文件过大" in response.content.decode()
    assert PlanImport.objects.count() == 0


@pytest.mark.django_db
def test_too_large_upload_is_refused(office_client, settings, load_gold):
    settings.IPCITY_MAX_UPLOAD_BYTES = 1000
    response = office_client.post(reverse("programs:importing:upload"), {"document": _json_file(load_gold(TONGLING))})
    assert response.status_code == 400
    assert "文件过大" in response.content.decode()
    assert PlanImport.objects.count() == 0


@pytest.mark.django_db
def test_edit_an_indicator_keeps_its_evidence(office_client, pending):
    form = office_client.get(_url("item_edit", pending, "indicators", 0), **HX)
    assert form.status_code == 200 and "name=\"targets\"" in form.content.decode()
    response = office_client.post(_url("item_edit", pending, "indicators", 0), {
        "name": "每万人口高价值发明专利拥有量（修正）", "unit": "件", "baseline_year": "2021",
        "baseline_value": "3.5", "targets": "2024 >= 10.5\n2025 ≥ 12", "qualitative_target": "",
        "tags": "预期性、累计值", "source": "table"}, **HX)
    assert response.status_code == 200
    assert "每万人口高价值发明专利拥有量（修正）" in response.content.decode()
    pending.refresh_from_db()
    item = pending.edited["indicators"][0]
    assert item["targets"] == [{"year": 2024, "value": 10.5, "comparator": ">="},
                               {"year": 2025, "value": 12, "comparator": ">="}]
    assert item["baseline"] == {"year": 2021, "value": 3.5} and item["tags"] == ["预期性", "累计值"]
    assert item["evidence"]["text"]
    assert pending.parsed["indicators"][0]["name"] != item["name"]  # what was read stays as read


@pytest.mark.django_db
def test_invalid_edit_returns_the_form_with_the_error(office_client, pending):
    response = office_client.post(_url("item_edit", pending, "indicators", 1), {
        "name": "x", "targets": "明年很多", "source": "table"}, **HX)
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#indicators-1"
    assert "无法识别的目标值" in response.content.decode()
    pending.refresh_from_db()
    assert pending.edited == pending.parsed


@pytest.mark.django_db
def test_add_and_remove_tasks(office_client, pending):
    count = len(pending.edited["tasks"])
    response = office_client.post(_url("item_new", pending, "tasks"), {
        "ref": "四/1", "title": "新增的任务", "departments": "市科技局\n市新设中心", "lead": "",
        "targets": "培育示范企业 | 2025 | >= | 5 | 家"}, **HX)
    assert response.status_code == 200
    assert "市新设中心" in response.content.decode()  # the units table is refreshed out of band
    office_client.post(_url("item_delete", pending, "tasks", 0), **HX)
    pending.refresh_from_db()
    tasks = pending.edited["tasks"]
    assert len(tasks) == count
    assert tasks[-1] == {"ref": "四/1", "title": "新增的任务", "departments": ["市科技局", "市新设中心"],
                         "lead": ["市科技局"], "targets": [{"name": "培育示范企业", "year": 2025, "value": 5,
                                                         "unit": "家", "comparator": ">="}]}


@pytest.mark.django_db
def test_lead_must_be_listed(office_client, pending):
    response = office_client.post(_url("item_edit", pending, "tasks", 0), {
        "ref": "1", "title": "t", "departments": "市科技局", "lead": "市财政局", "targets": ""}, **HX)
    assert "牵头单位应在责任单位之中" in response.content.decode()


@pytest.mark.django_db
def test_match_a_unit_to_an_existing_department_then_confirm(office_client, pending, tongling, office_user):
    science = Department.objects.create(region=tongling, name="铜陵市科学技术局")
    response = office_client.post(_url("units", pending), {"name": "市科技局", "choice": str(science.pk)}, **HX)
    assert response.status_code == 200 and "已指定" in response.content.decode()
    office_client.post(_url("units", pending), {"name": "市财政局", "choice": "new"}, **HX)

    response = office_client.post(_url("confirm", pending))
    program = Program.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("programs:program", args=[program.pk])
    assert TaskAssignment.objects.filter(task__program=program, name_as_written="市科技局", department=science).exists()
    assert Department.objects.filter(region=tongling, name="市财政局").count() == 1
    pending.refresh_from_db()
    assert (pending.status, pending.result_program) == (PlanImport.Status.CONFIRMED, program)
    assert program.source_name == "plan.json" and program.created_by == office_user
    assert program.indicators.first().evidence is not None
    # A confirmed draft can be neither confirmed again nor edited.
    assert office_client.post(_url("confirm", pending)).status_code == 404
    assert Program.objects.count() == 1


@pytest.mark.django_db
def test_discard(office_client, pending):
    response = office_client.post(_url("discard", pending))
    assert response.status_code == 302
    pending.refresh_from_db()
    assert pending.status == PlanImport.Status.DISCARDED and Program.objects.count() == 0


@pytest.mark.django_db
def test_another_office_cannot_see_the_draft(client, pending):
    client.force_login(make_user("other-office", Role.OFFICE))
    assert client.get(_url("review", pending)).status_code == 404


@pytest.mark.django_db
def test_revised_document_shows_the_changes_before_applying(office_client, load_gold, office_user):
    from ipcity.programs.services import program_create_from_plan

    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    indicator_ids = set(program.indicators.values_list("pk", flat=True))
    revised = load_gold(TONGLING)
    dropped = revised["indicators"].pop()
    revised["indicators"][0]["targets"][-1]["value"] = 88
    revised["tasks"][1]["departments"].append("市新成立局")
    response = office_client.post(reverse("programs:importing:upload"),
                                  {"document": _json_file(revised), "target_program": program.pk})
    imp = PlanImport.objects.get()
    assert response.status_code == 302 and imp.target_program == program
    page = office_client.get(_url("review", imp)).content.decode()
    assert "修订内容" in page
    assert f'删除：<span lang="zh">{dropped["name"]}</span>' in page
    assert "市新成立局" in page and "88" in page
    assert program.indicators.count() == len(indicator_ids)  # nothing applied yet

    office_client.post(_url("confirm", imp))
    assert Program.objects.count() == 1
    assert set(program.indicators.values_list("pk", flat=True)) < indicator_ids
    assert program.indicators.get(order=0).targets.order_by("-year").first().value == 88


@pytest.mark.django_db
def test_review_page_query_count_is_bounded(office_client, pending, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        assert office_client.get(_url("review", pending)).status_code == 200


@pytest.mark.django_db
def test_upload_link_from_a_programme_preselects_it(office_client, load_gold, office_user):
    from ipcity.programs.services import program_create_from_plan

    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    page = office_client.get(reverse("programs:importing:upload") + f"?program={program.pk}").content.decode()
    assert f'<option value="{program.pk}" lang="zh" selected>' in page


@pytest.mark.django_db
def test_ambiguous_region_is_reported_at_confirm_and_nothing_saved(office_client, pending):
    office_client.post(_url("fields", pending), {
        "title": "某区方案", "region": "朝阳区", "issuer": "", "doc_number": "", "issued_on": "",
        "start": "2022", "end": "2025"})
    page = office_client.get(_url("review", pending)).content.decode()
    assert "名称不唯一" in page
    response = office_client.post(_url("confirm", pending), follow=True)
    assert "不唯一" in response.content.decode()
    assert Program.objects.count() == 0
    pending.refresh_from_db()
    assert pending.status == PlanImport.Status.PENDING and pending.edited["region"] == "朝阳区"


@pytest.mark.django_db
def test_edit_that_breaks_a_plan_rule_is_shown_and_blocks_confirm(office_client, pending):
    response = office_client.post(_url("item_edit", pending, "indicators", 0), {
        "name": "某指标", "unit": "件", "targets": "2025 >= 12\n>= 3", "source": "table"}, **HX)
    assert "未写年份的目标与 2025 年的目标重复" in response.content.decode()
    assert "未写年份" in office_client.get(_url("review", pending)).content.decode()
    response = office_client.post(_url("confirm", pending), follow=True)
    assert "无法保存" in response.content.decode()
    assert Program.objects.count() == 0 and Department.objects.count() == 0


@pytest.mark.django_db
def test_revision_warns_about_data_that_removed_items_take_along(office_client, load_gold, office_user):
    from ipcity.monitoring.models import IndicatorActual
    from ipcity.programs.services import program_create_from_plan

    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    last = program.indicators.order_by("-order").first()
    IndicatorActual.objects.create(indicator=last, year=2023, value=5)
    revised = load_gold(TONGLING)
    revised["indicators"].pop()
    office_client.post(reverse("programs:importing:upload"),
                       {"document": _json_file(revised), "target_program": program.pk})
    page = office_client.get(_url("review", PlanImport.objects.get())).content.decode()
    assert f'指标“<span lang="zh">{last.name}</span>”已有1 条' in page and "将一并删除" in page
    assert IndicatorActual.objects.count() == 1


@pytest.mark.django_db
def test_review_renders_in_english_too(office_client, pending):
    from django.conf import settings

    office_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = office_client.get(_url("review", pending))
    assert response.status_code == 200
    assert 'lang="en"' in response.content.decode()
    assert pending.edited["tasks"][0]["title"] in response.content.decode()


@pytest.mark.django_db
def test_office_cannot_save_a_plan_for_another_region(client, load_gold):
    from ipcity.core.models import Region

    bengbu = Region.objects.create(code="340300", name="蚌埠市", level=Region.Level.CITY)
    office = make_user("bengbu-office", Role.OFFICE)
    office.profile.region = bengbu
    office.profile.save()
    client.force_login(office)
    client.post(reverse("programs:importing:upload"), {"document": _json_file(load_gold(TONGLING))})
    imp = PlanImport.objects.get()
    response = client.post(_url("confirm", imp), follow=True)
    assert "不在您的管辖范围内" in response.content.decode()
    assert Program.objects.count() == 0 and Department.objects.count() == 0
    imp.refresh_from_db()
    assert imp.status == PlanImport.Status.PENDING


# An authored notice that names neither its years nor its place (a 工作要点 as some offices send them).
YEARLESS = """关于印发知识产权强市建设工作要点的通知
各有关单位：
现将工作要点印发给你们，请认真贯彻落实。
一、主要目标
全市有效发明专利拥有量达到3200件。
二、重点任务
（一）加强高价值专利培育。推动企业建立知识产权管理体系。（市市场监管局牵头，市科技局配合）
（二）强化知识产权保护。开展专项执法行动。（市市场监管局、市公安局按职责分工负责）
"""


@pytest.mark.django_db
def test_a_document_without_years_or_place_is_reviewed_and_confirmed_once_the_office_writes_them(
        office_client, tongling):
    response = office_client.post(reverse("programs:importing:upload"),
                                  {"document": SimpleUploadedFile("工作要点.txt", YEARLESS.encode("utf-8"))})
    assert response.status_code == 302  # was refused: 文件内容不符合计划格式：起止年份 period 应为…
    imp = PlanImport.objects.get()
    assert imp.parsed["period"] == {"start": 0, "end": 0} and imp.parsed["region"] == "未识别"
    page = office_client.get(_url("review", imp)).content.decode()
    assert "未找到规划期（起止年份）：请在核对时填写" in page and "未能从标题或发文机关识别规划所属地区" in page
    assert '<input type="number" name="start" min="1900"' in page  # no value: empty to fill, not 0
    assert '<input type="text" name="region" maxlength="64" required id="id_region">' in page  # not 未识别
    response = office_client.post(_url("confirm", imp), follow=True)
    assert "无法保存" in response.content.decode() and Program.objects.count() == 0  # never saved without years
    assert "未识别规划所属地区" in response.content.decode()  # nor as a region named 未识别
    assert not Region.objects.filter(name="未识别").exists()
    office_client.post(_url("fields", imp), {
        "title": "铜陵市知识产权强市建设工作要点", "region": "铜陵市", "issuer": "", "doc_number": "", "issued_on": "",
        "start": "2025", "end": "2026"})
    office_client.post(_url("confirm", imp))
    program = Program.objects.get()
    assert (program.region, program.start_year, program.end_year) == (tongling, 2025, 2026)
    assert program.tasks.count() == 2 and program.indicators.get().name == "全市有效发明专利拥有量"


@pytest.mark.django_db
def test_plan_json_without_years_is_still_refused_at_upload(office_client, load_gold):
    plan = load_gold(TONGLING)
    plan["period"] = {"start": 0, "end": 0}
    response = office_client.post(reverse("programs:importing:upload"), {"document": _json_file(plan)}, follow=True)
    assert "起止年份" in response.content.decode() and PlanImport.objects.count() == 0


@pytest.mark.django_db
def test_english_review_spaces_its_words_from_the_data(client, load_gold, settings):
    """Found by the empty-installation field test: 'New department“市科技局”' and
    'Cannot save:The plan's region…' ran the English words into what followed."""
    from ipcity.core.models import Region

    bengbu = Region.objects.create(code="340300", name="蚌埠市", level=Region.Level.CITY)
    office = make_user("bengbu-office-en", Role.OFFICE)
    office.profile.region = bengbu
    office.profile.save()
    client.force_login(office)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    client.post(reverse("programs:importing:upload"), {"document": _json_file(load_gold(TONGLING))})
    imp = PlanImport.objects.get()
    review = client.get(_url("review", imp)).content.decode()
    assert "New department “市市场监管局”" in review and "New department“" not in review
    refused = client.post(_url("confirm", imp), follow=True).content.decode()
    assert "Cannot save: " in refused and "Cannot save:T" not in refused
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hans"
    assert "新建部门“市市场监管局”" in client.get(_url("review", imp)).content.decode()
    assert "无法保存：" in client.post(_url("confirm", imp), follow=True).content.decode()


@pytest.mark.django_db
def test_two_spellings_of_one_new_unit_are_shown_as_one_department(office_client, load_gold, tongling):
    """Found by the empty-installation field test: 市政府办公室<外事办> and 市政府办公室〈外事办〉 were both
    listed 将新建, though confirming makes one department of them (the names fold)."""
    plan = load_gold(TONGLING)
    plan["tasks"][0]["departments"] = [*plan["tasks"][0]["departments"], "市政府办公室<外事办>"]
    plan["tasks"][1]["departments"] = [*plan["tasks"][1]["departments"], "市政府办公室〈外事办〉"]
    office_client.post(reverse("programs:importing:upload"), {"document": _json_file(plan)})
    imp = PlanImport.objects.get()
    page = office_client.get(_url("review", imp)).content.decode()
    row = page[page.index('data-unit="市政府办公室〈外事办〉"'):]
    row = row[:row.index("</tr>")]
    assert "与上方同一部门" in row and '<span lang="zh">市政府办公室&lt;外事办&gt;</span>' in row
    assert "将新建" not in row
    office_client.post(_url("confirm", imp))
    assert Department.objects.filter(name__startswith="市政府办公室").count() == 1
