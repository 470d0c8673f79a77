"""A snapshot in words: the text of each report kind (annual report, 情况通报, white paper,
summary), written with ``document``'s primitives; the 终期评估报告 is in ``compose_final``. Only the
snapshot's numbers are printed."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipcity.reports.charts import Series, bar_chart, line_chart
from ipcity.reports.compose_final import compose_final
from ipcity.reports.document import (
    SAMPLE_NOTICE,
    Document,
    _sample_notice,
    cn_date,
    cn_number,
    num,
    place_words,
    report_date,
    section_heading,
)

__all__ = ["SAMPLE_NOTICE", "compose"]


def compose(snapshot: dict) -> Document:
    return {"annual": _annual, "bulletin": _bulletin, "whitepaper": _whitepaper, "summary": _summary,
            "final": compose_final}[snapshot["kind"]](snapshot)


def _indicator_chart(row: dict) -> str:
    series = [Series(_("实际值"), [tuple(p) for p in row["series"]]),
              Series(_("规划目标"), [tuple(p) for p in row["plan"]], dashed=True)]
    if row["reference"]:
        series.append(Series(_("参照值"), [tuple(p) for p in row["reference"]]))
    return line_chart(series, title=row["name"], unit=row["unit"])


def _annual(s: dict) -> Document:
    prog, year = s["program"], s["year"]
    words = place_words(prog)
    doc = Document(kind="annual", title=_("%(region)s知识产权%(programme)s建设%(year)s年度监测评估报告") % {
        "region": prog["region"], "year": year, **words},
        addressee=_("%(place)s知识产权%(programme)s建设工作领导小组：") % words,
        signature=prog["issuer"] or _("%(place)s知识产权局") % words, date=report_date(s))
    counts = {c["code"]: c["count"] for c in s["year_counts"]}
    n = len(s["indicators"])
    _sample_notice(doc, prog)
    doc.p(_("根据《%(title)s》，现将%(year)s年度监测评估情况报告如下。") % {"title": prog["title"], "year": year})
    doc.h(1, _("一、总体情况"))
    doc.p(_("全%(place)s纳入监测的指标共%(n)s项，其中年度目标达标%(met)s项、接近%(near)s项、滞后%(behind)s项，"
            "暂无数据或无年度目标%(other)s项。重点任务总体完成度为%(completion)s%%。") % {
        "place": words["place"], "n": n, "met": counts.get("met", 0), "near": counts.get("near", 0), "behind": counts.get("behind", 0),
        "other": counts.get("no_data", 0) + counts.get("no_target", 0), "completion": s["completion"]})
    doc.table(_("表1 指标研判汇总"), [_("研判"), _("项数")],
              [[c["word"], c["count"]] for c in s["year_counts"] if c["count"]]
              + [[_("终期：") + c["word"], c["count"]] for c in s["outlook_counts"] if c["count"]])
    doc.h(1, _("二、指标完成情况"))
    doc.table(_("表2 指标监测一览"), [_("指标"), _("基期值"), _("年度目标"), _("实际值"), _("年度研判"), _("终期研判")],
              [[r["name"] + (f"（{r['unit']}）" if r["unit"] else ""),
                num(r["baseline"]), num(r["target"] if r["target"] is not None else r["expected"]),
                num(r["actual"]), r["year_word"], r["outlook_word"]] for r in s["indicators"]],
              widths=[34, 12, 12, 12, 14, 16])
    figure = 0  # figures numbered by themselves: an indicator without values has none (no 图4 → 图6)
    for i, r in enumerate(s["indicators"], start=1):
        doc.h(2, f"（{cn_number(i)}）{r['name']}")
        if r["actual"] is None:
            doc.p(_("%(year)s年尚无实际值。") % {"year": year})
        else:
            doc.p(_("%(year)s年实际值为%(actual)s，基期（%(by)s年）值为%(base)s，年度目标为%(target)s，"
                    "年度研判为“%(yw)s”，终期研判为“%(ow)s”。") % {
                "year": year, "actual": num(r["actual"], r["unit"]), "by": r["baseline_year"] or "—",
                "base": num(r["baseline"], r["unit"]), "target": num(r["target"] if r["target"] is not None
                                                                     else r["expected"], r["unit"]),
                "yw": r["year_word"], "ow": r["outlook_word"]})
        if r["series"]:
            figure += 1
            doc.chart(_("图%(i)s %(name)s") % {"i": figure, "name": r["name"]}, _indicator_chart(r))
    doc.h(1, _("三、重点任务推进情况"))
    for i, sec in enumerate(s["sections"], start=1):
        doc.h(2, f"（{cn_number(i)}）{section_heading(sec['title'])}")
        doc.p(_("本部分共%(n)s项任务，已完成%(done)s项，完成度%(c)s%%。") % {
            "n": sec["count"], "done": sec["done"], "c": sec["completion"]})
        doc.table("", [_("编号"), _("任务"), _("牵头部门"), _("进展"), _("进度")],
                  [[t["ref"], t["title"], t["department"] or "—", t["status_label"],
                    "—" if t["progress"] is None else f"{t['progress']}%"] for t in sec["tasks"]],
                  widths=[10, 46, 18, 14, 12])
    doc.h(1, _("四、存在的问题和下一步工作"))
    if not s["problems"]:
        doc.p(_("各部门报送的报告中未反映进度滞后问题。"))
    for i, li in enumerate(s["problems"], start=1):
        doc.h(3, f"{i}.{li['department']}：{li['task_title']}")
        if li["reason"]:
            doc.p(_("问题：") + li["reason"])
        if li["remedy"]:
            doc.p(_("下一步：") + li["remedy"])
    doc.h(1, _("五、滞后事项及原因"))
    if not s["behind_indicators"] and not s["behind_tasks"]:
        doc.p(_("本年度没有滞后的指标和任务。"))
    for r in s["behind_indicators"]:
        doc.p(_("%(name)s：年度研判“%(yw)s”，终期研判“%(ow)s”；实际值%(actual)s，应达%(expected)s。") % {
            "name": r["name"], "yw": r["year_word"], "ow": r["outlook_word"],
            "actual": num(r["actual"], r["unit"]), "expected": num(r["expected"], r["unit"])})
    if s["behind_tasks"]:
        doc.table(_("表3 滞后和逾期任务"), [_("部门"), _("任务"), _("状态"), _("原因")],
                  [[t["department"], t["task_title"], t["colour_word"], t["reason"]] for t in s["behind_tasks"]],
                  widths=[20, 40, 12, 28])
    return doc


def _bulletin(s: dict) -> Document:
    prog, rnd = s["program"], s["round"]
    words = place_words(prog)
    issuer = prog["issuer"] or _("知识产权%(programme)s建设工作领导小组办公室") % words
    doc = Document(kind="bulletin", title=_("关于%(round)s的情况通报") % {"round": rnd["title"]},
                   addressee=_("各成员单位："), signature=issuer, date=report_date(s),
                   masthead=_("知识产权%(programme)s建设工作情况通报") % words,
                   # 发文字号's year is the year the document is issued (its date below), not the year
                   # reported on: a December bulletin on the year before read 强市办〔2025〕 dated 2026.
                   doc_number=_("%(code)s〔%(year)s〕%(n)s号") % {
                       "code": _("%(programme)s办") % words, "year": dt.date.fromisoformat(s["as_of_date"]).year, "n": rnd["number"]})
    c = s["counts"]
    _sample_notice(doc, prog)
    doc.p(_("截至%(date)s，本轮（截止日期%(due)s）各成员单位报送情况通报如下。") % {
        "date": report_date(s), "due": cn_date(dt.date.fromisoformat(rnd["due_date"]))})
    doc.h(1, _("一、报送情况"))
    doc.p(_("按时报送%(a)s个单位，逾期报送%(b)s个单位，未报送%(c)s个单位。") % {
        "a": len(s["on_time"]), "b": len(s["late"]), "c": len(s["missing"])})
    if s["not_due"]:
        doc.p(_("另有%(n)s个单位尚未报送，未到截止日期。") % {"n": len(s["not_due"])})
    for label, names in ((_("按时报送："), s["on_time"]), (_("逾期报送："), s["late"]), (_("未报送："), s["missing"]),
                         (_("尚未报送（未到截止日期）："), s["not_due"])):
        if names:
            doc.p(label + "、".join(names) + "。")
    doc.h(1, _("二、审核情况"))
    doc.p(_("已审核通过%(a)s个单位，被退回修改%(b)s个单位。") % {"a": len(s["accepted"]), "b": len(s["returned"])})
    if s["returned"]:
        doc.p(_("被退回的单位：") + "、".join(s["returned"]) + "。")
    doc.h(1, _("三、任务推进情况"))
    doc.p(_("全部任务事项中，逾期（红）%(r)s项，滞后（黄）%(y)s项，正常（绿）%(g)s项，"
            "即将到期%(b)s项，未到期%(gr)s项。") % {"r": c["red"], "y": c["yellow"], "g": c["green"], "b": c["blue"],
                                             "gr": c["grey"]})
    head = [_("红"), _("黄"), _("绿"), _("即将到期"), _("未到期")]
    keys = ("red", "yellow", "green", "blue", "grey")
    doc.table(_("表1 按任务分类"), [_("任务分类"), *head],
              [[x["title"], *[x[k] for k in keys]] for x in s["sections"]], widths=[40, 12, 12, 12, 12, 12])
    doc.table(_("表2 按部门"), [_("部门"), *head],
              [[x["department"], *[x[k] for k in keys]] for x in s["departments"]], widths=[40, 12, 12, 12, 12, 12])
    doc.h(1, _("四、考核评分"))
    m = s["method"]
    doc.p(_("评分方法：按时报送得%(t)s分，每逾期一天扣%(lp)s分；未被退回得%(r)s分，每退回一次扣%(rp)s分；"
            "内容完整度满分%(c)s分。未到期的报告不计分。") % {
        "t": m["timeliness"], "lp": m["late_penalty"], "r": m["returns"], "rp": m["return_penalty"],
        "c": m["completeness"]})
    doc.table(_("表3 评分排名"), [_("排名"), _("部门"), _("得分"), _("逾期天数"), _("退回次数"), _("完整度")],
              [[r["rank"] or "—", r["department"], num(r["score"]), r["days_late"], r["times_returned"],
                "—" if r["completeness"] is None else f"{r['completeness']}%"] for r in s["scorecard"]],
              widths=[10, 36, 14, 14, 14, 12])
    if s["red_cells"]:
        doc.h(1, _("五、需要督办的事项"))
        for i, x in enumerate(s["red_cells"], start=1):
            doc.p(f"{i}.{x['department']}：{x['task_title']}（{x['reason']}）")
    return doc


def _whitepaper(s: dict) -> Document:
    prog, year = s["program"], s["year"]
    doc = Document(kind="whitepaper", title=_("%(region)s%(year)s年知识产权发展与保护状况白皮书") % {
        "region": prog["region"], "year": year}, signature=prog["issuer"], date=report_date(s))
    _sample_notice(doc, prog)
    doc.h(1, _("一、概述"))
    for para in (s.get("text") or "").splitlines():
        doc.p(para.strip())
    # a snapshot frozen before the city's records were printed lays out as it did then
    with_records = all("city_records" in x for x in s["series"])
    if with_records and not all(_patents_only(x) for x in s["series"]):
        doc.p(_("本白皮书共%(n)s项由知识产权记录（专利、商标、质押、许可转让、著作权登记）计算的指标。本%(place)s数据凡知识产权办公室"
                "已有记录值的年份采用记录值，与年度报告和监测页面一致，其余年份由知识产权记录计算；各年来源见“三、数据来源说明”。")
              % {"n": len(s["series"]), "place": place_words(prog)["place"]})
    elif with_records:
        doc.p(_("本白皮书共%(n)s项由专利记录计算的指标。本%(place)s数据凡知识产权办公室已有记录值的年份采用记录值，"
                "与年度报告和监测页面一致，其余年份由专利记录计算；各年来源见“三、数据来源说明”。") % {
            "n": len(s["series"]), "place": place_words(prog)["place"]})
    else:
        doc.p(_("本白皮书的数据由专利记录计算得出，共%(n)s项指标。") % {"n": len(s["series"])})
    for sentence in _country_sentences(s["series"]):
        doc.p(sentence)
    doc.h(1, _("二、主要指标"))
    for i, x in enumerate(s["series"], start=1):
        doc.h(2, f"（{cn_number(i)}）{x['name']}")
        doc.p(_("%(year)s年%(name)s为%(v)s。") % {"year": x["latest_year"], "name": x["key_label"],
                                                "v": num(x["latest"], x["unit"])})
        # city / province / country side by side; a comparison without figures gets no line and no column
        columns = [(prog["region"], x["city"])]
        if x["province"]:
            columns.append((_("全省"), x["province"]))
        if x.get("country"):
            columns.append((_country_name(x), x["country"]))
        series = [Series(name, [tuple(p) for p in points]) for name, points in columns]
        if x["references"]:
            series.append(Series(x["references"][0][2], [(p[0], p[1]) for p in x["references"]]))
        doc.chart(_("图%(i)s %(name)s") % {"i": i, "name": x["name"]}, line_chart(series, title=x["name"], unit=x["unit"]))
        by_year = [dict((p[0], p[1]) for p in points) for _name, points in columns[1:]]
        widths = {1: [30, 70], 2: [20, 40, 40], 3: [16, 28, 28, 28]}[len(columns)]
        doc.table("", [_("年份"), *(name for name, _points in columns)],
                  [[y, num(v), *(num(values.get(y)) for values in by_year)] for y, v in x["city"]], widths=widths)
    if with_records:
        doc.h(1, _("三、数据来源说明"))
        for x in s["series"]:
            doc.p(_city_source_sentence(x))
    return doc


def _years_text(years: list[int]) -> str:
    """2021, 2022, 2024 → 2021—2022、2024."""
    runs: list[list[int]] = []
    for y in years:
        if runs and y == runs[-1][1] + 1:
            runs[-1][1] = y
        else:
            runs.append([y, y])
    return "、".join(str(a) if a == b else f"{a}—{b}" for a, b in runs)


def _patents_only(x: dict) -> bool:
    """Whether a white paper's series reads patent records alone (a snapshot frozen before the
    series named their kinds read patents: only patent figures were printed then)."""
    return set(x.get("kinds") or ["patent"]) == {"patent"}


# The sentences of 三、数据来源说明, for a patent figure and for one that reads trademarks, pledges,
# licences or copyright (its dataset is then 知识产权数据集): recorded and computed years, all
# recorded, all computed, a typed record that differs, a computed record that differs.
_SOURCE_SENTENCES = {
    True: (gettext_noop("“%(name)s”：%(recorded)s年为知识产权办公室的记录值，%(computed)s年由专利数据集“%(dataset)s”计算"),
           gettext_noop("“%(name)s”：%(recorded)s年均为知识产权办公室的记录值"),
           gettext_noop("“%(name)s”：%(computed)s年均由专利数据集“%(dataset)s”计算"),
           gettext_noop("%(year)s年记录值为%(recorded)s（人工录入），按专利数据集计算为%(engine)s"),
           gettext_noop("%(year)s年记录值为%(recorded)s，按专利数据集计算为%(engine)s")),
    False: (gettext_noop("“%(name)s”：%(recorded)s年为知识产权办公室的记录值，%(computed)s年由知识产权数据集“%(dataset)s”计算"),
            gettext_noop("“%(name)s”：%(recorded)s年均为知识产权办公室的记录值"),
            gettext_noop("“%(name)s”：%(computed)s年均由知识产权数据集“%(dataset)s”计算"),
            gettext_noop("%(year)s年记录值为%(recorded)s（人工录入），按知识产权数据集计算为%(engine)s"),
            gettext_noop("%(year)s年记录值为%(recorded)s，按知识产权数据集计算为%(engine)s")),
}


def _city_source_sentence(x: dict) -> str:
    """One sentence per indicator: which of the city's years are the office's records and which were
    computed from which dataset; where a record and the engine print differently, both numbers."""
    both, all_recorded, all_computed, typed_differs, computed_differs = _SOURCE_SENTENCES[_patents_only(x)]
    recorded = [r["year"] for r in x["city_records"]]
    computed = [y for y, _v in x["city"] if y not in recorded]
    names = {"name": x["name"], "recorded": _years_text(recorded), "computed": _years_text(computed),
             "dataset": x["dataset"]}
    if recorded and computed:
        text = _(both) % names
    elif recorded:
        text = _(all_recorded) % names
    else:
        text = _(all_computed) % names
    differences = [
        _(typed_differs if r["typed"] else computed_differs) % {
            "year": r["year"], "recorded": num(r["value"], x["unit"]), "engine": num(r["engine"], x["unit"])}
        for r in x["city_records"] if r["engine"] is not None and num(r["value"]) != num(r["engine"])]
    if differences:
        text += _("；其中%(differences)s，本白皮书采用记录值") % {"differences": "；".join(differences)}
    return text + "。"


def _country_name(x: dict) -> str:
    return _("全国") if x.get("country_source") == "records" else x.get("country_label") or _("全国")


def _country_sentences(series: list[dict]) -> list[str]:
    """Where the country's figures come from, in one sentence per source (none: one sentence saying so)."""
    if not any("country_source" in x for x in series):
        return []  # a snapshot taken before the country was compared
    groups: dict[str, list[dict]] = {}
    for x in series:
        source = x["country_source"] or ("uncomputable" if x.get("country_provinces", 0) > 1 else "")
        groups.setdefault(source, []).append(x)
    sentences = []
    for source, rows in groups.items():
        # the indicators are named only when the sources differ between them
        names = "" if len(groups) == 1 else "、".join(f"“{x['name']}”" for x in rows)
        if source == "records":
            sentences.append(_("%(names)s全国数据用同一数据集、同一方法计算：数据集的记录分属%(n)s个省级行政区，"
                               "全国值为其中有行政区划的全部国内记录。") % {"names": names,
                                                              "n": max(x.get("country_provinces", 0) for x in rows)})
        elif source == "reference":
            sentences.append(_("%(names)s全国数据采用知识产权办公室录入的参照值（%(label)s）。") % {
                "names": names, "label": "、".join(sorted({x["country_label"] for x in rows}))})
        elif source == "uncomputable":
            sentences.append(_("%(names)s没有全国对比数据：全国值无法由数据集计算（例如缺少全国年末常住人口），"
                               "也未录入全国参照值。") % {"names": names})
        else:
            sentences.append(_("%(names)s没有全国对比数据：数据集只含一个省份的记录，也未录入全国参照值。") % {"names": names})
    return sentences


