"""Deadline counting: start day excluded, working days, calendar days with roll-forward,
provisional years, and the cache."""

from __future__ import annotations

import datetime
import random

import pytest

from yangguang.core.errors import DomainError
from yangguang.workdays import selectors
from yangguang.workdays.models import CalendarYear, DayKind, SpecialDay, YearStatus
from yangguang.workdays.schedule_file import DaySpec
from yangguang.workdays.selectors import Deadline, add_days, add_working_days, working_days_between
from yangguang.workdays.services import set_year_schedule

D = datetime.date
pytestmark = pytest.mark.django_db


def test_the_start_day_is_not_counted() -> None:
    assert add_working_days(D(2026, 3, 2), 1) == Deadline(D(2026, 3, 3), False, ())
    assert add_working_days(D(2026, 3, 6), 1).due == D(2026, 3, 9)  # Friday -> Monday
    assert add_working_days(D(2026, 3, 2), 0).due == D(2026, 3, 2)
    assert add_days(D(2026, 3, 2), 1).due == D(2026, 3, 3)


def test_seven_working_days_across_national_day_2026() -> None:
    # 29, 30 Sep; 1-7 Oct holiday; 8, 9 Oct; 10 Oct (Saturday) make-up day; 12, 13 Oct.
    assert add_working_days(D(2026, 9, 28), 7) == Deadline(D(2026, 10, 13), False, ())


def test_make_up_days_are_counted() -> None:
    assert add_working_days(D(2026, 2, 13), 1).due == D(2026, 2, 14)  # Saturday make-up day
    assert add_working_days(D(2026, 9, 18), 1).due == D(2026, 9, 20)  # Sunday make-up day
    assert add_working_days(D(2026, 2, 13), 2).due == D(2026, 2, 24)  # then 春节 15-23 Feb


def test_counting_backwards() -> None:
    assert add_working_days(D(2026, 10, 8), -1).due == D(2026, 9, 30)
    assert add_working_days(D(2026, 10, 12), -1).due == D(2026, 10, 10)


def test_a_count_into_an_unannounced_year_is_provisional() -> None:
    assert add_working_days(D(2026, 12, 25), 7) == Deadline(D(2027, 1, 6), True, (2027,))  # 1 Jan 元旦
    # Ending on 31 December stays inside the confirmed year.
    assert add_working_days(D(2026, 12, 24), 5) == Deadline(D(2026, 12, 31), False, ())


def test_calendar_days_roll_forward_over_holidays_and_rest_days() -> None:
    assert add_days(D(2026, 9, 15), 15).due == D(2026, 9, 30)
    assert add_days(D(2026, 9, 16), 15).due == D(2026, 10, 8)  # 1 Oct holiday -> 8 Oct
    assert add_days(D(2026, 9, 16), 15, roll_forward=False).due == D(2026, 10, 1)
    assert add_days(D(2026, 3, 6), 15).due == D(2026, 3, 23)  # Saturday -> Monday
    assert add_days(D(2026, 9, 25), 15).due == D(2026, 10, 10)  # a make-up Saturday is a working day


def test_calendar_days_into_an_unannounced_year() -> None:
    assert add_days(D(2026, 12, 16), 15) == Deadline(D(2026, 12, 31), False, ())
    assert add_days(D(2026, 12, 17), 15) == Deadline(D(2027, 1, 4), True, (2027,))  # 元旦, weekend
    # Without roll-forward the calendar plays no part.
    assert add_days(D(2026, 12, 17), 15, roll_forward=False) == Deadline(D(2027, 1, 1), False, ())


def test_working_days_between() -> None:
    assert working_days_between(D(2026, 9, 28), D(2026, 10, 13)) == (7, False)
    assert working_days_between(D(2026, 10, 13), D(2026, 9, 28)) == (-7, False)
    assert working_days_between(D(2026, 5, 1), D(2026, 5, 1)) == (0, False)
    assert working_days_between(D(2025, 12, 31), D(2026, 1, 5)) == (2, False)  # 4 Jan make-up, 5 Jan
    assert working_days_between(D(2026, 12, 28), D(2027, 1, 8)) == (8, True)
    assert working_days_between(D(2026, 1, 1), D(2026, 12, 31)) == (248, False)
    assert working_days_between(D(2023, 12, 31), D(2026, 12, 31)) == (251 + 248 + 248, False)


