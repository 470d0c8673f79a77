"""The head of a plan: the physical lines before its first numbered section, and the shapes of
its lines (a title's ending, a date, a document number, an issuing body).

Every reader of the metadata (title, issuer, date, number) asks these shapes of the same lines,
so they have one home here. A cover notice is short lines that must not be joined, so the head is
read on the physical lines; a date glued to the title (a PDF page break) or to the number (a law
database) is split back into the lines it was.
"""

from __future__ import annotations

import re

from ipcity.plans.normalise import Line
from ipcity.plans.numbering import match_numbering
from ipcity.plans.vocabulary import ZERO_CHARS, alternation

TITLE_END = re.compile(r"(?:方案|规划|计划|纲要|意见|办法|要点)(?:\s*[（(][^（）()]{0,20}[）)])?$")
NOT_TITLE = re.compile(r"通知|印发|^关于|[。；：:]|^来源|^发布")
DOC_NUMBER = re.compile(r"^[\u4e00-\u9fff]{1,12}\s*[〔［\[【(（]\s*\d{4}\s*[〕］\]】)）]\s*\d{1,4}\s*号$")
DATE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
CN_DATE = re.compile(rf"^((?:[一二三四五六七八九]|{alternation(ZERO_CHARS)}){{4}})年([一二三四五六七八九十]{{1,3}})月([一二三四五六七八九十]{{1,3}})日$")
# (国务院, the State Council, signs by its name alone)
ISSUER = re.compile(r"^(?:国务院|[\u4e00-\u9fff（）()]{2,30}(?:人民政府(?:办公室|办公厅)?|政府|委员会|管委会|管理委员会|办公室|办公厅|局))$")


def head_lines(physical: list[Line]) -> list[Line]:
    """The lines before the document's first top-level numbered section (一、 or 第一章)."""
    for k, line in enumerate(physical):
        numbering = match_numbering(line.text)
        if numbering is not None and numbering.scheme in ("cn", "chapter章", "chapter部分", "chapter条") and numbering.ordinal == 1:
            return physical[:k]
    return physical[:40]


_DATE_THEN_TITLE = re.compile(r"^(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)\s*(\S.{5,})$")


def split_glued_date(text: str) -> list[str]:
    """``2025年2月18日某市…工作方案（2025—2027年）``: a signature date at the foot of one PDF
    page glued to the title at the top of the next; the two lines it was. And ``某政发〔2009〕1号
    2009年1月5日``: a law database prints the number and the date of issue on one line."""
    m = _DATE_THEN_TITLE.match(text.strip())
    if m and TITLE_END.search(squeeze(m.group(2))) and not NOT_TITLE.search(m.group(2)):
        return [m.group(1), m.group(2)]
    m = _NUMBER_THEN_DATE.match(text.strip())
    if m and DOC_NUMBER.match(m.group(1)):
        return [m.group(1), m.group(2)]
    return [text]


_NUMBER_THEN_DATE = re.compile(r"^(\S.*?号)\s+(\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日)$")


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)
