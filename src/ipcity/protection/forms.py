"""Forms of the case pages. Vocabulary choices are ``protection.labels`` (the library's codes with
translatable labels); selects of data (regions, departments, people) carry ``lang="zh"`` on the
widget so an English page marks only those as Chinese data."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from ipcity.core.departments import department_choices
from ipcity.core.widgets import DateInput
from ipcity.protection import labels

_BLANK: list[tuple[str, str | Promise]] = [("", "—")]
_DATA_SELECT = {"lang": "zh"}  # options are Chinese names (data), not UI words


def _set_choices(form: forms.Form, name: str, choices: list) -> None:
    field = form.fields[name]
    assert isinstance(field, forms.ChoiceField)
    field.choices = choices


def _date(label) -> forms.DateField:
    # Looked up at each form, not bound at import: a test that moves the clock by patching
    # ``timezone.localdate`` while this module is first imported would otherwise fix "today" for good.
    return forms.DateField(label=label, widget=DateInput, initial=lambda: timezone.localdate())


class RegisterForm(forms.Form):
    """登记: the 12330 phone intake first (channel defaults to the hotline)."""

    channel = forms.ChoiceField(label=_("来源渠道"), choices=labels.choices("CHANNELS"), initial="hotline_12330")
    case_type = forms.ChoiceField(label=_("案件类型"), choices=labels.choices("CASE_TYPES"), initial="consult")
    ip_kind = forms.ChoiceField(label=_("知识产权类型"), choices=labels.choices("IP_KINDS"))
    received_on = _date(_("收到日期"))
    region_code = forms.ChoiceField(label=_("地区"), choices=[], widget=forms.Select(attrs=_DATA_SELECT))
    claimant_kind = forms.ChoiceField(label=_("请求人类型"), choices=labels.choices("PARTY_KINDS"), initial="individual")
    claimant_name = forms.CharField(label=_("请求人（来电人）"), max_length=255)
    claimant_contact = forms.CharField(label=_("联系人"), max_length=64, required=False)
    claimant_phone = forms.CharField(label=_("联系电话"), max_length=32, required=False)
    claimant_email = forms.CharField(label=_("邮箱"), max_length=254, required=False)
    claimant_address = forms.CharField(label=_("地址"), max_length=255, required=False)
    claimant_id_number = forms.CharField(label=_("证件号码"), max_length=32, required=False)
    respondent_kind = forms.ChoiceField(label=_("被请求人类型"), choices=labels.choices("PARTY_KINDS"), initial="enterprise")
    respondent_name = forms.CharField(label=_("被请求人"), max_length=255, required=False)
    respondent_address = forms.CharField(label=_("被请求人地址"), max_length=255, required=False)
    enterprise_name = forms.CharField(label=_("服务企业名称"), max_length=255, required=False)
    enterprise_credit_code = forms.CharField(label=_("统一社会信用代码"), max_length=18, required=False)
    subject = forms.CharField(label=_("事由"), max_length=255)
    summary = forms.CharField(label=_("案情摘要"), widget=forms.Textarea(attrs={"rows": 4}), required=False)

    def __init__(self, *args, regions=(), **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "region_code", [(r.code, f"{r.name}（{r.code}）") for r in regions])


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(label=_("审查结论"), choices=[("accept", _("受理")), ("reject", _("不予受理"))])
    on = _date(_("日期"))
    reason = forms.CharField(label=_("理由"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class AssignForm(forms.Form):
    department = forms.TypedChoiceField(label=_("承办部门"), coerce=int, choices=[],
                                        widget=forms.Select(attrs=_DATA_SELECT))
    handler = forms.TypedChoiceField(label=_("承办人"), coerce=int, choices=[], required=False, empty_value=None,
                                     widget=forms.Select(attrs=_DATA_SELECT))
    expert = forms.CharField(label=_("技术调查官/专家"), max_length=128, required=False)
    partner_org = forms.CharField(label=_("协作机构"), max_length=128, required=False)

    def __init__(self, *args, departments=(), handlers=(), **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "department", department_choices(departments))
        _set_choices(self, "handler", _BLANK + [
            (u.pk, getattr(u.profile, "display_name", "") or u.get_username()) for u in handlers])


class ReferForm(forms.Form):
    body = forms.CharField(label=_("移送机关"), max_length=128)
    on = _date(_("移送日期"))


class DayForm(forms.Form):
    """A step that takes only its date: receipt, resume, archive."""

    on = _date(_("日期"))


class SuspendForm(forms.Form):
    start = _date(_("中止日期"))
    reason = forms.CharField(label=_("中止原因"), widget=forms.Textarea(attrs={"rows": 2}))


class ExtendForm(forms.Form):
    days = forms.IntegerField(label=_("延长工作日"), min_value=1, max_value=120)
    reason = forms.CharField(label=_("延期理由"), widget=forms.Textarea(attrs={"rows": 2}))


class CloseForm(forms.Form):
    result = forms.ChoiceField(label=_("办理结果"), choices=labels.choices("RESULTS"))
    on = _date(_("结案日期"))
    note = forms.CharField(label=_("结案说明"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class FollowUpForm(forms.Form):
    satisfaction = forms.TypedChoiceField(label=_("满意度"), coerce=int, choices=[
        (5, _("5 非常满意")), (4, _("4 满意")), (3, _("3 基本满意")), (2, _("2 不满意")), (1, _("1 非常不满意"))])
    on = _date(_("回访日期"))
    note = forms.CharField(label=_("回访记录"), widget=forms.Textarea(attrs={"rows": 2}), required=False)


class FilterForm(forms.Form):
    case_type = forms.ChoiceField(label=_("案件类型"), choices=_BLANK + labels.choices("CASE_TYPES"), required=False)
    status = forms.ChoiceField(label=_("状态"), choices=_BLANK + labels.choices("STATUSES"), required=False)
    channel = forms.ChoiceField(label=_("来源渠道"), choices=_BLANK + labels.choices("CHANNELS"), required=False)
    department = forms.TypedChoiceField(label=_("承办部门"), coerce=int, choices=[], required=False, empty_value=None,
                                        widget=forms.Select(attrs=_DATA_SELECT))
    due = forms.ChoiceField(label=_("期限"), required=False, choices=[
        ("", "—"), ("overdue", _("已逾期")), ("due_soon", _("即将到期"))])
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=[], required=False, empty_value=None)
    q = forms.CharField(label=_("编号/事由/企业"), required=False, max_length=100)

    def __init__(self, *args, departments=(), years=(), **kwargs):
        super().__init__(*args, **kwargs)
        _set_choices(self, "department", _BLANK + department_choices(departments))
        _set_choices(self, "year", _BLANK + [(y, str(y)) for y in years])


class CaseTypeForm(forms.Form):
    """A type's limits (working days, 1–365: services.case_types) and whether new cases may use it."""

    review_days = forms.IntegerField(label=_("审查时限（工作日）"), min_value=1, max_value=365)
    referral_receipt_days = forms.IntegerField(label=_("移送回执时限（工作日）"), min_value=1, max_value=365)
    statutory_days = forms.IntegerField(label=_("办理时限（工作日）"), min_value=1, max_value=365)
    active = forms.BooleanField(label=_("启用"), required=False)
