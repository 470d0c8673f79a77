"""The 终期评估报告 (final evaluation report) in words: the document both renderers lay out.

Kept out of ``compose`` (which registers it) so that module stays the other kinds'. Only the
snapshot's numbers are printed (``reports.snapshot.final``: the 终期评估 page's own figures).
"""

from __future__ import annotations

from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from ipcity.reports.document import Document, _sample_notice, num, place_words, report_date, section_heading

# 五、下一步工作 is the office's to write: the report holds its place with a paragraph saying so, which
# the office replaces in the Word version before handing the report over.
NEXT_STEPS_PLACEHOLDER = gettext_noop(
    "（本部分由知识产权办公室填写：请在 Word 版本中将本段替换为下一步工作安排，如巩固试点成果、"
    "未达成指标和未完成任务的后续措施、新一轮规划的衔接等。）")

# The page's and the .xlsx's rule, in one sentence under the table.
METHOD_NOTE = gettext_noop(
    "说明：期末目标为最晚年份的目标值；实际值取该年份的现行值，该年没有时取此前最近一年的值并注明年份，"
    "“年均值”指标取至该年份的平均值；达成与否按研判方法的比较规则（越大越好为“不低于”，越小越好为“不高于”）。")


def value_year_text(r: dict) -> str:
    """The year of the final value as the page says it: 2026年, 2025年（2026年无数据）, 2024—2026年平均."""
    if r["value"] is None or r["value_year"] is None:
        return "—"
    if r["value_kind"] == "average" and r["years_in_mean"]:
        return _("%(first)s—%(last)s年平均") % {"first": r["years_in_mean"][0], "last": r["value_year"]}
    if r["from_earlier_year"]:
        return _("%(year)s年（%(final)s年无数据）") % {"year": r["value_year"], "final": r["final_year"]}
    return _("%(year)s年") % {"year": r["value_year"]}


def target_text(r: dict) -> str:
    if r["final_year"] is None:
        return r["qualitative_target"] or "—"
    return f"{r['comparator']}{num(r['final_target'])}"


def compose_final(s: dict) -> Document:
    prog = s["program"]
    period = {"start": prog["start_year"], "end": prog["end_year"]}
    words = place_words(prog)
    # a city's or a county's programme is accepted (验收) by the provincial office, a province's by CNIPA
    addressee = _("国家知识产权局：") if words["level"] == "province" else _("省知识产权局：")
    doc = Document(kind="final", title=_("%(region)s知识产权%(programme)s建设终期评估报告") % {
        "region": prog["region"], **words}, addressee=addressee,
        signature=prog["issuer"] or _("%(place)s知识产权局") % words, date=report_date(s))
    _sample_notice(doc, prog)
    if s.get("period_ended", True):
        doc.p(_("《%(title)s》规划期（%(start)s—%(end)s年）已结束。根据%(pilot)s验收工作要求，现将终期评估情况报告如下。")
              % {"title": prog["title"], "pilot": words["pilot"], **period})
    else:  # archived before its period ended
        doc.p(_("《%(title)s》规划期为%(start)s—%(end)s年，项目已提前归档。现将截至归档时的终期评估情况报告如下。")
              % {"title": prog["title"], **period})
    _basics(doc, s)
    _indicators(doc, s)
    _tasks(doc, s)
    _problems(doc, s)
    doc.h(1, _("五、下一步工作"))
    doc.p(_(NEXT_STEPS_PLACEHOLDER))
    return doc


def _basics(doc: Document, s: dict) -> None:
    prog = s["program"]
    doc.h(1, _("一、基本情况"))
    issued = _("由%(issuer)s印发（%(number)s）") if prog["doc_number"] else _("由%(issuer)s印发")
    government = _("%(place)s人民政府") % place_words(prog)
    words = {"title": prog["title"], "issued": issued % {"issuer": prog["issuer"] or government,
                                                         "number": prog["doc_number"]},
             "start": prog["start_year"], "end": prog["end_year"], "n": len(s["indicators"]), "t": s["task_total"]}
    if s["round"] is None:  # the tasks are counted from the last round's roll-up: without one, not said
        doc.p(_("《%(title)s》%(issued)s，规划期为%(start)s—%(end)s年，共设目标指标%(n)s项。") % words)
    else:
        doc.p(_("《%(title)s》%(issued)s，规划期为%(start)s—%(end)s年，共设目标指标%(n)s项、重点任务%(t)s项。") % words)
    if not s["archived"]:
        state = _("规划期已结束，项目尚未归档。")
    elif s.get("period_ended", True):
        state = _("项目已归档。")
    else:
        state = _("规划期尚未结束，项目已提前归档。")
    doc.p(state + _("本报告的数据统计截至%(date)s，与平台“终期评估”页面一致。") % {"date": report_date(s)})


