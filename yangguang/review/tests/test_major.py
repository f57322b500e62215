"""What is major: the agency's catalog applied to the case's proposal, the officers' flags with their
reasons and a hearing held; the case shows why; a case that is not major is never blocked."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.test import Client

from yangguang.cases.models import Case
from yangguang.core.errors import DomainError
from yangguang.review.tests.conftest import ON, PROPOSAL, company, person

pytestmark = pytest.mark.django_db
D = dt.date


def _major(case: Any) -> bool:
    return Case.objects.get(pk=case.pk).is_major


def test_a_60000_fine_against_a_company_is_major_and_the_case_says_why(
    ended_case: Any, step: Any, officer: Any
) -> None:
    case = ended_case()
    s = step(case, "propose", officer, **{**PROPOSAL, "fine": "40000", "level": "severe"})
    assert not _major(case)
    assert s.data["major_reasons"] == ["不属于重大执法决定"]
    s = step(case, "propose", officer, **{**PROPOSAL, "level": "severe", "outside_reason": "情节特别严重"})
    assert _major(case)
    assert s.data["major_reasons"] == ["对法人或者其他组织处以5万元以上罚款（拟罚款60000元）"]
    c = Client()
    c.force_login(officer)
    page = c.get(f"/cases/{case.pk}/").content.decode()
    assert "重大执法决定：作出决定前须经法制审核" in page
    assert "对法人或者其他组织处以5万元以上罚款（拟罚款60000元）" in page
    assert "20000元至50000元" in page and "超出裁量基准范围（法制审核第6项标记）" in page


def test_thresholds_differ_for_persons_and_penalty_types_count(ended_case: Any, step: Any, officer: Any) -> None:
    case = ended_case(parties=[person()])
    step(case, "propose", officer, **{**PROPOSAL, "fine": "10000", "level": "general", "outside_reason": "从重"})
    assert _major(case)
    other = ended_case(parties=[company(2)])
    s = step(other, "propose", officer, penalty_types=["revoke_licence"], legal_basis="x", outside_reason="吊销")
    assert s.data["major_reasons"] == ["吊销许可证件（拟处吊销许可证件）"]


def test_officer_flags_need_a_reason_and_can_be_cleared(ended_case: Any, step: Any, officer: Any) -> None:
    case = ended_case()
    step(case, "propose", officer, **{**PROPOSAL, "fine": "30000", "level": "severe"})
    assert not _major(case)
    with pytest.raises(DomainError) as exc:
        step(case, "flag_major", officer, flag="complex")
    assert exc.value.message == "请填写理由"
    s = step(case, "flag_major", officer, reason="涉及食品安全和广告两个法律关系", flag="complex")
    assert _major(case)
    assert s.data["major_reasons"] == ["案件情况疑难复杂、涉及多个法律关系：涉及食品安全和广告两个法律关系"]
    step(case, "clear_major_flag", officer, reason="经复核仅涉及一个法律关系", flag="complex")
    assert not _major(case)


def test_outside_the_benchmark_needs_a_written_reason(ended_case: Any, step: Any, officer: Any) -> None:
    case = ended_case()
    with pytest.raises(DomainError) as exc:
        step(case, "propose", officer, **{**PROPOSAL, "level": "severe"})
    assert (exc.value.code, exc.value.message) == (
        "discretion_reason_required",
        "拟处罚超出裁量基准范围，须书面说明理由",
    )
    assert Case.objects.get(pk=case.pk).proposed_fine is None  # nothing half-written
    s = step(case, "propose", officer, **{**PROPOSAL, "level": "severe", "outside_reason": "拒不改正"})
    assert s.data["discretion_outside"] is True
    assert "罚款幅度：20000元至50000元" in s.data["discretion"]
    assert "拟罚款金额60000元高于裁量基准「严重」情形的上限50000元" in s.data["discretion"]


def test_a_hearing_held_makes_the_decision_major(ended_case: Any, step: Any, officer: Any, agency: Any) -> None:
    from yangguang.roster.tests.factories import OfficerFactory

    case = ended_case()
    step(case, "issue_notice", officer, D(2026, 3, 3), penalty_types=["restrict_business"], legal_basis="x")
    assert not _major(case)
    step(case, "request_hearing", officer, D(2026, 3, 4))
    chair: Any = OfficerFactory(agency=agency, name="钱主持")
    step(
        case, "hearing_notice", officer, D(2026, 3, 4), hearing_time="2026-03-13T09:30", place="听证室", chair=chair.pk
    )
    s = step(case, "hold_hearing", officer, D(2026, 3, 13), summary="当事人到场", clerk="钱记录")
    assert _major(case)
    assert s.data["major_reasons"] == ["经过听证程序"]
    # the unit submits from the notice stage; the case waits in review
    step(case, "submit_review", officer, D(2026, 3, 13), truth_statement=True)
    assert Case.objects.get(pk=case.pk).state == "legal_review"


def test_a_case_that_is_not_major_is_never_blocked(ended_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = ended_case()
    step(case, "issue_notice", officer, penalty_types=["fine"], fine="5000", legal_basis="x")
    step(case, "waive_statement", officer, content="放弃陈述申辩")
    decision = {"decision_type": "penalty", "penalty_types": ["fine"], "fine": "5000", "reasons": "依法处罚"}
    step(case, "decide", agency_head, **decision)
    assert Case.objects.get(pk=case.pk).state == "decided"
    assert not case.review_requests.exists()
    with pytest.raises(DomainError) as exc:
        step(ended_case(parties=[company(3)]), "submit_review", officer, ON, truth_statement=True)
    assert exc.value.message == "本案不属于重大执法决定，无需法制审核"
