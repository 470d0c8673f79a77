"""Warnings more than one reader gives, worded once (shown on the review page as they are)."""

from __future__ import annotations


def images_warning(count: int) -> str:
    """The document holds pictures, whose text no text reader sees."""
    return f"文档中有 {count} 张图片：图片中的文字不会被读取，请对照原文核对"
