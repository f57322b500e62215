"""Issue 16: enforcement of an unpaid fine (行政强制法). The decision tells the party the 加处罚款
rate (Art. 45); the 催告书 is issued by its own step after the payment period and served; the
application to the court is refused before the 催告书 is served and its ten working days passed
(Art. 54, Art. 69), before the periods for reconsideration (60 days) and litigation (6 months) ran
out, and after the three months that follow them (Art. 53), each refusal naming its article."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest

from yangguang.cases.deadlines import enforcement_window
from yangguang.core.errors import DomainError
from yangguang.documents.models import IssuedDocument
from yangguang.documents.services import document_content

from .conftest import SERVE

D = dt.date
pytestmark = pytest.mark.django_db


@pytest.fixture
def unpaid(notified_case: Any, step: Any, officer: Any, agency_head: Any) -> Any:
    """A fine of 5000 decided on 13 March 2026, served on 16 March (payment due 31 March)."""
    case = notified_case()
    step(case, "waive_statement", officer, D(2026, 3, 13), content="放弃")
    step(
        case, "decide", agency_head, D(2026, 3, 13), decision_type="penalty", penalty_types=["fine"], fine="5000",
        reasons="x",
    )  # fmt: skip
    step(case, "serve", officer, D(2026, 3, 16), method="direct", recipient="王五", **SERVE)
    case.refresh_from_db()
    return case


def text(doc: IssuedDocument) -> str:
    content = document_content(doc)
    return "\n".join([b.text for b in content.blocks] + [v for b in content.blocks for _, v in b.rows])


def refused(step: Any, *args: Any, **kw: Any) -> str:
    with pytest.raises(DomainError) as exc:
        step(*args, **kw)
    return str(exc.value.message)


def test_the_decision_tells_the_surcharge_rate(unpaid: Any) -> None:
    decision = IssuedDocument.objects.get(doc_type="penalty_decision")
    body = text(decision)
    assert "每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额。" in body
    assert "以上加处罚款的标准依据《中华人民共和国行政强制法》第四十五条的规定告知你单位。" in body
    assert "可以在收到本决定书之日起六十日内" in body and "六个月内" in body


def test_demand_then_ten_days_then_the_court_each_refused_before_its_time(unpaid: Any, step: Any, officer: Any) -> None:
    case = unpaid
    assert refused(step, case, "demand_payment", officer, D(2026, 3, 31)) == (
        "当事人逾期不履行行政处罚决定的，方可催告；缴款期限至2026年3月31日（《行政处罚法》第七十二条，《行政强制法》第五十四条）"
    )
    assert refused(step, case, "serve_demand", officer, D(2026, 4, 1), method="direct", recipient="王五") == (
        "尚未制作催告书，不能登记送达（《行政强制法》第三十五条、第三十七条）"
    )
    assert refused(step, case, "apply_compulsory_execution", officer, D(2026, 4, 1), court="西湖区人民法院") == (
        "申请人民法院强制执行前，应当以书面形式催告当事人履行义务；催告书尚未送达，不得申请（《行政强制法》第五十四条）"
    )
    demand = step(case, "demand_payment", officer, D(2026, 4, 1))
    (ref,) = demand.documents
    doc = IssuedDocument.objects.get(pk=ref["id"])
    assert doc.doc_type == "surcharge_demand" and doc.number
    assert "截至本催告书作出之日，加处罚款人民币壹佰伍拾元整（¥150.00）" in text(doc)  # one day late: 3% of 5000
    assert "自收到本催告书之日起十个工作日内将罚款及加处罚款缴至" in text(doc)
    assert refused(step, case, "apply_compulsory_execution", officer, D(2026, 4, 2), court="西湖区人民法院") == (
        "申请人民法院强制执行前，应当以书面形式催告当事人履行义务；催告书尚未送达，不得申请（《行政强制法》第五十四条）"
    )
    step(case, "serve_demand", officer, D(2026, 4, 2), method="direct", recipient="王五")
    # ten working days from 2 April 2026: 3, 7-10 (清明 4-6 April), 13-17 April
    assert refused(step, case, "apply_compulsory_execution", officer, D(2026, 4, 17), court="西湖区人民法院") == (
        "催告书于2026年4月2日送达，十个工作日的履行期限至2026年4月17日；期限届满当事人仍未履行的，"
        "方可申请人民法院强制执行（《行政强制法》第五十四条、第六十九条）"
    )
    # served 16 March: reconsideration until 15 May, litigation until 16 September
    assert refused(step, case, "apply_compulsory_execution", officer, D(2026, 4, 20), court="西湖区人民法院") == (
        "当事人在法定期限内不申请行政复议或者提起行政诉讼，又不履行的，方可申请人民法院强制执行；"
        "申请行政复议的期限至2026年5月15日，提起行政诉讼的期限至2026年9月16日，届满前不得申请（《行政强制法》第五十三条）"
    )
    assert refused(step, case, "apply_compulsory_execution", officer, D(2026, 9, 16), court="西湖区人民法院").endswith(
        "届满前不得申请（《行政强制法》第五十三条）"
    )
    applied = step(case, "apply_compulsory_execution", officer, D(2026, 9, 17), court="西湖区人民法院")
    application = IssuedDocument.objects.get(pk=applied.documents[0]["id"])
    assert f"本机关于2026-04-02向当事人送达《加处罚款催告书》{doc.number}" in text(application)
    case.refresh_from_db()
    assert case.compulsory_execution_on == D(2026, 9, 17)


def test_the_three_months_after_the_remedy_periods(unpaid: Any) -> None:
    """The window of Art. 53 (a later application is refused with the article; the day is after
    the test's clock, so the window itself is checked)."""
    assert enforcement_window(unpaid) == (D(2026, 9, 17), D(2026, 12, 16))
