"""issue_document: validation with exact Chinese errors, DOCX content and format, content-addressed
storage, hashes in the ledger, one transaction, and paper/screen from the same content."""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError, PermissionDeniedError
from yangguang.documents import services
from yangguang.documents.content import money_capital, money_text
from yangguang.documents.models import DocumentSequence, IssuedDocument, StoredFile
from yangguang.documents.samples import sample_context
from yangguang.documents.selectors import documents_for_subject
from yangguang.documents.services import issue_document, render_html
from yangguang.documents.tests.helpers import docx_texts, file_of, issue, stored_bytes
from yangguang.documents.types import DOC_TYPES
from yangguang.ledger.models import Entry
from yangguang.roster.tests.factories import AgencyFactory

pytestmark = pytest.mark.django_db

REQUIRED_TYPES = {
    "立案审批表", "现场检查（勘验）笔录", "询问笔录", "先行登记保存证据通知书", "调查终结报告",
    "行政处罚事先告知书", "陈述申辩笔录", "听证通知书", "听证笔录", "听证报告", "集体讨论记录", "行政处罚决定书",
    "不予行政处罚决定书", "案件移送书", "送达回证", "当场行政处罚决定书", "加处罚款催告书", "强制执行申请书",
    "结案审批表", "查封扣押决定书", "延长查封扣押期限决定书", "解除查封扣押决定书", "查封扣押现场笔录",
    "检查记录", "受理通知书", "准予行政许可决定书", "不予行政许可决定书", "法制审核意见书", "罚没款缴纳记录",
}  # fmt: skip


def _html_text(html: str) -> str:
    return re.sub(r"<[^>]+>", "\n", html).replace("&quot;", '"').replace("&#x27;", "'").replace("&amp;", "&")


def test_registry_covers_the_procedures() -> None:
    assert {t.name for t in DOC_TYPES.values()} == REQUIRED_TYPES


@pytest.mark.parametrize("code", list(DOC_TYPES))
def test_every_type_issues_docx_and_page_from_the_same_content(code: str, agency: Any, officer: Any) -> None:
    document = issue(agency, officer, code)
    texts = docx_texts(stored_bytes(document))
    joined = "\n".join(texts)
    assert "杭州示例食品有限公司" in joined
    assert texts[0] == "杭州市市场监督管理局"
    assert texts[1] == DOC_TYPES[code].name
    if DOC_TYPES[code].numbered:
        assert texts[2] == document.number
        assert re.fullmatch(r"杭市监\w+〔2026〕1号", document.number)
    # The printable page is drawn from the same content: every DOCX text appears on it.
    page = _html_text(render_html(document))
    for text in texts:
        assert text.replace("＿＿＿＿＿＿　　　　年　　月　　日", "") in page


def test_penalty_decision_wording(agency: Any, officer: Any) -> None:
    texts = docx_texts(stored_bytes(issue(agency, officer, "penalty_decision")))
    joined = "\n".join(texts)
    for expected in (
        "当事人：杭州示例食品有限公司",
        "统一社会信用代码：91330100MA2XXXXX0L",
        "法定代表人（负责人）：王五",
        "1.现场检查笔录及现场照片",
        "当事人的上述行为违反了《中华人民共和国食品安全法》第三十四条第（十）项的规定。",
        "依据《中华人民共和国食品安全法》第一百二十四条第一款第（五）项的规定，本机关决定对当事人作出如下行政处罚：",
        "你单位应当自收到本决定书之日起十五日内，将罚款人民币伍万元整（¥50,000.00）缴至中国工商银行杭州分行营业部",
        "你单位如不服本行政处罚决定，可以在收到本决定书之日起六十日内向杭州市人民政府申请行政复议；"
        "也可以在收到本决定书之日起六个月内依法向杭州市西湖区人民法院提起行政诉讼。",
        "2026年11月20日",
        "（印章）",
    ):
        assert expected in joined, expected


def test_notice_of_rights_names_statement_defense_and_hearing(agency: Any, officer: Any) -> None:
    joined = "\n".join(docx_texts(stored_bytes(issue(agency, officer, "penalty_notice"))))
    assert "有权进行陈述和申辩" in joined
    assert "有权要求举行听证。你单位要求听证的，应当在收到本告知书之日起五个工作日内向本机关提出。" in joined
    without = issue(agency, officer, "penalty_notice", hearing_right=False)
    assert "听证" not in "\n".join(docx_texts(stored_bytes(without)))


