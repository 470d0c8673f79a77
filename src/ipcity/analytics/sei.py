"""The SEI concordance (战略性新兴产业分类与国际专利分类参照关系表) and its matching rules.

The office supplies the table as a file (CSV or JSON in the format of
``shared/data/sei_ipc_2021/``); nothing is bundled. Pattern semantics follow
``shared/spec/ip-indicators.md`` to the letter:

- symbols are compared without spaces and in upper case (``G06F 16/36`` = ``G06F16/36``);
- a pattern ending in ``*`` covers everything below it: ``G16*`` a class, ``B41J*`` a subclass,
  ``G06F11*`` main group 11 of G06F and its subgroups (not main group 110);
- a pattern with neither ``*`` nor ``/`` reads the same (``H03M13``, ``G16H``);
- a pattern with ``/`` and no ``*`` covers that exact symbol only.

So every pattern names one node of the IPC tree at a known level (class, subclass, main group
or exact symbol). Instead of a regular expression per row, the patterns are expanded into a
lookup table keyed by that node (:func:`lookup_frame`), and a symbol is matched by joining its
four ancestors (:func:`symbol_keys`) against the table in the engine.
"""

from __future__ import annotations

import csv
import hashlib
import json
import re
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

# A symbol or pattern after normalisation: section+class (G06), subclass letter, main group
# digits, optional /subgroup. Leading zeros of the main group are kept as written.
_SYMBOL = re.compile(r"^([A-H]\d\d)([A-Z])?(\d+)?(?:/(\d+))?$")
# Keywords of a row are phrases; a phrase is split into terms at these separators (spec).
_TERM_SEPARATORS = re.compile(r"[、；;，,]")
LEVELS = ("class", "subclass", "main_group", "symbol")
MODES = ("ipc_only", "ipc_and_keyword")


class SeiTableError(ValueError):
    """The concordance file cannot be read; the message says where and why."""


def normalise_symbol(symbol: str) -> str:
    """``G06F 16/36`` → ``G06F16/36``: spaces removed, upper case."""
    return re.sub(r"\s+", "", symbol).upper()


def pattern_key(pattern: str) -> tuple[str, str]:
    """The (level, key) of the IPC node a pattern covers.

    >>> pattern_key("G06F11*"), pattern_key("G16H"), pattern_key("G06F9/44")
    (('main_group', 'G06F11'), ('subclass', 'G16H'), ('symbol', 'G06F9/44'))
    """
    text = normalise_symbol(pattern)
    starred = text.endswith("*")
    body = text[:-1] if starred else text
    match = _SYMBOL.match(body)
    if not match:
        raise SeiTableError(f"not an IPC pattern: {pattern!r}")
    klass, subclass, group, subgroup = match.groups()
    if subgroup is not None:
        if starred:
            # "G06F3/01*" would need the IPC scheme's dot hierarchy; the 2021 table has none.
            raise SeiTableError(f"a pattern below a main group with '*' is not supported: {pattern!r}")
        return "symbol", body
    if group is not None:
        if subclass is None:
            raise SeiTableError(f"not an IPC pattern: {pattern!r}")
        return "main_group", body
    if subclass is not None:
        return "subclass", body
    return "class", body


def symbol_keys(symbol: str) -> dict[str, str | None]:
    """The four ancestors of a normalised symbol, one per level (None where it has none).

    This is the reference for the engine's expression in ``indicators.py``.
    """
    text = normalise_symbol(symbol)
    main = text.split("/", 1)[0]
    return {
        "class": text[:3] if len(text) >= 3 else None,
        "subclass": text[:4] if len(text) >= 4 else None,
        "main_group": main if len(main) > 4 else None,
        "symbol": text if "/" in text else None,
    }


def split_keywords(phrases: list[str]) -> list[str]:
    """Keyword phrases → distinct non-empty terms, in order."""
    terms: list[str] = []
    for phrase in phrases:
        for term in _TERM_SEPARATORS.split(phrase):
            term = term.strip()
            if term and term not in terms:
                terms.append(term)
    return terms


@dataclass(frozen=True)
class SeiRule:
    rule_id: int  # position in the file, 0-based; stable for a given file
    sei_code: str
    sei_name: str
    rule_no: int
    patterns: tuple[str, ...]
    exclusions: tuple[str, ...]
    keywords: tuple[str, ...]  # terms, already split


