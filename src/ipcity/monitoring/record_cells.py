"""A listing's cells as the page, its Excel and its CSV show them (the records behind a figure, the action lists).

The engine's frames keep their codes (``valid``, ``ordinary``, ``True``, ``sei;award``, ``CN1|CN2``,
``330106``, the formula term ``licences``) and the cache keeps the frames; the office reads words, so
the words are put in only here, on the way out: ``labels.RECORD_VALUES`` by column, 是/否 for a flag,
the figure a row was listed for by its name (``engine_figures.KEYS``), a region code followed by its
name, a list joined with 、. Display only: numbers stay numbers (an Excel user sums them), dates stay
ISO, and a code without words is shown as itself.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.utils.translation import gettext

from ipcity.core.templatetags.punctuation import list_comma, parenthesised
from ipcity.divisions import display_name
from ipcity.monitoring.engine_figures import KEYS
from ipcity.monitoring.labels import RECORD_VALUES, YES_NO

#: Columns holding several codes, and what separates them (``analytics.explain``, ``analytics.actions``).
CODE_LISTS = {"criteria": ";", "risk": ";"}
#: The ``|``-separated lists of the canonical records (``analytics.schema``, ``analytics.record_kinds``)
#: and of ``explain`` (``pub_numbers``). A title or an address may hold a ``|`` of its own: not split.
NAME_LISTS = frozenset({"pub_numbers", "applicants", "ipc", "family_granted_offices", "holders", "owners", "rights"})
#: Columns holding a GB/T 2260 code (``region``: the region a record was counted for).
REGION_CODES = frozenset({"region", "region_code", "from_region_code", "to_region_code"})
#: A term naming one part of an object figure (``pledge_amount_by_kind.patent``): the figure it splits
#: and the vocabulary of its parts (``analytics.formulas.PARTS``).
PART_OF = {"pledge_amount_by_kind": ("pledge_amount", "right_kind"),
           "high_value_by_criterion": ("high_value", "criteria")}


def plain(value: Any) -> Any:
    """A value as plain Python: empty for missing values, numbers, text, a day as its ISO date."""
    if value is None:
        return ""
    try:
        import pandas as pd

        if pd.isna(value):
            return ""
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        value = value.item()
    if isinstance(value, bool | int | float | str):
        return value
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):  # a day read as a timestamp
        return value.date().isoformat()
    return str(value)


def figure_words(term: str) -> str:
    """``licences`` → 专利商标实施许可合同备案数; ``pledge_amount_by_kind.patent`` → 知识产权质押融资额（专利）."""
    key, _dot, part = term.partition(".")
    if not part:
        return gettext(KEYS[key]) if key in KEYS else term
    base, vocabulary = PART_OF.get(key, ("", ""))
    part_words = RECORD_VALUES.get(vocabulary, {}).get(part)
    if base not in KEYS or part_words is None:
        return term
    return f"{gettext(KEYS[base])}{parenthesised(part_words)}"


def _region(code: str) -> str:
    name = display_name(code)
    return f"{code} {name}" if name else code


def _words_of(column: str) -> Callable[[str], str] | None:
    """How a text cell of ``column`` is said; None: its text is shown as it is."""
    if column == "figure":
        return figure_words
    if column in REGION_CODES:
        return _region
    if column in NAME_LISTS:
        return lambda text: list_comma().join(name for name in text.split("|") if name)
    vocabulary = RECORD_VALUES.get(column)
    if vocabulary is None:
        return None
    if column in CODE_LISTS:
        separator = CODE_LISTS[column]
        return lambda text: list_comma().join(str(vocabulary.get(code, code)) for code in text.split(separator) if code)
    return lambda text: str(vocabulary.get(text, text))


def shower(column: str) -> Callable[[Any], Any]:
    """The function that shows a cell of ``column``, made once per column: a listing has many rows
    and few codes, so each text's words are looked up (language, catalogue, region table) once."""
    words = _words_of(column)
    said: dict[str, str] = {}
    yes_no = {flag: str(word) for flag, word in YES_NO.items()}

    def shown(value: Any) -> Any:
        value = plain(value)
        if isinstance(value, bool):
            return yes_no[value]
        if words is None or not isinstance(value, str) or not value:
            return value
        if value not in said:
            said[value] = words(value)
        return said[value]

    return shown


def cell(column: str, value: Any) -> Any:
    """One cell of ``column`` as the page and the files show it."""
    return shower(column)(value)


def rows(columns: list[str], records) -> list[list[Any]]:
    """Rows (tuples in ``columns``' order, e.g. ``frame.itertuples(index=False)``) as shown."""
    shows = [shower(c) for c in columns]
    return [[show(value) for show, value in zip(shows, row, strict=True)] for row in records]


def record(row: dict[str, Any]) -> dict[str, Any]:
    """A row given as {column: value} (the action lists), as shown."""
    return {column: cell(column, value) for column, value in row.items()}