def test_natural_person_is_addressed_as_you(agency: Any, officer: Any) -> None:
    party = {"name": "张三", "kind": "person", "id_number": "330106198001011234", "address": "杭州市西湖区某路1号"}
    joined = "\n".join(docx_texts(stored_bytes(issue(agency, officer, "penalty_notice", party=party))))
    assert "身份证件号码：" not in joined  # the notice addresses the party, the decision lists the ID
    assert "你的上述行为违反了" in joined
    decision = "\n".join(docx_texts(stored_bytes(issue(agency, officer, "penalty_decision", party=party))))
    assert "身份证件号码：330106198001011234" in decision
    assert "住址：杭州市西湖区某路1号" in decision


def test_docx_is_a4_with_east_asian_fonts(agency: Any, officer: Any) -> None:
    data = stored_bytes(issue(agency, officer))
    xml = zipfile.ZipFile(io.BytesIO(data)).read("word/document.xml").decode()
    assert 'w:eastAsia="仿宋"' in xml
    assert 'w:eastAsia="宋体"' in xml
    assert re.search(r'<w:pgSz w:w="11906" w:h="16838"', xml) or re.search(r'w:w="1190[0-9]"', xml)


def test_missing_fields_named_in_chinese_and_nothing_written(agency: Any, officer: Any) -> None:
    ctx = sample_context("penalty_decision")
    del ctx["facts"], ctx["evidence"]
    ctx["party"] = {**ctx["party"], "id_number": ""}
    ctx["officers"] = [{"name": "李明"}]  # officers are optional here, but what is given must be whole
    entries = Entry.objects.count()
    with pytest.raises(DomainError) as exc:
        issue_document(agency=agency, doc_type="penalty_decision", subject="cases.case:1", context=ctx, actor=officer)
    assert exc.value.message == (
        "生成《行政处罚决定书》缺少必填内容：当事人证件号码（party.id_number）、违法事实（facts）、证据（evidence）"
    )
    assert exc.value.code == "document_context_missing"
    assert not IssuedDocument.objects.exists()
    assert not DocumentSequence.objects.exists()
    assert Entry.objects.count() == entries


def test_incomplete_officers_and_fine_without_bank(agency: Any, officer: Any) -> None:
    ctx = sample_context("summary_penalty_decision")
    ctx["officers"] = [{"name": "李明", "certificate_no": "ZJ1"}, {"name": "赵强"}]
    del ctx["bank"]
    with pytest.raises(DomainError) as exc:
        issue_document(agency=agency, doc_type="summary_penalty_decision", subject="s:1", context=ctx, actor=officer)
    assert exc.value.message == (
        "生成《当场行政处罚决定书》缺少必填内容：执法人员第2项执法证号（officers[2].certificate_no）、缴款银行及账户（bank）"
    )


def test_malformed_values(agency: Any, officer: Any) -> None:
    ctx = sample_context("penalty_decision")
    ctx["date"] = "2026/11/20"
    ctx["fine_amount"] = "五万"
    with pytest.raises(DomainError) as exc:
        issue_document(agency=agency, doc_type="penalty_decision", subject="s:1", context=ctx, actor=officer)
    assert exc.value.message == (
        "《行政处罚决定书》内容格式不正确：罚款金额（元）（fine_amount）应为金额（元）；文书日期（date）应为日期（YYYY-MM-DD）"
    )


def test_unknown_type_foreign_agency_and_seizure_period(agency: Any, officer: Any) -> None:
    with pytest.raises(DomainError) as exc:
        issue_document(agency=agency, doc_type="nonsense", subject="s:1", context={}, actor=officer)
    assert exc.value.message == "未知的文书种类：nonsense"
    other = AgencyFactory(name="宁波市市场监督管理局", region=agency.region)
    with pytest.raises(PermissionDeniedError) as denied:
        issue(other, officer)
    assert denied.value.message == "只能以本机关名义制作执法文书，无权以宁波市市场监督管理局名义制作"
    with pytest.raises(DomainError) as period:
        issue(agency, officer, "seizure_decision", period_days=31)
    assert period.value.message == (
        "查封、扣押的期限不得超过三十日，延长期限不得超过三十日（《中华人民共和国行政强制法》第二十五条）"
    )


def test_snapshot_is_normalized_and_dated(agency: Any, officer: Any) -> None:
    ctx = sample_context("inquiry_record")
    del ctx["date"]
    ctx["started_at"] = timezone.make_aware(dt.datetime(2026, 10, 16, 9, 30, 15))
    ctx["unrelated"] = "not stored"
    document = issue_document(agency=agency, doc_type="inquiry_record", subject="s:1", context=ctx, actor=officer)
    assert document.issued_on == timezone.localdate()
    assert document.context["date"] == timezone.localdate().isoformat()
    assert document.context["started_at"] == "2026-10-16T09:30"
    assert "unrelated" not in document.context
    assert "fine_amount" not in document.context  # not a field of this type
    assert document.issued_by == officer


