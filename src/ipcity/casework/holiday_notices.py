"""The office's own copy of a year's holiday notice (国务院办公厅关于XXXX年部分节假日安排的通知).

``chinese_calendar`` is released some weeks after the State Council publishes the next year's
arrangement (Oct–Nov); until then the office types the notice in and loads it
(the site admin's page 节假日安排, or ``ipcity cases calendar load FILE``). Three input shapes:

- CSV with a header ``date,kind``: one row a day, ``kind`` is ``holiday`` (放假) or ``workday``
  (调休上班, a weekend worked);
- JSON ``{"year": 2027, "holidays": [...], "workdays": [...], "source": "..."}``;
- the arrangement typed in holiday by holiday as the notice writes it (``parse_arrangement``).

All three become (day, kind, where) rows checked by ``notice_from_rows``; ``check_notice`` then
checks the year against the known ones (a preview runs both and writes nothing).

Checks (bad input changes nothing and names the line): one year per file, every date inside that
year, no date both holiday and workday, no duplicate row, a ``workday`` on a weekend, a year the
package already publishes only with ``replace``, and no gap (a year loads once the year before it
is known). The notice is stored as ``<dir>/<year>.json`` through a temporary file and a rename
(atomic: a reader sees the old file or the new one), then ``calendar.reload_notices()``.
"""

from __future__ import annotations

import contextlib
import csv
import datetime as dt
import io
import json
import os
import re
import tempfile
from collections.abc import Iterator
from pathlib import Path

from ipcity.casework import calendar


def default_notice_dir() -> Path:
    """``$IPCITY_DATA_DIR/reference/holidays`` (the data directory defaults to ``./var``)."""
    return Path(os.environ.get("IPCITY_DATA_DIR", "var")).resolve() / "reference" / "holidays"


class NoticeError(ValueError):
    """A notice file that cannot be loaded; the message names the line (Chinese)."""


def _day(text: object, where: str) -> dt.date:
    try:
        return dt.date.fromisoformat(str(text).strip())
    except ValueError:
        raise NoticeError(f"{where}：“{text}”不是有效日期（应为 YYYY-MM-DD）") from None


def parse_csv(text: str) -> tuple[list[tuple[dt.date, str, str]], str]:
    """(day, kind, where) rows of a ``date,kind`` CSV; ``where`` names the line."""
    reader = csv.reader(io.StringIO(text.lstrip("\ufeff")))
    rows: list[tuple[dt.date, str, str]] = []
    header_seen = False
    for number, cells in enumerate(reader, start=1):
        if not cells or all(not cell.strip() for cell in cells) or cells[0].lstrip().startswith("#"):
            continue
        where = f"第 {number} 行"
        if not header_seen:
            if [cell.strip().lower() for cell in cells[:2]] != ["date", "kind"]:
                raise NoticeError(f"{where}：表头应为 date,kind")
            header_seen = True
            continue
        if len(cells) != 2:
            raise NoticeError(f"{where}：应有 2 列（date,kind），实有 {len(cells)} 列")
        kind = cells[1].strip().lower()
        if kind not in ("holiday", "workday"):
            raise NoticeError(f"{where}：类别“{cells[1].strip()}”应为 holiday 或 workday")
        rows.append((_day(cells[0], where), kind, where))
    if not header_seen:
        raise NoticeError("文件为空：应有表头 date,kind 和每天一行")
    return rows, ""


def parse_json(text: str) -> tuple[int | None, list[tuple[dt.date, str, str]], str]:
    try:
        payload = json.loads(text)
    except json.JSONDecodeError as exc:
        raise NoticeError(f"第 {exc.lineno} 行：JSON 格式错误（{exc.msg}）") from None
    if not isinstance(payload, dict) or not {"year", "holidays", "workdays"} <= payload.keys():
        raise NoticeError("JSON 应为 {\"year\": …, \"holidays\": […], \"workdays\": […], \"source\": …}")
    year = payload["year"]
    if not isinstance(year, int) or isinstance(year, bool):
        raise NoticeError(f"year：“{year}”不是年份")
    rows: list[tuple[dt.date, str, str]] = []
    for key, kind in (("holidays", "holiday"), ("workdays", "workday")):
        if not isinstance(payload[key], list):
            raise NoticeError(f"{key}：应为日期列表")
        rows.extend((_day(text, f"{key}[{i}]"), kind, f"{key}[{i}]") for i, text in enumerate(payload[key]))
    return year, rows, str(payload.get("source", ""))


