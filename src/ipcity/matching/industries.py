"""GB/T 4754-2017 国民经济行业分类: the codes a need names its industry with.

The package ships the 20 sections (门类 A–T) and the 97 divisions (大类, two digits), written from the
standard (``data/gbt4754_2017_divisions.csv``). The office may load the full official table (groups
and classes, three and four digits) as versioned reference data (``load_industry_table``;
``ipcity match reference industries FILE``); once loaded, a three- or four-digit code must be in it.
Without it, such a code is checked down to its division only: ``3041`` passes because division 30
exists (documented in docs/matching.md), ``9899`` fails because there is no division 98.
"""

from __future__ import annotations

import csv
import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path

from ipcity.analytics import readers, reference
from ipcity.matching import table_file
from ipcity.notices import Notice, gettext_noop

KIND = "gbt4754"
MAX_BYTES = 20 * 1024**2
TABLE_FILE = "industries.json"  # the checked table, code → name (the upload is kept beside it)
_PACKAGE_TABLE = Path(__file__).with_name("data") / "gbt4754_2017_divisions.csv"
_CODE = re.compile(r"^([A-T])?(\d{2,4})$")
_SECTION = re.compile(r"^[A-T]$")
_CODE_HEADERS = ("代码", "行业代码", "类别代码", "code", "industry_code")
_NAME_HEADERS = ("类别名称", "名称", "行业名称", "name", "industry_name")


class UnknownIndustryCode(ValueError):
    """A code that is not in GB/T 4754-2017 (as far as the tables known here tell)."""

    def __init__(self, code: str) -> None:
        self.code = code
        # The message the pages word again in their language (``str(exc)`` is its Chinese text).
        self.notice = Notice(gettext_noop("未知的行业代码：%(code)s（GB/T 4754-2017）"), code=code)
        super().__init__(self.notice)


class IndustryTableError(ValueError):
    """An industry table file that cannot be loaded; nothing was stored."""


@dataclass(frozen=True)
class IndustryCode:
    code: str  # digits only: "3041", "30" (a section alone has no digits: "")
    section: str  # "C"
    division: str  # "30"
    name: str  # the most specific name known


@functools.cache
def package_table() -> dict[str, str]:
    """Sections (letters) and divisions (two digits) → names, as shipped."""
    with _PACKAGE_TABLE.open(encoding="utf-8") as handle:
        return {row["code"]: row["name"] for row in csv.DictReader(handle)}


@functools.cache
def _section_of_division() -> dict[str, str]:
    mapping: dict[str, str] = {}
    section = ""
    for code in package_table():
        if _SECTION.match(code):
            section = code
        else:
            mapping[code] = section
    return mapping


def loaded_table(data_dir: str | Path | None = None) -> dict[str, str] | None:
    """The office's full table (code → name), or None when none was loaded."""
    version = reference.current_version(KIND, data_dir)
    if version is None:
        return None
    path = reference.reference_dir(KIND, data_dir) / version / TABLE_FILE
    return _read_stored(str(path), path.stat().st_mtime)


@functools.lru_cache(maxsize=4)
def _read_stored(path: str, _mtime: float) -> dict[str, str]:
    return dict(json.loads(Path(path).read_text(encoding="utf-8")))


def check_industry_code(code: str, data_dir: str | Path | None = None) -> IndustryCode:
    """``C3041``/``3041``/``30``/``C`` → an IndustryCode; anything unknown raises UnknownIndustryCode."""
    text = re.sub(r"\s+", "", str(code or "")).upper()
    divisions = _section_of_division()
    if _SECTION.match(text):
        return IndustryCode(code="", section=text, division="", name=package_table()[text])
    match = _CODE.match(text)
    if not match:
        raise UnknownIndustryCode(str(code))
    letter, digits = match.groups()
    division = digits[:2]
    if division not in divisions or (letter and divisions[division] != letter):
        raise UnknownIndustryCode(str(code))
    name = package_table()[division]
    if len(digits) > 2:
        full = loaded_table(data_dir)
        if full is not None:
            if digits not in full:
                raise UnknownIndustryCode(str(code))
            name = full[digits]
    return IndustryCode(code=digits, section=divisions[division], division=division, name=name)


def parse_industry_rows(rows: list[table_file.Row]) -> dict[str, str]:
    """The non-empty rows (header first) of an official table (code and name columns) → code → name;
    every bad row fails the file."""
    headers = {"code": _CODE_HEADERS, "name": _NAME_HEADERS}
    rows = table_file.from_header(rows, lambda cells: None not in table_file.columns_of(cells, headers).values())
    if len(rows) < 2:
        raise IndustryTableError(Notice(gettext_noop("行业分类表没有数据行")))
    columns = table_file.columns_of(rows[0][1], headers)
    if columns["code"] is None or columns["name"] is None:
        raise IndustryTableError(Notice(gettext_noop("行业分类表需要“代码”和“类别名称”两列")))

    def parse(_line: int, cells: list[object]) -> tuple[str, str]:
        raw, name = table_file.cell(cells, columns["code"]).upper(), table_file.cell(cells, columns["name"])
        raw = raw[:-2] if raw.endswith(".0") else raw
        match = _CODE.match(raw)
        if _SECTION.match(raw):
            return raw, name
        if match and match.group(2)[:2] in _section_of_division() and len(match.group(2)) in (2, 3, 4) and name:
            return match.group(2), name
        raise table_file.BadRow(Notice(gettext_noop("无法识别的行业代码 %(code)s"),
                                       code=raw or Notice(gettext_noop("（空）"))))

    parsed, problems = table_file.check_rows(rows[1:], parse)
    if problems:
        raise IndustryTableError(table_file.summary(problems, total="（共 {n} 行）"))
    table = dict(parsed)
    if not any(len(code) == 4 for code in table):
        raise IndustryTableError(Notice(gettext_noop("行业分类表中没有四位的小类代码")))
    return table


def load_industry_table(path: str | Path, data_dir: str | Path | None = None) -> str:
    """Check the office's full GB/T 4754-2017 table and keep it as the current version; its id."""
    try:
        rows = table_file.read_rows(path, max_bytes=MAX_BYTES)
    except readers.InputError as exc:
        raise IndustryTableError(str(exc)) from None
    table = parse_industry_rows(rows)

    def write(target: Path) -> None:
        (target / TABLE_FILE).write_text(json.dumps(dict(sorted(table.items())), ensure_ascii=False, indent=0),
                                         encoding="utf-8")

    meta = {"source": Path(path).name, "codes": len(table),
            "classes": sum(1 for code in table if len(code) == 4)}
    return reference._store(KIND, Path(path).read_bytes(), meta, write, data_dir)