@dataclass(frozen=True)
class SeiTable:
    path: str
    sha256: str
    rules: tuple[SeiRule, ...] = field(repr=False)

    @property
    def version(self) -> str:
        """What is shown beside a figure: the file's name and the start of its hash."""
        return f"{Path(self.path).stem}@{self.sha256[:12]}"

    @property
    def pattern_count(self) -> int:
        return sum(len(rule.patterns) for rule in self.rules)

    def lookup_frame(self) -> pd.DataFrame:
        """One row per (rule, pattern or exclusion): level, key, rule_id, is_exclusion."""
        rows = []
        for rule in self.rules:
            for patterns, excluded in ((rule.patterns, False), (rule.exclusions, True)):
                for pattern in patterns:
                    level, key = pattern_key(pattern)
                    rows.append((level, key, rule.rule_id, excluded))
        frame = pd.DataFrame(rows, columns=["level", "key", "rule_id", "is_exclusion"])
        frame["rule_id"] = frame["rule_id"].astype("int64")
        return frame.drop_duplicates(ignore_index=True)

    def keyword_frame(self) -> pd.DataFrame:
        """One row per (rule, keyword term), for the ``ipc_and_keyword`` mode."""
        rows = [(rule.rule_id, term) for rule in self.rules for term in rule.keywords]
        frame = pd.DataFrame(rows, columns=["rule_id", "term"])
        frame["rule_id"] = frame["rule_id"].astype("int64")
        return frame

    def rules_frame(self) -> pd.DataFrame:
        """rule_id, sei_code, sei_name, rule_no, has_keywords."""
        return pd.DataFrame(
            [(r.rule_id, r.sei_code, r.sei_name, r.rule_no, bool(r.keywords)) for r in self.rules],
            columns=["rule_id", "sei_code", "sei_name", "rule_no", "has_keywords"],
        )

    def matching_rules(self, symbol: str, text: str | None = None, mode: str = "ipc_only") -> list[int]:
        """The rules one symbol satisfies: a plain-Python reference used by tests and ``explain``."""
        keys = symbol_keys(symbol)
        hits = []
        for rule in self.rules:
            def covered(patterns: tuple[str, ...]) -> bool:
                return any(keys[level] == key for level, key in map(pattern_key, patterns))

            if not covered(rule.patterns) or covered(rule.exclusions):
                continue
            if mode == "ipc_and_keyword" and rule.keywords:
                if not text or not any(term in text for term in rule.keywords):
                    continue
            hits.append(rule.rule_id)
        return hits


def _split_list(value: str | list | None, sep: str) -> list[str]:
    if value is None:
        return []
    items = value if isinstance(value, list) else str(value).split(sep)
    return [str(item).strip() for item in items if str(item).strip()]


def _rule_from_record(rule_id: int, record: dict, where: str) -> SeiRule:
    try:
        patterns = tuple(normalise_symbol(p) for p in _split_list(record["ipc_patterns"], ";"))
        exclusions = tuple(normalise_symbol(p) for p in _split_list(record.get("ipc_exclusions"), ";"))
        rule = SeiRule(
            rule_id=rule_id,
            sei_code=str(record["sei_code"]).strip(),
            sei_name=str(record.get("sei_name") or "").strip(),
            rule_no=int(record.get("rule_no") or rule_id + 1),
            patterns=patterns,
            exclusions=exclusions,
            keywords=tuple(split_keywords(_split_list(record.get("keywords"), "|"))),
        )
        for pattern in patterns + exclusions:
            pattern_key(pattern)  # validates
    except KeyError as exc:
        raise SeiTableError(f"{where}: missing column {exc.args[0]!r}") from exc
    except (SeiTableError, ValueError) as exc:
        raise SeiTableError(f"{where}: {exc}") from exc
    if not patterns:
        raise SeiTableError(f"{where}: a rule without IPC patterns")
    return rule


def load_sei_table(path: str | Path) -> SeiTable:
    """Read the concordance from a CSV or JSON file in the documented format."""
    path = Path(path)
    if not path.is_file():
        raise SeiTableError(f"SEI concordance file not found: {path}")
    raw = path.read_bytes()
    digest = hashlib.sha256(raw).hexdigest()
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise SeiTableError(f"{path}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
    if path.suffix.lower() == ".json":
        try:
            records = json.loads(text)
        except json.JSONDecodeError as exc:
            raise SeiTableError(f"{path}: not valid JSON ({exc})") from exc
        if not isinstance(records, list):
            raise SeiTableError(f"{path}: expected a JSON list of rules")
        rules = [_rule_from_record(i, rec, f"{path} rule {i + 1}") for i, rec in enumerate(records)]
    else:
        reader = csv.DictReader(text.splitlines())
        rules = [_rule_from_record(i, rec, f"{path} line {i + 2}") for i, rec in enumerate(reader)]
    if not rules:
        raise SeiTableError(f"{path}: no rules")
    return SeiTable(path=str(path), sha256=digest, rules=tuple(rules))
