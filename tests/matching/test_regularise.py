"""Score regularisation over the candidates (ipcity.matching.regularise)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from ipcity.matching import regularise
from ipcity.matching.regularise import regularised_scores

IDF = {"a": 1.0, "b": 1.0, "c": 2.0}


def test_a_candidate_moves_towards_the_scores_of_the_candidates_it_resembles():
    # 0 and 1 read alike (cosine 1), 2 resembles neither; the fourth candidate's words were not read.
    scores = np.array([1.0, 0.5, 0.5, 0.2])
    out = regularised_scores(scores, [["a"], ["a"], ["b"]], IDF)
    w = regularise.WEIGHT
    assert out[0] == pytest.approx((1 - w) * 1.0 + w * 0.5)
    assert out[1] == pytest.approx((1 - w) * 0.5 + w * 1.0)
    assert out[2] == 0.5  # no similar neighbour: its own score
    assert out[3] == 0.2  # not read: untouched
    assert list(scores) == [1.0, 0.5, 0.5, 0.2]  # the caller's array is left as it was


def test_neighbours_count_by_their_similarity():
    # Candidate 0 shares "a" with both others; 1 is closer to it than 2 (2 also holds the rarer "c").
    scores = np.array([0.0, 1.0, 0.4])
    out = regularised_scores(scores, [["a"], ["a", "b"], ["a", "c"]], IDF)
    s1, s2 = 1 / np.sqrt(2), 1 / np.sqrt(5)  # cosines with TF-IDF weights a 1, b 1, c 2
    expected_mean = (s1 * 1.0 + s2 * 0.4) / (s1 + s2)
    assert out[0] == pytest.approx(regularise.WEIGHT * expected_mean)


def test_only_the_nearest_neighbours_count(monkeypatch):
    monkeypatch.setattr(regularise, "NEIGHBOURS", 1)
    scores = np.array([0.0, 1.0, 0.4])
    out = regularised_scores(scores, [["a"], ["a", "b"], ["a", "c"]], IDF)
    assert out[0] == pytest.approx(regularise.WEIGHT * 1.0)  # candidate 1 alone: the nearer one


def test_one_candidate_or_none_read_leaves_the_scores():
    scores = np.array([0.9, 0.3])
    assert list(regularised_scores(scores, [["a"]], IDF)) == [0.9, 0.3]
    assert list(regularised_scores(scores, [], IDF)) == [0.9, 0.3]


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.floats(0, 10), st.lists(st.sampled_from("abc"), max_size=4)), min_size=2, max_size=12))
def test_each_score_stays_between_its_own_and_the_highest_and_lowest(candidates):
    scores = np.array([score for score, _ in candidates])
    out = regularised_scores(scores, [list(words) for _, words in candidates], IDF)
    low, high = scores.min(), scores.max()
    assert np.all(out >= low - 1e-9) and np.all(out <= high + 1e-9)
