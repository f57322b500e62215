"""A case decision revoked, confirmed illegal or ordered re-made (the case's ``annul`` step) withdraws
its publication in the same transaction: the ground and public reason, the 3-working-day due date
from the day the revocation took effect, out of search, pushed, in the public ledger; a pending
publication is blocked instead; nothing published, nothing withdrawn; the annual report counts
revoked licences."""

from __future__ import annotations

import datetime as dt
from typing import Any
from unittest import mock

import pytest
from django.utils import timezone

from yangguang.cases.models import Case
from yangguang.cases.services import case_transition
from yangguang.cases.workflow import AnnulmentGround
from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry
from yangguang.publicity import reports, selectors, services
from yangguang.publicity.models import Publication, PushTask, WithdrawGround
from yangguang.workdays.selectors import add_working_days

from .conftest import org_party

pytestmark = pytest.mark.django_db
FACTS = "当事人在人行道上摆摊售卖烤红薯，经劝阻未改正。"
REASON = "原处罚决定认定事实不清，经行政复议予以撤销。"
DATA = {
    "ground": "revoked",
    "channel": "reconsideration",
    "organ": "杭州市人民政府",
    "document_number": "杭政复〔2026〕12号",
    "public_reason": REASON,
}


def annul(case: Any, actor: Any, on: dt.date | None = None, **data: Any) -> Any:
    return case_transition(case=case, action="annul", actor=actor, data={**DATA, **data}, occurred_on=on)


def found(public: Any, q: str) -> list[int]:
    """Publication ids the public decisions search lists for ``q``."""
    html = public.get("/public/decisions/", {"q": q}).content.decode()
    return [p.pk for p in Publication.objects.all() if f'href="/public/decisions/{p.pk}/"' in html]


def test_grounds_are_the_withdrawal_grounds() -> None:
    assert AnnulmentGround.values == WithdrawGround.values


def test_revocation_withdraws_the_published_decision(decide: Any, officer: Any, public: Any) -> None:
    today = timezone.localdate()
    case = decide(facts=FACTS, on=today - dt.timedelta(days=20))
    pub = Publication.objects.get(case=case)
    assert pub.status == "published" and found(public, "烤红薯") == [pub.pk]
    # Recorded today, the revocation took effect 15 days ago: the withdrawal is late.
    on = today - dt.timedelta(days=15)
    step = annul(case, officer, on)
    pub.refresh_from_db()
    assert (pub.status, pub.withdraw_ground, pub.revoked_on, pub.withdrawn_on) == ("withdrawn", "revoked", on, today)
    assert pub.withdraw_reason == f"{REASON}（杭州市人民政府，杭政复〔2026〕12号）"
    assert pub.withdraw_due == add_working_days(on, 3).due
    assert found(public, "烤红薯") == []
    page = public.get(f"/public/decisions/{pub.pk}/").content.decode()
    assert pub.withdraw_reason in page and "决定被撤销" in page and FACTS not in page
    (push,) = PushTask.objects.filter(publication=pub, event="withdraw")
    assert push.payload["ground"] == "revoked" and push.payload["reason"] == pub.withdraw_reason
    withdraw = Entry.objects.get(action="publicity.withdraw")
    assert withdraw.public and withdraw.seq > step.ledger_seq  # after the case step, same transaction
    assert [r.state for r in selectors.due_board(officer)] == ["withdraw_late"]


def test_public_reason_masks_natural_person_names(decide: Any, officer: Any) -> None:
    case = decide()  # the party is 张三, a natural person
    annul(case, officer, public_reason="张三提出复议申请，复议机关认为原决定适用依据错误。", ground="illegal")
    pub = Publication.objects.get(case=case)
    assert pub.withdraw_ground == "illegal"
    assert pub.withdraw_reason.startswith("张某某提出复议申请") and "张三" not in pub.withdraw_reason


