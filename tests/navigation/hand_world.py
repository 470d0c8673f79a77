"""An authored fixture for the position, network and implications tests: fourteen domestic
patents of a battery industry in Hangzhou (330100), Ningbo (330200, same province) and Beijing
(110100), plus rows that must not count. Every expected number in the tests is worked out by hand
from this list (see the comments there)."""

from __future__ import annotations

from pathlib import Path

from ipcity.analytics.navigation.definition import Definition
from tests.analytics_compute.builders import record, write_records

HZ, NB, BJ = "330106", "330203", "110101"
JIA = "杭州甲电池有限公司"
ZJU = "浙江大学"
YI = "北京乙能源科技有限公司"
BING = "杭州丙新能源有限公司"
DING = "宁波丁材料有限公司"
THU = "清华大学"
DICP = "中国科学院大连化学物理研究所"

DEFINITION = {
    "name": "电池",
    "root": {"key": "bat", "name": "电池", "ipc": ["H01M"], "children": [
        {"key": "li", "name": "锂电池", "ipc": ["H01M10*"]},
        {"key": "fc", "name": "燃料电池", "ipc": ["H01M8*"]},
    ]},
}


def definition() -> Definition:
    return Definition.from_dict(DEFINITION)


def _p(app_number: str, ipc: str, region: str, app_year: int, applicants: str, **fields: object) -> dict:
    base = {
        "app_number": app_number, "ipc": ipc, "region_code": region, "applicants": applicants,
        "app_date": f"{app_year}-03-01", "grant_date": None, "status": "pending",
    }
    base.update(fields)
    return record(**base)


def rows() -> list[dict]:
    granted = {"grant_date": "2019-06-01", "status": "valid"}
    return [
        # city (330106): c1 has an A and a B publication (one patent), overseas family → high value
        _p("CN2018001", "H01M10/05", HZ, 2018, f"{JIA}|{ZJU}", pub_number="CN1A"),
        _p("CN2018001", "H01M10/05", HZ, 2018, f"{JIA}|{ZJU}", pub_number="CN1B",
           family_granted_offices="US", **granted),
        _p("CN2022002", "H01M10/05", HZ, 2022, f"{JIA}|{YI}"),                          # c2
        _p("CN2020003", "H01M8/02", HZ, 2020, BING, kind="utility", **granted),        # c3
        _p("CN2020004", "A45D1/00", HZ, 2020, BING),                                   # c4
        _p("CN2021005", "A45D1/00", HZ, 2021, BING),                                   # c5
        _p("CN2019006", "A45D1/00", HZ, 2019, BING),                                   # c6
        # Ningbo (same province)
        _p("CN2018007", "H01M10/05", NB, 2018, DING, **granted),                       # p1: in force, no criterion
        _p("CN2019008", "A45D1/00", NB, 2019, DING),                                   # p2
        # Beijing
        _p("CN2018009", "H01M8/02", BJ, 2018, YI, award="中国专利金奖",
           grant_date="2020-06-01", status="valid"),                                   # b1: high value
        _p("CN2022010", "H01M8/02", BJ, 2022, f"{YI}|{THU}"),                           # b2
        _p("CN2022011", "H01M8/04", BJ, 2022, YI),                                     # b3
        _p("CN2020012", "A45D1/00", BJ, 2020, YI),                                     # b4
        _p("CN2021013", "A45D1/00", BJ, 2021, YI),                                     # b5
        _p("CN2022014", "H01M8/02", BJ, 2022, DICP, grant_date="2022-01-01",
           lapse_date="2022-05-01", status="invalid"),                                 # b6: lapsed in 2022
        # never counted: a foreign applicant, a foreign office
        _p("US2022015", "H01M10/05", HZ, 2022, "ACME INC", first_applicant_country="US"),
        _p("US2022016", "H01M10/05", HZ, 2022, JIA, office="US"),
    ]


def write(path: Path) -> Path:
    return write_records(path, rows())
