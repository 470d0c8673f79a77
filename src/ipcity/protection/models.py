"""Rights-protection cases (维权援助案件): the case, its parties, suspensions, timeline and ledger imports.

Vocabularies (types, channels, statuses, results...) have one home, ``ipcity.casework.workflow``;
the choices here are read from it. Due dates are stored (for filtering and the board) and
recomputed by ``protection.deadlines.case_deadlines_refresh`` whenever a step changes them.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Department
from ipcity.core.search import folded_text
from ipcity.protection import labels

# The library's codes with their translatable labels (protection.labels, checked against
# casework.workflow by tests/web/protection/test_labels.py).
_TYPE_CHOICES = labels.choices("CASE_TYPES")
_CHANNEL_CHOICES = labels.choices("CHANNELS")
_IP_KIND_CHOICES = labels.choices("IP_KINDS")
_STATUS_CHOICES = labels.choices("STATUSES")
_RESULT_CHOICES = labels.choices("RESULTS")
_PARTY_KIND_CHOICES = labels.choices("PARTY_KINDS")
_PARTY_ROLE_CHOICES = labels.choices("PARTY_ROLES")


class CaseType(models.Model):
    """A kind of case and its time limits in working days (seeded from casework.workflow.DEFAULT_LIMITS)."""

    code = models.CharField(_("代码"), max_length=16, unique=True, choices=_TYPE_CHOICES)
    name = models.CharField(_("名称"), max_length=32)
    review_days = models.PositiveSmallIntegerField(_("审查时限（工作日）"), default=5)
    referral_receipt_days = models.PositiveSmallIntegerField(_("移送回执时限（工作日）"), default=15)
    statutory_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"), default=90)
    active = models.BooleanField(_("启用"), default=True)
    order = models.PositiveSmallIntegerField(_("排序"), default=0)

    class Meta:
        ordering = ["order", "code"]
        verbose_name = verbose_name_plural = _("案件类型")

    def __str__(self) -> str:
        return self.name


class LedgerImport(models.Model):
    """One upload of the office's case ledger (台账): checked first (dry run), then confirmed."""

    class Status(models.TextChoices):
        DRY_RUN = "dry_run", _("待确认")
        CONFIRMED = "confirmed", _("已导入")
        FAILED = "failed", _("失败")

    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    filename = models.CharField(_("文件名"), max_length=255)
    sha256 = models.CharField(max_length=64)
    rows = models.PositiveIntegerField(default=0)
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.DRY_RUN)
    errors = models.JSONField(default=list, blank=True)
    payload = models.JSONField(default=list, blank=True, help_text="the validated rows")

    class Meta:
        ordering = ["-pk"]
        verbose_name = verbose_name_plural = _("台账导入")

    def __str__(self) -> str:
        return self.filename


