"""Issue 16: the hearing links to the decision (《行政处罚法》第六十五条). Holding the hearing issues
the 听证笔录; the 听证报告 (the chair's findings and opinion on the record) is required before the
decision, and the decision names the hearing and the opinion; the heads' 集体讨论 issues its record."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.core.errors import DomainError
from yangguang.documents.models import IssuedDocument
from yangguang.documents.services import document_content
from yangguang.roster.tests.factories import OfficerFactory

D = dt.date
pytestmark = pytest.mark.django_db


def text(doc: IssuedDocument) -> str:
    content = document_content(doc)
    return "\n".join([b.text for b in content.blocks] + [v for b in content.blocks for _, v in b.rows])


def test_record_report_and_discussion_lead_to_the_decision(
    notified_case: Any, step: Any, officer: Any, agency_head: Any, agency: Any
) -> None:
    case = notified_case(fine=None, types=["revoke_licence"])  # carries the hearing right
    step(case, "request_hearing", officer, D(2026, 3, 13))
    chair: Any = OfficerFactory(agency=agency, name="钱主持")
    step(case, "hearing_notice", officer, D(2026, 3, 13), hearing_time="2026-03-24T09:30", place="第一听证室",
         chair=chair.pk)  # fmt: skip
    with pytest.raises(DomainError) as exc:
        step(case, "hearing_report", officer, D(2026, 3, 23), findings="x", opinion="x")
    assert exc.value.message == "尚未举行听证，不能制作听证报告（《行政处罚法》第六十五条）"
    held = step(
        case, "hold_hearing", officer, D(2026, 3, 24), clerk="孙记录", ended_at="2026-03-24T11:00",
        summary="调查人员出示现场检查笔录；当事人对事实无异议，请求不予吊销。",
    )  # fmt: skip
    record = IssuedDocument.objects.get(pk=held.documents[0]["id"])
    assert record.doc_type == "hearing_record"
    body = text(record)
    assert "2026年3月24日9时30分至2026年3月24日11时00分" in body
    assert "第一听证室" in body and "钱主持" in body and "孙记录" in body
    assert "调查人员出示现场检查笔录；当事人对事实无异议，请求不予吊销。" in body
    assert "不申请回避" not in body  # nothing the record did not say

    decision = {"decision_type": "penalty", "penalty_types": ["revoke_licence"], "reasons": "情节严重"}
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 25), **decision)
    assert (exc.value.code, exc.value.message) == (
        "hearing_not_reported",
        "听证结束后，行政机关应当根据听证笔录作出决定：请先制作听证报告，载明听证认定的事实、证据和听证主持人的处理意见"
        "（《行政处罚法》第六十五条）",
    )
    report = step(case, "hearing_report", officer, D(2026, 3, 24), findings="违法事实清楚，证据充分",
                  opinion="维持吊销许可证的拟处罚")  # fmt: skip
    body = text(IssuedDocument.objects.get(pk=report.documents[0]["id"]))
    assert "违法事实清楚，证据充分" in body and "维持吊销许可证的拟处罚" in body
    assert "本报告连同听证笔录报行政机关负责人" in body
    with pytest.raises(DomainError) as exc:
        step(case, "hearing_report", officer, D(2026, 3, 24), findings="x", opinion="x")
    assert exc.value.message == "本次听证已制作听证报告，决定依据该报告和听证笔录作出（《行政处罚法》第六十五条）"

    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 25), **decision)
    assert exc.value.code == "collective_discussion"
    discussed = step(
        case, "collective_discussion", agency_head, D(2026, 3, 25), started_at="2026-03-25T09:00", place="局会议室",
        chair="周局长", participants="周局长、吴副局长、郑副局长", record="听取听证报告，讨论吊销的必要性",
        conclusion="同意吊销",
    )  # fmt: skip
    body = text(IssuedDocument.objects.get(pk=discussed.documents[0]["id"]))
    assert "周局长、吴副局长、郑副局长" in body and "听取听证报告，讨论吊销的必要性" in body and "同意吊销" in body


def test_the_decision_rests_on_the_hearing(
    notified_case: Any, step: Any, officer: Any, agency_head: Any, agency: Any
) -> None:
    """A decision after a hearing names the hearing, its record and the chair's opinion."""
    from yangguang.cases.documents_bridge import _statement_summary

    case = notified_case(fine=None, types=["revoke_licence"])
    step(case, "request_hearing", officer, D(2026, 3, 13))
    chair: Any = OfficerFactory(agency=agency, name="钱主持")
    step(case, "hearing_notice", officer, D(2026, 3, 13), hearing_time="2026-03-24T09:30", place="听证室",
         chair=chair.pk)  # fmt: skip
    step(case, "hold_hearing", officer, D(2026, 3, 24), clerk="孙记录", summary="当事人请求不予吊销")
    step(case, "hearing_report", officer, D(2026, 3, 24), findings="事实清楚", opinion="维持拟处罚")
    assert _statement_summary(case) == (
        "2026-03-24 举行听证，根据听证笔录（当事人请求不予吊销），听证主持人处理意见：维持拟处罚"
    )


def test_the_declared_types_of_issue_16_are_issued_by_a_step() -> None:
    """surcharge_demand, hearing_record and collective_discussion were declared but issued by no
    step; each now is (with the new hearing_report and the enforcement application)."""
    from yangguang.cases.workflow import WORKFLOWS

    issued = {code for wf in WORKFLOWS.values() for t in wf.transitions for code in t.documents}
    assert {"surcharge_demand", "hearing_record", "hearing_report", "collective_discussion"} <= issued
    assert {"enforcement_application", "penalty_notice"} <= issued
