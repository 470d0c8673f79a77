"""Words and colours of the verdicts. Colour is never the only signal: every badge has its word."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

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
