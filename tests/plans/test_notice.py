"""Warnings keep their template and values, so the review page can word them in English."""

from __future__ import annotations

from pathlib import Path

from ipcity.notices import Notice, gettext_noop
from ipcity.plans.pipeline import parse_text_with_warnings
from ipcity.plans.read.pdf_reader import empty_page_warning


def test_a_notice_is_its_chinese_text():
    notice = Notice(gettext_noop("第 %(pages)s 页没有文字"), pages=[2, 5])
    assert notice == "第 2、5 页没有文字"
    assert isinstance(notice, str) and notice.startswith("第 2")
    assert notice.as_json() == {"text": "第 2、5 页没有文字", "template": "第 %(pages)s 页没有文字",
                                "values": {"pages": [2, 5]}}


def test_a_reader_warning_is_a_notice():
    (warning,) = empty_page_warning([[], ["x"], []])  # type: ignore[list-item]
    assert isinstance(warning, Notice) and warning.values == {"pages": [1, 3]}
    assert warning == "第 1、3 页没有文字（可能是扫描图片），其中内容未读取"


def test_every_parser_warning_on_the_probe_plans_is_a_notice():
    """A warning worded as a plain string would stay Chinese on the English review page."""
    # the probes' plans leave nothing unplaced once their rules are in: the warnings' own rule cases do
    texts = sorted(Path(__file__).parent.glob("*/*.txt")) + sorted(Path(__file__).parent.glob("rules/warnings/*/*.in.txt"))
    warnings = [w for path in texts
                for w in parse_text_with_warnings(path.read_text(encoding="utf-8"), source_name=path.name)[1]]
    assert len(texts) >= 20 and warnings
    assert [w for w in warnings if not isinstance(w, Notice)] == []
