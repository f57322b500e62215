"""Rounds of the review: submitted, returned with problems, changed, resubmitted with the changes shown,
passed; coordination of a disagreement; every round, finding and opinion in the timeline and ledger."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.cases.models import Step
from yangguang.core.errors import DomainError
from yangguang.documents.models import IssuedDocument
from yangguang.ledger.models import Entry
from yangguang.review import services
from yangguang.review.gate import MSG_IN_PROGRESS, MSG_TRUTH
from yangguang.review.models import Finding, RequestStatus
from yangguang.review.tests.conftest import FINDINGS_OK, ON, PROPOSAL

pytestmark = pytest.mark.django_db


def test_submit_return_fix_resubmit_pass(ended_case: Any, step: Any, officer: Any, review_reviewer: Any) -> None:
    case = ended_case()
    step(case, "propose", officer, **{**PROPOSAL, "level": "severe", "outside_reason": "当事人拒不改正，社会影响恶劣"})
    case.refresh_from_db()
    assert case.is_major
    with pytest.raises(DomainError) as exc:
        step(case, "submit_review", officer, truth_statement=False)
    assert (exc.value.code, exc.value.message) == ("truth_statement_required", MSG_TRUTH)
    step(case, "submit_review", officer, truth_statement=True, note="请审核")
    request = case.review_requests.get()
    rnd = request.rounds.get()
    assert rnd.materials["proposal"] == "罚款；罚款60000元"
    assert rnd.discretion_outside and rnd.outside_reason == "当事人拒不改正，社会影响恶劣"
    assert "对法人或者其他组织处以5万元以上罚款（拟罚款60000元）" in rnd.materials["major_reasons"]
    assert "罚款幅度：20000元至50000元" in rnd.materials["discretion"]
    assert rnd.materials["evidence"] == ["证据登记：企业信用信息公示系统截图（2026-03-02）"]
    assert rnd.due_on.isoformat() == "2026-03-09"  # five working days after Monday 2 March
    # the unit cannot change the proposal while the reviewer holds it
    with pytest.raises(DomainError) as exc:
        step(case, "propose", officer, **{**PROPOSAL, "fine": "50000"})
    assert exc.value.message == MSG_IN_PROGRESS

    services.assign_reviewer(request=request, reviewer=review_reviewer.officer, actor=review_reviewer, on=ON)
    findings = dict(FINDINGS_OK)
    with pytest.raises(DomainError) as exc:
        services.record_opinion(
            request=request, actor=review_reviewer, findings=findings, opinion="agree", text="同意", on=ON
        )
    assert exc.value.message == services.MSG_DISCRETION_NOTE
    findings[6] = ("problem", "罚款超出裁量基准「严重」情形的上限，理由不充分")
    with pytest.raises(DomainError) as exc:
        services.record_opinion(
            request=request, actor=review_reviewer, findings=findings, opinion="agree", text="同意", on=ON
        )
    assert exc.value.message == services.MSG_AGREE_WITH_PROBLEMS
    services.record_opinion(
        request=request,
        actor=review_reviewer,
        findings=findings,
        opinion="problems",
        text="请在裁量幅度内重新拟定",
        on=ON,
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.RETURNED
    assert Finding.objects.filter(round=rnd, result="problem").get().check_no == 6

    # the unit changes the case and resubmits; the reviewer sees what changed
    step(case, "propose", officer, **{**PROPOSAL, "fine": "50000", "level": "severe"})
    step(case, "resubmit_review", officer, truth_statement=True, changes="罚款调整为50000元")
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW
    second = request.rounds.get(number=2)
    changed = {c["key"]: c for c in second.changes}
    assert changed["proposal"]["before"] == "罚款；罚款60000元"
    assert changed["proposal"]["after"] == "罚款；罚款50000元"
    assert not second.discretion_outside
    services.record_opinion(
        request=request, actor=review_reviewer, findings=FINDINGS_OK, opinion="agree", text="同意承办机构意见", on=ON
    )
    request.refresh_from_db()
    assert request.status == RequestStatus.PASSED
    case.refresh_from_db()
    from yangguang.review.gate import review_passed

    assert review_passed(case)
    actions = list(Step.objects.filter(case=case).values_list("action", flat=True))
    assert actions[-7:] == [
        "propose",
        "submit_review",
        "review_assign",
        "review_opinion",
        "propose",
        "resubmit_review",
        "review_opinion",
    ]
    opinion_steps = Step.objects.filter(case=case, action="review_opinion")
    assert [s.documents[0]["title"] for s in opinion_steps] == ["法制审核意见书", "法制审核意见书"]
    assert Entry.objects.filter(subject=case.subject_label, action="cases.review_opinion").count() == 2
    assert IssuedDocument.objects.filter(subject=case.subject_label, doc_type="legal_review_opinion").count() == 2


def test_coordination_records_both_positions(
    submitted_case: Any, officer: Any, review_reviewer: Any, agency_head: Any
) -> None:
    case = submitted_case()
    request = case.review_requests.get()
    services.assign_reviewer(request=request, reviewer=review_reviewer.officer, actor=agency_head, on=ON)
    findings = {**FINDINGS_OK, 5: ("problem", "应适用第十八条第二款")}
    services.record_opinion(
        request=request, actor=review_reviewer, findings=findings, opinion="problems", text="适用依据不准确", on=ON
    )
    with pytest.raises(DomainError) as exc:
        services.request_coordination(request=request, actor=officer, unit_position=" ", on=ON)
    assert exc.value.message == services.MSG_POSITION
    coordination = services.request_coordination(request=request, actor=officer, unit_position="第一款即可适用", on=ON)
    with pytest.raises(DomainError) as exc:
        services.resolve_coordination(
            coordination=coordination, actor=officer, method="agency_head", outcome="unit", conclusion="x", on=ON
        )
    assert exc.value.message == services.MSG_RESOLVE_ROLE
    services.resolve_coordination(
        coordination=coordination,
        actor=agency_head,
        method="collective",
        outcome="unit",
        conclusion="经集体讨论，采纳承办机构意见",
        on=ON,
    )
    request.refresh_from_db()
    coordination.refresh_from_db()
    assert request.status == RequestStatus.PASSED
    assert coordination.reviewer_position == "适用依据不准确"
    assert coordination.unit_position == "第一款即可适用"
    step = Step.objects.filter(case=case).last()
    assert step is not None and step.action == "review_coordination"
    assert step.data["coordination_outcome"] == "采纳承办机构意见，审核通过"
