"""The data tables behind every chart of a navigation analysis: one definition of the columns
for the page, the CSV/XLSX downloads and the report's data appendix."""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop
from openpyxl import Workbook
from openpyxl.styles import Alignment

from ipcity.analytics.navigation.implications import FINDING_COLUMNS
from ipcity.analytics.navigation.lifecycle import MIN_FILING_YEARS, MIN_FILINGS, MIN_R2
from ipcity.core.spreadsheets import safe_row, workbook_bytes
from ipcity.divisions import display_name
from ipcity.monitoring.labels import RECORD_VALUES, YES_NO


@dataclass
class Table:
    name: str
    title: str
    columns: list[tuple[str, str]]  # (key, header)
    rows: list[dict[str, Any]]
    sentence: str = ""
    # The sentence's language: "" is the page's (written here through gettext); "zh" for the
    # findings' sentences, which the library writes in Chinese whatever the page's language.
    sentence_lang: str = ""
    # 统计口径: which patents the table counts (:func:`bases`), shown under the table, because
    # the position's and the landscape's tables count different patents of the same city.
    basis: str = ""

    def header(self) -> list[str]:
        return [h for _k, h in self.columns]

    def values(self) -> list[list[Any]]:
        return [[cell(k, row.get(k)) for k, _h in self.columns] for row in self.rows]

    def page_values(self) -> list[list[Any]]:
        """As ``values``, with shares and growth rates as percentages: the downloads keep the
        fractions, which a spreadsheet computes with."""
        # from the stored fraction, not the 4-decimal cell: 0.46847 is 46.8 %, as the report says
        return [[_percent(row[k]) if k in PERCENT_COLUMNS and isinstance(row.get(k), float) else v
                 for (k, _h), v in zip(self.columns, values, strict=True)]
                for row, values in zip(self.rows, self.values(), strict=True)]


# The engine stores flags, applicant types and the two ends of a link as codes
# (analytics.navigation.network); a reader sees words, on the page and in the downloads alike.
_FLAG_COLUMNS = ("iur", "local")
_TYPE_COLUMNS = ("type", "partner_type")
_REGION_COLUMNS = ("home", "partner_home")
# The landscape's kind and legal-status mixes, keyed by the records' codes (monitoring.labels).
_VALUE_COLUMNS = {"patent_kind": "kind", "legal_status": "status"}
LINK_KINDS = {"local-local": gettext_noop("本地—本地"), "local-outside": gettext_noop("本地—外地"),
              "outside-outside": gettext_noop("外地—外地")}


# Columns that hold a fraction (a share, a yearly growth rate): the page shows them as percentages.
PERCENT_COLUMNS = frozenset({"city_share", "country_share", "city_cagr", "country_cagr", "city_high_value_share",
                             "country_high_value_share", "province_share", "cr4", "cr8", "share"})
# The scopes of the landscape comparison (compute.comparison_scopes) and their column prefixes.
SCOPES = {"city": gettext_noop("本地"), "province": gettext_noop("本省"), "country": gettext_noop("全国")}
# What a compared table's title names: the province is left out when the programme's region is one.
_VERSUS = {("city", "province", "country"): gettext_noop("本地与本省、全国"), ("city", "country"): gettext_noop("本地与全国")}


def versus(scopes) -> str:
    """The scopes compared, in words (本地与本省、全国), for a title."""
    return _(_VERSUS[tuple(scopes)])


def _percent(value: float) -> str:
    return f"{value * 100:.1f}%"


def cell(key: str, value: Any) -> Any:
    """One cell of a column as the page, the downloads and the report show it."""
    if isinstance(value, bool) and key in _FLAG_COLUMNS:
        return str(YES_NO[value])
    if isinstance(value, str):
        if key in _TYPE_COLUMNS:
            return str(RECORD_VALUES["holder_kind"].get(value, value))
        if key == "kind" and value in LINK_KINDS:
            return _(LINK_KINDS[value])
        if key in _REGION_COLUMNS:
            return display_name(value) or value
        if key in _VALUE_COLUMNS:
            return str(RECORD_VALUES[_VALUE_COLUMNS[key]].get(value, value))
        if key == "scope" and value in SCOPES:
            return _(SCOPES[value])
        if key == "stage" and value in _STAGES:
            return _(_STAGES[value])
    if isinstance(value, float):
        return round(value, 4)
    return value


