"""Clues and supervision documents: a hit becomes a clue, the bureau issues a numbered opinion, the
agency head answers with rectification and evidence, the bureau returns then accepts; overdue
answers escalate; a public complaint reaches the bureau above the agency without its complainant's
name in the ledger; agencies see only their own documents."""

from __future__ import annotations

from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry
from yangguang.roster.tests.factories import AgencyFactory, UserFactory
from yangguang.supervision import services
from yangguang.supervision.models import Clue, ClueSource, DocStatus, HitMark, SupervisionDocument

from .conftest import D, make_case, make_publication

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_hit_to_clue_opinion_answer_return_accept_close(
    agency: Any, officer: Any, supervisor: Any, agency_head: Any, other_city_agency: Any
) -> None:
    pub = make_publication(make_case(agency, officer), due=D(2026, 1, 5), status="pending")
    key = f"publication:{pub.pk}"
    clue = services.clue_from_hit(actor=supervisor, rule_code="publication_late", key=key, today=D(2026, 3, 2))
    assert clue.source == ClueSource.MODEL and clue.agency == agency and clue.case_id == pub.case_id
    assert (
        services.clue_from_hit(actor=supervisor, rule_code="publication_late", key=key) == clue
    )  # one open clue per hit
    doc = services.issue_document(
        actor=supervisor,
        clue=clue,
        kind="opinion",
        problems="执法决定逾期未公开",
        requirements="立即公开并建立公开台账",
        today=D(2026, 3, 2),
    )
    assert doc.number == "杭司执法监意〔2026〕1号" and doc.due_on == D(2026, 4, 1) and doc.status == DocStatus.SENT
    with pytest.raises(DomainError) as exc:
        services.answer_document(actor=officer, document=doc, rectification="已公开")
    assert exc.value.message == "只能由被监督执法主体的负责人答复监督文书"
    with pytest.raises(DomainError) as exc:
        services.answer_document(actor=agency_head, document=doc, rectification=" ")
    assert exc.value.message == "请填写整改情况"
    evidence = SimpleUploadedFile("台账.pdf", b"%PDF-1.4 ledger", content_type="application/pdf")
    services.answer_document(
        actor=agency_head, document=doc, rectification="已公开", evidence=evidence, today=D(2026, 3, 10)
    )
    with pytest.raises(DomainError) as exc:
        services.decide_answer(actor=supervisor, document=doc, accept=False)
    assert exc.value.message == "退回时请写明理由"
    services.decide_answer(actor=supervisor, document=doc, accept=False, note="未附公开截图")
    with pytest.raises(DomainError) as exc:
        services.close_clue(actor=supervisor, clue=clue, finding="confirmed", text="属实")
    assert exc.value.message == "该线索还有未审核认可的监督文书，不能办结"
    services.answer_document(actor=agency_head, document=doc, rectification="已公开，附截图", today=D(2026, 3, 12))
    doc = services.decide_answer(actor=supervisor, document=doc, accept=True)
    assert doc.status == DocStatus.ACCEPTED and [a.status for a in doc.answers.order_by("round")] == [
        "returned",
        "accepted",
    ]
    services.close_clue(actor=supervisor, clue=clue, finding="confirmed", text="逾期公开属实，已整改")
    assert HitMark.objects.get(rule="publication_late", key=key).verdict == "confirmed"
    actions = list(Entry.objects.filter(subject=doc.subject_label).order_by("seq").values_list("action", flat=True))
    assert actions == [
        "supervision.document.issue",
        "supervision.document.answer",
        "supervision.document.return",
        "supervision.document.answer",
        "supervision.document.accept",
    ]
    # another city's agency head sees nothing of it
    other_head = UserFactory(username="nbhead", role="agency_head", agency=other_city_agency)
    assert _client(other_head).get(f"/supervision/documents/{doc.pk}/").status_code == 404
    assert _client(agency_head).get(f"/supervision/documents/{doc.pk}/").status_code == 200
    assert _client(agency_head).get(f"/supervision/clues/{clue.pk}/").status_code == 403


