"""Forms of the ledger, KPI and statistics pages; they validate, the services write."""

from __future__ import annotations

from django import forms
from django.utils.dates import MONTHS_AP
from django.utils.translation import gettext_lazy as _

from ipcity.protection import labels


class LedgerUploadForm(forms.Form):
    file = forms.FileField(label=_("台账文件（.xlsx、.xls 或 .csv）"))


class LedgerConfirmForm(forms.Form):
    allow_duplicate = forms.BooleanField(label=_("确认重复导入（同一文件已经导入过）"), required=False)


class PeriodForm(forms.Form):
    year = forms.TypedChoiceField(label=_("年度"), coerce=int, choices=[])
    quarter = forms.TypedChoiceField(label=_("季度"), coerce=int, required=False, empty_value=None,
                                     choices=[("", "—"), *((q, str(q)) for q in range(1, 5))])
    month = forms.TypedChoiceField(label=_("月份"), coerce=int, required=False, empty_value=None,
                                   choices=[("", "—"), *MONTHS_AP.items()])  # 一月 / Jan.
    scope = forms.ChoiceField(label=_("案件范围"), required=False, choices=labels.choices("SCOPES"))

    def __init__(self, *args, years: list[int], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["year"].choices = [(y, str(y)) for y in years]  # type: ignore[attr-defined]

    def clean(self):
        data = super().clean() or {}
        if data.get("quarter") and data.get("month"):
            raise forms.ValidationError(_("季度和月份只能选一个"))
        return data


class FeedForm(forms.Form):
    indicator = forms.TypedChoiceField(label=_("指标"), coerce=int, choices=[],
                                       widget=forms.Select(attrs={"lang": "zh"}))  # programme names: data
    kpi = forms.ChoiceField(label=_("统计指标"), choices=labels.choices("KPI_LABELS"))
    scope = forms.ChoiceField(label=_("案件范围"), required=False, choices=labels.choices("SCOPES"))
    year = forms.IntegerField(label=_("年度"), min_value=2000, max_value=2100)

    def __init__(self, *args, indicators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["indicator"].choices = [  # type: ignore[attr-defined]
            (i.pk, f"{i.program.region_name} · {i.name}") for i in indicators]
