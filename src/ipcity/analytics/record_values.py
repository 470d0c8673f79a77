"""Value parsers of the record kinds: one export cell → one canonical value (or ``ValueError``).

The trademark, pledge, licence and copyright registers' own words: Nice classes written
``第35类``/``35``/``35类``, mark types (普通/集体/证明商标, 地理标志…), the term ``2013年05月21日至
2023年05月20日``, status words, licence types, amounts with their units. Dates, names and
countries are the patent importer's parsers (:mod:`ipcity.analytics.cell_values`). Every parser
is pure and is applied once per distinct cell by :mod:`ipcity.analytics.record_formats`
(through ``record_columns.parse_cell``).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from ipcity.analytics import cell_values as cv
from ipcity.analytics.record_registry import WORDS
from ipcity.text import fold_width

# ---------------------------------------------------------------- numbers and ids

_SPACES = re.compile(r"\s+")


def parse_id(value: Any) -> str | None:
    """A registration or filing number as written, without spaces (full-width folded)."""
    text = cv.clean(value)
    if text is None:
        return None
    if isinstance(value, float) and value == int(value):  # 12345678 read from a spreadsheet as 12345678.0
        text = str(int(value))
    return _SPACES.sub("", fold_width(text)).upper()


def parse_reg_number(value: Any) -> str | None:
    """申请/注册号: digits, or G + digits for a Madrid registration (``G1234567``)."""
    if type(value) is str and value.isascii() and value.isdigit() and len(value) <= 10:
        return value  # the common case, without the regular expressions
    text = parse_id(value)
    if text is None:
        return None
    if not re.fullmatch(r"G?\d{1,10}[A-Z]?", text):
        raise ValueError(f"unreadable registration number {text!r}")
    return text


_CLASS = re.compile(r"^(?:第)?0*(\d{1,3})(?:类)?(?:$|[\s\-—:：(（].*$)")


def parse_nice_class(value: Any) -> int | None:
    """国际分类 ``第35类``, ``35``, ``35类``, ``第09类 科学仪器``, ``35-广告销售`` → 35 (1–45 only)."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != value:
            return None
        number = int(value)
        if number != value:
            raise ValueError(f"unreadable Nice class {value!r}")
    else:
        text = cv.clean(value)
        if text is None:
            return None
        text = fold_width(text).strip()
        if re.search(r"\d+\D+\d+", text.split("类")[0]) or re.search(r"[;；,，、|]", text):
            raise ValueError(f"several Nice classes in one row {text!r} (one row is one class)")
        match = _CLASS.match(text)
        if not match:
            raise ValueError(f"unreadable Nice class {text!r}")
        number = int(match.group(1))
    if not 1 <= number <= 45:
        raise ValueError(f"Nice class {number} is not between 1 and 45")
    return number


# ---------------------------------------------------------------- trademark words

def parse_mark_type(value: Any) -> tuple[str, bool] | None:
    """商标类型 → (mark_type, gi): 普通商标 → ordinary; 集体/证明商标; 地理标志集体/证明商标 → gi."""
    text = cv.clean(value)
    if text is None:
        return None
    low = fold_width(text).lower().replace(" ", "")
    gi = "地理标志" in low or "geographical" in low
    if "集体" in low or "collective" in low:
        return "collective", gi
    if "证明" in low or "certification" in low:
        return "certification", gi
    if gi:
        # 地理标志 with no word for the kind: a geographical indication is registered as a
        # collective or certification mark; most (by far) are certification marks.
        return "certification", True
    # 特殊商标 (three-dimensional, colour, sound marks) and 普通商标 are ordinary marks: the
    # spec's types are ordinary/collective/certification, the form of the sign is not one of them.
    if any(word in low for word in ("普通", "特殊", "立体", "颜色", "声音", "ordinary", "individual")):
        return "ordinary", False
    raise ValueError(f"unknown mark type {text!r}")