def tables(result: dict) -> dict[str, Table]:
    """Every table of a stored result (``compute.run``), keyed by its download name."""
    pos, imp, net, scene = result["position"], result["implications"], result["network"], result["landscape"]
    out: list[Table] = [
        Table("position", _("各技术分支的区域定位"), [
            ("key", _("节点")), ("name", _("名称")), ("level", _("层级")),
            ("city_patents", _("本地专利")), ("city_share", _("本地占比")), ("city_rta", _("本地 RTA")),
            ("province_patents", _("本省专利")), ("province_rta", _("本省 RTA")),
            ("country_patents", _("全国专利")), ("country_share", _("全国占比")),
            ("city_cagr", _("本地年均增长")), ("country_cagr", _("全国年均增长")),
            ("city_high_value_share", _("本地高价值占比")), ("country_high_value_share", _("全国高价值占比")),
        ], pos["nodes"]),
        *_region_tables(pos),
        Table("applications_by_year", _("各技术分支近五年申请量"), [
            ("node", _("节点")), ("year", _("年份")), ("city", _("本地")), ("province", _("本省")),
            ("country", _("全国")),
        ], pos["applications_by_year"]),
    ]
    for name, finding in (("strengths", imp["strengths"]), ("gaps", imp["gaps"]),
                          ("local_players", imp["local_players"]), ("partners", imp["partners"])):
        # the finding's columns in their order, not a stored row's keys (jsonb keeps no key order)
        keys = [k for k in FINDING_COLUMNS[name] if k in finding["rows"][0]] if finding["rows"] else ["name"]
        headers = {**_HEADERS, "name": _APPLICANT} if name in ("local_players", "partners") else _HEADERS
        columns = [(k, _(headers[k]) if k in headers else k) for k in keys]
        out.append(Table(name, _(_FINDINGS[name]), columns, finding["rows"], finding["sentence"], sentence_lang="zh"))
    out += [
        Table("network_edges", _("合作申请网络（连线）"), [
            ("source", _("申请人")), ("target", _("合作申请人")), ("weight", _("合作专利")),
            ("iur", _("产学研")), ("kind", _("本地/外地")),
        ], net["edges"]),
        Table("network_nodes", _("合作申请网络（申请人）"), [
            ("name", _("申请人")), ("type", _("类型")), ("home", _("所在地区")), ("local", _("本地")),
            ("patents", _("合作专利")), ("degree", _("合作伙伴数")),
        ], net["nodes"]),
        Table("landscape_years", _("本地产业专利申请与授权趋势"), [
            ("year", _("年份")), ("applications", _("申请量")), ("grants", _("授权量")),
        ], [{"year": y, "applications": n, "grants": scene.get("grants_by_year", {}).get(y, 0)}
            for y, n in sorted(scene.get("applications_by_year", {}).items())]),
        Table("top_applicants", _("本地主要申请人"), [
            ("name", _("申请人")), ("patents", _("专利")), ("type", _("类型")),
        ], scene.get("top_applicants", [])),
        *_leaders_compared(scene, result.get("landscape_scopes")),
        Table("ipc_subclasses", _("本地技术构成（主分类小类）"), [
            ("code", _("IPC 小类")), ("patents", _("专利")),
        ], scene.get("ipc_subclasses", [])),
        *_landscape_tables(scene, result.get("landscape_scopes")),
        *_inventor_and_citation_tables(scene),
    ]
    position_basis, landscape_basis = bases(result)
    for t in out:
        t.basis = position_basis if t.name in POSITION_TABLES else landscape_basis if t.name in LANDSCAPE_TABLES else ""
    return {t.name: t for t in out}


# What each part of an analysis counts (docs/navigation.md, "Two counts of the city's patents"):
# the position counts CN-office patents of domestic first applicants (the indicators' scope, so
# that the RTA compares like with like), the landscape every office's patents of applicants
# attributed to the region, whatever their country (its offices show where they file).
POSITION_BASIS = gettext_noop(
    "统计口径：中国受理（CN）且第一申请人为国内（不含港澳台）的专利，同一申请计一件，按第一申请人所在地区归属；"
    "本地该产业%(n)s件。")
