"""The home page's reminder to load next year's holiday notice (节假日安排).

Shown to office users when an open case has a provisional due date (counted Monday–Friday into a
year without a notice) or when today is within ``NOTICE_WARNING_DAYS`` days of the known range's
end (the State Council publishes the notice in Oct–Nov; the package follows weeks later).
"""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from ipcity.casework.calendar import supported_range
from ipcity.core.access import is_office
from ipcity.core.contributions import AttentionItem
from ipcity.protection.access import may_load_holiday_notices
from ipcity.protection.selectors.calendar_notices import provisional_open_cases

NOTICE_WARNING_DAYS = 45


def calendar_notice_attention(user, *, today: dt.date | None = None) -> list[AttentionItem]:
    if not is_office(user):
        return []
    today = today or timezone.localdate()
    known_last = supported_range()[1]
    provisional = provisional_open_cases(user)
    if not provisional and (known_last - today).days > NOTICE_WARNING_DAYS:
        return []
    year = known_last.year + 1
    if provisional:
        detail = ngettext("%(n)s 件在办案件的期限暂按周一至周五推算", "%(n)s 件在办案件的期限暂按周一至周五推算",
                          provisional) % {"n": provisional}
    else:
        detail = _("节假日历已知至 %(last)s") % {"last": known_last.isoformat()}
    # The site admin loads it on the page the item opens; an office reads it there and asks.
    if may_load_holiday_notices(user):
        detail += " · " + _("在“节假日安排”页填写或上传该年通知，预览后载入")
    else:
        detail += " · " + _("请系统管理员在“节假日安排”页载入该年通知")
    return [AttentionItem(title=_("载入%(year)s年节假日安排") % {"year": year}, url=reverse("protection:holidays"),
                          kind="protection_holiday_notice", level="yellow" if provisional else "blue",
                          detail=detail, label=_("待载入"))]
