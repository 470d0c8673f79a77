"""Walk 26: one item's save on the review answers with that item's card, not the whole list.

A 560-task review re-rendered the list on every save (about 1.5 s in the browser). Now the save
answers with the card and, out of band, only what the change alters: the lists' counts and
problems, the cards whose problems changed, the units table when a task's departments changed,
and the problems above the confirm button with the button's state. Without JavaScript the same
URLs serve a page with the form and redirect back to the review at the item's anchor.
"""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from ipcity.programs.models import PlanImport

from .test_views import HX, TONGLING, _json_file

pytestmark = pytest.mark.django_db


@pytest.fixture
def pending(office_client, load_gold):
    response = office_client.post(reverse("programs:importing:upload"), {"document": _json_file(load_gold(TONGLING))})
    assert response.status_code == 302
    return PlanImport.objects.get()


def _url(name: str, imp: PlanImport, *args) -> str:
    return reverse(f"programs:importing:{name}", args=[imp.pk, *args])


def _task_post(imp: PlanImport, index: int, **changes) -> dict:
    task = imp.edited["tasks"][index]
    data = {"ref": task["ref"], "title": task["title"], "departments": "\n".join(task["departments"]),
            "lead": "\n".join(task["lead"]), "targets": "\n".join(
                f"{t['name']} | {t['year'] or ''} | {t['comparator']} | {t['value']} | {t.get('unit') or ''}"
                for t in task["targets"])}
    return {**data, **changes}


def _ids(html: str) -> list[str]:
    """The ids of the top-level pieces of an answer: articles (cards), sections and divs with an id."""
    return re.findall(r'<(?:article|section|div) [^>]*?id="([^"]+)"', html)


def _oob(html: str) -> set[str]:
    return set(re.findall(r'id="([^"]+)"[^>]*hx-swap-oob="true"', html))


def _card_ids(html: str) -> list[str]:
    return re.findall(r'<article class="review-item" id="([^"]+)"', html)


def test_a_task_save_answers_with_its_card_and_the_counts_only(office_client, pending):
    response = office_client.post(_url("item_edit", pending, "tasks", 3), _task_post(pending, 3, title="改过的标题"), **HX)
    html = response.content.decode()
    assert response.status_code == 200
    assert _card_ids(html) == ["tasks-3"] and "改过的标题" in html
    assert "hx-swap-oob" not in html.split("</article>")[0]  # the card itself replaces the form
    assert _oob(html) == {"indicators-summary", "tasks-summary", "review-end"}  # departments unchanged: no units
    assert "重点任务（19）" in html and 'id="confirm-button"' in html and "disabled" not in html
    pending.refresh_from_db()
    assert pending.edited["tasks"][3]["title"] == "改过的标题"


def test_a_full_render_is_what_a_deletion_still_answers(office_client, pending):
    response = office_client.post(_url("item_delete", pending, "tasks", 0), **HX)
    html = response.content.decode()
    assert len(_card_ids(html)) == 18 and _card_ids(html)[0] == "tasks-0"  # numbers shifted: all re-rendered
    assert {"units", "review-end"} <= _oob(html)
    response = office_client.post(_url("item_delete", pending, "tasks", 0))
    assert response.status_code == 302 and response["Location"].endswith(_url("review", pending) + "#tasks")


def test_changing_a_tasks_departments_refreshes_the_units_table(office_client, pending):
    departments = "\n".join([*pending.edited["tasks"][2]["departments"], "市新设中心"])
    response = office_client.post(_url("item_edit", pending, "tasks", 2),
                                  _task_post(pending, 2, departments=departments), **HX)
    html = response.content.decode()
    assert "units" in _oob(html) and 'data-unit="市新设中心"' in html
    assert _card_ids(html) == ["tasks-2"]


def test_a_new_task_comes_with_a_fresh_place_for_the_next_and_the_new_count(office_client, pending):
    response = office_client.post(_url("item_new", pending, "tasks"), {
        "ref": "四/1", "title": "新增的任务", "departments": "市科技局", "lead": "", "targets": ""}, **HX)
    html = response.content.decode()
    assert _card_ids(html) == ["tasks-19"]
    assert _ids(html)[:3] == ["tasks-19", "tasks-new", "indicators-summary"]
    assert "重点任务（20）" in html and "units" in _oob(html)