class Case(models.Model):
    class Source(models.TextChoices):
        WEB = "web", _("网页登记")
        API = "api", _("接口")
        LEDGER = "ledger", _("台账导入")

    number = models.CharField(_("案件编号"), max_length=16, unique=True)
    case_type = models.ForeignKey(CaseType, on_delete=models.PROTECT, related_name="cases", verbose_name=_("案件类型"))
    channel = models.CharField(_("来源渠道"), max_length=16, choices=_CHANNEL_CHOICES)
    ip_kind = models.CharField(_("知识产权类型"), max_length=16, choices=_IP_KIND_CHOICES)
    region_code = models.CharField(_("区划代码"), max_length=6)
    subject = models.CharField(_("事由"), max_length=255)
    summary = models.TextField(_("案情摘要"), blank=True)
    received_on = models.DateField(_("收到日期"))
    status = models.CharField(_("状态"), max_length=16, choices=_STATUS_CHOICES, default="registered")
    suspended = models.BooleanField(_("中止中"), default=False)
    review_due = models.DateField(_("审查期限"), null=True, blank=True)
    accepted_on = models.DateField(_("受理日期"), null=True, blank=True)
    rejected_reason = models.TextField(_("不予受理理由"), blank=True)
    statutory_due = models.DateField(_("办结期限"), null=True, blank=True)
    handling_department = models.ForeignKey(Department, null=True, blank=True, on_delete=models.PROTECT,
                                            related_name="protection_cases", verbose_name=_("承办部门"))
    handler = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                related_name="protection_cases", verbose_name=_("承办人"))
    expert = models.CharField(_("技术调查官/专家"), max_length=128, blank=True)
    partner_org = models.CharField(_("协作机构"), max_length=128, blank=True)
    referral_body = models.CharField(_("移送机关"), max_length=128, blank=True)
    referred_on = models.DateField(_("移送日期"), null=True, blank=True)
    receipt_due = models.DateField(_("回执期限"), null=True, blank=True)
    receipt_on = models.DateField(_("回执日期"), null=True, blank=True)
    closed_on = models.DateField(_("结案日期"), null=True, blank=True)
    result = models.CharField(_("办理结果"), max_length=16, choices=_RESULT_CHOICES, blank=True)
    closure_note = models.TextField(_("结案说明"), blank=True)
    # The type's limits as they were at registration (or ledger import): editing a type later
    # (services.case_types) moves no existing case's due dates. Null only on rows bulk-created
    # outside the services; protection.deadlines then reads the type's.
    review_days = models.PositiveSmallIntegerField(_("审查时限（工作日）"), null=True, blank=True)
    referral_receipt_days = models.PositiveSmallIntegerField(_("移送回执时限（工作日）"), null=True, blank=True)
    statutory_days = models.PositiveSmallIntegerField(_("办理时限（工作日）"), null=True, blank=True)
    extension_days = models.PositiveSmallIntegerField(_("延长工作日"), default=0)
    extension_reason = models.TextField(_("延长理由"), blank=True)
    satisfaction = models.PositiveSmallIntegerField(_("满意度"), null=True, blank=True)
    followed_up_on = models.DateField(_("回访日期"), null=True, blank=True)
    archived_on = models.DateField(_("归档日期"), null=True, blank=True)
    enterprise_name = models.CharField(_("企业名称"), max_length=255, blank=True)
    # What the ledger's search box reads: SEARCHED_FIELDS folded (core.search.folded_text), kept by
    # save(). Folding 100,000 rows at each search cost twice a plain LIKE (benchmarks/protection_pages.py).
    search_text = models.TextField(editable=False, default="")
    enterprise_credit_code = models.CharField(_("统一社会信用代码"), max_length=18, blank=True)
    source = models.CharField(max_length=8, choices=Source.choices, default=Source.WEB)
    ledger_import = models.ForeignKey(LedgerImport, null=True, blank=True, on_delete=models.SET_NULL,
                                      related_name="cases")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["-received_on", "-id"], name="protection_case_ledger_order"),
            models.Index(fields=["status"], name="protection_case_status"),
            models.Index(fields=["case_type"], name="protection_case_type"),
            models.Index(fields=["handling_department"], name="protection_case_department"),
            models.Index(fields=["closed_on"], name="protection_case_closed_on"),
            models.Index(fields=["accepted_on"], name="protection_case_accepted_on"),
            # the KPI cache's version (selectors.kpis.period_kpis): the latest change, read from the index
            models.Index(fields=["updated_at"], name="protection_case_updated_at"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(satisfaction__isnull=True) | models.Q(satisfaction__gte=1, satisfaction__lte=5),
                name="protection_case_satisfaction_1_5"),
        ]
        verbose_name = verbose_name_plural = _("维权案件")

    def __str__(self) -> str:
        return self.number

    def save(self, *args, **kwargs):
        self.search_text = self.folded_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and set(update_fields) & set(SEARCHED_FIELDS):
            kwargs["update_fields"] = {*update_fields, "search_text"}
        super().save(*args, **kwargs)

    def folded_search_text(self) -> str:
        """``search_text`` as the fields stand (also for rows made without ``save()``: bulk_create)."""
        return folded_text(*(getattr(self, field) for field in SEARCHED_FIELDS))


# The ledger search's fields, in ``Case.search_text``'s order.
SEARCHED_FIELDS = ("number", "subject", "enterprise_name")