def parse_office(value: Any) -> str | None:
    text = cv.clean(value)
    if text is None:
        return None
    up = text.upper()
    if up in ("CN", "WIPO"):
        return up
    if up in ("WO", "国际局", "世界知识产权组织") or "马德里" in text:
        return "WIPO"
    if cv.country_code(text) == "CN":
        return "CN"
    raise ValueError(f"unknown office {text!r} (CN or WIPO)")


# Checked in this order; the first list that has a word in the cell decides. A renewal that did
# not happen (期满未续展, 不予续展) ends the mark before any other word counts, and so does a
# refusal decided (驳回通知: 等待驳回通知发文, 商标注册申请驳回通知发文, 打印驳回或部分驳回通知书);
# steps that come only after registration (注册申请完成, 注册公告排版, the registration
# certificate 注册证 being printed or sent, 核准证明/核准通知, a licence 备案, a court's 冻结)
# say the mark is registered, whatever appeal (驳回复审注册公告排版完成) led there — CNIPA's flow
# words as a trademark service groups them (tests/record_formats/real_layouts/NOTES.md);
# A right under attack (撤销三年不使用 / 无效宣告 审查中) or being renewed, transferred or licensed is
# still registered; an application being examined, opposed or appealed (驳回复审) is pending;
# words that ended the mark or the application make it invalid.
_TM_INVALID_FIRST = ("未续展", "不予续展", "续展驳回", "驳回通知", "驳回或部分驳回")
_TM_REGISTERED_FIRST = ("撤销三年不使用", "撤三", "无效宣告申请", "撤销/无效宣告", "撤销申请审查", "无效宣告中",
                        "续展", "转让", "变更", "许可", "质押", "补发", "注册申请完成", "注册公告排版", "注册证",
                        "核准证明", "核准通知", "备案", "冻结")
_TM_PENDING_FIRST = ("驳回复审", "不予注册复审", "异议", "初审", "申请中", "待审", "等待", "审查中", "受理",
                     "实质审查", "live/pending", "pending")
_TM_INVALID = ("无效", "注销", "撤销", "销亡", "驳回", "不予注册", "不予核准", "期满", "过期", "到期", "届满",
               "失效", "撤回", "放弃", "dead", "expired", "cancelled", "lapsed", "refused", "invalid")
_TM_REGISTERED = ("已注册", "注册商标", "商标已注册", "注册公告", "核准注册", "有效", "live/registered",
                  "registered", "live")
_TM_PENDING = ("申请", "审查", "公告", "评审")
# Invalid words that say the term ran out without renewal (the mark stopped the day after expiry).
_TM_EXPIRED = ("期满", "过期", "到期", "届满", "未续展", "expired")


def parse_trademark_status(value: Any) -> tuple[str, bool] | None:
    """商标状态 → (status, the term ran out): registered | pending | invalid."""
    text = cv.clean(value)
    if text is None:
        return None
    low = fold_width(text).lower().replace(" ", "")
    # A whole word of the formats' word table first: a bare 注册 (the CNIPA register's word) is in
    # no list below, which look for parts of longer phrases (注册 alone would be part of 不予注册).
    whole = WORDS["trademark"]["status"].get(low)
    if whole is not None:
        return whole, whole == "invalid" and any(word in low for word in _TM_EXPIRED)
    for words, status in ((_TM_INVALID_FIRST, "invalid"), (_TM_REGISTERED_FIRST, "registered"), (_TM_PENDING_FIRST, "pending"),
                          (_TM_INVALID, "invalid"), (_TM_REGISTERED, "registered"), (_TM_PENDING, "pending")):
        if any(word in low for word in words):
            return status, status == "invalid" and any(word in low for word in _TM_EXPIRED)
    raise ValueError(f"unknown trademark status {text!r}")


_TERM_SPLIT = re.compile(r"\s*(?:至|到|~|～|—+|–|--|\s-\s|/(?=\d{4}[年.\-/]))\s*")
_TERM_COMPACT = re.compile(r"^(\d{4}[-./]\d{1,2}[-./]\d{1,2})-(\d{4}[-./]\d{1,2}[-./]\d{1,2})$")


