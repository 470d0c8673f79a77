"""Chinese text knowledge shared by the libraries and the apps, each piece in one place; no Django.

- width folding (:func:`fold_width`): the one normalisation applied before comparing what people
  type or documents write (１２％ → 12%, （） → ()); :func:`search_fold` adds lower case, the
  search boxes' rule (``ipcity.core.search`` applies it in the database).
- Chinese characters (:func:`is_han`, :func:`has_han`, :data:`HAN_RANGES`): the one test of
  whether text holds Chinese, for the ``lang="zh"`` marks of the pages.
- units: the measure words of counts (件, 家, 个…), their 万/亿 forms and money (万元, 亿元), and
  the sets derived from them that the apps check values against.
- reporting words: the verbs of a plan's reporting duties, and the narrower words of a duty that
  asks departments to hand something in.
- a web page's declared charset (:func:`declared_charset`), for the plan reader's HTML and the
  importers' web-page "Excel" exports.

The plan parser's own vocabulary (heading words, table headers, comparators, the endings of
unit names such as 局, 委, 办, 中心) is ``ipcity.plans.vocabulary``, which takes the shared lists
from here.
"""

from __future__ import annotations

import re
import unicodedata


def fold_width(text: str | None) -> str:
    """NFKC: full-width digits, letters and punctuation fold to their ASCII forms (％ → %)."""
    return unicodedata.normalize("NFKC", text or "")


def plain_number(value: float) -> int | float:
    """A number as a document writes it: 20.0 → 20 (values are stored as floats, so a count of 1850
    is 1850.0), 1.2 stays 1.2, never rounded."""
    return int(value) if float(value).is_integer() else value


def search_fold(text: str | None) -> str:
    """Width folded (NFKC), then lower case: ``ＴＣＬ（２０２５）`` and ``tcl(2025)`` search alike.

    PostgreSQL computes the same as ``lower(normalize(x, NFKC))`` (``ipcity.core.search``), so
    ``str.lower`` rather than ``casefold``: casefold's ß → ss has no counterpart there.
    """
    return fold_width(text).lower()


# --- Chinese characters ------------------------------------------------------------------

# The Han ideographs of Chinese text as people type it and exports write it: CJK Unified Ideographs
# (U+4E00–U+9FFF, every character of GB 2312 and nearly all of GBK), Extension A (U+3400–U+4DBF,
# rarer characters of names and places, 㐂 䶮) and the compatibility ideographs (U+F900–U+FAFF,
# which legacy GBK/Big5 conversions leave unfolded, 﨑). Extensions B and later (beyond U+FFFF) are
# left out: a text holding one of them holds common characters too. Kana, hangul and the CJK
# punctuation (，。「」) are not Han: a text of punctuation or numbers alone is not Chinese.
# A regular expression's character-class body, for patterns that need it (``[{HAN_RANGES}]``).
HAN_RANGES = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
_HAN = re.compile(f"[{HAN_RANGES}]")


def is_han(char: str) -> bool:
    """Whether one character is a Chinese (Han) ideograph (:data:`HAN_RANGES`)."""
    return len(char) == 1 and ("\u4e00" <= char <= "\u9fff" or "\u3400" <= char <= "\u4dbf"
                               or "\uf900" <= char <= "\ufaff")


def has_han(text: str | None) -> bool:
    """Whether the text holds any Chinese (Han) ideograph: the test of the pages' ``lang="zh"``
    marks (a value, a vendor's name, a message left untranslated)."""
    return text is not None and _HAN.search(text) is not None


# --- units --------------------------------------------------------------------------------

# Measure words a count or an amount is written with (达到14件, 培育50家, 突破10亿元; 人年, the
# person-years of a full-time equivalent: 研发人员全时当量达到1200人年).
MEASURE_WORDS = ("件", "元", "家", "个", "项", "人", "户", "所", "名", "次", "分", "座", "条", "套", "种", "篇", "部",
                 "台", "位", "批", "处", "场", "本", "册", "吨", "亩", "株", "款", "份", "支", "只", "期", "单", "场次", "人次",
                 "家次", "件次", "户次", "人年")
MAGNITUDES = ("万", "亿")
PERCENT = "%"
SCORE = "分"
# Units of a count or an amount of money (件, 万件, 家, 亿元…): a negative value makes no sense.
# 分 (a score) is left to its own rule.
NON_NEGATIVE_UNITS = frozenset(form for word in MEASURE_WORDS if word != SCORE
                               for form in (word, *(magnitude + word for magnitude in MAGNITUDES)))
# Units that count whole things (家, 件, 人次…): 9.52 家 enterprises is absurd, unlike 元, 分, 吨, 亩.
# (人年, a full-time equivalent, may be a fraction: 1250.5人年)
WHOLE_THING_UNITS = frozenset(MEASURE_WORDS) - {"元", SCORE, "吨", "亩", "人年"}

# --- reporting ------------------------------------------------------------------------------

