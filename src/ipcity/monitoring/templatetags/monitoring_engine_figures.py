"""The “从知识产权数据计算” form on the indicator page, and a computed value's lineage in words."""

from __future__ import annotations

import json
import re
from typing import Any

from django import template
from django.utils.html import conditional_escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import gettext as _

from ipcity.analytics.formulas import HIGH_VALUE_KEYS, KIND_OF_KEY, PER_10K
from ipcity.core.localtime import local_text
from ipcity.core.templatetags.punctuation import close_paren, colon, comma, labelled, open_paren, semicolon
from ipcity.monitoring import engine_figures
from ipcity.monitoring.forms_engine_figures import EngineFigureForm
from ipcity.monitoring.labels import engine_warning_text
from ipcity.monitoring.lineage_order import in_order
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
def lineage_rows(lineage: dict | None) -> list[tuple[str, str | SafeString]]:
    """(label, text) rows saying where a computed figure came from."""
    if not lineage:
        return []
    if "key_label" not in lineage:  # written by another channel (the API, a script): show what it gives,
        # its keys in code-point order: the order it was written in is not kept by PostgreSQL's jsonb
        return [(str(k), local_text(v) if isinstance(v, str) else json.dumps(v, ensure_ascii=False, default=str,
                                                                              sort_keys=True))
                for k, v in sorted(lineage.items())]
    lineage = in_order(lineage)  # jsonb keeps no key order: terms, kinds and parties in theirs
    dataset = lineage.get("dataset") or {}
    reference = lineage.get("reference") or {}
    sei = lineage.get("sei") or {}
    # Names, files, notes and units are Chinese data (marked lang="zh" for an English page); the
    # words around them are the page's.
    keys = _figure_keys(lineage)
    rows: list[tuple[str, str | SafeString]] = [
        (_("计算指标"), format_html("{}{}{}{}", _zh(lineage.get("key_label", "")), open_paren(), lineage.get("key", ""),
                                       close_paren())),
        (_("地区与时点"), format_html("{} {} · {}", _zh(lineage.get("region_name") or ""), lineage.get("region", ""),
                                 lineage.get("as_of", ""))),
        (_("专利数据集"), _dataset_text(dataset)),
    ]
    # Only what the figure depends on: a trademark count listing the SEI table or the population
    # reads as if they had gone into it. A lineage without its formula (older ones) shows them all.
    if keys is None or keys & POPULATION_KEYS:
        rows.append((_("年末常住人口"), _population_text(reference.get("population") or {})))
    if keys is None or keys & HIGH_VALUE_KEYS:
        rows.append((_("质押金额阈值"), _pledge_text(reference.get("pledge_threshold") or {})))
        rows.append((_("SEI 对照表"), _sei_text(sei)))
    rows += [
        *_record_rows(lineage, keys),
        (_("计算引擎"), f"{lineage.get('engine', '')} · ipcity {lineage.get('ipcity_version', '')}"),
        (_("计算时间"), local_text(lineage.get("computed_at"))),
    ]
    for warning in lineage.get("warnings") or []:
        applies_to = WARNING_KEYS.get(warning.get("code", ""))
        if applies_to is None and warning.get("kind"):  # a warning about one kind of record (records_unattributed)
            applies_to = frozenset(key for key, kind in KIND_OF_KEY.items() if kind == warning["kind"])
        if keys is None or applies_to is None or keys & applies_to:
            rows.append((_("提示"), engine_warning_text(warning)))
    return rows


