"""The review pages: the queue, the review page with its materials and forms, errors shown in Chinese
with nothing written, the case page panel with the officer's flags."""

from __future__ import annotations

import re
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from yangguang.documents.models import IssuedDocument
from yangguang.ledger.models import Entry
from yangguang.review.models import RequestStatus
from yangguang.review.tests.conftest import ON

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_queue_review_page_and_errors(submitted_case: Any, review_reviewer: Any, officer: Any) -> None:
    case = submitted_case()
    request = case.review_requests.get()
    c = _client(review_reviewer)
    queue = c.get("/review/").content.decode()
    assert case.number in queue and "待分配" in queue
    page = c.get(f"/review/requests/{request.pk}/").content.decode()
    assert "审核材料（从案件汇集）" in page and "罚款；罚款50000元" in page
    assert "承办机构声明：提交法制审核的材料真实、完整，承办机构对此负责" in page
    r = c.post(f"/review/requests/{request.pk}/assign/", {"reviewer": str(officer.officer.pk)})
    assert r.status_code == 400 and "李明不是本机关法制审核机构的法制审核人员" in r.content.decode()
    r = c.post(f"/review/requests/{request.pk}/assign/", {"reviewer": str(review_reviewer.officer.pk)})
    assert r.status_code == 302
    posted = {f"result_{n}": "ok" for n in range(1, 10)} | {"opinion": "agree", "text": ""}
    r = c.post(f"/review/requests/{request.pk}/opinion/", posted)
    assert r.status_code == 400 and "请填写书面审核意见" in r.content.decode()
    request.refresh_from_db()
    assert request.status == RequestStatus.IN_REVIEW and not request.rounds.get().findings.exists()
    r = c.post(f"/review/requests/{request.pk}/opinion/", posted | {"text": "同意"})
    assert r.status_code == 302
    request.refresh_from_db()
    assert request.status == RequestStatus.PASSED
    # the handling officer reads the review of their case too
    assert _client(officer).get(f"/review/requests/{request.pk}/").status_code == 200


def test_case_panel_shows_flags_with_their_reasons(ended_case: Any, step: Any, officer: Any) -> None:
    case = ended_case()
    step(case, "flag_major", officer, ON, reason="涉及众多消费者权益", flag="public_interest")
    page = _client(officer).get(f"/cases/{case.pk}/").content.decode()
    assert "涉及重大公共利益：涉及众多消费者权益" in page
    assert "重大执法决定：作出决定前须经法制审核" in page


def test_openapi_lists_the_review_endpoints(officer: Any) -> None:
    paths = _client(officer).get("/api/openapi.json").json()["paths"]
    assert "/api/review/cases/{case_id}/submit" in paths and "/api/review/requests/{pk}/opinion" in paths


def test_no_finding_is_preselected_and_every_check_must_be_answered(submitted_case: Any, review_reviewer: Any) -> None:
    from yangguang.review.services import assign_reviewer

    case = submitted_case()
    request = case.review_requests.get()
    assign_reviewer(request=request, reviewer=review_reviewer.officer, actor=review_reviewer)
    c = _client(review_reviewer)
    html = c.get(f"/review/requests/{request.pk}/").content.decode()
    radios = re.findall(r'<input type="radio" name="result_\d"[^>]*>', html)
    assert len(radios) == 27 and not [r for r in radios if "checked" in r]
    # Eight answered, the fifth left out: refused, nothing written, the answers kept on the page.
    posted = {f"result_{n}": "ok" for n in range(1, 10) if n != 5} | {"opinion": "agree", "text": "同意"}
    r = c.post(f"/review/requests/{request.pk}/opinion/", posted)
    body = r.content.decode()
    assert r.status_code == 400 and "请对九项审核事项逐项作出审核结论（缺少第5项「适用法律法规规章是否准确」）" in body
    assert '<input type="radio" name="result_4" value="ok" required checked>' in body
    assert '<input type="radio" name="result_5" value="ok" required>' in body
    assert not request.rounds.get().findings.exists()


def test_the_case_file_opens_from_the_review_page_and_each_access_is_logged(
    submitted_case: Any, review_reviewer: Any, officer2: Any, settings: Any, tmp_path: Any
) -> None:
    from yangguang.evidence.models import AccessKind, AccessLog
    from yangguang.evidence.storage import reset_storage
    from yangguang.evidence.tests.conftest import jpeg
    from yangguang.roster.certificates import suspend_certificate

    settings.MEDIA_ROOT = tmp_path / "media"
    reset_storage()
    case = submitted_case()
    request = case.review_requests.get()
    officer_client = _client(case.created_by)
    photo = SimpleUploadedFile("现场.jpg", jpeg(), content_type="image/jpeg")
    assert officer_client.post(f"/evidence/case/{case.pk}/upload", {"file": photo, "kind": "photo"}).status_code == 302
    # The second handler's certificate is suspended after the submission: flagged in the materials.
    suspend_certificate(officer=officer2.officer, on=timezone.localdate(), actor=None, reason="违纪调查")

    c = _client(review_reviewer)
    html = c.get(f"/review/requests/{request.pk}/").content.decode()
    assert 'id="handler-flags"' in html and "赵强" in html
    reason = f"法制审核：{case.number}（第1轮）"
    assert f'value="{reason}"' in html
    ev = case.evidence.get()
    doc = IssuedDocument.objects.filter(subject=case.subject_label, doc_type="case_filing").get()
    r = c.post(f"/evidence/{ev.pk}/", {"reason": reason})
    assert r.status_code == 302 and r["Location"] == f"/evidence/{ev.pk}/"
    r = c.post(f"/evidence/case/{case.pk}/documents/{doc.pk}/open", {"reason": reason})
    assert r.status_code == 302 and r["Location"] == f"/documents/{doc.pk}/"
    logs = list(AccessLog.objects.filter(case=case).order_by("pk").values_list("kind", "reason", "document_id"))
    assert logs == [(AccessKind.VIEW, reason, None), (AccessKind.DOCUMENT, reason, doc.pk)]
    # The access is in the ledger too, and a document of another case is not opened through this case.
    assert Entry.objects.filter(action="evidence.document_view", subject=case.subject_label).exists()
    other = IssuedDocument.objects.exclude(subject=case.subject_label).first()
    if other is not None:
        assert c.post(f"/evidence/case/{case.pk}/documents/{other.pk}/open", {"reason": reason}).status_code == 404
