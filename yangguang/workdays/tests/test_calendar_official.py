"""The shipped calendar against the State Council's notices, day by day.

The schedules below are written independently of data/*.txt, straight from the notices:
2024 国办发明电〔2023〕7号, 2025 国办发明电〔2024〕12号, 2026 国办发明电〔2025〕7号."""

from __future__ import annotations

import datetime

import pytest

from yangguang.workdays import selectors
from yangguang.workdays.models import CalendarYear, YearStatus

D = datetime.date


def _span(first: datetime.date, last: datetime.date) -> set[datetime.date]:
    return {first + datetime.timedelta(days=i) for i in range((last - first).days + 1)}


OFFICIAL: dict[int, dict[str, set[datetime.date]]] = {
    2024: {
        # 元旦 1月1日放假，与周末（2023年12月30、31日）连休; 端午 6月10日放假，与周末（8、9日）连休.
        "holidays": {D(2024, 1, 1)}
        | _span(D(2024, 6, 8), D(2024, 6, 10))
        | _span(D(2024, 2, 10), D(2024, 2, 17))
        | _span(D(2024, 4, 4), D(2024, 4, 6))
        | _span(D(2024, 5, 1), D(2024, 5, 5))
        | _span(D(2024, 9, 15), D(2024, 9, 17))
        | _span(D(2024, 10, 1), D(2024, 10, 7)),
        "makeup": {
            D(2024, 2, 4),
            D(2024, 2, 18),
            D(2024, 4, 7),
            D(2024, 4, 28),
            D(2024, 5, 11),
            D(2024, 9, 14),
            D(2024, 9, 29),
            D(2024, 10, 12),
        },
    },
    2025: {
        "holidays": {D(2025, 1, 1)}
        | _span(D(2025, 1, 28), D(2025, 2, 4))
        | _span(D(2025, 4, 4), D(2025, 4, 6))
        | _span(D(2025, 5, 1), D(2025, 5, 5))
        | _span(D(2025, 5, 31), D(2025, 6, 2))
        | _span(D(2025, 10, 1), D(2025, 10, 8)),
        "makeup": {D(2025, 1, 26), D(2025, 2, 8), D(2025, 4, 27), D(2025, 9, 28), D(2025, 10, 11)},
    },
    2026: {
        "holidays": _span(D(2026, 1, 1), D(2026, 1, 3))
        | _span(D(2026, 2, 15), D(2026, 2, 23))
        | _span(D(2026, 4, 4), D(2026, 4, 6))
        | _span(D(2026, 5, 1), D(2026, 5, 5))
        | _span(D(2026, 6, 19), D(2026, 6, 21))
        | _span(D(2026, 9, 25), D(2026, 9, 27))
        | _span(D(2026, 10, 1), D(2026, 10, 7)),
        "makeup": {D(2026, 1, 4), D(2026, 2, 14), D(2026, 2, 28), D(2026, 5, 9), D(2026, 9, 20), D(2026, 10, 10)},
    },
}

# Working days in the whole year, counted by hand from the notices.
YEAR_TOTALS = {2024: 251, 2025: 248, 2026: 248}


@pytest.mark.django_db
@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_every_day_of_the_year_matches_the_notice(year: int) -> None:
    official = OFFICIAL[year]
    day = D(year, 1, 1)
    checked = 0
    wrong = []
    while day.year == year:
        expected = day in official["makeup"] or (day.weekday() < 5 and day not in official["holidays"])
        if selectors.is_working_day(day) != expected:
            wrong.append((day.isoformat(), expected))
        day += datetime.timedelta(days=1)
        checked += 1
    assert wrong == []
    assert checked == (366 if year == 2024 else 365)


@pytest.mark.django_db
@pytest.mark.parametrize("year", sorted(OFFICIAL))
def test_special_days_are_exactly_the_notice(year: int) -> None:
    cal = selectors.year_calendar(year)
    assert cal.holidays == frozenset(OFFICIAL[year]["holidays"])
    assert cal.makeup_days == frozenset(OFFICIAL[year]["makeup"])
    assert cal.total == YEAR_TOTALS[year]
    assert not cal.provisional


@pytest.mark.django_db
def test_shipped_years_are_confirmed_and_the_next_is_provisional() -> None:
    rows = {y.year: y for y in CalendarYear.objects.all()}
    assert sorted(rows) == [2020, 2021, 2022, 2023, 2024, 2025, 2026]
    assert {y.status for y in rows.values()} == {YearStatus.CONFIRMED}
    assert rows[2026].source == "国办发明电〔2025〕7号"
    assert rows[2025].source == "国办发明电〔2024〕12号"
    assert rows[2024].source == "国办发明电〔2023〕7号"
    assert selectors.is_provisional_year(2027)
    assert not selectors.is_provisional_year(2026)


@pytest.mark.django_db
def test_names_of_the_holidays() -> None:
    cal = selectors.year_calendar(2026)
    assert cal.names[D(2026, 2, 17)] == "春节"
    assert cal.names[D(2026, 10, 10)] == "国庆节"
    assert cal.names[D(2026, 1, 4)] == "元旦"


@pytest.mark.django_db
def test_2020_spring_festival_extension_is_included() -> None:
    """国办发明电〔2020〕1号 extended the break to 2 February; the 1 February (Saturday) make-up
    working day of the original notice was therefore not worked."""
    assert not selectors.is_working_day(D(2020, 1, 31))
    assert not selectors.is_working_day(D(2020, 2, 1))
    assert selectors.is_working_day(D(2020, 2, 3))
    assert selectors.is_working_day(D(2020, 1, 19))
