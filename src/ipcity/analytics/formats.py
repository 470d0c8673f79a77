"""Export formats: find the header row, tell the format from its headers, map columns to fields.

One alias table serves every vendor: each source field lists the headers that carry it, in
order of preference (the current patentee before the original applicant, for instance). The
format is told from *signature* headers only that vendor writes (PatSnap's ``[标]当前申请(专利权)人``,
incoPat's ``合享价值度``…). This keeps unseen column selections of a known vendor working:
any subset that keeps a publication-number column imports. Headers are compared after Unicode
NFKC folding (full-width brackets → ASCII), without spaces, case-insensitively.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ipcity.analytics.schema import CANONICAL_COLUMNS, OPTIONAL_COLUMNS
from ipcity.text import fold_width


def normalise_header(header: object) -> str:
    """Folded, lower-case, without the spaces and underscores that only separate words: an API's
    ``display_key``, a web export's ``Display Key`` and ``DisplayKey`` are one header."""
    text = fold_width(str(header or ""))
    return "".join(text.split()).replace("_", "").lower()


def _n(*headers: str) -> tuple[str, ...]:
    return tuple(normalise_header(h) for h in headers)


# The publication number's headers as exports write them: named as such when a file has none.
PUB_NUMBER_HEADERS = ("公开(公告)号", "公开公告号", "公开号", "公告号", "Display Key", "Publication Number")
# Source fields → headers that carry them, best first.
FIELD_ALIASES: dict[str, tuple[str, ...]] = {
    "pub_number": _n(*PUB_NUMBER_HEADERS),
    "app_number": _n("申请号", "申请(专利)号", "专利号", "application_number"),
    "office": _n("受理局", "公开国别", "申请国代码", "jurisdiction", "公开国家/地区"),
    "kind": _n("专利类型", "文件类型", "专利种类", "document_type"),
    "app_date": _n("申请日", "申请日期", "application_date"),
    "priority_date": _n("最早优先权日", "优先权日", "earliest_priority_date", "优先权日-dwpi"),
    "pub_date": _n("公开(公告)日", "公开公告日", "公开日", "公开日期", "公告日", "首次公开日", "publication_date"),
    "grant_date": _n("授权公告日", "授权日", "授权公告日期", "grant_date"),
    "lapse_date": _n("失效日", "失效日期", "权利终止日", "lapse_date"),
    "status": _n("专利有效性", "当前法律状态", "法律状态/事件", "最新法律状态", "专利权状态", "法律状态",
                 "inpadoc法律状态", "legal_status"),
    "applicants": _n("当前权利人", "[标]当前申请(专利权)人", "当前申请(专利权)人", "当前专利权人", "标准化当前权利人",
                     "申请(专利权)人", "申请人/专利权人", "专利权人/申请人", "申请人", "专利权人", "优化的专利权人",
                     "专利权人-原始", "[标]原始申请(专利权)人", "owners", "owners (us)", "applicants"),
    "country": _n("申请人国别代码", "专利权人-原始-国家/地区", "申请人国别", "申请人国家", "专利权人国别"),
    "address": _n("当前专利权人地址", "专利权人地址", "申请人地址", "地址"),
    "region_code": _n("行政区划代码", "申请人行政区划代码", "区划代码", "地区代码"),
    "province_code": _n("国省代码", "申请人省市代码"),
    "ipc": _n("ipc分类号", "ipc", "分类号", "ipc-现版", "ipcr_classifications", "ipc分类", "国际分类", "国际分类号"),
    "ipc_main": _n("ipc主分类号", "ipc主分类", "主分类号", "国际主分类", "国际主分类号"),
    "title": _n("标题(译)(简体中文)", "标题", "发明名称", "名称", "专利名称", "专利名", "标题(原文)", "title"),
    "abstract": _n("摘要(译)(简体中文)", "摘要", "摘要文本", "申请摘要", "摘要(原文)", "abstract"),
    "family_members": _n("inpadoc同族专利成员失效/有效", "dwpi同族专利成员失效/有效", "简单同族", "专利同族",
                         "扩展同族", "docdb同族"),
    "family_countries": _n("同族国家/地区",),
    "pct_number": _n("pct国际申请号", "国际申请", "pct国际公布号", "国际公布"),
    "pledge_amount": _n("质押金额", "质押金额(万元)", "质押金额(元)", "质押登记金额", "质押总金额"),
    "award": _n("获奖情况", "中国专利奖", "专利奖", "获奖"),
    # The optional columns (docs/patent-import.md). Only full lists of names: not 第一发明人, not
    # 发明人数量, not 发明人 - 带有地址 (addresses mixed in); Derwent's own spelling last.
    "inventors": _n("发明人", "发明(设计)人", "当前发明人名称", "发明人-原始", "发明人-dwpi", "inventors", "inventor"),
    # Times this publication is cited (forward); not 引证次数 (how many it cites), not the family's.
    "cited_by_count": _n("被引证次数", "被引用次数", "被引次数", "被引用专利数量", "被引证专利数", "施引专利计数-dpci",
                         "cited_by_patent_count", "cited_by_count", "citedbycount", "timescited"),
    # The patents it cites (backward), as publication numbers.
    "citations": _n("引证专利", "专利引证", "引用专利", "引用的专利详细信息-dpci", "引用的参考文献详细信息-专利",
                    "cited_patents", "citations"),
}
# Fields whose every present column is read (joined), not just the best one.
MULTI_COLUMN_FIELDS: dict[str, tuple[str, ...]] = {
    "region_names": _n("申请人地区", "申请人省份", "申请人城市", "中国申请人地市", "申请人区县", "中国申请人区县"),
}
REQUIRED_FIELDS = ("pub_number",)


