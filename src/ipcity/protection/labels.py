"""The case vocabularies and KPI names as translatable labels, for the pages.

``ipcity.casework`` is Django-free, so its Chinese labels (``casework.workflow``,
``casework.kpis``) cannot go through gettext. This module repeats each label as a literal
``gettext_lazy`` msgid (makemessages extracts only literals) keyed by the same code; the library
stays the one home of the words: tests/web/protection/test_labels.py fails when a key or a
Chinese text here drifts from it. Official documents (the xlsx/docx statistics and ledger
exports) keep the library's Chinese text (docs/protection.md).
"""

from __future__ import annotations

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

CASE_TYPES: dict[str, Promise] = {
    "consult": _("咨询"),
    "complaint": _("举报投诉"),
    "assistance": pgettext_lazy("case type", "维权援助"),
    "mediation": _("纠纷调解"),
    "fast": _("快速维权"),
    "ruling": _("行政裁决"),
}

CHANNELS: dict[str, Promise] = {
    "hotline_12330": _("12330热线"),
    "visit": _("来访"),
    "letter": _("来信"),
    "website": _("网站"),
    "fair": _("展会"),
    "court_referral": _("法院委托"),
    "agency_referral": _("部门移交"),
}

IP_KINDS: dict[str, Promise] = {
    "patent": pgettext_lazy("IP kind", "专利"),
    "trademark": pgettext_lazy("IP kind", "商标"),
    "copyright": _("著作权"),
    "gi": _("地理标志"),
    "other": _("其他"),
}

STATUSES: dict[str, Promise] = {
    "registered": _("已登记"),
    "accepted": _("已受理"),
    "rejected": _("不予受理"),
    "assigned": _("已指派"),
    "referred": _("已移送"),
    "closed": _("已结案"),
    "followed_up": _("已回访"),
    "archived": _("已归档"),
}

RESULTS: dict[str, Promise] = {
    "mediated": _("调解成功"),
    "mediation_failed": _("调解不成"),
    "withdrawn": _("撤回"),
    "transferred": pgettext_lazy("case result", "移送"),
    "dismissed": _("驳回"),
    "ruled": _("裁决"),
    "assisted": _("援助完成"),
    "answered": _("已答复"),
    "terminated": _("中止终结"),
}

PARTY_ROLES: dict[str, Promise] = {
    "claimant": _("请求人"),
    "respondent": _("被请求人"),
}

PARTY_KINDS: dict[str, Promise] = {
    "enterprise": _("企业"),
    "individual": _("个人"),
    "organisation": _("机构"),
}

EVENT_STEPS: dict[str, Promise] = {
    "register": _("登记"),
    "review": _("初审"),
    "accept": _("受理"),
    "reject": _("不予受理"),
    "assign": _("指派"),
    "refer": _("移送"),
    "receipt": _("回执"),
    "suspend": _("中止"),
    "resume": _("恢复"),
    "extend": _("延期"),
    "close": _("结案"),
    "follow_up": _("回访"),
    "archive": _("归档"),
    "import": _("台账导入"),
}

# casework.kpis: the monthly statistics' dimensions and measures.
DIMENSIONS: dict[str, Promise] = {"channel": _("来源渠道"), "case_type": _("案件类型"), "result": _("结案结果")}
MEASURES: dict[str, Promise] = {"received": pgettext_lazy("cases counted", "登记"),
                                 "accepted": pgettext_lazy("cases counted", "受理"),
                                 "closed": pgettext_lazy("cases counted", "结案")}

KPI_LABELS: dict[str, Promise] = {
    "closure_rate": _("结案率"),
    "closure_rate_cohort": _("结案率（受理批次）"),
    "on_time_rate": _("法定期限内结案率"),
    "mediation_success_rate": _("调解成功率"),
    "avg_working_days_to_close": _("平均结案工作日数"),
    "enforcement_volume": _("行政执法办案量"),
    "enforcement_growth": _("行政执法办案量增幅"),
    "enterprises_assisted": _("维权援助服务企业数"),
}

# The library builds three definitions from CASE_TYPES words; here they are spelt out (literal
# msgids), and the test compares the whole text.
KPI_DEFINITIONS: dict[str, Promise] = {
    "closure_rate": _("期内结案的已受理案件数 ÷ 期内受理案件数 × 100%（可因结清往期积案而超过100%）"),
    "closure_rate_cohort": _("期内受理的案件中，截至期末已结案的件数 ÷ 期内受理案件数 × 100%"),
    "on_time_rate": _("期内结案且结案日不晚于法定期限（含中止顺延和延期）的件数 ÷ 期内有法定期限的结案件数 × 100%"),
    "mediation_success_rate": _(
        "期内结案中调解成功件数 ÷（调解成功 + 调解不成 + 纠纷调解案件中止终结）件数 × 100%"),
    "avg_working_days_to_close": _("期内结案案件自受理至结案的工作日数（扣除中止期间）之和 ÷ 这些案件数"),
    "enforcement_volume": _("期内受理的行政执法案件数（举报投诉、快速维权、行政裁决）"),
    "enforcement_growth": _(
        "（期内行政执法案件受理数 − 上年同期受理数）÷ 上年同期受理数 × 100%（举报投诉、快速维权、行政裁决）"),
    "enterprises_assisted": _("期内受理的维权援助、快速维权案件所服务的不同企业数（按统一社会信用代码，无则按企业名称）"),
}

# The KPI page's case scopes (selectors.kpis.SCOPE_LABELS, the app's own words around CASE_TYPES).
SCOPES: dict[str, Promise] = {"": _("全部案件"), "disputes": _("纠纷调处（纠纷调解、行政裁决）"), **CASE_TYPES}

# The library's vocabulary name → its labels here (``label("STATUSES", "accepted")``).
VOCABULARIES: dict[str, dict[str, Promise]] = {
    "CASE_TYPES": CASE_TYPES,
    "CHANNELS": CHANNELS,
    "IP_KINDS": IP_KINDS,
    "STATUSES": STATUSES,
    "RESULTS": RESULTS,
    "PARTY_ROLES": PARTY_ROLES,
    "PARTY_KINDS": PARTY_KINDS,
    "EVENT_STEPS": EVENT_STEPS,
    "DIMENSIONS": DIMENSIONS,
    "MEASURES": MEASURES,
    "KPI_LABELS": KPI_LABELS,
    "KPI_DEFINITIONS": KPI_DEFINITIONS,
    "SCOPES": SCOPES,
}

# A statistics line whose code is outside the vocabulary: the library's words for it.
_UNKNOWN = _("未填写")
_TOTAL = _("合计")


def label(vocabulary: str, code: str | None) -> Promise | str:
    """The translatable label of ``code`` in ``vocabulary`` (a key of VOCABULARIES); an unknown
    code (an old ledger's, say) is shown as the code itself, blank as ""."""
    if not code:
        return ""
    return VOCABULARIES[vocabulary].get(code, code)


def choices(vocabulary: str) -> list[tuple[str, str | Promise]]:
    """The vocabulary as form or model choices, in the library's order."""
    return list(VOCABULARIES[vocabulary].items())


def statistics_row_label(dimension: str, code: str) -> Promise | str:
    """A line of the monthly statistics: its category, "未填写" or the block's "合计" (code "")."""
    if not code:
        return _TOTAL
    if code == "unknown":
        return _UNKNOWN
    vocabulary = {"channel": "CHANNELS", "case_type": "CASE_TYPES", "result": "RESULTS"}[dimension]
    return label(vocabulary, code)
