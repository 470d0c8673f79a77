"""A department's report under hostile input (walk 24): text with NUL or bidirectional controls,
over-long text, numbers that are not finite. Each is refused with a Chinese message and changes
nothing (the version stays), or, for bidi controls, saved without them (as ``ipcity.transfer`` does)."""

from __future__ import annotations

import json

import pytest
from django.test import Client

from .factories import add_users, make_program

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return add_users(make_program())


def _form(report, *, summary="总体", progress="60", done="做了", value="3.5", note="", version=None):
    data = {"version": str(report.version if version is None else version), "summary": summary, "action": "save"}
    for line in report.task_lines.all():
        data |= {f"line-{line.task_id}-status": "on_track", f"line-{line.task_id}-progress": progress,
                 f"line-{line.task_id}-done": done, f"line-{line.task_id}-reason": "", f"line-{line.task_id}-remedy": ""}
    for row in report.indicator_values.all():
        data |= {f"value-{row.indicator_id}-value": value, f"value-{row.indicator_id}-source": "统计局",
                 f"value-{row.indicator_id}-note": note}
    return data


def _reporter(world) -> Client:
    client = Client()
    client.force_login(world.users["reporter"])
    return client


def _refused(client, report0, form, *, says: str) -> None:
    before = report0.version
    response = client.post(f"/supervision/report/{report0.id}/fill/", form)
    assert response.status_code == 400, response.status_code
    assert says in response.content.decode()
    report0.refresh_from_db()
    assert report0.version == before
    assert report0.summary == ""
    assert all(line.progress is None and line.done == "" for line in report0.task_lines.all())
    assert all(row.value is None for row in report0.indicator_values.all())


@pytest.mark.parametrize("progress", ["inf", "-inf", "1e400"])
def test_a_progress_that_is_not_a_finite_number_is_refused_not_a_server_error(world, report0, progress):
    _refused(_reporter(world), report0, _form(report0, progress=progress), says="完成进度应为 0—100 的整数")


def test_one_task_saved_with_an_infinite_progress_is_refused(world, report0):
    line = report0.task_lines.first()
    response = _reporter(world).post(
        f"/supervision/report/{report0.id}/line/{line.task_id}/",
        {"version": str(report0.version), f"line-{line.task_id}-status": "on_track", f"line-{line.task_id}-progress": "inf",
         f"line-{line.task_id}-done": "做了"}, HTTP_HX_REQUEST="true")
    # htmx swaps only 2xx answers, so the row comes back as 200 with its message.
    assert response.status_code == 200 and "完成进度应为 0—100 的整数" in response.content.decode()
    line.refresh_from_db()
    assert line.progress is None


@pytest.mark.parametrize("value", ["inf", "nan", "Infinity"])
def test_an_indicator_value_that_is_not_a_finite_number_is_refused(world, report0, value):
    # Read as the monitoring form reads a value (``monitoring.values.parse_value``): Python's float()
    # took these words before, and stored them.
    _refused(_reporter(world), report0, _form(report0, value=value), says=f"“{value}”不是数字")


def test_an_indicator_value_its_unit_rules_out_is_refused(world, report0):
    # The indicator counts 件: a negative count is refused as on the monitoring form.
    _refused(_reporter(world), report0, _form(report0, value="-3"), says="不能为负数")


def test_a_nul_character_is_refused_in_the_summary_and_in_a_task(world, report0):
    client = _reporter(world)
    _refused(client, report0, _form(report0, summary="总体\x00情况"), says="控制字符")
    _refused(client, report0, _form(report0, done="做\x00了"), says="控制字符")


def test_over_long_text_is_refused_with_the_limit(world, report0):
    client = _reporter(world)
    _refused(client, report0, _form(report0, summary="长" * 20_001), says="至多 20,000 字")
    _refused(client, report0, _form(report0, done="长" * 5_001), says="至多 5,000 字")
    # The value's note was cut at 255 characters without a word; now the department is told.
    _refused(client, report0, _form(report0, note="注" * 256), says="至多 255 字")


def test_text_at_the_limits_is_saved(world, report0):
    response = _reporter(world).post(f"/supervision/report/{report0.id}/fill/",
                                     _form(report0, summary="长" * 20_000, done="长" * 5_000, note="注" * 255))
    assert response.status_code == 302
    report0.refresh_from_db()
    assert len(report0.summary) == 20_000
    assert {len(line.done) for line in report0.task_lines.all()} == {5_000}
    assert len(report0.indicator_values.get().note) == 255


def test_bidirectional_controls_are_removed_from_what_is_saved(world, report0):
    response = _reporter(world).post(f"/supervision/report/{report0.id}/fill/",
                                     _form(report0, summary="正常\u202e情况\u2066", done="做\u202d了"))
    assert response.status_code == 302
    report0.refresh_from_db()
    assert report0.summary == "正常情况"
    assert {line.done for line in report0.task_lines.all()} == {"做了"}


