"""The complete case file (一案一卷, issue 17): the on-site records, the statement (or its waiver) and
the payment are issued as documents by the steps that make them; an inquiry is entered or imported
as 问：/答： text; the persons present sign the records; the title drops 涉嫌 after the decision."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from yangguang.access.errors import AccessDenied
from yangguang.cases.records import parse_qa
from yangguang.cases.tests.conftest import SEIZE, SERVE
from yangguang.core.errors import DomainError
from yangguang.documents.models import IssuedDocument
from yangguang.documents.services import sign_document, signing_state
from yangguang.documents.tests.helpers import docx_texts, stored_bytes
from yangguang.ledger.models import Entry

D = dt.date
DICTATION = """询问开始。
问：你与当事人是什么关系？
答：我是店长，
负责日常经营。
问：货架上的过期牛奶是谁进的货？
答：是我进的货。"""
INSPECTION = {
    "place": "当事人经营场所",
    "started_at": "2026-03-03T09:30",
    "ended_at": "2026-03-03T10:10",
    "content": "货架上有过期牛奶12盒",
    "present": "王五（法定代表人）",
}


def _doc(step: Any, doc_type: str) -> IssuedDocument:
    ref = next(d for d in step.documents if d["doc_type"] == doc_type)
    return IssuedDocument.objects.get(pk=ref["id"])


def test_questions_and_answers_from_a_dictation_text() -> None:
    with pytest.raises(DomainError) as exc:
        parse_qa(DICTATION)
    assert exc.value.message == "第1行：问答记录应以“问：”开头，回答以“答：”开头"
    qa = parse_qa(DICTATION.split("\n", 1)[1].replace("问：货架", "问:  货架"))
    assert qa == [
        {"q": "你与当事人是什么关系？", "a": "我是店长，负责日常经营。"},
        {"q": "货架上的过期牛奶是谁进的货？", "a": "是我进的货。"},
    ]
    for text, message in (
        ("答：是的", "第1行：回答之前没有问题（问答记录应以“问：”开头）"),
        ("问：一\n问：二\n答：三", "第2行：上一个问题没有回答（每个“问：”之后应有“答：”）"),
        ("问：一\n答：二\n问：三", "最后一个问题没有回答（每个“问：”之后应有“答：”）"),
    ):
        with pytest.raises(DomainError) as exc:
            parse_qa(text)
        assert exc.value.message == message


def test_on_site_records_are_issued_and_signed(new_case: Any, step: Any, officer: Any, officer2: Any) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    with pytest.raises(DomainError) as exc:
        step(case, "inspection_record", officer, D(2026, 3, 3), **{**INSPECTION, "ended_at": "2026-03-03T09:00"})
    assert exc.value.message == "结束时间不能早于开始时间"
    inspected = step(case, "inspection_record", officer, D(2026, 3, 3), **INSPECTION)
    record = _doc(inspected, "inspection_record")
    texts = "\n".join(docx_texts(stored_bytes(record)))
    assert record.title == "现场检查（勘验）笔录"
    assert "货架上有过期牛奶12盒" in texts and "2026年3月3日9时30分" in texts and "王五（法定代表人）" in texts

    asked = step(
        case,
        "inquiry_record",
        officer,
        D(2026, 3, 4),
        person="王五",
        relation="店长",
        place="本局询问室",
        started_at="2026-03-04T14:00",
        ended_at="2026-03-04T14:30",
        content=DICTATION.split("\n", 1)[1],
    )
    assert asked.data["qa"][0] == {"q": "你与当事人是什么关系？", "a": "我是店长，负责日常经营。"}
    inquiry = _doc(asked, "inquiry_record")
    texts = "\n".join(docx_texts(stored_bytes(inquiry)))
    assert "问：货架上的过期牛奶是谁进的货？" in texts and "答：是我进的货。" in texts

    # The persons present sign: each signature is a recorded act in the ledger.
    assert signing_state(record) == "待签名"
    now = timezone.now()
    with pytest.raises(DomainError) as exc:
        sign_document(document=record, signer_name="王五", role="party", method="refused", signed_at=now, actor=officer)
    assert exc.value.message == "请注明当事人拒绝签名的情况"
    with pytest.raises(DomainError) as exc:
        sign_document(document=record, signer_name="王五", role="party", method="scan", signed_at=now, actor=officer)
    assert exc.value.message == "请上传签名页扫描件（PDF、JPG或PNG）"
    with pytest.raises(DomainError) as exc:
        sign_document(
            document=record, signer_name="王五", role="party", method="scan", signed_at=now, actor=officer, scan=b"x"
        )
    assert exc.value.message == "签名页扫描件应为PDF、JPG或PNG文件"
    sign_document(document=record, signer_name="王五", role="party", method="on_site", signed_at=now, actor=officer)
    assert signing_state(record) == "待签名"
    sign_document(
        document=record,
        signer_name="李明",
        role="officer",
        method="scan",
        signed_at=now,
        actor=officer,
        scan=b"%PDF-1.4\n1 0 obj << /Type /Page >> endobj\n%%EOF",
        scan_name="签名页.pdf",
    )
    assert signing_state(record) == "已签名"
    signs = Entry.objects.filter(action="documents.sign", subject=case.subject_label)
    assert signs.count() == 2
    assert ["王五" in e.canonical for e in signs.order_by("seq")] == [True, False]
    filing = _doc(case.steps.get(action="file"), "case_filing")
    with pytest.raises(DomainError) as exc:
        sign_document(document=filing, signer_name="王五", role="party", method="on_site", signed_at=now, actor=officer)
    assert exc.value.message == "《立案审批表》不需要当事人签名"


def test_signing_is_for_the_agency_that_made_the_record(new_case: Any, step: Any, officer: Any) -> None:
    from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UserFactory

    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    record = _doc(step(case, "inspection_record", officer, D(2026, 3, 3), **INSPECTION), "inspection_record")
    other = AgencyFactory(name="杭州市城市管理局", region=case.agency.region)
    stranger = UserFactory(username="stranger", role="officer", agency=other, officer=OfficerFactory(agency=other))
    with pytest.raises(AccessDenied):
        sign_document(
            document=record,
            signer_name="王五",
            role="party",
            method="on_site",
            signed_at=timezone.now(),
            actor=stranger,
        )


def test_waiver_payment_and_the_title_after_the_decision(
    notified_case: Any, step: Any, officer: Any, agency_head: Any
) -> None:
    case = notified_case()
    assert case.display_title == "涉嫌销售过期食品案"
    waived = step(case, "waive_statement", officer, D(2026, 3, 13), content="本人放弃陈述、申辩的权利")
    waiver = _doc(waived, "statement_record")
    texts = "\n".join(docx_texts(stored_bytes(waiver)))
    assert "放弃陈述申辩声明：" in texts and "当事人声明：本人放弃陈述、申辩的权利。" in texts
    step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 16),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="5000",
        reasons="从轻",
    )
    case.refresh_from_db()
    assert case.display_title == "销售过期食品案" and case.title == "涉嫌销售过期食品案"
    step(case, "serve", officer, D(2026, 3, 17), method="direct", recipient="王五", **SERVE)
    paid = step(case, "record_payment", officer, D(2026, 3, 20), amount="3000", receipt="33010026000123")
    payment = _doc(paid, "payment_record")
    texts = "\n".join(docx_texts(stored_bytes(payment)))
    assert payment.title == "罚没款缴纳记录"
    assert "人民币叁仟元整（¥3,000.00）" in texts and "33010026000123" in texts
    assert "人民币贰仟元整（¥2,000.00）" in texts  # still owed
    closing = step(case, "record_payment", officer, D(2026, 3, 20), amount="2000")
    assert _doc(closing, "payment_record").context["outstanding"] == "0.00"


def test_seizure_record(new_case: Any, step: Any, officer: Any) -> None:
    from yangguang.evidence.services import record_exception

    case = new_case("coercive_measure")
    record_exception(case=case, step="impose", actor=officer, reason="执法记录仪故障")
    step(case, "impose", officer, D(2026, 3, 2), term_days=30, **SEIZE)
    recorded = step(
        case,
        "seizure_record",
        officer,
        D(2026, 3, 2),
        place="当事人仓库",
        started_at="2026-03-02T10:00",
        ended_at="2026-03-02T11:00",
        record="当场清点过期食品12袋并封存",
    )
    texts = "\n".join(docx_texts(stored_bytes(_doc(recorded, "seizure_record"))))
    assert "当场清点过期食品12袋并封存" in texts and "过期食品" in texts


def test_signatures_over_the_api(new_case: Any, step: Any, officer: Any, client: Any) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    record = _doc(step(case, "inspection_record", officer, D(2026, 3, 3), **INSPECTION), "inspection_record")
    client.force_login(officer)
    url = f"/api/documents/{record.pk}/signatures"
    when = timezone.now().isoformat()
    scan = client.post(
        url,
        {"signer_name": "王五", "role": "party", "method": "scan", "signed_at": when},
        content_type="application/json",
    )
    assert scan.status_code == 400 and scan.json()["message"] == "签名页扫描件请在文书页面上传"
    refused = client.post(
        url,
        {"signer_name": "王五", "role": "party", "method": "refused", "signed_at": when},
        content_type="application/json",
    )
    assert refused.status_code == 400 and refused.json()["message"] == "请注明当事人拒绝签名的情况"
    for name, role in (("王五", "party"), ("李明", "officer")):
        made = client.post(
            url,
            {"signer_name": name, "role": role, "method": "on_site", "signed_at": when},
            content_type="application/json",
        )
        assert made.status_code == 201, made.content
        assert made.json()["role_label"] == ("当事人" if role == "party" else "执法人员")
    listed = client.get(url).json()
    assert listed["signing_state"] == "已签名" and [s["signer_name"] for s in listed["signatures"]] == ["王五", "李明"]
