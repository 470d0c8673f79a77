"""The GB/T 2260 region table as versioned reference data the project owns.

An *edition* is one CSV file ``gbt2260-<edition>.csv`` (columns ``code,name``; ``#`` lines at
the top record the edition and where the table came from). Editions are found in two places:

- the package's ``ipcity/divisions/data/`` (the edition the project ships, see its README.md);
- ``$IPCITY_DATA_DIR/reference/gbt2260/``, where ``ipcity regions load FILE --edition YEAR``
  puts a newer one (GB/T 2260 changes every year). A file there wins over a packaged file
  of the same edition.

The table in use is the newest edition, or the one ``IPCITY_GBT2260_EDITION`` names.
Placeholder rows of the standard (``市辖区`` under a municipality, ``县`` under 重庆市…) are
kept: a patent record may carry their codes. ``Division.placeholder`` marks them, and
``Division.parent_code`` skips them (a district of 重庆市 hangs under 500000, not 500100).
"""

from __future__ import annotations

import csv
import functools
import io
import os
import re
from dataclasses import dataclass
from pathlib import Path

from ipcity.divisions.codes import DivisionCodeError, level, normalise_code, parents

PACKAGE_DATA = Path(__file__).resolve().parent / "data"
EDITION_ENV = "IPCITY_GBT2260_EDITION"
FILE_PREFIX = "gbt2260-"
_EDITION = re.compile(r"^[0-9A-Za-z][0-9A-Za-z._-]{0,31}$")
# Rows of the standard that group counties and districts but are no region of their own.
PLACEHOLDER_NAMES = frozenset({"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"})
# Administrative suffixes a name may be written without (铜陵 for 铜陵市).
_SUFFIX = re.compile(r"(省|市|自治区|特别行政区|地区|自治州|盟)$")
_SPACE = re.compile(r"\s+")
_NOT_A_NAME = re.compile(r'[,"]|^[=+\-@]')
_CODE_HEADERS = ("code", "adcode", "代码", "区划代码", "行政区划代码")
_NAME_HEADERS = ("name", "名称", "区划名称", "行政区划名称", "单位名称")


class DivisionTableError(ValueError):
    """A region table that cannot be read or loaded; nothing was changed."""


@dataclass(frozen=True)
class Division:
    code: str
    name: str
    level: str
    parent_code: str | None  # the nearest ancestor that is not a placeholder row
    placeholder: bool


@dataclass(frozen=True)
class Edition:
    edition: str
    path: Path
    packaged: bool

    def header(self) -> dict[str, str]:
        """The ``# key: value`` lines at the top of the file (edition, source, generated_by)."""
        found: dict[str, str] = {}
        with self.path.open(encoding="utf-8") as handle:
            for line in handle:
                if not line.startswith("#"):
                    break
                key, _, value = line[1:].partition(":")
                if value:
                    found[key.strip()] = value.strip()
        return found


def data_dir_editions() -> Path:
    """``$IPCITY_DATA_DIR/reference/gbt2260`` (the data directory defaults to ``./var``)."""
    return Path(os.environ.get("IPCITY_DATA_DIR", "var")) / "reference" / "gbt2260"


def _edition_key(edition: str) -> tuple:
    # Numeric parts compare as numbers: 2025 > 2016, 2025.2 > 2025.
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p) for p in re.split(r"[._-]", edition))


def editions() -> list[Edition]:
    """Every edition found, oldest first; a data-directory file replaces a packaged one."""
    found: dict[str, Edition] = {}
    for folder, packaged in ((PACKAGE_DATA, True), (data_dir_editions(), False)):
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"{FILE_PREFIX}*.csv")):
            edition = path.stem[len(FILE_PREFIX):]
            found[edition] = Edition(edition, path, packaged)
    return sorted(found.values(), key=lambda e: _edition_key(e.edition))


def current_edition() -> Edition:
    """The edition in use: ``IPCITY_GBT2260_EDITION`` if set, else the newest."""
    available = editions()
    if not available:
        raise DivisionTableError("no GB/T 2260 region table found (ipcity/divisions/data is missing)")
    wanted = os.environ.get(EDITION_ENV, "").strip()
    if not wanted:
        return available[-1]
    for edition in available:
        if edition.edition == wanted:
            return edition
    raise DivisionTableError(f"{EDITION_ENV}={wanted}: no such edition "
                             f"(found: {', '.join(e.edition for e in available)})")


