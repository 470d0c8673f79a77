"""The import flow in a real browser: upload a seed rendered as .docx, correct one department on
the review screen, confirm, then find the programme and its responsibility matrix."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from docx import Document
from playwright.sync_api import expect

from ipcity.core.models import Department, Region
from ipcity.programs.models import Program, TaskAssignment

from .conftest import make_user, sign_in_and_upload

TONGLING = "000_3c8ebd50ad477ee4"


def seed_as_docx(seed: Path, out: Path) -> Path:
    """A Word file of the seed text: a paragraph a line, runs of tab-separated lines as one table."""
    document = Document()
    rows: list[list[str]] = []

    def flush_table() -> None:
        if rows:
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for i, row in enumerate(rows):
                for j, cell in enumerate(row):
                    table.cell(i, j).text = cell
            rows.clear()

    for line in seed.read_text(encoding="utf-8").splitlines():
        if "\t" in line:
            rows.append(line.split("\t"))
            continue
        flush_table()
        if line.strip():
            document.add_paragraph(line.strip())
    flush_table()
    document.save(out)
    return out


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_office_imports_a_word_plan_and_finds_its_matrix(live_server, browser_page, seeds_dir, tmp_path):
    page = browser_page
    make_user("office", "office")
    province = Region.objects.create(code="340000", name="安徽省", level=Region.Level.PROVINCE)
    tongling = Region.objects.create(code="340700", name="铜陵市", level=Region.Level.CITY, parent=province)
    science = Department.objects.create(region=tongling, name="铜陵市科学技术局")
    docx = seed_as_docx(seeds_dir / f"{TONGLING}.txt", tmp_path / "铜陵市工作方案.docx")

    sign_in_and_upload(page, live_server, "office", docx)
    assert page.locator("#tasks article").count() == 19
    assert page.locator("#indicators mark").count() >= 1  # evidence shown beside the items

    # The document writes 市科技局; the office says it is the existing 铜陵市科学技术局.
    row = page.locator("#units tr[data-unit='市科技局']")
    page.wait_for_function("() => window.htmx !== undefined")
    row.locator("select").select_option(label="铜陵市科学技术局")
    expect(page.locator("#units tr[data-unit='市科技局']")).to_contain_text("已指定")

    # And in task 1 the office corrects a unit name itself, through the task's edit form. The save
    # answers with that card alone (walk 26): every other card stays the very same DOM node, while
    # the counts and the units table (a new unit name) are brought up to date out of band.
    page.evaluate("() => { window.cardsBefore = [...document.querySelectorAll('#tasks article')]; }")
    page.locator("#tasks-0 button", has_text="编辑").click()
    departments = page.locator("form#tasks-0 textarea[name=departments]")
    departments.fill(departments.input_value().replace("县区人民政府", "各县（区）人民政府"))
    page.locator("form#tasks-0 button[type=submit]").click()
    expect(page.locator("article#tasks-0")).to_contain_text("各县（区）人民政府")
    kept = page.evaluate("() => window.cardsBefore.map(card => card.isConnected)")
    assert kept == [False] + [True] * 18  # only task 1's card was replaced
    expect(page.locator("#tasks-summary h2")).to_contain_text("（19）")
    expect(page.locator("#units tr[data-unit='各县（区）人民政府']")).to_have_count(1)
    expect(page.locator("#units tr[data-unit='市科技局']")).to_contain_text("已指定")  # the choice made above stays
    expect(page.locator("#confirm-button")).to_be_enabled()

    # The page still works after: an edit cancelled puts the card back, a new task counts.
    page.locator("#tasks-5 button", has_text="编辑").click()
    page.locator("form#tasks-5 a", has_text="取消").click()
    expect(page.locator("article#tasks-5")).to_be_visible()
    page.locator("#tasks button", has_text="新增任务").click()
    page.fill("form#tasks-new input[name=title]", "浏览器里新增的任务")
    page.fill("form#tasks-new textarea[name=departments]", "市科技局")
    page.locator("form#tasks-new button[type=submit]").click()
    expect(page.locator("article#tasks-19")).to_contain_text("浏览器里新增的任务")
    expect(page.locator("#tasks-summary h2")).to_contain_text("（20）")
    expect(page.locator("#tasks article")).to_have_count(20)
    expect(page.locator("#tasks-new")).to_have_count(1)  # the place for the next new task

    page.click("#confirm-button")
    page.wait_for_url(re.compile(r"/p/\d+/$"))
    program = Program.objects.get()
    assert program.title in page.content()

    page.click("text=责任分工表")
    page.wait_for_url(re.compile(r"/p/\d+/matrix/$"))
    assert page.get_by_text("铜陵市科学技术局").first.is_visible()
    assert TaskAssignment.objects.filter(task__program=program, department=science,
                                         name_as_written="市科技局").count() > 0
    assert not Department.objects.filter(region=tongling, name="市科技局").exists()
    first_task = program.tasks.get(order=0)
    assert "各县（区）人民政府" in first_task.assignments.values_list("name_as_written", flat=True)
