"""set_year_schedule: validation with exact Chinese messages, all-or-nothing replacement, ledger."""

from __future__ import annotations

import datetime

import pytest

from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry
from yangguang.workdays import schedule_file
from yangguang.workdays.models import CalendarYear, DayKind, SpecialDay, YearStatus
from yangguang.workdays.schedule_file import DaySpec
from yangguang.workdays.services import set_year_schedule, validate_schedule

D = datetime.date
H, M = DayKind.HOLIDAY, DayKind.MAKEUP
pytestmark = pytest.mark.django_db

GOOD_2027 = [DaySpec(D(2027, 1, 1), H, "元旦"), DaySpec(D(2027, 1, 9), M, "元旦")]


def _refused(
    days: list[DaySpec], *, year: int = 2027, status: str = YearStatus.CONFIRMED, source: str = "测试通知"
) -> str:
    with pytest.raises(DomainError) as exc:
        set_year_schedule(year=year, days=days, status=status, source=source, actor=None)
    assert exc.value.code == "invalid_schedule"
    return exc.value.message


def test_a_date_outside_the_year() -> None:
    assert _refused([*GOOD_2027, DaySpec(D(2026, 12, 31), H, "元旦")]) == (
        "2026-12-31不在2027年内：一个年度的安排只能包含本年的日期"
    )


def test_a_date_both_holiday_and_makeup() -> None:
    assert _refused([*GOOD_2027, DaySpec(D(2027, 1, 1), M, "元旦")]) == "2027-01-01既是法定节假日又是调休上班日"


def test_a_duplicate_date() -> None:
    assert _refused([*GOOD_2027, DaySpec(D(2027, 1, 1), H, "元旦")]) == "2027-01-01重复出现"


def test_a_makeup_day_must_be_a_weekend_day() -> None:
    assert _refused([DaySpec(D(2027, 1, 1), H, "元旦"), DaySpec(D(2027, 1, 4), M, "元旦")]) == (
        "调休上班日2027-01-04是星期一：调休上班日只能是星期六或星期日"
    )


def test_holidays_must_not_be_empty() -> None:
    assert _refused([DaySpec(D(2027, 1, 9), M, "元旦")]) == "2027年的安排中没有法定节假日"
    assert _refused([]) == "2027年的安排中没有法定节假日"


def test_a_confirmed_year_names_its_notice() -> None:
    assert _refused(GOOD_2027, source="  ") == "已确认的年度安排须注明来源通知（如：国办发明电〔2025〕7号）"


def test_a_day_needs_a_name() -> None:
    assert _refused([DaySpec(D(2027, 1, 1), H, " ")]) == "2027-01-01缺少节日名称"


def test_the_year_must_be_sensible() -> None:
    assert _refused(GOOD_2027, year=1999) == "年份1999无效：须在2000年至2100年之间"


def test_every_error_is_reported_at_once() -> None:
    days = [DaySpec(D(2027, 1, 4), M, "元旦"), DaySpec(D(2028, 1, 1), M, "元旦")]
    with pytest.raises(DomainError) as exc:
        set_year_schedule(year=2027, days=days, status=YearStatus.CONFIRMED, source="", actor=None)
    errors = [
        "已确认的年度安排须注明来源通知（如：国办发明电〔2025〕7号）",
        "调休上班日2027-01-04是星期一：调休上班日只能是星期六或星期日",
        "2028-01-01不在2027年内：一个年度的安排只能包含本年的日期",
        "2027年的安排中没有法定节假日",
    ]
    assert exc.value.details == {"errors": errors}
    assert exc.value.message == "；".join(errors)


def test_a_refused_schedule_changes_nothing() -> None:
    before = list(SpecialDay.objects.filter(calendar_year__year=2026).values_list("date", "kind", "name"))
    entries = Entry.objects.count()
    _refused([DaySpec(D(2026, 10, 1), H, "国庆节"), DaySpec(D(2026, 10, 5), M, "国庆节")], year=2026)
    assert list(SpecialDay.objects.filter(calendar_year__year=2026).values_list("date", "kind", "name")) == before
    assert CalendarYear.objects.get(year=2026).revision == 1
    assert Entry.objects.count() == entries
    assert not CalendarYear.objects.filter(year=2027).exists()


def test_a_new_year_is_saved_and_recorded(admin_user: object) -> None:
    cal = set_year_schedule(
        year=2027, days=GOOD_2027, status=YearStatus.CONFIRMED, source="测试通知〔2026〕1号", actor=admin_user
    )
    assert cal.status == YearStatus.CONFIRMED and cal.revision == 1
    assert list(cal.days.values_list("date", "kind", "name")) == [
        (D(2027, 1, 1), H, "元旦"),
        (D(2027, 1, 9), M, "元旦"),
    ]
    entry = Entry.objects.filter(action="workdays.schedule.set").get()
    assert entry.subject == f"workdays.calendaryear:{cal.pk}"
    assert entry.actor == "admin"


def test_replacing_a_year_replaces_all_its_days() -> None:
    set_year_schedule(year=2027, days=GOOD_2027, status=YearStatus.PROVISIONAL, source="", actor=None)
    cal = set_year_schedule(
        year=2027,
        days=[DaySpec(D(2027, 2, 6), H, "春节")],
        status=YearStatus.CONFIRMED,
        source="测试通知〔2026〕2号",
        actor=None,
    )
    assert cal.revision == 2
    assert list(SpecialDay.objects.filter(calendar_year__year=2027).values_list("date", flat=True)) == [D(2027, 2, 6)]
    assert Entry.objects.filter(action="workdays.schedule.set").count() == 2


def test_every_shipped_schedule_passes_the_rules() -> None:
    for parsed in schedule_file.shipped_schedules():
        assert parsed.year is not None
        assert validate_schedule(year=parsed.year, days=parsed.days, status=parsed.status, source=parsed.source) == []
