"""The task list names its sections by the plan's own headings."""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from ipcity.programs.sections import section_titles
from ipcity.programs.services import program_create_from_plan

TEXT = """一、总体要求
（一）指导思想。坚持以习近平新时代中国特色社会主义思想为指导。
三、重点工作任务
### （一）实施知识产权创造质量提升工程
1. 建立健全创造激励机制。……
**（二）实施知识产权运用促进工程。**
(三)加强知识产权保护,营造良好环境。
四、保障措施
（一）加强组织领导。
"""


def test_each_component_is_found_after_its_parent():
    titles = section_titles(TEXT, ["三/（一）", "三/（二）", "三/(三)", "四/（一）", "五/（一）", ""])
    assert titles["三/（一）"] == ["三、重点工作任务", "（一）实施知识产权创造质量提升工程"]
    assert titles["三/（二）"] == ["三、重点工作任务", "（二）实施知识产权运用促进工程"]
    assert titles["三/(三)"] == ["三、重点工作任务", "（三）加强知识产权保护,营造良好环境"]
    assert titles["四/（一）"] == ["四、保障措施", "（一）加强组织领导"]  # not 总体要求's （一）
    assert titles["五/（一）"] == [] and titles[""] == []


def test_no_text_no_titles():
    assert section_titles("", ["三/（一）"]) == {"三/（一）": []}


@pytest.mark.django_db
def test_tasks_tab_shows_the_section_titles_of_the_document(client, world, shared_dir):
    name = "000_3c8ebd50ad477ee4"
    plan = json.loads((shared_dir / "seeds" / "gold" / f"{name}.json").read_text(encoding="utf-8"))
    text = (shared_dir / "seeds" / f"{name}.txt").read_text(encoding="utf-8")
    program = program_create_from_plan(plan=plan, user=world.office, region=world.tl, source_text=text)
    client.force_login(world.office)
    page = client.get(reverse("programs:tasks", args=[program.pk])).content.decode()
    assert "三、重点工作任务 › （一）实施知识产权创造质量提升工程" in page
    assert "（三）实施知识产权保护工程" in page
