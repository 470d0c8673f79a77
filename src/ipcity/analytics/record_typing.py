"""Typing record rows in DuckDB (record_import's step 2, for the formats declared by their
headers alone): one query parses every date in bulk, maps enum words through the format's word
tables, checks classes and amounts, and gives each bad row the reason of the first check it
fails. Also the SQL quoting helpers the other steps share.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ipcity.analytics import (
    record_kinds,
    record_registry,
)
from ipcity.analytics.record_kinds import Party
from ipcity.analytics.record_registry import RecordFormat

# The date shapes of the exports: ISO, slashes, dots, 8 digits, Chinese (年月日; 1- or 2-digit parts).
DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%Y%m%d", "%Y年%m月%d日", "%Y年%m月%d")
DATE_IN_TEXT = r"\d{4}\s*[年./-]\s*\d{1,2}\s*[月./-]\s*\d{1,2}\s*日?|\d{8}"
EMPTY_WORDS = ("", "-", "--", "—", "无", "null", "none", "nan", "n/a", "na")




def quote_name(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def sql_literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def sql_path(path: Path) -> str:
    return str(path).replace("'", "''")


class _Columns:
    """SQL for one format's fields: text, dates, words, with a reason for each failing check."""

    def __init__(self, fmt: RecordFormat, mapping: dict[str, int], header: Sequence[object]) -> None:
        self.fmt = fmt
        self.mapping = mapping
        self.header = header
        self.checks: list[tuple[str, str]] = []  # (condition of failure, reason SQL), in order
        # values computed once per row in an inner query (a date parsed, a word mapped), by alias
        self.layer: dict[str, str] = {}

    def derived(self, alias: str, expr: str) -> str:
        """``expr`` computed once per row (in the inner query); returns its column reference."""
        self.layer.setdefault(alias, expr)
        return quote_name(alias)

    def label(self, fld: str) -> str:
        return str(self.header[self.mapping[fld]]) if fld in self.mapping else fld

    def text(self, fld: str) -> str:
        if fld in self.mapping:
            column = quote_name(fld)
            if fld in self.fmt.constants:
                return f"coalesce({column}, {sql_literal(self.fmt.constants[fld])})"
            return column
        if fld in self.fmt.constants:
            return sql_literal(self.fmt.constants[fld])
        return "NULL::VARCHAR"

    def present(self, fld: str) -> bool:
        return fld in self.mapping or fld in self.fmt.constants

    def date(self, fld: str, text: str | None = None, alias: str | None = None) -> str:
        if not self.present(fld):
            return "NULL::DATE"
        text = text or self.text(fld)
        formats = ", ".join(sql_literal(f) for f in DATE_FORMATS)
        # '2013-05-21 00:00:00' (a timestamp cell) → its date part
        cleaned = f"CASE WHEN contains({text}, ':') THEN split_part(replace({text}, 'T', ' '), ' ', 1) ELSE {text} END"
        return self.derived(alias or f"_d_{fld}", f"try_strptime({cleaned}, [{formats}])::DATE")

    def check_date(self, fld: str) -> None:
        if self.present(fld):
            self.checks.append((f"{self.text(fld)} IS NOT NULL AND {self.date(fld)} IS NULL",
                                f"{sql_literal('unreadable date in ' + self.label(fld) + ': ')} || {self.text(fld)}"))

    def word(self, fld: str) -> str:
        table = record_registry.words(self.fmt, fld)
        key = f"lower(replace({self.text(fld)}, ' ', ''))"
        if not table or not self.present(fld):
            return self.text(fld)
        cases = " ".join(f"WHEN {sql_literal(k)} THEN {sql_literal(v)}" for k, v in table.items())
        return self.derived(f"_w_{fld}", f"(CASE {key} {cases} END)")

    def check_word(self, fld: str) -> None:
        if self.present(fld) and record_registry.words(self.fmt, fld):
            known = sorted(set(record_registry.words(self.fmt, fld).values()))
            self.checks.append((f"{self.text(fld)} IS NOT NULL AND {self.word(fld)} IS NULL",
                                f"{sql_literal('unknown word in ' + self.label(fld) + ' (known: ' + ', '.join(known) + '): ')}"
                                f" || {self.text(fld)}"))

    def require(self, fld: str, expr: str) -> None:
        self.checks.append((f"{expr} IS NULL", sql_literal(f"{self.label(fld)} is empty")))

    def reason(self) -> str:
        if not self.checks:
            return "NULL::VARCHAR"
        return "CASE " + " ".join(f"WHEN {cond} THEN {reason}" for cond, reason in self.checks) + " END"


