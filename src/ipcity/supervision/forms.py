"""Reading the report form (one row per task line and per indicator value) from a POST."""

from __future__ import annotations

from dataclasses import dataclass

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from ipcity.core.widgets import DateInput
from ipcity.supervision.models import DepartmentReport, LineStatus
from ipcity.supervision.services.report_filling import LINE_FIELDS, VALUE_FIELDS, ReportInput
from ipcity.text import plain_number


def values_in_period(report: DepartmentReport):
    """The report's indicator values for years of the plan's period: the only ones the form asks for.

    A round started (before that was refused) for a year beyond the plan holds values for that
    year; they are neither shown nor overwritten.
    """
    program = report.round.program
    return report.indicator_values.filter(year__gte=program.start_year, year__lte=program.end_year)


def report_input_from_post(post, report: DepartmentReport) -> ReportInput:
    lines = {line.task_id: {f: post.get(f"line-{line.task_id}-{f}", "") for f in LINE_FIELDS}
             for line in report.task_lines.all()}
    values = {v.indicator_id: {f: post.get(f"value-{v.indicator_id}-{f}", "") for f in VALUE_FIELDS}
              for v in values_in_period(report)}
    return ReportInput(summary=post.get("summary", ""), lines=lines, values=values)


def task_comments_from_post(post) -> dict[int, str]:
    """The office's per-task comments of a return: fields ``task-<task id>-comment``."""
    out = {}
    for name, value in post.items():
        parts = name.split("-")
        if len(parts) == 3 and parts[0] == "task" and parts[2] == "comment" and parts[1].isdigit():
            out[int(parts[1])] = value
    return out


def line_input_from_post(post, task_id: int) -> dict:
    """One task line's fields, for the per-task save."""
    return {f: post.get(f"line-{task_id}-{f}", "") for f in LINE_FIELDS}


def expected_version(post) -> int:
    try:
        return int(post.get("version", ""))
    except ValueError:
        return -1


@dataclass
class LineRow:
    """One task line as the form shows it: what the user typed (or what is saved) and, after a
    conflict, what someone else saved meanwhile."""

    line: object
    shown: dict
    saved: dict | None


def line_rows(report: DepartmentReport, typed: ReportInput | None, conflict: bool) -> list[LineRow]:
    rows = []
    for line in report.task_lines.select_related("task").all():
        saved = {f: getattr(line, f) for f in LINE_FIELDS}
        shown = typed.lines.get(line.task_id, saved) if typed else saved
        rows.append(LineRow(line=line, shown=shown, saved=saved if conflict else None))
    return rows


def as_typed(value):
    """A saved value as its input shows it again: 2150.0 → "2150" (a count typed as 2,150 came back
    as 2150.0 on a returned report, field test), any other float in full: never rounded, so that
    saving the form again does not change it."""
    return str(plain_number(value)) if isinstance(value, float) else value


def value_rows(report: DepartmentReport, typed: ReportInput | None, conflict: bool) -> list[LineRow]:
    rows = []
    for value in values_in_period(report).select_related("indicator"):
        saved = {f: as_typed(getattr(value, f)) if f == "value" else getattr(value, f) for f in VALUE_FIELDS}
        shown = typed.values.get(value.indicator_id, saved) if typed else saved
        rows.append(LineRow(line=value, shown=shown, saved=saved if conflict else None))
    return rows


STATUS_CHOICES = [("", "—")] + list(LineStatus.choices)


class RoundForm(forms.Form):
    """The office's hand-made round. 所报年度 left empty is derived from the due date (a deadline
    before July reports on the year before); a due date already past is refused, so a round is
    never born overdue (a past year is reported by choosing it, with a deadline ahead)."""

    title = forms.CharField(label=_("轮次名称"), max_length=255)
    due = forms.DateField(label=_("截止日期"), widget=DateInput)
    period_year = forms.IntegerField(label=_("所报年度"), required=False, min_value=1900, max_value=2999)

    def clean_due(self):
        due = self.cleaned_data["due"]
        today = timezone.localdate()
        if due < today:
            raise forms.ValidationError(
                _("截止日期 %(due)s 已过（今天是 %(today)s），新发起的轮次不能一开始就逾期。请选择今天或以后的截止日期；"
                  "补报往年情况时，在“所报年度”中选择该年度。"),
                params={"due": f"{due:%Y-%m-%d}", "today": f"{today:%Y-%m-%d}"})
        return due


class SettingsForm(forms.Form):
    head_approval = forms.BooleanField(label=_("部门负责人审核后再报送办公室"), required=False)
    remind_days_before = forms.IntegerField(label=_("到期前提醒天数"), min_value=0, max_value=60)
    escalate_after_days = forms.IntegerField(label=_("逾期几天后抄送部门负责人"), min_value=0, max_value=60)
    board_blue_days = forms.IntegerField(label=_("看板“即将到期”天数"), min_value=0, max_value=60)
