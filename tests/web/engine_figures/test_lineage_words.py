"""A computed figure's lineage in words: data marked as Chinese data, the per-10,000 division spelt out."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation

from tests.web.test_english_crawl import chinese_left
from tests.web.test_i18n import english_catalogue  # noqa: F401  (builds the .mo when stale)

NOTE = "示例数据：示例市（990100，虚构城市）的虚构数字"


def _lineage(key: str, value: float, *, kinds: dict | None = None) -> dict:
    """A lineage as ``engine_figures._lineage`` writes it (the demo's 2025 figures of 示例市)."""
    return {
        "key": key, "key_label": {"high_value_per_10k": "每万人口高价值发明专利拥有量",
                                  "tm_valid_per_10k_entities": "每万户市场主体有效注册商标量",
                                  "gi_marks_valid": "地理标志商标数"}[key],
        "value": value, "unit": "件", "engine_value": value, "engine_unit": "件",
        "formula": {"text": key, "growth": False, "terms": {"2025": {key: value}}},
        "region": "990100", "region_name": "示例市", "year": 2025, "as_of": "2025-12-31",
        "dataset": {"name": "demo-patents", "source_file": "ipcity demo（合成专利数据）", "rows": 20000},
        "dataset_kinds": kinds or {},
        "reference": {"population": {"value": 81700.0, "source": "reference", "version": "population-1", "note": NOTE},
                      "entities": {"value": 5980.0, "source": "reference", "version": "entities-1", "note": NOTE},
                      "pledge_threshold": {"yuan": None}},
        "sei": {"version": None},
        "figures": {"high_value": 65, "tm_valid": 1201, "high_value_per_10k": 7.9559363525091795,
                    "tm_valid_per_10k_entities": 2008.361204013378},
        "warnings": [], "engine": "duckdb", "ipcity_version": "0.1.0", "computed_at": "2026-12-06T07:17:00+00:00",
    }


def _table(lineage: dict, language: str) -> str:
    with translation.override(language):
        return render_to_string("monitoring/_lineage_table.html", {"lineage": lineage})


def test_the_per_10k_figure_shows_its_division(db):
    """65 high-value inventions over 81,700 residents × 10,000 = 7.95594; 1,201 trademarks over 5,980
    market entities × 10,000 = 2,008.36: the numerator and the denominator, not the key repeated."""
    high_value = _table(_lineage("high_value_per_10k", 7.9559363525091795), "zh-hans")
    assert ('<span lang="zh">高价值发明专利拥有量</span> 65 ÷ 年末常住人口 81,700 × 10,000 = 7.95594 '
            '<span lang="zh">件</span>') in high_value
    trademarks = _table(_lineage("tm_valid_per_10k_entities", 2008.361204013378), "zh-hans")
    assert ('<span lang="zh">有效注册商标量</span> 1,201 ÷ 年末市场主体户数 5,980 × 10,000 = 2,008.36 '
            '<span lang="zh">件</span>') in trademarks


def test_an_english_lineage_marks_its_chinese_data(db, english_catalogue):  # noqa: F811
    """Names, files, notes and units are data (lang="zh"); the words around them are English."""
    lineage = _lineage("tm_valid_per_10k_entities", 2008.361204013378,
                       kinds={"trademark": {"source": "ipcity demo（合成商标数据）", "rows": 20000}})
    lineage["warnings"] = [{"code": "something_new", "message": "an engine note without words yet"}]
    html = _table(lineage, "en")
    assert chinese_left(html, where=True) == []
    for data in ("每万户市场主体有效注册商标量", "示例市", "ipcity demo（合成专利数据）", NOTE, "ipcity demo（合成商标数据）"):
        assert f'<span lang="zh">{data}</span>' in html
    assert "an engine note without words yet" in html


def test_only_the_references_the_figure_depends_on_are_listed(db):
    """A trademark figure divides by market entities: no population, SEI table or pledge threshold.
    The per-10,000 high-value figure depends on all three; a lineage without its formula lists them all."""
    from ipcity.monitoring.templatetags.monitoring_engine_figures import lineage_rows

    patent_only = {"年末常住人口", "质押金额阈值", "SEI 对照表"}
    with translation.override("zh-hans"):
        trademarks = {label for label, _text in lineage_rows(_lineage("tm_valid_per_10k_entities", 2008.36))}
        high_value = {label for label, _text in lineage_rows(_lineage("high_value_per_10k", 7.9559363525091795))}
        counts = _lineage("high_value_per_10k", 65)
        counts["formula"]["terms"] = {"2025": {"invention_valid": 980}}
        inventions = {label for label, _text in lineage_rows(counts)}
        older = _lineage("high_value_per_10k", 65)
        del older["formula"]
        unknown = {label for label, _text in lineage_rows(older)}
    assert not trademarks & patent_only and "年末市场主体户数" in trademarks
    assert patent_only <= high_value
    assert not inventions & patent_only  # a count of valid inventions needs none of them
    assert patent_only <= unknown
    html = _table(_lineage("tm_valid_per_10k_entities", 2008.36), "zh-hans")
    assert "SEI 对照表" not in html and "年末常住人口" not in html.replace("年末市场主体户数", "")


def test_the_engines_patent_warnings_are_left_off_a_trademark_figure(db):
    """The engine warns of the patent panel on every run (the demo's trademark preview listed the
    missing SEI table, the pledge threshold and patent rows without a region); a trademark warning stays."""
    from ipcity.monitoring.templatetags.monitoring_engine_figures import lineage_rows

    warnings = [{"code": "sei_not_applied", "message": "sei"}, {"code": "pledge_not_applied", "message": "pledge"},
                {"code": "unattributed", "message": "155 rows", "rows": 155},
                {"code": "tm_invalid_without_lapse", "message": "671 marks", "rows": 671}]
    with translation.override("zh-hans"):
        trademark = _lineage("tm_valid_per_10k_entities", 2008.36)
        trademark["warnings"] = warnings
        shown = [text for label, text in lineage_rows(trademark) if label == "提示"]
        high_value = _lineage("high_value_per_10k", 7.9559363525091795)
        high_value["warnings"] = warnings
        all_shown = [text for label, text in lineage_rows(high_value) if label == "提示"]
    assert shown == ["671 件商标状态为无效但没有失效日期：不计入任何年份的有效量"]
    assert len(all_shown) == 3 and not any("商标" in text for text in all_shown)  # the patent panel's three


def test_a_trademark_count_lists_no_entities_nor_their_warning(db):
    """Only 每万户市场主体有效注册商标量 divides by the market entities: a count of GI marks listed the
    entities table, or without one warned that they were missing."""
    from ipcity.monitoring.templatetags.monitoring_engine_figures import lineage_rows

    with translation.override("zh-hans"):
        marks = _lineage("gi_marks_valid", 3)
        marks["formula"]["terms"] = {"2025": {"gi_marks_valid": 3}}
        marks["warnings"] = [{"code": "no_entities", "message": "entities"},
                             {"code": "tm_invalid_without_lapse", "message": "671 marks", "rows": 671}]
        rows = lineage_rows(marks)
        per_entity = lineage_rows({**_lineage("tm_valid_per_10k_entities", 2008.36),
                                   "warnings": [{"code": "no_entities", "message": "entities"}]})
    labels = [label for label, _text in rows]
    assert "年末市场主体户数" not in labels and labels.count("提示") == 1
    assert "年末市场主体户数" in [label for label, _text in per_entity]
    assert [label for label, _text in per_entity].count("提示") == 1


def test_the_attribution_of_the_figures_kinds_is_shown(db, english_catalogue):  # noqa: F811
    """ip-indicators.md: "how many rows were attributed by address and by name is shown with the
    figures". A patent figure shows the patents' counts, not the licences'; a party kind names its party."""
    from ipcity.monitoring.templatetags.monitoring_engine_figures import lineage_rows

    lineage = _lineage("high_value_per_10k", 7.9559363525091795,
                       kinds={"trademark": {"source": "ipcity demo（合成商标数据）", "rows": 20000}})
    lineage["attribution"] = {"patent": {"by_address": 1234, "by_name": 56},
                              "licence": {"from": {"by_address": 3, "by_name": 1}, "to": {"by_address": 2, "by_name": 0}}}
    with translation.override("zh-hans"):
        rows = dict(lineage_rows(lineage))
        assert rows["地区归属"] == "专利：按地址 1,234 条，按名称 56 条"
        assert rows["记录来源"].startswith("商标：")  # the kind in words, not its code
        lineage["formula"]["terms"] = {"2025": {"licences": 5}}
        assert dict(lineage_rows(lineage))["地区归属"] == (
            "许可与转让：让与方：按地址 3 条，按名称 1 条；受让方：按地址 2 条，按名称 0 条")
        lineage["formula"]["terms"] = {"2025": {"high_value_per_10k": 7.96}}
        lineage["attribution"] = {"patent": {"by_address": None, "by_name": 56}}  # imported before it was counted
        assert dict(lineage_rows(lineage))["地区归属"] == "专利：按地址 未统计（该数据集导入较早，重新导入后显示），按名称 56 条"
        del lineage["attribution"]
        assert "地区归属" not in dict(lineage_rows(lineage))  # lineages written before it: no row
    lineage["attribution"] = {"patent": {"by_address": 1234, "by_name": 56}}
    lineage["formula"]["terms"] = {"2025": {"high_value_per_10k": 7.96}}
    html = _table(lineage, "en")
    assert chinese_left(html, where=True) == []


def test_a_plain_count_names_its_terms_not_the_engine_keys(db):
    """Found by the empty-installation field test: 有效发明专利拥有量 read
    "invention_valid · 2025：invention_valid = 5 · 5 件", the engine's key for people's words."""
    lineage = _lineage("gi_marks_valid", 5)
    lineage["formula"] = {"text": "invention_valid", "growth": False, "terms": {"2025": {"invention_valid": 5}}}
    lineage["figures"] = {"invention_valid": 5}
    html = _table(lineage, "zh-hans")
    assert "invention_valid" not in html
    assert ('<span lang="zh">有效发明专利拥有量</span> · 2025：<span lang="zh">有效发明专利拥有量</span> = 5 · 5 '
            '<span lang="zh">件</span>') in html
