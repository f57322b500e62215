"""Issue 16: the reconsideration organ, the court and the payment account printed in decisions are
the agency's roster data (a vertically managed agency's organ is its superior department). A
penalty decision or a licence denial cannot be made while the roster lacks them (the refusal names
what is missing), the documents print them, and nothing is made up from the region's name."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest

from yangguang.core.errors import DomainError
from yangguang.documents.models import IssuedDocument
from yangguang.documents.services import document_content
from yangguang.roster.tests.factories import AgencyFactory

D = dt.date
pytestmark = pytest.mark.django_db
PENALTY = {"decision_type": "penalty", "penalty_types": ["fine"], "fine": "5000", "reasons": "x"}
ROOT = Path(__file__).resolve().parents[2]


def text(doc: IssuedDocument) -> str:
    return "\n".join(b.text for b in document_content(doc).blocks)


def test_no_decision_without_the_real_organs_and_account(
    notified_case: Any, step: Any, officer: Any, agency_head: Any, agency: Any
) -> None:
    case = notified_case()
    step(case, "waive_statement", officer, D(2026, 3, 13), content="放弃")
    agency.court = ""
    agency.payment_account = " "
    agency.save()
    with pytest.raises(DomainError) as exc:
        step(case, "decide", agency_head, D(2026, 3, 13), **PENALTY)
    assert (exc.value.code, exc.value.message) == (
        "agency_appeal_data_missing",
        "执法主体“杭州市市场监督管理局”的名册信息缺少管辖人民法院、罚没款缴纳账户，不能制作《行政处罚决定书》："
        "决定书须载明真实的行政复议机关、管辖人民法院和罚没款缴纳账户。请系统管理员在执法主体名册中补充（执法主体导入或管理后台）",
    )
    case.refresh_from_db()
    assert case.state == "notified" and not IssuedDocument.objects.filter(doc_type="penalty_decision").exists()

    agency.court = "杭州铁路运输法院"
    agency.payment_account = "中国农业银行杭州西湖支行（户名：杭州市财政局非税收入专户，账号：19000101040012345）"
    agency.save()
    step(case, "decide", agency_head, D(2026, 3, 13), **PENALTY)
    body = text(IssuedDocument.objects.get(doc_type="penalty_decision"))
    assert "可以在收到本决定书之日起六十日内向杭州市人民政府申请行政复议" in body
    assert "六个月内依法向杭州铁路运输法院提起行政诉讼" in body
    assert "缴至中国农业银行杭州西湖支行（户名：杭州市财政局非税收入专户，账号：19000101040012345）" in body


def test_a_vertically_managed_agencys_organ_is_its_superior_department(
    notified_case: Any, step: Any, officer: Any, agency_head: Any, agency: Any
) -> None:
    agency.parent = AgencyFactory(name="浙江省市场监督管理局", region=agency.region.parent)
    agency.vertical_management = True
    agency.reconsideration_organ = "杭州市人民政府"  # not used for a vertically managed agency
    agency.save()
    case = notified_case()
    step(case, "waive_statement", officer, D(2026, 3, 13), content="放弃")
    step(case, "decide", agency_head, D(2026, 3, 13), **PENALTY)
    body = text(IssuedDocument.objects.get(doc_type="penalty_decision"))
    assert "之日起六十日内向浙江省市场监督管理局申请行政复议" in body


def test_a_licence_denial_needs_them_too(new_case: Any, step: Any, officer: Any, unit_head: Any, agency: Any) -> None:
    case = new_case("licensing")
    step(case, "accept", officer, D(2026, 3, 2), materials="申请书、营业执照")
    agency.reconsideration_organ = ""
    agency.save()
    deny = {"licence_decision": "deny", "reasons": "不符合条件", "legal_basis": "《食品安全法》第三十五条"}
    with pytest.raises(DomainError) as exc:
        step(case, "decide_licence", unit_head, D(2026, 3, 20), **deny)
    assert exc.value.message.startswith(
        "执法主体“杭州市市场监督管理局”的名册信息缺少行政复议机关，不能制作《不予行政许可决定书》"
    )


# Text the platform once made up from the region's name instead of the roster's data.
PLACEHOLDERS = (
    re.compile(r"region\.name\}(人民政府|有管辖权|财政局)"),
    re.compile(r"有管辖权的人民法院"),
    re.compile(r"以缴款通知书载明的账户为准"),
)


def test_no_document_text_is_made_up_from_the_region_name() -> None:
    sources = [ROOT / "cases" / "documents_bridge.py", *sorted((ROOT / "documents" / "content").glob("*.py"))]
    sources += sorted((ROOT / "documents" / "templates").rglob("*.html"))
    found = [
        f"{path.relative_to(ROOT)}: {m.group(0)}"
        for path in sources
        for pattern in PLACEHOLDERS
        for m in pattern.finditer(path.read_text(encoding="utf-8"))
    ]
    assert found == []