def test_between_is_the_inverse_of_add() -> None:
    rng = random.Random(20261001)
    for _ in range(300):
        start = D(2020, 1, 1) + datetime.timedelta(days=rng.randrange(7 * 365))
        n = rng.randrange(0, 60)
        due = add_working_days(start, n).due
        assert working_days_between(start, due)[0] == n, (start, n)


def test_absurd_counts_are_refused() -> None:
    with pytest.raises(DomainError) as exc:
        add_working_days(D(2026, 1, 1), 100_000)
    assert exc.value.message == "工作日天数不能超过3660天"
    with pytest.raises(DomainError) as exc:
        add_days(D(2026, 1, 1), -1)
    assert exc.value.message == "自然日天数须在0至36600天之间"


def _schedule_2027(status: str) -> None:
    set_year_schedule(
        year=2027,
        days=[
            DaySpec(D(2027, 1, 1), DayKind.HOLIDAY, "元旦"),
            DaySpec(D(2027, 1, 4), DayKind.HOLIDAY, "元旦"),
            DaySpec(D(2027, 1, 9), DayKind.MAKEUP, "元旦"),
        ],
        status=status,
        source="测试通知〔2026〕1号",
        actor=None,
    )


def test_a_provisional_schedule_is_used_but_flagged() -> None:
    _schedule_2027(YearStatus.PROVISIONAL)
    # 28-31 Dec; 1 Jan holiday; 2, 3 Jan weekend; 4 Jan holiday; 5, 6, 7 Jan.
    assert add_working_days(D(2026, 12, 25), 7) == Deadline(D(2027, 1, 7), True, (2027,))
    assert selectors.provisional_label((2027,)) == "暂定：2027年节假日安排尚未确认"


def test_a_confirmed_schedule_takes_effect_at_once() -> None:
    assert add_working_days(D(2026, 12, 25), 7).provisional
    _schedule_2027(YearStatus.CONFIRMED)
    assert add_working_days(D(2026, 12, 25), 7) == Deadline(D(2027, 1, 7), False, ())


def test_other_processes_notice_a_change(monkeypatch: pytest.MonkeyPatch) -> None:
    """A write made by another process (simulated by writing the rows directly) is seen once the
    re-check interval has passed."""
    clock = [1000.0]
    monkeypatch.setattr(selectors.time, "monotonic", lambda: clock[0])
    selectors.invalidate()
    assert selectors.is_working_day(D(2027, 1, 4))  # a Monday, no schedule yet
    year = CalendarYear.objects.create(year=2027, status=YearStatus.CONFIRMED, source="测试")
    SpecialDay.objects.create(calendar_year=year, date=D(2027, 1, 4), kind=DayKind.HOLIDAY, name="元旦")
    clock[0] += 0.5
    assert selectors.is_working_day(D(2027, 1, 4))  # still the cached copy
    clock[0] += 5
    assert not selectors.is_working_day(D(2027, 1, 4))
    selectors.invalidate()


def test_the_cache_follows_a_rolled_back_write() -> None:
    from django.db import transaction

    with pytest.raises(RuntimeError), transaction.atomic():
        _schedule_2027(YearStatus.CONFIRMED)
        assert not add_working_days(D(2026, 12, 25), 7).provisional
        raise RuntimeError("rollback")
    assert add_working_days(D(2026, 12, 25), 7).provisional


def test_provisional_label_for_unannounced_years() -> None:
    assert selectors.provisional_label((2027, 2028)) == "暂定：2027、2028年节假日安排尚未公布"


def _naive_add(start: datetime.date, n: int) -> datetime.date:
    """Day-by-day count, independent of the cumulative tables used by add_working_days."""
    step = datetime.timedelta(days=1 if n >= 0 else -1)
    day, left = start, abs(n)
    while left:
        day += step
        if selectors.is_working_day(day):
            left -= 1
    return day


def test_add_agrees_with_a_day_by_day_count() -> None:
    rng = random.Random(7)
    for _ in range(400):
        start = D(2019, 6, 1) + datetime.timedelta(days=rng.randrange(9 * 365))
        n = rng.randrange(-80, 80)
        deadline = add_working_days(start, n)
        assert deadline.due == _naive_add(start, n), (start, n)
        low, high = (start + datetime.timedelta(days=1), deadline.due) if n > 0 else (deadline.due, start)
        expected_years = tuple(y for y in range(low.year, high.year + 1) if y < 2020 or y > 2026) if n else ()
        assert deadline.provisional_years == expected_years, (start, n)
