"""Walk 25: an office's Word template is Jinja code run by the server. A template holding
``{{ ''.__class__.__mro__[1].__subclasses__() }}`` was accepted (模板已启用) and the next 情况通报
printed every Python class of the server: from there any code could run. ``{% for x in
range(100000000) %}`` and ``{% include '/etc/passwd' %}`` were accepted too. The upload now refuses
attributes that start with ``_``, calls, and include/import/extends/macro tags; and every template
renders in Jinja's sandbox, so one stored before this check cannot reach the server either."""

from __future__ import annotations

import io

import docx
import pytest

from ipcity.reports.render.docx import render_docx
from ipcity.reports.render.docx_template import build_template
from ipcity.reports.templates_check import TemplateRejected, check_template


def _template_with(text: str) -> bytes:
    document = docx.Document(io.BytesIO(build_template()))
    document.add_paragraph(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


@pytest.mark.parametrize("tag", [
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{{ title.__class__ }}",
    "{{ title['__class__'] }}",
    "{% for x in range(100000000) %}{{ x }}{% endfor %}",
    "{% include '/etc/passwd' %}",
    "{% import 'x' as y %}",
    "{% macro m() %}{% endmacro %}",
    "{{ title.upper() }}",
])
def test_code_in_a_template_is_refused_at_upload(tag):
    with pytest.raises(TemplateRejected) as refused:
        check_template(_template_with("标题：" + tag), "ours.docx")
    assert "模板不能含有代码" in str(refused.value) and "第 " in str(refused.value)  # names the paragraph


def test_the_shipped_template_and_plain_fields_still_pass():
    check_template(build_template(), "builtin.docx")
    check_template(_template_with("本报告由平台生成：{{ signature }} {{ title|upper }}"), "ours.docx")


def test_a_template_stored_before_the_check_renders_in_the_sandbox():
    from ipcity.reports.document import Document

    doc = Document(kind="bulletin", title="情况通报")
    try:
        data = render_docx(doc, _template_with("{{ ''.__class__.__mro__ }}|{{ title.__class__ }}"))
    except Exception as exc:  # noqa: BLE001 - a refusal is fine; what matters is that nothing leaks
        assert "SecurityError" in type(exc).__name__ or "unsafe" in str(exc)
        return
    text = "\n".join(p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
    assert "<class" not in text
