"""Export formats of the record kinds beyond patents: a registry of small declarative mappings.

A format is data, not code (:class:`RecordFormat`):

- ``headers``: field → the headers that carry it (aliases, best first). A field is a canonical
  column of the kind (``record_kinds.COLUMNS``) or one of the kind's *source fields*
  (``SOURCE_FIELDS``: e.g. a trademark's ``term``, the 专用权期限 date range);
- ``values``: field → {word: canonical word}, merged over the kind's default words (``WORDS``);
- ``constants``: field → the value every row gets when the file has no column for it (a
  licence-filing register is all ``record_type = licence``);
- ``collapse``: an optional row-collapse step (a patent-level pledge export repeats one
  registration on every patent: one row per ``key``, the ``join`` fields '|'-joined);
- ``scale``: field → factor (an amount column in 万元 → 元);
- ``detect``: the headers that must all be present for ``--format auto`` to pick it (default:
  the first alias of each required field);
- ``detect_fields``: set on a kind's *last-resort* format only (``trademark_columns``,
  ``copyright_columns``): ``--format auto`` picks it when no format's ``detect`` headers are all
  present but each of these fields has a column under one of its headers, so that any column
  selection of the known headers imports (an enterprise-data service's fields, a warehouse
  table's column labels) without a format per service.

The importer (``record_import``) applies a format in bulk; adding a real export is adding a
``RecordFormat`` with ``register`` (the real exports live in ``record_formats``, which registers them when imported). ``canonical`` exists for every kind: a CSV with
exactly the canonical column names.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from ipcity.analytics import record_kinds
from ipcity.analytics.formats import normalise_header


@dataclass(frozen=True)
class Collapse:
    """Rows with one ``key`` become one: ``join`` fields '|'-joined (distinct, in file order);
    ``same`` fields must agree (if they do not, the largest is kept and the import reports it);
    every other field: the first row's value."""

    key: str
    join: tuple[str, ...] = ()
    same: tuple[str, ...] = ()


@dataclass(frozen=True)
class RecordFormat:
    name: str
    kind: str
    label: str
    headers: Mapping[str, Sequence[str]]
    values: Mapping[str, Mapping[str, str]] = field(default_factory=dict)
    constants: Mapping[str, str] = field(default_factory=dict)
    collapse: Collapse | None = None
    scale: Mapping[str, float] = field(default_factory=dict)
    detect: tuple[str, ...] = ()
    detect_fields: tuple[str, ...] = ()  # a last-resort format: these fields need a column each
    source: str = ""  # where the headers come from (a real export, the published register…)
    # Optional (records-formats): a format whose cells need more than word maps (status words
    # inside longer phrases, 第35类, the 专用权期限 range and renewals, amounts with units, one
    # cell listing several rights, conflicting amounts rejected on collapse) maps its rows itself:
    # ``mapper(header, rows) -> record_columns.Mapped`` (canonical columns of the rows kept,
    # their lines, rejected (line, reason), notes). The importer then does what it does for every
    # format: region/country attribution of the parties, the uniqueness rule, the write.
    mapper: Callable[..., Any] | None = None
    # Optional, faster: the same mapping column-wise in Arrow, on the file staged by the importer's
    # CSV reader: ``table_mapper(header, table) -> (typed table, notes)`` where ``table`` has one
    # text column ``c<i>`` per header cell and ``_line``, and the typed table the kind's canonical
    # columns, ``_line`` and ``_reason`` (null for a row kept). Used instead of ``mapper`` when set.
    table_mapper: Callable[..., Any] | None = None

    def normalised_headers(self) -> dict[str, tuple[str, ...]]:
        return {f: tuple(normalise_header(h) for h in aliases) for f, aliases in self.headers.items()}

    def detect_headers(self) -> tuple[str, ...]:
        if self.detect:
            return tuple(normalise_header(h) for h in self.detect)
        aliases = self.normalised_headers()
        return tuple(aliases[f][0] for f in record_kinds.KEYS[self.kind] if f in aliases and aliases[f])


