"""The publication pipeline (事后公开): outbox in the decision's transaction, due dates, redaction,
never-published cases, the approval step, withdrawal, corrections, expiry and the ledger."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from yangguang.core.errors import DomainError
from yangguang.core.validators import make_resident_id
from yangguang.ledger.models import Entry
from yangguang.publicity import search, selectors, services
from yangguang.publicity.models import Publication, PublicationVersion, PushTask
from yangguang.workdays.periods import add_months

from .conftest import PERSON_ADDRESS, PERSON_BANK, PERSON_PHONE, org_party, person_party

pytestmark = pytest.mark.django_db
D = dt.date


def test_publication_created_in_the_decisions_transaction(decide: Any) -> None:
    case = decide()
    pub = Publication.objects.get(case=case)
    assert pub.status == "published"
    assert pub.published_on == timezone.localdate()
    assert pub.due_on >= pub.published_on  # due date met
    assert PushTask.objects.filter(publication=pub, event="publish").count() == 1
    assert pub.ledger_seq is not None
    entry = Entry.objects.get(seq=pub.ledger_seq)
    assert entry.public is True and entry.action == "publicity.publish"


def test_rollback_leaves_no_publication(decide: Any) -> None:
    """The publication record (with its due date) is part of the decision's transaction."""
    from yangguang.cases.models import Case

    with mock.patch.object(services, "due_date", side_effect=RuntimeError("boom")):
        with pytest.raises(RuntimeError):
            decide()
    assert Publication.objects.count() == 0
    # The decision itself rolled back with it.
    assert not Case.objects.filter(state="decided").exists()


def test_a_failed_index_never_undoes_a_decision(decide: Any) -> None:
    from yangguang.jobs import outbox
    from yangguang.jobs.models import OutboxItem

    with mock.patch.object(services.search, "index_publication", side_effect=RuntimeError("boom")):
        case = decide()
    assert case.state == "decided"
    pub = Publication.objects.get(case=case)
    assert pub.status == "published"  # published; only the search index is behind
    item = OutboxItem.objects.get(kind="publicity.index")
    assert item.status == "pending" and "boom" in item.last_error and item.attempts == 1
    OutboxItem.objects.filter(pk=item.pk).update(next_attempt_at=item.created_at)
    assert outbox.run_item(item.pk) == "done"
    assert pub.pk in search.search("占道", search.SearchFilters(), today=pub.published_on or timezone.localdate()).ids


def test_due_dates_in_working_days() -> None:
    # 2026-03-02 is a Monday: 7 working days -> 03-11, 20 working days -> 03-30.
    assert services.due_date("penalty", D(2026, 3, 2)) == D(2026, 3, 11)
    assert services.due_date("licensing", D(2026, 3, 2)) == D(2026, 3, 11)
    assert services.due_date("coercion", D(2026, 3, 2)) == D(2026, 3, 30)
    assert services.due_date("inspection", D(2026, 3, 2)) == D(2026, 3, 30)


def test_past_decision_gets_its_due_date(decide: Any) -> None:
    case = decide(on=D(2026, 3, 2))
    assert Publication.objects.get(case=case).due_on == D(2026, 3, 11)


def test_redaction_of_a_natural_person_case(decide: Any) -> None:
    witness_id = make_resident_id("330102", "19900202", 11)
    facts = (
        f"当事人张三在文一路占道经营。证人李四称其多次劝阻。另有王小明（身份证{witness_id}）在场，"
        f"当事人电话{PERSON_PHONE}，住{PERSON_ADDRESS}，收款账户{PERSON_BANK}，"
        "备用卡号4111111111111111，邮箱zhangsan@example.com，座机0571-87654321。"
    )
    party = person_party()
    case = decide(party, facts=facts)
    pub = Publication.objects.get(case=case)
    assert pub.party_label == "张某某"
    lines = pub.redacted_text.splitlines()
    assert lines[2] == "当事人：张某某，公民身份号码：***，住址：***，联系电话：***，银行账号：***。"
    assert lines[3] == (
        "违法事实：当事人张某某在文一路占道经营。证人李某某称其多次劝阻。另有王某某（身份证***）在场，"
        "当事人电话***，住***，收款账户***，备用卡号***，邮箱***，座机***。"
    )
    for secret in (party["id_number"], PERSON_PHONE, PERSON_ADDRESS, PERSON_BANK, "张三", "李四", "王小明", witness_id):
        assert secret not in pub.redacted_text
    assert party["id_number"] in pub.original_text  # the officer sees the original side by side


