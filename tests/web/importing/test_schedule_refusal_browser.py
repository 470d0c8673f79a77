"""The review's phases and reporting duties in a real browser: a refused line comes back in its box,
the box under its label, and the error under the box where the page lands (field test, session 33)."""

from __future__ import annotations

import json

import pytest

from .conftest import make_user, sign_in_and_upload

TONGLING = "000_3c8ebd50ad477ee4"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_a_refused_duty_line_stays_typed_with_its_error_in_view(live_server, browser_page, load_gold, tmp_path):
    page = browser_page
    make_user("office", "office")
    plan_file = tmp_path / "plan.json"
    plan_file.write_text(json.dumps(load_gold(TONGLING), ensure_ascii=False), encoding="utf-8")

    sign_in_and_upload(page, live_server, "office", plan_file)

    duties = page.locator("#schedule textarea[name=reporting]")
    label_box = page.locator("#schedule label", has=page.locator("textarea[name=reporting]")).bounding_box()
    box = duties.bounding_box()
    assert label_box and box
    # The box starts at the label's left edge, under its text, not beside it.
    assert abs(box["x"] - label_box["x"]) < 2 and box["y"] > label_box["y"] + 10

    duties.fill("报送推进情况 | 各责任单位 | 年底前")
    page.click("text=保存阶段与报送事项")
    page.wait_for_load_state()
    assert page.locator("#schedule textarea[name=reporting]").input_value() == "报送推进情况 | 各责任单位 | 年底前"
    error = page.locator("#schedule label .error")
    assert "无法识别的报送事项" in error.inner_text()
    # The page lands at the section: the error is on screen without scrolling.
    assert page.evaluate(
        "() => { const r = document.querySelector('#schedule label .error').getBoundingClientRect();"
        " return r.top >= 0 && r.bottom <= window.innerHeight; }")
    error_box, box = error.bounding_box(), page.locator("#schedule textarea[name=reporting]").bounding_box()
    assert error_box and box and error_box["y"] >= box["y"] + box["height"] - 1  # under the box, not over the label