class CaseParty(models.Model):
    """A party. Personal data: contact_person, phone, email, address, id_number, and the name of an
    individual; shown unmasked only to ``protection.access.may_see_personal_data`` users."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="parties")
    role = models.CharField(_("当事人类别"), max_length=16, choices=_PARTY_ROLE_CHOICES)
    kind = models.CharField(_("主体类型"), max_length=16, choices=_PARTY_KIND_CHOICES)
    name = models.CharField(_("名称/姓名"), max_length=255)
    contact_person = models.CharField(_("联系人"), max_length=64, blank=True)
    phone = models.CharField(_("电话"), max_length=32, blank=True)
    email = models.CharField(_("邮箱"), max_length=254, blank=True)
    address = models.CharField(_("地址"), max_length=255, blank=True)
    id_number = models.CharField(_("证件号码"), max_length=32, blank=True)

    class Meta:
        ordering = ["case", "role", "pk"]
        verbose_name = verbose_name_plural = _("当事人")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.role}"


class CaseSuspension(models.Model):
    """A pause of every clock: from ``start`` up to the day before ``end`` (the day work resumed);
    an open one (``end`` null) counts up to today."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="suspensions")
    start = models.DateField(_("中止日期"))
    end = models.DateField(_("恢复日期"), null=True, blank=True)
    reason = models.TextField(_("中止原因"))
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")

    class Meta:
        ordering = ["case", "start", "pk"]
        verbose_name = verbose_name_plural = _("案件中止")

    def __str__(self) -> str:
        return f"{self.case_id}:{self.start}–{self.end or ''}"


class CaseEvent(models.Model):
    """One step in the case's own timeline (the audit trail records it too)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    step = models.CharField(max_length=16, choices=labels.choices("EVENT_STEPS"))
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                              related_name="+")
    note = models.TextField(blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["case", "at", "pk"]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.step}"


class CaseNumberCounter(models.Model):
    """The last sequence number given out per year: one row incremented in the database (an UPDATE
    takes the row lock on PostgreSQL and the write lock on SQLite), so two intakes never share a number."""

    year = models.PositiveSmallIntegerField(unique=True)
    last = models.PositiveIntegerField(default=0)

    def __str__(self) -> str:
        return f"{self.year}:{self.last}"


class CaseReminder(models.Model):
    """A reminder sent by the daily scan: one per case, clock and due date (a moved date reminds again)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="reminders")
    clock = models.CharField(max_length=16)  # review | statutory | receipt
    due_on = models.DateField()
    kind = models.CharField(max_length=8)  # due_soon | overdue
    sent_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["case", "clock", "due_on", "kind"],
                                               name="protection_reminder_once")]

    def __str__(self) -> str:
        return f"{self.case_id}:{self.clock}:{self.due_on}:{self.kind}"


class HolidayNoticeLoad(models.Model):
    """One load of a year's holiday notice (节假日安排): the page's history, the audit record's object
    and the state of the stored due dates' recompute that follows it. The notice itself is the file
    ``$IPCITY_DATA_DIR/reference/holidays/<year>.json`` (``casework.holiday_notices``)."""

    class Via(models.TextChoices):
        WEB = "web", _("网页")
        CLI = "cli", _("命令行")

    year = models.PositiveSmallIntegerField(_("年份"))
    source = models.CharField(_("文号或来源"), max_length=255, blank=True)
    holidays = models.JSONField(default=list)  # ISO dates
    workdays = models.JSONField(default=list)
    replaced = models.BooleanField(_("覆盖已有年份"), default=False)
    via = models.CharField(max_length=8, choices=Via.choices, default=Via.WEB)
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL,
                                   related_name="+")
    created_at = models.DateTimeField(auto_now_add=True)
    # Set by the recompute (a background job for a web load): None while it has not finished.
    cases_moved = models.PositiveIntegerField(null=True, blank=True)
    recomputed_at = models.DateTimeField(null=True, blank=True)
    recompute_error = models.TextField(blank=True)
    # Not stored: the supervision rounds whose due dates the recompute moved (their audit records
    # keep each move); set on the record the recompute returns, for the command line's line.
    rounds_moved: int | None = None

    class Meta:
        ordering = ["-pk"]
        verbose_name = verbose_name_plural = _("节假日安排载入")

    def __str__(self) -> str:
        return f"{self.year}年节假日安排"
