"""Synthetic records speak of their IPC area (``ipcity.analytics.synth_text``), in every area alike:
a need written with an area's words finds, first, a patent classified in that area, and it
explains itself. This is what lets ``ipcity demo``'s needs find sensible matches in its synthetic
dataset without any fit to those needs."""

from __future__ import annotations

import pyarrow as pa
import pytest

from ipcity.analytics.synth import Home, synth_batches
from ipcity.analytics.synth_text import AREAS, area_of
from ipcity.matching.index import build_index_from_table, load_index_at
from ipcity.matching.ranker import rank


@pytest.fixture(scope="module")
def records() -> pa.Table:
    return pa.concat_tables(list(synth_batches(8000, seed=3)))


@pytest.fixture(scope="module")
def index(records, tmp_path_factory):
    directory = tmp_path_factory.mktemp("synth-index") / "index"
    build_index_from_table(records, directory, dataset="synth")
    return load_index_at(directory)


def test_title_abstract_and_ipc_agree(records):
    first = records.slice(0, 200).to_pylist()
    for row in first:
        area = area_of(row["ipc"].split("|")[0])
        assert f"属于{area.field}技术领域" in row["abstract"] and row["abstract"].startswith("本发明公开了" + row["title"])
        assert any(obj in row["title"] for obj in area.objects), row


@pytest.mark.parametrize("area", [a for a in AREAS if len(a.prefixes[0]) == 4], ids=lambda a: a.prefixes[0])
def test_a_need_in_an_areas_words_finds_a_patent_of_that_area_first(index, area):
    need = f"我公司生产{area.objects[0]}，需要{area.processes[0]}技术，以提高{area.improved[0]}"
    hits = rank(index, need, top=5)
    assert hits, need
    assert area_of(hits[0].ipc.split("|")[0]) == area, (need, hits[0])
    assert len(hits[0].why.shared_terms) >= 3 or hits[0].why.shared_ipc_groups


def test_homes_take_their_share_and_an_unknown_city_keeps_its_code():
    homes = (Home("990100", "示例市", 0.2), Home("340700", "铜陵市", 0.2))
    table = pa.concat_tables(list(synth_batches(20_000, seed=1, homes=homes)))
    codes = [c or "" for c in table["region_code"].to_pylist()]
    sample = sum(c == "990100" for c in codes) / len(codes)
    tongling = sum(c.startswith("3407") for c in codes) / len(codes)
    # 0.2 × 0.8 (scaled by the second home) of the 99.2 % of rows with a region code
    assert abs(sample - 0.16 * 0.985) < 0.012 and 0.19 < tongling < 0.23
    rows = [r for r in table.slice(0, 2000).to_pylist() if r["region_code"] == "990100"]
    assert rows and all(r["first_applicant_address"].startswith("示例市") for r in rows)
    with pytest.raises(ValueError):
        list(synth_batches(10, homes=(Home("340700", "铜陵市", 1.0),)))
