"""The printable page, the DOCX download and the API, with the agency scope: a user of another
agency gets 404, a supervisor of the region sees the document, anonymous users are sent to log in."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import pytest
from django.test import Client

from conftest import PASSWORD
from yangguang.documents.models import IssuedDocument
from yangguang.documents.tests.helpers import case_of, file_of, issue, stored_bytes
from yangguang.roster.models import Region, RegionLevel
from yangguang.roster.tests.factories import AgencyFactory, UserFactory

pytestmark = pytest.mark.django_db

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _client(user: Any) -> Client:
    c = Client()
    assert c.login(username=user.username, password=PASSWORD)
    return c


@pytest.fixture
def document(agency: Any, officer: Any) -> IssuedDocument:
    return issue(agency, officer, "penalty_decision", subject=case_of(officer).subject_label)


@pytest.fixture
def stranger(city: Any) -> Any:
    """An officer of an agency in another city."""
    province = Region.objects.get(code="330000")
    ningbo = Region.objects.create(
        code="330200", name="宁波市", level=RegionLevel.CITY, parent=province, path="/330000/330200/"
    )
    other = AgencyFactory(name="宁波市市场监督管理局", region=ningbo)
    return UserFactory(username="stranger", role="officer", agency=other)


def test_printable_page(document: IssuedDocument, officer: Any) -> None:
    response = _client(officer).get(f"/documents/{document.pk}/")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<h1 class="doc-title">行政处罚决定书</h1>' in html
    assert '<p class="doc-number">杭市监罚〔2026〕1号</p>' in html
    assert "当事人：杭州示例食品有限公司" in html
    assert "documents/print.css" in html
    assert f"/documents/{document.pk}/download" in html
    assert file_of(document).sha256[:16] in html


def test_download(document: IssuedDocument, officer: Any) -> None:
    response = _client(officer).get(f"/documents/{document.pk}/download")
    assert response.status_code == 200
    assert response["Content-Type"] == DOCX
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename*=utf-8''")
    assert quote("行政处罚决定书杭市监罚〔2026〕1号.docx") in disposition
    assert b"".join(response.streaming_content) == stored_bytes(document)  # type: ignore[attr-defined]


def test_other_agency_gets_404(document: IssuedDocument, stranger: Any) -> None:
    c = _client(stranger)
    assert c.get(f"/documents/{document.pk}/").status_code == 404
    assert c.get(f"/documents/{document.pk}/download").status_code == 404
    response = c.get(f"/api/documents/{document.pk}")
    assert response.status_code == 404
    assert response.json() == {"code": "document_not_found", "message": "执法文书不存在或无权查看"}
    listing = c.get(f"/documents/?subject={document.subject}").content.decode()
    assert "杭市监罚" not in listing


def test_supervisor_of_the_region_sees_it(document: IssuedDocument, supervisor: Any) -> None:
    c = _client(supervisor)
    assert c.get(f"/documents/{document.pk}/").status_code == 200
    assert c.get(f"/documents/{document.pk}/download").status_code == 200


def test_anonymous_is_sent_to_login(document: IssuedDocument, public: Client) -> None:
    for url in (f"/documents/{document.pk}/", f"/documents/{document.pk}/download", "/documents/"):
        response = public.get(url)
        assert response.status_code == 302
        assert "/accounts/login/" in response["Location"]
    assert public.get(f"/api/documents/{document.pk}").status_code == 401
    assert public.get("/api/documents/types").status_code == 401


def test_list_by_subject(document: IssuedDocument, agency: Any, officer: Any) -> None:
    issue(agency, officer, "penalty_notice", subject=case_of(officer).subject_label)
    html = _client(officer).get(f"/documents/?subject={document.subject}").content.decode()
    assert "杭市监罚〔2026〕1号" in html
    assert "杭市监告" not in html


def test_api_types(officer: Any) -> None:
    response = _client(officer).get("/api/documents/types")
    assert response.status_code == 200
    types = {t["code"]: t for t in response.json()}
    decision = types["penalty_decision"]
    assert decision["name"] == "行政处罚决定书"
    assert decision["numbered"] is True
    assert decision["word"] == "罚"
    fields = {f["key"]: f for f in decision["fields"]}
    assert fields["facts"] == {
        "key": "facts",
        "label": "违法事实",
        "kind": "text",
        "required": True,
        "help": "经查明的事实",
    }
    assert fields["bank"]["required"] is False
    assert types["inquiry_record"]["numbered"] is False
    assert types["inquiry_record"]["number_pattern"] == ""


def test_api_metadata(document: IssuedDocument, officer: Any) -> None:
    response = _client(officer).get(f"/api/documents/{document.pk}")
    assert response.status_code == 200
    body = response.json()
    assert body["number"] == "杭市监罚〔2026〕1号"
    assert body["doc_type"] == "penalty_decision"
    assert body["subject"] == document.subject
    assert body["sha256"] == file_of(document).sha256
    assert body["sm3"] == file_of(document).sm3
    assert body["issued_by"] == "officer"
    assert body["download_url"] == f"/documents/{document.pk}/download"
    assert body["context"]["party"]["name"] == "杭州示例食品有限公司"


def test_types_page(officer: Any) -> None:
    html = _client(officer).get("/documents/types/").content.decode()
    assert "<td>行政处罚决定书</td>" in html
    assert "案件编号、当事人、违法事实、证据、违反的规定、法律依据、处罚内容、行政复议机关、人民法院" in html
