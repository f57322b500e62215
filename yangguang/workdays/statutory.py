"""The fixed statutory holidays of a year (《全国年节及纪念日放假办法》, as revised by the State
Council on 2024-11-10, in force from 2025-01-01), for a year whose State Council schedule is not
loaded yet.

Art. 2 of the measures gives every citizen 13 days off: 元旦 1 day (1 January), 春节 4 days
(除夕 and 正月初一 to 初三), 清明节 1 day (the day of the solar term 清明), 劳动节 2 days (1 and 2 May),
端午节 1 day (五月初五), 中秋节 1 day (八月十五) and 国庆节 3 days (1 to 3 October). The lunar dates and
the solar term come from ``lunar_python`` (a maintained pure-Python Chinese calendar).

What the measures do not fix is left to the yearly notice (国务院办公厅关于X年部分节假日安排的通知):
the 补休 of a holiday that falls on a weekend and the 调休 make-up working days. A year counted with
these days alone therefore stays provisional (``selectors`` flags every deadline that reaches it)
until the notice is loaded, which replaces them.

Pure functions over dates; imports no model, so the data migration and the tests can use it.
"""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from lunar_python import Lunar, Solar

from .schedule_file import HOLIDAY, DaySpec

SOURCE = "《全国年节及纪念日放假办法》第二条（2024年修订）推算"
# The 2024 revision (国务院令第795号) applies from 2025; earlier years had 3 days of 春节 from 初一
# and 1 day of 劳动节, which only matters for a year without a loaded schedule (none before 2020).
REVISED_FROM = 2025


def _lunar(year: int, month: int, day: int) -> dt.date:
    s = Lunar.fromYmd(year, month, day).getSolar()
    return dt.date(s.getYear(), s.getMonth(), s.getDay())


def qingming(year: int) -> dt.date:
    """The day of the solar term 清明 (4, 5 or 6 April)."""
    for day in range(3, 8):
        if Solar.fromYmd(year, 4, day).getLunar().getJieQi() == "清明":
            return dt.date(year, 4, day)
    raise ValueError(f"清明 not found in April {year}")  # pragma: no cover - astronomy guarantees it


@lru_cache(maxsize=64)
def fixed_holidays(year: int) -> tuple[DaySpec, ...]:
    """The statutory holidays of ``year`` as the measures fix them (13 days from 2025)."""
    spring = _lunar(year, 1, 1)  # 正月初一 of the lunar year that starts in this solar year
    days: list[DaySpec] = [DaySpec(dt.date(year, 1, 1), HOLIDAY, "元旦")]
    if year >= REVISED_FROM:
        spring_days = [spring - dt.timedelta(days=1), *(spring + dt.timedelta(days=i) for i in range(3))]
        labour = [dt.date(year, 5, 1), dt.date(year, 5, 2)]
    else:
        spring_days = [spring + dt.timedelta(days=i) for i in range(3)]
        labour = [dt.date(year, 5, 1)]
    days += [DaySpec(d, HOLIDAY, "春节") for d in spring_days]
    days.append(DaySpec(qingming(year), HOLIDAY, "清明节"))
    days += [DaySpec(d, HOLIDAY, "劳动节") for d in labour]
    days.append(DaySpec(_lunar(year, 5, 5), HOLIDAY, "端午节"))
    days.append(DaySpec(_lunar(year, 8, 15), HOLIDAY, "中秋节"))
    days += [DaySpec(dt.date(year, 10, d), HOLIDAY, "国庆节") for d in (1, 2, 3)]
    # 中秋 can fall on 1-3 October (2028: 3 October): one day off, named by both.
    out: dict[dt.date, DaySpec] = {}
    for spec in days:
        if spec.date.year != year:
            continue  # 除夕 of a 春节 on 1 January would belong to the year before (never since 1900)
        if spec.date in out:
            spec = DaySpec(spec.date, HOLIDAY, f"{out[spec.date].name}、{spec.name}")
        out[spec.date] = spec
    return tuple(sorted(out.values(), key=lambda s: s.date))
