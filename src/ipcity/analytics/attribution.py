"""Attribution of a patent to regions (GB/T 2260 codes) and the region reference table.

A patent counts for region R when its first patentee's code is R or lies under R. Under
GB/T 2260 "under" is a prefix relation: ``330106`` (a district) lies under ``330100`` (its
city) and ``330000`` (its province). A region's prefix is its code without the trailing
``00`` pairs. Levels: a province code ends in ``0000``; a city code ends in ``00`` (and is not
a province); anything else is a district (county-level). Municipalities (北京 110000) keep
their ``市辖区`` city code ``110100``, and the province-administered counties (``429004``
仙桃) fall under the ``4290`` grouping: both are what the prefix rule gives.

Where a record has no code, it is derived from the first patentee's address with the
importer's reader. Region names come from the adcode table bundled with cpca.
"""

from __future__ import annotations

import csv
import functools
import importlib.util
import re
from dataclasses import dataclass
from pathlib import Path

LEVELS = ("province", "city", "district")
_CODE = re.compile(r"^\d{6}$")


class RegionError(ValueError):
    pass


def check_code(code: str) -> str:
    code = (code or "").strip()
    if not _CODE.match(code):
        raise RegionError(f"not a 6-digit GB/T 2260 region code: {code!r}")
    return code


def region_prefix(code: str) -> str:
    """``330000`` → ``33``; ``330100`` → ``3301``; ``330106`` → ``330106``."""
    code = check_code(code)
    if code[2:] == "0000":
        return code[:2]
    if code[4:] == "00":
        return code[:4]
    return code


def region_level(code: str) -> str:
    return {2: "province", 4: "city", 6: "district"}[len(region_prefix(code))]


def level_key(code: str, level: str) -> str | None:
    """The region of ``level`` that ``code`` lies under, or None (e.g. a province-only code
    has no city). The engine's expression in ``indicators.py`` does the same."""
    code = check_code(code)
    if level == "province":
        return code[:2] + "0000"
    if level == "city":
        return code[:4] + "00" if code[2:4] != "00" else None
    if level == "district":
        return code if code[4:] != "00" else None
    raise RegionError(f"unknown level {level!r}; one of {', '.join(LEVELS)}")


@dataclass(frozen=True)
class Region:
    code: str
    name: str
    level: str


def _adcode_file() -> Path:
    spec = importlib.util.find_spec("cpca")
    if spec is None or spec.origin is None:
        raise RegionError("the cpca package (its adcode table) is not installed")
    return Path(spec.origin).parent / "resources" / "adcodes.csv"


@functools.lru_cache(maxsize=1)
def regions() -> dict[str, Region]:
    """Every region of the bundled adcode table, by 6-digit code."""
    found: dict[str, Region] = {}
    with open(_adcode_file(), encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            code = row["adcode"][:6]
            if _CODE.match(code) and code not in found:
                found[code] = Region(code, row["name"], region_level(code))
    return found


def region_name(code: str) -> str:
    """The region's name; a municipality's 市辖区/县 grouping takes its province's name."""
    table = regions()
    region = table.get(code)
    if region is None:
        return ""
    if region.level == "city" and region.name in {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}:
        province = table.get(code[:2] + "0000")
        if province is None:
            return region.name
        return province.name if region.name == "市辖区" else f"{province.name}{region.name}"
    return region.name


def regions_of_level(level: str) -> list[str]:
    return sorted(code for code, region in regions().items() if region.level == level)


def regions_from_addresses(addresses: list[str]) -> dict[str, str]:
    """address → region code, for the addresses that name a region.

    The importer's reader (``ipcity.analytics.regions``, cpca) is used so that a code derived
    here is the one an import would have stored.
    """
    from ipcity.analytics.regions import regions_of_addresses

    codes = regions_of_addresses(addresses)
    return {address: code for address, code in zip(addresses, codes, strict=True) if code}