class DivisionTable:
    """One edition of the table: codes → divisions, and names → codes."""

    def __init__(self, edition: str, names: dict[str, str]) -> None:
        self.edition = edition
        self.divisions: dict[str, Division] = {}
        for code in sorted(names):
            name = names[code]
            ancestors = [c for c in parents(code)[1:] if c in names and names[c] not in PLACEHOLDER_NAMES]
            self.divisions[code] = Division(code, name, level(code), ancestors[0] if ancestors else None,
                                            name in PLACEHOLDER_NAMES)

    def get(self, code: str) -> Division | None:
        return self.divisions.get(code)

    def name_of(self, code: str) -> str | None:
        """The name as the table writes it (``440300`` → 深圳市; ``110100`` → 市辖区)."""
        division = self.divisions.get(code)
        return division.name if division else None

    def display_name(self, code: str) -> str:
        """A name for people: a municipality's 市辖区 takes its province's name (110100 → 北京市),
        another grouping row is qualified by it (重庆市县); "" for an unknown code."""
        division = self.divisions.get(code)
        if division is None:
            return ""
        if division.placeholder and division.level == "city":
            province = self.divisions.get(code[:2] + "0000")
            if province is None:
                return division.name
            return province.name if division.name == "市辖区" else f"{province.name}{division.name}"
        return division.name

    def codes_of_level(self, level_name: str) -> list[str]:
        """Every code of that level, placeholder rows included (110100 is Beijing's city code)."""
        return sorted(code for code, d in self.divisions.items() if d.level == level_name)

    @functools.cached_property
    def _name_index(self) -> dict[str, list[str]]:
        """Every way of writing a region (bare, suffix-less, parent-qualified) → codes."""
        index: dict[str, list[str]] = {}

        def add(key: str, code: str) -> None:
            codes = index.setdefault(key, [])
            if code not in codes:
                codes.append(code)

        for code, division in self.divisions.items():
            if division.placeholder:
                continue
            chain = [division]
            while chain[-1].parent_code and chain[-1].parent_code in self.divisions:
                chain.append(self.divisions[chain[-1].parent_code])
            for depth in range(1, len(chain) + 1):
                written = [d.name for d in reversed(chain[:depth])]
                add("".join(written), code)
                add("".join(_SUFFIX.sub("", w) or w for w in written), code)
        return index

    def codes_for_name(self, name: str) -> list[str]:
        """Every code the name may stand for (several for 朝阳区, none for 示例市)."""
        key = _SPACE.sub("", name or "")
        if not key:
            return []
        index = self._name_index
        return list(index.get(key) or index.get(_SUFFIX.sub("", key) or key) or [])

    def code_for_name(self, name: str) -> str | None:
        """The code a name stands for, or None when unknown or ambiguous (朝阳区)."""
        codes = self.codes_for_name(name)
        if len(codes) == 1:
            return codes[0]
        # Prefer the higher level when a city and a county share a name (吉林 → 吉林省 over 吉林市).
        ranked = sorted(codes, key=lambda c: (-c.count("0"), c))
        if ranked and ranked[0].count("0") > ranked[1].count("0"):
            return ranked[0]
        return None


def read_rows(text: str) -> dict[str, str]:
    """code → name from CSV text: a header naming the code and name columns (code/adcode/代码,
    name/名称), codes of 6 or 12 digits; ``#`` lines at the top are comments."""
    lines = text.lstrip("\ufeff").splitlines()
    while lines and lines[0].startswith("#"):
        lines.pop(0)
    reader = csv.reader(io.StringIO("\n".join(lines)))
    header = [cell.strip().lower() for cell in next(reader, [])]
    code_col = next((i for i, h in enumerate(header) if h in _CODE_HEADERS), None)
    name_col = next((i for i, h in enumerate(header) if h in _NAME_HEADERS), None)
    if code_col is None or name_col is None:
        raise DivisionTableError("the first row must name a code column (code/adcode/代码) and a name column (name/名称)")
    names: dict[str, str] = {}
    for number, row in enumerate(reader, start=2):
        if not any(cell.strip() for cell in row):
            continue
        raw_code = row[code_col].strip() if code_col < len(row) else ""
        name = _SPACE.sub("", row[name_col]) if name_col < len(row) else ""
        code = normalise_code(raw_code) if len(raw_code) in (6, 12) else None
        if code is None or not name:
            raise DivisionTableError(f"row {number}: not a 6- or 12-digit code with a name: {','.join(row)!r}")
        if _NOT_A_NAME.search(name):
            raise DivisionTableError(f"row {number}: {name!r} is no region name (comma, quote or formula)")
        if names.get(code, name) != name:
            raise DivisionTableError(f"row {number}: code {code} has two names ({names[code]}, {name})")
        names[code] = name
    return names


