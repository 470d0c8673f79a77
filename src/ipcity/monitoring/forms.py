"""Forms of the monitoring pages; they validate, the services write."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Department
from ipcity.monitoring.values import ValueProblem, parse_value


class ActualValueForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年份"), coerce=int)
    value = forms.CharField(label=_("实际值"), max_length=32)
    source = forms.CharField(label=_("数据来源"), max_length=255, required=False)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label=_("附件（可选）"), required=False)

    def __init__(self, *args, indicator, years: range, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        self.fields["year"].choices = [(y, str(y)) for y in reversed(years)]
        self.fields["value"].help_text = _("单位：%(unit)s") % {"unit": indicator.unit or "—"}

    def clean_value(self) -> float:
        try:
            value = parse_value(self.cleaned_data["value"], unit=self.indicator.unit, name=self.indicator.name)
        except ValueProblem as exc:
            raise forms.ValidationError(str(exc)) from exc
        if value is None:
            raise forms.ValidationError(_("请填写实际值"))
        return value


class ReferenceValueForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年份"), coerce=int)
    value = forms.FloatField(label=_("参照值"))
    label = forms.CharField(label=_("参照对象"), max_length=64, initial="全省平均水平")
    source = forms.CharField(label=_("数据来源"), max_length=255, required=False)

    def __init__(self, *args, years: range, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in reversed(years)]


class OwnerForm(forms.Form):
    department = forms.ModelChoiceField(label=_("数据责任部门"), queryset=Department.objects.none(), required=False)

    def __init__(self, *args, region_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Department.objects.filter(is_active=True)
        self.fields["department"].queryset = qs.filter(region_id=region_id) if region_id else qs


class ThresholdsForm(forms.Form):
    near = forms.FloatField(label=_("年度“接近”阈值（期望值的比例）"), min_value=0.01, max_value=1)
    on_track = forms.FloatField(label=_("终期“进度正常”阈值（进度比）"), min_value=0, max_value=2)
    acceleration = forms.FloatField(label=_("终期“需加快”阈值（进度比）"), min_value=0, max_value=2)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("填好的模板（.xlsx）"))
