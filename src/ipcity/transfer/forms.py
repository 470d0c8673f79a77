"""Forms of the transfer pages; they validate, the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipcity.analytics.schema import DATASET_NAME_MAX_LENGTH
from ipcity.core.widgets import DateInput
from ipcity.divisions import normalise_code
from ipcity.transfer import labels

_BLANK = [("", "—")]


class NeedFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("状态"), required=False, choices=_BLANK + labels.choices(labels.NEED_STATUSES))
    mode = forms.ChoiceField(label=_("合作方式"), required=False, choices=_BLANK + labels.choices(labels.MODES))
    q = forms.CharField(label=_("关键词"), required=False, max_length=100)


class NeedForm(forms.Form):
    enterprise = forms.CharField(label=_("企业名称"), max_length=255)
    credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    contact_person = forms.CharField(label=_("联系人"), max_length=64, required=False)
    phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)
    # Optional: a firm known only by its business scope takes it as its description (the service).
    description = forms.CharField(label=_("需求描述"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4, "lang": "zh"}))
    products = forms.CharField(label=_("产品"), max_length=500, required=False)
    industry_code = forms.CharField(label=_("行业代码（GB/T 4754）"), max_length=8, required=False)
    region_code = forms.CharField(label=_("所在地区（区划代码）"), max_length=6)
    budget_wan = forms.FloatField(label=_("预算（万元）"), required=False, min_value=0)
    mode = forms.ChoiceField(label=_("合作方式"), required=False, choices=_BLANK + labels.choices(labels.MODES))
    business_scope = forms.CharField(label=_("经营范围"), required=False, widget=forms.Textarea(attrs={"rows": 2, "lang": "zh"}))


class UploadForm(forms.Form):
    file = forms.FileField(label=_("文件（.xlsx、.xls 或 .csv）"))


class ProposeForm(forms.Form):
    dataset = forms.ChoiceField(label=_("数据集"), choices=[])

    def __init__(self, *args, datasets: list[str], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [(d, d) for d in datasets]  # type: ignore[attr-defined]


class AddMatchForm(forms.Form):
    pub_number = forms.CharField(label=_("专利号/公开号"), max_length=32)
    title = forms.CharField(label=_("专利名称"), max_length=500, required=False)
    holder = forms.CharField(label=_("专利权人"), max_length=500, required=False)
    note = forms.CharField(label=_("说明"), max_length=500, required=False)


class CurateForm(forms.Form):
    keep = forms.TypedChoiceField(coerce=lambda v: v == "1", choices=[("1", _("保留")), ("0", _("移除"))])


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("原因"), max_length=1000)


class StageForm(forms.Form):
    stage = forms.ChoiceField(label=_("进展"), choices=labels.choices(labels.STAGES))
    contract_kind = forms.ChoiceField(label=_("合同类型"), required=False,
                                      choices=_BLANK + labels.choices(labels.CONTRACT_KINDS))
    filing_number = forms.CharField(label=_("备案号"), max_length=64, required=False)
    contract_date = forms.DateField(label=_("合同日期"), required=False, widget=DateInput)
    amount_wan = forms.FloatField(label=_("合同金额（万元）"), required=False, min_value=0)
    reason = forms.CharField(label=_("终止原因"), max_length=1000, required=False)


class DeclarationForm(forms.Form):
    pub_number = forms.CharField(label=_("专利号/公开号"), max_length=32)
    title = forms.CharField(label=_("专利名称"), max_length=500)
    patent_kind = forms.ChoiceField(label=_("专利类型"), choices=labels.choices(labels.PATENT_KINDS))
    holder = forms.CharField(label=_("专利权人"), max_length=255)
    region_code = forms.CharField(label=_("所在地区（区划代码）"), max_length=6)
    declared_on = forms.DateField(label=_("声明日期"), widget=DateInput)
    fee_type = forms.ChoiceField(label=_("许可使用费类型"), choices=labels.choices(labels.FEE_TYPES))
    fixed_fee_wan = forms.FloatField(label=_("一次性许可费（万元）"), required=False)
    entry_fee_wan = forms.FloatField(label=_("入门费（万元）"), required=False)
    royalty_sales_pct = forms.FloatField(label=_("提成比例（净销售额 %）"), required=False)
    royalty_profit_pct = forms.FloatField(label=_("提成比例（利润 %）"), required=False)
    payment_standard = forms.CharField(label=_("支付标准"), required=False, widget=forms.Textarea(attrs={"rows": 2, "lang": "zh"}))
    term = forms.CharField(label=_("许可期限"), max_length=128, required=False)
    evaluation_report = forms.CharField(label=_("专利权评价报告编号"), max_length=64, required=False)
    contact = forms.CharField(label=_("联系方式"), max_length=128, required=False)
    application_field = forms.CharField(label=_("应用领域"), max_length=255, required=False)
    products = forms.CharField(label=_("适用产品"), max_length=500, required=False)


class WithdrawForm(forms.Form):
    on = forms.DateField(label=_("撤回日期"), widget=DateInput)


class SupplyForm(forms.Form):
    dataset = forms.ChoiceField(label=_("数据集"), choices=[])
    local = forms.BooleanField(label=_("本地权利人"), required=False, initial=True)
    in_force = forms.BooleanField(label=_("有效专利"), required=False, initial=True)
    universities = forms.BooleanField(label=_("高校和科研院所"), required=False)
    high_value = forms.BooleanField(label=_("高价值专利"), required=False)
    sei_code = forms.CharField(label=_("战略性新兴产业分类"), max_length=16, required=False)

    def __init__(self, *args, datasets: list[str], own_region: str = "", **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["dataset"].choices = [(d, d) for d in datasets]  # type: ignore[attr-defined]
        self.own_region = own_region
        if not own_region:
            # A user bound to no region (the site administrator, a national office) has no "local":
            # it names the region whose holders it wants instead (empty: every holder).
            del self.fields["local"]
            self.fields["region"] = forms.CharField(label=_("权利人所在地区（区划代码）"), max_length=12,
                                                    required=False)

    def clean_region(self) -> str:
        value = (self.cleaned_data.get("region") or "").strip()
        if not value:
            return ""
        code = normalise_code(value)
        if code is None:
            raise forms.ValidationError(_("不是有效的行政区划代码：%(code)s") % {"code": value})
        return code

    def holder_region(self) -> str:
        """The region the holders must sit in ("" for all): the user's own when 本地权利人 is ticked."""
        if self.own_region:
            return self.own_region if self.cleaned_data.get("local") else ""
        return self.cleaned_data.get("region", "")


class BuildIndexForm(forms.Form):
    # Any dataset's name (``analytics.datasets.check_name``), as a match stores it.
    dataset = forms.CharField(max_length=DATASET_NAME_MAX_LENGTH)


class ContractFeedForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("指标"), coerce=int, choices=[],
                                       widget=forms.Select(attrs={"lang": "zh"}))  # programme names: data
    kind = forms.ChoiceField(label=_("合同类型"), choices=labels.choices(labels.CONTRACT_KINDS))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            (i.pk, f"{i.program.region_name} · {i.name}") for i in indicators]
