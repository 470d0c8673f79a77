"""A department's report on a phone (375 px): the task column stays readable (field test, session 33).

The report form's table scrolls sideways; before, the inputs beside it squeezed the task column to
two characters, so a task's name stood one character a line."""

from __future__ import annotations

import pytest

from tests.browser_session import sign_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_the_task_column_of_a_report_is_readable_on_a_phone(world, report0, live_server, browser_page):
    page = browser_page
    line = report0.task_lines.select_related("task").first()
    line.task.title = "实施高价值专利培育工程，建设高价值专利培育中心"
    line.task.save(update_fields=["title"])
    page.set_viewport_size({"width": 375, "height": 800})
    sign_in(page.context, live_server, world.users["reporter"])
    page.goto(f"{live_server.url}/supervision/report/{report0.pk}/")
    cell = page.locator("#lines tbody tr").first.locator("td").first
    box = cell.bounding_box()
    font = page.evaluate("(el) => parseFloat(getComputedStyle(el).fontSize)", cell.element_handle())
    assert box and box["width"] >= 6 * font, (box, font)
    # The page itself does not scroll sideways: only the table does, inside its box.
    assert page.evaluate("() => document.documentElement.scrollWidth <= window.innerWidth")