def _record_rows(lineage: dict, keys: set[str] | None) -> list[tuple[str, str | SafeString]]:
    """The formula with its terms and the unit conversion, the other kinds' files, the market
    entities: rows of figures computed since issue 14 (older lineages have none of them)."""
    rows: list[tuple[str, str | SafeString]] = []
    formula = lineage.get("formula") or {}
    if formula.get("terms"):
        result = format_html("{} {}", _number(lineage.get("engine_value")), _zh(lineage.get("engine_unit", "")))
        if lineage.get("engine_unit") != lineage.get("unit"):
            result = format_html("{} → {} {}", result, _number(lineage.get("value")), _zh(lineage.get("unit", "")))
        division = _division(lineage, formula)
        if division is not None:
            rows.append((_("计算公式"), format_html("{} = {}", division, result)))
        else:
            # Terms by the names people use (有效发明专利拥有量), not the engine's keys (invention_valid).
            terms = mark_safe(conditional_escape(semicolon()).join(  # noqa: S308 (every part escaped)
                labelled(conditional_escape(year), conditional_escape(comma()).join(
                    format_html("{} = {}", _term_name(term), _number(value)) for term, value in values.items()))
                for year, values in formula["terms"].items()))
            text = formula.get("text", "")
            shown = _term_name(text) if _KEY.fullmatch(text) else text
            rows.append((_("计算公式"), format_html("{} · {} · {}", shown, terms, result)))
    kinds = lineage.get("dataset_kinds") or {}
    if kinds:
        rows.append((_("记录来源"), format_html_join(" · ", "{}{}{}{}{}{}", (
            (engine_figures.KIND_WORDS.get(kind, kind), colon(), _zh(part.get("source") or "—"), open_paren(),
             part.get("rows"), close_paren())
            for kind, part in kinds.items()))))
    attribution = _attribution_text(lineage.get("attribution") or {}, keys)
    if attribution:
        rows.append((_("地区归属"), attribution))
    entities = (lineage.get("reference") or {}).get("entities") or {}
    if entities.get("value") and (keys is None or keys & ENTITIES_KEYS):
        origin = _with_note(entities.get("version") or _("计算时填写"), entities)
        rows.append((_("年末市场主体户数"), format_html("{}{}{}{}", f"{entities['value']:,.0f}", open_paren(), origin, close_paren())))
    return rows


def _attribution_text(attribution: dict, keys: set[str] | None) -> str:
    """How many rows of the kinds the figure counts took their region from an address and from a
    name: ``专利：按地址 12 条，按名称 3 条 · 许可与转让：让与方按地址 …``."""
    kinds = None if keys is None else {KIND_OF_KEY.get(key) for key in keys}
    parts = []
    for kind, counts in attribution.items():
        if kinds is not None and kind not in kinds or not isinstance(counts, dict):
            continue
        by_party = counts if "by_address" not in counts else {"": counts}
        counted = {party: _by_address_and_name(c) for party, c in by_party.items() if isinstance(c, dict)}
        text = semicolon().join(labelled(engine_figures.PARTY_WORDS.get(party, party), words) if party else words
                                for party, words in counted.items())
        parts.append(labelled(str(engine_figures.KIND_WORDS.get(kind, kind)), text))
    return " · ".join(parts)


def _by_address_and_name(counts: dict) -> str:
    if counts.get("by_address") is None:  # imported before the address count was kept
        return _("按地址 未统计（该数据集导入较早，重新导入后显示），按名称 %(name)s 条") % {
            "name": f"{counts.get('by_name', 0):,}"}
    return _("按地址 %(address)s 条，按名称 %(name)s 条") % {
        "address": f"{counts['by_address']:,}", "name": f"{counts.get('by_name', 0):,}"}


# The figures each reference divides (the engine's ``PER_10K``) and the kinds of figure: the lineage
# rows of a reference, and the engine's warnings, apply to these keys only.
POPULATION_KEYS = frozenset(key for key, (_count, divisor) in PER_10K.items() if divisor == "population")
ENTITIES_KEYS = frozenset(key for key, (_count, divisor) in PER_10K.items() if divisor == "entities")
PATENT_KEYS = frozenset(key for key, kind in KIND_OF_KEY.items() if kind == "patent")
TRADEMARK_KEYS = frozenset(key for key, kind in KIND_OF_KEY.items() if kind == "trademark")
PLEDGE_AMOUNT_KEYS = frozenset(key for key in KIND_OF_KEY if key.startswith("pledge_amount"))
# The engine warns of every panel on each run: a trademark figure's preview said "未提供 SEI 对照表"
# and counted patent rows without a region; a count of GI marks said entities were missing.
# A code not listed here is always shown.
WARNING_KEYS = {"sei_not_applied": HIGH_VALUE_KEYS, "pledge_not_applied": HIGH_VALUE_KEYS,
                "no_population": POPULATION_KEYS, "invalid_without_lapse": PATENT_KEYS, "unattributed": PATENT_KEYS,
                "past_term_without_lapse": PATENT_KEYS,
                "no_entities": ENTITIES_KEYS, "tm_invalid_without_lapse": TRADEMARK_KEYS,
                "pledge_amount_missing": PLEDGE_AMOUNT_KEYS}