def test_organization_keeps_name_and_credit_code(decide: Any) -> None:
    party = org_party()
    case = decide(party, facts="当事人在店外占道经营。", fine="1000")
    pub = Publication.objects.get(case=case)
    assert pub.party_label == "杭州阳光食品有限公司"
    assert (
        f"当事人：杭州阳光食品有限公司，统一社会信用代码：{party['id_number']}，法定代表人：王五" in pub.redacted_text
    )
    assert pub.conclusion == "罚款1000.00元"


@pytest.mark.parametrize(
    "flags, reason",
    [({"involves_minor": True}, "涉及未成年人的案件不予公开"), ({"is_secret": True}, "涉及国家秘密的案件不予公开")],
)
def test_minor_and_secret_cases_are_never_published(
    decide: Any, unit_head: Any, flags: dict[str, bool], reason: str
) -> None:
    case = decide(**flags)
    pub = Publication.objects.get(case=case)
    assert (pub.status, pub.blocked_reason, pub.redacted_text) == ("blocked", reason, "")
    assert selectors.get_public_publication(pub.pk) is None
    with pytest.raises(DomainError) as exc:
        services.approve_publication(publication=pub, actor=unit_head)
    assert exc.value.message == f"该信息不予公开：{reason}"
    assert not PushTask.objects.exists()


def test_approval_step(decide: Any, agency: Any, agency_head: Any, officer: Any, unit_head: Any) -> None:
    services.set_approval_required(agency=agency, required=True, actor=agency_head)
    case = decide()
    pub = Publication.objects.get(case=case)
    assert pub.status == "pending" and pub.published_on is None
    assert selectors.get_public_publication(pub.pk) is None
    services.add_redactions(publication=pub, terms=["人行道"], actor=officer)
    with pytest.raises(DomainError) as exc:
        services.approve_publication(publication=pub, actor=officer)
    assert exc.value.message == "公开审核由承办机构负责人或机关负责人进行"
    services.approve_publication(publication=pub, actor=unit_head)
    pub.refresh_from_db()
    assert pub.status == "published"
    assert pub.version == 1
    with pytest.raises(DomainError) as exc:
        services.approve_publication(publication=pub, actor=unit_head)
    assert exc.value.message == "该信息不在待审核状态"


def test_overdue_pending_alerts_agency_and_supervisor(
    decide: Any, agency: Any, agency_head: Any, supervisor: Any, officer: Any
) -> None:
    services.set_approval_required(agency=agency, required=True, actor=agency_head)
    case = decide(on=D(2026, 3, 2))
    pub = Publication.objects.get(case=case)
    board = selectors.due_board(officer, day=D(2026, 3, 12))
    assert [(r.publication.pk, r.state) for r in board] == [(pub.pk, "overdue")]
    assert [r.state for r in selectors.due_board(officer, day=D(2026, 3, 11))] == ["due"]
    for user in (agency_head, supervisor):
        panels = selectors.home_panels(user, user.role)
        assert [p.pk for p in panels[0]["rows"]] == [pub.pk]


def test_withdrawal_with_reason_and_deadline(decide: Any, officer: Any) -> None:
    pub = Publication.objects.get(case=decide())
    today = timezone.localdate()
    services.withdraw_publication(publication=pub, ground="revoked", reason="经行政复议撤销原处罚决定", actor=officer)
    pub.refresh_from_db()
    assert pub.status == "withdrawn"
    assert pub.withdraw_reason == "经行政复议撤销原处罚决定"
    assert pub.withdrawn_on == today
    assert pub.withdraw_due is not None and pub.withdraw_due >= today
    assert selectors.get_public_publication(pub.pk) is not None  # shown with its reason
    assert PushTask.objects.filter(publication=pub, event="withdraw").count() == 1
    assert Entry.objects.filter(action="publicity.withdraw", public=True).count() == 1
    with pytest.raises(DomainError) as exc:
        services.withdraw_publication(publication=pub, ground="revoked", reason="再次", actor=officer)
    assert exc.value.message == "只有已公开的信息可以撤回"


def test_withdrawal_needs_reason_and_ground(decide: Any, officer: Any) -> None:
    pub = Publication.objects.get(case=decide())
    with pytest.raises(DomainError) as exc:
        services.withdraw_publication(publication=pub, ground="revoked", reason=" ", actor=officer)
    assert exc.value.message == "请填写撤回理由（将向社会公开）"
    with pytest.raises(DomainError) as exc:
        services.withdraw_publication(publication=pub, ground="bored", reason="x", actor=officer)
    assert exc.value.message == "撤回事由应为：决定被撤销、被确认违法或被责令重新作出"