#: Fields a format may map besides the canonical columns, per kind (the importer derives the
#: canonical columns from them; see docs/records.md).
SOURCE_FIELDS: dict[str, tuple[str, ...]] = {
    # 专用权期限 "2013年05月21日至2023年05月20日" → reg_date (when no own column) and expiry_date;
    # 国际注册日期 → app_date of a Madrid row; 地理标志 words in mark_type also set gi.
    # 专用权期限开始日期 (the term's start in a column of its own) → reg_date as the range's start does.
    "trademark": ("term", "term_start", "intl_reg_date", "co_holders"),
    # One column per kind of right (专利号, 商标注册号) beside the canonical ``rights``.
    "pledge": ("patent_rights", "trademark_rights"),
    "licence": ("patent_rights", "trademark_rights"),
    "copyright": (),
}

_TRUE = {"true": "true", "t": "true", "1": "true", "yes": "true", "y": "true", "是": "true", "有": "true",
         "false": "false", "f": "false", "0": "false", "no": "false", "n": "false", "否": "false", "无": "false"}

#: Default words per kind and field (lower-cased, spaces removed) → canonical word.
WORDS: dict[str, dict[str, dict[str, str]]] = {
    "trademark": {
        "mark_type": {"ordinary": "ordinary", "普通": "ordinary", "普通商标": "ordinary",
                      "collective": "collective", "集体": "collective", "集体商标": "collective",
                      "地理标志集体商标": "collective",
                      "certification": "certification", "证明": "certification", "证明商标": "certification",
                      "地理标志证明商标": "certification",
                      "特殊商标": "ordinary", "立体商标": "ordinary", "声音商标": "ordinary", "颜色商标": "ordinary"},
        "status": {"registered": "registered", "已注册": "registered", "注册": "registered", "有效": "registered",
                   "注册商标": "registered", "商标已注册": "registered", "已续展": "registered", "续展": "registered",
                   "pending": "pending", "申请中": "pending", "待审中": "pending", "审查中": "pending",
                   "初审公告": "pending", "初步审定": "pending", "商标申请中": "pending", "等待实质审查": "pending",
                   "invalid": "invalid", "无效": "invalid", "已无效": "invalid", "注销": "invalid", "已注销": "invalid",
                   "撤销": "invalid", "已撤销": "invalid", "失效": "invalid", "已失效": "invalid",
                   "商标无效": "invalid", "驳回": "invalid", "已驳回": "invalid", "届满未续展": "invalid"},
        "office": {"cn": "CN", "中国": "CN", "cnipa": "CN", "wipo": "WIPO", "国际": "WIPO", "马德里": "WIPO"},
        "gi": _TRUE,
        "madrid": {**_TRUE, "马德里": "true", "马德里国际注册": "true", "国际注册": "true"},
    },
    "pledge": {
        "right_kind": {"patent": "patent", "专利": "patent", "专利权": "patent", "发明专利": "patent",
                       "实用新型": "patent", "外观设计": "patent",
                       "trademark": "trademark", "商标": "trademark", "商标权": "trademark", "注册商标": "trademark",
                       "mixed": "mixed", "混合": "mixed", "专利和商标": "mixed", "专利商标": "mixed",
                       "专利、商标": "mixed", "专利+商标": "mixed"},
    },
    "licence": {
        "record_type": {"licence": "licence", "license": "licence", "许可": "licence", "实施许可": "licence",
                        "许可备案": "licence", "实施许可合同备案": "licence", "专利实施许可": "licence",
                        "商标使用许可": "licence", "商标许可": "licence",
                        "transfer": "transfer", "转让": "transfer", "权利转让": "transfer", "转移": "transfer",
                        "专利权转让": "transfer", "申请权转让": "transfer", "商标转让": "transfer",
                        "权利转移": "transfer", "转让登记": "transfer"},
        "right_kind": {"patent": "patent", "专利": "patent", "专利权": "patent", "发明专利": "patent",
                       "实用新型": "patent", "外观设计": "patent", "trademark": "trademark", "商标": "trademark",
                       "商标权": "trademark", "注册商标": "trademark"},
        "licence_type": {"exclusive": "exclusive", "独占": "exclusive", "独占许可": "exclusive",
                         "sole": "sole", "排他": "sole", "排他许可": "sole", "ordinary": "ordinary", "普通": "ordinary",
                         "普通许可": "ordinary", "一般许可": "ordinary", "open": "open", "开放": "open",
                         "开放许可": "open"},
    },
    "copyright": {
        "work_type": {"work": "work", "作品": "work", "作品登记": "work", "作品著作权": "work",
                      "software": "software", "软件": "software", "计算机软件": "software", "软件著作权": "software",
                      "计算机软件著作权登记": "software", "软著": "software"},
    },
}