def _figure_keys(lineage: dict) -> set[str] | None:
    """The engine's keys the figure was computed from (``pledge_amount_by_kind.patent`` → its key),
    from the formula's terms; None when the lineage does not say (written before issue 14)."""
    terms = (lineage.get("formula") or {}).get("terms") or {}
    keys = {term.split(".")[0] for values in terms.values() for term in values}
    return keys or None


def _division(lineage: dict, formula: dict) -> SafeString | None:
    """“高价值发明专利拥有量 65 ÷ 年末常住人口 81,700 × 10,000” for a figure that is one per-10,000 key
    of one year, whose count and divisor the lineage holds; None for any other formula."""
    terms = formula.get("terms") or {}
    keys = [key for values in terms.values() for key in values]
    if len(terms) != 1 or len(keys) != 1 or keys[0] not in PER_10K:
        return None
    count_key, divisor = PER_10K[keys[0]]
    count = (lineage.get("figures") or {}).get(count_key)
    reference = ((lineage.get("reference") or {}).get(divisor) or {}).get("value")
    if count is None or not reference:
        return None
    divisor_name = _("年末常住人口") if divisor == "population" else _("年末市场主体户数")
    return format_html("{} {} ÷ {} {} × 10,000", _zh(engine_figures.figure_label(count_key)), _number(count),
                       divisor_name, _number(reference))


_KEY = re.compile(r"[a-z][a-z0-9_.]*")  # one engine key (invention_valid, pledge_amount_by_kind.patent)


def _term_name(key: str) -> SafeString:
    """An engine key as the catalogue names it (Chinese data on a page of any language)."""
    return _zh(engine_figures.figure_label(key))


def _zh(text) -> SafeString:
    """Chinese data on a page of any language."""
    return format_html('<span lang="zh">{}</span>', text) if text else SafeString("")


def _fill(template: str, **parts) -> SafeString:
    """A translated sentence with its %(name)s parts, each escaped unless already marked up (``_zh``)."""
    return mark_safe(conditional_escape(template) % {k: conditional_escape(v) for k, v in parts.items()})  # noqa: S308


def _number(value) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.6g}"


def _dataset_text(dataset: dict) -> SafeString:
    parts = [conditional_escape(str(dataset.get("name", "")))]
    if dataset.get("source_file"):
        parts.append(_fill(_("来源文件 %(file)s"), file=_zh(dataset["source_file"])))
    if dataset.get("imported_at"):
        parts.append(_fill(_("导入于 %(time)s"), time=local_text(dataset["imported_at"])))
    if dataset.get("rows") is not None:
        parts.append(_fill(_("%(rows)s 条记录"), rows=dataset["rows"]))
    return mark_safe(" · ".join(parts))  # noqa: S308  (each part escaped above)


def _population_text(population: dict) -> str | SafeString:
    if not population.get("value"):
        return _("未提供")
    source = {"given": _("计算时填写"), "reference": _("人口表 %(version)s") % {"version": population.get("version")}}
    origin = _with_note(source.get(population.get("source") or "", ""), population)
    return _fill(_("%(value)s 人（%(source)s）"), value=f"{population['value']:,.0f}", source=origin)


def _with_note(origin: str, table: dict) -> SafeString:
    """A reference table's version with the note it was loaded with (the demo's says 示例数据, invented)."""
    return format_html("{} · {}", origin, _zh(table["note"])) if table.get("note") else conditional_escape(origin)


def _pledge_text(pledge: dict) -> str:
    if pledge.get("yuan") is None:
        return _("未设置（不适用质押标准）")
    origin = pledge.get("version") or _("计算时填写")
    return _("%(value)s 元（%(origin)s）") % {"value": f"{pledge['yuan']:,.0f}", "origin": origin}


def _sei_text(sei: dict) -> str:
    if not sei.get("version"):
        return _("未提供（不适用 SEI 标准）")
    return f"{sei['version']} · {engine_figures.SEI_MODES.get(sei.get('mode') or '', sei.get('mode'))} · sha256 {sei.get('sha256', '')[:16]}…"
