"""Find a region by the name a plan document gives it, creating the region and its parents on demand.

The codes are GB/T 2260 administrative division codes, read from the table that the ``cpca``
package ships (``cpca/resources/adcodes.csv``, 12-digit codes whose first six digits are the
GB/T 2260 code). The file is read directly: importing ``cpca`` itself builds a large matcher
and needs ``pkg_resources``, which the platform does not need.

A name is matched as written (``铜陵市``), qualified by its parents (``重庆市南岸区``,
``安徽省铜陵市``), or without its administrative suffix (``铜陵``). A name the table does not
know (the demo's fictional ``示例市``) becomes a *fictional* region: GB/T 2260 assigns no
province code starting with 9, so fictional regions get codes ``99NN00`` (cities and others)
with no parent. They never collide with a real code.
"""

from __future__ import annotations

import csv
import importlib.util
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ipcity.core.models import Region

FICTIONAL_PREFIX = "99"
# Placeholder rows of the table that are no real region (市辖区 under a city, 县 under 重庆市...).
_PLACEHOLDER_NAMES = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"}
_SUFFIX = re.compile(r"(省|市|自治区|特别行政区|地区|自治州|盟)$")
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class DivisionEntry:
    code: str
    name: str
    level: str
    parent_code: str | None


def _adcodes_path() -> Path | None:
    spec = importlib.util.find_spec("cpca")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(next(iter(spec.submodule_search_locations))) / "resources" / "adcodes.csv"
    return path if path.is_file() else None


def _level_of(code: str) -> str:
    if code.endswith("0000"):
        return Region.Level.PROVINCE
    if code.endswith("00"):
        return Region.Level.CITY
    return Region.Level.DISTRICT


@lru_cache(maxsize=1)
def division_table() -> dict[str, DivisionEntry]:
    """Every real region by its six-digit code, with the parent that is itself a real region."""
    path = _adcodes_path()
    if path is None:
        return {}
    names: dict[str, str] = {}
    with path.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            names[row["adcode"][:6]] = row["name"]
    table: dict[str, DivisionEntry] = {}
    for code, name in names.items():
        if name in _PLACEHOLDER_NAMES:
            continue
        table[code] = DivisionEntry(code, name, _level_of(code), _real_parent(code, names))
    return table


def _real_parent(code: str, names: dict[str, str]) -> str | None:
    """The nearest real ancestor: a district of 重庆市 hangs under 500000, not the 市辖区 500100."""
    level = _level_of(code)
    candidates = []
    if level == Region.Level.DISTRICT:
        candidates = [code[:4] + "00", code[:2] + "0000"]
    elif level == Region.Level.CITY:
        candidates = [code[:2] + "0000"]
    for candidate in candidates:
        if candidate in names and names[candidate] not in _PLACEHOLDER_NAMES:
            return candidate
    return None


@lru_cache(maxsize=1)
def _name_index() -> dict[str, list[str]]:
    """Every way of writing a region (bare, suffix-less, parent-qualified) → codes."""
    table = division_table()
    index: dict[str, list[str]] = {}

    def add(key: str, code: str) -> None:
        codes = index.setdefault(key, [])
        if code not in codes:
            codes.append(code)

    for code, entry in table.items():
        chain = [entry]
        while chain[-1].parent_code and chain[-1].parent_code in table:
            chain.append(table[chain[-1].parent_code])
        for depth in range(1, len(chain) + 1):
            written = [e.name for e in reversed(chain[:depth])]
            add("".join(written), code)
            add("".join(_SUFFIX.sub("", w) or w for w in written), code)
    return index


def region_codes_for_name(name: str) -> list[str]:
    """Every GB/T 2260 code the name may stand for (several for 朝阳区, none for 示例市)."""
    key = _SPACE.sub("", name or "")
    if not key:
        return []
    return list(_name_index().get(key) or _name_index().get(_SUFFIX.sub("", key) or key) or [])


def region_code_for_name(name: str) -> str | None:
    """The GB/T 2260 code a name stands for, or None when unknown or ambiguous (朝阳区)."""
    codes = region_codes_for_name(name)
    if len(codes) == 1:
        return codes[0]
    # Prefer the higher level when a city and a county share a name (吉林 → 吉林省 over 吉林市).
    ranked = sorted(codes, key=lambda c: (-c.count("0"), c))
    if ranked and ranked[0].count("0") > ranked[1].count("0"):
        return ranked[0]
    return None


def region_find(name: str) -> Region | None:
    """The region already in the database for this name; writes nothing."""
    code = region_code_for_name(name)
    if code:
        return Region.objects.filter(code=code).first()
    return Region.objects.filter(name=_SPACE.sub("", name or "")).order_by("code").first()


def region_describe(name: str) -> dict:
    """What ``region_resolve`` would do, for previews: {name, code, exists, fictional}."""
    code = region_code_for_name(name)
    existing = region_find(name)
    if existing is not None:
        return {"name": existing.name, "code": existing.code, "exists": True,
                "fictional": existing.code.startswith(FICTIONAL_PREFIX)}
    if code:
        return {"name": division_table()[code].name, "code": code, "exists": False, "fictional": False}
    if region_codes_for_name(name):
        return {"name": _SPACE.sub("", name or ""), "code": None, "exists": False, "fictional": False,
                "ambiguous": True}
    return {"name": _SPACE.sub("", name or ""), "code": None, "exists": False, "fictional": True}


def region_resolve(name: str) -> Region:
    """The region for a name as a plan writes it; created with its parent chain when missing."""
    clean = _SPACE.sub("", name or "")
    if not clean:
        raise ValueError("地区名称为空")
    code = region_code_for_name(clean)
    if code:
        return region_for_code(code)
    existing = Region.objects.filter(name=clean).order_by("code").first()
    if existing is not None:
        return existing
    if region_codes_for_name(clean):
        raise ValueError(f"地区名称“{clean}”不唯一，请写出上级地区（如“北京市朝阳区”）")
    return _create_fictional(clean)


def region_for_code(code: str) -> Region:
    """The region with this GB/T 2260 code, creating it and its ancestors from the table."""
    existing = Region.objects.filter(code=code).first()
    if existing is not None:
        return existing
    entry = division_table().get(code)
    if entry is None:
        raise ValueError(f"未知的行政区划代码：{code}")
    parent = region_for_code(entry.parent_code) if entry.parent_code else None
    region, _ = Region.objects.get_or_create(
        code=code, defaults={"name": entry.name, "level": entry.level, "parent": parent}
    )
    return region


def _create_fictional(name: str) -> Region:
    taken = set(Region.objects.filter(code__startswith=FICTIONAL_PREFIX).values_list("code", flat=True))
    for number in range(1, 100):
        code = f"{FICTIONAL_PREFIX}{number:02d}00"
        if code not in taken:
            level = Region.Level.DISTRICT if name.endswith(("区", "县")) else Region.Level.CITY
            return Region.objects.create(code=code, name=name, level=level, parent=None)
    raise ValueError("虚构地区代码已用完")
