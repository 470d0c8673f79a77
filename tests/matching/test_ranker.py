"""The ranker: BM25 candidates, the priors' small boosts, and matches that explain themselves."""

from __future__ import annotations

import pytest

from ipcity.matching.needs import Need
from ipcity.matching.ranker import BOOSTS, rank, rank_needs_for_patent, sei_codes_of_patterns

GLASS = Need(id="g", text="我公司生产光伏玻璃，需要提高透光率的减反射镀膜技术", industry_code="3041", region_code="340300")


def _bm25_only(index, need):
    return {h.pub_number: h.score for h in rank(index, need, priors=())}


def test_the_best_match_comes_first_and_says_why(built_index, concordance, sei_table):
    hits = rank(built_index, GLASS, concordance=concordance, sei_table=sei_table)
    best = hits[0]
    assert best.pub_number == "CN99000007A"
    assert {"光伏", "玻璃", "透光率", "镀膜"} <= set(best.why.shared_terms)
    assert best.why.shared_ipc_groups == ["C03C17"]
    assert [p["prior"] for p in best.why.priors] == ["ipc", "sei", "region"]
    assert best.why.priors[2]["detail"] == "专利权人与需求企业在同一城市"
    # score = BM25 × (1 + 0.15 + 0.10 + 0.002)
    assert best.score == pytest.approx(_bm25_only(built_index, GLASS)["CN99000007A"] * 1.252, rel=1e-4)
    assert best.why.as_dict()["shared_ipc_groups"] == ["C03C17"]


def test_same_province_gets_the_smaller_region_boost(built_index, concordance):
    hits = {h.pub_number: h for h in rank(built_index, GLASS, concordance=concordance, priors=("region",))}
    roller = hits["CN99000009U"]  # 凤阳 341126: same province as 蚌埠, another city
    assert roller.why.priors == [{"prior": "region", "boost": BOOSTS["region_province"], "detail": "专利权人与需求企业在同一省份"}]


def test_a_hit_needs_three_shared_words_or_a_shared_ipc_group(built_index, concordance):
    # "玻璃" alone: BM25 finds the glass patents but none shares three words with the query.
    assert rank(built_index, "玻璃生产") == []
    with_industry = rank(built_index, Need(id="x", text="玻璃生产", industry_code="3041"), concordance=concordance)
    assert with_industry and all(h.why.shared_ipc_groups for h in with_industry)
    by_words = rank(built_index, "电子器件散热用的导热材料，导热系数要高")
    assert by_words and all(len(hit.why.shared_terms) >= 3 for hit in by_words)


def test_priors_reorder_close_texts_but_never_invent_matches(built_index, concordance, sei_table):
    need = Need(id="b", text="动力电池热管理，需要导热材料和电池温度控制技术", industry_code="3841", region_code="340400")
    plain = rank(built_index, need, priors=())
    boosted = rank(built_index, need, concordance=concordance, sei_table=sei_table)
    assert plain and {h.pub_number for h in boosted} >= {h.pub_number for h in plain}
    bm25 = _bm25_only(built_index, need)
    for hit in boosted:
        assert hit.score >= bm25.get(hit.pub_number, 0) * (1 - 1e-6)


def test_exclude_and_top(built_index, concordance):
    first = rank(built_index, GLASS, concordance=concordance, top=1)
    assert len(first) == 1
    rest = rank(built_index, GLASS, concordance=concordance, exclude={first[0].pub_number})
    assert first[0].pub_number not in {h.pub_number for h in rest}


def test_sei_classes_of_an_industry_through_its_ipc_patterns(sei_table):
    codes = sei_codes_of_patterns(["C03C17*"], sei_table)
    assert codes and all(isinstance(c, str) for c in codes)
    assert sei_codes_of_patterns(["A23F3*"], sei_table) != codes


def test_needs_for_a_patent(patents, concordance, sei_table):
    needs = [GLASS,
             Need(id="t", text="电子器件散热需要导热系数高的导热材料", industry_code="2669"),
             Need(id="c", text="绿茶加工机械化，杀青揉捻", industry_code="1530")]
    ranked = rank_needs_for_patent(patents[0], needs, concordance=concordance, sei_table=sei_table)
    assert [need.id for need, _, _ in ranked] == ["t"]
    need, score, why = ranked[0]
    assert score > 0 and "导热" in why.shared_terms and why.shared_ipc_groups == ["C09K5", "C08L83"]
    assert rank_needs_for_patent(patents[0], []) == []