def test_overdue_answers_escalate(agency: Any, officer: Any, supervisor: Any) -> None:
    clue = services.create_clue(
        actor=supervisor, agency=agency, title="未按规定公示", description="执法人员清单未更新", today=D(2026, 3, 2)
    )
    doc = services.issue_document(
        actor=supervisor, clue=clue, kind="opinion", problems="清单未更新", requirements="更新", today=D(2026, 3, 2)
    )
    notice = services.issue_document(
        actor=supervisor, clue=clue, kind="notice", problems="通报", requirements="通报全市", today=D(2026, 3, 2)
    )
    assert notice.status == DocStatus.RECORDED and notice.due_on is None
    assert services.escalate_overdue(today=D(2026, 4, 1)) == 0
    assert services.escalate_overdue(today=D(2026, 4, 2)) == 1
    assert services.escalate_overdue(today=D(2026, 4, 3)) == 0
    doc.refresh_from_db()
    assert doc.escalated_on == D(2026, 4, 2)
    assert Entry.objects.filter(subject=doc.subject_label, action="supervision.document.escalate").count() == 1


def test_public_complaint_goes_to_the_nearest_bureau(agency: Any, supervisor: Any, county: Any) -> None:
    county_agency: Any = AgencyFactory(name="西湖区市场监督管理局", region=county)
    county_bureau = AgencyFactory(name="西湖区司法局", region=county, is_supervisor=True, power_kinds=[])
    r = Client().post(
        "/supervision/complaint/",
        {
            "agency": county_agency.pk,
            "title": "重复检查",
            "description": "一个月检查三次",
            "complainant": "",
            "contact": "",
        },
    )
    assert r.status_code == 400 and "请填写投诉人姓名和联系方式，以便答复" in r.content.decode()
    assert not Clue.objects.exists()
    data = {
        "agency": county_agency.pk,
        "title": "重复检查",
        "description": "一个月检查三次",
        "complainant": "王小明",
        "contact": "13900000000",
    }
    r = Client().post("/supervision/complaint/", data)
    clue = Clue.objects.get()
    assert r.status_code == 200 and clue.number in r.content.decode()
    assert clue.bureau == county_bureau and clue.source == ClueSource.COMPLAINT
    entry = Entry.objects.get(subject=clue.subject_label)
    assert "王小明" not in entry.canonical and "13900000000" not in entry.canonical
    # the city bureau above sees it too (its region holds the county)
    page = _client(supervisor).get("/supervision/clues/").content.decode()
    assert clue.number in page


def test_clue_pages_flow(agency: Any, officer: Any, supervisor: Any, agency_head: Any) -> None:
    c = _client(supervisor)
    r = c.post("/supervision/clues/", {"agency": agency.pk, "title": "", "description": "x"})
    assert r.status_code == 400 and "请填写线索标题" in r.content.decode()
    r = c.post("/supervision/clues/", {"agency": agency.pk, "title": "乱罚款", "description": "群众反映"})
    clue = Clue.objects.get()
    assert r.status_code == 302
    r = c.post(f"/supervision/clues/{clue.pk}/assign/", {"assignee": supervisor.pk})
    assert r.status_code == 302
    r = c.post(
        f"/supervision/clues/{clue.pk}/documents/",
        {"kind": "decision", "problems": "罚款无依据", "requirements": "撤销该罚款决定", "due_on": "2099-01-01"},
    )
    doc = SupervisionDocument.objects.get()
    assert r.status_code == 302 and doc.kind == "decision" and doc.due_on == D(2099, 1, 1)
    h = _client(agency_head)
    assert doc.number in h.get("/supervision/documents/").content.decode()
    r = h.post(
        f"/supervision/documents/{doc.pk}/answer/",
        {"rectification": "已撤销", "evidence": SimpleUploadedFile("撤销决定.pdf", b"%PDF-1.4 x")},
    )
    assert r.status_code == 302
    answer = doc.answers.get()
    assert c.get(f"/supervision/answers/{answer.pk}/evidence/").status_code == 200
    r = c.post(f"/supervision/documents/{doc.pk}/decide/", {"decision": "accept", "note": ""})
    doc.refresh_from_db()
    assert r.status_code == 302 and doc.status == DocStatus.ACCEPTED
    assert _client(officer).get("/supervision/documents/").status_code == 403
