"""Technology needs (需求), open-licence declarations (开放许可声明), matches and their timeline.

Personal data: a need's ``contact_person`` and ``phone`` and a declaration's ``contact`` are shown
unmasked only to the office (``transfer.access.may_see_contacts``); everywhere else they are masked
with ``ipcity.casework.privacy``, and the public pages never show them.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcity.analytics.cell_values import PUB_NUMBER_MAX_LENGTH
from ipcity.analytics.schema import DATASET_NAME_MAX_LENGTH
from ipcity.transfer import labels


def need_same_key(enterprise: str, description: str, region_code: str) -> str:
    """The SHA-256 (hex) of what makes two needs the same: enterprise, description, region code.

    A description runs to thousands of characters, too long for a unique index (PostgreSQL's btree
    takes about 2.7 kB a row), so the constraint holds this hash. The three are joined as a JSON
    list in ASCII: quoted and escaped, no text can pass for the separator (a typed-in ``|`` or NUL
    would make two different needs one key), and lone surrogates still encode.
    """
    joined = json.dumps([enterprise, description, region_code], ensure_ascii=True, separators=(",", ":"))
    return hashlib.sha256(joined.encode("ascii")).hexdigest()


class TechNeed(models.Model):
    """An enterprise's technology need, written as the firm writes it."""

    enterprise = models.CharField(_("企业名称"), max_length=255)
    credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    contact_person = models.CharField(_("联系人"), max_length=64, blank=True)
    phone = models.CharField(_("联系电话"), max_length=32, blank=True)
    description = models.TextField(_("需求描述"))
    products = models.CharField(_("产品"), max_length=500, blank=True)
    industry_code = models.CharField(_("行业代码"), max_length=8, blank=True)
    region_code = models.CharField(_("区划代码"), max_length=6)
    budget_wan = models.FloatField(_("预算（万元）"), null=True, blank=True)
    mode = models.CharField(_("合作方式"), max_length=16, choices=labels.choices(labels.MODES), blank=True)
    business_scope = models.TextField(_("经营范围"), blank=True)
    source = models.CharField(_("来源"), max_length=8, choices=labels.choices(labels.NEED_SOURCES), default="form")
    status = models.CharField(_("状态"), max_length=8, choices=labels.choices(labels.NEED_STATUSES), default="open")
    closed_reason = models.TextField(_("关闭原因"), blank=True)
    published_at = models.DateTimeField(_("匹配清单发布时间"), null=True, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # What makes two needs the same (``need_same_key``), set by the services when they write the
    # three fields. Unique among open needs: the guard behind the services' read-check, which two
    # saves in the same instant could both pass. NULL only on an open twin the migration found
    # (0003): those rows were left as they were.
    same_key = models.CharField(max_length=64, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["region_code"], name="transfer_need_region"),
                   models.Index(fields=["status"], name="transfer_need_status")]
        constraints = [models.UniqueConstraint(fields=["same_key"], condition=models.Q(status="open"),
                                               name="transfer_need_open_once")]
        verbose_name = verbose_name_plural = _("技术需求")

    def __str__(self) -> str:
        return f"{self.enterprise}：{self.description[:30]}"


class LicenceDeclaration(models.Model):
    """A patent holder's open-licence declaration (专利开放许可声明). In force from ``declared_on``
    until ``withdrawn_on``. ``fee_flags`` keeps the library's warnings as they were at recording: each
    ``{"text", "template", "values"}`` (``ipcity.notices.Notice.as_json``), so a page words it in its
    language; a flag recorded before that is a plain Chinese string, shown as it is."""

    pub_number = models.CharField(_("专利号/公开号"), max_length=PUB_NUMBER_MAX_LENGTH)
    title = models.CharField(_("专利名称"), max_length=500)
    patent_kind = models.CharField(_("专利类型"), max_length=16, choices=labels.choices(labels.PATENT_KINDS))
    holder = models.CharField(_("专利权人"), max_length=255)
    region_code = models.CharField(_("区划代码"), max_length=6)
    declared_on = models.DateField(_("声明日期"))
    withdrawn_on = models.DateField(_("撤回日期"), null=True, blank=True)
    fee_type = models.CharField(_("许可使用费类型"), max_length=24, choices=labels.choices(labels.FEE_TYPES))
    fixed_fee_wan = models.FloatField(_("一次性许可费（万元）"), null=True, blank=True)
    entry_fee_wan = models.FloatField(_("入门费（万元）"), null=True, blank=True)
    royalty_sales_pct = models.FloatField(_("提成比例（净销售额 %）"), null=True, blank=True)
    royalty_profit_pct = models.FloatField(_("提成比例（利润 %）"), null=True, blank=True)
    payment_standard = models.TextField(_("支付标准"), blank=True)
    term = models.CharField(_("许可期限"), max_length=128, blank=True)
    evaluation_report = models.CharField(_("专利权评价报告编号"), max_length=64, blank=True)
    contact = models.CharField(_("联系方式"), max_length=128, blank=True)
    application_field = models.CharField(_("应用领域"), max_length=255, blank=True)
    products = models.CharField(_("适用产品"), max_length=500, blank=True)
    fee_flags = models.JSONField(_("许可费提示"), default=list, blank=True)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-declared_on", "-id"]
        indexes = [models.Index(fields=["pub_number"], name="transfer_declaration_pub"),
                   models.Index(fields=["region_code"], name="transfer_declaration_region")]
        verbose_name = verbose_name_plural = _("开放许可声明")

    def __str__(self) -> str:
        return f"{self.pub_number} {self.title[:30]}"

    @property
    def fee_flag_texts(self) -> list[str]:
        """The fee flags worded in the active language (the API, the list's hover title)."""
        from ipcity.core.notices import reworded_all

        return reworded_all(self.fee_flags)