def test_feedback_widens_the_query_but_shared_terms_are_the_needs_own(built_index):
    from ipcity.matching.ranker import expanded_scores
    from ipcity.matching.tokens import terms

    need_terms = terms(GLASS.query_text)
    plain, widened = built_index.scores(need_terms), expanded_scores(built_index, need_terms)
    assert (widened >= plain - 1e-6).all() and (widened > plain + 1e-6).any()
    hits = rank(built_index, GLASS)
    assert hits and all(set(hit.why.shared_terms) <= set(need_terms) for hit in hits)


def test_a_bigram_counts_as_shared_only_when_the_firm_wrote_it_as_a_word():
    from ipcity.matching.ranker import need_context, shared_terms

    def shared(need_text: str, title: str, abstract: str) -> list[str]:
        context = need_context(Need(id="n", text=need_text), concordance=None, sei_table=None, priors=())
        return shared_terms(context, {"title": title, "abstract": abstract})

    # 电池 is a word of the need on its own (铅酸电池 is cut 铅酸 / 电池): it counts beside 锂电池;
    # 锂电, a bigram of 锂电池 only, does not. Three distinct words: the patent explains itself.
    assert shared("想把铅酸电池换成锂电池，电池管理没有经验", "一种储能锂电池热失控预警方法",
                  "在电池簇内设置气体传感器，联动电池管理系统。") == ["电池", "锂电池", "管理"]
    # 预制, 构件 occur only inside the firm's 预制构件: one shared word, not three.
    assert shared("卖给混凝土预制构件厂", "一种再生骨料混凝土预制构件的制备方法", "预制构件") == ["混凝土", "预制构件"]


def test_a_patents_needs_add_the_cosine_of_words_to_their_bm25_share():
    """Hand-worked (authored): BM25 puts the broad need first, the cosine the focused one."""
    import math

    from ipcity.matching.tokens import cut

    patent = {"title": "电池模组的导热硅胶垫片", "abstract": "", "ipc": "", "region_code": ""}
    broad = Need(id="broad", text="电池、模组、导热、硅胶、外壳、支架、螺丝、包装、运输、仓库")
    focused = Need(id="focused", text="导热、硅胶、垫片")
    # The cuts the numbers rest on: 10 words (4 the patent's) against 3 (all the patent's).
    assert cut(patent["title"]).words == ["电池", "模组", "导热", "硅胶", "垫片"]
    assert len(cut(broad.text).words) == 10 and cut(focused.text).words == ["导热", "硅胶", "垫片"]
    # BM25 (Lucene, k1 1.5, b 0.75) over the two needs, average length 6.5: idf ln(1 + (N - df + 0.5) /
    # (df + 0.5)) is ln 2 for a word in one need (电池, 模组, 垫片), ln 1.2 for one in both (导热, 硅胶).
    def tf_part(length: int) -> float:
        return 1 / (1 + 1.5 * (1 - 0.75 + 0.75 * length / 6.5))

    bm25_broad = tf_part(10) * (2 * math.log(2) + 2 * math.log(1.2))  # 0.5638
    bm25_focused = tf_part(3) * (math.log(2) + 2 * math.log(1.2))  # 0.5584
    assert bm25_broad > bm25_focused
    # Cosine of word counts × (ln(N/df) + 1): a = 1 + ln 2 for a word in one need, 1 for 导热 and 硅胶.
    a2 = (1 + math.log(2)) ** 2
    patent_norm = math.sqrt(3 * a2 + 2)
    cosine_broad = (2 * a2 + 2) / (patent_norm * math.sqrt(8 * a2 + 2))  # 0.4757
    cosine_focused = (a2 + 2) / (patent_norm * math.sqrt(a2 + 2))  # 0.6776
    ranked = rank_needs_for_patent(patent, [broad, focused], priors=())
    assert [need.id for need, _, _ in ranked] == ["focused", "broad"]
    assert [score for _, score, _ in ranked] == pytest.approx(
        [bm25_focused / bm25_broad + cosine_focused, 1 + cosine_broad], abs=1e-4)  # 1.6681, 1.4757
    assert ranked[1][2].shared_terms == ["电池", "模组", "导热", "硅胶"]
