"""The navigation report (专利导航报告) in the GB/T 9704 layout: the reports app's ``Document``,
charts and renderers over a stored analysis result (``compute.run``); every chart has its data
in the appendix (附件), and the first section names the definition and data versions."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ipcity.divisions import display_name
from ipcity.navigation.models import NavigationProject
from ipcity.navigation.tables import bases, cell, scoped, tables, versus
from ipcity.reports.build import REPORT_LANGUAGE
from ipcity.reports.charts import Series, bar_chart, line_chart
from ipcity.reports.document import Document, cn_date, cn_number

FORMATS = ("pdf", "docx")


def _pct(value) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _ratio(value) -> str:
    return "—" if value is None else f"{value:.2f}"


def compose_report(project: NavigationProject, result: dict, *, version_number: int, dataset_version: str,
                   today: dt.date | None = None) -> Document:
    pos, imp, net, scene = result["position"], result["implications"], result["network"], result["landscape"]
    definition = result["definition"]
    region = project.region.name
    doc = Document(kind="navigation", title=_("%(region)s%(industry)s产业专利导航报告") % {
        "region": region, "industry": definition["name"]}, signature=project.program.issuer or "",
        date=cn_date(today or timezone.localdate()))  # Beijing's day: on 31 Dec after 16:00 UTC it is 1 Jan
    appendix: list[tuple[str, list[str], list[list]]] = []
    data_tables = tables(result)
    position_basis, landscape_basis = bases(result)

    doc.h(1, _("一、导航范围与数据"))
    doc.p(_("本报告按 GB/T 39551-2020《专利导航指南》，以专利数据分析%(region)s在%(industry)s产业中的区域定位、"
            "竞争格局、创新主体和发展方向。") % {"region": region, "industry": definition["name"]})
    doc.p(_("技术分解采用第%(n)s版（内容标识 %(hash)s），共%(nodes)s个技术分支；专利数据为数据集“%(dataset)s”"
            "（版本 %(dv)s）。专利按申请计数（同一申请号的公开与授权文本计一件），按第一申请人所在地区归属。") % {
        "n": version_number, "hash": definition["version"], "nodes": len(pos["nodes"]),
        "dataset": project.dataset, "dv": dataset_version})
    # the two parts count different patents of the city: each says which (tables.bases)
    doc.p(_("区域定位（图2、表1）的%(basis)s") % {"basis": position_basis})
    doc.p(_("产业趋势与竞争格局（图1、表2、表3）的%(basis)s") % {"basis": landscape_basis})
    doc.p(_("增长率为%(a)s—%(b)s年的年均复合增长率；最近18个月的申请尚未全部公开，近期增长偏低。") % {
        "a": pos["growth_years"][0], "b": pos["growth_years"][-1]})
    if isinstance(pos.get("citations"), str):
        doc.p(pos["citations"] + "。")

    doc.h(1, _("二、区域发展定位"))
    years = sorted(scene.get("applications_by_year", {}))
    trend = [(int(y), scene["applications_by_year"][y]) for y in years]
    grants = [(int(y), scene.get("grants_by_year", {}).get(y, 0)) for y in years]
    if trend:
        caption = _("图1 本地产业专利申请与授权趋势")
        doc.chart(caption, line_chart([Series(_("申请量"), trend), Series(_("授权量"), grants)],
                                      title=caption, unit=_("件")))
        appendix.append((caption, [_("年份"), _("申请量"), _("授权量")],
                         [[y, a, g] for (y, a), (_y, g) in zip(trend, grants, strict=True)]))
    nodes = pos["nodes"]
    caption = _("图2 各技术分支显示性技术优势（RTA）")
    categories = [n["name"] for n in nodes]
    doc.chart(caption, bar_chart(categories, [
        Series(region, [(i, n["city_rta"]) for i, n in enumerate(nodes)]),
        Series(_("全省"), [(i, n["province_rta"]) for i, n in enumerate(nodes)]),
    ], title=caption))
    appendix.append((caption, [_("技术分支"), _("本地 RTA"), _("全省 RTA")],
                     [[n["name"], _ratio(n["city_rta"]), _ratio(n["province_rta"])] for n in nodes]))
    doc.p(_("RTA 为本地该分支专利占本地全部专利的比重除以全国相应比重，大于1表示具有相对优势。"))
    doc.table(_("表1 各技术分支的区域定位"),
              [_("技术分支"), _("本地专利"), _("本地 RTA"), _("全国专利"), _("全国年均增长"), _("本地高价值占比")],
              [[n["name"], n["city_patents"], _ratio(n["city_rta"]), n["country_patents"], _pct(n["country_cagr"]),
                _pct(n["city_high_value_share"])] for n in nodes], widths=[28, 14, 14, 14, 15, 15])
    doc.p(position_basis)

    doc.h(1, _("三、产业竞争格局"))
    leaders = scene.get("top_applicants", [])[:10]
    conc = scene.get("concentration") or {}
    if conc:
        doc.p(_("本地前4位申请人集中度 CR4 为%(cr4)s，CR8 为%(cr8)s，HHI 为%(hhi)s。") % {
            "cr4": _pct(conc.get("cr4")), "cr8": _pct(conc.get("cr8")), "hhi": _ratio(conc.get("hhi"))})
    doc.table(_("表2 本地主要申请人"), [_("申请人"), _("专利"), _("类型")],
              [[a["name"], a["patents"], cell("type", a.get("type") or "—")] for a in leaders] or [["—", "", ""]],
              widths=[60, 20, 20])
    compared = _scopes_compared(doc, scene, result.get("landscape_scopes"))
    doc.p(landscape_basis)

    doc.h(1, _("四、创新主体与合作"))
    s = net["summary"]
    doc.p(_("本地有合作申请的专利%(p)s件，涉及申请人%(a)s个、合作关系%(e)s对，其中产学研合作%(i)s对；"
            "本地申请人%(l)s个，外地合作伙伴%(o)s个。") % {"p": s["patents"], "a": s["applicants"], "e": s["edges"],
                                                 "i": s["iur_edges"], "l": s["local_applicants"], "o": s["outside_partners"]})
    partners = net["partners"][:10]
    if partners:
        doc.table(_("表%(n)s 本地申请人的主要外地合作伙伴") % {"n": 3 + compared}, [_("本地申请人"), _("合作伙伴"), _("所在地区"), _("合作专利")],
                  [[p["local"], p["partner"], _region(p.get("partner_home")), p["weight"]] for p in partners],
                  widths=[32, 32, 18, 18])
    appendix += _inventors_and_citations(doc, scene, data_tables, table_number=3 + compared + bool(partners))

    doc.h(1, _("五、发展建议"))
    for i, key in enumerate(("strengths", "gaps", "local_players", "partners"), start=1):
        finding = imp[key]
        doc.h(2, f"（{cn_number(i)}）{finding['title']}")
        doc.p(finding["sentence"])
        table = data_tables[key]
        if table.rows:
            doc.table("", table.header(), [[_cell(cell(k, r.get(k))) for k, _h in table.columns] for r in table.rows[:10]])

    doc.h(1, _("附件：图表数据"))
    for caption, head, rows in appendix:
        doc.table(caption, head, rows)
    return doc


def _inventors_and_citations(doc: Document, scene: dict, data_tables: dict,
                             table_number: int) -> list[tuple[str, list[str], list[list]]]:
    """图3 the leading inventors, 图4 and 表4 the citations; or a sentence saying the export had no
    such column. Returns the charts' data for the appendix."""
    appendix = []
    inventors = data_tables["top_inventors"]
    if scene.get("top_inventors") is None:
        doc.p(inventors.sentence)
    elif inventors.rows:
        leaders = inventors.rows[:10]
        caption = _("图3 本地主要发明人")
        doc.chart(caption, bar_chart([i["name"] for i in leaders], [
            Series(_("专利"), [(n, i["patents"]) for n, i in enumerate(leaders)])], title=caption, unit=_("件")))
        doc.p(_("发明人按姓名归并（全半角、繁简、空格统一），同名的不同发明人无法区分。"))
        appendix.append((caption, inventors.header(), inventors.values()))
    citations = scene.get("citations")
    doc.p(data_tables["most_cited"].sentence)
    if citations is not None and citations["patents_with_data"]:
        years = data_tables["citations_by_year"]
        caption = _("图4 本地专利被引用次数（按申请年）")
        doc.chart(caption, bar_chart([str(r["year"]) for r in years.rows], [
            Series(_("被引用次数"), [(n, r["cited_by"]) for n, r in enumerate(years.rows)])], title=caption,
            unit=_("次")))
        appendix.append((caption, years.header(), years.values()))
        most = data_tables["most_cited"]
        doc.table(_("表%(n)s 本地高被引专利") % {"n": table_number}, most.header(), [[_cell(v) for v in row] for row in most.values()],
                  widths=[25, 55, 20])
    return appendix