# Verbs of a plan's reporting duties (每年1月底前报送…, 定期调度…).
REPORTING_VERBS = ("报送", "报告", "上报", "提交", "汇报", "通报", "总结", "评估", "考核", "监测", "检查", "督查",
                   "研究", "调度", "发布")
# Words of a duty that asks departments to hand something in (报送推进情况), unlike 研究 or 调度.
REPORT_SUBMISSION_WORDS = ("报送", "报告", "上报", "监测", "考核", "评估", "总结", "进展", "推进情况", "情况")

# --- unit names -----------------------------------------------------------------------------

# Long form → short form of Chinese government unit names (general rules of how they are abbreviated,
# not a list of any document's units), applied in order to the whole name. Order matters: 委员会 is folded
# before the 发展改革 rule sees 发展改革委.
UNIT_NAME_ABBREVIATIONS: tuple[tuple[str, str], ...] = (
    ("人民政府", "政府"),
    ("中级人民法院", "中院"),
    ("人民法院", "法院"),
    ("人民检察院", "检察院"),
    ("委员会", "委"),
    ("市场监督管理", "市场监管"),
    ("发展和改革", "发改"),
    ("发展改革", "发改"),
    ("科学技术", "科技"),
    ("经济和信息化", "经信"),
    ("经济信息化", "经信"),
    ("人力资源和社会保障", "人社"),
    ("人力资源社会保障", "人社"),
    ("住房和城乡建设", "住建"),
    ("住房城乡建设", "住建"),
    ("文化和旅游", "文旅"),
    ("文化旅游", "文旅"),
    ("卫生和健康", "卫健"),
    ("卫生健康", "卫健"),
    ("中国人民银行", "人民银行"),
    ("人民银行", "人行"),
)


# --- bidirectional controls ---------------------------------------------------------------

# Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069): typed into a name they reverse
# what follows on the lists, the public page and the export (赵\u202e明 shows as 赵明 read backwards).
_BIDI_CONTROLS = dict.fromkeys([*range(0x202A, 0x202F), *range(0x2066, 0x206A)])


def without_bidi_controls(text: str) -> str:
    """The text without bidirectional embedding, override and isolate characters."""
    return text.translate(_BIDI_CONTROLS)


# --- characters an XML document cannot hold ---------------------------------------------------

# C0 controls but tab, line feed and carriage return (XML 1.0): a bell or Word's vertical tab pasted
# into a name makes openpyxl and python-docx refuse the whole .xlsx or .docx.
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def without_xml_illegal(text: str) -> str:
    """The text without the control characters an .xlsx or .docx cannot hold."""
    return _XML_ILLEGAL.sub("", text)


# --- unit conversion ------------------------------------------------------------------------

# Compound magnitudes first, so that 万亿元 (a trillion yuan) is not read as 万 × 亿元. 百 and 千
# prefix a measure word in plan text too (5千家), as the parser's unit pattern allows.
_MAGNITUDE_FACTORS = {"万亿": 1_000_000_000_000, "千亿": 100_000_000_000, "百亿": 10_000_000_000,
                      "千万": 10_000_000, "百万": 1_000_000, "亿": 100_000_000, "万": 10_000, "千": 1_000,
                      "百": 100}


def unit_scale(unit: str | None) -> tuple[int, str]:
    """``亿元`` → (100000000, ``元``); ``万件`` → (10000, ``件``); ``万亿元`` → (10**12, ``元``);
    ``件`` → (1, ``件``); ``%`` → (1, ``%``). A magnitude alone (``万``) is a unit of its own."""
    text = fold_width(unit).strip()
    for prefix, factor in _MAGNITUDE_FACTORS.items():
        if len(text) > len(prefix) and text.startswith(prefix):
            return factor, text[len(prefix):]
    return 1, text


def convert_unit(value: float, from_unit: str | None, to_unit: str | None) -> float | None:
    """``value`` in ``from_unit`` expressed in ``to_unit`` (1,720,000,000 元 → 17.2 亿元), or None
    when the two are not the same measure (元 and 件). The one place figures change magnitude.

    Divided, not multiplied by a reciprocal, so that round figures stay exact (17.2, not 17.200000000000003).
    """
    source_factor, source_base = unit_scale(from_unit)
    target_factor, target_base = unit_scale(to_unit)
    if source_base != target_base:
        return None
    if source_factor == target_factor:
        return float(value)
    return float(value) * source_factor / target_factor


# Each tag's text bounded: an unbounded ``[^>]+`` over a megabyte of ``<meta `` with no ``>``
# backtracked for each of them (quadratic: 190 KB took 40 s, a 1 MB head about 20 minutes).
_META_CHARSET = re.compile(rb"<meta[^>]{1,1024}?charset\s*=\s*[\"']?\s*([a-zA-Z0-9_\-]+)", re.IGNORECASE)


def declared_charset(head: bytes) -> str | None:
    """The charset a web page declares in a ``<meta>`` of ``head`` (lower-cased, as written), or
    None. Callers pass the first bytes only: browsers look at the first 1,024, exports declare it
    at once."""
    match = _META_CHARSET.search(head)
    return match.group(1).decode("ascii").lower() if match else None

