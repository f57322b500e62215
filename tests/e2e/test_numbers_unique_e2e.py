"""End to end (issue 11): numbers are unique across the platform. The city's market bureau and a
district market bureau of the same city both register a summary case and decide on the spot over
the real API; their case numbers and the numbers of their penalty decisions differ (the derived
机关代字 keeps the district: 杭市监 vs 杭上市监), and an administrator who gives one agency another
agency's 机关代字 in the admin is refused with a Chinese message."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from tests.e2e.test_access_e2e import Http
from yangguang.core.validators import make_resident_id
from yangguang.documents.models import AgencyAbbreviation, IssuedDocument
from yangguang.roster.models import Region, RegionLevel
from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

SPOT = {
    "place": "某某路口",
    "facts": "占道经营",
    "violated_provisions": "《某某条例》第十条",
    "legal_basis": "《某某条例》第三十条",
}


def _decide_on_spot(http: Http, n: int) -> tuple[str, str]:
    today = timezone.localdate().isoformat()
    party = {
        "kind": "person",
        "name": "张三",
        "id_number": make_resident_id("330102", "19800101", n),
        "address": "杭州市上城区某路2号",
    }
    status, case = http.post_json(
        "/api/cases/",
        {
            "kind": "penalty_summary",
            "title": "占道经营案",
            "parties": [party],
            "occurred_on": today,
            "violation_date": today,
            "discovery_date": today,
        },
    )
    assert status == 201, case
    status, body = http.post_json(
        f"/api/cases/{case['id']}/transitions",
        {
            "action": "decide_on_spot",
            "occurred_on": today,
            "data": {"penalty_types": ["warning"], "fine": None, **SPOT, "occurred_at": f"{today}T09:00"},
        },
    )
    assert status == 201, body
    (doc,) = body["step"]["documents"]
    return case["number"], doc["number"]


def test_city_and_district_bureaus_never_share_a_number(live_server: Any, officer: Any, city: Any) -> None:
    district = Region.objects.create(
        code="330102", name="上城区", level=RegionLevel.COUNTY, parent=city, path=f"{city.path}330102/"
    )
    bureau = AgencyFactory(name="杭州市上城区市场监督管理局", region=district)
    district_officer = UserFactory(
        username="district_officer", role="officer", agency=bureau, officer=OfficerFactory(agency=bureau)
    )
    year = timezone.localdate().year

    city_case, city_decision = _decide_on_spot(Http(live_server.url, officer), 1)
    district_case, district_decision = _decide_on_spot(Http(live_server.url, district_officer), 2)

    assert city_decision == f"杭市监当罚〔{year}〕1号"
    assert district_decision == f"杭上市监当罚〔{year}〕1号"
    assert city_case == f"杭市监简案〔{year}〕1号"
    assert district_case == f"杭上市监简案〔{year}〕1号"
    numbers = list(IssuedDocument.objects.exclude(number="").values_list("number", flat=True))
    assert len(numbers) == len(set(numbers)) == 2


def test_admin_cannot_give_an_agency_another_agencys_abbreviation(
    page: Any, login: Any, live_server: Any, admin_user: Any, agency: Any
) -> None:
    other = AgencyFactory(name="宁波市市场监督管理局", region=agency.region)
    AgencyAbbreviation.objects.create(agency=agency, abbreviation="杭市监")
    row = AgencyAbbreviation.objects.create(agency=other, abbreviation="甬市监")
    login(admin_user)
    page.goto(f"{live_server.url}/admin/documents/agencyabbreviation/{other.pk}/change/")
    page.fill("#id_abbreviation", "杭市监")
    page.click("input[name=_save]")
    page.get_by_text("机关代字“杭市监”已由杭州市市场监督管理局使用，机关代字在全平台不得重复").wait_for()
    row.refresh_from_db()
    assert row.abbreviation == "甬市监"
