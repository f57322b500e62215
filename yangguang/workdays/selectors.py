"""Reads of the working-day calendar: working days and legal deadlines.

Counting rules (行政处罚法 Art. 85, 行政许可法 Art. 82, 行政强制法 Art. 69, 民法典 Art. 201/203):
the day of the triggering event is not counted; "N working days" skips Saturdays, Sundays and
statutory holidays and counts make-up working days; "N days" counts calendar days, and a period
whose last day is a statutory holiday or rest day ends on the next working day.

A year whose schedule is not confirmed (not announced yet, or entered as provisional) is counted
with what is known and every result that depends on it is flagged ``provisional``: a year with no
schedule at all has the fixed holidays of 《全国年节及纪念日放假办法》 (``statutory``: 元旦, 春节 from
除夕, 清明, 劳动节, 端午, 中秋, 国庆, from the lunar calendar and the solar term) besides weekends; a
year entered as provisional has the days entered.

The calendar is cached in process memory. A write in this process clears the cache at once and
again on commit (``note_schedule_written``); reads inside the writing transaction use a private
copy, so uncommitted or rolled-back schedules never reach the shared cache. Other processes
notice a change through a cheap fingerprint query (count, last update and revisions of the years)
made at most every ``WORKDAYS_RECHECK_SECONDS`` (default 2 s).
"""

from __future__ import annotations

import datetime
import threading
import time
from array import array
from bisect import bisect_left
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.models import Count, Max, Q, QuerySet, Sum

from yangguang.core.errors import DomainError
from yangguang.workdays import statutory
from yangguang.workdays.models import CalendarYear, DayKind, SpecialDay, YearStatus

ONE_DAY = datetime.timedelta(days=1)
# Far beyond any legal period; stops a typo (or a hostile request) from looping for minutes.
MAX_WORKING_DAYS = 3660
MAX_CALENDAR_DAYS = 36600
# Years the calendar answers for (a schedule can only be entered for 2000-2100, see services).
MIN_YEAR = 1900
MAX_YEAR = 2200


@dataclass(frozen=True)
class Deadline:
    due: datetime.date
    provisional: bool
    provisional_years: tuple[int, ...] = ()


@dataclass(frozen=True)
class YearCalendar:
    """One year as the counting functions see it."""

    year: int
    status: str  # "confirmed", "provisional", or "missing" (no schedule at all)
    source: str
    holidays: frozenset[datetime.date]
    makeup_days: frozenset[datetime.date]
    names: dict[datetime.date, str]
    first_ordinal: int  # ordinal of 1 January
    working: bytes  # one byte per day of the year: 1 working day, 0 rest day
    cumulative: array  # type: ignore[type-arg]  # cumulative[i] = working days among days 0..i

    @property
    def provisional(self) -> bool:
        return self.status != YearStatus.CONFIRMED

    @property
    def total(self) -> int:
        return int(self.cumulative[-1])

    def is_working(self, day: datetime.date) -> bool:
        return self.working[day.toordinal() - self.first_ordinal] == 1

    def upto(self, day: datetime.date) -> int:
        """Working days from 1 January to ``day``, both included."""
        return int(self.cumulative[day.toordinal() - self.first_ordinal])

    def nth(self, k: int) -> datetime.date:
        """The ``k``-th working day of the year (1-based)."""
        return datetime.date.fromordinal(self.first_ordinal + bisect_left(self.cumulative, k))


def _build(year: int, status: str, source: str, days: list[tuple[datetime.date, str, str]]) -> YearCalendar:
    holidays = frozenset(d for d, kind, _ in days if kind == DayKind.HOLIDAY)
    makeup = frozenset(d for d, kind, _ in days if kind == DayKind.MAKEUP)
    first = datetime.date(year, 1, 1)
    length = (datetime.date(year + 1, 1, 1) - first).days
    working = bytearray(length)
    cumulative = array("H", bytes(2 * length))
    count = 0
    for i in range(length):
        d = first + datetime.timedelta(days=i)
        is_working = d in makeup or (d.weekday() < 5 and d not in holidays)
        working[i] = 1 if is_working else 0
        count += working[i]
        cumulative[i] = count
    return YearCalendar(
        year=year,
        status=status,
        source=source,
        holidays=holidays,
        makeup_days=makeup,
        names={d: name for d, _, name in days},
        first_ordinal=first.toordinal(),
        working=bytes(working),
        cumulative=cumulative,
    )


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.years: dict[int, YearCalendar] = {}
        self.fingerprint: tuple[Any, ...] | None = None
        self.checked_at = float("-inf")
        self.interval: float | None = None
        # How many transactions of this process ever wrote a schedule; while none did, reads
        # need not look at the connection at all.
        self.marks = 0