def test_the_api_refuses_nul_and_an_infinite_value(world, report0):
    client = _reporter(world)
    url = f"/api/supervision/reports/{report0.id}"
    indicator_id = report0.indicator_values.get().indicator_id
    nul = client.put(url, json.dumps({"version": report0.version, "summary": "a\x00b"}), content_type="application/json")
    assert nul.status_code == 400 and "控制字符" in nul.json()["detail"]
    # Python's JSON reader takes Infinity; the API's reader refuses it (JSON has no such number).
    infinite = client.put(url, json.dumps({"version": report0.version, "values": [{"indicator_id": indicator_id,
                                                                                    "value": float("inf")}]}),
                          content_type="application/json")
    assert infinite.status_code == 400 and "有限值" in infinite.json()["detail"]
    report0.refresh_from_db()
    assert report0.summary == "" and report0.indicator_values.get().value is None


def test_a_second_submit_of_the_same_page_says_the_report_is_already_handed_in(world, report0):
    """Walk 24: a double click on 保存并报送 answered the second request with the two-editors page
    ("已被 reporter 修改，您的内容尚未保存") about the user's own submission. A report no longer
    editable says so first, whatever version the page carried; nothing changes."""
    client = _reporter(world)
    form = _form(report0) | {"action": "submit"}
    assert client.post(f"/supervision/report/{report0.id}/fill/", form).status_code == 302
    report0.refresh_from_db()
    submitted = (report0.status, report0.version)
    again = client.post(f"/supervision/report/{report0.id}/fill/", form, follow=True)
    html = again.content.decode()
    assert again.redirect_chain and again.status_code == 200
    assert "报告当前状态不可修改" in html and "您的内容尚未保存" not in html
    report0.refresh_from_db()
    assert (report0.status, report0.version) == submitted


def test_a_lone_surrogate_is_refused_not_a_server_error(world, report0):
    # JSON "\ud800" reaches Python as a lone surrogate half, which SQLite's UTF-8 encoder raised on.
    client = _reporter(world)
    response = client.put(f"/api/supervision/reports/{report0.id}", '{"version": %d, "summary": "a\\ud800b"}'
                          % report0.version, content_type="application/json")
    assert response.status_code == 400 and "控制字符" in response.json()["detail"]
    report0.refresh_from_db()
    assert report0.summary == ""


def test_the_offices_return_comment_follows_the_same_rule(world, report0):
    """The reporter reads these on its home page and report: no NUL, no bidi override, no 50,000
    characters from the office's side either."""
    from ipcity.supervision.models import ReportStatus
    from ipcity.supervision.services import office_review
    from ipcity.supervision.services.report_filling import report_submit

    reporter = _reporter(world)
    assert reporter.post(f"/supervision/report/{report0.id}/fill/", _form(report0)).status_code in (200, 302)
    report0.refresh_from_db()
    report_submit(report=report0, user=world.users["reporter"])
    office = Client()
    office.force_login(world.users["office"])
    url = f"/api/supervision/reports/{report0.id}/return"
    for comment, says in (("请\x00补充", "控制字符"), ("长" * (office_review.COMMENT_LIMIT + 1), "过长")):
        response = office.post(url, json.dumps({"comment": comment}), content_type="application/json")
        assert response.status_code == 400 and says in response.json()["detail"]
    report0.refresh_from_db()
    assert report0.status == ReportStatus.SUBMITTED and report0.office_comment == ""
    returned = office.post(url, json.dumps({"comment": "请补充\u202e材料"}), content_type="application/json")
    assert returned.status_code == 200
    report0.refresh_from_db()
    assert report0.office_comment == "请补充材料"


def test_a_bad_progress_on_the_whole_form_names_its_task(world, report0):
    # Field test: with several tasks on the page, 完成进度应为 0—100 的整数 alone did not say which.
    lines = list(report0.task_lines.select_related("task").order_by("task_id"))
    assert len(lines) >= 2
    bad = lines[-1]
    form = _form(report0)
    form[f"line-{bad.task_id}-progress"] = "150"
    _refused(_reporter(world), report0, form, says=f"任务「{bad.task.ref} {bad.task.title[:20]}」：完成进度应为 0—100 的整数")


@pytest.mark.parametrize(("typed", "shown"), [("2,150", "2150"), ("7.35", "7.35"), ("0.1234567891", "0.1234567891")])
def test_a_saved_value_comes_back_in_its_input_as_typed(world, report0, typed, shown):
    # Field test: a returned report showed a count typed as 2,150 as 2150.0 in its input; a decimal
    # must come back in full (never rounded), or saving the form again would change it.
    client = _reporter(world)
    assert client.post(f"/supervision/report/{report0.id}/fill/", _form(report0, value=typed)).status_code == 302
    page = client.get(f"/supervision/report/{report0.id}/").content.decode()
    row = report0.indicator_values.first()
    assert f'name="value-{row.indicator_id}-value" value="{shown}"' in page


def test_every_problem_of_the_form_is_told_at_once(world, report0):
    # Field test: a department with a bad progress and a bad value learnt of them one submit at a
    # time; the page now lists both, and still writes nothing.
    form = _form(report0, value="一千", summary="长" * 20_001)
    line = report0.task_lines.order_by("task_id").first()
    form[f"line-{line.task_id}-progress"] = "150"
    response = _reporter(world).post(f"/supervision/report/{report0.id}/fill/", form)
    page = response.content.decode()
    assert response.status_code == 400
    assert "总体情况过长" in page and "完成进度应为 0—100 的整数" in page and "“一千”不是数字" in page
    report0.refresh_from_db()
    assert report0.summary == "" and all(row.value is None for row in report0.indicator_values.all())