@dataclass(frozen=True)
class FormatSpec:
    name: str
    label: str
    signature: tuple[str, ...]
    # The vendor's separator of names in a list cell, where it always writes one: then a single
    # ; in a cell is part of a name (Lens: "BACON; RICHARD J." is one applicant).
    list_separator: str | None = None


FORMATS: tuple[FormatSpec, ...] = (
    FormatSpec("patsnap", "智慧芽 PatSnap", _n(
        "[标]当前申请(专利权)人", "[标]原始申请(专利权)人", "法律状态/事件", "PatSnap同族被引用专利总数",
        "Patsnap同族专利申请数量", "标题(译)(简体中文)", "标题(译)(English)", "SEP信息", "INPADOC法律状态")),
    FormatSpec("incopat", "incoPat 合享", _n(
        "合享价值度", "链接到incoPat", "公开国别", "申请人省市代码", "中国申请人地市", "中国申请人区县",
        "专利有效性", "标准化当前权利人", "技术稳定性", "技术先进性", "保护范围", "inpadoc同族个数",
        "专利寿命(月)")),
    FormatSpec("cnipr", "CNIPR 中国专利信息中心", _n("申请人/专利权人", "发明名称")),
    FormatSpec("cnipa", "国家/省知识产权平台（CNIPA 式）", _n(
        "申请(专利权)人", "发明(设计)人", "国省代码", "申请(专利)号", "主权项", "专利权状态", "最新法律状态",
        "文件类型", "申请国代码", "专利代理机构")),
    FormatSpec("derwent", "Derwent Innovation (中文界面)", _n(
        "标题-DWPI", "摘要-DWPI", "专利权人-DWPI", "优化的专利权人", "DWPI同族专利成员失效/有效", "专利权人/申请人")),
    FormatSpec("lens", "The Lens (lens.org)", _n(
        "lens_id", "display_key", "jurisdiction", "cites_patent_count", "simple_family_size",
        "ipcr_classifications"), list_separator=";;"),
)


def list_separator_of(format_name: str) -> str | None:
    return next((spec.list_separator for spec in FORMATS if spec.name == format_name), None)
FORMAT_NAMES = ("canonical",) + tuple(f.name for f in FORMATS) + ("generic",)


class FormatError(ValueError):
    """The headers are not a known export format, or lack a column the import needs."""