def test_a_problem_shows_on_its_card_above_confirm_and_disables_it_until_fixed(office_client, pending):
    indicator = pending.edited["indicators"][0]
    post = {"name": indicator["name"], "unit": "件", "targets": "2025 >= 12\n>= 3", "source": "table"}
    html = office_client.post(_url("item_edit", pending, "indicators", 0), post, **HX).content.decode()
    card = html.split("</article>")[0]
    assert "未写年份的目标与 2025 年的目标重复" in card
    end = html[html.index('id="review-end"'):]
    assert "确认前尚需修正" in end and re.search(r'id="confirm-button" disabled', end)
    page = office_client.get(_url("review", pending)).content.decode()
    assert re.search(r'id="confirm-button" disabled', page)  # the full page agrees
    html = office_client.post(_url("item_edit", pending, "indicators", 0), {**post, "targets": "2025 >= 12"},
                              **HX).content.decode()
    assert "未写年份" not in html and 'id="confirm-button" disabled' not in html


def test_another_cards_warning_that_a_save_changes_goes_out_of_band(office_client, pending):
    # The yearless-target rule speaks only once every other rule passes: while indicator 2 has no
    # name (a state the form cannot make, so the service makes it), indicator 1's warning is
    # silent; giving indicator 2 its name back brings the warning out, on indicator 1's card.
    from ipcity.programs.importing.services import plan_import_item_save

    first = {"name": pending.edited["indicators"][0]["name"], "unit": "件", "targets": "2025 >= 12\n>= 3",
             "source": "table"}
    office_client.post(_url("item_edit", pending, "indicators", 0), first, **HX)
    pending.refresh_from_db()
    plan_import_item_save(plan_import=pending, kind="indicators", index=1,
                          item={**pending.edited["indicators"][1], "name": ""})
    page = office_client.get(_url("review", pending)).content.decode()
    assert "未写年份" not in page and "指标2：名称不能为空" in page.split('id="indicators-1"')[1].split("</article>")[0]
    second = {"name": "第二个指标", "unit": "件", "targets": "2025 >= 12", "source": "table"}
    html = office_client.post(_url("item_edit", pending, "indicators", 1), second, **HX).content.decode()
    assert _card_ids(html) == ["indicators-1", "indicators-0"] and "indicators-0" in _oob(html)
    assert "未写年份的目标与 2025 年的目标重复" in html.split('id="indicators-0"')[1].split("</article>")[0]
    assert "名称不能为空" not in html


def test_cancel_puts_back_the_card_or_the_empty_place(office_client, pending):
    html = office_client.get(_url("item_edit", pending, "tasks", 5) + "?show=card", **HX).content.decode()
    assert _card_ids(html) == ["tasks-5"] and "hx-swap-oob" not in html
    html = office_client.get(_url("item_new", pending, "tasks") + "?show=none", **HX).content.decode()
    assert html == '<div id="tasks-new"></div>'


def test_without_javascript_the_form_is_a_page_and_saving_returns_to_the_item(office_client, pending):
    page = office_client.get(_url("item_edit", pending, "tasks", 4))
    html = page.content.decode()
    assert page.status_code == 200 and "<html" in html and 'name="title"' in html
    assert f'href="{_url("review", pending)}#tasks-4"' in html  # the way back without saving
    response = office_client.post(_url("item_edit", pending, "tasks", 4), _task_post(pending, 4, title="无脚本"))
    assert response.status_code == 302 and response["Location"].endswith(_url("review", pending) + "#tasks-4")
    new_page = office_client.get(_url("item_new", pending, "indicators")).content.decode()
    assert "<html" in new_page and f'action="{_url("item_new", pending, "indicators")}"' in new_page
    response = office_client.post(_url("item_new", pending, "indicators"),
                                  {"name": "新指标", "unit": "件", "targets": "2025 >= 1", "source": "text"})
    assert response["Location"].endswith("#indicators-8")
    bad = office_client.post(_url("item_edit", pending, "tasks", 4), _task_post(pending, 4, lead="市财政局"))
    assert bad.status_code == 400 and "<html" in bad.content.decode() and "牵头单位应在责任单位之中" in bad.content.decode()
    pending.refresh_from_db()
    assert pending.edited["tasks"][4]["title"] == "无脚本" and pending.edited["indicators"][8]["name"] == "新指标"
    review = office_client.get(_url("review", pending)).content.decode()
    # every per-item action is a plain form too
    assert f'<form method="get" action="{_url("item_edit", pending, "tasks", 4)}"' in review
    assert f'<form method="get" action="{_url("item_new", pending, "tasks")}"' in review


