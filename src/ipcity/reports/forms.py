"""The request form of the 报告 tab."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcity.reports.models import Format, Kind


class GenerateForm(forms.Form):
    kind = forms.ChoiceField(label=_("报告类型"), choices=Kind.choices)
    year = forms.IntegerField(label=_("年度"), min_value=1990, max_value=2100)
    round = forms.TypedChoiceField(label=_("督查轮次（情况通报）"), required=False, coerce=int, empty_value=None)
    fmt = forms.ChoiceField(label=_("格式"), choices=Format.choices, initial="pdf")
    text = forms.CharField(label=_("概述正文（白皮书，每段一行）"), required=False, max_length=20000,
                           widget=forms.Textarea(attrs={"rows": 4, "cols": 80, "lang": "zh"}))

    def __init__(self, *args, rounds=(), year: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        round_field = self.fields["round"]
        assert isinstance(round_field, forms.TypedChoiceField)
        round_field.choices = [("", _("该年度最后一轮"))] + [(r.pk, r.title) for r in rounds]
        # The view proposes the year being reported on (reports.selectors.default_report_year): in
        # January 2027 that is 2026, not the year just begun.
        self.fields["year"].initial = year if year is not None else timezone.localdate().year


class TemplateForm(forms.Form):
    kind = forms.ChoiceField(label=_("报告类型"), choices=Kind.choices)
    file = forms.FileField(label=_("Word 模板（.docx）"))
