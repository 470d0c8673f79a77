"""Forms of the import workflow. Item forms turn one plan item (dict) into fields and back.

Targets are edited as lines of text, one target a line, the way a reviewer reads them:
indicator targets ``2025 >= 12`` (year, comparator, value; comparator defaults to >=), task
targets ``名称 | 2025 | >= | 3 | 项``.
"""

from __future__ import annotations

import re
from typing import cast

from django import forms
from django.conf import settings
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ipcity.core.templatetags.punctuation import list_comma
from ipcity.core.typed_text import TypedCharField
from ipcity.core.widgets import DataSelect, DateInput
from ipcity.plans.serialise import REGION_NOT_FOUND
from ipcity.programs.access import access_programs
from ipcity.programs.selectors import PROGRAM_ORDER
from ipcity.text import plain_number

_COMPARATOR_WORDS = {"≥": ">=", "≤": "<=", ">=": ">=", "<=": "<=", "=": "="}
_INDICATOR_TARGET = re.compile(r"^\s*(\d{4})?\s*(>=|<=|=|≥|≤)?\s*(-?\d+(?:\.\d+)?)\s*$")
_LIST_SPLIT = re.compile(r"[\n\r]+")
_TAG_SPLIT = re.compile(r"[、,，;；\s]+")


def _number(text: str) -> int | float:
    value = float(text)
    return int(value) if value.is_integer() and "." not in text else value


def _lines(text: str) -> list[str]:
    return [line.strip() for line in _LIST_SPLIT.split(text or "") if line.strip()]


