"""Co-applicant network and what it means for the city: hand-worked on hand_world.py."""

from __future__ import annotations

import pandas as pd
import pytest

from ipcity.analytics import engine as eng
from ipcity.analytics.navigation.implications import implications
from ipcity.analytics.navigation.network import network
from ipcity.analytics.navigation.position import position
from tests.navigation import hand_world


@pytest.fixture(scope="module")
def world(tmp_path_factory):
    path = hand_world.write(tmp_path_factory.mktemp("net") / "records.parquet")
    engine = eng.connect()
    records = engine.read_records(path)
    yield engine, records
    engine.close()


def test_network_of_the_industry_around_the_city(world):
    engine, records = world
    net = network(engine, records, hand_world.definition(), city="330100")
    # co-applications in the industry: c1 (甲+浙大, two rows, one patent), c2 (甲+乙), b2 (乙+清华);
    # only c1 and c2 have a local applicant (甲 files first in Hangzhou; 浙大 never files first)
    assert net.summary == {"patents": 2, "applicants": 3, "edges": 2, "iur_edges": 1,
                           "local_applicants": 1, "outside_partners": 2}
    nodes = net.nodes.set_index("name")
    assert nodes.loc["杭州甲电池"].tolist() == ["enterprise", "330106", True, 2, 2]
    zju = nodes.loc["浙江大学"]
    assert (zju.type, pd.isna(zju.home), zju.local, zju.patents) == ("university", True, False, 1)
    assert nodes.loc["北京乙能源科技"].tolist() == ["enterprise", "110101", False, 1, 1]
    edges = {(e.source, e.target): (e.weight, e.iur, e.kind) for e in net.edges.itertuples()}
    assert edges == {
        ("杭州甲电池", "浙江大学"): (1, True, "local-outside"),
        ("北京乙能源科技", "杭州甲电池"): (1, False, "local-outside"),
    }
    assert sorted(net.partners["partner"]) == ["北京乙能源科技", "浙江大学"]


def test_network_of_one_node_and_of_another_city(world):
    engine, records = world
    definition = hand_world.definition()
    fuel_cells = definition.node("fc")
    # in fuel cells the only co-application is b2 (乙 + 清华), with no Hangzhou applicant
    assert network(engine, records, fuel_cells, city="330100").summary["patents"] == 0
    beijing = network(engine, records, fuel_cells, city="110100")
    assert beijing.summary == {"patents": 1, "applicants": 2, "edges": 1, "iur_edges": 1,
                               "local_applicants": 1, "outside_partners": 1}


def test_strengths_gaps_players_and_partners(world):
    engine, records = world
    definition = hand_world.definition()
    pos = position(engine, records, definition, city="330100", end_year=2022)
    found = implications(engine, records, definition, pos, min_patents=1)
    # strengths: RTA > 1 → li (1.556); bat is the root, fc 0.467
    assert list(found.strengths.table["key"]) == ["li"]
    assert "锂电池（RTA 1.56）" in found.strengths.sentence
    # gaps: national CAGR ≥ 10 % and city RTA < 0.5 → fc (31.6 %, 0.47); li shrinks nationally
    assert list(found.gaps.table["key"]) == ["fc"]
    assert "燃料电池（全国年均增长31.6%，本市 RTA 0.47）" in found.gaps.sentence
    # local players: li's patents c1 c2 p1 → 甲 (2, Hangzhou); fc's c3 → 丙 (1, Hangzhou)
    players = [(r.node, r.name, r.patents, r.type) for r in found.local_players.table.itertuples()]
    assert players == [("fc", "杭州丙新能源", 1, "enterprise"), ("li", "杭州甲电池", 2, "enterprise")]
    # partners in the gap fc: 乙 (b1 b2 b3), then 清华 (b2) and 大连化物所 (b6), one each
    partners = [(r.name, r.patents, r.type) for r in found.partners.table.itertuples()]
    assert partners[0] == ("北京乙能源科技", 3, "enterprise")
    assert sorted(partners[1:]) == sorted([("清华大学", 1, "university"), ("中国科学院大连化学物理研究所", 1, "institute")])
    assert "北京乙能源科技" in found.partners.sentence


def test_default_thresholds_need_five_city_patents_for_a_strength(world):
    engine, records = world
    definition = hand_world.definition()
    pos = position(engine, records, definition, city="330100", end_year=2022)
    found = implications(engine, records, definition, pos)
    assert found.strengths.table.empty
    assert found.strengths.sentence.startswith("本市暂无显示性技术优势")


@pytest.mark.spark
def test_spark_gives_the_same_position_network_and_findings(world, tmp_path):
    duck, records = world
    path = hand_world.write(tmp_path / "records.parquet")
    definition = hand_world.definition()
    spark = eng.connect("spark")
    try:
        on_spark = spark.read_records(str(path))
        results = []
        for engine, table in ((duck, records), (spark, on_spark)):
            pos = position(engine, table, definition, city="330100", end_year=2022)
            found = implications(engine, table, definition, pos, min_patents=1)
            net = network(engine, table, definition, city="330100")
            results.append((pos.to_dict(), found.to_dict(), net.to_dict()))
    finally:
        spark.close()
    assert results[0] == results[1]