@dataclass
class ColumnMap:
    """Which column index carries each source field, for one detected format."""

    format: str
    headers: list[str]
    fields: dict[str, int] = field(default_factory=dict)
    # Other columns that carry the same field, read when the best one is empty in a row.
    fallbacks: dict[str, list[int]] = field(default_factory=dict)
    multi: dict[str, list[int]] = field(default_factory=dict)

    def header_of(self, name: str) -> str:
        return self.headers[self.fields[name]]


# The canonical record's column names as normalised headers (app_date is read as appdate).
_CANONICAL = {normalise_header(c): c for c in CANONICAL_COLUMNS}
_OPTIONAL = {normalise_header(c): c for c in OPTIONAL_COLUMNS}


def _all_aliases() -> set[str]:
    known = {alias for aliases in FIELD_ALIASES.values() for alias in aliases}
    known |= {alias for aliases in MULTI_COLUMN_FIELDS.values() for alias in aliases}
    known |= {s for spec in FORMATS for s in spec.signature}
    return known | set(_CANONICAL) | set(_OPTIONAL)


KNOWN_HEADERS = frozenset(_all_aliases())


def header_score(cells: Sequence[object]) -> int:
    """How many cells are headers we know (to find the header row below any title rows)."""
    return sum(1 for cell in cells if normalise_header(cell) in KNOWN_HEADERS)


def detect_format(headers: Sequence[object]) -> str:
    """The format whose signature headers the file has most of; ``generic`` or an error if none."""
    normalised = {normalise_header(h) for h in headers}
    if set(_CANONICAL) <= normalised:
        return "canonical"
    scores = [(sum(1 for s in spec.signature if s in normalised), spec.name) for spec in FORMATS]
    best_score, best = max(scores, key=lambda pair: pair[0])
    if best_score > 0:
        return best
    if any(alias in normalised for alias in FIELD_ALIASES["pub_number"]):
        return "generic"
    raise FormatError(
        "unknown export format: headers found: " + ", ".join(str(h) for h in headers if str(h or "").strip())
        + "; formats known: " + ", ".join(f"{spec.name} ({spec.label})" for spec in FORMATS)
        + ", canonical (the columns of the canonical record)"
    )


def map_columns(headers: Sequence[object], format_name: str) -> ColumnMap:
    """Map each source field to its best column; fail if a required field has none."""
    normalised = [normalise_header(h) for h in headers]
    index: dict[str, int] = {}
    for i, header in enumerate(normalised):
        index.setdefault(header, i)
    shown = [str(h or "") for h in headers]
    if format_name == "canonical":
        missing = [c for n, c in _CANONICAL.items() if n not in index]
        if missing:
            raise FormatError("not the canonical format: missing columns " + ", ".join(missing))
        optional = {c: index[n] for n, c in _OPTIONAL.items() if n in index}  # read when present
        return ColumnMap("canonical", shown, {c: index[n] for n, c in _CANONICAL.items()} | optional)
    mapping = ColumnMap(format_name, shown)
    for name, aliases in FIELD_ALIASES.items():
        present = [index[alias] for alias in aliases if alias in index]
        if present:
            mapping.fields[name] = present[0]
            if len(present) > 1:
                mapping.fallbacks[name] = present[1:]
    for name, aliases in MULTI_COLUMN_FIELDS.items():
        present = [index[a] for a in aliases if a in index]
        if present:
            mapping.multi[name] = present
    lens_parts = [index.get(h) for h in ("jurisdiction", "number", "kind")]
    if format_name == "lens" and None not in lens_parts:
        # Lens splits the number into jurisdiction + number + kind code; joined they are the
        # publication number, more reliably than its display key.
        mapping.multi["pub_parts"] = [i for i in lens_parts if i is not None]
        mapping.fields.setdefault("pub_number", lens_parts[1])  # type: ignore[arg-type]
    missing = [name for name in REQUIRED_FIELDS if name not in mapping.fields]
    if missing:
        raise FormatError(
            f"the {format_name} file has no publication-number column (one of: "
            + ", ".join(PUB_NUMBER_HEADERS) + "); headers found: " + ", ".join(h for h in shown if h)
        )
    return mapping
