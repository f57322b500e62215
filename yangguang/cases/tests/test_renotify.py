"""Issue 16: new facts after the notice (重新告知). A heavier decision on the old notice is refused
(《行政处罚法》第四十五条) and the refusal points to the new notice; the 重新告知 step issues a new
《行政处罚事先告知书》 naming the new facts and the notice it replaces, and gives a new statement
period of its own: what the party said to the old notice no longer ends it, and a hearing may be
requested again when the new proposal carries that right."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.cases.deadlines import case_deadlines
from yangguang.core.errors import DomainError
from yangguang.documents.models import IssuedDocument
from yangguang.documents.services import document_content

D = dt.date
pytestmark = pytest.mark.django_db
HEAVIER = {"decision_type": "penalty", "penalty_types": ["fine"], "fine": "150000", "reasons": "新发现的违法事实"}


def text(doc: IssuedDocument) -> str:
    return "\n".join(b.text for b in document_content(doc).blocks)


def test_new_facts_lead_to_a_new_notice_and_a_new_statement_period(
    notified_case: Any, step: Any, officer: Any, agency_head: Any
) -> None:
    case = notified_case()  # notified 12 March 2026, fine 5000; statement period until 19 March
    first = IssuedDocument.objects.get(doc_type="penalty_notice")
    step(case, "record_statement", officer, D(2026, 3, 13), content="对事实无异议，请求从轻")
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 16), **HEAVIER)
    assert exc.value.code == "heavier_penalty"
    assert "应当先“重新告知”当事人" in exc.value.message

    renotice = step(
        case,
        "renotify",
        officer,
        D(2026, 3, 16),
        new_facts="补充调查发现当事人另有三批次过期食品已售出，货值金额三万元。",
        penalty_types=["fine"],
        fine="150000",
    )
    (ref,) = renotice.documents
    new = IssuedDocument.objects.get(pk=ref["id"])
    assert new.doc_type == "penalty_notice" and new.number != first.number
    body = text(new)
    assert f"本机关以《行政处罚事先告知书》{first.number}向你单位告知拟作出的行政处罚后，发现了新的违法事实" in body
    assert "补充调查发现当事人另有三批次过期食品已售出，货值金额三万元。" in body
    assert "有权要求举行听证" in body  # 150000 for an organization carries the hearing right (Art. 63)
    case.refresh_from_db()
    assert (case.notice_on, case.proposed_fine) == (D(2026, 3, 16), 150000)
    # the new statement period: five working days from 16 March, until 23 March
    assert [(d.code, d.due) for d in case_deadlines(case)] == [
        ("decision", D(2026, 6, 1)),
        ("statement", D(2026, 3, 23)),
    ]
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 23), **HEAVIER)
    assert exc.value.code == "statement_period" and "（至2026年3月23日）" in exc.value.message
    # a hearing may be requested on the new notice
    step(case, "request_hearing", officer, D(2026, 3, 17))
    assert case.hearings.filter(superseded_on__isnull=True).count() == 1
    assert case.statements.get().superseded_on == D(2026, 3, 16)
