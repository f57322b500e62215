#!/usr/bin/env python3
"""Provisional working-day years benchmark (not a test): the fixed holidays of 《全国年节及纪念日放假
办法》 from the lunar calendar, a count into a provisional year, and the recount of running deadlines
when the confirmed schedule is loaded (issue 16). Prints seconds.

    .venv/bin/python bench/workdays_recount_bench.py                 # SQLite (a fresh file database)
    .venv/bin/python scripts/pgtmp.py -- .venv/bin/python bench/workdays_recount_bench.py

Options: --deadlines N (default 20000): running deadlines of a synthetic source, half of them
10-working-day periods, half 90-day periods, starting between October and December 2026.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CONFIRMED_2027 = """year: 2027
status: confirmed
source: 基准测试文件（非正式通知）
holiday 2027-01-01..2027-01-03 元旦
holiday 2027-02-05..2027-02-11 春节
makeup 2027-01-30 春节
makeup 2027-02-20 春节
"""


def setup() -> None:
    os.environ.setdefault("YG_VAR_DIR", tempfile.mkdtemp(prefix="yg-workdays-bench-"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "yangguang.settings")
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("ledger", "keygen", "--if-missing", verbosity=0)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--deadlines", type=int, default=20000)
    args = parser.parse_args()
    setup()
    from django.db import connection

    from yangguang.roster.models import Agency, Region, RegionLevel
    from yangguang.workdays import hooks, selectors, services, statutory
    from yangguang.workdays.models import DueDateChange
    from yangguang.workdays.periods import PERIODS

    print(f"database: {connection.vendor}")
    statutory.fixed_holidays.cache_clear()
    t = time.perf_counter()
    for year in range(2027, 2127):
        statutory.fixed_holidays(year)
    print(
        f"fixed holidays from the lunar calendar: {(time.perf_counter() - t) / 100 * 1000:.2f} ms per year (100 years)"
    )

    selectors.add_working_days(dt.date(2026, 12, 28), 7)  # warm the cache
    t = time.perf_counter()
    for _ in range(10000):
        d = selectors.add_working_days(dt.date(2026, 12, 28), 7)
    print(f"add_working_days into the provisional year: {(time.perf_counter() - t) / 10000 * 1e6:.1f} µs ({d.due})")

    region, _ = Region.objects.get_or_create(
        code="330100", defaults={"name": "杭州市", "level": RegionLevel.CITY, "path": "/330100/"}
    )
    agency = Agency.objects.create(name="基准测试局", uscc="11330100MB0000001X", region=region)
    n = args.deadlines
    codes = ("demand_performance", "decision")
    starts = [(codes[i % 2], dt.date(2026, 10, 1) + dt.timedelta(days=i % 92)) for i in range(n)]

    def source(first: dt.date, last: dt.date) -> list[hooks.TrackedDue]:
        out = []
        for i, (code, start) in enumerate(starts):
            due = PERIODS[code].due(start).due
            out.append(
                hooks.TrackedDue(
                    source="bench",
                    agency_id=agency.pk,
                    subject=f"基准案件{i}",
                    url="",
                    what=PERIODS[code].name,
                    start=start,
                    due=due,
                    recompute=lambda code=code, start=start: PERIODS[code].due(start),  # type: ignore[misc]
                )
            )
        return out

    hooks.DEADLINE_SOURCES.add("bench", source, app="bench")
    t = time.perf_counter()
    services.load_schedule_text(text=CONFIRMED_2027, actor=None)
    seconds = time.perf_counter() - t
    moved = DueDateChange.objects.count()
    print(f"load the confirmed 2027 schedule with {n} running deadlines: {seconds:.2f} s, {moved} due dates moved")


if __name__ == "__main__":
    main()
