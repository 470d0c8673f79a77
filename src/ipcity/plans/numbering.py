"""Heading numbering schemes of Chinese government documents: 一、 （一） 1. 1． 1.1 (1) ① 第一章 第一条.

``match_numbering(text)`` says which scheme a line starts with, the token as written (for a
task's ``ref``), its ordinal and where the heading text starts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ipcity.text import fold_width

_CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7,
              "八": 8, "九": 9}
_CN_NUM = "[一二三四五六七八九十百零〇两]+"

# (scheme name, pattern); the token is group "tok", the ordinal's digits group "n".
_SCHEMES: list[tuple[str, re.Pattern[str]]] = [
    ("chapter", re.compile(rf"^(?P<tok>第(?P<n>{_CN_NUM}|\d+)(?P<kind>[章节条]|部分))\s*[、.．:：]?\s*")),
    ("cn", re.compile(rf"^(?P<tok>(?P<n>{_CN_NUM}))\s*[、.．]\s*")),
    ("paren_cn", re.compile(rf"^(?P<tok>[（(]\s*(?P<n>{_CN_NUM})\s*[）)])\s*[、.．]?\s*")),
    # 1.1, 2.3: a sub-item numbered under its item (the item's number, a point, its own); a
    # figure (1.5亿元, 2.6万件) is no number: a unit word follows it, never a separator
    ("decimal", re.compile(r"^(?P<tok>\d{1,2}[.．](?P<n>\d{1,2}))(?:[\s\u3000、]+|[.．]\s*|(?=[\u4e00-\u9fff])(?![万亿千百倍个件家项人次元年月日天分名所场期套台户]))")),
    # 1. 12、 and, past 99 (a list numbered straight through a long plan), 100. 120、 with their
    # separator only: ``100 家企业…`` opening a line is a figure
    ("num", re.compile(r"^(?P<tok>(?P<n>\d{1,2}))\s*(?:[.．、](?!\d)|\s(?=[\u4e00-\u9fff]))\s*")),
    ("num", re.compile(r"^(?P<tok>(?P<n>[1-9]\d{2}))\s*[.．、](?!\d)\s*")),
    ("paren_num", re.compile(r"^(?P<tok>[（(]\s*(?P<n>\d{1,3})\s*[）)])\s*[、.．]?\s*")),
    ("circled", re.compile(r"^(?P<tok>(?P<n>[①-⑳]))\s*")),
    # ㈠ ㈡ … ㈩ (U+3220–3229, one character for （一）): older documents and their web copies
    ("paren_cn", re.compile(r"^(?P<tok>(?P<n>[㈠-㈩]))\s*[、.．]?\s*")),
]


@dataclass(frozen=True)
class Numbering:
    scheme: str
    token: str  # as written, for refs: 三, （一）, (一), 1, (1), ①
    ordinal: int
    rest: int  # index where the heading text starts


def cn_to_int(s: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 一百零五 → 105, 三千 → 3000 (0 for anything unreadable)."""
    if s.isdigit():
        return int(s)
    if not s:
        return 0
    total, current = 0, 0
    for ch in s:
        if ch in _CN_DIGITS:
            current = _CN_DIGITS[ch]
        elif ch == "十":
            total += (current or 1) * 10
            current = 0
        elif ch == "百":
            total += (current or 1) * 100
            current = 0
        elif ch == "千":
            total += (current or 1) * 1000
            current = 0
        else:
            return 0
    return total + current


def match_numbering(text: str) -> Numbering | None:
    for scheme, pattern in _SCHEMES:
        m = pattern.match(text)
        if not m:
            continue
        n = m.group("n")
        if scheme == "circled":
            ordinal = ord(n) - ord("①") + 1
        elif "㈠" <= n <= "㈩":
            ordinal = ord(n) - ord("㈠") + 1
        else:
            ordinal = cn_to_int(n)
        if ordinal <= 0:
            continue
        if m.end() >= len(text):
            return None  # a bare number: a table cell, not a heading
        token = re.sub(r"\s+", "", m.group("tok")) if scheme != "num" else n
        if scheme == "decimal":
            token = token.replace("．", ".")
        if scheme == "chapter":
            scheme = f"chapter{m.group('kind')}"
        return Numbering(scheme=scheme, token=token, ordinal=ordinal, rest=m.end())
    return None


# 第6项, 第1、4项, 第2至5项, 第4—6项, 第（三）项: the items a clause names (group 1: the numbers)
ITEM_NUMBERS = re.compile(r"第\s*([0-9一二三四五六七八九十（）()、，,和及至到—\-～~\s]+?)\s*项")
_NUMBER_RANGE = re.compile(r"^(\S+?)\s*[至到—\-～~]+\s*(\S+)$")


def item_numbers(text: str) -> list[int]:
    """``1、4`` → [1, 4]; ``2至5`` → [2, 3, 4, 5]; ``（三）`` → [3]."""
    numbers: list[int] = []
    for piece in re.split(r"[、，,和及]", fold_width(text)):
        piece = piece.strip(" ()（）")
        if not piece:
            continue
        m = _NUMBER_RANGE.match(piece)
        if m:
            low, high = (cn_to_int(x.strip("()（）")) for x in m.groups())
            numbers += list(range(low, high + 1)) if 0 < low <= high else []
        elif cn_to_int(piece):
            numbers.append(cn_to_int(piece))
    return numbers