def test_without_javascript_the_list_of_a_kind_is_the_review_page_at_that_list(office_client, pending):
    """The list alone is a piece for HTMX (no <html>: no title, no language for a screen reader, found by
    the accessibility crawl); a plain browser is sent to the review page at that list."""
    response = office_client.get(_url("items", pending, "tasks"))
    assert response.status_code == 302 and response["Location"].endswith(_url("review", pending) + "#tasks")
    html = office_client.get(_url("items", pending, "tasks"), **HX).content.decode()
    assert "<html" not in html and _card_ids(html)[0] == "tasks-0"


def test_someone_else_cannot_save_or_cancel_an_item(client, pending, office_user):
    from .conftest import make_user

    other = make_user("other_office", "office")
    client.force_login(other)
    assert client.post(_url("item_edit", pending, "tasks", 0), _task_post(pending, 0), **HX).status_code == 404
    assert client.get(_url("item_edit", pending, "tasks", 0) + "?show=card", **HX).status_code == 404
    pending.refresh_from_db()
    assert pending.edited == pending.parsed


def test_deleting_an_item_with_data_brings_the_revisions_warning_at_once(office_client, load_gold, office_user):
    # The diff of a revision depends on the items: a deletion (or a save) updates it out of band,
    # so the warning that the item's data would go is there before the office confirms.
    from ipcity.monitoring.models import IndicatorActual
    from ipcity.programs.services import program_create_from_plan

    program = program_create_from_plan(plan=load_gold(TONGLING), user=office_user)
    last = program.indicators.order_by("-order").first()
    IndicatorActual.objects.create(indicator=last, year=2023, value=5)
    office_client.post(reverse("programs:importing:upload"),
                       {"document": _json_file(load_gold(TONGLING)), "target_program": program.pk})
    imp = PlanImport.objects.get()
    assert "将一并删除" not in office_client.get(_url("review", imp)).content.decode()
    html = office_client.post(_url("item_delete", imp, "indicators", len(imp.edited["indicators"]) - 1),
                              **HX).content.decode()
    assert "diff" in _oob(html)
    assert f'指标“<span lang="zh">{last.name}</span>”已有1 条' in html and "将一并删除" in html


def test_a_control_character_typed_in_the_review_is_refused_under_its_field(office_client, pending):
    """The review's fields go straight into the stored plan, then into names on every page, export
    and report: a control character (a bell pasted from a terminal, Word's vertical tab) is refused
    under its field with the project's one message and nothing is saved; a bidi control, which
    would reverse what follows on lists, is removed (hostile30's finding F6)."""
    before = pending.edited["tasks"][3]["title"]
    html = office_client.post(_url("item_edit", pending, "tasks", 3),
                              _task_post(pending, 3, title="改过\x07的标题"), **HX).content.decode()
    assert "任务含有控制字符，无法保存；请删除后再保存" in html
    pending.refresh_from_db()
    assert pending.edited["tasks"][3]["title"] == before
    office_client.post(_url("item_edit", pending, "tasks", 3),
                       _task_post(pending, 3, departments="市市场监管局\u202e\n市科技局"), **HX)
    pending.refresh_from_db()
    assert pending.edited["tasks"][3]["departments"] == ["市市场监管局", "市科技局"]
