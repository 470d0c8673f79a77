"""An office's own Word template, checked before it is stored: a real .docx (the shared upload
check: type, size, zip sanity), Jinja tags that parse, and only the fields the report engine
fills (``docx_template.FIELDS`` and, inside ``{% for b in blocks %}``, ``BLOCK_KEYS``), and no code:
a template is Jinja the server runs, so calls, ``_`` attributes and include/import tags are refused
(``_code``) and every template renders in the sandbox (``docx_template.jinja_environment``). A
refusal names the field and the paragraph it is in."""

from __future__ import annotations

import io
import re

from django.utils.translation import gettext as _

from ipcity.core.uploads import UploadRejected, check_bytes
from ipcity.reports.render.docx_template import FIELDS, jinja_environment

MAX_BYTES = 5 * 1024 * 1024
BLOCK_KEYS = frozenset({"type", "text", "caption", "head", "rows", "widths", "subdoc", "image", "svg"})
_TAG = re.compile(r"\{[{%]-?\s*[a-z]*\s*(.*?)\s*-?[%}]\}", re.S)


class TemplateRejected(ValueError):
    """Shown as it is, next to the upload field."""


def _paragraphs(data: bytes) -> list[str]:
    import docx

    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        texts += [p.text for row in table.rows for cell in row.cells for p in cell.paragraphs]
    for section in document.sections:
        for part in (section.header, section.footer, section.even_page_footer, section.first_page_footer):
            texts += [p.text for p in part.paragraphs]
    return texts


def _where(texts: list[str], needle: str) -> str:
    for number, text in enumerate(texts, start=1):
        if needle in text:
            return _("第 %(n)s 段“%(text)s”") % {"n": number, "text": text.strip()[:40]}
    return _("模板中")


def _loop_attrs(parsed) -> set[str]:
    """Attributes used on the loop variable of ``{% for x in blocks %}``."""
    from jinja2 import nodes

    used: set[str] = set()
    for loop in parsed.find_all(nodes.For):
        if isinstance(loop.iter, nodes.Name) and loop.iter.name == "blocks" and isinstance(loop.target, nodes.Name):
            for attr in loop.find_all(nodes.Getattr):
                if isinstance(attr.node, nodes.Name) and attr.node.name == loop.target.name:
                    used.add(attr.attr)
    return used


def _code(parsed) -> str | None:
    """The first piece of code beyond showing fields, testing and looping over them: a call, an
    attribute or key that starts with ``_`` (the way out of any template to the server's objects),
    or a tag that reads other files or defines code (include, import, extends, macro, call)."""
    from jinja2 import nodes

    tags = {nodes.Include: "include", nodes.Import: "import", nodes.FromImport: "from", nodes.Extends: "extends",
            nodes.Macro: "macro", nodes.CallBlock: "call"}
    for node in parsed.find_all(tuple(tags)):
        return tags[type(node)]
    for call in parsed.find_all(nodes.Call):
        called = call.node
        name = called.name if isinstance(called, nodes.Name) else getattr(called, "attr", "")
        return f"{name}("
    for node in parsed.find_all((nodes.Getattr, nodes.Getitem)):
        name = node.attr if isinstance(node, nodes.Getattr) else getattr(node.arg, "value", "")
        if isinstance(name, str) and name.startswith("_"):
            return name
    return None


def check_template(data: bytes, name: str) -> None:
    """Raise ``TemplateRejected`` with the reason; nothing is stored by this function."""
    from docxtpl import DocxTemplate
    from jinja2 import TemplateSyntaxError, meta

    try:
        check_bytes(data, name, accept=("docx",), max_bytes=MAX_BYTES)
    except UploadRejected as exc:
        raise TemplateRejected(exc.message) from None
    try:
        texts = _paragraphs(data)
        tpl = DocxTemplate(io.BytesIO(data))
        tpl.init_docx()
        xml = tpl.patch_xml(tpl.get_xml())
    except Exception:  # noqa: BLE001 - python-docx raises many kinds on a damaged package
        raise TemplateRejected(_("无法打开该 Word 文件（文件已损坏或不是 Word 文档）")) from None
    try:
        parsed = jinja_environment().parse(xml)
    except TemplateSyntaxError as exc:
        broken = next((t for t in texts if t.count("{{") != t.count("}}") or t.count("{%") != t.count("%}")), None)
        where = _where(texts, broken) if broken else _("模板中")
        raise TemplateRejected(_("模板标记有语法错误（%(where)s）：%(error)s") % {"where": where, "error": exc.message}) from None
    code = _code(parsed)
    if code is not None:
        raise TemplateRejected(_("模板不能含有代码（%(where)s：%(code)s）；模板只能显示、判断和逐项列出字段") % {
            "where": _where(texts, code), "code": code + ")" if code.endswith("(") else code})
    unknown = sorted(meta.find_undeclared_variables(parsed) - set(FIELDS))
    if unknown:
        field = unknown[0]
        raise TemplateRejected(_("模板使用了未知字段“%(field)s”（%(where)s）；可用字段：%(fields)s") % {
            "field": field, "where": _where(texts, field), "fields": "、".join(FIELDS)})
    unknown_keys = sorted(_loop_attrs(parsed) - BLOCK_KEYS)
    if unknown_keys:
        field = unknown_keys[0]
        raise TemplateRejected(_("模板使用了未知字段“%(field)s”（%(where)s）；段落字段：%(fields)s") % {
            "field": field, "where": _where(texts, "." + field), "fields": "、".join(sorted(BLOCK_KEYS))})
    if not any(_TAG.search(t) for t in texts):
        raise TemplateRejected(_("模板中没有任何字段（如 {{ title }}），生成的报告将没有内容"))
