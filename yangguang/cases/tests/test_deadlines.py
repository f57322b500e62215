"""Deadlines derived from the recorded dates with the working-day calendar."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from yangguang.cases.deadlines import amount_owed, case_deadlines, surcharge
from yangguang.cases.selectors import agency_deadlines, officer_deadlines, past_fines
from yangguang.cases.tests.conftest import END, SERVE

D = dt.date


def _codes(case: Any) -> dict[str, dt.date]:
    case.refresh_from_db()
    return {d.code: d.due for d in case_deadlines(case)}


def test_decision_deadline_90_days_with_extension(new_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = new_case()
    assert _codes(case) == {}
    step(case, "file", officer, D(2026, 3, 2))
    assert _codes(case) == {"decision": D(2026, 6, 1)}  # 31 May is a Sunday: rolls to Monday
    step(case, "extend_decision_deadline", agency_head, D(2026, 5, 20), reason="案情复杂", days=30)
    assert _codes(case) == {"decision": D(2026, 6, 30)}


def test_evidence_preservation_and_statement_periods_skip_holidays(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case(on=D(2026, 9, 21))
    step(case, "file", officer, D(2026, 9, 21))
    step(
        case,
        "preserve_evidence",
        officer,
        D(2026, 9, 22),
        items="账册，2025年度，3本",
        storage_place="本局证物室",
        approval="批准",
    )
    # 7 working days after Tuesday 22 September, skipping 中秋 (25-27) and 国庆 (1-7 October), with 10 October worked
    assert _codes(case)["evidence_preservation"] == D(2026, 10, 9)
    step(case, "dispose_evidence", officer, D(2026, 9, 24), preservation=case.preservations.get().pk, disposal="退还")
    step(case, "end_investigation", officer, D(2026, 9, 24), report="建议罚款", **END)
    step(case, "issue_notice", officer, D(2026, 9, 24), penalty_types=["warning"], legal_basis="x")
    assert _codes(case)["statement"] == D(2026, 10, 9)  # 28, 29, 30 Sept, 8, 9 Oct


def test_service_and_payment(notified_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = notified_case()
    step(case, "waive_statement", officer, D(2026, 3, 13), content="放弃")
    step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 13),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="5000",
        reasons="x",
    )
    assert _codes(case) == {"service": D(2026, 3, 24)}  # 7 working days
    step(case, "serve", officer, D(2026, 3, 16), method="direct", recipient="王五", **SERVE)
    assert _codes(case) == {"payment": D(2026, 3, 31)}
    # 3% a day after 31 March: two days late on 2 April = 300 yuan
    step(case, "record_payment", officer, D(2026, 4, 2), amount="5000")
    case.refresh_from_db()
    assert amount_owed(case, D(2026, 4, 2)) == (Decimal("5000.00"), Decimal("300.00"), Decimal("300.00"))
    assert case.steps.get(action="record_payment").data["outstanding"] == "300.00"
    step(case, "record_payment", officer, D(2026, 4, 2), amount="300")
    step(case, "close", officer, D(2026, 4, 3), summary="已缴清")


def test_surcharge_is_capped_at_the_fine() -> None:
    assert surcharge(Decimal("1000"), D(2026, 3, 31), D(2026, 3, 31)) == Decimal("0.00")
    assert surcharge(Decimal("1000"), D(2026, 3, 31), D(2026, 4, 1)) == Decimal("30.00")
    assert surcharge(Decimal("1000"), D(2026, 3, 31), D(2026, 5, 31)) == Decimal("1000")


def test_status_warning_overdue_and_provisional(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case(on=D(2026, 11, 2))
    step(case, "file", officer, D(2026, 11, 2))
    case.refresh_from_db()
    (d,) = case_deadlines(case)
    # 90 days after 2 November 2026 falls in 2027, whose holidays are not announced yet
    assert d.due == D(2027, 2, 1) and d.provisional
    assert d.provisional_note == "暂定：2027年节假日安排尚未公布"
    assert d.status(D(2027, 1, 1)) == "ok"
    assert d.status(D(2027, 1, 28)) == "warning"
    assert d.status(D(2027, 2, 2)) == "overdue"


def test_lists_per_officer_and_agency(
    new_case: Any, step: Any, officer: Any, officer2: Any, agency_head: Any, supervisor: Any, agency: Any
) -> None:
    from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UserFactory

    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    other = AgencyFactory(region=agency.region)
    stranger: Any = UserFactory(username="x", role="officer", agency=other, officer=OfficerFactory(agency=other))
    assert [r["case"].pk for r in officer_deadlines(officer)] == [case.pk]
    assert [r["case"].pk for r in officer_deadlines(officer2)] == [case.pk]
    assert officer_deadlines(stranger) == []
    assert [r["case"].pk for r in agency_deadlines(agency_head)] == [case.pk]
    assert [r["case"].pk for r in agency_deadlines(supervisor)] == [case.pk]
    assert agency_deadlines(stranger) == []


def test_past_fines_feed_the_discretion_assistant(
    notified_case: Any, step: Any, officer: Any, agency_head: Any, item: Any
) -> None:
    case = notified_case()
    step(case, "waive_statement", officer, D(2026, 3, 13), content="放弃")
    step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 13),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="4000",
        reasons="x",
    )
    provider = past_fines
    assert list(provider(agency=case.agency, item=item, party_kind="organization")) == [Decimal("4000.00")]
    assert list(provider(agency=case.agency, item=item, party_kind="person")) == []


def test_agency_list_costs_a_constant_number_of_queries(
    new_case: Any, step: Any, officer: Any, agency_head: Any, django_assert_max_num_queries: Any
) -> None:
    for _ in range(4):
        step(new_case(), "file", officer, D(2026, 3, 2))
    with django_assert_max_num_queries(12):
        rows = agency_deadlines(agency_head, D(2026, 3, 3))
    assert len(rows) == 4