def parse_term(value: Any) -> tuple[dt.date, dt.date] | None:
    """专用权期限 ``2013年05月21日至2023年05月20日`` (or ``2013-05-21 ~ 2023-05-20``) → (start, end)."""
    text = cv.clean(value)
    if text is None:
        return None
    text = fold_width(text).strip()
    if not any(ch.isdigit() for ch in text):  # a range with no dates (a bare 至, -至-): no term
        return None
    compact = _TERM_COMPACT.match(text.replace(" ", ""))
    parts = list(compact.groups()) if compact else [p for p in _TERM_SPLIT.split(text) if p]
    if len(parts) != 2:
        raise ValueError(f"unreadable term {text!r} (expected two dates: start至end)")
    start, end = cv.parse_date(parts[0]), cv.parse_date(parts[1])
    if start is None or end is None:
        raise ValueError(f"unreadable term {text!r}")
    if end < start:
        raise ValueError(f"term {text!r} ends before it starts")
    return start, end


def _years_before(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year - years)
    except ValueError:  # 29 February
        return day.replace(year=day.year - years, day=28)


def original_registration(term_start: dt.date, app_date: dt.date | None) -> dt.date:
    """The registration date behind a term: a renewal's term starts 10, 20… years after it.

    Registration follows the application within a few years, always fewer than ten, so the
    registration is the latest of start, start − 10 y, start − 20 y … that is not before the
    application date. Without an application date the term's start is taken as it is.
    """
    if app_date is None:
        return term_start
    candidate = term_start
    while True:
        earlier = _years_before(candidate, 10)
        if earlier < app_date:
            return candidate
        candidate = earlier


def parse_region_code(value: Any) -> str | None:
    """A GB/T 2260 code column (6 or 12 digits) → the 6-digit code."""
    text = parse_id(value)
    if text is None:
        return None
    if not re.fullmatch(r"\d{6}(\d{6})?", text):
        raise ValueError(f"unreadable region code {text!r}")
    return text[:6]


# ---------------------------------------------------------------- pledges, licences, transfers

_RIGHT_SEPARATORS = re.compile(r"[;；,，、|\n]+")
_PATENT_NUMBER = re.compile(r"^(?:ZL|CN)?(\d{8}|\d{12})\.?[\dX]$")
_MARK_NUMBER = re.compile(r"^G?\d{1,9}$")


def _numbers(value: Any) -> list[str]:
    text = cv.clean(value)
    if text is None:
        return []
    if isinstance(value, float) and value == int(value):
        text = str(int(value))
    return [_SPACES.sub("", p).upper() for p in _RIGHT_SEPARATORS.split(fold_width(text)) if p.strip()]


def _patent_number(number: str) -> str:
    """``ZL 2021 1 0123456.7`` / ``202110123456.7`` → ``CN202110123456.7`` (the patent records' form)."""
    digits = number[2:] if number.startswith(("ZL", "CN")) else number
    return "CN" + digits


def parse_patent_numbers(value: Any) -> list[tuple[str, str]] | None:
    """专利号 cell (one or several) → [(number, 'patent')]."""
    found = []
    for number in _numbers(value):
        if not _PATENT_NUMBER.match(number):
            raise ValueError(f"unreadable patent number {number!r}")
        found.append((_patent_number(number), "patent"))
    return found or None


def parse_mark_numbers(value: Any) -> list[tuple[str, str]] | None:
    """商标注册号 cell (one or several) → [(number, 'trademark')]."""
    found = []
    for number in _numbers(value):
        if not _MARK_NUMBER.match(number):
            raise ValueError(f"unreadable trademark registration number {number!r}")
        found.append((number, "trademark"))
    return found or None


def parse_any_numbers(value: Any) -> list[tuple[str, str]] | None:
    """A column of patent and trademark numbers together; each told by its shape."""
    found = []
    for number in _numbers(value):
        if _PATENT_NUMBER.match(number):
            found.append((_patent_number(number), "patent"))
        elif _MARK_NUMBER.match(number):
            found.append((number, "trademark"))
        else:
            raise ValueError(f"neither a patent nor a trademark number {number!r}")
    return found or None


