"""A decision revoked (撤销), confirmed illegal (确认违法) or ordered re-made (责令重新作出) after it was
made: the ``annul`` step of every kind of case that has a decision, who may take it, its data and
refusals in Chinese, the history it keeps, the re-made case and the page and API that offer it."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yangguang.cases.deadlines import case_deadlines
from yangguang.cases.models import Case, Step
from yangguang.cases.tests.conftest import SEIZE, SERVE
from yangguang.cases.workflow import WORKFLOWS, CaseKind
from yangguang.core.errors import DomainError
from yangguang.evidence.services import record_exception
from yangguang.ledger.models import Entry

D = dt.date
REVOKE = {
    "ground": "revoked",
    "channel": "reconsideration",
    "organ": "杭州市人民政府",
    "document_number": "杭政复〔2026〕12号",
    "public_reason": "原处罚决定认定事实不清、证据不足，经行政复议予以撤销。",
}
ANNUL_LABEL = "撤销、确认违法或责令重作"


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


@pytest.fixture
def decided(notified_case: Any, step: Any, officer: Any, agency_head: Any) -> Any:
    """A penalty (fine 5000) decided by the agency head on 2026-03-16 and served on 2026-03-17."""
    case = notified_case()
    step(case, "record_statement", officer, D(2026, 3, 13), content="无异议")
    step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 16),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="5000",
        reasons="违法事实清楚",
    )
    step(case, "serve", officer, D(2026, 3, 17), method="direct", recipient="王五", **SERVE)
    case.refresh_from_db()
    return case


def test_every_kind_with_a_decision_declares_the_step() -> None:
    for kind, states in {
        CaseKind.PENALTY_ORDINARY: {"decided", "executing", "closed", "archived"},
        CaseKind.PENALTY_SUMMARY: {"decided", "executing", "closed", "archived"},
        CaseKind.LICENSING: {"decided", "closed", "archived"},
        CaseKind.COERCIVE_MEASURE: {"in_force", "released", "closed", "archived"},
        CaseKind.INSPECTION: set(),
    }.items():
        wf = WORKFLOWS[kind]
        assert {s for s in wf.states if wf.get(s, "annul")} == states, kind
        if states:
            assert wf.get("archived", "annul").target is None  # type: ignore[union-attr]
            assert wf.get("annulled", "archive").target == "archived"  # type: ignore[union-attr]


def test_reconsideration_recorded_by_the_handler_keeps_the_history(decided: Any, step: Any, officer: Any) -> None:
    before = list(decided.steps.values_list("seq", "action"))
    s = step(decided, "annul", officer, D(2026, 4, 20), reason="复议决定书已送达本机关", **REVOKE)
    case = Case.objects.get(pk=decided.pk)
    assert (case.state, case.annulled_on, case.annulment_ground) == ("annulled", D(2026, 4, 20), "revoked")
    # The decision stays as it was decided, and every earlier step stays in the record.
    assert (case.decision_type, case.fine_amount, case.decided_on) == ("penalty", Decimal("5000.00"), D(2026, 3, 16))
    assert list(case.steps.filter(seq__lt=s.seq).values_list("seq", "action")) == before
    assert (s.from_state, s.to_state, s.label, s.occurred_on) == ("executing", "annulled", ANNUL_LABEL, D(2026, 4, 20))
    assert s.data == {**REVOKE}
    entry = Entry.objects.get(seq=s.ledger_seq)
    assert entry.action == "cases.annul" and "杭政复〔2026〕12号" in entry.canonical
    # Nothing more happens to an annulled case but its archiving.
    assert [t.action for t in WORKFLOWS[case.kind].from_state(case.state)] == ["archive"]
    with pytest.raises(DomainError) as exc:
        step(case, "record_payment", officer, D(2026, 4, 21), amount="5000")
    assert exc.value.message == "案件处于“原决定已撤销或确认违法”状态，不能进行“登记缴款”"
    step(case, "archive", officer, D(2026, 4, 22), location="档案室A-1")
    case.refresh_from_db()
    assert (case.state, case.annulled_on) == ("archived", D(2026, 4, 20))


def test_own_correction_is_decided_by_the_agency_head(decided: Any, step: Any, officer: Any, agency_head: Any) -> None:
    data = {**REVOKE, "channel": "self", "organ": ""}
    with pytest.raises(DomainError) as exc:
        step(decided, "annul", officer, D(2026, 4, 20), **data)
    assert (exc.value.code, exc.value.message) == (
        "annul_self_head",
        "本机关自行纠错撤销、确认违法或重新作出原决定的，须由行政机关负责人决定",
    )
    s = step(decided, "annul", agency_head, D(2026, 4, 20), **data)
    assert s.data["organ"] == "杭州市市场监督管理局"  # the agency itself


def test_refusals_in_chinese(decided: Any, new_case: Any, step: Any, officer: Any) -> None:
    future = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(DomainError) as exc:
        step(decided, "annul", officer, future, **REVOKE)
    assert (exc.value.code, exc.value.message) == ("occurred_in_future", "发生日期不能晚于今天")
    with pytest.raises(DomainError) as exc:
        step(decided, "annul", officer, D(2026, 4, 20), **{**REVOKE, "public_reason": "  "})
    assert exc.value.message == "请填写“理由（将在公示平台公开）”"
    with pytest.raises(DomainError) as exc:
        step(decided, "annul", officer, D(2026, 4, 20), **{**REVOKE, "document_number": ""})
    assert exc.value.message == "请填写“决定书或判决书文号”"
    with pytest.raises(DomainError) as exc:
        step(decided, "annul", officer, D(2026, 4, 20), **{**REVOKE, "organ": ""})
    assert exc.value.message == "请填写“作出机关”（复议机关或人民法院）"
    with pytest.raises(DomainError) as exc:
        step(decided, "annul", officer, D(2026, 4, 20), **{**REVOKE, "ground": "forgotten"})
    assert exc.value.message == "“处理结果”的取值无效"
    with pytest.raises(DomainError) as exc:
        step(decided, "annul", officer, D(2026, 3, 10), **REVOKE)
    assert exc.value.message == "发生日期不能早于上一步骤的日期（2026年3月17日）"
    undecided = new_case()
    step(undecided, "file", officer, D(2026, 3, 2))
    with pytest.raises(DomainError) as exc:
        step(undecided, "annul", officer, D(2026, 3, 3), **REVOKE)
    assert (exc.value.code, exc.value.message) == (
        "illegal_transition",
        "案件处于“调查取证”状态，不能进行“撤销、确认违法或责令重作”",
    )
    assert Case.objects.get(pk=decided.pk).state == "executing"  # nothing half-written


def test_archived_case_is_marked_once_and_stays_archived(decided: Any, step: Any, officer: Any) -> None:
    step(decided, "record_payment", officer, D(2026, 3, 20), amount="5000")
    step(decided, "close", officer, D(2026, 3, 23), summary="已执行完毕")
    step(decided, "archive", officer, D(2026, 3, 24), location="档案室A-1")
    step(decided, "annul", officer, D(2026, 9, 1), **{**REVOKE, "ground": "illegal", "channel": "litigation"})
    case = Case.objects.get(pk=decided.pk)
    assert (case.state, case.archived_on, case.annulled_on, case.annulment_ground) == (
        "archived",
        D(2026, 3, 24),
        D(2026, 9, 1),
        "illegal",
    )
    with pytest.raises(DomainError) as exc:
        step(case, "annul", officer, D(2026, 9, 2), **REVOKE)
    assert (exc.value.code, exc.value.message) == (
        "already_annulled",
        "原决定已于2026年9月1日登记为“确认违法”，不能重复登记",
    )


def test_remade_decision_gets_a_linked_new_case(decided: Any, step: Any, officer: Any, officer2: Any) -> None:
    s = step(decided, "annul", officer, D(2026, 4, 20), **{**REVOKE, "ground": "remade", "channel": "litigation"})
    new = Case.objects.get(pk=s.data["remade_case"])
    assert s.data["remade_case_number"] == new.number
    assert (new.kind, new.state, new.source_case_id, new.registered_on) == (
        "penalty_ordinary",
        "clue",
        decided.pk,
        D(2026, 4, 20),
    )
    assert new.source_detail == f"原决定（{decided.number}）被杭州市人民政府撤销并责令重新作出（杭政复〔2026〕12号）"
    assert [p.name for p in new.parties.all()] == [p.name for p in decided.parties.all()]
    assert {link.officer for link in new.case_officers.all()} == {officer.officer, officer2.officer}
    assert (new.facts, new.violation_date, new.item_id) == (decided.facts, decided.violation_date, decided.item_id)
    # The agency decides again in the new case, from filing on.
    step(new, "file", officer, D(2026, 4, 21))


def test_summary_decision_is_remade_in_the_ordinary_procedure(new_case: Any, step: Any, officer: Any) -> None:
    from yangguang.cases.tests.conftest import SPOT

    case = new_case("penalty_summary", involves_minor=True)
    step(case, "decide_on_spot", officer, D(2026, 3, 2), penalty_types=["fine"], fine="100", **SPOT)
    s = step(case, "annul", officer, D(2026, 3, 10), **{**REVOKE, "ground": "remade"})
    new = Case.objects.get(pk=s.data["remade_case"])
    assert (new.kind, new.involves_minor) == ("penalty_ordinary", True)


def test_licence_revoked_by_a_court(new_case: Any, step: Any, officer: Any, unit_head: Any) -> None:
    case = new_case("licensing")
    step(case, "accept", officer, D(2026, 3, 2), materials="申请书")
    step(
        case,
        "decide_licence",
        unit_head,
        D(2026, 3, 10),
        licence_decision="grant",
        reasons="符合条件",
        legal_basis="《食品安全法》第三十五条",
        license_content="食品经营许可",
    )
    step(
        case, "annul", unit_head, D(2026, 5, 6), **{**REVOKE, "channel": "litigation", "organ": "杭州市西湖区人民法院"}
    )
    case.refresh_from_db()
    assert (case.state, case.licence_decision) == ("annulled", "grant")


def test_annulled_seizure_in_force_ends(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case("coercive_measure")
    record_exception(case=case, step="impose", actor=officer, reason="执法记录仪故障")
    step(case, "impose", officer, D(2026, 3, 2), term_days=30, **SEIZE)
    step(case, "annul", officer, D(2026, 3, 20), **REVOKE)
    case.refresh_from_db()
    assert case.state == "annulled"
    assert case.seizures.get().released_on == D(2026, 3, 20)


def test_case_page_offers_the_step_and_shows_refusals(decided: Any, officer: Any, agency_head: Any) -> None:
    c = _client(officer)
    page = c.get(reverse("cases:detail", args=[decided.pk])).content.decode()
    assert 'id="action-annul"' in page
    for label in ("处理结果", "途径", "作出机关", "决定书或判决书文号", "理由（将在公示平台公开）"):
        assert label in page
    url = reverse("cases:act", args=[decided.pk, "annul"])
    r = c.post(url, {**REVOKE, "channel": "self", "occurred_on": "2026-04-20", "confirmed": "1"})
    assert r.status_code == 400
    assert "本机关自行纠错撤销、确认违法或重新作出原决定的，须由行政机关负责人决定" in r.content.decode()
    assert "尚欠" in c.get(reverse("cases:detail", args=[decided.pk])).content.decode()
    # an irreversible step: first the confirmation with the summary, nothing done yet
    r = c.post(url, {**REVOKE, "occurred_on": "2026-04-20"})
    confirm = r.content.decode()
    assert r.status_code == 200 and "确认：撤销、确认违法或责令重作" in confirm
    assert "“撤销、确认违法或责令重作”办理后不可撤回" in confirm and 'name="confirmed" value="1"' in confirm
    assert not Step.objects.filter(case=decided, action="annul").exists()
    r = c.post(url, {**REVOKE, "occurred_on": "2026-04-20", "confirmed": "1"})
    assert r.status_code == 302
    page = c.get(reverse("cases:detail", args=[decided.pk])).content.decode()
    assert "原决定撤销（2026-04-20）" in page and "原决定已撤销或确认违法" in page
    assert "尚欠" not in page  # nothing is owed on a revoked decision
    assert case_deadlines(Case.objects.get(pk=decided.pk)) == []
    assert Step.objects.filter(case=decided, action="annul").count() == 1


def test_case_page_links_the_remade_case(decided: Any, officer: Any) -> None:
    c = _client(officer)
    c.post(
        reverse("cases:act", args=[decided.pk, "annul"]),
        {**REVOKE, "ground": "remade", "occurred_on": "2026-04-20", "confirmed": "1"},
    )
    new = decided.derived_cases.get()
    page = c.get(reverse("cases:detail", args=[decided.pk])).content.decode()
    assert f'href="{reverse("cases:detail", args=[new.pk])}" class="derived-case">{new.number}</a>' in page
    assert "重新作出决定的案件" in page


def test_api_takes_the_step_with_machine_readable_errors(decided: Any, officer: Any) -> None:
    c = _client(officer)
    url = f"/api/cases/{decided.pk}/transitions"
    r = c.post(url, {"action": "annul", "data": {**REVOKE, "public_reason": ""}}, content_type="application/json")
    assert r.status_code == 400
    assert r.json() == {"code": "invalid_data", "message": "请填写“理由（将在公示平台公开）”"}
    r = c.post(url, {"action": "annul", "data": REVOKE, "occurred_on": "2026-04-20"}, content_type="application/json")
    assert r.status_code == 201, r.content
    assert r.json()["case"]["state"] == "annulled"
    workflows = c.get("/api/cases/workflows").json()
    annul = [t for t in workflows["penalty_ordinary"]["transitions"] if t["action"] == "annul"]
    assert [(t["to"], t["from"]) for t in annul] == [
        ("annulled", ["decided", "executing", "closed"]),
        (None, ["archived"]),
    ]