def test_late_withdrawal_is_shown_on_the_board(decide: Any, officer: Any) -> None:
    pub = Publication.objects.get(case=decide())
    services.withdraw_publication(
        publication=pub,
        ground="illegal",
        reason="确认违法",
        actor=officer,
        occurred_on=timezone.localdate() - dt.timedelta(days=30),
    )
    assert [r.state for r in selectors.due_board(officer)] == ["withdraw_late"]


def test_correction_keeps_version_history(decide: Any, officer: Any, officer2: Any) -> None:
    pub = Publication.objects.get(case=decide())
    first = pub.redacted_text
    services.correct_publication(
        publication=pub, text=pub.original_text.replace("50.00", "60.00"), reason="罚款金额笔误更正", actor=officer
    )
    pub.refresh_from_db()
    assert pub.version == 2 and "60.00" in pub.redacted_text
    assert "张三" not in pub.redacted_text  # redacted again from the case data
    history = list(PublicationVersion.objects.filter(publication=pub).values_list("version", "reason", "redacted_text"))
    assert history == [(1, "", first), (2, "罚款金额笔误更正", pub.redacted_text)]
    assert Entry.objects.filter(action="publicity.correct", public=True).count() == 1
    with pytest.raises(DomainError) as exc:
        services.correct_publication(publication=pub, text="x", reason="", actor=officer)
    assert exc.value.message == "请填写更正理由"


def test_manual_redaction_of_a_published_text_is_a_correction(decide: Any, officer: Any) -> None:
    pub = Publication.objects.get(case=decide())
    services.add_redactions(publication=pub, terms=["人行道"], actor=officer)
    pub.refresh_from_db()
    assert pub.version == 2 and "人行道" not in pub.redacted_text
    with pytest.raises(DomainError) as exc:
        services.add_redactions(publication=pub, terms=["不存在的词"], actor=officer)
    assert exc.value.message == "原文中没有“不存在的词”"


def test_other_agencys_staff_cannot_touch(decide: Any, county_agency: Any) -> None:
    from yangguang.roster.services import create_user

    pub = Publication.objects.get(case=decide())
    stranger = create_user(username="x1", password="Yangguang-2026", role="officer", agency=county_agency, actor=None)
    with pytest.raises(DomainError) as exc:
        services.withdraw_publication(publication=pub, ground="revoked", reason="x", actor=stranger)
    assert exc.value.message == "只有本案承办人员、承办机构负责人和本机关公开审核人（机关负责人）可以处理本案的公示信息"


def test_expiry_leaves_public_view_but_stays_archived(decide: Any) -> None:
    light = Publication.objects.get(case=decide(types=["warning"], fine=""))
    fine = Publication.objects.get(case=decide(org_party(4)))
    today = timezone.localdate()
    assert light.expires_on == add_months(today, 3)
    assert fine.expires_on == add_months(today, 12)
    later = add_months(today, 3) + dt.timedelta(days=1)
    assert selectors.get_public_publication(light.pk, later) is None
    assert selectors.get_public_publication(fine.pk, later) is not None
    assert Publication.objects.filter(pk=light.pk).exists()  # archived


def test_add_months_clamps_month_end() -> None:
    assert add_months(D(2026, 1, 31), 1) == D(2026, 2, 28)
    assert add_months(D(2026, 11, 30), 3) == D(2027, 2, 28)


@pytest.mark.parametrize(
    "text, expected",
    [
        ("当事人陈述申辩：无异议。", "当事人陈述申辩：无异议。"),
        ("当事人陈述：无。当事人应当依法改正。", "当事人陈述：无。当事人应当依法改正。"),
        ("证人：王小明。举报人赵六称", "证人：王某某。举报人赵某某称"),
        ("欧阳娜娜（身份证遗失）", "欧阳某某（身份证遗失）"),
        ("卡号6222021234567890129不通过校验", "卡号6222021234567890129不通过校验"),
        ("统一社会信用代码91330106MA27XQ7A1B", "统一社会信用代码91330106MA27XQ7A1B"),
    ],
)
def test_detectors_are_conservative(text: str, expected: str) -> None:
    from yangguang.publicity.redaction import Known, redact

    assert redact(text, Known()) == expected