def parse_notice(text: str, *, filename: str = "") -> calendar.YearNotice:
    """The checked notice of one year, from CSV or JSON text (JSON when it starts with ``{``)."""
    declared: int | None = None
    if text.lstrip("\ufeff").lstrip().startswith("{"):
        declared, rows, source = parse_json(text)
    else:
        rows, source = parse_csv(text)
    return notice_from_rows(rows, source or filename, year=declared)


def notice_from_rows(rows: list[tuple[dt.date, str, str]], source: str = "", *,
                     year: int | None = None) -> calendar.YearNotice:
    """The checked notice from (day, kind, where) rows, whatever shape they were read from (a CSV,
    a JSON file, the notice typed in holiday by holiday): one year, no day twice, a ``workday``
    on a weekend. ``year`` None: the first row's."""
    if not rows:
        raise NoticeError("文件中没有日期")
    year = year if year is not None else rows[0][0].year
    kinds: dict[dt.date, tuple[str, str]] = {}
    for day, kind, where in rows:
        if day.year != year:
            raise NoticeError(f"{where}：{day.isoformat()} 不在 {year} 年内（一个文件只载入一年）")
        if day in kinds:
            other_kind, other_where = kinds[day]
            if other_kind != kind:
                raise NoticeError(f"{where}：{day.isoformat()} 既是放假日又是调休上班日（另见{other_where}）")
            raise NoticeError(f"{where}：{day.isoformat()} 重复（另见{other_where}）")
        if kind == "workday" and day.weekday() < 5:
            raise NoticeError(f"{where}：{day.isoformat()} 是工作日（周一至周五），无需列为调休上班日")
        kinds[day] = (kind, where)
    holidays = frozenset(day for day, (kind, _) in kinds.items() if kind == "holiday")
    workdays = frozenset(day for day, (kind, _) in kinds.items() if kind == "workday")
    return calendar.YearNotice(year, holidays, workdays, source)


# The notice as it is written: "春节：2月6日至13日放假调休，共8天。2月20日（星期六）上班。"
# A year's notice is a few dozen lines; the page and the command refuse a larger file before reading it.
MAX_NOTICE_BYTES = 256 * 1024

_WEEKDAY_NOTE = re.compile(r"[（(](?:星期|周)[一二三四五六日天][）)]")
_RANGE_SEPARATOR = re.compile(r"\s*(?:至|到|~|～|—|－)\s*|\s+to\s+")
_LIST_SEPARATOR = re.compile(r"[\s,，、;；]+")
_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_WRITTEN = re.compile(r"(?:(\d{4})年)?(?:(\d{1,2})月)?(\d{1,2})日")


def _written_day(text: str, year: int, where: str, *, after: dt.date | None = None) -> dt.date:
    """A day as the notice writes it: ``2027-02-06``, ``2027年2月6日``, ``2月6日``, or (the end of a
    range) ``13日``, the month and year of ``after``."""
    text = _WEEKDAY_NOTE.sub("", text).strip()
    parts: tuple[int, int, int] | None = None
    if match := _ISO.fullmatch(text):
        parts = (int(match[1]), int(match[2]), int(match[3]))
    elif (match := _WRITTEN.fullmatch(text)) and (match[2] or after is not None):
        # Without a year: the year being typed in (a range's end: its start's year and month).
        written_year = int(match[1]) if match[1] else (after.year if after is not None else year)
        month = int(match[2]) if match[2] else after.month  # type: ignore[union-attr]
        parts = (written_year, month, int(match[3]))
    if parts is not None:
        try:
            return dt.date(*parts)
        except ValueError:
            pass
    raise NoticeError(f"{where}：“{text}”不是有效日期（应为 2027-02-06 或 2月6日）")