def _canonical_format(kind: str) -> RecordFormat:
    columns = record_kinds.COLUMNS[kind]
    return RecordFormat(
        name="canonical", kind=kind, label="标准记录格式（shared/spec/ip-records.md 的列）",
        headers={c: (c,) for c in columns}, detect=tuple(record_kinds.REQUIRED[kind]),
        source="shared/spec/ip-records.md",
    )


#: The CNIPA trademark register's fields as the spec lists them (ip-records.md, "Canonical records").
CNIPA_TRADEMARK = RecordFormat(
    name="cnipa_trademark", kind="trademark", label="CNIPA 商标注册簿 / 中国商标网 fields",
    headers={
        "reg_number": ("申请/注册号", "注册号", "申请号", "商标注册号"),
        "nice_class": ("国际分类", "国际分类号", "类别"),
        "mark_type": ("商标类型",),
        "app_date": ("商标申请日期", "申请日期"),
        "reg_date": ("注册公告日期", "注册日期"),
        "term": ("专用权期限", "专用期限"),
        "status": ("商标状态", "法律状态"),
        "intl_reg_date": ("国际注册日期",),
        "holders": ("申请人名称(中文)", "申请人名称", "注册人", "申请人"),
        "first_holder_address": ("申请人地址(中文)", "申请人地址", "注册人地址"),
        "lapse_date": ("无效日期", "注销日期", "撤销日期"),
        "madrid": ("是否马德里", "马德里"),
        "region_code": ("行政区划代码",),
    },
    detect=("申请/注册号", "国际分类", "专用权期限"),
    source="shared/spec/ip-records.md (the CNIPA trademark register's fields)",
)

FORMATS: list[RecordFormat] = [_canonical_format(kind) for kind in record_kinds.KINDS] + [CNIPA_TRADEMARK]


def register(fmt: RecordFormat) -> RecordFormat:
    """Add a format (a later format with the same kind and name replaces the earlier)."""
    record_kinds.check_kind(fmt.kind)
    unknown = [f for f in fmt.headers if f not in record_kinds.COLUMNS[fmt.kind] and f not in SOURCE_FIELDS[fmt.kind]]
    if unknown:
        raise ValueError(f"format {fmt.name}: not {fmt.kind} fields: {', '.join(unknown)}")
    FORMATS[:] = [f for f in FORMATS if not (f.kind == fmt.kind and f.name == fmt.name)] + [fmt]
    return fmt


def formats_of(kind: str) -> list[RecordFormat]:
    """The formats registered for ``kind``: ``canonical`` and, once ``record_formats`` is imported
    (``record_import`` imports it), the real exports. This module imports no format module, so
    that the formats depend on the registry and never the reverse."""
    return [f for f in FORMATS if f.kind == kind]


def format_names(kind: str) -> list[str]:
    return [f.name for f in formats_of(kind)]


