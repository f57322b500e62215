"""Reads of the working-day calendar: working days and legal deadlines.

Counting rules (行政处罚法 Art. 85, 行政许可法 Art. 82, 行政强制法 Art. 69, 民法典 Art. 201/203):
the day of the triggering event is not counted; "N working days" skips Saturdays, Sundays and
statutory holidays and counts make-up working days; "N days" counts calendar days, and a period
whose last day is a statutory holiday or rest day ends on the next working day.

A year whose schedule is not confirmed (not announced yet, or entered as provisional) is counted
with what is known (weekends, plus any provisional schedule) and every result that depends on it
is flagged ``provisional``.

The calendar is cached in process memory. A write in this process clears the cache at once
(``invalidate``); other processes notice through a cheap fingerprint query (count, last update and
revisions of the years) made at most every ``WORKDAYS_RECHECK_SECONDS`` (default 2 s).
"""

from __future__ import annotations

import datetime
import threading
import time
from array import array
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Count, Max, Q, QuerySet, Sum

from yangguang.core.errors import DomainError
from yangguang.workdays.models import CalendarYear, DayKind, SpecialDay, YearStatus

ONE_DAY = datetime.timedelta(days=1)
# Far beyond any legal period; stops a typo (or a hostile request) from looping for minutes.
MAX_WORKING_DAYS = 3660
MAX_CALENDAR_DAYS = 36600


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
    working: bytes  # one byte per day of the year: 1 working day, 0 rest day
    cumulative: array  # type: ignore[type-arg]  # cumulative[i] = working days among days 0..i

    @property
    def provisional(self) -> bool:
        return self.status != YearStatus.CONFIRMED

    @property
    def total(self) -> int:
        return int(self.cumulative[-1])

    def is_working(self, day: datetime.date) -> bool:
        return self.working[day.timetuple().tm_yday - 1] == 1

    def upto(self, day: datetime.date) -> int:
        """Working days from 1 January to ``day``, both included."""
        return int(self.cumulative[day.timetuple().tm_yday - 1])


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
        working=bytes(working),
        cumulative=cumulative,
    )


class _Cache:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.years: dict[int, YearCalendar] = {}
        self.fingerprint: tuple[Any, ...] | None = None
        self.checked_at = float("-inf")
        # Once this process has written a schedule, it checks the fingerprint on every read: a
        # write can be rolled back (a failed request, a test) and the cache must follow.
        self.wrote_here = False


_cache = _Cache()


def _fingerprint() -> tuple[Any, ...]:
    agg = CalendarYear.objects.aggregate(n=Count("id"), last=Max("updated_at"), rev=Sum("revision"))
    return (agg["n"], agg["last"], agg["rev"])


def _reload() -> None:
    rows: dict[int, list[tuple[datetime.date, str, str]]] = {}
    for d, kind, name, year in SpecialDay.objects.values_list("date", "kind", "name", "calendar_year__year"):
        rows.setdefault(year, []).append((d, kind, name))
    years = {
        y.year: _build(y.year, y.status, y.source, rows.get(y.year, []))
        for y in CalendarYear.objects.only("year", "status", "source")
    }
    _cache.years = years


def _ensure_fresh() -> None:
    now = time.monotonic()
    interval = 0.0 if _cache.wrote_here else float(getattr(settings, "WORKDAYS_RECHECK_SECONDS", 2.0))
    if _cache.fingerprint is not None and now - _cache.checked_at < interval:
        return
    with _cache.lock:
        fp = _fingerprint()
        if fp != _cache.fingerprint:
            _reload()
            _cache.fingerprint = fp
        _cache.checked_at = now


def invalidate() -> None:
    """Forget the cached calendar (called by the services after writing a schedule)."""
    with _cache.lock:
        _cache.years = {}
        _cache.fingerprint = None
        _cache.checked_at = float("-inf")
        _cache.wrote_here = True


def year_calendar(year: int) -> YearCalendar:
    _ensure_fresh()
    cal = _cache.years.get(year)
    if cal is None:
        cal = _build(year, "missing", "", [])
        _cache.years[year] = cal
    return cal


def is_working_day(day: datetime.date) -> bool:
    return year_calendar(day.year).is_working(day)


def is_provisional_year(year: int) -> bool:
    return year_calendar(year).provisional


def _deadline(due: datetime.date, years: set[int]) -> Deadline:
    return Deadline(due=due, provisional=bool(years), provisional_years=tuple(sorted(years)))


def add_working_days(start: datetime.date, n: int) -> Deadline:
    """The day on which a period of ``n`` working days after ``start`` ends (``start`` itself not
    counted). A negative ``n`` counts backwards (the latest day that is ``-n`` working days
    before ``start``)."""
    if abs(n) > MAX_WORKING_DAYS:
        raise DomainError(f"工作日天数不能超过{MAX_WORKING_DAYS}天", code="workdays_too_long")
    step = ONE_DAY if n >= 0 else -ONE_DAY
    remaining = abs(n)
    day = start
    provisional: set[int] = set()
    cal = year_calendar(start.year)
    while remaining:
        day += step
        if day.year != cal.year:
            cal = year_calendar(day.year)
        if cal.provisional:
            provisional.add(day.year)
        if cal.is_working(day):
            remaining -= 1
    return _deadline(day, provisional)


def add_days(start: datetime.date, n: int, *, roll_forward: bool = True) -> Deadline:
    """The last day of a period of ``n`` calendar days after ``start`` (``start`` not counted).
    With ``roll_forward``, a last day that is a statutory holiday or rest day moves to the next
    working day (民法典 Art. 203; 行政诉讼法 Art. 82 rule). Without it the calendar plays no part and
    the result is never provisional."""
    if n < 0 or n > MAX_CALENDAR_DAYS:
        raise DomainError(f"自然日天数须在0至{MAX_CALENDAR_DAYS}天之间", code="workdays_too_long")
    day = start + datetime.timedelta(days=n)
    provisional: set[int] = set()
    if not roll_forward:
        return _deadline(day, provisional)
    while True:
        cal = year_calendar(day.year)
        if cal.provisional:
            provisional.add(day.year)
        if cal.is_working(day):
            return _deadline(day, provisional)
        day += ONE_DAY


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
    first = start + ONE_DAY  # the first counted day
    provisional = False
    count = 0
    for year in range(first.year, end.year + 1):
        cal = year_calendar(year)
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