def _scopes_compared(doc: Document, scene: dict, others: dict | None) -> int:
    """表3: the city's industry beside its province's and the country's (size, kind and legal
    status, concentration, life-cycle stage), one column per scope. Returns the number of tables
    written (0 for an analysis stored before those landscapes were computed)."""
    scopes = scoped(scene, others)
    if len(scopes) == 1:
        return 0

    def share(s: dict, field: str, value: str):
        total = sum((s.get(field) or {}).values())
        return (s.get(field) or {}).get(value, 0) / total if total else None

    def stage(s: dict) -> str:
        found = (s.get("life_cycle") or {}).get("stage")
        return cell("stage", found) if found else "—"

    rows = [
        (_("专利（件）"), lambda s: s.get("patents", 0)),
        (_("发明专利占比"), lambda s: _pct(share(s, "kinds", "invention"))),
        (_("有效专利占比"), lambda s: _pct(share(s, "legal_status", "valid"))),
        ("CR4", lambda s: _pct((s.get("concentration") or {}).get("cr4"))),
        ("CR8", lambda s: _pct((s.get("concentration") or {}).get("cr8"))),
        ("HHI", lambda s: _whole((s.get("concentration") or {}).get("hhi"))),
        (_("申请人数"), lambda s: (s.get("concentration") or {}).get("applicants", 0)),
        (_("申请量最多的申请人"), lambda s: (s.get("top_applicants") or [{"name": "—"}])[0]["name"]),
        (_("技术生命周期阶段"), stage),
    ]
    doc.p(_("将%(scopes)s的同一产业相比（全国指数据集中归属于地区的专利）：专利数量和类型、法律状态构成，"
            "申请人集中度，以及各自拟合的技术生命周期阶段。") % {"scopes": versus(scopes)})
    doc.table(_("表3 %(scopes)s产业格局对比") % {"scopes": versus(scopes)}, [_("指标"), *[cell("scope", name) for name in scopes]],
              [[label, *[get(s) for s in scopes.values()]] for label, get in rows],
              widths=[28, *[72 // len(scopes)] * len(scopes)])
    return 1


def _whole(value) -> str:
    return "—" if value is None else f"{value:.0f}"


def _region(code: str | None) -> str:
    return (display_name(code) or code) if code else "—"


def _cell(value) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    return "—" if value is None else str(value)


def render(project: NavigationProject, result: dict, fmt: str, *, version_number: int, dataset_version: str) -> bytes:
    if fmt not in FORMATS:
        raise ValueError(f"format {fmt!r}")
    with translation.override(REPORT_LANGUAGE):
        document = compose_report(project, result, version_number=version_number, dataset_version=dataset_version)
    if fmt == "pdf":
        from ipcity.reports.render.pdf import render_pdf

        return render_pdf(document)
    from ipcity.reports.render.docx import render_docx

    return render_docx(document)
