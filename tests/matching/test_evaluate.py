"""Metrics with hand-worked numbers, the TF-IDF baseline and the evaluation set's reader."""

from __future__ import annotations

import math

import pytest

from ipcity.matching.evaluate import (
    TfidfBaseline,
    load_eval_set,
    mean_metrics,
    ndcg_at,
    precision_at,
    recall_at,
)
from ipcity.matching.needs import Need


def test_ndcg_by_hand():
    grades = {"a": 2, "b": 1, "c": 0}
    # ranked b, x (unjudged = 0), a: DCG = 1/log2(2) + 0 + 3/log2(4) = 1 + 1.5 = 2.5
    # ideal a, b: 3/1 + 1/log2(3) = 3.6309
    assert ndcg_at(["b", "x", "a"], grades, 10) == pytest.approx(2.5 / (3 + 1 / math.log2(3)))
    assert ndcg_at(["a", "b"], grades, 10) == pytest.approx(1.0)
    assert ndcg_at(["a"], {"a": 0}, 10) == 0.0
    assert ndcg_at(["c", "c2", "a"], grades, 2) == 0.0  # a falls outside the first two


def test_precision_and_recall_by_hand():
    grades = {"a": 2, "b": 1, "c": 0, "d": 1}
    assert precision_at(["a", "c", "x", "b"], grades, 5) == pytest.approx(2 / 5)
    assert recall_at(["a", "c", "x", "b"], grades, 50) == pytest.approx(2 / 3)
    assert recall_at(["a"], {"z": 0}, 50) is None


def test_tfidf_baseline_ranks_by_cosine(patents):
    baseline = TfidfBaseline(patents)
    ranked = baseline.rank("光伏玻璃减反射镀膜液", 5)
    assert ranked[0] == "CN99000007A"
    assert baseline.rank("完全无关的词语火星") == []


def test_the_eval_set_reader_merges_its_parts(tmp_path):
    (tmp_path / "patents_a.jsonl").write_text('{"pub_number": "P1", "title": "光伏玻璃", "abstract": "镀膜", "ipc": "C03C17/00"}\n', encoding="utf-8")
    (tmp_path / "patents_b.jsonl").write_text('{"pub_number": "P2", "title": "锂电池", "abstract": "隔膜", "ipc": "H01M50/40"}\n', encoding="utf-8")
    (tmp_path / "needs_a.jsonl").write_text('{"id": "A01", "text": "光伏玻璃镀膜", "industry_code": "3041", "region_code": "340300", "mode": "transfer", "budget_wan": null}\n', encoding="utf-8")
    (tmp_path / "grades_a.tsv").write_text("A01\tP1\t2\nA01\tP2\t0\n", encoding="utf-8")
    (tmp_path / "ipc_industry_a.csv").write_text("industry_code,industry_name,ipc_patterns\n3041,平板玻璃制造,C03C17*\n", encoding="utf-8")
    (tmp_path / "ipc_industry_b.csv").write_text("industry_code,industry_name,ipc_patterns\n3041,平板玻璃制造,C03B*\n", encoding="utf-8")
    eval_set = load_eval_set(tmp_path)
    assert [p["pub_number"] for p in eval_set.patents] == ["P1", "P2"]
    assert eval_set.needs == [Need(id="A01", text="光伏玻璃镀膜", industry_code="3041", region_code="340300", mode="transfer")]
    assert eval_set.grades == {"A01": {"P1": 2, "P2": 0}}
    assert eval_set.concordance is not None and eval_set.concordance.ipc_patterns_for("3041") == ["C03C17*", "C03B*"]
    metrics = mean_metrics(eval_set, lambda need: ["P2", "P1"])
    # DCG = 0 + 3/log2(3); ideal 3
    assert metrics == {"needs": 1, "ndcg@10": pytest.approx(1 / math.log2(3)), "p@5": pytest.approx(0.2), "recall@50": 1.0}