def check_table(names: dict[str, str]) -> None:
    """A plausible national table: several provinces, and every code's province present."""
    provinces = [code for code in names if code.endswith("0000")]
    if len(provinces) < 30:
        raise DivisionTableError(f"only {len(provinces)} provinces: a GB/T 2260 table has 34")
    orphans = sorted(code for code in names if code[:2] + "0000" not in names)
    if orphans:
        raise DivisionTableError(f"codes without their province: {', '.join(orphans[:10])}")


def edition_text(names: dict[str, str], edition: str, source: str, generated_by: str) -> str:
    """The file of an edition: header lines, then ``code,name`` sorted by code."""
    # Plain lines, no quoting needed: read_rows refuses a name with a comma, a quote or a leading
    # formula character, so the file is safe to open in a spreadsheet as well.
    header = {"edition": edition, "source": source, "generated_by": generated_by}
    lines = [f"# {key}: {_SPACE.sub(' ', value).strip()}" for key, value in header.items()]
    lines += ["code,name", *(f"{code},{names[code]}" for code in sorted(names))]
    return "\n".join(lines) + "\n"


def check_edition_name(edition: str) -> str:
    edition = (edition or "").strip()
    if not _EDITION.match(edition):
        raise DivisionTableError(f"edition {edition!r}: letters, digits, '.', '-' or '_' (e.g. 2025)")
    return edition


def load_edition(path: str | Path, edition: str, *, source: str, replace: bool = False) -> Edition:
    """Check a region table file and store it as edition ``edition`` in the data directory
    (written to a temporary file, then renamed: never half a table)."""
    edition = check_edition_name(edition)
    try:
        text = Path(path).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise DivisionTableError(f"{path}: cannot read as UTF-8 text ({exc})") from None
    names = read_rows(text)
    check_table(names)
    folder = data_dir_editions()
    target = folder / f"{FILE_PREFIX}{edition}.csv"
    if target.exists() and not replace:
        raise DivisionTableError(f"edition {edition} is already loaded ({target}); use --replace")
    folder.mkdir(parents=True, exist_ok=True)
    temporary = target.with_suffix(".csv.tmp")
    temporary.write_text(edition_text(names, edition, source, "ipcity regions load"), encoding="utf-8")
    os.replace(temporary, target)
    clear_cache()
    return Edition(edition, target, False)


@functools.lru_cache(maxsize=4)
def _table_at(path: str, edition: str, mtime: float) -> DivisionTable:
    try:
        names = read_rows(Path(path).read_text(encoding="utf-8"))
    except DivisionCodeError as exc:  # pragma: no cover - a packaged file is checked by the tests
        raise DivisionTableError(f"{path}: {exc}") from None
    return DivisionTable(edition, names)


@functools.lru_cache(maxsize=8)
def _table_for(data_dir: str, wanted: str) -> DivisionTable:
    edition = current_edition()
    return _table_at(str(edition.path), edition.edition, edition.path.stat().st_mtime)


def table() -> DivisionTable:
    """The table in use (see the module's docstring); cached per data directory and edition."""
    return _table_for(os.environ.get("IPCITY_DATA_DIR", "var"), os.environ.get(EDITION_ENV, ""))


def clear_cache() -> None:
    """Forget the loaded tables (after a new edition is stored)."""
    _table_for.cache_clear()
    _table_at.cache_clear()


def table_of(edition: str) -> DivisionTable:
    """A given edition, whether or not it is the one in use."""
    for found in editions():
        if found.edition == edition:
            return _table_at(str(found.path), found.edition, found.path.stat().st_mtime)
    raise DivisionTableError(f"no GB/T 2260 edition {edition!r}")

