"""Issue 16: loading the State Council's schedule for a year counted provisionally recomputes every
running deadline that counted days of that year and lists each due date that moved, for the agency
concerned (command output and page)."""

from __future__ import annotations

import datetime as dt
import json
from io import StringIO
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from yangguang.cases.deadlines import case_deadlines
from yangguang.ledger.models import Entry
from yangguang.workdays.models import DueDateChange

D = dt.date
pytestmark = pytest.mark.django_db

# A test file in the loader's format (not the real 2027 notice, which is not published yet): 春节
# from 除夕 5 February to 11 February, with two make-up Saturdays.
CONFIRMED_2027 = """year: 2027
status: confirmed
source: 测试通知〔2026〕1号
holiday 2027-01-01..2027-01-03 元旦
holiday 2027-02-05..2027-02-11 春节
makeup 2027-01-30 春节
makeup 2027-02-20 春节
"""


def test_loading_the_confirmed_year_lists_every_changed_due_date(
    tmp_path: Path, new_case: Any, step: Any, officer: Any, admin_user: Any, client: Client
) -> None:
    moved = new_case(on=D(2026, 11, 7))
    step(moved, "file", officer, D(2026, 11, 7))  # 90 days: 5 Feb 2027, 除夕
    kept = new_case(on=D(2026, 11, 2))
    step(kept, "file", officer, D(2026, 11, 2))  # 90 days: 31 Jan 2027, a Sunday
    moved.refresh_from_db()
    kept.refresh_from_db()
    (d,) = case_deadlines(moved)
    assert (d.due, d.provisional) == (D(2027, 2, 9), True)  # past 除夕–初三 (5-8 Feb)
    (k,) = case_deadlines(kept)
    assert (k.due, k.provisional) == (D(2027, 2, 1), True)

    path = tmp_path / "2027.txt"
    path.write_text(CONFIRMED_2027, encoding="utf-8")
    out = StringIO()
    call_command("workdays", "load", str(path), "--user", admin_user.username, stdout=out)
    assert out.getvalue().splitlines() == [
        "已载入2027年节假日安排（已确认，法定节假日10天，调休上班日2天）",
        "按新安排重新计算，1个正在进行的期限到期日变更：",
        f"  {moved.agency.name}",
        f"    {moved.number}  作出处罚决定  2027-02-09 → 2027-02-12",
    ]
    (d,) = case_deadlines(moved)
    assert (d.due, d.provisional) == (D(2027, 2, 12), False)
    change = DueDateChange.objects.get()
    assert (change.agency_id, change.old_due, change.new_due, change.still_provisional) == (
        moved.agency_id,
        D(2027, 2, 9),
        D(2027, 2, 12),
        False,
    )
    entry = Entry.objects.filter(action="workdays.schedule.set").latest("seq")
    assert json.loads(entry.canonical)["payload"]["due_date_changes"] == {str(moved.agency_id): 1}

    # the agency's officers see it on the page
    client.force_login(officer)
    html = client.get(reverse("workdays:due_changes")).content.decode()
    assert f'<a href="/cases/{moved.pk}/">{moved.number}</a>' in html
    assert '<td class="old-due">2027-02-09</td>' in html
    assert '<td class="new-due">2027-02-12</td>' in html
    assert kept.number not in html


def test_another_agencys_officer_sees_none_of_it(
    tmp_path: Path, new_case: Any, step: Any, officer: Any, admin_user: Any, client: Client
) -> None:
    from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UserFactory

    case = new_case(on=D(2026, 11, 7))
    step(case, "file", officer, D(2026, 11, 7))
    path = tmp_path / "2027.txt"
    path.write_text(CONFIRMED_2027, encoding="utf-8")
    call_command("workdays", "load", str(path), stdout=StringIO())
    other = AgencyFactory(region=case.agency.region)
    stranger: Any = UserFactory(role="officer", agency=other, officer=OfficerFactory(agency=other))
    client.force_login(stranger)
    html = client.get(reverse("workdays:due_changes")).content.decode()
    assert "没有因节假日安排变更而改变的到期日。" in html
