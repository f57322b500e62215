"""Working-day API: deadlines and working-day counts. Public, read-only: the holiday schedule is
public information and the public portal shows legal deadlines too."""

from __future__ import annotations

import datetime
from typing import Literal

from django.http import HttpRequest
from ninja import Router, Schema

from yangguang.workdays import selectors

router = Router(tags=["workdays"])


class DeadlineOut(Schema):
    due: datetime.date
    provisional: bool
    provisional_years: list[int]


class BetweenOut(Schema):
    working_days: int
    provisional: bool


class YearOut(Schema):
    year: int
    status: str
    source: str
    note: str
    holidays: int
    makeup_days: int
    working_days: int


@router.get("/add", response=DeadlineOut, summary="到期日：起算日后N个工作日或N日")
def add(
    request: HttpRequest,
    start: datetime.date,
    n: int,
    unit: Literal["working", "calendar"] = "working",
    roll_forward: bool = True,
) -> DeadlineOut:
    if unit == "working":
        d = selectors.add_working_days(start, n)
    else:
        d = selectors.add_days(start, n, roll_forward=roll_forward)
    return DeadlineOut(due=d.due, provisional=d.provisional, provisional_years=list(d.provisional_years))


@router.get("/between", response=BetweenOut, summary="两日之间的工作日数（不含起日，含止日）")
def between(request: HttpRequest, start: datetime.date, end: datetime.date) -> BetweenOut:
    count, provisional = selectors.working_days_between(start, end)
    return BetweenOut(working_days=count, provisional=provisional)


@router.get("/years", response=list[YearOut], summary="已有节假日安排的年度")
def years(request: HttpRequest) -> list[YearOut]:
    return [
        YearOut(
            year=y.year,
            status=y.status,
            source=y.source,
            note=y.note,
            holidays=y.holiday_count,  # type: ignore[attr-defined]
            makeup_days=y.makeup_count,  # type: ignore[attr-defined]
            working_days=selectors.year_calendar(y.year).total,
        )
        for y in selectors.calendar_years()
    ]