def _list_text(expr: str) -> str:
    """'|'-separated, whatever the export used between names (; ； |)."""
    return f"nullif(regexp_replace({expr}, '\\s*[;；|]\\s*', '|', 'g'), '')"


def _party_columns(c: _Columns, party: Party, multi: bool) -> dict[str, str]:
    name = _list_text(c.text(party.name)) if multi else c.text(party.name)
    return {party.name: name, party.country: c.text(party.country), party.address: c.text(party.address),
            party.region_code: c.text(party.region_code)}


def typed_sql(fmt: RecordFormat, mapping: dict[str, int], header: Sequence[object], source: str) -> str:
    """The query turning the raw text columns of ``source`` into the kind's canonical columns,
    ``_line`` and ``_reason`` (null for a good row)."""
    c = _Columns(fmt, mapping, header)
    kind = fmt.kind
    out: dict[str, str] = {}
    for column in record_kinds.KEYS[kind]:
        if column != "nice_class":
            c.require(column, c.text(column))
    if kind == "trademark":
        terms = f"regexp_extract_all({c.text('term')}, {sql_literal(DATE_IN_TEXT)})" if c.present("term") else None
        term_start = c.date("term", f"{terms}[1]", alias="_d_term_start") if terms else "NULL::DATE"
        term_end = c.date("term", f"{terms}[2]", alias="_d_term_end") if terms else "NULL::DATE"
        nice = c.derived("_nice", f"try_cast(regexp_extract({c.text('nice_class')}, '(\\d+)', 1) AS INTEGER)")
        c.checks.append((f"{nice} IS NULL OR {nice} NOT BETWEEN 1 AND 45",
                         f"{sql_literal('not a Nice class 1–45 in ' + c.label('nice_class') + ': ')} || "
                         f"coalesce({c.text('nice_class')}, '(empty)')"))
        for fld in ("app_date", "reg_date", "expiry_date", "lapse_date", "intl_reg_date"):
            c.check_date(fld)
        if terms:
            c.checks.append((f"{c.text('term')} IS NOT NULL AND ({term_start} IS NULL OR {term_end} IS NULL)",
                             f"{sql_literal('unreadable term in ' + c.label('term') + ': ')} || {c.text('term')}"))
        for fld in ("mark_type", "status", "office", "gi", "madrid"):
            c.check_word(fld)
        mark_words = c.text("mark_type")
        gi_word = f"CASE {c.word('gi')} WHEN 'true' THEN true WHEN 'false' THEN false END"
        madrid_word = f"CASE {c.word('madrid')} WHEN 'true' THEN true WHEN 'false' THEN false END"
        madrid = f"coalesce({madrid_word}, {c.date('intl_reg_date')} IS NOT NULL, {c.word('office')} = 'WIPO', false)"
        app = f"CASE WHEN {madrid} AND {c.date('intl_reg_date')} IS NOT NULL THEN {c.date('intl_reg_date')} ELSE {c.date('app_date')} END"
        reg = f"coalesce({c.date('reg_date')}, {term_start})"
        lapse = c.date("lapse_date")
        c.require("app_date", app)
        out.update({
            "reg_number": f"upper(replace({c.text('reg_number')}, ' ', ''))",
            "nice_class": f"{nice}::SMALLINT",
            "mark_type": f"coalesce({c.word('mark_type')}, 'ordinary')",
            "gi": f"coalesce({gi_word}, {mark_words} LIKE '%地理标志%', false)",
            "madrid": madrid,
            "office": f"coalesce({c.word('office')}, 'CN')",
            "app_date": app,
            "reg_date": reg,
            "expiry_date": f"coalesce({c.date('expiry_date')}, {term_end})",
            "lapse_date": lapse,
            "status": (f"coalesce({c.word('status')}, CASE WHEN {lapse} IS NOT NULL THEN 'invalid' "
                       f"WHEN {reg} IS NOT NULL THEN 'registered' ELSE 'pending' END)"),
        })
        out.update(_party_columns(c, record_kinds.PARTIES[kind][0], multi=True))
    elif kind == "pledge":
        scale = fmt.scale.get("amount") or (10_000.0 if "万" in c.label("amount") else 1.0)
        amount_text = f"replace(replace({c.text('amount')}, ',', ''), '，', '')"
        amount = c.derived("_amount", f"try_cast(regexp_replace({amount_text}, '[元万\\s]', '', 'g') AS DOUBLE)")
        c.check_word("right_kind")
        c.require("right_kind", c.word("right_kind"))
        for fld in ("reg_date", "cancel_date"):
            c.check_date(fld)
        c.require("reg_date", c.date("reg_date"))
        c.checks.append((f"{c.text('amount')} IS NOT NULL AND ({amount} IS NULL OR {amount} < 0)",
                         f"{sql_literal('not an amount in ' + c.label('amount') + ': ')} || {c.text('amount')}"))
        out.update({
            "pledge_id": f"trim({c.text('pledge_id')})",
            "right_kind": c.word("right_kind"),
            "rights": _list_text(c.text("rights")),
            "reg_date": c.date("reg_date"),
            "amount": f"{amount} * {scale}",
            "pledgee": c.text("pledgee"),
            "cancel_date": c.date("cancel_date"),
        })
        out.update(_party_columns(c, record_kinds.PARTIES[kind][0], multi=False))
    elif kind == "licence":
        for fld in ("record_type", "right_kind", "licence_type"):
            c.check_word(fld)
        c.require("record_type", c.word("record_type"))
        c.require("right_kind", c.word("right_kind"))
        c.check_date("date")
        c.require("date", c.date("date"))
        out.update({
            "record_id": f"trim({c.text('record_id')})",
            "record_type": c.word("record_type"),
            "right_kind": c.word("right_kind"),
            "rights": _list_text(c.text("rights")),
            "date": c.date("date"),
            "licence_type": c.word("licence_type"),
        })
        for party in record_kinds.PARTIES[kind]:
            out.update(_party_columns(c, party, multi=False))
    elif kind == "copyright":
        number = c.text("reg_number")
        by_number = (f"CASE WHEN {number} LIKE '%软著%' OR upper({number}) LIKE '%SR%' THEN 'software' "
                     f"WHEN {number} LIKE '%作登%' THEN 'work' END")
        c.check_word("work_type")
        work_type = f"coalesce({c.word('work_type')}, {by_number})"
        c.require("work_type", work_type)
        c.check_date("reg_date")
        c.require("reg_date", c.date("reg_date"))
        out.update({
            "reg_number": f"trim({number})",
            "work_type": work_type,
            "category": c.text("category"),
            "reg_date": c.date("reg_date"),
        })
        out.update(_party_columns(c, record_kinds.PARTIES[kind][0], multi=True))
    columns = [f"{out[col]} AS {quote_name(col)}" for col in record_kinds.COLUMNS[kind]]
    empties = ", ".join(sql_literal(w) for w in EMPTY_WORDS)
    # three layers: cells trimmed (an empty or placeholder cell is NULL); each date parsed and
    # each word mapped once; the canonical columns and the reason of the first failing check
    spaces = "' \t\r\n' || chr(12288) || chr(160)"  # ideographic and no-break spaces too
    trimmed = ", ".join(f"trim({quote_name(f)}, {spaces}) AS {quote_name(f)}" for f in mapping)
    cleaned = ", ".join(f"CASE WHEN lower({quote_name(f)}) IN ({empties}) THEN NULL ELSE {quote_name(f)} END AS {quote_name(f)}"
                        for f in mapping)
    layer = "".join(f", {expr} AS {quote_name(alias)}" for alias, expr in c.layer.items())
    return (f"SELECT {', '.join(columns)}, _line, {c.reason()} AS _reason FROM ("
            f"SELECT *{layer} FROM (SELECT {cleaned}, _line FROM (SELECT {trimmed}, _line FROM {source})))")
