"""The date of issue: a head line that is only a date (in digits or Chinese numerals), else a
site's labelled ``成文日期``/``制发日期``, else a page's ``发布时间`` when the page carries a notice (a bare plan's page date is the page's, not the
plan's). Dates are written ISO (``2025-02-18``).
"""

from __future__ import annotations

import re

from ipcity.plans.extract.head_lines import CN_DATE, DATE, squeeze
from ipcity.plans.numbering import cn_to_int
from ipcity.plans.vocabulary import ISSUE_DATE_LABELS, ZERO_CHARS, alternation

_PUBLISHED = re.compile(r"(?:发布时间|发布日期|成文日期|日期)\s*[:：]\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})")
# A site's 信息公开 table: the date the document was made (``成文日期：2023-02-17``, ``制发日期 | 2025-05-21``),
# the document's own date whether or not the page shows the notice's subject line.
_MADE_ON = re.compile(rf"(?:{alternation(ISSUE_DATE_LABELS)})[\s|｜:：\]】]*(\d{{4}})[-/.年](\d{{1,2}})[-/.月](\d{{1,2}})")


def find_date(texts: list[str]) -> tuple[str | None, int | None]:
    for k, text in enumerate(texts):
        t = squeeze(text)
        m = DATE.match(t)
        if m:
            return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), k
        m = CN_DATE.match(t)
        if m:
            year = int("".join(str(0 if c in ZERO_CHARS else cn_to_int(c)) for c in m.group(1)))
            return iso_date(year, cn_to_int(m.group(2)), cn_to_int(m.group(3))), k
    for k, text in enumerate(texts[:15]):
        m = _MADE_ON.search(text)
        if m:
            return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), k
    if not any(squeeze(t).endswith("通知") for t in texts):
        return None, None  # a page's date is the date of a notice it publishes, not of a bare plan
    for k, text in enumerate(texts):
        m = _PUBLISHED.search(text)
        if m:
            return iso_date(int(m.group(1)), int(m.group(2)), int(m.group(3))), k
    return None, None


def iso_date(year: int, month: int, day: int) -> str | None:
    if not (1 <= month <= 12 and 1 <= day <= 31 and 1900 < year < 2200):
        return None
    return f"{year:04d}-{month:02d}-{day:02d}"
