"""Confirmation before an irreversible step on the case page (作出决定, 撤销…, 归档, 不予立案): a summary
of what will be done and the statutory periods already run out on the day of the act; nothing is done
until the same values are posted again with ``confirmed``. A step only submitted for approval needs no
confirmation (the approver confirms on the approval page, which warns of passed periods too)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from yangguang.cases.models import Case
from yangguang.cases.selectors import passed_deadlines
from yangguang.cases.workflow import WORKFLOWS, is_irreversible

D = dt.date
DECISION = {
    "decision_type": "penalty",
    "penalty_types": ["fine"],
    "fine": "5000",
    "reasons": "违法事实清楚",
}


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_irreversible_steps() -> None:
    found = {(k, t.action) for k, wf in WORKFLOWS.items() for t in wf.transitions if is_irreversible(t)}
    assert {("penalty_ordinary", "decide"), ("penalty_ordinary", "annul"), ("penalty_ordinary", "archive")} <= found
    assert {
        ("penalty_summary", "decide_on_spot"),
        ("licensing", "decide_licence"),
        ("penalty_ordinary", "not_file"),
    } <= found
    assert ("penalty_ordinary", "file") not in found and ("penalty_ordinary", "serve") not in found


def test_a_late_decision_is_confirmed_with_the_passed_period(
    notified_case: Any, step: Any, officer: Any, agency_head: Any
) -> None:
    case = notified_case()  # filed 2026-03-02: the decision is due 90 days later (2026-05-31, a Sunday: 1 June)
    step(case, "record_statement", officer, D(2026, 3, 13), content="无异议")
    c = _client(agency_head)
    url = reverse("cases:act", args=[case.pk, "decide"])
    r = c.post(url, {**DECISION, "occurred_on": "2026-06-03"})
    page = r.content.decode()
    assert r.status_code == 200 and "确认：作出决定" in page
    assert "作出处罚决定（90日，《行政处罚法》第六十条）已于2026年6月1日届满，已逾期2日" in page
    assert "给予行政处罚" in page and "5000" in page  # the summary shows labels, not codes
    assert 'name="penalty_types" value="fine"' in page and 'name="confirmed" value="1"' in page
    assert Case.objects.get(pk=case.pk).state == "notified"
    r = c.post(url, {**DECISION, "occurred_on": "2026-06-03", "confirmed": "1"})
    assert r.status_code == 302 and Case.objects.get(pk=case.pk).state == "decided"


def test_passed_deadlines_on_the_day(notified_case: Any) -> None:
    case = notified_case()
    assert passed_deadlines(case, D(2026, 3, 19)) == []
    assert passed_deadlines(case, D(2026, 3, 20)) == [
        "陈述申辩、申请听证（5个工作日，《行政处罚法》第四十四条、第六十四条）已于2026年3月19日届满，已逾期1日"
    ]


def test_a_submission_for_sign_off_needs_no_confirmation(notified_case: Any, officer: Any) -> None:
    case = notified_case()
    r = _client(officer).post(reverse("cases:act", args=[case.pk, "decide"]), {**DECISION, "occurred_on": "2026-03-20"})
    assert r.status_code == 302
    assert case.approval_requests.get(status="pending").label == "处罚决定审签"
