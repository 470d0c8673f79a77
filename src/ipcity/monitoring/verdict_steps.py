"""The "why" of a verdict: its inputs and the formula with the numbers put in, step by step.

Built only from the ``Assessment`` (no recomputation), so what is explained is what was judged.
"""

from __future__ import annotations

from django.utils.translation import gettext as _

from ipcity.core.templatetags.punctuation import list_comma, semicolon
from ipcity.monitoring import labels
from ipcity.monitoring.engine_figures import CRITERIA_NEEDING_REFERENCE, criteria_not_applied
from ipcity.progress.method import Assessment


def fmt(value: float | None, digits: int = 4) -> str:
    if value is None:
        return "—"
    return f"{value:,.{digits}f}".rstrip("0").rstrip(".") if isinstance(value, float) else str(value)


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def explain(a: Assessment, unit: str = "") -> list[dict]:
    """A list of ``{step, text}``; each text states its inputs and result."""
    steps = [{"step": _("研判年份"), "text": str(a.as_of) if a.as_of else _("尚无实际值")}]
    kind = _("年均值：截至研判年份各年实际值的平均") if a.kind == "average" else _("当年值：研判年份当年的实际值")
    direction = _("越低越好") if a.direction == "down" else _("越高越好")
    steps.append({"step": _("指标类型"), "text": _("%(kind)s；%(direction)s") % {"kind": kind, "direction": direction}})
    # The unit comes from the plan document (件, 亿元): pages print it apart, marked as Chinese data.
    steps.append({"step": _("实际值"), "text": f"{fmt(a.value)} {unit}".strip(), "value": fmt(a.value), "unit": unit})
    basis = labels.EXPECTED_BASIS.get(a.expected_basis or "", "")
    anchors = list_comma().join(_year_value(p.year, p.value) for p in a.expected_anchors)
    steps.append({"step": _("当年期望值"),
                  "text": _("%(value)s（%(basis)s：%(anchors)s）") % {"value": fmt(a.plan_expected), "basis": basis, "anchors": anchors}
                  if a.plan_expected is not None else _("规划对该年没有可比的目标")})
    if a.expected is not None and a.value is not None:
        near = a.thresholds.near
        if a.direction == "down":
            rule = _("实际值 ≤ 期望值 → 达标；≤ %(f)s × 期望值 → 接近；否则滞后") % {"f": fmt(2 - near)}
        else:
            rule = _("实际值 ≥ 期望值 → 达标；≥ %(f)s × 期望值 → 接近；否则滞后") % {"f": fmt(near)}
        verdict = _("%(value)s 对 %(expected)s → %(word)s") % {
            "value": fmt(a.value), "expected": fmt(a.expected), "word": labels.year_badge(a.year_status)["word"]}
        steps.append({"step": _("年度研判"), "text": _("%(rule)s。%(verdict)s") % {"rule": rule, "verdict": verdict}})
    steps += _outlook_steps(a)
    changed = a.thresholds.changed()
    if changed:
        steps.append({"step": _("阈值"), "text": semicolon().join(
            _("%(name)s 已由默认 %(default)s 改为 %(value)s") % {"name": labels.THRESHOLD_NAMES[k], "default": fmt(d), "value": fmt(v)}
            for k, (d, v) in changed.items())})
    return steps


def _year_value(year: int, value: float | None) -> str:
    """``2025年 11.5`` (``2025: 11.5`` in English)."""
    return _("%(year)s年 %(value)s") % {"year": year, "value": fmt(value)}


def _outlook_steps(a: Assessment) -> list[dict]:
    if a.final_target is None:
        return [{"step": _("终期研判"), "text": _("没有数值型终期目标")}]
    steps = [{"step": _("终期目标"), "text": _year_value(a.final_year, a.final_target)}]
    if a.outlook == "achieved" and a.method is None:
        steps.append({"step": _("终期研判"), "text": _("实际值已达到终期目标 → 已实现（进度比 = 1）")})
        return steps
    if a.start is not None:
        steps.append({"step": _("起点"), "text": _year_value(a.start.year, a.start.value)})
    if a.method == "cagr":
        steps.append({"step": _("外推方法"), "text": _("复合增长：g = (实际值 / 起点值)^(1 / 年数) − 1 = %(g)s；"
                      "预测值 P = 实际值 × (1 + g)^(终期年 − 研判年) = %(p)s") % {"g": pct(a.growth), "p": fmt(a.projected)}})
    elif a.method == "linear":
        steps.append({"step": _("外推方法"), "text": _("直线：P = 实际值 + (实际值 − 起点值) / 年数 × (终期年 − 研判年) = %(p)s")
                      % {"p": fmt(a.projected)}})
    elif a.method == "mean":
        steps.append({"step": _("外推方法"), "text": _("年均值保持：P = 目前的平均值 = %(p)s") % {"p": fmt(a.projected)}})
    if a.progress_ratio is not None:
        formula = _("r = (P − 起点值) / (终期目标 − 起点值)") if a.kind == "level" else (
            _("r = 终期目标 / P") if a.direction == "down" else _("r = P / 终期目标"))
        steps.append({"step": _("进度比"), "text": f"{formula} = {fmt(a.progress_ratio)}"})
    elif a.outlook == "regressing":
        steps.append({"step": _("进度比"), "text": _("起点已达到终期目标而当前值回落，无法计算进度比")})
    t = a.thresholds
    steps.append({"step": _("终期研判"), "text": _("r ≥ %(on)s 正常；%(acc)s ≤ r < %(on)s 需加快；0 ≤ r < %(acc)s 滞后；r < 0 倒退 → %(word)s")
                  % {"on": fmt(t.on_track), "acc": fmt(t.acceleration), "word": labels.outlook_badge(a.outlook)["word"]}})
    if a.required_annual_growth is not None:
        steps.append({"step": _("所需年均增速"), "text": _("(终期目标 / 实际值)^(1 / 剩余年数) − 1 = %(g)s")
                      % {"g": pct(a.required_annual_growth)}})
    return steps


def criteria_steps(a: Assessment, actuals) -> list[dict]:
    """A 计算口径 step when the verdict rests on a computed high-value figure counted without some
    of its criteria (no SEI table, no pledge threshold): the current value of the judged year or
    the one taken as the starting point. The figure stays a value (the spec's rule); what is said
    is that it may be low, and a 0 may only mean "no criterion that could be applied was met"."""
    used: dict[int, float | None] = {}
    if a.as_of is not None:
        used[a.as_of] = None
    if a.start is not None:
        used[a.start.year] = a.start.value
    found: dict[int, tuple[float, list[str]]] = {}
    for actual in actuals:
        if not (actual.is_current and actual.computed and actual.year in used):
            continue
        if used[actual.year] is not None and actual.value != used[actual.year]:
            continue  # the start is the plan's baseline, not this value
        missing = criteria_not_applied(actual.lineage)
        if missing:
            found[actual.year] = (actual.value, missing)
    if not found:
        return []
    parts = [_("%(year_value)s（未采用%(criteria)s标准）") % {
        "year_value": _year_value(year, value),
        "criteria": list_comma().join(str(CRITERIA_NEEDING_REFERENCE[c]) for c in missing)}
        for year, (value, missing) in sorted(found.items())]
    return [{"step": _("计算口径"), "text": _(
        "%(values)s 由知识产权数据计算，所需的 SEI 对照表或质押金额阈值未提供，相应标准未采用：只计满足其余标准的专利，"
        "数值可能偏低（为 0 也可能只是因此），据此得出的研判仅供参考；提供对照表或阈值后重新计算。") % {
        "values": semicolon().join(parts)}}]
