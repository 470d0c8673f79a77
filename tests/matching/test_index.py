"""The streaming index: the same scores as bm25s's own ``index()``, its saved format, atomic rebuilds."""

from __future__ import annotations

import json
from pathlib import Path

import bm25s
import numpy as np
import pyarrow as pa
import pytest

from ipcity.matching import index as index_module
from ipcity.matching.index import (
    IndexNotBuilt,
    build_index,
    build_index_from_table,
    index_status,
    load_index,
    load_index_at,
)
from ipcity.matching.tokens import search_terms
from tests.matching.conftest import as_built_by_the_older_cut


def _reference(patents):
    corpus = [search_terms(f"{p['title']}\n{p['abstract']}") for p in patents]
    model = bm25s.BM25(method="lucene")
    model.index(corpus, show_progress=False)
    return model


@pytest.mark.parametrize("chunk_rows", [1, 5, 10_000])
def test_scores_equal_bm25s_own_index_whatever_the_chunks(patents, patent_table, tmp_path, monkeypatch, chunk_rows):
    monkeypatch.setattr(index_module, "CHUNK_ROWS", chunk_rows)
    build_index_from_table(patent_table, tmp_path / "ix")
    ours = bm25s.BM25.load(tmp_path / "ix" / "bm25", mmap=True)
    reference = _reference(patents)
    assert set(ours.vocab_dict) == set(reference.vocab_dict)
    assert ours.scores["num_docs"] == reference.scores["num_docs"] == len(patents)
    for term in reference.vocab_dict:
        if term:
            np.testing.assert_allclose(ours.get_scores([term]), reference.get_scores([term]), rtol=1e-6, atol=1e-7)
    # Our loader's accumulation gives the same sums over several terms.
    query = ["导热", "石墨", "电池", "玻璃"]
    np.testing.assert_allclose(load_index_at(tmp_path / "ix").scores(query), reference.get_scores(query), rtol=1e-5)


def test_a_hand_worked_score(tmp_path):
    table = pa.table({"pub_number": ["A", "B"], "title": ["导热", "电池"], "abstract": ["导热材料", "隔膜"]})
    build_index_from_table(table, tmp_path / "ix")
    # 导热 occurs twice in A (len 3: 导热 导热 材料); avgdl = (3 + 2) / 2 = 2.5; df = 1 of N = 2.
    idf = np.log(1 + (2 - 1 + 0.5) / (1 + 0.5))
    tfc = 2 / (2 + 1.5 * (1 - 0.75 + 0.75 * 3 / 2.5))
    assert load_index_at(tmp_path / "ix").scores(["导热"]) == pytest.approx([idf * tfc, 0.0], rel=1e-6)


def test_the_documents_table_keeps_ipc_groups(patent_table, tmp_path):
    build_index_from_table(patent_table, tmp_path / "ix")
    loaded = load_index_at(tmp_path / "ix")
    row = loaded.rows([0])[0]
    assert row["pub_number"] == "CN99000001A" and row["ipc_groups"] == "C09K5|C08L83"


def test_build_from_a_dataset_replaces_the_older_index(data_dir):
    with pytest.raises(IndexNotBuilt, match="ipcity match build --dataset fx"):
        load_index("fx")
    assert index_status("fx") is None
    first = build_index("fx")
    assert (first.dataset, first.documents) == ("fx", 12) and first.terms > 100
    second = build_index("fx")
    assert index_status("fx") == second
    root = data_dir / "matching"
    assert sorted(p.name for p in root.iterdir()) == ["fx"]  # no build or old folders left behind
    summary = json.loads((root / "fx" / "summary.json").read_text(encoding="utf-8"))
    assert summary["documents"] == 12


def test_a_failed_build_leaves_the_old_index(data_dir, monkeypatch):
    build_index("fx")

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index_module, "_write_matrix", broken)
    with pytest.raises(RuntimeError):
        build_index("fx")
    assert load_index("fx").documents == 12
    assert sorted(p.name for p in (data_dir / "matching").iterdir()) == ["fx"]


def test_a_build_finishing_at_the_same_moment_as_another_still_lands(data_dir, monkeypatch):
    # Another build puts its index in place between this build's two renames (the demo and a job,
    # two test workers): this one moves it aside in turn, and no folder is left behind.
    build_index("fx")
    real_replace = index_module.os.replace
    raced = []

    def racing(source, target):
        if Path(source).name.startswith(".build-") and not raced:  # the other build lands first
            raced.append(True)
            (data_dir / "matching" / "fx").mkdir()
            (data_dir / "matching" / "fx" / "summary.json").write_text("{}", encoding="utf-8")
        return real_replace(source, target)

    monkeypatch.setattr(index_module.os, "replace", racing)
    summary = build_index("fx")
    assert raced == [True]
    assert index_status("fx") == summary and load_index("fx").documents == 12
    assert sorted(p.name for p in (data_dir / "matching").iterdir()) == ["fx"]


def test_an_empty_table_builds_an_empty_index(tmp_path):
    table = pa.table({"pub_number": pa.array([], pa.string()), "title": pa.array([], pa.string()),
                      "abstract": pa.array([], pa.string())})
    summary = build_index_from_table(table, tmp_path / "ix")
    assert summary.documents == 0
    assert len(load_index_at(tmp_path / "ix").scores(["玻璃"])) == 0


def test_only_patents_that_can_be_licensed_in_china_are_indexed(patents, tmp_path, monkeypatch):
    from ipcity.analytics import datasets
    from ipcity.matching.ranker import rank
    from tests.matching.conftest import canonical_records

    monkeypatch.setenv("IPCITY_DATA_DIR", str(tmp_path))
    table = canonical_records(patents).to_pylist()
    table[0]["office"] = "US"  # a US grant: no 许可备案 of it in China
    table[1]["status"] = "invalid"  # lapsed: free to use, nothing to license
    table[2]["status"] = "pending"  # an application can still be transferred
    table[3]["office"] = None  # an export without the column's value is CNIPA's
    table[4]["office"] = " cn "
    datasets.write_dataset("mixed", pa.Table.from_pylist(table, schema=canonical_records(patents).schema),
                           {"source": "authored fixture"}, tmp_path)
    summary = build_index("mixed")
    assert (summary.documents, summary.left_out) == (len(patents) - 2, 2)
    assert index_status("mixed").left_out == 2
    index = load_index("mixed")
    kept = {row["pub_number"] for row in index.rows(range(index.documents), ["pub_number"])}
    assert kept == {p["pub_number"] for p in patents[2:]}
    for left_out in patents[:2]:  # its own title does not bring it back
        hits = rank(index, f"{left_out['title']}。{left_out['abstract']}", top=50)
        assert hits and left_out["pub_number"] not in {h.pub_number for h in hits}


def test_the_summary_names_the_cut_and_an_older_index_is_outdated(patent_table, tmp_path):
    # An index built before the search cut holds the ordinary cut's terms, which the queries no longer
    # match well; its summary has no cut, and the demo and `ipcity match query` tell it apart by that.
    from ipcity.matching.tokens import SEARCH_CUT

    summary = build_index_from_table(patent_table, tmp_path / "ix")
    assert summary.cut == SEARCH_CUT and not summary.outdated
    as_built_by_the_older_cut(tmp_path / "ix")
    assert load_index_at(tmp_path / "ix").summary.outdated
