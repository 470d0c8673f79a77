"""Every column a listing of records can show is headed in words (walk 25: the records behind a
figure and their Excel/CSV were headed reg_number, nice_class, to_party…)."""

from __future__ import annotations

import pandas as pd
from django.utils import translation

from ipcity.analytics import actions, explain, record_kinds
from ipcity.analytics.indicators import CRITERIA
from ipcity.monitoring.labels import RECORD_COLUMNS, column_label
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)


def _listing_columns() -> set[str]:
    """What ``explain`` (patents), ``explain_records`` (the other kinds, plus region and year), the
    figure listing (figure, year) and the action lists can put in a frame's header."""
    stock = pd.DataFrame({c: pd.Series([], dtype=object) for c in explain.OUTPUT_COLUMNS})
    for name in ("high_value", *(f"meets_{c}" for c in CRITERIA)):
        stock[name] = pd.Series([], dtype=bool)
    stock["maint_year"] = stock["lapse_year"] = pd.Series([], dtype="int64")
    stock["app_date"] = pd.Series([], dtype="datetime64[ns]")
    action_lists = [actions.crossing_from(stock, 2025), actions.at_risk_from(stock, 2025),
                                    actions.top_holders_from(stock, None)]
    columns = set(explain.OUTPUT_COLUMNS) | {"figure", "year", "region"}
    for kind in record_kinds.KINDS:
        columns |= set(record_kinds.COLUMNS[kind])
    for frame in action_lists:
        columns |= {str(c) for c in frame.columns}
    return columns


def test_every_column_a_listing_can_show_has_words():
    missing = sorted(_listing_columns() - set(RECORD_COLUMNS))
    assert not missing, f"columns without words: {missing}"


def test_a_column_is_named_in_the_pages_language(english_catalogue):  # noqa: F811
    with translation.override("zh-hans"):
        assert column_label("nice_class") == "国际分类" and column_label("unheard_of") == "unheard_of"
    with translation.override("en"):
        assert column_label("nice_class") != "国际分类"