_cache = _Cache()
# The calendar as seen inside a transaction that wrote a schedule (uncommitted, so never put in
# the shared cache): (fingerprint, years), per thread.
_private = threading.local()
_DIRTY_ATTR = "_workdays_dirty_transaction"


def _fingerprint() -> tuple[Any, ...]:
    agg = CalendarYear.objects.aggregate(n=Count("id"), last=Max("updated_at"), rev=Sum("revision"))
    return (agg["n"], agg["last"], agg["rev"])


def _load() -> dict[int, YearCalendar]:
    rows: dict[int, list[tuple[datetime.date, str, str]]] = {}
    for d, kind, name, year in SpecialDay.objects.values_list("date", "kind", "name", "calendar_year__year"):
        rows.setdefault(year, []).append((d, kind, name))
    return {
        y.year: _build(y.year, y.status, y.source, rows.get(y.year, []))
        for y in CalendarYear.objects.only("year", "status", "source")
    }


def _in_dirty_transaction() -> bool:
    """True inside a transaction that wrote a schedule and has not committed yet."""
    connection = connections[DEFAULT_DB_ALIAS]
    mark = getattr(connection, _DIRTY_ATTR, None)
    return mark is not None and connection.in_atomic_block and connection.atomic_blocks[0] is mark


def _years() -> dict[int, YearCalendar]:
    """The calendar to read from: the shared cache, re-checked against the database at most every
    WORKDAYS_RECHECK_SECONDS; inside a transaction that wrote a schedule, a private copy checked
    on every read (so that a rollback, even of a savepoint, is followed at once)."""
    if _cache.marks and _in_dirty_transaction():
        cached = getattr(_private, "copy", None)
        if cached is not None and getattr(_private, "pinned", False):
            return cached[1]
        fp = _fingerprint()
        if cached is None or cached[0] != fp:
            cached = (fp, _load())
            _private.copy = cached
        return cached[1]
    now = time.monotonic()
    if _cache.interval is None:
        _cache.interval = float(getattr(settings, "WORKDAYS_RECHECK_SECONDS", 2.0))
    if _cache.fingerprint is not None and now - _cache.checked_at < _cache.interval:
        return _cache.years
    with _cache.lock:
        fp = _fingerprint()
        if fp != _cache.fingerprint:
            _cache.years = _load()
            _cache.fingerprint = fp
        _cache.checked_at = now
    return _cache.years


@contextmanager
def pinned() -> Iterator[None]:
    """Inside a transaction that wrote a schedule, read its private copy without re-checking it on
    every read (the recount of many deadlines right after the write, where no savepoint can roll the
    schedule back in between)."""
    _years()  # load (and check) the copy once
    _private.pinned = True
    try:
        yield
    finally:
        _private.pinned = False


def invalidate() -> None:
    """Forget the shared cached calendar; the next read loads it again."""
    with _cache.lock:
        _cache.years = {}
        _cache.fingerprint = None
        _cache.checked_at = float("-inf")
    _private.copy = None


def note_schedule_written() -> None:
    """Called by the services after writing a schedule, inside their transaction."""
    invalidate()
    connection = connections[DEFAULT_DB_ALIAS]
    if connection.in_atomic_block:
        setattr(connection, _DIRTY_ATTR, connection.atomic_blocks[0])
        _cache.marks += 1

        def committed() -> None:
            setattr(connection, _DIRTY_ATTR, None)
            invalidate()

        transaction.on_commit(committed)


def _get(year: int, years: dict[int, YearCalendar] | None = None) -> YearCalendar:
    """A year from ``years`` (the calendar returned by ``_years()``), built from weekends alone
    if it has no schedule."""
    table = _cache.years if years is None else years
    cal = table.get(year)
    if cal is None:
        if not MIN_YEAR <= year <= MAX_YEAR:
            raise DomainError(f"日期超出工作日历的范围（{MIN_YEAR}年至{MAX_YEAR}年）", code="workdays_out_of_range")
        cal = _build(
            year, "missing", statutory.SOURCE, [(s.date, s.kind, s.name) for s in statutory.fixed_holidays(year)]
        )
        table[year] = cal
    return cal


def year_calendar(year: int) -> YearCalendar:
    return _get(year, _years())


def is_working_day(day: datetime.date) -> bool:
    return _get(day.year, _years()).is_working(day)


def is_provisional_year(year: int) -> bool:
    return year_calendar(year).provisional


