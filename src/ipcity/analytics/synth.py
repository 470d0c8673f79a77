"""Synthetic canonical patent records: believable, seeded, repeatable, streamed in chunks.

What "believable" means here (each a knob below, and each exercised by the indicators):
regions weighted across the prefecture-level cities of the GB/T 2260 table (a few large cities
hold most patents), mostly district codes, some city-only codes, a few rows with only an
address and a few with neither (unattributed); filing dates 1995–2025 growing year on year;
inventions granted after 1–4½ years, utility models and designs within a year; lapses by a
yearly hazard and by end of term; a few rows marked invalid without a lapse date (the data-
quality warning); IPC symbols drawn partly from the SEI concordance's patterns; overseas
families, PCT filings, pledges and awards at plausible rates; four kinds of holder
(enterprise, university, institute, individual) with a long tail of holders per city. The
optional columns too: one to five inventors (a long tail of names, a few written with a space),
times cited growing with age (unknown on 15 % of rows) and zero to three cited publications,
drawn from their own generator so that the canonical columns do not depend on them. Titles and
abstracts are written in the vocabulary of each patent's first IPC symbol (``synth_text``), also
from a generator of their own. ``homes`` puts a share of the records in each of a few cities (a
demo's), with their districts, addresses and holders, whether or not the GB/T 2260 table knows them.

The same ``seed`` and ``records`` give the same file: chunk ``i`` draws from
``default_rng([seed, i])`` and chunks are a fixed size.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from ipcity import divisions
from ipcity.analytics import synth_text
from ipcity.analytics.schema import CANONICAL_SCHEMA
from ipcity.analytics.sei import SeiTable

CHUNK = 250_000
DATA_DATE = np.datetime64("2025-12-31")
FIRST_YEAR, LAST_YEAR = 1995, 2025

# Subclasses outside most SEI rules, for the symbols not drawn from the concordance.
GENERAL_SUBCLASSES = (
    "A45D A47G A47J A47L A61B A61K A61M A63B A63H B01D B01J B05B B08B B21D B23K B23P B25J B29C "
    "B32B B60L B60R B62D B65D B65G B65H C02F C04B C07D C08K C08L C09D C12N C22C C23C E01D E02D "
    "E04B E04F E21B F01D F02B F04B F16B F16H F16K F16L F21V F24F F25B F25D G01B G01M G01N G01R "
    "G05B G06F G06N G06Q G06T G08B G09F H01L H01M H01R H02J H02K H02M H04L H04N H04W H05K"
).split()
SUBGROUPS = np.array(["00", "02", "04", "06", "08", "10", "12", "14", "16", "18", "20", "22", "24", "26", "30", "32",
                      "34", "36", "40", "42", "44", "46", "50", "52", "60", "62", "64", "66", "80", "90"])
ENTERPRISE_WORDS = list("华中新宏海天瑞博恒泰远达信科创智联腾盛立德安康光明锐思图卓越云峰国正鑫源")
ENTERPRISE_WORDS2 = ["电子", "机械", "新材料", "生物", "医药", "能源", "智能", "信息", "精密", "化工", "汽车", "光电",
                     "环保", "装备", "通信", "半导体", "数控", "软件", "食品", "农业"]
ENTERPRISE_SUFFIXES = ["科技有限公司", "股份有限公司", "集团有限公司", "技术有限公司"]
UNIVERSITY_WORDS = ["", "理工", "工业", "科技", "师范", "医科", "农业", "交通", "电子科技", "化工"]
INSTITUTE_WORDS = ["材料", "自动化", "化学", "物理", "电子", "生物", "能源", "光学", "信息", "海洋"]
SURNAMES = list("王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈")
GIVEN = list("伟芳娜敏静丽强磊军洋勇艳杰涛明超秀霞平刚桂英华建国志红")
ROADS = ["人民路", "解放路", "中山路", "建设路", "科技路", "创新大道", "高新路", "学府路"]
FAMILIES = np.array(["US", "EP", "JP", "US|EP", "US|JP", "US|EP|JP", "KR", "EP|JP"])
AWARDS = np.array(["中国专利金奖", "中国专利银奖", "中国专利优秀奖", "国家科学技术进步奖二等奖", "国家技术发明奖二等奖"])
FOREIGN_COUNTRIES = np.array(["US", "JP", "DE", "KR", "FR", "GB", "HK", "TW", "MO"])
OFFICES = np.array(["CN", "US", "EP", "JP", "WO"])
NULL = np.array(None, dtype=object)  # np.where's "missing" branch (becomes null in Arrow)


@dataclass(frozen=True)
class Home:
    """A city that holds ``share`` of the records (a demo's region); ``name`` where the table has none.

    With several homes each takes its share in turn, scaling down the weights before it (those of
    the earlier homes too): two homes of 0.2 hold about 0.16 and 0.2.
    """

    code: str
    name: str = ""
    share: float = 0.3


@functools.lru_cache(maxsize=4)
def _geography(homes: tuple[Home, ...] = ()) -> tuple[np.ndarray, np.ndarray, list[np.ndarray], np.ndarray, np.ndarray]:
    """City codes, their weights, each city's district codes, and city / province names."""
    if homes:
        geography = _geography()
        for home in homes:
            geography = _with_home(geography, home)
        return geography
    cities = np.array(divisions.codes_of_level("city"))
    districts_by_city: dict[str, list[str]] = {}
    for code in divisions.codes_of_level("district"):
        city = divisions.city_of(code)
        if city is not None:
            districts_by_city.setdefault(city, []).append(code)
    districts = [np.array(sorted(districts_by_city.get(c, [c]))) for c in cities]
    # A fixed, skewed weighting: the provincial capitals and a few hubs are heaviest.
    rng = np.random.default_rng(20210101)
    weights = rng.lognormal(0.0, 1.1, len(cities))
    for i, code in enumerate(cities):
        if code[2:4] == "01":
            weights[i] *= 4.0
    weights /= weights.sum()
    city_names = np.array([divisions.display_name(c) for c in cities])
    province_names = np.array([divisions.name_of(divisions.province_of(c)) or "" for c in cities])
    return cities, weights, districts, city_names, province_names


def _with_home(geography, home: Home):
    """The geography with ``home`` weighing ``home.share`` more and every city (other homes too) the rest."""
    cities, weights, districts, city_names, province_names = geography
    if not 0 < home.share < 1:
        raise ValueError(f"home share must be between 0 and 1, not {home.share}")
    known = np.flatnonzero(cities == home.code)
    weights = weights * (1 - home.share)
    if len(known):
        weights[known[0]] += home.share
        return cities, weights, districts, city_names, province_names
    province = divisions.name_of(divisions.province_of(home.code)) or ""
    return (np.append(cities, home.code), np.append(weights, home.share), [*districts, np.array([home.code])],
            np.append(city_names, home.name or divisions.display_name(home.code) or home.code),
            np.append(province_names, province))


@functools.lru_cache(maxsize=4)
def _flat_districts(homes: tuple[Home, ...] = ()) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """All cities' districts in one array, with each city's offset and count (vectorised picks)."""
    districts = _geography(homes)[2]
    counts = np.array([len(d) for d in districts])
    offsets = np.concatenate([[0], np.cumsum(counts)[:-1]])
    codes = np.concatenate(districts)
    names = np.array([divisions.display_name(c) or "" for c in codes])
    return codes, names, offsets, counts


def sei_symbol_pool(sei: SeiTable | None, size: int = 6000, seed: int = 7) -> np.ndarray:
    """Concrete symbols under the concordance's patterns (class → a subclass of it, etc.)."""
    if sei is None:
        return np.array([], dtype=object)
    frame = sei.lookup_frame()
    frame = frame[~frame["is_exclusion"]]
    rng = np.random.default_rng(seed)
    picks = frame.sample(n=size, replace=True, random_state=seed)
    out = []
    for level, key in zip(picks["level"], picks["key"], strict=True):
        sub = SUBGROUPS[rng.integers(len(SUBGROUPS))]
        if level == "class":
            out.append(f"{key}{'ABHQ'[rng.integers(4)]}{rng.integers(1, 50)}/{sub}")
        elif level == "subclass":
            out.append(f"{key}{rng.integers(1, 60)}/{sub}")
        elif level == "main_group":
            out.append(f"{key}/{sub}")
        else:
            out.append(key)
    return np.array(out, dtype=object)


def _general_pool(size: int = 8000, seed: int = 11) -> np.ndarray:
    rng = np.random.default_rng(seed)
    subclasses = np.array(GENERAL_SUBCLASSES)[rng.integers(len(GENERAL_SUBCLASSES), size=size)]
    groups = rng.integers(1, 99, size=size)
    subs = SUBGROUPS[rng.integers(len(SUBGROUPS), size=size)]
    return np.array([f"{s}{g}/{u}" for s, g, u in zip(subclasses, groups, subs, strict=True)], dtype=object)


def _join(*parts: pa.Array | np.ndarray | str, sep: str = "") -> pa.Array:
    arrays = [p if isinstance(p, str) else pa.array(p, type=pa.string()) if not isinstance(p, pa.Array) else p
              for p in parts]
    return pc.binary_join_element_wise(*arrays, sep)


def _dates(days: np.ndarray) -> pa.Array:
    return pa.array(days.astype("datetime64[D]"), type=pa.date32())


def _holders(rng: np.random.Generator, n: int, city_short: np.ndarray) -> tuple[np.ndarray, pa.Array]:
    """(kind per row, first holder's name): a long tail of holders within each city."""
    kind = rng.choice(4, size=n, p=[0.65, 0.14, 0.06, 0.15])  # enterprise, university, institute, individual
    rank = np.minimum(rng.zipf(1.5, size=n), 400) - 1
    w1 = np.array(ENTERPRISE_WORDS)[rank % len(ENTERPRISE_WORDS)]
    w2 = np.array(ENTERPRISE_WORDS2)[(rank // len(ENTERPRISE_WORDS)) % len(ENTERPRISE_WORDS2)]
    suffix = np.array(ENTERPRISE_SUFFIXES)[rank % len(ENTERPRISE_SUFFIXES)]
    enterprise = np.char.add(np.char.add(np.char.add(city_short.astype(str), w1), w2), suffix)
    university = np.char.add(np.char.add(city_short.astype(str), np.array(UNIVERSITY_WORDS)[rank % 10]), "大学")
    institute = np.char.add(np.char.add("中国科学院" + np.char.add(city_short.astype(str), ""),
                                        np.array(INSTITUTE_WORDS)[rank % 10]), "研究所")
    person = np.char.add(np.array(SURNAMES)[rank % len(SURNAMES)], np.array(GIVEN)[(rank * 7) % len(GIVEN)])
    names = np.choose(kind, [enterprise, university, institute, person])
    return kind, pa.array(names, type=pa.string())


def _ipc(rng: np.random.Generator, n: int, sei_pool: np.ndarray, general: np.ndarray) -> pa.Array:
    count = rng.choice([1, 2, 3, 4], size=n, p=[0.4, 0.3, 0.18, 0.12])
    columns = []
    for slot in range(4):
        from_sei = (rng.random(n) < 0.2) & (len(sei_pool) > 0)
        symbol = general[rng.integers(len(general), size=n)]
        if len(sei_pool):
            symbol = np.where(from_sei, sei_pool[rng.integers(len(sei_pool), size=n)], symbol)
        columns.append(np.where(count > slot, symbol, NULL))
    # binary_join_element_wise with null_handling="skip" drops the unused slots.
    arrays = [pa.array(c, type=pa.string()) for c in columns]
    return pc.binary_join_element_wise(*arrays, "|", null_handling="skip")


def _optional_columns(rng: np.random.Generator, app_year: np.ndarray, serial: np.ndarray) -> dict[str, pa.Array]:
    """inventors, cited_by_count and citations for the rows of one chunk."""
    n = len(app_year)
    count = rng.choice([1, 2, 3, 4, 5], size=n, p=[0.25, 0.3, 0.25, 0.12, 0.08])
    surnames, given = pa.array(SURNAMES), pa.array(GIVEN + [""])
    slots = []
    for slot in range(5):
        # a few hundred prolific names, then a long tail of about 40,000
        index = np.where(rng.random(n) < 0.25, rng.integers(0, 300, size=n), rng.integers(0, 40_000, size=n))
        second = np.where(index >= len(SURNAMES) * len(GIVEN), (index // (len(SURNAMES) * len(GIVEN))) % len(GIVEN),
                          len(GIVEN))
        family = surnames.take(pa.array(index % len(SURNAMES)))
        names = pc.binary_join_element_wise(given.take(pa.array((index // len(SURNAMES)) % len(GIVEN))),
                                            given.take(pa.array(second)), "")
        spaced = rng.random(n) < 0.02  # 张 伟: written with a space
        written = pc.binary_join_element_wise(family, names, pc.if_else(pa.array(spaced), " ", ""))
        slots.append(pc.if_else(pa.array(count > slot), written, pa.nulls(n, pa.string())))
    inventors = pc.binary_join_element_wise(*slots, ";", null_handling="skip")
    age = np.maximum(LAST_YEAR - app_year, 0)
    cited = rng.poisson(0.3 * age)
    known = rng.random(n) >= 0.15
    cites = rng.choice([0, 1, 2, 3], size=n, p=[0.4, 0.3, 0.2, 0.1])
    parts = []
    for slot in range(3):
        earlier = np.char.add(np.char.add("CN", (100_000_000 + (serial * rng.random(n)).astype(np.int64)).astype(str)), "A")
        # the first slot always has a value: Arrow's join drops the rows whose every part is null
        parts.append(pa.array(earlier if slot == 0 else np.where(cites > slot, earlier, NULL), type=pa.string()))
    joined = pc.binary_join_element_wise(*parts, "|", null_handling="skip")
    return {
        "inventors": inventors,  # its first slot always has a name (see above)
        "cited_by_count": pa.array(cited, type=pa.int64(), mask=~known),
        "citations": pc.if_else(pa.array(cites > 0), joined, pa.nulls(n, pa.string())),
    }


def _chunk(rng: np.random.Generator, start: int, n: int, sei_pool: np.ndarray, general: np.ndarray,
           keyword_terms: np.ndarray, *, extra: np.random.Generator, text_rng: np.random.Generator,
           homes: tuple[Home, ...] = ()) -> pa.Table:
    cities, weights, districts, city_names, province_names = _geography(homes)
    city_idx = rng.choice(len(cities), size=n, p=weights)
    pick = rng.random(n)
    flat_codes, flat_names, offsets, counts = _flat_districts(homes)
    flat = offsets[city_idx] + (rng.random(n) * counts[city_idx]).astype(int)
    district, district_names = flat_codes[flat], flat_names[flat]
    region = np.where(pick < 0.70, district, cities[city_idx])
    address_only = (pick >= 0.985) & (pick < 0.992)
    no_region = pick >= 0.992
    road = np.array(ROADS)[rng.integers(len(ROADS), size=n)]
    number = rng.integers(1, 30, size=n).astype(str)
    address = np.char.add(np.char.add(np.char.add(np.char.add(province_names[city_idx], city_names[city_idx]),
                                                  district_names), road), np.char.add(number, "号"))
    address = np.where(no_region, NULL, address)
    region = np.where(address_only | no_region, NULL, region)

    office = OFFICES[rng.choice(len(OFFICES), size=n, p=[0.88, 0.04, 0.03, 0.02, 0.03])]
    domestic_share = np.where(office == "CN", 0.92, 0.6)
    country = np.where(rng.random(n) < domestic_share, "CN", FOREIGN_COUNTRIES[rng.integers(len(FOREIGN_COUNTRIES), size=n)])
    kind = np.array(["invention", "utility", "design"])[rng.choice(3, size=n, p=[0.42, 0.46, 0.12])]
    is_inv = kind == "invention"

    years = np.arange(FIRST_YEAR, LAST_YEAR + 1)
    year_w = np.exp(0.13 * (years - FIRST_YEAR))
    app_year = rng.choice(years, size=n, p=year_w / year_w.sum())
    app = (app_year - 1970).astype("datetime64[Y]").astype("datetime64[D]") + rng.integers(0, 365, size=n)
    delay = np.where(is_inv, rng.integers(400, 1650, size=n), rng.integers(120, 400, size=n))
    grant_p = np.where(is_inv, 0.58, 0.97)
    granted = (rng.random(n) < grant_p) & (app + delay <= DATA_DATE)
    grant = app + delay
    term_years = np.where(is_inv, 20, np.where(kind == "utility", 10, 15))
    term_end = app + np.round(term_years * 365.25).astype(int)
    hazard_lapse = grant + 30 + (rng.exponential(np.where(is_inv, 12.0, 5.0)) * 365).astype(int)
    lapse = np.minimum(hazard_lapse, term_end)
    lapsed = granted & (lapse <= DATA_DATE)
    rejected = ~granted & (app + 1650 < DATA_DATE) & (rng.random(n) < 0.8)
    status = np.where(lapsed | rejected, "invalid", np.where(granted, "valid", "pending"))
    drop_lapse = lapsed & (rng.random(n) < 0.004)  # the data-quality case of the spec

    holder_kind, first_holder = _holders(rng, n, np.array([c[:-1] if c.endswith("市") else c for c in city_names])[city_idx])
    second = rng.random(n) < 0.2
    co_holder = np.where(second, np.char.add(np.array(SURNAMES)[rng.integers(len(SURNAMES), size=n)],
                                             np.array(GIVEN)[rng.integers(len(GIVEN), size=n)]), NULL)
    applicants = pc.binary_join_element_wise(first_holder, pa.array(co_holder, type=pa.string()), "|",
                                             null_handling="skip")

    serial = np.arange(start, start + n)
    letter = np.where(is_inv, np.where(granted, "B", "A"), np.where(kind == "utility", "U", "S"))
    pub = _join(office, (100_000_000 + serial).astype(str), letter)
    kind_digit = np.where(is_inv, "1", np.where(kind == "utility", "2", "3"))
    app_number = _join("CN", app_year.astype(str), kind_digit, np.char.zfill((serial % 10_000_000).astype(str), 7), ".X")

    family = np.where(granted & is_inv & (rng.random(n) < 0.07), FAMILIES[rng.integers(len(FAMILIES), size=n)], NULL)
    pct = (is_inv & (rng.random(n) < 0.06)) | ((kind == "utility") & (rng.random(n) < 0.005))
    pledge = np.where(granted & (rng.random(n) < 0.025),
                      np.round(rng.lognormal(np.log(3e6), 1.2, size=n), -4), np.nan)
    award = np.where(granted & is_inv & (rng.random(n) < 0.0015), AWARDS[rng.integers(len(AWARDS), size=n)], NULL)
    del holder_kind
    ipc = _ipc(rng, n, sei_pool, general)
    topics = None
    if len(keyword_terms):  # 15 % of the titles name a keyword of the SEI concordance
        topics = np.where(text_rng.random(n) < 0.15, keyword_terms[text_rng.integers(len(keyword_terms), size=n)], NULL)
    title, abstract = synth_text.texts(text_rng, pc.utf8_slice_codeunits(ipc, 0, 4), topics)

    return pa.table(
        {
            "pub_number": pub,
            "office": pa.array(office, type=pa.string()),
            "app_number": app_number,
            "kind": pa.array(kind, type=pa.string()),
            "app_date": _dates(app),
            "grant_date": pa.array(np.where(granted, grant, np.datetime64("NaT")).astype("datetime64[D]"),
                                   type=pa.date32(), mask=~granted),
            "lapse_date": pa.array(lapse.astype("datetime64[D]"), type=pa.date32(), mask=~lapsed | drop_lapse),
            "status": pa.array(status, type=pa.string()),
            "applicants": applicants,
            "first_applicant_country": pa.array(country, type=pa.string()),
            "first_applicant_address": pa.array(address, type=pa.string()),
            "region_code": pa.array(region, type=pa.string()),
            "ipc": ipc,
            "title": title,
            "abstract": abstract,
            "family_granted_offices": pa.array(family, type=pa.string()),
            "pct": pa.array(pct, type=pa.bool_()),
            "pledge_amount": pa.array(pledge, type=pa.float64(), from_pandas=True),
            "award": pa.array(award, type=pa.string()),
            **_optional_columns(extra, app_year, serial),
        },
        schema=CANONICAL_SCHEMA,
    )


def synth_batches(records: int, seed: int = 0, sei: SeiTable | None = None,
                  homes: tuple[Home, ...] = ()) -> Iterator[pa.Table]:
    """``records`` canonical rows in chunks of ``CHUNK``; the same arguments give the same rows."""
    sei_pool = sei_symbol_pool(sei)
    general = _general_pool()
    terms = np.array([t for rule in sei.rules for t in rule.keywords if len(t) <= 12], dtype=object) if sei else \
        np.array([], dtype=object)
    for index, start in enumerate(range(0, records, CHUNK)):
        rng = np.random.default_rng([seed, index])
        yield _chunk(rng, start, min(CHUNK, records - start), sei_pool, general, terms,
                     extra=np.random.default_rng([seed, index, 1]), text_rng=np.random.default_rng([seed, index, 2]),
                     homes=homes)


def write_synth(records: int, out_dir: str | Path, seed: int = 0, sei: SeiTable | None = None,
                homes: tuple[Home, ...] = ()) -> Path:
    """Write ``out_dir/records.parquet`` (canonical schema), streaming chunk by chunk."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    path = out_dir / "records.parquet"
    tmp = out_dir / f".records.parquet.{dt.datetime.now().strftime('%H%M%S%f')}"
    with pq.ParquetWriter(tmp, CANONICAL_SCHEMA, compression="zstd") as writer:
        for table in synth_batches(records, seed, sei, homes):
            writer.write_table(table)
    tmp.replace(path)
    return path
