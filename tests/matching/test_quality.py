"""The issue's quality targets on the authored evaluation set (tests/matching/eval/).

nDCG@10 ≥ 0.6 and ≥ the TF-IDF baseline + 0.05; adding any one prior to BM25 never lowers nDCG@10
as it is reported (three decimals: a swap of two near-tied documents moves it by 10⁻⁵).
The margin over the baseline was met in the sixth hold-out round (the index's terms cut by jieba
without its HMM, in search mode: docs/matching.md, *Sixth hold-out round*).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcity.matching.evaluate import EvalSet, TfidfBaseline, halves, load_eval_set, mean_metrics
from ipcity.matching.index import build_index_from_table, load_index_at
from ipcity.matching.ranker import rank

EVAL_DIR = Path(__file__).parent / "eval"


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory, sei_table):
    eval_set = load_eval_set(EVAL_DIR)
    assert eval_set.grades, "tests/matching/eval/ holds no graded needs"
    directory = tmp_path_factory.mktemp("eval") / "ix"
    build_index_from_table(eval_set.patent_table(), directory)
    index = load_index_at(directory)

    ranked: dict[tuple[tuple[str, ...], str], list[str]] = {}  # a need's ranking, shared by the tests

    def ranking(priors: tuple[str, ...], need) -> list[str]:
        if (priors, need.id) not in ranked:
            ranked[priors, need.id] = [h.pub_number for h in rank(
                index, need, top=50, concordance=eval_set.concordance, sei_table=sei_table, priors=priors)]
        return ranked[priors, need.id]

    def metrics(priors: tuple[str, ...], part: EvalSet | None = None) -> dict[str, float]:
        return mean_metrics(eval_set if part is None else part, lambda need: ranking(priors, need))

    return eval_set, metrics


def test_the_set_is_big_enough(evaluation):
    eval_set, _ = evaluation
    graded = [n for n in eval_set.needs if len(eval_set.grades.get(n.id, {})) >= 10]
    assert len(graded) >= 60


def _baseline_ndcg(eval_set) -> float:
    baseline = TfidfBaseline(eval_set.patents)
    return mean_metrics(eval_set, lambda need: baseline.rank(need.query_text, 50))["ndcg@10"]


def test_the_ranker_beats_the_baseline_on_each_half_alone(evaluation):
    # The halves were written by different people: a gain on one that the other does not share
    # would be a fit to one writer's wording (docs/matching.md, *Quality*).
    eval_set, metrics_of = evaluation
    baseline = TfidfBaseline(eval_set.patents)  # every half searches all 360 patents
    for part in halves(eval_set).values():
        assert metrics_of(("ipc", "sei", "region"), part)["ndcg@10"] > mean_metrics(
            part, lambda need: baseline.rank(need.query_text, 50))["ndcg@10"]


def test_shipped_ranker_reaches_0_6_and_beats_the_baseline(evaluation):
    eval_set, metrics = evaluation
    shipped = metrics(("ipc", "sei", "region"))["ndcg@10"]
    assert shipped >= 0.6
    assert shipped > _baseline_ndcg(eval_set)


def test_shipped_ranker_beats_the_baseline_by_0_05(evaluation):
    eval_set, metrics = evaluation
    assert metrics(("ipc", "sei", "region"))["ndcg@10"] >= _baseline_ndcg(eval_set) + 0.05


@pytest.mark.parametrize("prior", ["ipc", "sei", "region"])
def test_adding_a_prior_never_lowers_ndcg(evaluation, prior):
    _, metrics = evaluation
    assert round(metrics((prior,))["ndcg@10"], 3) >= round(metrics(())["ndcg@10"], 3)