def test_identical_content_is_stored_once(agency: Any, officer: Any, media_root: Path) -> None:
    a = issue(agency, officer, "inquiry_record", subject="cases.case:1")
    b = issue(agency, officer, "inquiry_record", subject="cases.case:1")
    assert a.pk != b.pk
    assert a.file_id == b.file_id
    assert StoredFile.objects.count() == 1
    sha = file_of(a).sha256
    assert file_of(a).name == f"documents/{sha[:2]}/{sha}.docx"
    assert [p.name for p in media_root.rglob("*.docx")] == [f"{sha}.docx"]
    c = issue(agency, officer, "inquiry_record", subject="cases.case:1", place="另一地点")
    assert c.file_id != a.file_id


def test_hashes_and_ledger_entry(agency: Any, officer: Any) -> None:
    document = issue(agency, officer, subject="cases.case:42")
    data = stored_bytes(document)
    assert file_of(document).sha256 == hashlib.sha256(data).hexdigest()
    assert file_of(document).sm3 == hashlib.new("sm3", data).hexdigest()
    assert file_of(document).size == len(data)
    entry = Entry.objects.filter(subject="cases.case:42", action="documents.issue").get()
    doc = json.loads(entry.canonical)
    # The issue records the fields (their hash); the file's hashes come with the render entry.
    assert doc["files"] == {}
    assert doc["payload"]["document_id"] == document.pk
    assert doc["payload"]["number"] == "杭市监罚〔2026〕1号"
    assert doc["payload"]["content_sha256"] == document.content_sha256 != ""
    rendered = json.loads(Entry.objects.filter(subject="cases.case:42", action="documents.render").get().canonical)
    assert rendered["files"] == {"docx_sha256": file_of(document).sha256, "docx_sm3": file_of(document).sm3}
    assert rendered["payload"] == {
        "document_id": document.pk,
        "number": "杭市监罚〔2026〕1号",
        "content_sha256": document.content_sha256,
    }
    assert list(documents_for_subject("cases.case:42")) == [document]


def test_rendering_is_deterministic(agency: Any) -> None:
    from yangguang.documents.content import build_content
    from yangguang.documents.render_docx import finalize, prepare, render_docx

    content = build_content(
        DOC_TYPES["penalty_decision"], agency_name=agency.name, number="X", context=sample_context("penalty_decision")
    )
    assert finalize(prepare(render_docx(content)), "1") == finalize(prepare(render_docx(content)), "1")


def test_ledger_failure_rolls_everything_back(agency: Any, officer: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(**kwargs: Any) -> None:
        raise RuntimeError("ledger down")

    monkeypatch.setattr(services, "append_entry", broken)
    with pytest.raises(RuntimeError):
        issue(agency, officer)
    assert not IssuedDocument.objects.exists()
    assert not StoredFile.objects.exists()
    assert DocumentSequence.objects.filter(last__gt=0).count() == 0
    monkeypatch.undo()
    assert issue(agency, officer).number == "杭市监罚〔2026〕1号"


def test_only_the_system_issues_for_any_agency(agency: Any, admin_user: Any) -> None:
    """An administrator has no power to make documents in an agency's name; the system (a command
    run by the operator, actor None) may."""
    other = AgencyFactory(name="宁波市市场监督管理局", region=agency.region)
    with pytest.raises(AccessDenied) as exc:
        issue(other, admin_user)
    assert exc.value.message == "只能以本机关名义制作执法文书，无权以宁波市市场监督管理局名义制作"
    assert issue(other, None).number == "宁市监罚〔2026〕1号"


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        ("50000", "伍万元整"),
        ("1020.5", "壹仟零贰拾元伍角"),
        ("100000001", "壹亿零壹元整"),
        ("10010", "壹万零壹拾元整"),
        ("200", "贰佰元整"),
        ("0.05", "伍分"),
    ],
)
def test_money_capital(amount: str, text: str) -> None:
    assert money_capital(Decimal(amount)) == text


def test_money_text() -> None:
    assert money_text("3000") == "人民币叁仟元整（¥3,000.00）"


def test_party_kind_must_be_known(agency: Any, officer: Any) -> None:
    ctx = sample_context("penalty_decision")
    ctx["party"] = {**ctx["party"], "kind": "company"}
    with pytest.raises(DomainError) as exc:
        issue_document(agency=agency, doc_type="penalty_decision", subject="s:1", context=ctx, actor=officer)
    assert exc.value.message == (
        "《行政处罚决定书》内容格式不正确：当事人（party）的类型（kind）应为 person（自然人）或 organization（法人或其他组织）"
    )
