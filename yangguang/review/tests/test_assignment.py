"""Assignment: a legal reviewer of the agency's review unit who does not handle the case; a first review
of a penalty decision needs the legal professional qualification (行政处罚法 Art. 58); the review period
in working days (per agency) with warnings."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.review import selectors, services
from yangguang.review.models import RequestStatus, ReviewRequest, ReviewRound
from yangguang.review.tests.conftest import ON

pytestmark = pytest.mark.django_db
D = dt.date


def _request(case: Any) -> ReviewRequest:
    return case.review_requests.get()


def test_reviewer_must_be_in_the_review_unit(submitted_case: Any, reviewer: Any) -> None:
    case = submitted_case()
    # a reviewer moved out of the review unit into the enforcement unit (执法稽查处)
    reviewer.officer.unit = reviewer.officer.agency.units.get(is_review_unit=False)
    reviewer.officer.save()
    with pytest.raises(DomainError) as exc:
        services.assign_reviewer(request=_request(case), reviewer=reviewer.officer, actor=reviewer, on=ON)
    assert (exc.value.code, exc.value.message) == (
        "reviewer_not_eligible",
        "孙审核不是本机关法制审核机构的法制审核人员",
    )


def test_a_handler_of_the_case_may_not_review_it(
    submitted_case: Any, officer2: Any, agency: Any, review_reviewer: Any
) -> None:
    case = submitted_case()
    handler = officer2.officer
    handler.is_reviewer = True
    handler.legal_qualification = True
    handler.unit = agency.units.get(is_review_unit=True)
    handler.save()
    with pytest.raises(DomainError) as exc:
        services.assign_reviewer(request=_request(case), reviewer=handler, actor=review_reviewer, on=ON)
    assert (exc.value.code, exc.value.message) == (
        "reviewer_is_handler",
        f"{handler.name}是本案的承办人员，不得审核本案（法制审核与案件办理相分离）",
    )
    assert handler not in selectors.eligible_reviewers(case)
    assert review_reviewer.officer in selectors.eligible_reviewers(case)


def test_first_penalty_review_needs_the_legal_qualification(
    submitted_case: Any, agency: Any, review_reviewer: Any
) -> None:
    from yangguang.roster.tests.factories import OfficerFactory

    case = submitted_case()
    novice: Any = OfficerFactory(
        agency=agency,
        unit=agency.units.get(is_review_unit=True),
        name="周新人",
        is_reviewer=True,
        legal_qualification=False,
    )
    with pytest.raises(DomainError) as exc:
        services.assign_reviewer(request=_request(case), reviewer=novice, actor=review_reviewer, on=ON)
    assert (exc.value.code, exc.value.message) == (
        "reviewer_not_qualified",
        "周新人未取得法律职业资格，不得初次从事行政处罚决定法制审核（《行政处罚法》第五十八条）",
    )
    # a reviewer who has reviewed penalty decisions before may go on without it
    earlier = submitted_case()
    ReviewRequest.objects.filter(case=earlier).update(reviewer=novice)
    ReviewRound.objects.filter(request__case=earlier).update(reviewed_on=ON, opinion="agree")
    services.assign_reviewer(request=_request(case), reviewer=novice, actor=review_reviewer, on=ON)
    assert _request(case).reviewer == novice


def test_who_may_assign(submitted_case: Any, officer: Any, agency_head: Any, review_reviewer: Any) -> None:
    case = submitted_case()
    with pytest.raises(PermissionDeniedError) as exc:
        services.assign_reviewer(request=_request(case), reviewer=review_reviewer.officer, actor=officer, on=ON)
    assert exc.value.message == "只有本机关的法制审核人员或行政机关负责人可以分配法制审核任务"
    services.assign_reviewer(request=_request(case), reviewer=review_reviewer.officer, actor=agency_head, on=ON)
    request = _request(case)
    assert request.status == RequestStatus.IN_REVIEW and request.assigned_on == ON
    assert case.steps.filter(action="review_assign").get().data["reviewer"] == review_reviewer.officer.name


def test_review_deadline_is_in_working_days_per_agency_with_warnings(
    submitted_case: Any, agency: Any, agency_head: Any, officer: Any, review_reviewer: Any
) -> None:
    with pytest.raises(PermissionDeniedError) as exc:
        services.set_deadline_days(agency=agency, days=3, actor=officer)
    assert exc.value.message == "法制审核期限由行政机关负责人或系统管理员设置"
    with pytest.raises(DomainError) as exc2:
        services.set_deadline_days(agency=agency, days=0, actor=agency_head)
    assert exc2.value.message == "审核期限应为1至30个工作日"
    services.set_deadline_days(agency=agency, days=3, actor=agency_head)
    case = submitted_case()  # submitted Monday 2 March 2026
    rnd = _request(case).rounds.get()
    assert rnd.due_on == D(2026, 3, 5)  # three working days later
    assert selectors.deadline_status(rnd, agency, D(2026, 3, 2))["status"] == "ok"
    assert selectors.deadline_status(rnd, agency, D(2026, 3, 4))["status"] == "warning"
    assert selectors.deadline_status(rnd, agency, D(2026, 3, 6))["status"] == "overdue"
    q = selectors.queue(review_reviewer, D(2026, 3, 4))
    assert [r["case"].pk for r in q["unassigned"]] == [case.pk]
    assert q["unassigned"][0]["deadline"]["status"] == "warning"
