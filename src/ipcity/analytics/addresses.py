"""Free text → GB/T 2260 codes through cpca's matcher: addresses, region names, company names.

This is the one module that imports cpca (and so the one that needs ``pkg_resources``, given a
stand-in below). What a code means, its level and name, is ``ipcity.divisions``.
"""

from __future__ import annotations

import functools
import importlib
import os
import re
import sys
import types
import warnings
from collections.abc import Sequence
from typing import Any

# cpca 0.5 loads its table through ``pkg_resources``, which setuptools ≥ 81 no longer ships.
# The stand-in gives cpca the one function it uses, read through importlib.resources.
if "pkg_resources" not in sys.modules:
    try:
        with warnings.catch_warnings():  # its deprecation warning would precede every CLI message
            warnings.simplefilter("ignore")
            import pkg_resources  # noqa: F401
    except ImportError:
        _shim = types.ModuleType("pkg_resources")

        def _resource_stream(module_name: str, name: str):
            # Like pkg_resources: relative to the module's directory (jieba passes a module name).
            module = importlib.import_module(module_name)
            return open(os.path.join(os.path.dirname(module.__file__ or ""), name), "rb")

        _shim.resource_stream = _resource_stream  # type: ignore[attr-defined]
        sys.modules["pkg_resources"] = _shim

import cpca  # noqa: E402  (after the shim above)
import pyarrow as pa  # noqa: E402
import pyarrow.compute as pc  # noqa: E402

from ipcity.divisions import codes_for_name, level, name_of, normalise_code  # noqa: E402

# First two digits of the codes cpca gives Hong Kong, Macao and Taiwan.
_SAR_COUNTRIES = {"81": "HK", "82": "MO", "71": "TW"}


def regions_of_addresses(addresses: Sequence[str | None]) -> list[str | None]:
    """Each address's most precise region code (district, else city, else province), or None.

    Works on a whole batch at once: cpca is vectorised and far faster per call on lists.
    """
    texts = [a or "" for a in addresses]
    if not any(texts):
        return [None] * len(texts)
    frame = cpca.transform(texts, pos_sensitive=True)
    codes: list[str | None] = []
    for text, row in zip(texts, frame.to_dict("records"), strict=True):
        adcode = row["adcode"]
        code = normalise_code(adcode) if text and isinstance(adcode, str) else None
        codes.append(_settled(code, row))
    return codes


def _settled(code: str | None, row: dict[str, Any]) -> str | None:
    """The region the text really names, where cpca matched a county name two regions share.

    cpca fills in the province and city of a bare county name from its own default: 西湖区 alone
    becomes 南昌's (360103), not 杭州's (330106). ip-indicators.md counts a row whose region
    cannot be derived nowhere, so a shared name settles only with what the text writes before
    it: the candidates under the province or city written (浙江省西湖区 → 330106); several left,
    their common province (江苏省鼓楼区 → 320000: 南京 and 徐州 both have one); none, nothing.
    """
    if code is None or level(code) != "district":
        return code
    candidates = [c for c in codes_for_name(str(row["区"] or "")) if level(c) == "district"]
    if len(candidates) < 2:
        return code
    if row["省_pos"] >= 0:
        candidates = [c for c in candidates if c[:2] == code[:2]]
    if row["市_pos"] >= 0:
        candidates = [c for c in candidates if c[:4] == code[:4]]
    if len({c[:4] for c in candidates}) <= 1:  # one city (or a code the table does not list)
        return code
    if row["省_pos"] >= 0 and len({c[:2] for c in candidates}) == 1:
        return code[:2] + "0000"
    return None


# Addresses that differ only after the street: one cpca call per prefix.

_FIRST_DIGIT = re.compile(r"\d")


def address_prefix(address: str) -> str:
    """The address up to its first digit (``广东省深圳市南山区科技路12号`` → ``…南山区科技路``).

    No region name contains a digit, so the matches cpca finds in the prefix are the ones it
    finds in the address before that point; when they reach a county, cpca stops there and
    the prefix's region is the address's (``PrefixRegions`` checks exactly that).
    """
    match = _FIRST_DIGIT.search(address)
    return address[: match.start()] if match else address


def address_prefixes(texts: Sequence[str]) -> list[str]:
    """``address_prefix`` of every text, cut in Arrow (RE2's ``\\p{Nd}`` is Python's ``\\d``)."""
    if not texts:
        return []
    cut = pc.replace_substring_regex(pa.array(texts, type=pa.string()), r"(?s)\p{Nd}.*", "", max_replacements=1)
    return cut.to_pylist()  # type: ignore[no-any-return]


class PrefixRegions:
    """Address → region code (cpca), each distinct address *prefix* resolved once per table
    (an importer keeps one per import; the engine one per process).

    Bounded: each table starts afresh beyond ``max_size`` entries.
    A prefix that resolves to a county (district-level) code gives every address that starts
    with it the same code: cpca stops at the first county it meets. A prefix that stops short
    of a county (a city or province only, or nothing) says nothing about what follows, so the
    whole address is resolved (and remembered).
    """

    def __init__(self, max_size: int = 50_000) -> None:
        self.max_size = max_size
        self._by_prefix: dict[str, str | None] = {}  # prefix → county code, or None: not final
        self._by_address: dict[str, str | None] = {}

    def __call__(self, texts: Sequence[str]) -> list[str | None]:
        if len(self._by_prefix) > self.max_size:
            self._by_prefix.clear()
        if len(self._by_address) > self.max_size:
            self._by_address.clear()
        prefixes = address_prefixes(texts)
        new = [p for p in dict.fromkeys(prefixes) if p not in self._by_prefix]
        if new:
            for prefix, code in zip(new, regions_of_addresses(new), strict=True):
                self._by_prefix[prefix] = code if code and not code.endswith("00") else None
        out: list[str | None] = [self._by_prefix[p] for p in prefixes]
        whole = [t for t, code in zip(texts, out, strict=True) if code is None]
        if whole:
            fresh = [t for t in dict.fromkeys(whole) if t not in self._by_address]
            if fresh:
                self._by_address.update(zip(fresh, regions_of_addresses(fresh), strict=True))
            out = [code if code is not None else self._by_address[t] for t, code in zip(texts, out, strict=True)]
        return out


