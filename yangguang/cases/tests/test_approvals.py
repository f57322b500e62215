"""Approvals (审批) as workflow steps: submission by the handler, the approver's queue, approval
(the step is taken under it, printed on its document), return with a reason, withdrawal, dated
delegation while absent, the to-do centre's items and the notifications (e-mail, locmem)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from yangguang.cases import approval_selectors as sel
from yangguang.cases.models import ApprovalRequest, Case
from yangguang.cases.services import create_delegation, decide_approval, revoke_delegation, withdraw_approval
from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.core.extensions import todo_for
from yangguang.documents.models import IssuedDocument
from yangguang.ledger.models import Entry
from yangguang.roster.tests.factories import UserFactory

D = dt.date


def _request(step: Any) -> ApprovalRequest:
    assert step.action == "approval_request", step.action
    return ApprovalRequest.objects.get(pk=step.data["request"])


def test_filing_waits_for_the_unit_heads_approval(new_case: Any, submit: Any, officer: Any, unit_head: Any) -> None:
    case = new_case()
    req = _request(submit(case, "file", officer, D(2026, 3, 2)))
    assert Case.objects.get(pk=case.pk).state == "clue"
    # one pending submission per step
    with pytest.raises(DomainError) as exc:
        submit(case, "file", officer, D(2026, 3, 2))
    assert (exc.value.code, exc.value.message) == ("approval_pending", "“立案”已提请立案审批，正在等待审批")
    assert sel.approval_queue(unit_head, D(2026, 3, 2)) == [req]
    assert sel.approval_queue(officer, D(2026, 3, 2)) == []
    with pytest.raises(PermissionDeniedError):
        decide_approval(request=req, actor=officer, approve=True, occurred_on=D(2026, 3, 2))
    step = decide_approval(request=req, actor=unit_head, approve=True, opinion="同意立案", occurred_on=D(2026, 3, 2))
    case.refresh_from_db()
    assert (step.action, step.actor, case.state) == ("file", officer, "investigating")
    assert step.data["approval"]["by"] == "钱科长" and step.data["approval"]["opinion"] == "同意立案"
    assert list(case.steps.values_list("action", flat=True)) == [
        "create",
        "approval_request",
        "approval_approve",
        "file",
    ]
    # the approval is in the ledger and printed on the filing approval form (立案审批表)
    assert Entry.objects.filter(subject=case.subject_label, action="cases.approval_approve").count() == 1
    doc = IssuedDocument.objects.get(subject=case.subject_label, doc_type="case_filing")
    assert doc.context["approver"] == "钱科长" and doc.context["approver_opinion"] == "同意立案"
    req.refresh_from_db()
    assert (req.status, req.decided_by, req.decided_on) == ("approved", unit_head, D(2026, 3, 2))
    with pytest.raises(DomainError) as exc:
        decide_approval(request=req, actor=unit_head, approve=True, occurred_on=D(2026, 3, 2))
    assert exc.value.message == "该审批事项已批准，不能再次审批"


def test_return_with_reason_then_resubmit(
    new_case: Any, submit: Any, step: Any, officer: Any, unit_head: Any, agency_head: Any
) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    req = _request(
        submit(case, "preserve_evidence", officer, D(2026, 3, 3), items="过期食品，12袋", storage_place="证物室")
    )
    # 先行登记保存 is for the agency's responsible person (Art. 56), not the unit head
    assert sel.approval_queue(unit_head, D(2026, 3, 3)) == []
    with pytest.raises(PermissionDeniedError) as denied:
        decide_approval(request=req, actor=unit_head, approve=True, occurred_on=D(2026, 3, 3))
    assert denied.value.message == "先行登记保存审批由行政机关负责人审批（《行政处罚法》第五十六条）"
    with pytest.raises(DomainError) as exc:
        decide_approval(request=req, actor=agency_head, approve=False, occurred_on=D(2026, 3, 3))
    assert exc.value.message == "退回须填写理由"
    back = decide_approval(
        request=req, actor=agency_head, approve=False, opinion="请写明规格", occurred_on=D(2026, 3, 3)
    )
    assert back.action == "approval_return" and back.reason == "请写明规格"
    assert [r.opinion for r in sel.returned_to_redo(officer)] == ["请写明规格"]
    mine = todo_for(officer, D(2026, 3, 3))["mine"]
    assert [(i["kind"], i["note"]) for i in mine] == [("被退回", "周局长退回：请写明规格")]
    again = _request(
        submit(
            case, "preserve_evidence", officer, D(2026, 3, 3), items="过期食品，500克/袋，12袋", storage_place="证物室"
        )
    )
    assert sel.returned_to_redo(officer) == []
    taken = decide_approval(request=again, actor=agency_head, approve=True, occurred_on=D(2026, 3, 3))
    assert taken.action == "preserve_evidence" and case.preservations.count() == 1
    notice = IssuedDocument.objects.get(subject=case.subject_label, doc_type="evidence_preservation_notice")
    assert notice.context["approver"] == "周局长"


def test_withdraw(new_case: Any, submit: Any, officer: Any, officer2: Any) -> None:
    case = new_case()
    req = _request(submit(case, "file", officer, D(2026, 3, 2)))
    with pytest.raises(DomainError) as exc:
        withdraw_approval(request=req, actor=officer2)
    assert exc.value.message == "只有提请人可以撤回审批申请"
    withdraw_approval(request=req, actor=officer)
    req.refresh_from_db()
    assert req.status == "withdrawn"


def test_delegation_while_absent(new_case: Any, submit: Any, step: Any, officer: Any, agency_head: Any) -> None:
    today = timezone.localdate()
    deputy: Any = UserFactory(role="agency_head", agency=agency_head.agency, full_name="吴副局长")
    case = new_case(on=today)
    step(case, "file", officer, today)
    req = _request(submit(case, "extend_decision_deadline", officer, today, reason="案情复杂", days=30))
    assert sel.approval_queue(deputy, today) == [req]  # a deputy head approves by his own authority …
    unit: Any = UserFactory(role="unit_head", agency=agency_head.agency, full_name="王科长")
    with pytest.raises(DomainError) as exc:
        create_delegation(actor=agency_head, delegate=unit, starts_on=today, ends_on=today, reason="外出")
    assert exc.value.message == "受托人应为本机关在职的行政机关负责人"
    with pytest.raises(DomainError) as exc:
        create_delegation(actor=agency_head, delegate=deputy, starts_on=today, ends_on=today, reason="")
    assert exc.value.message == "请填写委托事由（如：外出培训）"
    # … and a unit head may approve the head's approvals only under the head's delegation
    unit_head2: Any = UserFactory(role="unit_head", agency=agency_head.agency, full_name="冯科长")
    assert sel.approval_queue(unit_head2, today) == []
    other_unit_head: Any = UserFactory(role="unit_head", agency=agency_head.agency)
    d = create_delegation(
        actor=other_unit_head,
        delegate=unit_head2,
        starts_on=today,
        ends_on=today + dt.timedelta(days=3),
        reason="外出培训",
    )
    assert sel.approval_queue(unit_head2, today) == []  # a unit head's delegation carries no head's approval
    revoke_delegation(delegation=d, actor=d.principal)
    d = create_delegation(
        actor=agency_head, delegate=deputy, starts_on=today, ends_on=today + dt.timedelta(days=3), reason="外出培训"
    )
    taken = decide_approval(request=req, actor=deputy, approve=True, occurred_on=today)
    assert taken.data["approval"]["delegated_from"] == ""  # the deputy head's own authority came first
    assert (
        Entry.objects.filter(action="cases.approval_delegation", subject=f"roster.user:{agency_head.pk}").count() == 1
    )
    revoke_delegation(delegation=d, actor=agency_head)
    d.refresh_from_db()
    assert d.revoked_on == today


def test_unit_head_delegates_filing_approval(new_case: Any, submit: Any, officer: Any, unit_head: Any) -> None:
    today = timezone.localdate()
    deputy: Any = UserFactory(role="unit_head", agency=unit_head.agency, full_name="李副科长")
    case = new_case(on=today)
    req = _request(submit(case, "file", officer, today))
    # the deputy heads no unit of the case's handlers: only a delegation lets him approve
    assert sel.approval_queue(deputy, today) == []
    with pytest.raises(PermissionDeniedError) as exc:
        decide_approval(request=req, actor=deputy, approve=True, occurred_on=today)
    assert exc.value.message == "您不是本案承办机构的负责人"
    create_delegation(actor=unit_head, delegate=deputy, starts_on=today, ends_on=today, reason="外出执法")
    assert sel.approval_queue(deputy, today) == [req]
    taken = decide_approval(request=req, actor=deputy, approve=True, opinion="同意", occurred_on=today)
    assert taken.data["approval"]["delegated_from"] == "钱科长"
    doc = IssuedDocument.objects.get(subject=case.subject_label, doc_type="case_filing")
    assert doc.context["approver"] == "李副科长（受钱科长委托）"
    req.refresh_from_db()
    assert req.delegation is not None and req.delegation.principal == unit_head
    # a delegation outside its dates gives nothing
    assert sel.approval_queue(deputy, today + dt.timedelta(days=1)) == []


def test_approver_taking_the_step_approves_it_himself(new_case: Any, step: Any, officer: Any, unit_head: Any) -> None:
    case = new_case()
    taken = step(case, "file", unit_head, D(2026, 3, 2))
    assert taken.action == "file" and taken.data["approval"]["by"] == "钱科长"
    assert not ApprovalRequest.objects.exists()


def test_todo_items_and_counts(new_case: Any, submit: Any, officer: Any, unit_head: Any, agency_head: Any) -> None:
    today = timezone.localdate()
    case = new_case(on=today)
    submit(case, "file", officer, today)
    assert [i["kind"] for i in todo_for(unit_head, today)["mine"]] == ["待审批"]
    assert [i["kind"] for i in todo_for(agency_head, today)["mine"]] == ["待审批"]
    assert todo_for(officer, today)["mine"] == []
    c = Client()
    c.force_login(unit_head)
    counts = c.get("/todo/counts").content.decode()
    assert 'id="todo-count-mine" title="待我处理">1<' in counts
    page = c.get("/todo/").content.decode()
    assert "立案审批" in page and f"/cases/approvals/{case.approval_requests.get().pk}/" in page


def test_notifications_by_email(settings: Any, new_case: Any, submit: Any, officer: Any, unit_head: Any) -> None:
    settings.NOTIFY_CHANNELS = ["email"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://zf.example.gov.cn"
    unit_head.email = "qian@example.gov.cn"
    unit_head.save(update_fields=["email"])
    officer.email = "li@example.gov.cn"
    officer.save(update_fields=["email"])
    case = new_case()
    req = _request(submit(case, "file", officer, D(2026, 3, 2)))
    assert [(m.to, m.subject) for m in mail.outbox] == [
        (["qian@example.gov.cn"], f"【阳光执法】待审批：立案审批（{case.number}）")
    ]
    assert f"https://zf.example.gov.cn/cases/approvals/{req.pk}/" in mail.outbox[0].body
    decide_approval(request=req, actor=unit_head, approve=False, opinion="补充材料", occurred_on=D(2026, 3, 2))
    assert mail.outbox[-1].to == ["li@example.gov.cn"] and "补充材料" in mail.outbox[-1].body


def test_notifications_are_off_by_default(new_case: Any, submit: Any, officer: Any, unit_head: Any) -> None:
    unit_head.email = "qian@example.gov.cn"
    unit_head.save(update_fields=["email"])
    submit(new_case(), "file", officer, D(2026, 3, 2))
    assert mail.outbox == []


def test_delegation_page_asks_the_policy_before_the_form(officer: Any, unit_head: Any) -> None:
    url = "/cases/approvals/delegations/"
    c = Client()
    c.force_login(officer)
    assert c.post(url, {}).status_code == 403  # an officer never delegates, whatever he sends
    c.force_login(unit_head)
    response = c.post(url, {"delegate": "", "starts_on": "", "ends_on": ""})
    assert response.status_code == 400 and "请选择受托人" in response.content.decode()
