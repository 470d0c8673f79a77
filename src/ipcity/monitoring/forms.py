"""Forms of the monitoring pages; they validate, the services write."""

from __future__ import annotations

import re
from typing import cast

from django import forms
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Department
from ipcity.core.templatetags.punctuation import semicolon
from ipcity.core.widgets import DataSelect
from ipcity.monitoring.selectors import reported_year
from ipcity.monitoring.values import ValueProblem, parse_value
from ipcity.text import fold_width


class ActualValueForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年份"), coerce=int)
    value = forms.CharField(label=_("实际值"), max_length=32)
    source = forms.CharField(label=_("数据来源"), max_length=255, required=False)
    note = forms.CharField(label=_("备注"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    attachment = forms.FileField(label=_("附件（可选）"), required=False)

    def __init__(self, *args, indicator, years: range, **kwargs):
        super().__init__(*args, **kwargs)
        self.indicator = indicator
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in reversed(years)]
        # Not the plan's last year (the first choice): the year being reported on, 2026 in January 2027.
        self.fields["year"].initial = reported_year(years, timezone.localdate())
        self.fields["value"].help_text = format_html(gettext("单位：{unit}"), unit=format_html('<span lang="zh">{}</span>', indicator.unit or "—"))

    def clean_value(self) -> float:
        raw = self.cleaned_data["value"]
        try:
            value = parse_value(raw, unit=self.indicator.unit, name=self.indicator.name)
        except ValueProblem as exc:
            raise forms.ValidationError(str(exc)) from exc
        if value is None:
            raise forms.ValidationError(_("请填写实际值"))
        # What was typed is read, never silently changed: the page says how it was read.
        self.value_notes = value_reading_notes(raw, value, unit=self.indicator.unit)
        return value

    value_notes: list[str] = []


PLAIN_NUMBER = re.compile(r"^[-+]?\d+(?:\.\d+)?$", re.ASCII)  # ASCII: "１２" is not plain


def _number_text(value: float) -> str:
    """12.0 → "12", 1234.5 → "1234.5" (no exponent, no trailing zeros)."""
    return f"{value:.6f}".rstrip("0").rstrip(".")


def value_reading_notes(raw: str, value: float, *, unit: str | None) -> list[str]:
    """One sentence saying how a value typed other than as a plain number was read, or nothing.

    ``12%`` for a % indicator is accepted as 12 (the unit is the indicator's: nothing is divided by
    100); ``1,234`` loses its thousands separators; full-width ``１２３`` is read as 123.
    """
    text = (raw or "").strip()
    if PLAIN_NUMBER.match(text):
        return []
    normal = fold_width(text).replace("，", ",")
    how = []
    if normal != text.replace("，", ","):
        how.append(gettext("全角数字或符号按半角读取"))
    if "," in normal:
        how.append(gettext("去掉了千位分隔符"))
    written_unit = normal.lstrip("+-0123456789,. ").strip()
    if written_unit:
        how.append(gettext("去掉了单位“%(unit)s”（指标单位即为%(unit)s，数值不换算）") % {"unit": written_unit})
    return [gettext("“%(raw)s”已按 %(value)s%(unit)s 保存：%(how)s") % {
        "raw": text, "value": _number_text(value), "unit": fold_width(unit),
        "how": semicolon().join(how) or gettext("按数字读取")}]


class ReferenceValueForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年份"), coerce=int)
    value = forms.FloatField(label=_("参照值"))
    label = forms.CharField(label=_("参照对象"), max_length=64, initial="全省平均水平")
    source = forms.CharField(label=_("数据来源"), max_length=255, required=False)

    def __init__(self, *args, years: range, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["year"]).choices = [(y, str(y)) for y in reversed(years)]


class OwnerForm(forms.Form):
    department: forms.ModelChoiceField = forms.ModelChoiceField(label=_("数据责任部门"), queryset=Department.objects.none(),
                                                                required=False, widget=DataSelect)

    def __init__(self, *args, region_id: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        qs = Department.objects.filter(is_active=True)
        cast(forms.ModelChoiceField, self.fields["department"]).queryset = qs.filter(region_id=region_id) if region_id else qs


class ThresholdsForm(forms.Form):
    near = forms.FloatField(label=_("年度“接近”阈值（期望值的比例）"), min_value=0.01, max_value=1)
    on_track = forms.FloatField(label=_("终期“进度正常”阈值（进度比）"), min_value=0, max_value=2)
    acceleration = forms.FloatField(label=_("终期“需加快”阈值（进度比）"), min_value=0, max_value=2)


class UploadForm(forms.Form):
    file = forms.FileField(label=_("填好的模板（.xlsx）"))
