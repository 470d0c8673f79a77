"""WCAG 2.1 AA on the public pages, checked by axe-core in Chromium, in the normal and the large,
high-contrast mode (适老化); and a walk with the keyboard only.

axe-core comes from its npm package (``make test-assets`` puts it in tests/.assets/, ignored by git).
"""

from __future__ import annotations

import pytest

from ipcity.publication import services
from tests.axe import require_axe, serious_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def published(world):
    require_axe()
    services.program_publication_set(program=world.program, user=world.office, published=True,
                                     summary="示例市知识产权强市建设的概况。\n第二段。")
    for key in ("high_value", "pledge"):
        services.indicator_publication_set(indicator=world.indicators[key], user=world.office, published=True)
    return world


def _pages(world) -> list[str]:
    pid, iid = world.program.pk, world.indicators["high_value"].pk
    return ["/open/", "/open/method/", f"/open/{pid}/", f"/open/{pid}/indicator/{iid}/",
            f"/open/{pid}/indicator/{world.indicators['pledge'].pk}/"]


def test_no_serious_or_critical_violation_on_any_public_page_in_either_mode(live_server, browser_page, published):
    page = browser_page
    found = {}
    for mode in ("normal", "large"):
        page.goto(f"{live_server.url}/open/display/?mode={mode}")
        for path in _pages(published):
            page.goto(live_server.url + path)
            assert (page.locator("html").get_attribute("class") == "large") == (mode == "large")
            serious = serious_violations(page)
            if serious:
                found[f"{mode} {path}"] = serious
    assert not found, found


def test_the_keyboard_alone_reaches_everything_and_no_chart_traps_it(live_server, browser_page, published):
    page = browser_page
    pid, iid = published.program.pk, published.indicators["high_value"].pk
    page.goto(f"{live_server.url}/open/{pid}/indicator/{iid}/")
    page.wait_for_function("() => document.querySelector('#indicator-chart canvas') !== null")
    # The first Tab lands on the visible skip link; Enter moves to the main content.
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.className") == "skip-link"
    assert page.locator(".skip-link").bounding_box()["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.activeElement.id") == "main"
    visited = []
    for _step in range(60):
        page.keyboard.press("Tab")
        state = page.evaluate("""() => {
          const el = document.activeElement;
          const style = getComputedStyle(el);
          return {tag: el.tagName, role: el.getAttribute("role"), text: (el.textContent || "").trim().slice(0, 40), href: el.getAttribute("href"),
                  inChart: !!el.closest("#indicator-chart"), outline: style.outlineStyle + " " + style.outlineWidth};
        }""")
        if state["tag"] == "BODY":
            break
        visited.append(state)
        assert not state["inChart"], "focus entered the chart"
        assert not state["outline"].startswith("none"), f"no visible focus on {state}"
    else:
        pytest.fail("Tab never left the page: a keyboard trap")
    hrefs = [v["href"] or "" for v in visited]
    assert any(h.endswith("data.csv") for h in hrefs) and any(h.endswith("data.json") for h in hrefs)
    assert any(v["role"] == "region" for v in visited)  # the wide table's box scrolls with the keyboard
    # The large mode is switched with the keyboard and persists on the next page.
    page.focus("#display-toggle")
    page.keyboard.press("Enter")
    page.wait_for_load_state()
    assert page.locator("html").get_attribute("class") == "large"
    page.goto(f"{live_server.url}/open/")
    assert page.locator("html").get_attribute("class") == "large"


def test_the_static_export_switches_the_large_mode_with_its_button(live_server, browser_page, published, tmp_path):
    from ipcity.publication.staticsite import export_site

    out = tmp_path / "site"
    export_site(out)
    page = browser_page
    page.goto((out / "index.html").as_uri())
    button = page.locator("#display-toggle")
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    button.focus()
    page.keyboard.press("Enter")
    assert page.locator("html").get_attribute("class") == "large" and button.get_attribute("aria-pressed") == "true"
    page.goto((out / str(published.program.pk) / "index.html").as_uri())
    assert page.locator("html").get_attribute("class") == "large"
    serious = serious_violations(page)
    assert not serious, serious
