"""Applicant names: one key per organisation, and its type, by documented rules.

:func:`name_key` folds a raw applicant name to the key under which variants are merged, in
this order (docs/navigation.md):

1. Unicode NFKC: full-width letters, digits and brackets become half-width; spaces removed;
   Latin letters upper-cased.
2. Traditional → simplified characters (``hanziconv``'s character table).
3. A bracketed part that is a place is removed: ``（中国）``, ``(深圳)``, ``（苏州工业园区）``,
   i.e. ``中国`` or text that is or begins with a province, city or district name of the GB/T
   2260 table. Other brackets (``（有限合伙）``, a product line) are kept.
4. Company-form suffixes are removed, repeatedly from the end: 股份有限公司, 有限责任公司,
   有限公司, 集团公司, 总公司, 公司, 集团, and CO.,LTD / INC / CORP / LTD / GMBH / LLC.
5. Known aliases (given as input, e.g. from the navigation project) map a key to another key.

:func:`applicant_type` reads the raw name (before suffixes are removed): enterprise, university,
institute (research institute), individual, other.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from functools import cache

TYPES = ("enterprise", "university", "institute", "individual", "other")

_SUFFIXES = (
    "集团股份有限公司", "集团有限责任公司", "集团有限公司", "股份有限公司", "有限责任公司", "有限公司",
    "集团公司", "总公司", "公司", "集团",
)
_LATIN_SUFFIX = re.compile(r"[,.\s]*(CO\.?,?LTD\.?|COMPANY|LIMITED|LTD\.?|INC\.?|CORP(ORATION)?\.?|GMBH|LLC|AG|S\.?A\.?)$")
_BRACKET = re.compile(r"\(([^()]*)\)")
_ENTERPRISE = re.compile(r"公司|企业|工厂|[^工]厂$|厂\(|有限合伙|合作社|事务所|商行|经营部|CO\.|LTD|INC\b|CORP|GMBH|LLC|\bAG\b|\bS\.A\.")
_UNIVERSITY = re.compile(r"大学|学院|学校|高等专科|UNIVERSITY|COLLEGE")
_INSTITUTE = re.compile(r"研究院|研究所|研究中心|科学院|实验室|设计院|INSTITUTE|ACADEMY|LABORATOR")
_ORGANISATION = re.compile(r"(院|所|局|会|中心|站|馆|部|委|厅|处|队|社|室|团|办)$")
_HAN = re.compile(r"^[\u4e00-\u9fff·]{2,4}$")
_LATIN_PERSON = re.compile(r"^[A-Z][A-Z'\-]*(,? [A-Z][A-Z'\-.]*){1,3}$")


@cache
def _place_names() -> frozenset[str]:
    from ipcity import divisions

    names: set[str] = {"中国", "中华人民共和国"}
    for level in ("province", "city", "district"):
        for code in divisions.codes_of_level(level):
            name = divisions.name_of(code)
            if not name:
                continue
            names.add(name)
            short = re.sub(r"(省|市|自治区|壮族自治区|回族自治区|维吾尔自治区|特别行政区|区|县)$", "", name)
            if len(short) >= 2:
                names.add(short)
    return frozenset(names)


def _is_place(text: str) -> bool:
    if not text:
        return False
    places = _place_names()
    if text in places:
        return True
    # "苏州工业园区", "上海自贸区": a place name followed by a zone word
    return any(text.startswith(p) for p in places if len(p) >= 2) and bool(
        re.search(r"(园区|开发区|新区|自贸区|高新区|分公司|分院)$", text))


@cache
def _simplified(text: str) -> str:
    from hanziconv import HanziConv

    return HanziConv.toSimplified(text)


def fold(name: str) -> str:
    """Steps 1–2: width, spaces, case and script."""
    text = unicodedata.normalize("NFKC", name).strip()
    text = re.sub(r"\s+", " ", text)
    if re.search(r"[\u4e00-\u9fff]", text):
        text = _simplified(text).replace(" ", "")
    return text.upper()


_DOTS = re.compile(r"[•・‧∙⋅]")


def inventor_key(name: str) -> str:
    """The key under which one inventor's written forms are merged: :func:`fold` (width, spaces,
    case, traditional → simplified; no space inside a Chinese name), the middle dots of minority
    names unified (``·``) and ``FAMILY, GIVEN`` read as ``FAMILY GIVEN``. No company forms, no
    aliases: a person's name. Two people of one name share a key (a known limit)."""
    text = _DOTS.sub("·", fold(name))
    return re.sub(r"\s*,\s*", " ", text).strip(" ,")


def keyed(written: Iterable[str], key: Callable[[str], str], memo: dict[str, str]) -> list[str]:
    """``key`` of each written name, remembered in ``memo`` (a city's, its province's and the
    country's landscapes meet the same names: each is keyed once)."""
    out = []
    for name in written:
        found = memo.get(name)
        if found is None:
            found = memo[name] = key(name)
        out.append(found)
    return out


def name_key(name: str, aliases: Mapping[str, str] | None = None) -> str:
    """The key under which variants of one applicant are merged (see the module's rules)."""
    text = fold(name)
    text = _BRACKET.sub(lambda m: "" if _is_place(m.group(1)) else m.group(0), text).strip()
    while True:
        before = text
        for suffix in _SUFFIXES:
            if text.endswith(suffix) and len(text) > len(suffix):
                text = text[: -len(suffix)]
                break
        text = _LATIN_SUFFIX.sub("", text).strip(" ,.")
        if text == before:
            break
    text = text or fold(name)
    if aliases:
        text = aliases.get(text, text)
    return text


def alias_keys(aliases: Mapping[str, str] | Iterable[tuple[str, str]]) -> dict[str, str]:
    """Aliases as given (raw name → the name it belongs to) folded to keys on both sides.

    Two spellings of one key (杭州电池有限公司, 杭州电池股份有限公司) may be merged into different names:
    the last pair wins. A mapping's pairs are taken in code-point order of the spelling, not in the
    mapping's own order, which a project's aliases (a JSON field) do not keep on PostgreSQL (jsonb
    stores keys shortest first): the same aliases merge the same way on any database, as their
    cache key (``navigation.services.aliases_key``, sorted too) assumes."""
    pairs = sorted(aliases.items()) if isinstance(aliases, Mapping) else aliases
    return {name_key(a): name_key(b) for a, b in pairs if name_key(a) != name_key(b)}


def applicant_type(name: str) -> str:
    """enterprise | university | institute | individual | other, by the first rule that holds:
    a company form (公司, 厂, CO./LTD/INC…) → enterprise; 大学 → university;
    研究院/研究所/研究中心/科学院/实验室/设计院 → institute; 学院/学校 → university; two to four
    Han characters not ending in an organisation word (院, 所, 局, 会, 中心…), or a Latin
    "GIVEN FAMILY" name → individual; anything else (hospitals, agencies,
    associations) → other."""
    text = fold(name)
    if _ENTERPRISE.search(text):
        return "enterprise"
    if "大学" in text or "UNIVERSITY" in text:
        return "university"
    if _INSTITUTE.search(text):
        return "institute"
    if _UNIVERSITY.search(text):
        return "university"
    if (_HAN.match(text) and not _ORGANISATION.search(text)) or _LATIN_PERSON.match(text):
        return "individual"
    return "other"
