"""Forms for editing a saved programme (and the review screen's phases and duties).

Phases and reporting duties are edited as lines of text, like the review screen's targets:
a phase ``名称 | 2023-01 | 2024-06``; a duty ``事项 | 责任主体 | 期限`` where the deadline is
``12-15`` or ``每年12月15日`` (yearly), ``2025-01`` or ``2025年1月`` (once) or ``每6个月``.
"""

from __future__ import annotations

import re
from typing import cast

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ipcity.core.models import Department
from ipcity.core.typed_text import TypedCharField
from ipcity.core.widgets import DataSelect, DataSelectMultiple
from ipcity.programs.importing.forms import IndicatorForm
from ipcity.programs.importing.validation import longest_month

_MONTH = re.compile(r"^(\d{4})-(0[1-9]|1[0-2])$")
_YEARLY = re.compile(r"^(?:每年)?\s*(\d{1,2})\s*(?:-|月)\s*(\d{1,2})\s*日?\s*(?:前)?$")
_ONCE = re.compile(r"^(\d{4})\s*(?:-|年)\s*(\d{1,2})\s*月?\s*(?:前)?$")
_EVERY = re.compile(r"^每\s*(\d{1,2})\s*个?月$")
MAX_LINES = 50  # a plan has a handful of phases and duties; more is a paste gone wrong


def _lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def parse_phases(text: str) -> list[dict]:
    """Lines ``名称 | 2023-01 | 2024-06`` → plan phases; ValidationError (Chinese) on any bad line."""
    phases = []
    lines = _lines(text)
    if len(lines) > MAX_LINES:
        raise forms.ValidationError(gettext("阶段最多 %(n)d 个") % {"n": MAX_LINES})
    for line in lines:
        parts = [p.strip() for p in line.split("|")]
        if len(parts) != 3 or not parts[0] or not _MONTH.match(parts[1]) or not _MONTH.match(parts[2]):
            raise forms.ValidationError(gettext("无法识别的阶段“%(line)s”，应写作“名称 | 2023-01 | 2024-06”") % {"line": line})
        if parts[1] > parts[2]:
            raise forms.ValidationError(gettext("阶段“%(name)s”的开始晚于结束") % {"name": parts[0]})
        phases.append({"name": parts[0][:128], "start": parts[1], "end": parts[2]})
    return phases


def parse_due(text: str) -> dict | None:
    text = text.strip()
    if match := _EVERY.match(text):
        months = int(match[1])
        return {"every_months": months} if 1 <= months <= 60 else None
    if match := _ONCE.match(text):
        month = int(match[2])
        return {"date": f"{match[1]}-{month:02d}"} if 1 <= month <= 12 else None
    if match := _YEARLY.match(text):
        month, day = int(match[1]), int(match[2])
        return {"month": month, "day": day} if 1 <= month <= 12 and 1 <= day <= longest_month(month) else None
    return None


def parse_duties(text: str) -> list[dict]:
    """Lines ``事项 | 责任主体 | 期限`` → plan reporting duties (责任主体 may be empty)."""
    duties = []
    lines = _lines(text)
    if len(lines) > MAX_LINES:
        raise forms.ValidationError(gettext("报送事项最多 %(n)d 个") % {"n": MAX_LINES})
    for line in lines:
        parts = [p.strip() for p in line.split("|")]
        due = parse_due(parts[2]) if len(parts) == 3 else None
        if len(parts) != 3 or not parts[0] or due is None:
            raise forms.ValidationError(
                gettext("无法识别的报送事项“%(line)s”，应写作“事项 | 责任主体 | 12-15”（每年）、“2025-01”（一次）或“每6个月”")
                % {"line": line})
        duties.append({"what": parts[0][:255], "who": parts[1][:255] or None, "due": due})
    return duties


def phases_text(phases: list[dict]) -> str:
    return "\n".join(f"{p['name']} | {p['start']} | {p['end']}" for p in phases)


def due_text(due: dict) -> str:
    if due.get("every_months"):
        return f"每{due['every_months']}个月"
    if due.get("date"):
        return due["date"]
    return f"{due['month']:02d}-{due['day']:02d}"