# Addresses the engine has resolved in this process (cpca is deterministic). A figure resolves
# the addresses of the rows without a code once per kind of record (patents, trademarks…) and
# again for its warnings; the same holders' addresses recur across kinds and figures. cpca costs
# ~13 µs an address, and addresses that differ only after the street share a prefix: the 56,000
# distinct addresses of 10M synthetic trademarks have 16,000 prefixes. Bounded (~100 bytes an entry).
_PROCESS_REGIONS = PrefixRegions(max_size=1_000_000)


def regions_from_addresses(addresses: list[str]) -> dict[str, str]:
    """address → region code, for the addresses that name a region (the engine derives a code
    this way where a record has none: the code an import would have stored). Each distinct
    address prefix goes to cpca once per process (``PrefixRegions``)."""
    texts = [a for a in dict.fromkeys(addresses) if isinstance(a, str)]
    found = _PROCESS_REGIONS(texts) if texts else []
    return {address: code for address, code in zip(texts, found, strict=True) if code}


@functools.lru_cache(maxsize=20000)
def region_of_names(names: str) -> str | None:
    """A region from names (``广东省 深圳市 南山区`` or ``深圳市``), or None."""
    return regions_of_addresses([names])[0]


def country_of_region(code: str | None) -> str | None:
    """CN for the mainland, HK/MO/TW for codes cpca gives to those regions."""
    if code is None:
        return None
    return _SAR_COUNTRIES.get(code[:2], "CN")


def regions_of_organisation_names(names: Sequence[str | None]) -> list[str | None]:
    """The region a Chinese organisation's name starts with, or None.

    A Chinese enterprise name begins with its administrative region (企业名称 = 行政区划 + 字号 +
    行业 + 组织形式): 深圳市某某科技有限公司 → 440300, 北京百度网讯… → 110000. Only a match at the
    very start counts, and a county-level name only when written in full (东方市…, not 东方电气),
    because short district names are common words.
    """
    texts = [n or "" for n in names]
    if not any(texts):
        return [None] * len(texts)
    frame = cpca.transform(texts, pos_sensitive=True)
    found: list[str | None] = []
    for text, row in zip(texts, frame.to_dict("records"), strict=True):
        code = normalise_code(row["adcode"]) if text and isinstance(row["adcode"], str) else None
        code = _settled(code, row)
        found.append(_region_at_start(text, code, row) if code else None)
    bracketed = {i: m.group(1) for i, (text, code) in enumerate(zip(texts, found, strict=True))
                 if code is None and (m := _BRACKETED.search(text))}
    for i, code in zip(bracketed, _regions_in_brackets(list(bracketed.values())), strict=True):
        found[i] = code
    return found


# The other place the rules (企业名称登记管理规定) allow the region: after the trade name, in
# brackets (联想（北京）有限公司, 某某科技（深圳）有限公司). Only a bracket that holds a region's
# name and nothing else counts, so （有限合伙）, （集团） and （中国） name none.
_BRACKETED = re.compile(r"[（(]([^（）()]{2,10})[）)]")


def _regions_in_brackets(contents: list[str]) -> list[str | None]:
    if not contents:
        return []
    frame = cpca.transform(contents, pos_sensitive=True)
    found: list[str | None] = []
    for content, row in zip(contents, frame.to_dict("records"), strict=True):
        code = normalise_code(row["adcode"]) if isinstance(row["adcode"], str) else None
        name = (name_of(code) or "") if code else ""
        # 北京 or 北京市, 深圳 or 深圳市, 山西 or 山西省; a county only in full (as at the start)
        whole = code is not None and bool(name) and (
            content == name or (level(code) != "district" and name.startswith(content)))
        found.append(code if whole else None)
    return found


def _region_at_start(text: str, code: str, row: dict[str, Any]) -> str | None:
    """The part of cpca's region that the name starts with: province, city, county in turn, each
    written where the one before ends (杭州余杭区… → 330110; 浙江大学杭州… → 330000), a county
    only in full (杭州西湖龙井… → 330100), None when the name does not start with a region."""
    chain = [("province", row["省_pos"], code[:2] + "0000"), ("city", row["市_pos"], code[:4] + "00"),
             ("district", row["区_pos"], code)]
    depth = ("province", "city", "district").index(level(code)) + 1
    found, end = None, 0
    for level_name, raw_position, part in chain[:depth]:
        position = -1 if raw_position is None else int(raw_position)
        if position < 0:
            continue  # not written (a municipality has no city name of its own)
        name = name_of(part) or ""
        if position > end or (level_name == "district" and not text.startswith(name, position)):
            break
        found, end = part, position + len(name)
    return found