class UploadForm(forms.Form):
    document = forms.FileField(
        label=_("计划文件"), help_text=_("Word（.docx 或旧版 .doc）、RTF、PDF、OFD、网页或纯文本，也可以是计划 JSON"),
        error_messages={"required": _("请选择要上传的文件（空文件无法导入）"), "empty": _("文件为空")},
    )
    target_program: forms.ModelChoiceField = forms.ModelChoiceField(
        label=_("作为以下项目的修订版（可选）"), required=False, queryset=None, empty_label=_("（新项目）"),
        widget=DataSelect,
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        cast(forms.ModelChoiceField, self.fields["target_program"]).queryset = access_programs(user).order_by(*PROGRAM_ORDER)

    def clean_document(self):
        document = self.cleaned_data["document"]
        limit = settings.IPCITY_MAX_UPLOAD_BYTES
        if document.size > limit:
            raise forms.ValidationError(
                gettext("文件过大（%(size).1f MB），上限为 %(limit).0f MB") % {"size": document.size / 1048576,
                                                                        "limit": limit / 1048576})
        return document


class ProgramFieldsForm(forms.Form):
    title = TypedCharField(label=_("标题"), max_length=255)
    region = TypedCharField(label=_("地区（文件所称）"), max_length=64)
    issuer = TypedCharField(label=_("发文机关"), max_length=128, required=False)
    doc_number = TypedCharField(label=_("文号"), max_length=64, required=False)
    issued_on = forms.DateField(label=_("印发日期"), required=False, widget=DateInput)
    start = forms.IntegerField(label=_("起始年"), min_value=1900, max_value=2200)
    end = forms.IntegerField(label=_("结束年"), min_value=1900, max_value=2200)

    @classmethod
    def initial_from(cls, plan: dict) -> dict:
        return {"title": plan["title"],
                # 未识别: the parser found no region; the field stays empty for the office to fill
                "region": "" if plan["region"] == REGION_NOT_FOUND else plan["region"],
                "issuer": plan.get("issuer"),
                "doc_number": plan.get("doc_number"), "issued_on": plan.get("issued_on"),
                # 0: the parser found no years; the fields stay empty for the office to fill
                "start": plan["period"]["start"] or None, "end": plan["period"]["end"] or None}

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["start"] > data["end"]:
            raise forms.ValidationError(gettext("起始年份晚于结束年份"))
        return data

    def to_fields(self) -> dict:
        d = self.cleaned_data
        return {"title": d["title"], "region": d["region"], "issuer": d["issuer"] or None,
                "doc_number": d["doc_number"] or None,
                "issued_on": d["issued_on"].isoformat() if d["issued_on"] else None,
                "period": {"start": d["start"], "end": d["end"]}}


class IndicatorForm(forms.Form):
    name = TypedCharField(label=_("指标名称"), max_length=255)
    unit = TypedCharField(label=_("单位"), max_length=32, required=False)
    baseline_year = forms.IntegerField(label=_("基期年"), required=False, min_value=1900, max_value=2200)
    baseline_value = forms.FloatField(label=_("基期值"), required=False)
    targets = TypedCharField(label=_("目标值（每行一个：年份 比较符 数值，如 2025 >= 12）"), required=False,
                              widget=forms.Textarea(attrs={"rows": 3}))
    qualitative_target = TypedCharField(label=_("定性目标"), max_length=255, required=False)
    tags = TypedCharField(label=_("属性（以顿号分隔）"), required=False)
    source = forms.ChoiceField(label=_("来源"), choices=[("table", _("指标表")), ("text", _("正文"))])

    @classmethod
    def initial_from(cls, item: dict) -> dict:
        baseline = item.get("baseline") or {}
        return {
            "name": item["name"], "unit": item.get("unit") or "",
            "baseline_year": baseline.get("year"), "baseline_value": baseline.get("value"),
            "targets": "\n".join(f"{t['year'] or ''} {t['comparator']} {t['value']}".strip() for t in item["targets"]),
            "qualitative_target": item.get("qualitative_target") or "",
            "tags": "、".join(item.get("tags") or []), "source": item.get("source") or "table",
        }

    def clean_targets(self) -> list[dict]:
        targets, years = [], set()
        for line in _lines(self.cleaned_data["targets"]):
            match = _INDICATOR_TARGET.match(line)
            if not match:
                raise forms.ValidationError(gettext("无法识别的目标值“%(line)s”，应写作“2025 >= 12”") % {"line": line})
            year = int(match[1]) if match[1] else None
            if year in years:
                raise forms.ValidationError(gettext("%(year)s 年有多个目标值") % {"year": year})
            years.add(year)
            targets.append({"year": year, "value": _number(match[3]),
                            "comparator": _COMPARATOR_WORDS.get(match[2] or ">=", ">=")})
        return targets

    def clean(self):
        data = super().clean()
        if (data.get("baseline_year") is not None) and data.get("baseline_value") is None:
            self.add_error("baseline_value", gettext("填写了基期年，请同时填写基期值"))
        return data

    def to_item(self, previous: dict | None = None) -> dict:
        d = self.cleaned_data
        baseline = None
        if d["baseline_value"] is not None:
            baseline = {"year": d["baseline_year"], "value": plain_number(d["baseline_value"])}
        item = {
            "name": d["name"].strip(), "unit": d["unit"].strip() or None, "baseline": baseline,
            "targets": d["targets"], "qualitative_target": d["qualitative_target"].strip() or None,
            "tags": [t for t in _TAG_SPLIT.split(d["tags"] or "") if t], "source": d["source"],
        }
        if previous and previous.get("evidence"):
            item["evidence"] = previous["evidence"]
        return item


class TaskForm(forms.Form):
    ref = TypedCharField(label=_("编号"), max_length=64, required=False)
    title = TypedCharField(label=_("任务"), max_length=500)
    # Department names and target names are the document's own words: lang="zh" on the text boxes.
    departments = TypedCharField(label=_("责任单位（每行一个）"), required=False,
                                  widget=forms.Textarea(attrs={"rows": 4, "lang": "zh"}))
    lead = TypedCharField(label=_("牵头单位（每行一个；为空则取第一个责任单位）"), required=False,
                           widget=forms.Textarea(attrs={"rows": 2, "lang": "zh"}))
    targets = TypedCharField(label=_("任务目标（每行一个：名称 | 年份 | 比较符 | 数值 | 单位）"), required=False,
                              widget=forms.Textarea(attrs={"rows": 2, "lang": "zh"}))

    @classmethod
    def initial_from(cls, item: dict) -> dict:
        return {
            "ref": item["ref"], "title": item["title"],
            "departments": "\n".join(item["departments"]), "lead": "\n".join(item["lead"]),
            "targets": "\n".join(
                f"{t['name']} | {t['year'] or ''} | {t['comparator']} | {t['value']} | {t.get('unit') or ''}"
                for t in item["targets"]),
        }

    def clean_targets(self) -> list[dict]:
        targets = []
        for line in _lines(self.cleaned_data["targets"]):
            parts = [p.strip() for p in line.split("|")]
            if len(parts) != 5 or not parts[0]:
                raise forms.ValidationError(gettext("无法识别的任务目标“%(line)s”，应写作“名称 | 2025 | >= | 3 | 项”") % {"line": line})
            name, year, comparator, value, unit = parts
            if (year and not re.fullmatch(r"\d{4}", year)) or comparator not in _COMPARATOR_WORDS \
                    or not re.fullmatch(r"-?\d+(?:\.\d+)?", value):
                raise forms.ValidationError(gettext("无法识别的任务目标“%(line)s”，应写作“名称 | 2025 | >= | 3 | 项”") % {"line": line})
            targets.append({"name": name, "year": int(year) if year else None, "value": _number(value),
                            "unit": unit or None, "comparator": _COMPARATOR_WORDS[comparator]})
        return targets

    def clean(self):
        data = super().clean()
        departments = _lines(data.get("departments", ""))
        lead = _lines(data.get("lead", "")) or departments[:1]
        missing = [name for name in lead if name not in departments]
        if missing:
            self.add_error("lead", gettext("牵头单位应在责任单位之中：%(names)s") % {"names": list_comma().join(missing)})
        data["departments_list"], data["lead_list"] = departments, lead
        return data

    def to_item(self, previous: dict | None = None) -> dict:
        d = self.cleaned_data
        item = {"ref": d["ref"].strip(), "title": d["title"].strip(), "departments": d["departments_list"],
                "lead": d["lead_list"], "targets": d["targets"]}
        if previous and previous.get("evidence"):
            item["evidence"] = previous["evidence"]
        return item


