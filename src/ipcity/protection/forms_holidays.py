"""The forms of the holiday-notice page (节假日安排): the year's arrangement typed in holiday by
holiday as the notice writes it, or the file the command line takes. Both end in the library
(``casework.holiday_notices``): these forms only carry the text to it and show its message."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from ipcity.casework import calendar, holiday_notices
from ipcity.core.uploads import UploadRejected, text_check

# The statutory holidays in the order a notice lists them (a combined 中秋、国庆 goes in one row).
HOLIDAYS = (("new_year", "元旦", _("元旦")), ("spring", "春节", _("春节")), ("qingming", "清明节", _("清明节")),
            ("labour", "劳动节", _("劳动节")), ("dragon_boat", "端午节", _("端午节")),
            ("mid_autumn", "中秋节", _("中秋节")), ("national", "国庆节", _("国庆节")))


class ArrangementForm(forms.Form):
    year = forms.IntegerField(label=_("年份"), min_value=2004, max_value=2100)
    source = forms.CharField(label=_("文号或来源"), required=False, max_length=255,
                             help_text=_("如 国办发明电〔2026〕7号"))
    replace = forms.BooleanField(label=_("覆盖已有年份"), required=False)

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for key, _name, label in HOLIDAYS:
            self.fields[f"{key}_days"] = forms.CharField(
                label=_("%(name)s 放假日期") % {"name": label}, required=False, max_length=80)
            # The table's row header labels the days field; the workdays cell beside it is named
            # by its own label, read out by screen readers.
            workdays_label = _("%(name)s 调休上班日") % {"name": label}
            self.fields[f"{key}_workdays"] = forms.CharField(
                label=workdays_label, required=False, max_length=120,
                widget=forms.TextInput(attrs={"aria-label": workdays_label}))

    def rows(self):
        """(label, days field, workdays field) per holiday, for the template's table."""
        return [(label, self[f"{key}_days"], self[f"{key}_workdays"]) for key, _name, label in HOLIDAYS]

    def notice(self) -> calendar.YearNotice | None:
        """The checked notice, or None with the library's message on the form."""
        if not self.is_valid():
            return None
        data = self.cleaned_data
        try:
            return holiday_notices.parse_arrangement(
                data["year"], [(name, data[f"{key}_days"], data[f"{key}_workdays"]) for key, name, _label in HOLIDAYS],
                data["source"].strip())
        except holiday_notices.NoticeError as exc:
            self.add_notice_error(str(exc))
            return None

    def add_notice_error(self, message: str) -> None:
        """The library's message beside the field it names (“春节放假日期：…” under 春节's days, so
        the field is marked aria-invalid and points at it); a message naming no field goes on top."""
        where = message.split("：", 1)[0]
        for key, name, _label in HOLIDAYS:
            for suffix, kind in (("放假日期", "days"), ("调休上班日", "workdays")):
                if where == f"{name}{suffix}":
                    self.add_error(f"{key}_{kind}", message)
                    return
        self.add_error(None, message)


class NoticeFileForm(forms.Form):
    file = forms.FileField(label=_("节假日安排文件（CSV 或 JSON）"))
    replace = forms.BooleanField(label=_("覆盖已有年份"), required=False)

    def notice(self) -> calendar.YearNotice | None:
        if not self.is_valid():
            return None
        upload = self.cleaned_data["file"]
        if upload.size > holiday_notices.MAX_NOTICE_BYTES:
            self.add_error("file", _("文件过大（上限 256 KB）：一年的节假日安排只有几十行"))
            return None
        try:  # the project's one reading of an uploaded text (UTF-8 with or without BOM, or GBK)
            text = text_check(upload.read())
        except UploadRejected as exc:
            self.add_error("file", str(exc))
            return None
        try:
            return holiday_notices.parse_notice(text, filename=upload.name)
        except holiday_notices.NoticeError as exc:
            self.add_error("file", f"{upload.name}：{exc}")
            return None