LANDSCAPE_BASIS = gettext_noop(
    "统计口径：各受理局（含国外受理和 PCT 国际申请）的专利，不论第一申请人国别，同一申请计一件，按第一申请人所在地区归属；"
    "本地该产业%(n)s件，其中中国受理%(cn)s件。区域定位只计中国受理且第一申请人为国内的专利（本地%(domestic)s件），故件数不同。")
POSITION_TABLES = frozenset({"position", "industry_provinces", "industry_cities", "applications_by_year",
                             "strengths", "gaps", "local_players", "partners"})
LANDSCAPE_TABLES = frozenset({"landscape_years", "top_applicants", "top_applicants_scopes", "ipc_subclasses",
                              "kinds", "legal_status", "ipc_main_groups", "concentration", "life_cycle",
                              "life_cycle_stages", "top_inventors", "most_cited", "citations_by_year"})


def bases(result: dict) -> tuple[str, str]:
    """The position's and the landscape's 统计口径, each with the city's count of the industry's
    patents (the root node's), so that a reader of both sees why the two numbers differ."""
    nodes = result["position"]["nodes"]
    domestic = nodes[0]["city_patents"] if nodes else 0  # the root node, first in depth-first order
    scene = result["landscape"]
    return (_(POSITION_BASIS) % {"n": domestic},
            _(LANDSCAPE_BASIS) % {"n": scene.get("patents", 0), "cn": (scene.get("offices") or {}).get("CN", 0),
                                  "domestic": domestic})


def _region_tables(pos: dict) -> list[Table]:
    """Where the industry's patents are in the whole dataset (``position``'s country scope), by
    province and by city (the 50 cities with most), each with its share of the industry. An
    analysis stored before these were computed has none: the tables are left out."""
    regions = pos.get("regions")
    if not regions:
        return []
    total = sum(r["patents"] for r in regions["provinces"])

    def rows(listed: list[dict]) -> list[dict]:
        return [{"code": r["code"], "name": r["name"] or r["code"], "patents": r["patents"],
                 "share": r["patents"] / total if total else None} for r in listed]

    sentence = _("全国（数据集）该产业专利%(n)s件，按第一申请人所在地区归属；另有%(u)s件无法归属地区。") % {
        "n": total, "u": regions.get("unattributed", 0)}
    columns = [("code", _("地区代码")), ("name", _("地区")), ("patents", _("专利")), ("share", _("占比"))]
    return [Table("industry_provinces", _("产业专利的省份分布（全国）"), columns, rows(regions["provinces"]), sentence),
            Table("industry_cities", _("产业专利的城市分布（全国前50）"), columns, rows(regions["cities"][:50]))]


_STAGES = {"emerging": gettext_noop("萌芽期"), "growth": gettext_noop("成长期"), "maturity": gettext_noop("成熟期")}


def life_cycle_sentence(cycle: dict) -> str:
    """The logistic fit in one sentence, with the 18 months' caveat; or why there is no fit, or no
    stage (too few filings, a poor fit, a midpoint far outside the data: ``lifecycle.no_stage``)."""
    last = cycle.get("complete_through")
    fit = cycle.get("fit")
    if fit is None:
        if not cycle.get("per_year"):
            return _("本地没有该产业的专利申请，未作生命周期分析。")
        if cycle.get("no_stage") == "few_filings":
            return _("截至%(last)s年的完整年份中只有%(n)s件申请，分布在%(y)s个年份（拟合至少需要%(min_n)s件、"
                     "%(min_y)s个年份），数据过少，不拟合生命周期曲线，不判断所处阶段。") % {
                "last": last, "n": cycle.get("filings_fitted"), "y": cycle.get("years_with_filings"),
                "min_n": MIN_FILINGS, "min_y": MIN_FILING_YEARS}
        return _("截至%(last)s年的完整年份不足8年，不拟合生命周期曲线。") % {"last": last}
    values = {"a": fit["years"][0], "b": fit["years"][1], "k": round(fit["K"]), "mid": f"{fit['midpoint']:.1f}",
              "rate": f"{fit['rate']:.3f}", "r2": f"{fit['r2']:.3f}", "last": last, "min_r2": MIN_R2}
    if cycle.get("stage"):
        return _("按%(a)s—%(b)s年累计申请量拟合逻辑斯蒂曲线：饱和量约%(k)s件，增长中点约为%(mid)s年，增长率%(rate)s"
                 "（R²=%(r2)s），处于%(stage)s。最近18个月的申请尚未全部公开，%(last)s年以后的年份未计入拟合。") % {
            **values, "stage": _(_STAGES.get(cycle["stage"], "—"))}
    if cycle.get("no_stage") == "midpoint_outside":
        return _("按%(a)s—%(b)s年累计申请量拟合逻辑斯蒂曲线：增长中点约为%(mid)s年，远在数据年份之外，饱和量约%(k)s件"
                 "只是外推，不判断所处阶段。最近18个月的申请尚未全部公开，%(last)s年以后的年份未计入拟合。") % values
    return _("按%(a)s—%(b)s年累计申请量拟合逻辑斯蒂曲线：R²=%(r2)s，低于%(min_r2)s，曲线不能描述这些数据，"
             "不判断所处阶段。最近18个月的申请尚未全部公开，%(last)s年以后的年份未计入拟合。") % values