def combined_kind(kinds: set[str | None]) -> str | None:
    kinds = {k for k in kinds if k}
    if not kinds:
        return None
    if kinds == {"patent"}:
        return "patent"
    if kinds == {"trademark"}:
        return "trademark"
    return "mixed"


def parse_right_kind(value: Any) -> str | None:
    """质押类型 / 权利类型: 专利 → patent, 商标 → trademark, both (专利+商标, 混合) → mixed."""
    text = cv.clean(value)
    if text is None:
        return None
    low = text.lower()
    if low in ("patent", "trademark", "mixed"):
        return low
    patent = "专利" in low or "patent" in low
    mark = "商标" in low or "trademark" in low
    if "混合" in low or (patent and mark):
        return "mixed"
    if patent:
        return "patent"
    if mark:
        return "trademark"
    raise ValueError(f"unknown right kind {text!r} (专利, 商标 or both)")


_MONEY_SUFFIX = re.compile(r"(人民币|rmb|cny)", re.IGNORECASE)


def parse_money(value: Any, unit_factor: float = 1.0) -> float | None:
    """An amount in 元: ``500万元`` → 5,000,000; a bare number takes the header's unit (``担保金额(万元)``)."""
    if isinstance(value, str):
        value = _MONEY_SUFFIX.sub("", fold_width(value))
    amount = cv.parse_amount(value, unit_factor)
    if amount is not None and amount < 0:
        raise ValueError(f"negative amount {value!r}")
    return None if amount is None else round(amount, 2)


def parse_record_type(value: Any) -> str | None:
    """备案类型: 许可 → licence; 转让/转移/变更 → transfer."""
    text = cv.clean(value)
    if text is None:
        return None
    low = text.lower()
    if "许可" in low or low == "licence" or low == "license":
        return "licence"
    if any(word in low for word in ("转让", "转移", "变更", "transfer", "assignment")):
        return "transfer"
    raise ValueError(f"unknown record type {text!r} (许可 or 转让)")


def parse_licence_type(value: Any) -> str | None:
    """许可种类: 独占 → exclusive, 排他 → sole, 普通 → ordinary, 开放 → open.

    分许可 (a sub-licence) and 交叉许可 (a cross-licence) grant neither exclusivity nor the
    licensor's own sole use: they are ordinary licences.
    """
    text = cv.clean(value)
    if text is None:
        return None
    low = text.lower()
    for words, kind in ((("独占", "exclusive"), "exclusive"), (("排他", "sole"), "sole"),
                        (("开放", "open"), "open"), (("普通", "分许可", "交叉", "ordinary", "non-exclusive"), "ordinary")):
        if any(word in low for word in words):
            return kind
    raise ValueError(f"unknown licence type {text!r} (独占, 排他, 普通 or 开放许可)")


# ---------------------------------------------------------------- copyright

def parse_work_type(value: Any) -> str | None:
    """登记类型: 计算机软件/软件著作权 → software; 作品/作品著作权 → work."""
    text = cv.clean(value)
    if text is None:
        return None
    low = text.lower()
    if "软件" in low or "software" in low:
        return "software"
    if "作品" in low or low == "work":
        return "work"
    raise ValueError(f"unknown registration type {text!r} (作品 or 软件)")


def work_type_of_number(number: str) -> str | None:
    """The register that issued a number: ``2023SR0123456`` is software, ``国作登字-…`` a work."""
    if re.fullmatch(r"\d{4}SR\d+", number):
        return "software"
    if number.startswith(("国作登字", "作登字")) or re.match(r"^[\u4e00-\u9fff]{1,2}作登字", number):
        return "work"
    return None


def parse_category(value: Any) -> str | None:
    """作品类别 as written, without the trailing 作品 (``美术作品`` → ``美术``)."""
    text = cv.clean(value)
    if text is None:
        return None
    text = fold_width(text).strip()
    # CCPC's category code before the name (A 文字, F 美术, K 地图、示意图): the name alone.
    text = re.sub(r"^[A-Za-z]\s*[\s.、:：]\s*(?=[^\x00-\x7f])|^[A-Za-z](?=[^\x00-\x7f])", "", text)
    return text[:-2] if text.endswith("作品") and len(text) > 2 else text
