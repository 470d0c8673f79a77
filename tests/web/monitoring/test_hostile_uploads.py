"""Hostile files uploaded as the filled value template (.xls): each refused with a Chinese message
that names what to do, no value written (authored files: tests/hostile_tables.py)."""

from __future__ import annotations

import pytest

from ipcity.monitoring.models import ActualImport, IndicatorActual
from tests import hostile_tables as hostile
from tests.web.monitoring.test_template import _upload

pytestmark = pytest.mark.django_db

CASES = {
    "directory-loop": (lambda: hostile.directory_bomb(40), "文件可能已损坏"),
    "short-stream-loop": (hostile.looping_short_stream, "文件可能已损坏"),
    "corner-cell": (hostile.xls_corner, "工作表行数过多（65536 行，上限 5000 行），请删去多余的行后重新上传"),
    "colspan": (lambda: hostile.colspan_bomb(4_000_000), "第 2 行的内容过多，不是导出的表格；请用 Excel 或 WPS 打开后另存为 .xlsx"),
    "wide-row": (lambda: hostile.page("<tr>" + "<td>x</td>" * 60 + "</tr>"), "工作表列数过多（60 列，上限"),
}


@pytest.mark.parametrize("case", CASES)
def test_a_hostile_template_is_refused_in_words_and_no_value_is_written(client, world, case):
    build, message = CASES[case]
    client.force_login(world.office)
    _upload(client, world, build(), name="模板.xls")
    problems = ActualImport.objects.get().problems
    assert message in problems[0]["message"]
    assert IndicatorActual.objects.count() == 0
