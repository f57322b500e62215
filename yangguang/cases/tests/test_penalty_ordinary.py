"""The ordinary penalty procedure from clue to archive, step by step."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from yangguang.cases.models import Step
from yangguang.cases.tests.conftest import END, SERVE
from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry

D = dt.date


INSPECTION = {
    "place": "当事人经营场所",
    "started_at": "2026-03-03T09:30",
    "ended_at": "2026-03-03T10:10",
    "content": "货架上有过期食品12袋",
}
INQUIRY = {
    "person": "王五",
    "place": "本局询问室",
    "started_at": "2026-03-04T14:00",
    "ended_at": "2026-03-04T14:30",
    "content": "问：货架上的过期食品是谁进的货？\n答：是我进的货，\n承认销售。",
}


def test_full_procedure_from_clue_to_archive(new_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = new_case(on=D(2026, 3, 2))
    assert case.state == "clue"
    assert case.number == "杭市监罚案〔2026〕1号"
    step(case, "file", officer, D(2026, 3, 2))
    step(case, "inspection_record", officer, D(2026, 3, 3), **INSPECTION)
    step(case, "inquiry_record", officer, D(2026, 3, 4), **INQUIRY)
    step(case, "evidence", officer, D(2026, 3, 4), name="现场照片", description="过期食品")
    p = step(
        case,
        "preserve_evidence",
        officer,
        D(2026, 3, 4),
        items="过期食品，500克/袋，12袋",
        storage_place="本局证物室",
    )
    step(case, "dispose_evidence", officer, D(2026, 3, 10), preservation=p.data["preservation_id"], disposal="没收销毁")
    step(case, "end_investigation", officer, D(2026, 3, 11), report="建议罚款", **END)
    step(
        case,
        "issue_notice",
        officer,
        D(2026, 3, 12),
        penalty_types=["warning", "fine"],
        fine="5000",
        legal_basis="《食品安全法》第一百二十四条",
    )
    step(case, "record_statement", officer, D(2026, 3, 13), content="初次违法，请求从轻")
    step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 16),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="3000",
        reasons="从轻处罚",
    )
    step(case, "serve", officer, D(2026, 3, 17), method="direct", recipient="王五", **SERVE)
    step(case, "record_payment", officer, D(2026, 3, 20), amount="3000")
    step(case, "close", officer, D(2026, 3, 23), summary="已执行完毕")
    step(case, "archive", officer, D(2026, 3, 24), location="档案室A-1")
    case.refresh_from_db()
    assert case.state == "archived"
    assert case.fine_amount == Decimal("3000.00")
    steps = list(Step.objects.filter(case=case).values_list("action", flat=True))
    assert steps[0] == "create" and steps[-1] == "archive" and len(steps) == 19
    # 立案 and 先行登记保存 were submitted and approved by the agency's responsible person
    assert steps[1:4] == ["approval_request", "approval_approve", "file"]
    entries = Entry.objects.filter(subject=f"cases.case:{case.pk}")
    assert entries.filter(action__startswith="cases.").count() == 19
    # the documents of each step, numbered per agency, year and type, each in the ledger too
    docs = [d for s in Step.objects.filter(case=case) for d in s.documents]
    assert [d["doc_type"] for d in docs] == [
        "case_filing",
        "inspection_record",
        "inquiry_record",
        "evidence_preservation_notice",
        "investigation_report",
        "penalty_notice",
        "statement_record",
        "penalty_decision",
        "service_receipt",
        "payment_record",
        "closing_approval",
    ]
    assert entries.filter(action="documents.issue").count() == 11
    decision = next(d for d in docs if d["doc_type"] == "penalty_decision")
    assert decision["number"] == "杭市监罚〔2026〕1号" and decision["url"] == f"/documents/{decision['id']}/"


def test_case_numbers_per_agency_year_and_kind(new_case: Any) -> None:
    a = new_case(on=D(2026, 3, 2))
    b = new_case(on=D(2026, 3, 3))
    c = new_case("inspection", on=D(2026, 3, 3))
    d = new_case(on=D(2025, 12, 30))
    assert [x.number for x in (a, b, c, d)] == [
        "杭市监罚案〔2026〕1号",
        "杭市监罚案〔2026〕2号",
        "杭市监检案〔2026〕1号",
        "杭市监罚案〔2025〕1号",
    ]


def test_referral_to_judicial_organs(new_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    from yangguang.cases.tests.conftest import END

    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    step(case, "evidence", officer, D(2026, 3, 3), name="检验报告")
    step(case, "end_investigation", officer, D(2026, 3, 4), report="涉嫌犯罪，建议移送", **END)
    with pytest.raises(DomainError) as exc:
        step(
            case,
            "decide",
            agency_head,
            D(2026, 3, 5),
            decision_type="referral",
            reasons="涉嫌生产销售不符合安全标准的食品罪",
        )
    assert exc.value.message == "移送司法机关的，请填写“接收机关”"
    s = step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 5),
        decision_type="referral",
        reasons="涉嫌生产销售不符合安全标准的食品罪",
        receiving_organ="杭州市公安局",
    )
    assert [d["doc_type"] for d in s.documents] == ["case_transfer"]
    assert s.documents[0]["number"] == "杭市监移〔2026〕1号"


def test_after_commit_effects_run_after_commit(
    new_case: Any, step: Any, officer: Any, django_capture_on_commit_callbacks: Any
) -> None:
    from yangguang.cases import extensions

    seen: list[str] = []
    effect = extensions.Effect(
        "test.seen", run=lambda ctx, s: seen.append(s.action), actions={"file"}, phase=extensions.AFTER_COMMIT
    )
    extensions.contribute("tests", effects=[effect])
    try:
        case = new_case()
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            step(case, "file", officer, D(2026, 3, 2))
        assert seen == []
        for callback in callbacks:
            callback()
        assert seen == ["file"]
    finally:
        extensions.EFFECTS.remove("test.seen")
