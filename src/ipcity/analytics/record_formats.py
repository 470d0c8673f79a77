"""The real export formats of the record kinds (trademark, pledge, licence, copyright).

Each format is a :class:`~ipcity.analytics.record_registry.RecordFormat` registered here (the
registry imports this module on first use): its headers (one alias table per kind, shared by the
formats of that kind, as the patent importer's ``formats.py`` does, so that any column
selection of a known register imports), the headers that must all be present for ``--format
auto`` to pick it (``detect``), the constants the register implies (a licence register's rows
are licences, a software register's rows are software), and ``mapper``: these formats map their
rows themselves, because their cells need more than word maps (status words inside longer
phrases, ``第35类``, the 专用权期限 range and renewals, amounts with units, several rights in one
cell, conflicting amounts rejected when a registration's rows are joined).

Cells become canonical values through the parsers of :mod:`ipcity.analytics.record_values`, each
applied once per *distinct* cell of a column (dates, classes, status words and addresses repeat),
so a column costs one dictionary look-up per row. The pieces live beside it: which column carries
which field (:mod:`record_columns`), the row-wise pledge and licence mappers with the rows of one
registration joined (:mod:`record_rows`), the column-wise trademark and copyright mappers in
Arrow (:mod:`record_tables`). :func:`map_rows` picks the one for a kind; bad rows are set aside
with their line and reason.

Parties' countries and regions are left to the importer (region code, else address, else the
enterprise name, as for patents) unless the export has a column for them.

The commercial-database variants (企查查, 天眼查, 标库 and the like) are authored from the field lists
those services show, not read from real export files; docs/records.md says so.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pyarrow as pa
import pyarrow.compute as pc

from ipcity.analytics.record_columns import FIELD_ALIASES, ColumnChoice, Mapped, choose_columns
from ipcity.analytics.record_kinds import COLUMNS
from ipcity.analytics.record_registry import RecordFormat, register
from ipcity.analytics.record_rows import ROW_MAPPERS, collapse
from ipcity.analytics.record_tables import TABLE_MAPPERS, rows_to_table


def map_rows(choice: ColumnChoice, rows: Iterable[tuple[int, Sequence[object]]]) -> Mapped:
    """Map data rows (line, cells) of a file whose columns ``choice`` names; blank rows are skipped."""
    if choice.kind in TABLE_MAPPERS:
        return _mapped_from_table(choice.kind, *TABLE_MAPPERS[choice.kind](choice, rows_to_table(choice.headers, rows)))
    lines: list[int] = []
    cells: list[Sequence[object]] = []
    for line, row in rows:
        if any(c is not None and (type(c) is not str or c.strip()) for c in row):
            lines.append(line)
            cells.append(row)
    errors: list[str | None] = [None] * len(cells)
    columns, notes = ROW_MAPPERS[choice.kind](choice, cells, errors)
    keep = [i for i, error in enumerate(errors) if error is None]
    if len(keep) == len(cells):
        kept = {name: columns[name] for name in COLUMNS[choice.kind]}
    else:
        kept = {name: [columns[name][i] for i in keep] for name in COLUMNS[choice.kind]}
    mapped = Mapped(choice.kind, kept, [lines[i] for i in keep],
                    [(lines[i], error) for i, error in enumerate(errors) if error is not None], notes)
    if choice.collapse:
        collapse(mapped)
    return mapped


def _mapped_from_table(kind: str, table: pa.Table, notes: Counter) -> Mapped:
    kept = table.filter(pc.is_null(table.column("_reason")))
    failed = table.filter(pc.is_valid(table.column("_reason")))
    return Mapped(kind, {name: kept.column(name).to_pylist() for name in COLUMNS[kind]},
                  kept.column("_line").to_pylist(),
                  list(zip(failed.column("_line").to_pylist(), failed.column("_reason").to_pylist(), strict=True)),
                  Counter({k: v for k, v in notes.items() if v}))



# -------------------------------------------------------------- the formats

@dataclass(frozen=True)
class _Spec:
    kind: str
    name: str
    label: str
    detect: tuple[str, ...]  # headers that must all be present for --format auto
    headers: tuple[str, ...]  # the header row as authored (docs/records.md, the fixtures)
    source: str
    constants: Mapping[str, str] = field(default_factory=dict)
    collapse: bool = False
    detect_fields: tuple[str, ...] = ()  # a last-resort format (record_registry.detect)


_CNIPA = "CNIPA's register as the spec lists its fields (ip-records.md); the header row is authored"
_AUTHORED = "authored from the fields the service shows; not read from a real export file"
_COLUMNS = ("the kind's header table (record_columns.FIELD_ALIASES), whose entries come from the registers, the "
            "services' field lists and the layouts of tests/record_formats/real_layouts/NOTES.md")
SPECS: tuple[_Spec, ...] = (
    _Spec("trademark", "cnipa_trademark", "CNIPA 商标注册簿 / 中国商标网", ("申请/注册号", "国际分类"),
          ("申请/注册号", "国际分类", "商标类型", "商标申请日期", "初审公告日期", "注册公告日期", "专用权期限", "商标状态",
           "国际注册日期", "后期指定日期", "优先权日期", "是否共有商标", "申请人名称(中文)", "申请人地址(中文)",
           "申请人名称(英文)", "共有申请人", "代理/办理机构"), _CNIPA),
    _Spec("trademark", "qcc_trademark", "企查查等 商标列表", ("注册号", "商标图片"),
          ("序号", "商标图片", "商标名称", "注册号", "国际分类", "商标状态", "申请日期", "注册公告日期", "专用权期限",
           "申请人", "申请人地址", "代理机构"), _AUTHORED),
    _Spec("trademark", "tyc_trademark", "天眼查等 商标信息", ("注册号", "专用期限", "注册人"),
          ("序号", "商标", "商标名称", "注册号", "类别", "状态", "申请日期", "注册公告日期", "专用期限", "注册人",
           "注册人地址"), _AUTHORED),
    _Spec("trademark", "biaoku_trademark", "标库等 商标数据", ("注册号", "到期日期"),
          ("商标名称", "注册号", "类别", "商标种类", "申请日期", "注册日期", "到期日期", "商标状态", "是否地理标志",
           "是否马德里", "申请人", "申请人国籍", "申请人地址"), _AUTHORED),
    _Spec("pledge", "cnipa_pledge", "CNIPA 专利权/商标专用权质押登记", ("质押登记号", "出质人", "质权人"),
          ("质押登记号", "出质人", "出质人地址", "质权人", "质押登记日", "担保债权数额", "专利号", "商标注册号", "注销日"),
          _CNIPA, collapse=True),
    _Spec("pledge", "pledge_by_patent", "质押专利清单（每件质押专利一行，合同金额逐行重复）",
          ("登记号", "专利号", "出质人"),
          ("登记号", "专利号", "发明名称", "出质人", "质权人", "登记日", "担保金额(万元)", "注销日期"), _AUTHORED,
          collapse=True),
    _Spec("licence", "cnipa_patent_licence", "CNIPA 专利实施许可合同备案", ("合同备案号", "让与人", "受让人"),
          ("合同备案号", "专利号", "发明名称", "让与人", "受让人", "许可种类", "备案日期"), _CNIPA,
          {"record_type": "licence"}, collapse=True),
    _Spec("licence", "cnipa_trademark_licence", "CNIPA 商标使用许可备案", ("备案号", "许可人", "被许可人"),
          ("备案号", "商标注册号", "许可人", "许可人地址", "被许可人", "被许可人地址", "许可类型", "许可期限", "备案日期"),
          _CNIPA, {"record_type": "licence", "right_kind": "trademark"}, collapse=True),
    _Spec("licence", "cnipa_patent_transfer", "CNIPA 专利权转移登记 (著录项目变更)", ("变更前权利人", "变更后权利人"),
          ("专利号", "发明名称", "变更事项", "变更前权利人", "变更前地址", "变更后权利人", "变更后地址", "变更生效日"),
          _CNIPA, {"record_type": "transfer"}, collapse=True),
    _Spec("licence", "cnipa_trademark_transfer", "CNIPA 商标转让", ("商标注册号", "转让人", "受让人"),
          ("商标注册号", "转让人", "转让人地址", "受让人", "受让人地址", "核准转让日期"), _CNIPA,
          {"record_type": "transfer", "right_kind": "trademark"}, collapse=True),
    _Spec("copyright", "ccpc_software", "中国版权保护中心 计算机软件著作权登记公告", ("登记号", "软件全称"),
          ("登记号", "分类号", "软件全称", "软件简称", "版本号", "著作权人", "首次发表日期", "登记日期"),
          "the announcement's columns as published by CCPC; the file is authored", {"work_type": "software"}),
    _Spec("copyright", "ccpc_work", "中国版权保护中心 作品登记公告", ("登记号", "作品名称"),
          ("登记号", "作品名称", "作品类别", "著作权人", "创作完成日期", "首次发表日期", "登记日期"),
          "the announcement's columns as published by CCPC; the file is authored", {"work_type": "work"}),
    _Spec("copyright", "software_list", "软件著作权列表（企查查、天眼查等：软件名称、登记批准日期）", ("登记号", "软件名称"),
          ("序号", "软件名称", "软件简称", "登记号", "分类号", "版本号", "著作权人", "首次发表日期", "登记批准日期"),
          _AUTHORED, {"work_type": "software"}),
    _Spec("copyright", "copyright_list", "著作权登记清单（作品与软件同表，以登记类型区分）",
          ("登记类型", "登记号"), ("登记类型", "登记号", "名称", "作品类别", "著作权人", "登记日期"), _AUTHORED),
    # Last resort of --format auto: any selection of the kind's known headers (an enterprise-data
    # service's fields, a warehouse table's labels) with a column for each of these fields.
    _Spec("trademark", "trademark_columns", "商标：按已知表头逐列识别（不属任何具名导出）", (),
          ("注册号", "国际分类", "申请日期", "商标状态", "申请人"), _COLUMNS,
          detect_fields=("reg_number", "nice_class", "app_date")),
    _Spec("copyright", "copyright_columns", "著作权：按已知表头逐列识别（不属任何具名导出）", (),
          ("登记号", "著作权人", "登记日期"), _COLUMNS, detect_fields=("reg_number", "reg_date")),
)


def mapper_of(spec: _Spec) -> Callable[[Sequence[object], Iterable[tuple[int, Sequence[object]]]], Mapped]:
    def mapper(header: Sequence[object], rows: Iterable[tuple[int, Sequence[object]]]) -> Mapped:
        choice = choose_columns(spec.kind, header, spec.name, spec.constants, spec.collapse)
        return map_rows(choice, rows)

    mapper.__name__ = f"map_{spec.name}"
    return mapper


def table_mapper_of(spec: _Spec) -> Callable[[Sequence[object], pa.Table], tuple[pa.Table, Counter]]:
    caches: dict[str, dict[Any, Any]] = {}  # parsed cells, kept across the batches of one file
    seen: list[int] = [0]

    def table_mapper(header: Sequence[object], table: pa.Table) -> tuple[pa.Table, Counter]:
        if seen[0] != id(header):  # a new file (the importer passes one header list per file)
            caches.clear()
            seen[0] = id(header)
        choice = choose_columns(spec.kind, header, spec.name, spec.constants)
        return TABLE_MAPPERS[spec.kind](choice, table, caches)

    table_mapper.__name__ = f"map_{spec.name}_table"
    return table_mapper


FORMATS: dict[tuple[str, str], RecordFormat] = {}
for _spec in SPECS:
    FORMATS[(_spec.kind, _spec.name)] = register(RecordFormat(
        name=_spec.name, kind=_spec.kind, label=_spec.label, headers=FIELD_ALIASES[_spec.kind],
        constants=dict(_spec.constants), detect=_spec.detect, detect_fields=_spec.detect_fields,
        source=_spec.source, mapper=mapper_of(_spec),
        table_mapper=table_mapper_of(_spec) if _spec.kind in TABLE_MAPPERS else None))