def get_format(kind: str, name: str) -> RecordFormat:
    for fmt in formats_of(kind):
        if fmt.name == name:
            return fmt
    raise RecordFormatError(f"unknown {kind} format {name!r}; known: {', '.join(format_names(kind))}")


class RecordFormatError(ValueError):
    pass


def known_headers(kind: str | None = None) -> frozenset[str]:
    kinds = [kind] if kind else list(record_kinds.KINDS)
    return frozenset(h for f in FORMATS if f.kind in kinds for aliases in f.normalised_headers().values()
                     for h in aliases)


def header_score(cells: Sequence[object], kind: str) -> int:
    known = known_headers(kind)
    return sum(1 for c in cells if normalise_header(c) in known)


# Registers that are not of a kind although their headers overlap it: all of a signature's
# headers present → the file is refused saying what it is (rather than listing formats).
NOT_OF_KIND: dict[str, tuple[tuple[tuple[str, ...], str], ...]] = {
    "trademark": (
        (("产品名称", "保护范围"),
         "this is a list of 地理标志产品 (geographical-indication products under protection: 产品名称, 保护范围, "
         "公告号), not of trademarks; a geographical indication is counted here as a registered 地理标志证明商标 or "
         "集体商标: import the trademark register's rows for those marks (注册号, 国际分类, 商标类型)"),
    ),
}


def detect(headers: Sequence[object], kind: str) -> RecordFormat:
    """The format whose detection headers are all present (the one matching most headers wins);
    else the kind's last-resort format when each of its ``detect_fields`` has a column; else an
    error naming what the file is (``NOT_OF_KIND``) or the fields without a column, the headers
    found and the formats known."""
    found = {normalise_header(h) for h in headers if normalise_header(h)}
    best: tuple[int, RecordFormat] | None = None
    for fmt in formats_of(kind):
        if fmt.detect_fields or not set(fmt.detect_headers()) <= found:
            continue
        score = sum(1 for aliases in fmt.normalised_headers().values() if found & set(aliases))
        if best is None or score > best[0]:
            best = (score, fmt)
    if best is not None:
        return best[1]
    shown = ", ".join(str(h) for h in headers if str(h or "").strip())
    for signature, what in NOT_OF_KIND.get(kind, ()):
        if {normalise_header(h) for h in signature} <= found:
            raise RecordFormatError(f"not a {kind} file: {what}. Headers found: {shown}")
    lacking = ""
    for fmt in formats_of(kind):
        if not fmt.detect_fields:
            continue
        aliases = fmt.normalised_headers()
        missing = [f for f in fmt.detect_fields if not found & set(aliases.get(f, ()))]
        if not missing:
            return fmt
        lacking = (" No column for " + "; ".join(f"{f} (one of: {', '.join(fmt.headers[f])})" for f in missing)
                   + ".")
    known = "; ".join(f"{f.name} (needs {', '.join(f.detect or f.detect_headers())})" for f in formats_of(kind)
                      if not f.detect_fields)
    raise RecordFormatError(f"no known {kind} format has these headers: {shown}.{lacking} Known {kind} formats: {known}")


def map_headers(headers: Sequence[object], fmt: RecordFormat) -> dict[str, int]:
    """field → the index of the column that carries it (the best alias present)."""
    normalised = [normalise_header(h) for h in headers]
    mapping: dict[str, int] = {}
    for fld, aliases in fmt.normalised_headers().items():
        for alias in aliases:
            if alias in normalised:
                mapping[fld] = normalised.index(alias)
                break
    return mapping


def words(fmt: RecordFormat, fld: str) -> dict[str, str]:
    """The word map of one field: the kind's defaults, then the format's own (normalised keys)."""
    merged = dict(WORDS.get(fmt.kind, {}).get(fld, {}))
    merged.update(fmt.values.get(fld, {}))
    return {"".join(k.split()).lower(): v for k, v in merged.items()}
