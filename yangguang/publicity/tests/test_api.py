"""The portal's public API: no authentication, public fields only, bounded queries."""

from __future__ import annotations

from typing import Any

import pytest

from yangguang.publicity.tokens import certificate_token
from yangguang.roster.tests.factories import OfficerFactory

pytestmark = pytest.mark.django_db

OFFICER_KEYS = {
    "name",
    "agency_id",
    "agency",
    "unit",
    "post",
    "certificate_no",
    "categories",
    "region",
    "valid_from",
    "valid_until",
    "status",
    "status_label",
    "valid_today",
    "verify_url",
}


def test_officers_needs_no_login_and_gives_public_fields_only(public: Any, officer: Any, private_data: Any) -> None:
    response = public.get("/api/publicity/officers", {"q": "李明"})
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    data = response.json()
    assert (data["count"], data["page"], data["pages"]) == (1, 1, 1)
    row = data["results"][0]
    assert set(row) == OFFICER_KEYS
    off = officer.officer
    assert row == {
        "name": "李明",
        "agency_id": off.agency_id,
        "agency": "杭州市市场监督管理局",
        "unit": "执法稽查处",
        "post": "",
        "certificate_no": off.certificate_no,
        "categories": [
            {"code": "penalty", "label": "行政处罚"},
            {"code": "inspection", "label": "行政检查"},
            {"code": "coercion", "label": "行政强制"},
            {"code": "licensing", "label": "行政许可"},
        ],
        "region": "杭州市",
        "valid_from": "2024-01-01",
        "valid_until": "2030-12-31",
        "status": "valid",
        "status_label": "有效",
        "valid_today": True,
        "verify_url": f"http://testserver/public/verify/{certificate_token(off.certificate_no)}/",
    }
    for secret in private_data.values():
        assert secret not in response.content.decode()


def test_officers_filters_and_pages(public: Any, agency: Any, county_agency: Any, statuses: Any) -> None:
    for n in range(22):
        OfficerFactory(agency=county_agency, name=f"孙{n:02d}")
    data = public.get("/api/publicity/officers", {"agency": county_agency.pk}).json()
    assert (data["count"], data["pages"], len(data["results"])) == (22, 2, 20)
    data = public.get("/api/publicity/officers", {"agency": county_agency.pk, "page": 2}).json()
    assert (data["page"], len(data["results"])) == (2, 2)
    data = public.get("/api/publicity/officers", {"q": "ZJ-LAPSED"}).json()
    assert [(r["name"], r["status"], r["valid_today"]) for r in data["results"]] == [("陈过期", "expired", False)]
    data = public.get("/api/publicity/officers", {"q": "稽查"}).json()
    assert {r["status"] for r in data["results"]} == {"valid", "expired", "suspended", "revoked"}


def test_officers_query_count_is_bounded(
    public: Any, agency: Any, county_agency: Any, django_assert_max_num_queries: Any
) -> None:
    for n in range(20):
        OfficerFactory(agency=agency if n % 2 else county_agency)
    with django_assert_max_num_queries(3):  # + the certificates' history, one query for the page
        assert len(public.get("/api/publicity/officers").json()["results"]) == 20


@pytest.mark.parametrize(
    ("key", "status", "label", "valid"),
    [
        ("valid", "valid", "有效", True),
        ("expired", "expired", "已过期", False),
        ("suspended", "suspended", "暂扣", False),
        ("revoked", "revoked", "已吊销", False),
    ],
)
def test_verify(public: Any, statuses: Any, key: str, status: str, label: str, valid: bool) -> None:
    off = statuses[key]
    response = public.get(f"/api/publicity/verify/{certificate_token(off.certificate_no)}")
    assert response.status_code == 200
    assert response["Cache-Control"] == "public, max-age=60"
    data = response.json()
    assert (data["status"], data["status_label"], data["valid_today"]) == (status, label, valid)
    assert (data["name"], data["certificate_no"], data["agency"]) == (
        off.name,
        off.certificate_no,
        "杭州市市场监督管理局",
    )
    assert data["photo_url"] is None


def test_verify_wrong_token_is_404(public: Any, officer: Any, django_assert_max_num_queries: Any) -> None:
    response = public.get(f"/api/publicity/verify/{officer.officer.pk}")
    assert response.status_code == 404
    assert response.json() == {"code": "certificate_not_found", "message": "未找到该执法证：二维码无效或证件信息已变更"}
    with django_assert_max_num_queries(2):  # the officer and the certificate's history
        token = certificate_token(officer.officer.certificate_no)
        assert public.get(f"/api/publicity/verify/{token}").status_code == 200


def test_agencies(public: Any, agency: Any, county_agency: Any, other_region_agency: Any) -> None:
    data = public.get("/api/publicity/agencies", {"region": "330100"}).json()
    assert [a["name"] for a in data["results"]] == ["杭州市市场监督管理局", "杭州市西湖区综合行政执法局"]
    xihu = data["results"][1]
    assert xihu == {
        "id": county_agency.pk,
        "name": "杭州市西湖区综合行政执法局",
        "uscc": county_agency.uscc,
        "region_code": "330106",
        "region": "西湖区",
        "powers": [
            {"code": "penalty", "label": "行政处罚"},
            {"code": "inspection", "label": "行政检查"},
            {"code": "licensing", "label": "行政许可"},
            {"code": "coercion", "label": "行政强制"},
        ],
        "legal_basis": "《浙江省综合行政执法条例》",
        "units": ["执法一中队"],
        "address": "杭州市西湖区文三路1号",
        "phone": "0571-87000000",
    }
    assert public.get("/api/publicity/agencies", {"q": "江苏"}).json()["count"] == 1


def test_agencies_query_count_is_bounded(
    public: Any, agency: Any, county_agency: Any, django_assert_max_num_queries: Any
) -> None:
    with django_assert_max_num_queries(3):
        assert public.get("/api/publicity/agencies").json()["count"] == 2
