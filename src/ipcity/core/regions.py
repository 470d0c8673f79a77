"""Find a region by the name a plan document gives it, creating the region and its parents on demand.

Codes, names and parents come from the GB/T 2260 table of ``ipcity.divisions`` (the edition in
use; see docs/regions.md). A name is matched as written (``铜陵市``), qualified by its parents
(``重庆市南岸区``, ``安徽省铜陵市``), or without its administrative suffix (``铜陵``). A name the
table does not know (the demo's fictional ``示例市``) becomes a *fictional* region: GB/T 2260
assigns no province code starting with 9, so fictional regions get codes ``99NN00`` (cities and
others) with no parent. They never collide with a real code.
"""

from __future__ import annotations

import re

from ipcity import divisions
from ipcity.core.models import Region

FICTIONAL_PREFIX = "99"
_SPACE = re.compile(r"\s+")


def region_find(name: str) -> Region | None:
    """The region already in the database for this name; writes nothing."""
    code = divisions.code_for_name(name)
    if code:
        return Region.objects.filter(code=code).first()
    return Region.objects.filter(name=_SPACE.sub("", name or "")).order_by("code").first()


def region_describe(name: str) -> dict:
    """What ``region_resolve`` would do, for previews: {name, code, exists, fictional}."""
    code = divisions.code_for_name(name)
    existing = region_find(name)
    if existing is not None:
        return {"name": existing.name, "code": existing.code, "exists": True,
                "fictional": existing.code.startswith(FICTIONAL_PREFIX)}
    if code:
        return {"name": divisions.name_of(code), "code": code, "exists": False, "fictional": False}
    if divisions.codes_for_name(name):
        return {"name": _SPACE.sub("", name or ""), "code": None, "exists": False, "fictional": False,
                "ambiguous": True}
    return {"name": _SPACE.sub("", name or ""), "code": None, "exists": False, "fictional": True}
