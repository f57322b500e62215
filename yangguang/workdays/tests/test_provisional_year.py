"""Issue 16: a year whose State Council schedule is not loaded is counted with the fixed holidays of
《全国年节及纪念日放假办法》 (2024 revision), from the lunar calendar and the solar term, and stays
flagged provisional."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command

from yangguang.workdays import selectors
from yangguang.workdays.statutory import fixed_holidays, qingming

D = dt.date
pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = StringIO()
    call_command("workdays", *args, stdout=out)
    return out.getvalue()


def test_the_fixed_holidays_of_2027() -> None:
    assert [(s.date.isoformat(), s.name) for s in fixed_holidays(2027)] == [
        ("2027-01-01", "元旦"),
        ("2027-02-05", "春节"),  # 除夕
        ("2027-02-06", "春节"),  # 正月初一
        ("2027-02-07", "春节"),
        ("2027-02-08", "春节"),
        ("2027-04-05", "清明节"),
        ("2027-05-01", "劳动节"),
        ("2027-05-02", "劳动节"),
        ("2027-06-09", "端午节"),
        ("2027-09-15", "中秋节"),
        ("2027-10-01", "国庆节"),
        ("2027-10-02", "国庆节"),
        ("2027-10-03", "国庆节"),
    ]


def test_the_lunar_dates_agree_with_the_official_schedules_shipped() -> None:
    """春节 (除夕 and 初一–初三), 清明, 端午 and 中秋 from the lunar calendar fall on days the State
    Council's notices of 2025 and 2026 (shipped in data/) give as holidays."""
    for year in (2025, 2026):
        official = selectors.year_calendar(year).holidays
        assert all(s.date in official for s in fixed_holidays(year)), year
    assert qingming(2026) == D(2026, 4, 5) and qingming(2028) == D(2028, 4, 4)
    # 中秋 on 3 October 2028 is one day off, not two
    assert [s.name for s in fixed_holidays(2028) if s.date == D(2028, 10, 3)] == ["中秋节、国庆节"]


def test_workdays_add_skips_new_year_and_spring_festival_2027_while_provisional() -> None:
    # 28-31 Dec are 1-3 (the 29th is the first), 1 Jan 2027 (Friday) is 元旦, then 4-7 Jan
    assert run("add", "2026-12-28", "7") == "2027-01-07（暂定：2027年节假日安排尚未公布）\n"
    # 春节 2027: 除夕 5 Feb (Friday) to 初三 8 Feb (Monday)
    assert run("add", "2027-01-28", "10") == "2027-02-15（暂定：2027年节假日安排尚未公布）\n"
    assert not selectors.is_working_day(D(2027, 2, 8))
    assert selectors.is_provisional_year(2027)
    assert run("years").splitlines()[-1] == "2027  暂定（尚未公布）"
