"""The stored soonest due date (``Case.next_due_on``): it follows every step and record that moves a
period, and the workdays recount; the "即将到期" panel and the to-do centre read it with an index
and list exactly what computing every open case's deadlines would list."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from django.core.management import call_command

from yangguang.cases.deadlines import DEADLINE_STATES, PREFETCH, case_deadlines, next_due, recount_all
from yangguang.cases.models import Case
from yangguang.cases.selectors import due_soon, visible_cases
from yangguang.cases.workflow import OPEN_STATES

from .test_provisional_recount import CONFIRMED_2027

D = dt.date
pytestmark = pytest.mark.django_db


def _stored(case: Any) -> dt.date | None:
    """The stored value, checked against the computation from the records."""
    case.refresh_from_db()
    assert case.next_due_on == next_due(Case.objects.prefetch_related(*PREFETCH).get(pk=case.pk))
    return case.next_due_on


def test_next_due_follows_the_steps_and_the_recount(
    tmp_path: Path, new_case: Any, step: Any, officer: Any, agency_head: Any, admin_user: Any
) -> None:
    case = new_case(on=D(2026, 9, 21))
    assert _stored(case) is None
    step(case, "file", officer, D(2026, 9, 21))
    decision = _stored(case)
    assert decision is not None
    step(case, "preserve_evidence", officer, D(2026, 9, 22), items="账册3本", storage_place="证物室", approval="批准")
    assert _stored(case) == D(2026, 10, 9)  # the preservation's 7 working days come first
    step(case, "dispose_evidence", officer, D(2026, 9, 24), preservation=case.preservations.get().pk, disposal="退还")
    assert _stored(case) == decision
    step(case, "extend_decision_deadline", agency_head, D(2026, 9, 25), reason="案情复杂", days=30)
    assert (_stored(case) or decision) > decision  # the 30 days' extension

    moved = new_case(on=D(2026, 11, 7))
    step(moved, "file", officer, D(2026, 11, 7))
    assert _stored(moved) == D(2027, 2, 9)  # provisional 2027
    path = tmp_path / "2027.txt"
    path.write_text(CONFIRMED_2027, encoding="utf-8")
    call_command("workdays", "load", str(path), "--user", admin_user.username, stdout=open("/dev/null", "w"))
    assert _stored(moved) == D(2027, 2, 12)  # the confirmed schedule moved it
    assert recount_all() == 0


def _brute(user: Any, today: dt.date) -> list[tuple[dt.date, int, str]]:
    """What the panel listed before: every open case's deadlines, computed, the non-ok ones."""
    rows = []
    for case in (
        visible_cases(user).filter(state__in=OPEN_STATES).filter(state__in=DEADLINE_STATES).prefetch_related(*PREFETCH)
    ):
        rows += [(d.due, case.pk, d.code) for d in case_deadlines(case) if d.status(today) != "ok"]
    return sorted(rows)


def test_due_soon_reads_the_index_and_lists_what_the_computation_lists(
    new_case: Any, step: Any, officer: Any, agency_head: Any, supervisor: Any
) -> None:
    for day in (D(2026, 3, 2), D(2026, 3, 2), D(2026, 3, 9), D(2026, 5, 6), D(2026, 6, 1), D(2026, 9, 1)):
        step(new_case(on=day), "file", officer, day)
    preserved = new_case(on=D(2026, 8, 3))
    step(preserved, "file", officer, D(2026, 8, 3))
    step(preserved, "preserve_evidence", officer, D(2026, 8, 4), items="账册", storage_place="证物室", approval="批准")
    today = D(2026, 8, 20)
    for user in (agency_head, supervisor, officer):
        want = _brute(user, today) if user is not officer else None
        for limit in (2, 10, None):
            got = [(r["deadline"].due, r["case"].pk, r["deadline"].code) for r in due_soon(user, today, limit=limit)]
            if want is not None:
                assert got == want[:limit]
            assert all(r["status"] != "ok" for r in due_soon(user, today, limit=limit))
    assert len(_brute(agency_head, today)) > 2  # overdue decisions and the preservation: more than a limit