def _indicators(doc: Document, s: dict) -> None:
    doc.h(1, _("二、目标指标完成情况"))
    counts = {c["code"]: c["count"] for c in s["counts"]}
    doc.p(_("纳入评估的指标共%(n)s项，其中已达成%(a)s项、未达成%(b)s项、无数据%(c)s项、无数值目标%(d)s项。") % {
        "n": len(s["indicators"]), "a": counts.get("achieved", 0), "b": counts.get("not_achieved", 0),
        "c": counts.get("no_data", 0), "d": counts.get("no_target", 0)})
    if s["indicators"]:
        doc.table(_("表1 目标指标完成情况"),
                  [_("序号"), _("指标"), _("单位"), _("目标年份"), _("期末目标"), _("实际值"), _("实际值年份"), _("评估结果")],
                  [[i, r["name"], r["unit"] or "—", r["final_year"] or "—", target_text(r), num(r["value"]),
                    value_year_text(r), r["word"]] for i, r in enumerate(s["indicators"], start=1)],
                  widths=[6, 27, 8, 11, 11, 10, 15, 12])
    doc.table(_("表2 评估结果汇总"), [_("评估结果"), _("项数")], [[c["word"], c["count"]] for c in s["counts"]],
              widths=[60, 40])
    doc.p(_(METHOD_NOTE))


def _tasks(doc: Document, s: dict) -> None:
    doc.h(1, _("三、重点任务完成情况"))
    rnd = s["round"]
    if rnd is None:
        doc.p(_("项目尚无督查报送轮次，无法统计重点任务完成情况。"))
        return
    doc.p(_("依据最后一轮报送“%(round)s”（所报年度%(year)s年），重点任务共%(total)s项，已完成%(done)s项，"
            "总体完成度为%(completion)s%%。") % {
        "round": rnd["title"], "year": rnd["period_year"], "total": s["task_total"], "done": s["tasks_done"],
        "completion": s["completion"]})
    doc.table(_("表3 各任务板块完成情况"), [_("任务板块"), _("任务数"), _("已完成"), _("完成度")],
              [[_heading(sec), sec["count"], sec["done"], f"{sec['completion']}%"] for sec in s["sections"]],
              widths=[52, 16, 16, 16])


def _heading(sec: dict) -> str:
    return section_heading(sec["heading"])


def _problems(doc: Document, s: dict) -> None:
    doc.h(1, _("四、存在的问题"))
    behind = [r for r in s["indicators"] if r["result"] == "not_achieved"]
    no_data = [r for r in s["indicators"] if r["result"] == "no_data"]
    unfinished = [(sec, t) for sec in s["sections"] for t in sec["unfinished"]]
    if not behind and not no_data and not unfinished:
        doc.p(_("全部有数值目标的指标均已达成，重点任务均已完成。"))
        return
    doc.h(2, _("（一）未达成的指标"))
    if not behind:
        doc.p(_("没有未达成的指标。"))
    for i, r in enumerate(behind, start=1):
        doc.h(3, f"{i}.{r['name']}")
        doc.p(_("期末目标为%(year)s年%(target)s，实际值为%(value)s（%(value_year)s），未达成。") % {
            "year": r["final_year"], "target": target_text(r) + r["unit"], "value": num(r["value"], r["unit"]),
            "value_year": value_year_text(r)})
    if no_data:
        doc.p(_("另有%(n)s项指标至目标年份没有实际值，无法评估：%(names)s。") % {
            "n": len(no_data), "names": "、".join(r["name"] for r in no_data)})
    doc.h(2, _("（二）未完成的重点任务"))
    if s["round"] is None:
        doc.p(_("项目尚无督查报送轮次，无法列出未完成的任务。"))
    elif not unfinished:
        doc.p(_("最后一轮报送中，重点任务均已完成。"))
    else:
        doc.p(_("最后一轮报送中，以下%(n)s项任务牵头部门未报告已完成。") % {"n": len(unfinished)})
        doc.table(_("表4 未完成的重点任务"), [_("编号"), _("任务"), _("牵头部门"), _("进展"), _("进度")],
                  [[t["ref"], t["title"], t["department"] or "—", t["status_label"],
                    "—" if t["progress"] is None else f"{t['progress']}%"] for _sec, t in unfinished],
                  widths=[15, 41, 18, 14, 12])
