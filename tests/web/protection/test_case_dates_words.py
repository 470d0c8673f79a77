"""A date the case steps refuse is refused for the right reason, in the page's language (field test
2026-12-06: a receipt date in 2030 was refused as “超出节假日历的范围”, in Chinese on the English
page, instead of “不能晚于今天”)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from ipcity.protection.models import Case
from tests.web.protection.case_fixtures import register
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

pytestmark = pytest.mark.django_db


def test_a_far_future_date_is_refused_as_a_future_date(cases_world):
    far = timezone.localdate().replace(month=1, day=1) + dt.timedelta(days=366 * 4)
    with pytest.raises(ValidationError, match="收到日期不能晚于今天"):
        register(cases_world, received_on=far)
    assert not Case.objects.exists()


def test_a_date_before_the_calendar_is_worded_in_english(cases_world, english_catalogue):  # noqa: F811
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        register(cases_world, received_on=dt.date(2003, 6, 2))
    text = " ".join(refused.value.messages)
    assert "2003-06-02" in text and not any("\u4e00" <= ch <= "\u9fff" for ch in text), text