def scoped(scene: dict, others: dict | None) -> dict[str, dict]:
    """The city's landscape and those it is compared with (``landscape_scopes``: the province's,
    unless the region is one, and the country's); the city's alone for an analysis stored before.
    In SCOPES' order, whatever order the stored result kept: PostgreSQL's jsonb does not keep a
    mapping's key order (it stores keys shortest first), SQLite's JSON text does."""
    found = {"city": scene, **{k: v for k, v in (others or {}).items() if v is not None}}
    return {name: found[name] for name in SCOPES if name in found}


def _scope_columns(scopes: dict[str, dict], columns: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """The columns once per scope, the city's keys as they are and the others' prefixed
    (``province_patents``), each header naming its scope (本地专利, 全国占比…) when there are several."""
    if len(scopes) == 1:
        return list(columns)
    return [(k if name == "city" else f"{name}_{k}", _("%(scope)s%(header)s") % {"scope": _(SCOPES[name]), "header": h})
            for name in scopes for k, h in columns]


def _mixes(key: str, field: str, scopes: dict[str, dict]) -> list[dict[str, Any]]:
    """One row per value (a kind, a legal status) with each scope's patents and share (0 where
    the scope has patents but none of that value), in the city's order (most first), then the
    values the city has none of, by the widest scope's count."""
    counts = {name: scene.get(field) or {} for name, scene in scopes.items()}
    values = sorted(set().union(*counts.values()), key=lambda v: (
        -counts["city"].get(v, 0), -counts[list(counts)[-1]].get(v, 0), v))
    rows = []
    for value in values:
        row: dict[str, Any] = {key: value}
        for name, mix in counts.items():
            prefix = "" if name == "city" else f"{name}_"
            total = sum(mix.values())
            row[f"{prefix}patents"] = mix.get(value, 0)
            row[f"{prefix}share"] = mix.get(value, 0) / total if total else None
        rows.append(row)
    return rows


def _landscape_tables(scene: dict, others: dict | None = None) -> list[Table]:
    """The city's landscape beyond its trend: the kind and legal-status mixes, the technology
    composition by main group, the applicants' concentration and the technology life cycle; the
    mixes, the concentration and the life cycle beside the province's and the country's, column
    by column (an analysis stored before those were computed has the city's alone)."""
    scopes = scoped(scene, others)
    compared = len(scopes) > 1
    cycle = scene.get("life_cycle") or {}
    mix = [("patents", _("专利")), ("share", _("占比"))]
    concentration = [("cr4", "CR4"), ("cr8", "CR8"), ("hhi", "HHI"), ("applicants", _("申请人数"))]
    out = [
        Table("kinds", _("专利类型构成（%(scopes)s）") % {"scopes": versus(scopes)} if compared else _("本地专利类型构成"),
              [("patent_kind", _("专利类型")), *_scope_columns(scopes, mix)], _mixes("patent_kind", "kinds", scopes)),
        Table("legal_status", _("专利法律状态构成（%(scopes)s）") % {"scopes": versus(scopes)} if compared
              else _("本地专利法律状态构成"),
              [("legal_status", _("法律状态")), *_scope_columns(scopes, mix)],
              _mixes("legal_status", "legal_status", scopes)),
        Table("ipc_main_groups", _("本地技术构成（主分类大组）"), [
            ("code", _("IPC 大组")), ("patents", _("专利")),
        ], scene.get("ipc_main_groups", [])),
        Table("concentration", _("申请人集中度（%(scopes)s）") % {"scopes": versus(scopes)} if compared
              else _("本地申请人集中度"),
              ([("scope", _("范围"))] if compared else []) + concentration,
              [{**({"scope": name} if compared else {}), **s["concentration"]}
               for name, s in scopes.items() if s.get("concentration")],
              _("专利按第一申请人计：CR4、CR8为前4、前8位申请人的专利占比，HHI为各申请人占比平方和乘以10000。")),
        Table("life_cycle", _("技术生命周期（逐年申请量与申请人数，%(scopes)s）") % {"scopes": versus(scopes)} if compared
              else _("本地技术生命周期（逐年申请量与申请人数）"),
              [("year", _("年份")), *_scope_columns(scopes, [("filings", _("申请量")), ("applicants", _("申请人数"))])],
              _years(scopes), life_cycle_sentence(cycle) if cycle else ""),
    ]
    return out + ([_stages(scopes)] if compared else [])


def _years(scopes: dict[str, dict]) -> list[dict[str, Any]]:
    """Each year's filings and applicants, one column pair per scope (0 where a scope had none)."""
    rows: dict[int, dict[str, Any]] = {}
    for name, scene in scopes.items():
        prefix = "" if name == "city" else f"{name}_"
        for y in (scene.get("life_cycle") or {}).get("per_year", []):
            rows.setdefault(y["year"], {"year": y["year"]}).update(
                {f"{prefix}filings": y["filings"], f"{prefix}applicants": y["applicants"]})
    columns = [f"{'' if n == 'city' else n + '_'}{k}" for n in scopes for k in ("filings", "applicants")]
    return [{c: 0 for c in columns} | rows[y] for y in sorted(rows)]


def _stages(scopes: dict[str, dict]) -> Table:
    """The logistic fit and stage of each scope side by side (why there is none: the sentence)."""
    rows = []
    for name, scene in scopes.items():
        cycle = scene.get("life_cycle") or {}
        fit = cycle.get("fit") or {}
        years = fit.get("years")
        rows.append({"scope": name, "fit_years": f"{years[0]}—{years[1]}" if years else None,
                     "saturation": round(fit["K"]) if fit else None,
                     "midpoint": round(fit["midpoint"], 1) if fit else None, "r2": fit.get("r2"),
                     "stage": cycle.get("stage"),
                     "filings": sum(y["filings"] for y in cycle.get("per_year", []))})
    return Table("life_cycle_stages", _("技术生命周期阶段（%(scopes)s）") % {"scopes": versus(scopes)}, [
        ("scope", _("范围")), ("filings", _("申请量")), ("fit_years", _("拟合年份")), ("saturation", _("饱和量")),
        ("midpoint", _("增长中点")), ("r2", "R²"), ("stage", _("阶段")),
    ], rows, _("各范围分别拟合累计申请量的逻辑斯蒂曲线；完整年份不足8年或申请过少的范围不拟合，"
           "拟合不佳或增长中点远在数据年份之外的范围不判断阶段，阶段记为“—”。"))


def _leaders_compared(scene: dict, others: dict | None) -> list[Table]:
    """The leading applicants of the city, the province and the country, rank by rank, so that
    the reader sees who leads beyond the city (absent for an analysis stored before)."""
    scopes = scoped(scene, others)
    if len(scopes) == 1:
        return []
    lists = {name: s.get("top_applicants") or [] for name, s in scopes.items()}
    depth = max(len(v) for v in lists.values())
    rows = []
    for i in range(depth):
        row: dict[str, Any] = {"rank": i + 1}
        for name, leaders in lists.items():
            if i < len(leaders):
                row[f"{name}_name"], row[f"{name}_patents"] = leaders[i]["name"], leaders[i]["patents"]
        rows.append(row)
    columns = [("rank", _("排名"))] + [
        (f"{name}_{k}", _("%(scope)s%(header)s") % {"scope": _(SCOPES[name]), "header": h})
        for name in scopes for k, h in (("name", _("申请人")), ("patents", _("专利")))]
    return [Table("top_applicants_scopes", _("主要申请人（%(scopes)s）") % {"scopes": versus(scopes)}, columns, rows)]


def _inventor_and_citation_tables(scene: dict) -> list[Table]:
    """The leading inventors and the citations, or empty tables saying the export had no such column."""
    inventors = scene.get("top_inventors")
    citations = scene.get("citations")
    no_citations = "" if citations is not None else _(NO_CITATIONS)
    cited = citations or {}
    summary = (_("有被引用数据的专利%(n)s件，共被引用%(m)s次。") % {"n": cited["patents_with_data"], "m": cited["total_cited_by"]}
               if citations is not None else no_citations)
    return [
        Table("top_inventors", _("本地主要发明人"), [("name", _("发明人")), ("patents", _("专利"))], inventors or [],
              "" if inventors is not None else _(NO_INVENTORS)),
        Table("most_cited", _("本地高被引专利"), [
            ("pub_number", _("公开号")), ("title", _("名称")), ("cited_by", _("被引用次数")),
        ], cited.get("most_cited", []), summary),
        Table("citations_by_year", _("本地专利被引用情况（按申请年）"), [
            ("year", _("年份")), ("patents", _("有被引用数据的专利")), ("cited_by", _("被引用次数")),
        ], [{"year": y, **v} for y, v in sorted(cited.get("by_year", {}).items())], no_citations),
    ]


# Why a table is empty: the dataset's export had no such column (docs/navigation.md).
NO_INVENTORS = gettext_noop("导出数据不含发明人，未统计主要发明人。")
NO_CITATIONS = gettext_noop("导出数据不含被引用次数，未统计引证指标。")


_HEADERS = {k: gettext_noop(v) for k, v in {
    "key": "节点", "name": "名称", "node": "节点", "node_name": "技术分支", "type": "类型", "home": "所在地区",
    "patents": "专利", "city_patents": "本地专利", "city_share": "本地占比", "city_rta": "本地 RTA",
    "country_share": "全国占比", "city_cagr": "本地年均增长", "country_patents": "全国专利",
    "country_cagr": "全国年均增长",
}.items()}
_APPLICANT = gettext_noop("申请人")
_FINDINGS = {
    "strengths": gettext_noop("优势领域"), "gaps": gettext_noop("短板领域"),
    "local_players": gettext_noop("本地重点创新主体"), "partners": gettext_noop("外地合作对象"),
}


def csv_bytes(table: Table) -> bytes:
    """The table alone, header on the first line: a rectangular CSV that ``csv.reader``, pandas
    and the users' scripts read as it is. Its 统计口径 and versions are not in it (a line above the
    header or a trailing comment line breaks those readers); the page says them under the table and
    the link's title points to the XLSX, whose 说明 sheet holds them (docs/navigation.md)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(safe_row(table.header()))
    for row in table.values():
        writer.writerow(safe_row(row))
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")  # BOM: Excel opens UTF-8 Chinese correctly


# The XLSX's second sheet, for a reader of the downloaded table alone: what it counts and from what.
NOTES_SHEET = gettext_noop("说明")
_FRACTIONS = gettext_noop("占比、增长率等列为小数（0.25 即 25%），页面上显示为百分数。")


def xlsx_bytes(table: Table, *, caption: str, about: Sequence[tuple[str, str]] = ()) -> bytes:
    """The table on the first sheet as before (row 1 the caption, row 2 the header, the data from
    row 3: the layout readers' scripts rely on), and a second sheet 说明 of (label, text) rows: the
    table's title, its 统计口径 (``basis``), its sentence, how shares are written, then ``about``
    (the project, the definition and data versions, when it was analysed). In the request's
    language, as the page."""
    wb = Workbook()
    ws = wb.active
    ws.title = table.name[:31]
    ws.append(safe_row([caption + (_("（统计口径见“说明”工作表）") if table.basis else "")]))
    ws.append(safe_row(table.header()))
    for row in table.values():
        ws.append(safe_row(row))
    notes = wb.create_sheet(_(NOTES_SHEET))
    rows = [(_("表"), table.title), (_("统计口径"), table.basis), (_("表注"), table.sentence),
            (_("数值"), _(_FRACTIONS) if any(k in PERCENT_COLUMNS for k, _h in table.columns) else ""), *about]
    for label, text in rows:
        if text:
            notes.append(safe_row([label, text]))
    notes.column_dimensions["A"].width = 16
    notes.column_dimensions["B"].width = 100
    for (_label, text_cell) in notes.iter_rows():
        text_cell.alignment = Alignment(wrap_text=True, vertical="top")
    return workbook_bytes(wb)