def test_pending_publication_is_blocked_and_never_goes_out(
    decide: Any, agency: Any, agency_head: Any, officer: Any, unit_head: Any
) -> None:
    services.set_approval_required(agency=agency, required=True, actor=agency_head)
    case = decide()
    pub = Publication.objects.get(case=case)
    assert pub.status == "pending"
    annul(case, officer, ground="remade")
    pub.refresh_from_db()
    assert (pub.status, pub.blocked_reason) == ("blocked", "决定被责令重新作出，不予公开")
    with pytest.raises(DomainError) as exc:
        services.approve_publication(publication=pub, actor=unit_head)
    assert exc.value.message == "该信息不予公开：决定被责令重新作出，不予公开"
    assert selectors.get_public_publication(pub.pk) is None
    assert not PushTask.objects.exists()
    assert Entry.objects.get(action="publicity.block").public is False


def test_blocked_or_unpublished_decision_records_the_revocation_only(decide: Any, officer: Any) -> None:
    minor = decide(involves_minor=True)
    annul(minor, officer)
    assert Publication.objects.get(case=minor).status == "blocked"
    assert Case.objects.get(pk=minor.pk).state == "annulled"
    bare = decide(org_party())
    Publication.objects.filter(case=bare).delete()  # decided before the portal existed
    annul(bare, officer)
    assert Case.objects.get(pk=bare.pk).state == "annulled"
    assert not Publication.objects.filter(case=bare).exists()
    assert not PushTask.objects.filter(event="withdraw").exists()


def test_already_withdrawn_publication_is_left_as_it_is(decide: Any, officer: Any) -> None:
    case = decide()
    pub = Publication.objects.get(case=case)
    services.withdraw_publication(publication=pub, ground="illegal", reason="已在公示管理页撤回", actor=officer)
    annul(case, officer)
    pub.refresh_from_db()
    assert (pub.withdraw_ground, pub.withdraw_reason) == ("illegal", "已在公示管理页撤回")
    assert PushTask.objects.filter(event="withdraw").count() == 1


def test_failed_withdrawal_rolls_the_revocation_back(decide: Any, officer: Any) -> None:
    case = decide()
    with mock.patch.object(services, "_record", side_effect=RuntimeError("boom")):
        with pytest.raises(RuntimeError):
            annul(case, officer)
    assert Case.objects.get(pk=case.pk).state == "decided"
    assert not case.steps.filter(action="annul").exists()
    assert Publication.objects.get(case=case).status == "published"


def test_a_failed_unindex_never_undoes_a_revocation(decide: Any, officer: Any) -> None:
    from yangguang.jobs.models import OutboxItem

    case = decide()
    with mock.patch.object(services.search, "unindex_publication", side_effect=RuntimeError("boom")):
        annul(case, officer)
    assert Case.objects.get(pk=case.pk).state == "annulled"
    assert Publication.objects.get(case=case).status == "withdrawn"  # out of public view at once
    item = OutboxItem.objects.get(kind="publicity.index", key__contains=":withdraw:")
    assert item.status == "pending" and "boom" in item.last_error


def test_annual_report_counts_revoked_licences(
    officer: Any, officer2: Any, unit_head: Any, agency: Any, agency_head: Any
) -> None:
    from yangguang.cases.services import create_case

    today = timezone.localdate()
    case = create_case(
        actor=officer,
        kind="licensing",
        title="食品经营许可申请",
        parties=[org_party()],
        officers=[officer2.officer],
        occurred_on=today,
    )
    case_transition(case=case, action="accept", actor=officer, data={"materials": "申请书"}, occurred_on=today)
    case_transition(
        case=case,
        action="decide_licence",
        actor=unit_head,
        data={
            "licence_decision": "grant",
            "reasons": "符合条件",
            "legal_basis": "《食品安全法》第三十五条",
            "license_content": "食品经营许可",
        },
        occurred_on=today,
    )
    assert Publication.objects.get(case=case).status == "published"
    annul(case, unit_head, channel="litigation", organ="杭州市西湖区人民法院")
    assert reports.compute(agency, today.year)["licensing_revoked"] == 1
