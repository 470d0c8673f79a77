"""Warnings more than one reader gives, worded once (shown on the review page as they are)."""

from __future__ import annotations

from ipcity.notices import Notice, gettext_noop


def images_warning(count: int) -> Notice:
    """The document holds pictures, whose text no text reader sees."""
    return Notice(gettext_noop("文档中有 %(count)s 张图片：图片中的文字不会被读取，请对照原文核对"), count=count)
