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
    "past_term_without_lapse": gettext_noop("%(rows)s 件计为有效的发明专利自申请日起已满 20 年且没有失效日期：除非期限获得补偿，保护期已届满，请核对数据的法律状态"),
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


# The columns of the records behind a figure and of the action lists (``analytics.explain``,
# ``analytics.record_indicators.explain_records``, ``analytics.actions``), as the page, its Excel
# and its CSV head them; the names are the specs' (ip-indicators.md, ip-records.md).
RECORD_COLUMNS = {
    # patents
    "pub_number": _("公开（公告）号"), "pub_numbers": _("各次公开（公告）号"), "patent": _("专利"),
    "office": _("受理局"), "app_number": _("申请号"), "kind": _("专利类型"), "title": _("名称"),
    "first_applicant": _("第一专利权人"), "applicants": _("专利权人"), "region": _("地区"), "region_code": _("地区代码"),
    "app_date": _("申请日"), "grant_date": _("授权日"), "lapse_date": _("失效日"), "status": _("状态"),
    "criteria": _("符合的高价值标准"), "meets_sei": _("战略性新兴产业"), "meets_overseas_family": _("海外同族授权"),
    "meets_maintained_10y": _("维持10年以上"), "meets_pledge": _("质押融资"), "meets_award": _("专利奖"),
    "sei_codes": _("战略性新兴产业分类"), "family_granted_offices": _("同族授权国家/地区"),
    "pledge_amount": _("质押金额（元）"), "award": _("获奖"), "ipc": _("IPC 分类号"),
    # trademarks
    "reg_number": _("注册号/登记号"), "nice_class": _("国际分类"), "mark_type": _("商标类型"), "gi": _("地理标志"),
    "madrid": _("马德里国际注册"), "reg_date": _("注册/登记日"), "expiry_date": _("专用权期限届满日"),
    "holders": _("注册人"), "first_holder_country": _("第一注册人国别"), "first_holder_address": _("第一注册人地址"),
    # pledges
    "pledge_id": _("质押登记号"), "right_kind": _("权利类型"), "rights": _("所涉专利/商标号"), "amount": _("担保债权数额（元）"),
    "pledgor": _("出质人"), "pledgor_country": _("出质人国别"), "pledgor_address": _("出质人地址"), "pledgee": _("质权人"),
    "cancel_date": _("注销日"),
    # licences and transfers
    "record_id": _("备案号/登记号"), "record_type": _("备案类型"), "date": _("备案/登记日"), "licence_type": _("许可类型"),
    "from_party": _("让与人/许可人"), "from_country": _("让与人/许可人国别"), "from_address": _("让与人/许可人地址"),
    "from_region_code": _("让与人/许可人地区代码"), "to_party": _("受让人/被许可人"), "to_country": _("受让人/被许可人国别"),
    "to_address": _("受让人/被许可人地址"), "to_region_code": _("受让人/被许可人地区代码"),
    # copyright
    "work_type": _("登记类型"), "category": _("作品类别"), "owners": _("著作权人"),
    "first_owner_country": _("第一著作权人国别"), "first_owner_address": _("第一著作权人地址"),
    # added by the listing and the action lists
    "year": _("年份"), "figure": _("指标项"), "joins_high_value": _("新增高价值"), "lapse_recorded": _("已记录失效"),
    "risk": _("风险"), "rank": _("排名"), "holder_kind": _("权利人类型"), "high_value": _("高价值发明专利"),
    "invention_valid": _("有效发明专利"),
}


def column_label(name: str) -> str:
    """A listing's column in the page's words (a column without words yet keeps its name)."""
    label = RECORD_COLUMNS.get(name)
    return str(label) if label is not None else name


# What the cells of those columns hold, in the page's words, by column: the codes of the engine's
# vocabularies (``analytics.schema.KINDS``/``STATUSES``, ``analytics.record_kinds.ENUMS``,
# ``analytics.actions.HOLDER_KINDS``, the high-value criteria) as the specs say them (ip-indicators.md,
# ip-records.md). ``monitoring.record_cells`` shows a cell with them; a code without words is shown as itself.
RECORD_VALUES = {
    "kind": {"invention": _("发明"), "utility": _("实用新型"), "design": _("外观设计")},
    # A patent is 有效/失效/审中 (ip-indicators.md); a trademark registered, pending or invalid.
    "status": {"valid": _("有效"), "invalid": _("失效"), "pending": _("审中"), "registered": _("已注册")},
    "mark_type": {"ordinary": _("普通商标"), "collective": _("集体商标"), "certification": _("证明商标")},
    "office": {"CN": _("国家知识产权局"), "WIPO": _("世界知识产权组织")},
    "right_kind": {"patent": _("专利"), "trademark": _("商标"), "mixed": _("专利和商标")},
    "record_type": {"licence": _("实施许可合同备案"), "transfer": _("权利转让登记")},
    "licence_type": {"exclusive": _("独占许可"), "sole": _("排他许可"), "ordinary": _("普通许可"),
                     "open": _("开放许可")},
    "work_type": {"work": _("作品登记"), "software": _("计算机软件著作权登记")},
    "holder_kind": {"enterprise": _("企业"), "university": _("高校"), "institute": _("科研院所"),
                    "individual": _("个人"), "other": _("其他")},
    # The criteria are named as their ``meets_*`` columns are headed: one home for their words.
    "criteria": {name.removeprefix("meets_"): word for name, word in RECORD_COLUMNS.items()
                 if name.startswith("meets_")},
    "risk": RISKS,
}
#: Yes and no, for the columns that hold a flag (gi, madrid, meets_*, joins_high_value…).
YES_NO = {True: _("是"), False: _("否")}