def _summary(s: dict) -> Document:
    # the programme the summary was asked from names it: a county's summary is of 知识产权强县建设
    doc = Document(kind="summary", title=_("%(year)s年知识产权%(programme)s建设情况摘要") % {
        "year": s["year"], **place_words(s.get("program") or {})},
                   date=report_date(s))
    rows = s["programs"]
    samples = [x["program"]["region"] for x in rows if x["program"].get("is_sample")]
    if samples:  # the summary puts the demo's programme beside real ones: say which is invented
        doc.p(_("其中%(regions)s为平台示例项目，数据均为示例数据，不是真实统计。") % {"regions": "、".join(samples)})
    # One page (issue 13): each programme is one row, named by its region and period, with its
    # behind indicators in the row rather than a paragraph each below the chart.
    doc.table(_("各项目指标与任务"), [_("项目"), _("指标"), _("达标"), _("接近"), _("滞后"), _("任务完成度"), _("主要滞后指标")],
              [[_summary_name(x["program"]), x["indicators"], x["met"], x["near"], x["behind"],
                "—" if x["completion"] is None else f"{x['completion']}%", _summary_behind(x, few=len(rows) <= SUMMARY_FULL_ROWS)]
               for x in rows],
              widths=[27, 7, 7, 7, 7, 10, 35])
    if len(rows) <= SUMMARY_CHART_ROWS:  # the chart pictures the table's counts; more rows leave it no room
        doc.chart(_("各项目指标研判"), bar_chart(
            [x["program"]["region"] for x in rows],
            [Series(s["words"]["met"], [(k, x["met"]) for k, x in enumerate(rows)]),
             Series(s["words"]["near"], [(k, x["near"]) for k, x in enumerate(rows)]),
             Series(s["words"]["behind"], [(k, x["behind"]) for k, x in enumerate(rows)])],
            title=_("各项目指标研判"), unit=_("项"), height=130))
    return doc


