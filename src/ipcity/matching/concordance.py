"""The IPC ↔ industry concordance the office supplies (CNIPA's 《国际专利分类与国民经济行业分类参照关系表
（2018）》 or its own).

File: CSV or XLSX with the columns ``industry_code`` (GB/T 4754-2017, section letter optional),
``ipc_patterns`` (``;``-separated, the SEI table's pattern syntax: ``C03C17*`` main group 17 and
below, ``C03C*`` or ``C03C`` the whole subclass, ``C03C17/34`` that symbol) and optionally
``industry_name`` (Chinese headers 行业代码, IPC分类号, 行业名称 are read too). A four-digit class
also takes the rows of its three-digit group and two-digit division: a concordance written per
division still serves a need that names its class.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass, field
from pathlib import Path

from ipcity.analytics import readers, reference
from ipcity.analytics.sei import SeiTableError, normalise_symbol, pattern_key, symbol_keys
from ipcity.matching import table_file
from ipcity.matching.industries import UnknownIndustryCode, check_industry_code
from ipcity.notices import Notice, gettext_noop

KIND = "ipc_industry"
STORED_FILE = "concordance.json"
MAX_BYTES = 20 * 1024**2
_HEADERS = {
    "industry_code": ("industry_code", "行业代码", "国民经济行业代码", "代码"),
    "ipc_patterns": ("ipc_patterns", "ipc分类号", "ipc", "国际专利分类", "ipc分类"),
    "industry_name": ("industry_name", "行业名称", "类别名称", "名称"),
}


class ConcordanceError(ValueError):
    """A concordance file that cannot be read; the message lists the bad rows; nothing was stored."""


@dataclass(frozen=True)
class Concordance:
    rows: dict[str, tuple[str, ...]]  # industry digits ("3041", "304", "30") → patterns
    names: dict[str, str] = field(default_factory=dict)
    version: str = ""

    def ipc_patterns_for(self, industry_code: str) -> list[str]:
        """The patterns of a code, its group's and its division's (most specific first, no repeats)."""
        digits = check_industry_code(industry_code).code
        found: list[str] = []
        for prefix in (digits, digits[:3], digits[:2]):
            for pattern in self.rows.get(prefix, ()):
                if pattern not in found:
                    found.append(pattern)
        return found


def ipc_matches(symbols: list[str], patterns: list[str]) -> list[str]:
    """The symbols (normalised) that fall under at least one pattern."""
    keys = [pattern_key(p) for p in patterns]
    hits = []
    for symbol in symbols:
        ancestors = symbol_keys(symbol)
        if any(ancestors.get(level) == key for level, key in keys):
            hits.append(normalise_symbol(symbol))
    return hits


def read_concordance(path: str | Path) -> Concordance:
    """Read and check a concordance file (nothing stored); every bad row is named."""
    try:
        rows = table_file.read_rows(path, max_bytes=MAX_BYTES)
    except readers.InputError as exc:
        raise ConcordanceError(str(exc)) from None
    return parse_concordance_rows(rows)


def parse_concordance_rows(rows: list[table_file.Row]) -> Concordance:
    """The file's non-empty rows (header first) → the concordance, or every bad row named."""
    rows = table_file.from_header(rows, lambda cells: None not in (
        (found := table_file.columns_of(cells, _HEADERS))["industry_code"], found["ipc_patterns"]))
    if len(rows) < 2:
        raise ConcordanceError(Notice(gettext_noop("参照关系表没有数据行")))
    columns = table_file.columns_of(rows[0][1], _HEADERS)
    if columns["industry_code"] is None or columns["ipc_patterns"] is None:
        raise ConcordanceError(Notice(gettext_noop("参照关系表需要 industry_code（行业代码）和 ipc_patterns（IPC分类号）两列")))

    def parse(_line: int, cells: list[object]) -> tuple[str, list[str], str]:
        try:
            code = check_industry_code(table_file.cell(cells, columns["industry_code"])).code
        except UnknownIndustryCode as exc:
            raise table_file.BadRow(exc.notice) from None
        patterns = [normalise_symbol(p) for p in
                    table_file.cell(cells, columns["ipc_patterns"]).replace("；", ";").split(";") if p.strip()]
        if not code or not patterns:
            raise table_file.BadRow(Notice(gettext_noop("缺少行业代码或 IPC 分类号")))
        try:
            for pattern in patterns:
                pattern_key(pattern)
        except SeiTableError as exc:
            raise table_file.BadRow(str(exc)) from None
        return code, patterns, table_file.cell(cells, columns["industry_name"])

    parsed, problems = table_file.check_rows(rows[1:], parse)
    if problems:
        raise ConcordanceError(table_file.summary(problems, total="（共 {n} 行有误）"))
    table: dict[str, list[str]] = {}
    names: dict[str, str] = {}
    for code, patterns, name in parsed:
        bucket = table.setdefault(code, [])
        bucket.extend(p for p in patterns if p not in bucket)
        if name:
            names[code] = name
    return Concordance(rows={code: tuple(p) for code, p in table.items()}, names=names)


def load_concordance(path: str | Path, data_dir: str | Path | None = None) -> str:
    """Check a concordance file and keep it as the current version; returns the version id."""
    concordance = read_concordance(path)
    payload = {"rows": {code: list(p) for code, p in concordance.rows.items()}, "names": concordance.names}

    def write(target: Path) -> None:
        (target / STORED_FILE).write_text(json.dumps(payload, ensure_ascii=False, indent=1), encoding="utf-8")

    meta = {"source": Path(path).name, "industries": len(concordance.rows),
            "patterns": sum(len(p) for p in concordance.rows.values())}
    return reference._store(KIND, Path(path).read_bytes(), meta, write, data_dir)


def current_concordance(data_dir: str | Path | None = None) -> Concordance | None:
    """The office's current concordance, or None when none was loaded."""
    version = reference.current_version(KIND, data_dir)
    if version is None:
        return None
    path = reference.reference_dir(KIND, data_dir) / version / STORED_FILE
    return _stored(str(path), version)


@functools.lru_cache(maxsize=4)
def _stored(path: str, version: str) -> Concordance:
    payload = json.loads(Path(path).read_text(encoding="utf-8"))
    return Concordance(rows={code: tuple(p) for code, p in payload["rows"].items()},
                       names=payload.get("names", {}), version=version)

