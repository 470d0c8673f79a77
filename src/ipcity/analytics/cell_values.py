"""Value parsers: one export cell → one canonical value.

Each parser takes the raw cell (str, number, date or None) and returns the canonical value or
None for an empty cell. A cell that is present but cannot be read raises ``ValueError`` with a
short reason; the importer turns that into a rejected row with its line number.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
from typing import Any

from ipcity.text import fold_width

# ---------------------------------------------------------------- text

_EMPTY = {"", "-", "--", "—", "无", "null", "none", "nan", "n/a", "na"}


def clean(value: Any) -> str | None:
    """Trimmed text, or None for an empty or placeholder cell."""
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN
        return None
    text = value if type(value) is str else str(value)
    if "\u3000" in text or "\xa0" in text:
        text = text.replace("\u3000", " ").replace("\xa0", " ")
    text = text.strip()
    if len(text) <= 4 and text.lower() in _EMPTY:
        return None
    return text


# ---------------------------------------------------------------- dates

# Excel's day 0 is 1899-12-30 (it counts the non-existent 1900-02-29, so serials below 61 are
# one day off; no patent date is that old).
_EXCEL_EPOCH = dt.date(1899, 12, 30)
_EXCEL_SERIAL_RANGE = (1, 2958465)  # 1900-01-01 .. 9999-12-31
_DATE_PATTERNS = [
    re.compile(r"^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[ T].*)?$"),  # 2021-03-04, 2021/3/4, 2021.03.04
    re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日?$"),  # 2021年3月4日
    re.compile(r"^(\d{4})(\d{2})(\d{2})$"),  # 20210304
    # As people type them in a sheet: spaces around the separators, separators mixed, a time
    # after 日 (2024 - 03 - 05, 2024年3月5日 10:30); tried last, so the export forms stay fast.
    re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?$"),
]


# A table dumped from a database writes its integer dates as 0 where there is none (授权公告日 0
# for a pending application), MySQL its zero date 0000-00-00; no export means 1899-12-30 or day 0
# by them, so they are empty cells.
_NO_DATE = re.compile(r"0+(?:\.0*)?|0000-00-00(?: 00:00:00)?")


def parse_date(value: Any, *, serials: bool = True) -> dt.date | None:
    """A date in any common export form, including Excel serial numbers and datetimes.

    ``serials=False`` is for sheets people type by hand (the protection ledger): a bare number or
    numeric text is then read only as 20240305, never as an Excel serial day count, so a stray
    45658 is refused rather than taken for 2025-01-01."""
    if value is None:
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        if value != value or value == 0:  # NaN: an empty spreadsheet cell; 0: see _NO_DATE
            return None
        if serials:
            return _excel_serial(value)
        if isinstance(value, float) and not value.is_integer():  # also inf
            raise ValueError(f"number {value!r} is not a date")
        return _parse_date_text(str(int(value)), serials=False)  # 20240305 typed as a number
    text = clean(value)
    if text is None or _NO_DATE.fullmatch(text):
        return None
    return _parse_date_text(text, serials=serials)


@functools.lru_cache(maxsize=65536)
def _parse_date_text(text: str, serials: bool = True) -> dt.date:
    """Cached: an export repeats the same dates many times over."""
    if len(text) == 10 and text[4] == "-" and text[7] == "-":
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            pass
    despaced = text.replace(" ", "") if "年" in text else text
    for candidate in (despaced, text) if despaced != text else (text,):
        for pattern in _DATE_PATTERNS:
            match = pattern.match(candidate)
            if match:
                year, month, day = (int(g) for g in match.groups())
                return _make_date(year, month, day, text)
    if serials and re.fullmatch(r"\d{1,7}(\.\d+)?", text):  # an Excel serial that arrived as text
        return _excel_serial(float(text))
    if not text.isascii():
        folded = fold_width(text)  # full-width digits and separators: ２０２４－０３－０５
        if folded != text:
            return _parse_date_text(folded, serials)
    raise ValueError(f"unreadable date {text!r}")


def _make_date(year: int, month: int, day: int, text: str) -> dt.date:
    try:
        return dt.date(year, month, day)
    except ValueError:
        raise ValueError(f"impossible date {text!r}") from None


def _excel_serial(number: float) -> dt.date:
    low, high = _EXCEL_SERIAL_RANGE
    if number == int(number) and 19000101 <= number <= 99991231:  # 20210304 stored as a number
        return parse_date(str(int(number)))  # type: ignore[return-value]
    if not low <= number <= high:
        raise ValueError(f"number {number!r} is not a date")
    return _EXCEL_EPOCH + dt.timedelta(days=int(number))


# ---------------------------------------------------------------- publication numbers

# The longest publication number a dataset may hold. Real ones are 10–16 characters
# (CN114000001B, US20110185700A1, WO2023123456A1); the platform's tables keep them in 32 (the
# transfer app's patents and matches), which PostgreSQL enforces and SQLite does not, so a longer one
# is refused with its row at import rather than failing a later save on one database only.
PUB_NUMBER_MAX_LENGTH = 32
_PUB_NOISE = re.compile(r"[\s_\-]")
_PUB_SHAPE = re.compile(r"[A-Z]{2}[0-9A-Z./]+")
_PUB_PARTS = re.compile(r"^([A-Z]{2}).*?\d([A-Z]\d?)$")
_KIND_IN_BRACKETS = re.compile(r"(?<=\d)\(([A-Z]\d?)\)$")
_YEAR_SLASH = re.compile(r"^([A-Z]{2}(?:19|20)\d{2})/(\d{6,7}[A-Z]\d?)$")


def parse_pub_number(value: Any) -> str | None:
    """``CN 114000001 B`` / ``cn114000001b`` / ``ＣＮ１１４０００００１Ｂ`` (typed with a Chinese input
    method's full-width characters) → ``CN114000001B``; must start with a country code."""
    text = clean(value)
    if text is None:
        return None
    text = _PUB_NOISE.sub("", fold_width(text).split(";")[0].split("|")[0]).upper()
    if text.endswith(")"):  # the kind code in brackets: CN105000044（Ｂ）, CN105000044(B)
        text = _KIND_IN_BRACKETS.sub(r"\1", text)
    if "/" in text:  # US 2011/0185700 A1, WO 1995/027654 A1 as Lens displays them: US20110185700A1
        text = _YEAR_SLASH.sub(r"\1\2", text)
    if not _PUB_SHAPE.fullmatch(text) or not any(c.isdigit() for c in text):
        raise ValueError(f"unreadable publication number {text!r}")
    if len(text) > PUB_NUMBER_MAX_LENGTH:
        raise ValueError(f"publication number longer than {PUB_NUMBER_MAX_LENGTH} characters {text[:40]!r}")
    return text


def pub_parts(pub_number: str) -> tuple[str, str]:
    """(office prefix, kind code) of a publication number: ``CN114000001B`` → (``CN``, ``B``)."""
    match = _PUB_PARTS.match(pub_number)
    if match:
        return match.group(1), match.group(2)
    return pub_number[:2], ""


def parse_app_number(value: Any) -> str | None:
    text = clean(value)
    if text is None:
        return None
    text = re.sub(r"\s", "", fold_width(text)).upper()
    if text.startswith("ZL"):
        return "CN" + text[2:]
    # CNIPA's own lists write the number bare (202110012345.6, 98123456.X): it is a CN number,
    # written as the other exports and the pledge and licence registers write it.
    return "CN" + text if _BARE_CN_APP.fullmatch(text) else text


_BARE_CN_APP = re.compile(r"(?:\d{8}|\d{12})\.[\dX]")


# ---------------------------------------------------------------- kinds

_KIND_WORDS = [  # checked in order: the more specific words first
    ("实用新型", "utility"),
    ("外观", "design"),
    ("发明", "invention"),
    ("utility", "utility"),
    ("design", "design"),
    ("invention", "invention"),
    ("patent_application", "invention"),
    ("granted_patent", "invention"),
    ("patent", "invention"),
]
# Kind codes of Chinese publications: since 2010 A/B/U/S, before C (granted invention),
# Y (utility model), D (design).
_CN_KIND_CODES = {"A": "invention", "B": "invention", "C": "invention", "U": "utility", "Y": "utility",
                  "S": "design", "D": "design"}
_CN_GRANT_CODES = {"B", "C", "U", "Y", "S", "D"}


def parse_kind(value: Any) -> str | None:
    """发明申请 / 授权发明 / 发明 → invention; 实用新型 → utility; 外观设计 → design."""
    text = clean(value)
    return None if text is None else _kind_of_text(text)


@functools.lru_cache(maxsize=4096)
def _kind_of_text(text: str) -> str:
    low = text.lower().replace(" ", "_")
    for word, kind in _KIND_WORDS:
        if word in low:
            return kind
    raise ValueError(f"unknown patent type {text!r}")


def kind_from_pub_number(pub_number: str) -> str | None:
    """The patent type implied by the publication's kind code (a fallback when no type column)."""
    office, code = pub_parts(pub_number)
    letter = code[:1]
    if office == "CN":
        return _CN_KIND_CODES.get(letter)
    if letter in {"U", "Y"}:
        return "utility"
    if letter == "S":
        return "design"
    return "invention" if letter else None


def is_grant_publication(pub_number: str) -> bool:
    """True when the document itself is the grant (CN B/C/U/Y/S/D; elsewhere B*, C*, E, S; a US A
    with no digit: before 2001 the USPTO published grants only, as kind A, its applications since
    as A1/A2/A9)."""
    office, code = pub_parts(pub_number)
    letter = code[:1]
    if office == "CN":
        return letter in _CN_GRANT_CODES
    if office in {"WO"}:
        return False
    if office == "US" and code == "A":
        return True
    return letter in {"B", "C", "E", "S"} and not (office == "US" and letter == "C")


# ---------------------------------------------------------------- legal status

# Checked in this order: a status cell often lists events ("授权;未缴年费"), and an event that
# ended the right outranks the grant before it; a partial invalidation leaves the patent valid.
_VALID_OVERRIDES = ("部分无效", "权利恢复", "恢复")
_INVALID_WORDS = ("失效", "未缴年费", "期限届满", "届满", "驳回", "撤回", "放弃", "无效", "权利终止", "终止",
                  "撤销", "指定期满", "未进入", "dead", "expired", "lapsed", "ceased", "inactive", "revoked",
                  "withdrawn", "refused", "rejected", "abandoned", "discontinued")
_VALID_WORDS = ("有效", "授权", "维持", "alive", "active", "granted", "patented", "in force", "inforce")
_PENDING_WORDS = ("审中", "在审", "待审", "实质审查", "实审", "公开", "审查", "复审", "受理", "指定期内", "pending", "published",
                  "examination", "application")
# Events that say nothing of the status (a bibliographic change, a correction): a 法律状态/事件
# column holding the latest event may end on one; the status is then unknown, not the row unread.
_SILENT_EVENTS = ("变更", "更正", "unknown")  # unknown: Lens's own word when it has no status
# Events that only happen to a granted, living right (a transfer, a pledge, a licence).
_LIVING_RIGHT_EVENTS = ("转移", "转让", "质押", "许可", "保全")
# Words that say the right lapsed after grant (so a lapse date means something).
_LAPSE_WORDS = ("未缴年费", "期限届满", "届满", "无效", "放弃", "权利终止", "终止", "失效", "撤销",
                "expired", "lapsed", "ceased", "revoked")


def parse_status(value: Any) -> str | None:
    """有效/授权 → valid; 失效/未缴年费/期限届满/驳回/撤回/放弃/无效 → invalid; 审中/实质审查/公开 → pending;
    an event that tells none of them (著录事项变更) → None."""
    text = clean(value)
    return None if text is None else _status_of_text(text)


@functools.lru_cache(maxsize=4096)
def _status_of_text(text: str) -> str | None:
    low = text.lower()
    if low in ("valid", "invalid", "pending"):  # the canonical words themselves
        return low
    if any(word in low for word in _VALID_OVERRIDES):
        return "valid"
    for words, status in ((_INVALID_WORDS, "invalid"), (_VALID_WORDS, "valid"), (_PENDING_WORDS, "pending"),
                          (_LIVING_RIGHT_EVENTS, "valid")):
        if any(word in low for word in words):
            return status
    if any(word in low for word in _SILENT_EVENTS):
        return None
    raise ValueError(f"unknown legal status {text!r}")


# A legal-event history with the day of each event (CNIPA's 法律状态 as provincial platforms
# export it: "2021-09-07 授权；2023-04-15 未缴年费专利权终止"), events split at ；, ; or a line break.
_DATED_EVENT = re.compile(r"^\s*(\d{4}\s*[-./年]\s*\d{1,2}\s*[-./月]\s*\d{1,2}\s*日?)\s*(.*)$", re.DOTALL)
_EVENT_SEPARATORS = re.compile(r"[;；\n]+")


@functools.lru_cache(maxsize=4096)
def lapse_in_history(text: str) -> dt.date | None:
    """The day of the last dated event that ended the right (终止, 未缴年费, 期限届满, 无效…) in a
    legal-event history; None when no such event carries a date. The caller uses it only for a
    granted patent whose status is invalid, as a lapse date read from the file."""
    found = None
    for event in _EVENT_SEPARATORS.split(text):
        match = _DATED_EVENT.match(event)
        if match and status_means_lapse(match.group(2)):
            try:
                found = _parse_date_text(re.sub(r"\s", "", match.group(1)))
            except ValueError:
                continue
    return found


def status_means_lapse(value: Any) -> bool:
    text = (clean(value) or "").lower()
    return any(word in text for word in _LAPSE_WORDS) and not any(w in text for w in _VALID_OVERRIDES)


# ---------------------------------------------------------------- offices and countries

COUNTRY_NAMES = {
    "中国": "CN", "中华人民共和国": "CN", "中国大陆": "CN", "中国内地": "CN", "国家知识产权局": "CN",
    "香港": "HK", "中国香港": "HK", "澳门": "MO", "中国澳门": "MO", "台湾": "TW", "中国台湾": "TW",
    "美国": "US", "日本": "JP", "韩国": "KR", "大韩民国": "KR", "朝鲜": "KP", "德国": "DE", "英国": "GB",
    "法国": "FR", "俄罗斯": "RU", "俄罗斯联邦": "RU", "欧洲专利局": "EP", "欧洲": "EP", "欧专局": "EP",
    "世界知识产权组织": "WO", "国际局": "WO", "世界知识产权组织国际局": "WO", "欧亚专利局": "EA", "欧亚专利组织": "EA",
    "加拿大": "CA", "澳大利亚": "AU", "新西兰": "NZ", "印度": "IN", "巴西": "BR", "新加坡": "SG",
    "瑞士": "CH", "意大利": "IT", "西班牙": "ES", "荷兰": "NL", "瑞典": "SE", "芬兰": "FI", "丹麦": "DK",
    "挪威": "NO", "以色列": "IL", "墨西哥": "MX", "南非": "ZA", "奥地利": "AT", "比利时": "BE",
    "卢森堡": "LU", "爱尔兰": "IE", "葡萄牙": "PT", "波兰": "PL", "捷克": "CZ", "匈牙利": "HU",
    "乌克兰": "UA", "土耳其": "TR", "越南": "VN", "马来西亚": "MY", "泰国": "TH", "印度尼西亚": "ID",
    "菲律宾": "PH", "沙特阿拉伯": "SA", "阿联酋": "AE", "阿拉伯联合酋长国": "AE", "阿根廷": "AR",
    "智利": "CL", "哥伦比亚": "CO", "秘鲁": "PE", "埃及": "EG", "希腊": "GR", "罗马尼亚": "RO",
    "海湾合作委员会": "GC", "非洲地区知识产权组织": "AP", "非洲知识产权组织": "OA",
    "china": "CN", "united states": "US", "usa": "US", "japan": "JP", "korea": "KR", "germany": "DE",
    "europe": "EP", "european patent office": "EP", "wipo": "WO", "united kingdom": "GB", "france": "FR",
    "russia": "RU", "taiwan": "TW", "hong kong": "HK", "macao": "MO", "macau": "MO",
}
# Longest names first so that 中国台湾 wins over 中国.
_NAMES_LONGEST_FIRST = sorted(COUNTRY_NAMES, key=len, reverse=True)


def country_code(value: Any) -> str | None:
    """A country/office name or two-letter code → its code (中国 → CN, 欧洲专利局 → EP)."""
    text = clean(value)
    return None if text is None else _country_of_text(text)


@functools.lru_cache(maxsize=4096)
def _country_of_text(text: str) -> str:
    first = re.split(r"[;；|,，、]", text)[0].strip()
    if re.fullmatch(r"[A-Za-z]{2}", first):
        return first.upper()
    low = first.lower()
    if low in COUNTRY_NAMES:
        return COUNTRY_NAMES[low]
    for name in _NAMES_LONGEST_FIRST:
        if name in low:
            return COUNTRY_NAMES[name]
    raise ValueError(f"unknown office or country {first!r}")


def country_in_text(text: str | None) -> str | None:
    """A country named inside an address (``美国加利福尼亚州…`` → US), or None."""
    if not text:
        return None
    low = text.lower()
    for name in _NAMES_LONGEST_FIRST:
        if len(name) > 1 and name in low:
            return COUNTRY_NAMES[name]
    return None


# ---------------------------------------------------------------- lists

_LIST_SEPARATORS = re.compile(r"\s*(?:;;|[;；|、\n])\s*")
# An export that writes its lists with ;; (Lens) or | (CNIPA-style platforms) keeps a single ; for
# inside a name ("BACON; RICHARD J.", "Wrenninge; Carl Magnus"): a cell that has one splits on it alone.
_EXPORT_SEPARATORS = (re.compile(r"\s*;;\s*"), re.compile(r"\s*\|\s*"))
# "ACME INC (2017-01-05)": the day an owner's assignment was recorded (Lens's Owners), no part of it.
_RECORDED_ON = re.compile(r"\s*\(\d{4}-\d{2}-\d{2}\)$")


def split_names(value: Any, separator: str | None = None) -> list[str]:
    """Applicant/patentee lists: split on ; ； | 、 and newlines; on commas only in Chinese text.
    ``separator``: the one the export format always writes (formats.FormatSpec.list_separator).

    Why commas are special: English company names contain them (``Apple, Inc.``), Chinese
    names never do, so a comma separates names only in a Chinese cell with no other separator.
    """
    text = clean(value)
    if text is None:
        return []
    if separator is not None:
        parts = text.split(separator)
    else:
        parts = next((s for s in _EXPORT_SEPARATORS if s.search(text)), _LIST_SEPARATORS).split(text)
    if len(parts) == 1 and re.search(r"[\u4e00-\u9fff]", text):
        parts = re.split(r"\s*[,，]\s*", text)
    names = (_RECORDED_ON.sub("", part.strip()) if part.endswith(")") else part.strip() for part in parts)
    return [p for p in names if p and clean(p)]


_IPC_VERSION = re.compile(r"\(\d{4}\.\d{2}\)")


_IPC_SEPARATORS = re.compile(r"[;；|,，\n]+")
_SUBCLASS = re.compile(r"[A-H]\d{2}[A-Z]")
_SPACES = re.compile(r"\s+")


def parse_ipc(value: Any, main: Any = None) -> str | None:
    """IPC symbols without spaces, ``|``-separated, the main one first and no repeats."""
    return _ipc_of_texts(clean(value), clean(main))


@functools.lru_cache(maxsize=65536)
def _ipc_of_texts(value: str | None, main: str | None) -> str | None:
    symbols: list[str] = []
    for text in (main, value):
        if text is None:
            continue
        text = _IPC_VERSION.sub("", fold_width(text) if "（" in text else text)  # （2006.01）: full-width
        for part in _IPC_SEPARATORS.split(text):
            symbol = _SPACES.sub("", part).upper()
            if symbol and symbol not in symbols:
                symbols.append(symbol)
    if main is not None and len(symbols) > 1 and _SUBCLASS.fullmatch(symbols[0]):
        # A main column that names only the subclass (国际主分类 G06F): its first full symbol in
        # the list leads instead; the bare subclass is no symbol of its own.
        full = next((s for s in symbols[1:] if s.startswith(symbols[0])), None)
        if full is not None:
            symbols = [full] + [s for s in symbols[1:] if s != full]
    return "|".join(symbols) or None


# ---------------------------------------------------------------- numbers and flags

_AMOUNT_RE = re.compile(r"^(-?[\d,]+(?:\.\d+)?)\s*(亿元|亿|万元|万|元|rmb|cny)?$", re.IGNORECASE)
_UNIT_FACTORS = {"亿元": 1e8, "亿": 1e8, "万元": 1e4, "万": 1e4, "元": 1.0, "rmb": 1.0, "cny": 1.0}


def parse_amount(value: Any, unit_factor: float = 1.0) -> float | None:
    """A pledge amount in 元. ``300万元`` → 3,000,000; a bare number uses the column's unit."""
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int | float):
        return None if value != value else float(value) * unit_factor
    text = clean(value)
    if text is None:
        return None
    total = 0.0
    for piece in re.split(r"[;；|、]", text):  # several registered pledges: their sum
        piece = piece.strip().replace("人民币", "")
        if not piece:
            continue
        match = _AMOUNT_RE.match(piece)
        if not match:
            raise ValueError(f"unreadable amount {piece!r}")
        number = float(match.group(1).replace(",", ""))
        unit = (match.group(2) or "").lower()
        total += number * (_UNIT_FACTORS[unit] if unit else unit_factor)
    return total


def unit_factor_of_header(header: str) -> float:
    """``质押金额(万元)`` → 10,000: a bare number in that column is in 万元."""
    if "亿" in header:
        return 1e8
    if "万" in header:
        return 1e4
    return 1.0


_TRUE = {"true", "t", "yes", "y", "1", "是", "pct", "有"}
_FALSE = {"false", "f", "no", "n", "0", "否", "非pct"}


def parse_bool(value: Any) -> bool | None:
    if isinstance(value, bool):
        return value
    text = clean(value)
    if text is None:
        return None
    low = text.lower()
    if low in _TRUE:
        return True
    if low in _FALSE:
        return False
    raise ValueError(f"unreadable yes/no value {text!r}")
