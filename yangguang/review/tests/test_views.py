"""The review pages: the queue, the review page with its materials and forms, errors shown in Chinese
with nothing written, the case page panel with the officer's flags."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

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