def _deadline(
    table: dict[int, YearCalendar], due: datetime.date, first: datetime.date, last: datetime.date
) -> Deadline:
    """A deadline whose count looked at the days first..last."""
    if first.year == last.year:
        years: tuple[int, ...] = (first.year,) if _get(first.year, table).provisional else ()
    else:
        years = tuple(y for y in range(first.year, last.year + 1) if _get(y, table).provisional)
    return Deadline(due=due, provisional=bool(years), provisional_years=years)


def add_working_days(start: datetime.date, n: int) -> Deadline:
    """The day on which a period of ``n`` working days after ``start`` ends (``start`` itself not
    counted). A negative ``n`` counts backwards (the latest day that is ``-n`` working days
    before ``start``)."""
    if abs(n) > MAX_WORKING_DAYS:
        raise DomainError(f"工作日天数不能超过{MAX_WORKING_DAYS}天", code="workdays_too_long")
    if n == 0:
        return Deadline(due=start, provisional=False)
    table = _years()
    if n > 0:
        cal = _get(start.year, table)
        target = cal.upto(start) + n  # the target-th working day of cal.year
        while target > cal.total:
            target -= cal.total
            cal = _get(cal.year + 1, table)
        due = cal.nth(target)
        return _deadline(table, due, start + ONE_DAY, due)
    last = start - ONE_DAY
    cal = _get(last.year, table)
    target = cal.upto(last) + n + 1
    while target <= 0:
        cal = _get(cal.year - 1, table)
        target += cal.total
    due = cal.nth(target)
    return _deadline(table, due, due, last)


def add_days(start: datetime.date, n: int, *, roll_forward: bool = True) -> Deadline:
    """The last day of a period of ``n`` calendar days after ``start`` (``start`` not counted).
    With ``roll_forward``, a last day that is a statutory holiday or rest day moves to the next
    working day (民法典 Art. 203; 行政诉讼法 Art. 82 rule). Without it the calendar plays no part and
    the result is never provisional."""
    if n < 0 or n > MAX_CALENDAR_DAYS:
        raise DomainError(f"自然日天数须在0至{MAX_CALENDAR_DAYS}天之间", code="workdays_too_long")
    end = start + datetime.timedelta(days=n)
    if not roll_forward:
        return Deadline(due=end, provisional=False)
    table = _years()
    due = end
    while not _get(due.year, table).is_working(due):
        due += ONE_DAY
    return _deadline(table, due, end, due)


def working_days_between(start: datetime.date, end: datetime.date) -> tuple[int, bool]:
    """The number of working days in (start, end], and whether a provisional year was involved.
    If ``end`` is before ``start`` the count is negative (minus the working days in (end, start])."""
    if end < start:
        count, provisional = working_days_between(end, start)
        return -count, provisional
    if end == start:
        return 0, False
    if (end - start).days > MAX_CALENDAR_DAYS:
        raise DomainError(f"日期区间不能超过{MAX_CALENDAR_DAYS}天", code="workdays_too_long")
    table = _years()
    first = start + ONE_DAY  # the first counted day
    provisional = False
    count = 0
    for year in range(first.year, end.year + 1):
        cal = _get(year, table)
        provisional = provisional or cal.provisional
        upper = cal.upto(end) if year == end.year else cal.total
        lower = cal.upto(start) if year == start.year else 0
        count += upper - lower
    return count, provisional


# --- pages and API --------------------------------------------------------------------------


def calendar_years() -> QuerySet[CalendarYear]:
    """Every year with a schedule, with its numbers of holidays and make-up days."""
    return CalendarYear.objects.annotate(
        holiday_count=Count("days", filter=Q(days__kind=DayKind.HOLIDAY)),
        makeup_count=Count("days", filter=Q(days__kind=DayKind.MAKEUP)),
    ).order_by("year")


def get_year(year: int) -> CalendarYear | None:
    return CalendarYear.objects.filter(year=year).first()


def special_days(year: int) -> QuerySet[SpecialDay]:
    return SpecialDay.objects.filter(calendar_year__year=year).order_by("date")


def provisional_label(years: tuple[int, ...] | list[int]) -> str:
    """The Chinese flag shown beside a provisional result: "暂定：2027年节假日安排尚未公布" for a
    year with no schedule, "尚未确认" for a year whose schedule was entered as provisional."""
    missing = [y for y in years if year_calendar(y).status == "missing"]
    unconfirmed = [y for y in years if y not in missing]
    parts = []
    if missing:
        parts.append("、".join(str(y) for y in missing) + "年节假日安排尚未公布")
    if unconfirmed:
        parts.append("、".join(str(y) for y in unconfirmed) + "年节假日安排尚未确认")
    return "暂定：" + "，".join(parts)
