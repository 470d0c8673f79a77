"""A programme of 杭州市 and a small canonical patent dataset whose figures can be counted by eye."""

from __future__ import annotations

from pathlib import Path

import pytest

from ipcity.analytics import datasets, reference
from ipcity.core.models import Role
from tests.analytics_compute.builders import record
from tests.web.monitoring import factories as f

DATASET = "hz-test"
REGION = "330100"  # 杭州市; the records are in 西湖区 (330106), which counts for the city
YEAR = 2024
# Granted in 2018 after filing in 2016: in force in 2024, not yet maintained for ten years.
PLAIN = {"app_date": "2016-03-01", "grant_date": "2018-06-01"}

# By hand, for 2024 in 杭州市: in force = rows 1, 2, 3, 4 and 10 → 5; high value = row 4 (a
# family granted abroad) → 1; granted in 2024 = row 10 → 1; filed in 2024 = row 9 (a PCT
# application) → 1 invention application and 1 PCT application.
HAND_COUNT = {"invention_valid": 5, "high_value": 1, "invention_grants": 1, "invention_applications": 1,
              "pct_applications": 1}
POPULATION = 20_000  # persons: per 10k = count / 2


def patent_rows() -> list[dict]:
    return [
        record(**PLAIN),                                                       # 1
        record(**PLAIN),                                                       # 2
        record(**PLAIN),                                                       # 3
        record(**PLAIN, family_granted_offices="US"),                          # 4 high value
        record(**PLAIN, lapse_date="2023-05-01", status="invalid"),            # 5 lapsed before 2024
        record(app_date="2023-01-01", grant_date="2025-03-01"),                # 6 granted after 2024
        record(**PLAIN, region_code="310101",
               first_applicant_address="上海市黄浦区南京东路1号"),                # 7 another city
        record(**PLAIN, kind="utility"),                                       # 8 not an invention
        record(app_date="2024-04-01", grant_date=None, status="pending", pct=True),  # 9 filed 2024
        record(app_date="2020-01-01", grant_date="2024-05-01"),                # 10 granted 2024
    ]


def write_patents(root: Path, name: str = DATASET, rows: list[dict] | None = None, source: str = "hz-export.csv"):
    import pyarrow as pa

    from ipcity.analytics.schema import CANONICAL_SCHEMA

    table = pa.Table.from_pylist(rows or patent_rows(), schema=CANONICAL_SCHEMA)
    manifest = {"source": {"file": source}, "format": "canonical", "imported_at": "2025-01-15T08:00:00+00:00"}
    return datasets.write_dataset(name, table, manifest, root)


def load_population_table(root: Path, persons: int = POPULATION) -> str:
    path = root / "population.csv"
    path.write_text(f"行政区划代码,年份,年末常住人口（人）\n{REGION},{YEAR},{persons}\n", encoding="utf-8")
    return reference.load_population(path, root)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def data_dir(tmp_path, settings, monkeypatch):
    """The platform's data directory for this test, holding the patent dataset."""
    root = tmp_path / "data"
    root.mkdir()
    settings.DATA_DIR = root
    monkeypatch.setenv("IPCITY_DATA_DIR", str(root))
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)
    write_patents(root)
    return root


@pytest.fixture
def world(db):
    reg = f.region(REGION, "杭州市")
    msj = f.department("市市场监管局", reg)
    prog = f.program(title="杭州市知识产权强市建设工作方案", reg=reg)
    hv = f.indicator(prog, "每万人口高价值发明专利拥有量", baseline=(2021, 0.2), targets={2024: 0.4, 2026: 0.6},
                     owner=msj, order=1)
    valid = f.indicator(prog, "万人发明专利拥有量", baseline=(2021, 2), targets={2026: 3}, owner=msj, order=2)
    pct = f.indicator(prog, "PCT专利申请量", baseline=(2021, 0), targets={2026: 5}, owner=msj, order=3)

    class World:
        region, program = reg, prog
        indicators = {"high_value": hv, "valid": valid, "pct": pct}
        office = f.user(Role.OFFICE, reg=reg, username="office")
        leader = f.user(Role.LEADER, reg=reg, username="leader")
        reporter = f.user(Role.REPORTER, dept=msj, username="msj")

    return World
