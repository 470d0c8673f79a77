"""Case vocabularies, the status workflow and the default time limits (docs/protection.md).

Every vocabulary maps a machine code (stored in the database, the API and the ledger) to its
Chinese label; the app's choices, the ledger import and the statistics all read them from here,
so a code means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass

CASE_TYPES: dict[str, str] = {
    "consult": "咨询",
    "complaint": "举报投诉",
    "assistance": "维权援助",
    "mediation": "纠纷调解",
    "fast": "快速维权",
    "ruling": "行政裁决",
}

CHANNELS: dict[str, str] = {
    "hotline_12330": "12330热线",
    "visit": "来访",
    "letter": "来信",
    "website": "网站",
    "fair": "展会",
    "court_referral": "法院委托",
    "agency_referral": "部门移交",
}

IP_KINDS: dict[str, str] = {
    "patent": "专利",
    "trademark": "商标",
    "copyright": "著作权",
    "gi": "地理标志",
    "other": "其他",
}

# Suspension (中止) is a flag on the case, not a status: a suspended case keeps its place in the
# workflow and resumes from it.
STATUSES: dict[str, str] = {
    "registered": "已登记",
    "accepted": "已受理",
    "rejected": "不予受理",
    "assigned": "已指派",
    "referred": "已移送",
    "closed": "已结案",
    "followed_up": "已回访",
    "archived": "已归档",
}

RESULTS: dict[str, str] = {
    "mediated": "调解成功",
    "mediation_failed": "调解不成",
    "withdrawn": "撤回",
    "transferred": "移送",
    "dismissed": "驳回",
    "ruled": "裁决",
    "assisted": "援助完成",
    "answered": "已答复",
    "terminated": "中止终结",
}

PARTY_ROLES: dict[str, str] = {
    "claimant": "请求人",
    "respondent": "被请求人",
}

PARTY_KINDS: dict[str, str] = {
    "enterprise": "企业",
    "individual": "个人",
    "organisation": "机构",
}

# The steps of a case's own timeline (CaseEvent.step).
EVENT_STEPS: dict[str, str] = {
    "register": "登记",
    "review": "初审",
    "accept": "受理",
    "reject": "不予受理",
    "assign": "指派",
    "refer": "移送",
    "receipt": "回执",
    "suspend": "中止",
    "resume": "恢复",
    "extend": "延期",
    "close": "结案",
    "follow_up": "回访",
    "archive": "归档",
    "import": "台账导入",
}

# Which case types count as 行政执法办案 (administrative enforcement) for 办案量增幅: complaints
# lead to enforcement, 快速维权 is the fast enforcement track, 行政裁决 is the patent-dispute
# ruling. Consultation, assistance and mediation are services, not enforcement.
ENFORCEMENT_TYPES: frozenset[str] = frozenset({"complaint", "fast", "ruling"})

# Which case types serve an enterprise as 维权援助 (维权援助服务企业数).
ASSISTANCE_TYPES: frozenset[str] = frozenset({"assistance", "fast"})

# Results that close a mediation attempt (调解成功率's denominator).
MEDIATION_RESULTS: frozenset[str] = frozenset({"mediated", "mediation_failed", "terminated"})

# registered → accepted / rejected is 初审; a consultation answered at intake goes straight from
# registered to closed (result "answered"). Re-assigning a case (assigned → assigned) is allowed:
# handlers change. A referred case closes once the enforcement body has answered (the receipt is a
# date on the case, not a status). Rejected cases are archived without a closure.
TRANSITIONS: dict[str, frozenset[str]] = {
    "registered": frozenset({"accepted", "rejected", "closed"}),
    "accepted": frozenset({"assigned", "referred", "closed"}),
    "assigned": frozenset({"assigned", "referred", "closed"}),
    "referred": frozenset({"closed"}),
    "rejected": frozenset({"archived"}),
    "closed": frozenset({"followed_up", "archived"}),
    "followed_up": frozenset({"archived"}),
    "archived": frozenset(),
}


class WorkflowError(ValueError):
    """A status change the workflow does not allow; the message is Chinese (it reaches the UI)."""


def check_transition(current: str, target: str) -> None:
    """Raise WorkflowError unless a case may go from ``current`` to ``target``."""
    if current not in STATUSES:
        raise WorkflowError(f"未知的案件状态：{current}")
    if target not in STATUSES:
        raise WorkflowError(f"未知的案件状态：{target}")
    if target not in TRANSITIONS[current]:
        allowed = "、".join(STATUSES[s] for s in sorted(TRANSITIONS[current])) or "无"
        raise WorkflowError(
            f"案件状态不能从“{STATUSES[current]}”变为“{STATUSES[target]}”（可变为：{allowed}）"
        )


@dataclass(frozen=True)
class CaseLimits:
    """Time limits in working days (docs/protection.md, "Time limits").

    ``review``: from registration to the acceptance decision (初审, 5 working days);
    ``referral_receipt``: from referral to the enforcement body's receipt (15);
    ``statutory``: from acceptance to closure (办结期限).
    """

    review: int = 5
    referral_receipt: int = 15
    statutory: int = 90


# Mediation and ruling take 120 working days (hearing both parties, expert opinions); every
# other type 90. These are defaults: each CaseType row in the app may change them.
DEFAULT_LIMITS: dict[str, CaseLimits] = {
    "consult": CaseLimits(),
    "complaint": CaseLimits(),
    "assistance": CaseLimits(),
    "mediation": CaseLimits(statutory=120),
    "fast": CaseLimits(),
    "ruling": CaseLimits(statutory=120),
}