class Match(models.Model):
    """A patent proposed for a need, with why it was proposed, its curation and its follow-through."""

    need = models.ForeignKey(TechNeed, on_delete=models.CASCADE, related_name="matches")
    # As long as a dataset's name may be (``analytics.datasets.check_name``).
    dataset = models.CharField(_("数据集"), max_length=DATASET_NAME_MAX_LENGTH, blank=True)
    pub_number = models.CharField(_("专利号/公开号"), max_length=PUB_NUMBER_MAX_LENGTH)
    title = models.CharField(_("专利名称"), max_length=500, blank=True)
    holder = models.CharField(_("专利权人"), max_length=500, blank=True)
    declaration = models.ForeignKey(LicenceDeclaration, null=True, blank=True, on_delete=models.SET_NULL,
                                    related_name="matches")
    score = models.FloatField(_("得分"), default=0.0)
    why = models.JSONField(_("推荐理由"), default=dict, blank=True)
    rank = models.PositiveIntegerField(_("排名"), default=0)
    origin = models.CharField(_("来源"), max_length=12, choices=labels.choices(labels.ORIGINS), default="ranker")
    curated = models.CharField(_("审核"), max_length=8, choices=labels.choices(labels.CURATION), blank=True)
    published = models.BooleanField(_("已发布"), default=False)
    marked_wrong = models.BooleanField(_("标记为错误"), default=False)
    wrong_reason = models.TextField(_("错误原因"), blank=True)
    wrong_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                 related_name="+")
    wrong_at = models.DateTimeField(null=True, blank=True)
    stage = models.CharField(_("进展"), max_length=12, choices=labels.choices(labels.STAGES), default="proposed")
    contract_kind = models.CharField(_("合同类型"), max_length=8, choices=labels.choices(labels.CONTRACT_KINDS),
                                     blank=True)
    filing_number = models.CharField(_("备案号"), max_length=64, blank=True)
    contract_date = models.DateField(_("合同日期"), null=True, blank=True)
    amount_wan = models.FloatField(_("合同金额（万元）"), null=True, blank=True)
    dropped_reason = models.TextField(_("终止原因"), blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["need", "rank", "-score", "pk"]
        constraints = [models.UniqueConstraint(fields=["need", "pub_number"], name="transfer_match_once")]
        indexes = [models.Index(fields=["pub_number"], name="transfer_match_pub"),
                   models.Index(fields=["stage"], name="transfer_match_stage")]
        verbose_name = verbose_name_plural = _("匹配")

    def __str__(self) -> str:
        return f"{self.need_id}:{self.pub_number}"

    @property
    def why_worded(self) -> dict:
        """``why`` with each prior's ``detail`` in the active language (the API): a prior stored with
        its ``notice`` (``matching.ranker.Why.as_dict``) is worded again, one stored before as it is."""
        from ipcity.core.notices import reworded

        why = dict(self.why or {})
        if why.get("priors"):
            why["priors"] = [{**p, "detail": reworded(p.get("notice") or p.get("detail", ""))} for p in why["priors"]]
        return why

    @property
    def active(self) -> bool:
        """On the need's list: not removed, not marked wrong."""
        return self.curated != "removed" and not self.marked_wrong


class MatchEvent(models.Model):
    """One step in a match's timeline (the audit trail records it too)."""

    match = models.ForeignKey(Match, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    step = models.CharField(max_length=16, choices=labels.choices(labels.EVENT_STEPS))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["match", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.match_id}:{self.step}"