def duties_text(duties: list[dict]) -> str:
    return "\n".join(f"{d['what']} | {d.get('who') or ''} | {due_text(d['due'])}" for d in duties)


class ScheduleForm(forms.Form):
    """Phases and reporting duties of a plan, one a line."""

    # lang="zh": the lines are the document's own words (phase names, duties), Chinese on an English
    # page too, as the import review's task fields already mark them.
    phases = TypedCharField(label=_("阶段（每行一个：名称 | 开始年月 | 结束年月，如 启动阶段 | 2023-01 | 2023-06）"),
                             required=False, widget=forms.Textarea(attrs={"rows": 4, "lang": "zh"}))
    reporting = TypedCharField(
        label=_("报送事项（每行一个：事项 | 责任主体 | 期限；期限写 12-15 表示每年12月15日前，2025-01 表示一次性，每6个月表示定期）"),
        required=False, widget=forms.Textarea(attrs={"rows": 4, "lang": "zh"}))

    @classmethod
    def initial_from(cls, phases: list[dict], reporting: list[dict]) -> dict:
        return {"phases": phases_text(phases), "reporting": duties_text(reporting)}

    def clean_phases(self) -> list[dict]:
        return parse_phases(self.cleaned_data["phases"])

    def clean_reporting(self) -> list[dict]:
        return parse_duties(self.cleaned_data["reporting"])


class IndicatorEditForm(forms.Form):
    """Unit, baseline, targets and the data owner of a saved indicator."""

    unit = TypedCharField(label=_("单位"), max_length=32, required=False)
    baseline_year = forms.IntegerField(label=_("基期年"), required=False, min_value=1900, max_value=2200)
    baseline_value = forms.FloatField(label=_("基期值"), required=False)
    targets = TypedCharField(label=_("目标值（每行一个：年份 比较符 数值，如 2025 >= 12）"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    owner: forms.ModelChoiceField = forms.ModelChoiceField(label=_("数据责任部门"), queryset=Department.objects.none(), required=False,
                                   empty_label=_("（未指定）"), widget=DataSelect,
                                   error_messages={"invalid_choice": _("所选部门不属于本项目所在地区")})

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["owner"]).queryset = departments if departments is not None else Department.objects.none()

    def clean_baseline_value(self):
        value = self.cleaned_data["baseline_value"]
        if value is not None and value != value:  # NaN
            raise forms.ValidationError(gettext("基期值不是有效数字"))
        return value

    def clean_targets(self) -> list[dict]:
        # The review screen's rule for target lines, so both screens accept the same text.
        return IndicatorForm.clean_targets(self)

    def clean(self):
        data = super().clean()
        if data.get("baseline_year") is not None and data.get("baseline_value") is None:
            self.add_error("baseline_value", gettext("填写了基期年，请同时填写基期值"))
        return data


class TaskDepartmentsForm(forms.Form):
    """The departments answering for a task: leads (牵头) and co-responsible (配合)."""

    leads = forms.ModelMultipleChoiceField(label=_("牵头单位"), queryset=Department.objects.none(), required=False,
                                           widget=DataSelectMultiple(attrs={"size": 8}),
                                           error_messages={"invalid_choice": _("所选部门不属于本项目所在地区")})
    partners = forms.ModelMultipleChoiceField(label=_("配合单位"), queryset=Department.objects.none(), required=False,
                                              widget=DataSelectMultiple(attrs={"size": 8}),
                                              error_messages={"invalid_choice": _("所选部门不属于本项目所在地区")})

    def __init__(self, *args, departments=None, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("leads", "partners"):
            cast(forms.ModelChoiceField, self.fields[name]).queryset = departments if departments is not None else Department.objects.none()

    def clean(self):
        data = super().clean()
        leads, partners = list(data.get("leads") or []), list(data.get("partners") or [])
        both = {d.pk for d in leads} & {d.pk for d in partners}
        if both:
            raise forms.ValidationError(gettext("同一部门不能既牵头又配合"))
        if partners and not leads:
            raise forms.ValidationError(gettext("有配合单位时请至少指定一个牵头单位"))
        return data
