"""The plan parser: read → normalise → structure → extract → serialise."""

from __future__ import annotations

import os
from dataclasses import replace

from ipcity.notices import Notice, gettext_noop
from ipcity.plans import normalise, structure
from ipcity.plans.extract.indicators import extract_indicators
from ipcity.plans.extract.metadata import Metadata, extract_metadata
from ipcity.plans.extract.multiples import with_multiples
from ipcity.plans.extract.phases import extract_phases
from ipcity.plans.extract.plan_title import UNTITLED
from ipcity.plans.extract.reporting import extract_reporting
from ipcity.plans.extract.tasks import extract_tasks
from ipcity.plans.extract.yardsticks import drop_yardsticks
from ipcity.plans.read.paragraph_rows import PARAGRAPH_ROWS
from ipcity.plans.registry import Registry, registered
from ipcity.plans.serialise import plan_dict
from ipcity.plans.unsure import warnings_of


def parse_text(text: str, *, source_name: str | None = None) -> dict:
    """The plan in ``text`` (the reader's output) as an ``ipcity-plan/1`` dict.

    Any text gives a plan: what is not found is null or an empty list.
    """
    return parse_text_with_warnings(text, source_name=source_name)[0]


def parse_text_with_warnings(text: str, *, source_name: str | None = None,
                             merges_repeated: bool = False,
                             merges_repeated_in_page: bool = False) -> tuple[dict, list[str]]:
    """The plan and what the parser was unsure of (Chinese, with offsets): the format has no
    place for warnings, so they travel beside the plan. ``merges_repeated``: the reader wrote a
    cell spanning rows into each row (a Word or HTML table), so an empty cell is really empty;
    ``merges_repeated_in_page``: it did so within a page only (a PDF)."""
    source = text
    script_warnings = []
    read_as = next((found for rule in normalise.SCRIPT_RULES if (found := rule(text)) is not None), None)
    if read_as is not None and read_as != text:
        text = read_as
        script_warnings.append(TRADITIONAL_WARNING)
    physical = normalise.clean_lines(text)
    lines = normalise.join_broken_lines(physical)
    doc = structure.build(lines)
    for section in doc.sections():
        for table in section.tables:
            table.merges_repeated = merges_repeated
            table.merges_repeated_in_page = merges_repeated_in_page
    body_text = "\n".join(line.text for line in lines)
    meta = extract_metadata(physical, body_text)
    if not meta.title and source_name:
        meta.title = os.path.splitext(os.path.basename(source_name))[0]
    end_year = meta.period[1] if meta.period else None
    indicators = drop_yardsticks(extract_indicators(doc, meta.period), meta.region, meta.issuer)
    indicators = with_multiples(indicators, doc, meta.period)
    tasks = extract_tasks(doc, end_year)
    # the evidence quotes the reader's text as written (a text read as simplified keeps its offsets)
    plan = plan_dict(source, meta, indicators, tasks, extract_phases(doc, meta.period), extract_reporting(doc, meta.period))
    return plan, script_warnings + metadata_warnings(meta) + warnings_of(doc, indicators, tasks)


# What the plan's own fields lack: the format keeps a place for them (period {0, 0}, region
# 未识别), so the person importing is told to fill them in.
NO_PERIOD_WARNING: str = Notice(gettext_noop("未找到规划期（起止年份）：请在核对时填写"))
NO_REGION_WARNING: str = Notice(gettext_noop("未能从标题或发文机关识别规划所属地区：请在核对时填写"))
# A text with no line that reads as its title (a notice whose page starts at the addressee, a press
# report's lead): the title is ``plan_title.UNTITLED``.
NO_TITLE_WARNING: str = Notice(gettext_noop("未找到方案标题：请在核对时填写"))
METADATA_WARNINGS = (NO_PERIOD_WARNING, NO_REGION_WARNING, NO_TITLE_WARNING)
# A text in traditional characters is read as simplified (``normalise.SCRIPT_RULES``).
TRADITIONAL_WARNING: str = Notice(gettext_noop("原文为繁体字，已按简体字识别：名称、单位和责任单位以简体字列出，请对照原文核对"))


def metadata_warnings(meta: Metadata) -> list[str]:
    return (([NO_PERIOD_WARNING] if not meta.period else []) + ([NO_REGION_WARNING] if not meta.region else [])
            + ([NO_TITLE_WARNING] if meta.title == UNTITLED else []))


# Readers whose tables carry real cells, merged ones repeated in each row they span (plans/read).
# A PDF's table without ruling lines has no merge to see, so PDF is not among them.
MERGES_REPEATED = frozenset({"docx", "html"})


def parse_file(path: str | os.PathLike[str]) -> dict:
    """Read a document (txt, docx, doc/RTF, pdf, ofd, html) and parse it; ``DocumentError`` if unreadable."""
    return read_and_parse(path)[0]


def read_and_parse(path: str | os.PathLike[str]):
    """Like ``parse_file``, also returning the reader's result (its text and its warnings:
    images not read, pages without text...) with the parser's warnings added (a table it could
    not place...), which callers show to the person importing."""
    from ipcity.plans.read import read_document

    result = read_document(path)
    plan, warnings = parse_text_with_warnings(result.text, source_name=str(path),
                                              merges_repeated=result.format in MERGES_REPEATED,
                                              merges_repeated_in_page=result.format in ("pdf", "ofd"))
    if result.ocr is not None:  # text from a scan: every item's evidence says so
        from ipcity.plans.read.ocr import mark_ocr_evidence

        mark_ocr_evidence(plan, result.ocr)
    # the parser's doubts join the reader's warnings, which the CLI and the import review show
    return plan, replace(result, warnings=[*result.warnings, *warnings])


def all_registries() -> dict[str, Registry]:
    """Every registry of the parser, by stage name: this module imports every stage (and the
    reader's rules, ``read.paragraph_rows``), so all are loaded."""
    return {**registered(), PARAGRAPH_ROWS.stage: PARAGRAPH_ROWS}