def parse_arrangement(year: int, holidays: list[tuple[str, str, str]], source: str = "") -> calendar.YearNotice:
    """The checked notice from the year's arrangement typed in as the notice is written: per
    holiday its name, its days off (``2027-02-06 至 2027-02-13`` (or ``to``), ``2月6日至13日``, or one day)
    and its make-up working days (``2月20日（星期六）``, several separated by 、 or a space).

    A range may begin in the year before (元旦 "2022年12月31日至2023年1月2日"): its days outside
    ``year`` that fall on a weekend are off anyway and are left out; a weekday outside the year is
    refused by the common check. The rows go through ``notice_from_rows``, named by holiday."""
    rows: list[tuple[dt.date, str, str]] = []
    for name, days_off, make_up in holidays:
        where = f"{name}放假日期"
        if days_off.strip():
            ends = _RANGE_SEPARATOR.split(days_off.strip())
            if len(ends) > 2:
                raise NoticeError(f"{where}：“{days_off.strip()}”应为一天或“起 至 止”")
            first = _written_day(ends[0], year, where)
            last = _written_day(ends[-1], year, where, after=first) if len(ends) == 2 else first
            if last < first:
                raise NoticeError(f"{where}：结束日 {last.isoformat()} 早于开始日 {first.isoformat()}")
            if (last - first).days > 31:
                raise NoticeError(f"{where}：{first.isoformat()} 至 {last.isoformat()} 超过一个月，请检查")
            day = first
            while day <= last:
                if day.year == year or day.weekday() < 5:
                    rows.append((day, "holiday", where))
                day += dt.timedelta(days=1)
        elif make_up.strip():
            raise NoticeError(f"{where}：填了调休上班日，却没有放假日期")
        where = f"{name}调休上班日"
        for text in _LIST_SEPARATOR.split(_WEEKDAY_NOTE.sub("", make_up).strip()):
            if text:
                rows.append((_written_day(text, year, where), "workday", where))
    if not rows:
        raise NoticeError("没有填写任何放假日期")
    return notice_from_rows(rows, source, year=year)


def check_notice(notice: calendar.YearNotice, *, replace: bool = False,
                 replace_hint: str = "确需覆盖请加 --replace") -> None:
    """Refuse a notice that cannot join the known years: before the first year, a known year
    without ``replace`` (``replace_hint`` says how to ask for it), or after a gap."""
    years = calendar.known_years()
    first_known, last_known = calendar.supported_range()
    if notice.year < first_known.year:
        raise NoticeError(f"{notice.year} 年早于节假日历的第一年（{first_known.year}）")
    if years.get(notice.year) == "package" and not replace:
        raise NoticeError(f"{notice.year} 年的节假日安排已由 chinese_calendar 提供；{replace_hint}")
    if notice.year in years and years[notice.year] == "loaded" and not replace:
        raise NoticeError(f"{notice.year} 年的节假日安排已经载入；{replace_hint}")
    if notice.year > last_known.year + 1:
        raise NoticeError(f"请先载入 {last_known.year + 1} 年的节假日安排（已知年份至 {last_known.year} 年）")


def notice_payload(notice: calendar.YearNotice) -> dict:
    """The notice as the JSON shape this module reads (``parse_notice``) and stores."""
    return {"year": notice.year, "holidays": sorted(day.isoformat() for day in notice.holidays),
            "workdays": sorted(day.isoformat() for day in notice.workdays), "source": notice.source}


def store_notice(notice: calendar.YearNotice, directory: Path, *, replace: bool = False,
                 replace_hint: str = "确需覆盖请加 --replace") -> Path:
    """Check ``notice`` against the known years and write ``<directory>/<year>.json`` atomically.

    Two loads at once (two processes of the server, a double click) are taken one after the other
    by a lock on the directory, and the check reads the directory again under it: a year
    another process loaded a moment ago is known here too (the calendar's own table is re-read
    at most every ``calendar.RECHECK_SECONDS``), so it is refused without ``replace``."""
    check_notice(notice, replace=replace, replace_hint=replace_hint)  # a refused notice writes nothing
    directory.mkdir(parents=True, exist_ok=True)
    with _directory_lock(directory):
        if calendar.notice_dir() == directory:
            calendar.reload_notices()
        check_notice(notice, replace=replace, replace_hint=replace_hint)
        return _write_notice(notice, directory)


@contextlib.contextmanager
def _directory_lock(directory: Path) -> Iterator[None]:
    """An exclusive lock on the directory itself (POSIX ``flock`` on its descriptor: no lock file
    among the notices; elsewhere none)."""
    try:
        import fcntl
    except ImportError:  # not POSIX: one process only
        yield
        return
    descriptor = os.open(directory, os.O_RDONLY)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _write_notice(notice: calendar.YearNotice, directory: Path) -> Path:
    payload = {**notice_payload(notice), "loaded_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")}
    target = directory / f"{notice.year}.json"
    handle, temp = tempfile.mkstemp(dir=directory, prefix=f".{notice.year}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(payload, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
    if calendar.notice_dir() is None or calendar.notice_dir() != directory:
        calendar.set_notice_dir(directory)
    else:
        calendar.reload_notices()
    return target


def load_notice_file(path: Path, directory: Path, *, replace: bool = False) -> calendar.YearNotice:
    """Parse, check and store a notice file; bad input raises ``NoticeError`` and writes nothing."""
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise NoticeError(f"{path.name}：不是 UTF-8 文本") from None
    notice = parse_notice(text, filename=path.name)
    store_notice(notice, directory, replace=replace)
    return notice
