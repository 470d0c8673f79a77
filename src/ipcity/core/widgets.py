"""Widgets every app shares: the browser's date picker, and select widgets whose options are data
that is Chinese by nature.

Department, region and programme names come from the plan documents and stay Chinese in every
interface language. Each option holding one carries ``lang="zh"`` (screen readers switch voice; the
English crawl test knows it is data); the empty choice ("all …", "not set") is interface text and
gets none.
"""

from __future__ import annotations

from typing import Any

from django import forms


class _DataOptions:
    def create_option(self, name: str, value: Any, label: Any, selected: Any, index: int,
                      subindex: int | None = None, attrs: dict[str, Any] | None = None) -> dict[str, Any]:
        option: dict[str, Any] = super().create_option(  # type: ignore[misc]
            name, value, label, selected, index, subindex=subindex, attrs=attrs)
        if value is not None and str(value) != "":
            option["attrs"] = {"lang": "zh", **option["attrs"]}
        return option


class DataSelect(_DataOptions, forms.Select):
    pass


class DataSelectMultiple(_DataOptions, forms.SelectMultiple):
    pass


class DateInput(forms.DateInput):
    """The browser's date picker (``<input type="date">``). Its value must be YYYY-MM-DD whatever the
    language: zh-hans's first date input format (2026/12/06) is dropped by the browser, which then
    shows an empty field and loses the initial date ("today")."""

    input_type = "date"

    def __init__(self, attrs: dict[str, Any] | None = None, format: str | None = None) -> None:  # noqa: A002  (Django's name)
        super().__init__(attrs, format=format or "%Y-%m-%d")
