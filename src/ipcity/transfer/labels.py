"""The app's vocabularies with their translatable labels (Chinese msgids).

The fee types are the library's (``ipcity.matching.licensing.FEE_TYPES``); they are repeated here
so that the models load without the library, and a test checks both lists agree.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

from ipcity.monitoring.labels import RECORD_VALUES

MODES = {"transfer": _("转让"), "licence": _("许可"), "cooperation": _("合作")}
NEED_SOURCES = {"form": _("表单"), "excel": _("Excel 导入"), "api": _("接口"), "demo": _("示例数据")}
NEED_STATUSES = {"open": _("对接中"), "closed": _("已关闭")}
PATENT_KINDS = RECORD_VALUES["kind"]  # the patent types' words have one home, beside the records' other codes
FEE_TYPES = {"one_off": _("一次性支付"), "royalty": _("提成支付"), "entry_plus_royalty": _("入门费加提成"),
             "free": _("免费许可")}
ORIGINS = {"ranker": _("系统推荐"), "manual": _("人工添加"), "declaration": _("开放许可声明")}
CURATION = {"": _("待审核"), "kept": _("保留"), "removed": _("移除")}
STAGES = {"proposed": _("已推荐"), "contacted": _("已联系"), "negotiating": _("洽谈中"), "contract": _("已签约"),
          "dropped": _("已终止")}
CONTRACT_KINDS = {"licence": _("许可"), "transfer": _("转让")}
EVENT_STEPS = {
    "propose": _("推荐"), "add": _("人工添加"), "keep": _("保留"), "remove": _("移除"), "wrong": _("标记错误"),
    "publish": _("发布"), "contacted": _("已联系"), "negotiating": _("洽谈中"), "contract": _("签约"),
    "dropped": _("终止"),
}

# The high-value criteria of ``ipcity.matching.supply`` (the engine's keys, joined by "|").
HIGH_VALUE_CRITERIA = {"sei": _("战略性新兴产业"), "overseas_family": _("有海外同族专利"),
                       "maintained_10y": _("维持10年以上"), "pledge": _("质押融资"), "award": _("获奖")}


def high_value_text(criteria: str) -> str:
    """"overseas_family|maintained_10y" → 有海外同族专利、维持10年以上 (an unknown key as it is)."""
    return "、".join(str(HIGH_VALUE_CRITERIA.get(key, key)) for key in criteria.split("|") if key)


def choices(vocabulary: dict) -> list[tuple[str, str]]:
    return list(vocabulary.items())
