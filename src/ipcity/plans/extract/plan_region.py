"""The plan's region: the place name at the start of the title, else of the issuer, else the
``metadata.region`` rules (a province), else the issuer less its kind of body; never a guess from
the title's first characters ("" when not found: the pipeline warns). A national body names none.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ipcity.plans.registry import Registry

# A city's 市 is never the first character of 市场 (``某县市场监督管理局`` is a county's bureau).
_REGION = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,3}(?:省|自治区))?(?:[\u4e00-\u9fff]{2,4}?(?:市(?!场)|自治州|地区|盟))"
    r"(?:[\u4e00-\u9fff]{2,3}?(?:区|县|旗))?|^[\u4e00-\u9fff]{2,4}?(?:县|区|旗)"
)
# (``自治区市场监管局``: an autonomous region's body names its kind, not its name)
_NOT_PLACE = re.compile(r"国家|知识|产权|关于|建设|试点|^自治(?:区|县|州|旗)$")


# The region where neither the title nor the issuer opens with a city, district or county:
# first that answers wins (before the issuer less its kind of body).
REGION_RULES: Registry[Callable[[str], str | None]] = Registry(
    "metadata.region", "the plan's region where its title and issuer open with no city, district or county")
_PROVINCE = re.compile(r"^[\u4e00-\u9fff]{2,5}?(?:省|自治区)")


@REGION_RULES.register("province", priority=10)
def province(text: str) -> str | None:
    """``澄岳省知识产权强省建设…``: a provincial plan (知识产权强省) is for the province (or
    autonomous region) its title or issuer opens with."""
    m = _PROVINCE.match(text)
    return m.group() if m and not _NOT_PLACE.search(m.group()) else None


def find_region(title: str, issuer: str | None) -> str:
    for text in (title, issuer or ""):
        m = _REGION.match(text)
        if m and not _NOT_PLACE.search(m.group()):
            return m.group()
        m2 = re.match(r"^([\u4e00-\u9fff]{2,4}?(?:市|县|区))", text)
        if m2 and not _NOT_PLACE.search(m2.group(1)):
            return m2.group(1)
    for text in (title, issuer or ""):
        for rule in REGION_RULES:
            found = rule(text)
            if found:
                return found
    # Otherwise the issuer as written, less its kind of body; never a guess from the title's
    # first characters (关于印发…): "" says the region was not found (pipeline warns).
    # (a national body, 国务院…联席会议 or 国家知识产权局, names no place: a national plan has no region)
    rest = issuer.replace("人民政府", "").replace("办公室", "") if issuer else ""
    return "" if _NOT_PLACE.search(rest) or _NATIONAL.match(rest) else rest


_NATIONAL = re.compile(r"^(?:国务院|中共中央|中央|全国)")
