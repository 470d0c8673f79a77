"""The “从专利数据计算” form on the indicator page, and a computed value's lineage in words."""

from __future__ import annotations

import json
from typing import Any

from django import template
from django.utils.translation import gettext as _

from ipcity.core.localtime import local_text
from ipcity.monitoring import engine_figures
from ipcity.monitoring.forms_engine_figures import EngineFigureForm
from ipcity.programs.access import may_edit_indicator

register = template.Library()


@register.inclusion_tag("monitoring/_engine_figure_body.html", takes_context=True)
def engine_figure_form(context) -> dict[str, Any]:
    """The form, rendered inline for the office (the page's view needs no change for it). The tag
    asks the access module itself rather than trusting whichever page includes it."""
    request, program, indicator = context["request"], context["program"], context["indicator"]
    if not may_edit_indicator(request.user, indicator):
        return {"hidden": True}
    datasets = engine_figures.dataset_choices()
    form = EngineFigureForm(indicator=indicator, program=program, datasets=datasets,
                            suggestion=context.get("records_suggestion"), standards=context.get("catalogue_entries"))
    return {"program": program, "indicator": indicator, "form": form, "figure": None, "datasets": datasets,
            "csrf_token": context.get("csrf_token")}


@register.simple_tag
def lineage_rows(lineage: dict | None) -> list[tuple[str, str]]:
    """(label, text) rows saying where a computed figure came from."""
    if not lineage:
        return []
    if "key_label" not in lineage:  # written by another channel (the API, a script): show it as given
        return [(str(k), local_text(v) if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str))
                for k, v in lineage.items()]
    dataset = lineage.get("dataset") or {}
    reference = lineage.get("reference") or {}
    sei = lineage.get("sei") or {}
    rows = [
        (_("计算指标"), f"{lineage.get('key_label', '')}（{lineage.get('key', '')}）"),
        (_("地区与时点"), f"{lineage.get('region_name') or ''} {lineage.get('region', '')} · {lineage.get('as_of', '')}"),
        (_("专利数据集"), _dataset_text(dataset)),
        (_("年末常住人口"), _population_text(reference.get("population") or {})),
        (_("质押金额阈值"), _pledge_text(reference.get("pledge_threshold") or {})),
        (_("SEI 对照表"), _sei_text(sei)),
        *_record_rows(lineage),
        (_("计算引擎"), f"{lineage.get('engine', '')} · ipcity {lineage.get('ipcity_version', '')}"),
        (_("计算时间"), local_text(lineage.get("computed_at"))),
    ]
    for warning in lineage.get("warnings") or []:
        rows.append((_("提示"), str(warning.get("message", warning))))
    return rows


def _record_rows(lineage: dict) -> list[tuple[str, str]]:
    """The formula with its terms and the unit conversion, the other kinds' files, the market
    entities: rows of figures computed since issue 14 (older lineages have none of them)."""
    rows = []
    formula = lineage.get("formula") or {}
    if formula.get("terms"):
        terms = "；".join(f"{year}：" + "，".join(f"{term} = {_number(value)}" for term, value in values.items())
                         for year, values in formula["terms"].items())
        result = f"{_number(lineage.get('engine_value'))} {lineage.get('engine_unit', '')}"
        if lineage.get("engine_unit") != lineage.get("unit"):
            result += f" → {_number(lineage.get('value'))} {lineage.get('unit', '')}"
        rows.append((_("计算公式"), f"{formula.get('text', '')} · {terms} · {result}"))
    kinds = lineage.get("dataset_kinds") or {}
    if kinds:
        rows.append((_("记录来源"), " · ".join(
            f"{kind}：{part.get('source') or '—'}（{part.get('rows')}）" for kind, part in kinds.items())))
    entities = (lineage.get("reference") or {}).get("entities") or {}
    if entities.get("value"):
        origin = entities.get("version") or _("计算时填写")
        rows.append((_("年末市场主体户数"), f"{entities['value']:,.0f}（{origin}）"))
    return rows


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def _dataset_text(dataset: dict) -> str:
    parts = [str(dataset.get("name", ""))]
    if dataset.get("source_file"):
        parts.append(_("来源文件 %(file)s") % {"file": dataset["source_file"]})
    if dataset.get("imported_at"):
        parts.append(_("导入于 %(time)s") % {"time": local_text(dataset["imported_at"])})
    if dataset.get("rows") is not None:
        parts.append(_("%(rows)s 条记录") % {"rows": dataset["rows"]})
    return " · ".join(parts)


def _population_text(population: dict) -> str:
    if not population.get("value"):
        return _("未提供")
    source = {"given": _("计算时填写"), "reference": _("人口表 %(version)s") % {"version": population.get("version")}}
    return _("%(value)s 人（%(source)s）") % {"value": f"{population['value']:,.0f}",
                                           "source": source.get(population.get("source") or "", "")}


def _pledge_text(pledge: dict) -> str:
    if pledge.get("yuan") is None:
        return _("未设置（不适用质押标准）")
    origin = pledge.get("version") or _("计算时填写")
    return _("%(value)s 元（%(origin)s）") % {"value": f"{pledge['yuan']:,.0f}", "origin": origin}


def _sei_text(sei: dict) -> str:
    if not sei.get("version"):
        return _("未提供（不适用 SEI 标准）")
    return f"{sei['version']} · {engine_figures.SEI_MODES.get(sei.get('mode') or '', sei.get('mode'))} · sha256 {sei.get('sha256', '')[:16]}…"