# The 摘要's chart is drawn for up to this many programmes; with more, the page holds the table
# alone (its counts are the chart's), so that the summary stays one page (tests/web/reports/
# test_summary_one_page.py).
SUMMARY_CHART_ROWS = 4


# Up to this many programmes the row names up to three behind indicators; with more, the first
# one and how many there are, so that a row stays about two lines and the page holds 12.
SUMMARY_FULL_ROWS = 6


def _summary_behind(x: dict, *, few: bool) -> str:
    """知识产权质押融资金额、专利转化运用许可备案合同数 (every name the snapshot keeps, up to three); with
    ``few`` false, 知识产权质押融资金额等2项; …等4项 too when more are behind than the names kept."""
    names, count = x["behind_names"] if few else x["behind_names"][:1], x["behind"]
    if not names:
        return "—"
    if count > len(names):
        return _("%(names)s等%(n)s项") % {"names": "、".join(names), "n": count}
    return "、".join(names)


def _summary_name(program: dict) -> str:
    """示例市（2024—2026）: the region and the plan's period, enough to tell its programmes apart."""
    if program.get("start_year") and program.get("end_year"):
        return _("%(region)s（%(start)s—%(end)s）") % {"region": program["region"], "start": program["start_year"],
                                                       "end": program["end_year"]}
    return program["region"]
