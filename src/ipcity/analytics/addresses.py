"""Free text → GB/T 2260 codes through cpca's matcher: addresses, region names, company names.

This is the one module that imports cpca (and so the one that needs ``pkg_resources``, given a
stand-in below). What a code means, its level and name, is ``ipcity.divisions``.
"""

from __future__ import annotations

import functools
import importlib
import os
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

from ipcity.divisions import level, name_of, normalise_code  # noqa: E402

# First two digits of the codes cpca gives Hong Kong, Macao and Taiwan.
_SAR_COUNTRIES = {"81": "HK", "82": "MO", "71": "TW"}


def regions_of_addresses(addresses: Sequence[str | None]) -> list[str | None]:
    """Each address's most precise region code (district, else city, else province), or None.

    Works on a whole batch at once: cpca is vectorised and far faster per call on lists.
    """
    texts = [a or "" for a in addresses]
    if not any(texts):
        return [None] * len(texts)
    frame = cpca.transform(texts)
    codes: list[str | None] = []
    for text, adcode in zip(texts, frame["adcode"].tolist(), strict=True):
        code = normalise_code(adcode) if text and isinstance(adcode, str) else None
        codes.append(code)
    return codes


# Addresses the engine has resolved in this process (cpca is deterministic). A figure resolves
# the addresses of the rows without a code once per kind of record (patents, trademarks…) and
# again for its warnings; the same holders' addresses recur across kinds and figures, and cpca
# costs ~35 µs an address (~2 s for the 50,000 distinct addresses of 10M synthetic records).
# Bounded: cleared when it would pass _RESOLVED_LIMIT entries (~100 bytes each).
_RESOLVED: dict[str, str | None] = {}
_RESOLVED_LIMIT = 1_000_000


def regions_from_addresses(addresses: list[str]) -> dict[str, str]:
    """address → region code, for the addresses that name a region (the engine derives a code
    this way where a record has none: the code an import would have stored). Each distinct
    address goes to cpca once per process (see ``_RESOLVED``)."""
    fresh = [a for a in dict.fromkeys(addresses) if a not in _RESOLVED]
    if fresh:
        if len(_RESOLVED) + len(fresh) > _RESOLVED_LIMIT:
            _RESOLVED.clear()
        _RESOLVED.update(zip(fresh, regions_of_addresses(fresh), strict=True))
    found = {address: _RESOLVED.get(address) for address in addresses}
    return {address: code for address, code in found.items() if code}


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
        found.append(code if code and _starts_with_region(text, code, row) else None)
    return found


def _starts_with_region(text: str, code: str, row: dict[str, Any]) -> bool:
    positions = {"province": row["省_pos"], "city": row["市_pos"], "district": row["区_pos"]}
    if positions[level(code)] != 0:
        return False
    if level(code) != "district":
        return True
    name = name_of(code)
    return bool(name) and text.startswith(name)  # type: ignore[arg-type]
