"""Words and colours of the verdicts. Colour is never the only signal: every badge has its word."""

from __future__ import annotations

from django.utils.translation import get_language, gettext, gettext_noop
from django.utils.translation import gettext_lazy as _

#: Why a high-value invention may not be in force next year (``analytics.actions.at_risk_from``).
RISKS = {"lapse_recorded": _("已记录失效"), "status_invalid": _("数据源记为失效"),
         "term_ends": _("20 年保护期届满")}

YEAR_STATUS = {
    "met": (_("达标"), "green"),
    "near": (_("接近"), "yellow"),
    "behind": (_("滞后"), "red"),
    "no_target": (_("无年度目标"), "grey"),
    "no_data": (_("无数据"), "grey"),
}
OUTLOOK = {
    "achieved": (_("已实现"), "blue"),
    "on_track": (_("进度正常"), "green"),
    "needs_acceleration": (_("需加快"), "yellow"),
    "off_track": (_("进度滞后"), "red"),
    "regressing": (_("倒退"), "red"),
    "no_target": (_("无终期目标"), "grey"),
    "insufficient_data": (_("数据不足"), "grey"),
}
# Best first: a move to a later place is a change for the worse.
YEAR_RANK = {"met": 0, "near": 1, "behind": 2}
OUTLOOK_RANK = {"achieved": 0, "on_track": 1, "needs_acceleration": 2, "off_track": 3, "regressing": 4}
METHOD = {"cagr": _("复合增长外推"), "linear": _("线性外推"), "mean": _("年均值保持")}
EXPECTED_BASIS = {
    "target": _("规划当年目标"),
    "interpolated": _("基期与目标之间按年份线性插值"),
    "last_target": _("最后一个目标"),
    "reference": _("参照值"),
}
THRESHOLD_NAMES = {"near": _("年度接近阈值"), "on_track": _("终期正常阈值"), "acceleration": _("终期需加快阈值")}


def year_badge(status: str) -> dict:
    word, colour = YEAR_STATUS.get(status, (status, "grey"))
    return {"code": status, "word": word, "colour": colour}


def outlook_badge(outlook: str) -> dict:
    word, colour = OUTLOOK.get(outlook, (outlook, "grey"))
    return {"code": outlook, "word": word, "colour": colour}


def thresholds_changed(thresholds) -> list[dict]:
    """The thresholds an office changed, for display beside a verdict."""
    return [{"code": k, "name": THRESHOLD_NAMES[k], "default": d, "value": v} for k, (d, v) in thresholds.changed().items()]


# The engine's warnings (``ipcity.analytics``) are written for the command line, in English with its
# flags; a page says them in its own words, by code. ``%(rows)s``: the rows the warning counts.
ENGINE_WARNINGS = {
    "sei_not_applied": gettext_noop("未提供战略性新兴产业（SEI）对照表：高价值发明专利的 SEI 标准未采用"),
    "pledge_not_applied": gettext_noop("未设置质押金额阈值（国家知识产权局未公布）：高价值发明专利的质押标准未采用"),
    "no_population": gettext_noop("缺少年末常住人口（请填写人口数或加载人口表）：每万人口指标无法计算"),
    "no_entities": gettext_noop("缺少年末市场主体户数（请填写户数或加载市场主体表）：每万户市场主体有效注册商标量无法计算"),
    "invalid_without_lapse": gettext_noop("%(rows)s 件发明专利状态为失效但没有失效日期：不计入任何年份的有效量"),
    "tm_invalid_without_lapse": gettext_noop("%(rows)s 件商标状态为无效但没有失效日期：不计入任何年份的有效量"),
    "unattributed": gettext_noop("%(rows)s 条国内专利记录没有行政区划代码，地址也未写明地区：未计入任何地区"),
    "records_unattributed": gettext_noop("%(rows)s 条记录的国内当事人没有行政区划代码，地址和名称也未写明地区：未计入任何地区"),
    "pledge_amount_missing": gettext_noop("%(rows)s 条质押登记的金额为 0 或缺失：计入质押登记数，不计入质押金额"),
}


def engine_warning_text(warning) -> str:
    """One engine warning in the page's words. A code without words yet, or words not yet translated
    into a page's other language, is shown as the engine wrote it (in English)."""
    if not isinstance(warning, dict):
        return str(warning)
    message = str(warning.get("message", warning))
    msgid = ENGINE_WARNINGS.get(str(warning.get("code", "")))
    if msgid is None:
        return message
    words = gettext(msgid)
    if words == msgid and not (get_language() or "zh").startswith("zh"):
        return message
    return words % {"rows": f"{warning.get('rows', 0):,}"}
