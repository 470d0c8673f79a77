"""A programme of 杭州市 whose indicators records can feed, and an authored dataset of every kind.

Counted by hand for 杭州市 (330100) in 2024 (the records' regions are 西湖区 330106 unless said):

- patents (``tests.analytics_compute.builders.record``): P1 filed 2015-03-01, in force, crosses
  the 10-year line in 2025 (its title is ``=HYPERLINK(…)``); P2 has a granted US family member (high value) and a lapse recorded in
  2025 (at risk); P3 plain; P4 of 上海 → invention_valid 3, high_value 1 (P2);
- trademarks: T1 in force; T2 registered 2024 (in force, new); T3 lapsed 2023; T4 a Madrid
  registration filed 2024 (WIPO); T5 a geographical indication in force; T6 of 上海 →
  tm_valid 3 (T1, T2, T5), tm_new_registrations 1, madrid_new 1, gi_marks_valid 1;
- pledges: 1,200,000,000 元 on patents and 520,000,000 元 on trademarks in 2024, a mixed one in
  2023 → pledge_amount 1,720,000,000 元 = 17.2 亿元 = 172,000 万元, patents 12 亿元, count 2;
- licences and transfers of 2024: L1, L2 licences given by 杭州 (L2 to 杭州 too), X1 a transfer
  from 杭州, X2 a transfer into 杭州 from 上海 → licences 2, transfers 1, licences_in 1,
  transfers_in 1; L1's licensee is named ``=HYPERLINK(…)`` (a spreadsheet must keep it text);
- copyright: works 3 in 2024 and 2 in 2023 (growth 50 %), software 2 in 2024.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from ipcity.analytics import datasets, reference
from ipcity.core.models import Role
from tests.analytics_compute.builders import record
from tests.web.engine_figures.conftest import write_patents
from tests.web.monitoring import factories as f
from tests.web.monitoring.conftest import catalogue  # noqa: F401  (the catalogue as migrations 0003–0004 seed it)

DATASET = "hz-all"
PATENTS_ONLY = "hz-patents"
REGION = "330100"
YEAR = 2024
HZ = {"country": "CN", "address": "浙江省杭州市西湖区文三路1号", "code": "330106"}
SH = {"country": "CN", "address": "上海市黄浦区南京东路1号", "code": "310101"}
ENTITIES = 1_500  # market entities of 杭州市 at the end of 2024: 3 trademarks → 20 per 10,000
POPULATION = 20_000  # residents: 1 high-value patent → 0.5 per 10,000
HYPERLINK = '=HYPERLINK("http://example.invalid","x")'


def _d(text: str | None) -> dt.date | None:
    return dt.date.fromisoformat(text) if text else None


def patents() -> list[dict]:
    return [
        record(app_date="2015-03-01", grant_date="2018-06-01", applicants="杭州甲科技有限公司",
               title=HYPERLINK),                                                                     # P1 crossing
        record(app_date="2016-03-01", grant_date="2018-06-01", family_granted_offices="US",
               lapse_date="2025-04-01", applicants="杭州乙科技有限公司"),                             # P2 at risk
        record(app_date="2016-03-01", grant_date="2018-06-01", applicants="杭州甲科技有限公司"),      # P3
        record(app_date="2016-03-01", grant_date="2018-06-01", region_code="310101",
               first_applicant_address=SH["address"]),                                               # P4 上海
    ]


def _mark(number: str, *, reg: str | None, expiry: str | None = "2034-12-31", lapse: str | None = None,
          status: str = "registered", madrid: bool = False, gi: bool = False, party: dict = HZ,
          app: str = "2014-01-01") -> dict:
    return {"reg_number": number, "nice_class": 35, "mark_type": "certification" if gi else "ordinary", "gi": gi,
            "madrid": madrid, "office": "WIPO" if madrid else "CN", "app_date": _d(app), "reg_date": _d(reg),
            "expiry_date": _d(expiry), "lapse_date": _d(lapse), "status": status, "holders": "杭州甲科技有限公司",
            "first_holder_country": party["country"], "first_holder_address": party["address"],
            "region_code": party["code"]}


def trademarks() -> list[dict]:
    return [
        _mark("T1", reg="2015-01-01", expiry="2025-01-01"),
        _mark("T2", reg="2024-03-01", app="2023-01-01"),
        _mark("T3", reg="2015-01-01", lapse="2023-06-01", status="invalid"),
        _mark("T4", reg="2024-06-01", app="2024-05-01", madrid=True),
        _mark("T5", reg="2010-01-01", expiry="2030-01-01", gi=True),
        _mark("T6", reg="2015-01-01", party=SH),
    ]


def pledges() -> list[dict]:
    def pledge(pid, kind, date, amount):
        return {"pledge_id": pid, "right_kind": kind, "rights": "CN1|CN2", "reg_date": _d(date), "amount": amount,
                "pledgor": "杭州甲科技有限公司", "pledgor_country": "CN", "pledgor_address": HZ["address"],
                "region_code": HZ["code"], "pledgee": "杭州银行", "cancel_date": None}

    return [pledge("Z1", "patent", "2024-02-01", 1_200_000_000.0), pledge("Z2", "trademark", "2024-07-01", 520_000_000.0),
            pledge("Z3", "mixed", "2023-05-01", 300_000_000.0)]


def licences() -> list[dict]:
    def filing(rid, kind, date, giver, taker, to_name="杭州丁有限公司"):
        return {"record_id": rid, "record_type": kind, "right_kind": "patent", "rights": "CN1", "date": _d(date),
                "licence_type": "ordinary" if kind == "licence" else None, "from_party": "杭州甲科技有限公司",
                "from_country": giver["country"], "from_address": giver["address"], "from_region_code": giver["code"],
                "to_party": to_name, "to_country": taker["country"], "to_address": taker["address"],
                "to_region_code": taker["code"]}

    return [filing("L1", "licence", "2024-03-01", HZ, SH, to_name=HYPERLINK), filing("L2", "licence", "2024-04-01", HZ, HZ),
            filing("X1", "transfer", "2024-05-01", HZ, SH), filing("X2", "transfer", "2024-06-01", SH, HZ)]


def copyrights() -> list[dict]:
    def registration(number, kind, date):
        return {"reg_number": number, "work_type": kind, "category": "美术" if kind == "work" else None,
                "reg_date": _d(date), "owners": "杭州甲科技有限公司", "first_owner_country": "CN",
                "first_owner_address": HZ["address"], "region_code": HZ["code"]}

    return [registration("W1", "work", "2024-01-05"), registration("W2", "work", "2024-02-05"),
            registration("W3", "work", "2024-03-05"), registration("W4", "work", "2023-03-05"),
            registration("W5", "work", "2023-04-05"), registration("S1", "software", "2024-05-05"),
            registration("S2", "software", "2024-06-05")]


KIND_ROWS = {"trademark": trademarks, "pledge": pledges, "licence": licences, "copyright": copyrights}


def write_all(root: Path, name: str = DATASET) -> None:
    import pyarrow as pa

    from ipcity.analytics.record_kinds import canonical_schema

    write_patents(root, name, rows=patents(), source="hz-patents.csv")
    for kind, rows in KIND_ROWS.items():
        table = pa.Table.from_pylist(rows(), schema=canonical_schema(kind))
        datasets.write_kind(name, kind, table, {"source": f"hz-{kind}.csv", "format": "canonical"}, root)


def load_entities(root: Path, count: int = ENTITIES) -> str:
    path = root / "entities.csv"
    path.write_text(f"行政区划代码,年份,年末市场主体（户）\n{REGION},{YEAR},{count}\n", encoding="utf-8")
    return reference.load_entities(path, root)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def data_dir(tmp_path, settings, monkeypatch):
    root = tmp_path / "data"
    root.mkdir()
    settings.DATA_DIR = root
    monkeypatch.setenv("IPCITY_DATA_DIR", str(root))
    monkeypatch.delenv("IPCITY_SEI_RULES", raising=False)
    write_all(root)
    write_patents(root, PATENTS_ONLY, rows=patents())
    return root


# name, unit of the programme's indicators (names as the seeds' plans write them)
INDICATORS = {
    "high_value": ("每万人口高价值发明专利拥有量", "件"),
    "tm_valid": ("有效商标注册量", "万件"),
    "tm_entities": ("每万户市场主体有效注册商标量", "件"),
    "pledge": ("知识产权质押融资金额", "亿元"),
    "pledge_wan": ("知识产权质押融资额", "万元"),
    "patent_pledge": ("专利质押融资额", "亿元"),
    "licence_transfer": ("知识产权转让、许可数量", "件"),
    "licence_filings": ("专利商标实施许可转让合同备案数", "件"),
    "copyright": ("新增著作权登记量", "万件"),
    "works_growth": ("作品著作权登记量年度增幅", "%"),
    "satisfaction": ("知识产权社会满意度", "分"),
    "tm_in_firms": ("有效注册商标量", "家"),  # a catalogue name in a unit no figure converts to
}


@pytest.fixture
def world(db, catalogue):  # noqa: F811
    reg = f.region(REGION, "杭州市")
    other = f.region("340800", "安庆市")
    msj = f.department("市市场监管局", reg)
    prog = f.program(title="杭州市知识产权强市建设工作方案", reg=reg)
    made = {key: f.indicator(prog, name, unit=unit, baseline=(2021, 1), targets={2025: 2}, owner=msj, order=i)
            for i, (key, (name, unit)) in enumerate(INDICATORS.items(), start=1)}

    class World:
        region, program, indicators, standards = reg, prog, made, catalogue
        office = f.user(Role.OFFICE, reg=reg, username="office")
        leader = f.user(Role.LEADER, reg=reg, username="leader")
        reporter = f.user(Role.REPORTER, dept=msj, username="msj")
        other_office = f.user(Role.OFFICE, reg=other, username="office-b")

    return World
