"""End to end, as an insider would try them (issue 11): each finding of the access-control slice,
over real HTTP against the live server (signed in through the login form, session cookie) or in
Chromium, is refused.

- Non-public ledger entries and their proofs: only for those who may see the subject (a secret
  case's party data only for its readers); the ledger page's lookup and the bundle export are
  scoped the same way (a district supervisor cannot export a city agency's case).
- Publication management: a non-member officer of the same agency cannot open, correct or redact a
  case's publication nor see its unredacted original; an expired handler is refused; the agency's
  publicity approver may.
- 持证上岗: an officer whose certificate has expired registers no case, starts no tus upload,
  uploads no evidence, records no AV exception and takes no workflow step.
- Documents are scoped by case: a secret case's documents do not open for officers who may not
  open the case.
"""

from __future__ import annotations

import base64
import datetime as dt
import http.cookiejar
import json
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

import pytest
from django.utils import timezone

from conftest import PASSWORD
from yangguang.cases.demo import approved
from yangguang.cases.services import case_transition, create_case
from yangguang.cases.tests.conftest import head_of
from yangguang.core.validators import make_resident_id
from yangguang.documents.models import IssuedDocument
from yangguang.jobs import outbox
from yangguang.ledger.services import append_entry, make_checkpoint
from yangguang.publicity import services as publicity_services
from yangguang.publicity.models import SourceKind
from yangguang.publicity.redaction import Known
from yangguang.roster.models import Region, RegionLevel
from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UserFactory

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PARTY = "张小明"


class Http:
    """A client of the live server over real HTTP, signed in through the login form."""

    def __init__(self, base: str, user: Any = None) -> None:
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.jar))
        if user is not None:
            self.opener.open(f"{base}/accounts/login/").read()
            form = {"username": user.username, "password": PASSWORD, "csrfmiddlewaretoken": self.csrf}
            self.opener.open(
                urllib.request.Request(f"{base}/accounts/login/", data=urllib.parse.urlencode(form).encode())
            ).read()
            assert "sessionid" in {c.name for c in self.jar}, f"{user.username} did not sign in"

    @property
    def csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "") or ""

    def call(
        self, method: str, path: str, body: bytes | None = None, headers: dict[str, str] | None = None
    ) -> tuple[int, str]:
        all_headers = {"X-CSRFToken": self.csrf, "Referer": self.base, **(headers or {})}
        request = urllib.request.Request(f"{self.base}{path}", data=body, headers=all_headers, method=method)
        try:
            with self.opener.open(request) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read().decode("utf-8", "replace")

    def get(self, path: str) -> tuple[int, str]:
        return self.call("GET", path)

    def post_json(self, path: str, data: dict[str, Any]) -> tuple[int, Any]:
        status, text = self.call(
            "POST", path, json.dumps(data).encode(), {"Content-Type": "application/json", "Accept": "application/json"}
        )
        return status, json.loads(text) if text.startswith("{") else text

    def post_form(self, path: str, data: dict[str, str]) -> tuple[int, str]:
        return self.call(
            "POST", path, urllib.parse.urlencode(data).encode(), {"Content-Type": "application/x-www-form-urlencoded"}
        )


def _person_party() -> dict[str, Any]:
    return {
        "kind": "person",
        "name": PARTY,
        "id_number": make_resident_id("330106", "19900101", 7),
        "address": "杭州市西湖区某路2号",
        "phone": "13800000000",
    }


def _case(officer: Any, officer2: Any, *, secret: bool = False, filed: bool = False) -> Any:
    today = timezone.localdate()
    case = create_case(
        actor=officer,
        kind="penalty_ordinary",
        title="涉嫌销售过期食品案",
        parties=[_person_party()],
        officers=[officer2.officer],
        source="complaint",
        facts="当事人销售超过保质期的食品。",
        violation_date=today - dt.timedelta(days=10),
        discovery_date=today,
        occurred_on=today,
        is_secret=secret,
    )
    if filed:
        filing = case_transition(case=case, action="file", actor=officer, data={}, occurred_on=today)
        approved(filing, approver=head_of(case.agency))
        case.refresh_from_db()
    return case


@pytest.fixture
def district(city: Any) -> dict[str, Any]:
    """A district of the city with its market bureau and its justice bureau's supervisor."""
    region = Region.objects.create(
        code="330106", name="西湖区", level=RegionLevel.COUNTY, parent=city, path=f"{city.path}330106/"
    )
    bureau = AgencyFactory(name="西湖区司法局", region=region, is_supervisor=True, power_kinds=[])
    market = AgencyFactory(name="西湖区市场监督管理局", region=region)
    return {
        "supervisor": UserFactory(username="district_supervisor", role="supervisor", agency=bureau),
        "officer": UserFactory(
            username="district_officer", role="officer", agency=market, officer=OfficerFactory(agency=market)
        ),
    }


def test_ledger_entries_proofs_page_and_export_are_scoped(
    live_server: Any, officer: Any, officer2: Any, reviewer: Any, supervisor: Any, district: dict[str, Any]
) -> None:
    secret = _case(officer, officer2, secret=True)
    plain = _case(officer, officer2)
    seq = secret.steps.get(seq=1).ledger_seq
    public = append_entry(
        actor=None, subject="publicity.publication:1", action="publicity.publish", payload={}, public=True
    )
    make_checkpoint()
    base = live_server.url

    # Anonymous: a public entry and its proof, never a non-public one.
    anonymous = Http(base)
    assert anonymous.get(f"/api/ledger/entries/{public.seq}")[0] == 200
    assert anonymous.get(f"/api/ledger/entries/{public.seq}/proof")[0] == 200
    assert anonymous.get(f"/api/ledger/entries/{seq}")[0] == 401

    # The secret case's entry (with the party's name) only for its readers.
    status, text = Http(base, officer).get(f"/api/ledger/entries/{seq}")
    assert status == 200 and PARTY in json.loads(text)["canonical"]
    for outsider in (district["officer"], reviewer, supervisor):
        for path in (f"/api/ledger/entries/{seq}", f"/api/ledger/entries/{seq}/proof"):
            status, text = Http(base, outsider).get(path)
            assert status == 403, (outsider.username, path, status)
            assert PARTY not in text
            assert json.loads(text)["code"] == "forbidden"
    refusal = json.loads(Http(base, reviewer).get(f"/api/ledger/entries/{seq}")[1])["message"]
    assert refusal == "涉密案件仅限本案承办人员、承办机构负责人和机关负责人查看"

    # The ledger page: the lookup and the export follow the same rule.
    district_supervisor = Http(base, district["supervisor"])
    status, page = district_supervisor.get(f"/ledger/?seq={seq}")
    assert status == 200 and PARTY not in page and "只能监督本区划及下级区划执法主体的案件" in page
    status, page = district_supervisor.post_form("/ledger/export/", {"subject": plain.subject_label})
    assert status == 403 and "只能监督本区划及下级区划执法主体的案件" in page
    city_supervisor = Http(base, supervisor)
    status, bundle = city_supervisor.post_form("/ledger/export/", {"subject": plain.subject_label})
    assert status == 200 and json.loads(bundle)["entries"]
    status, page = city_supervisor.post_form("/ledger/export/", {"subject": secret.subject_label})
    assert status == 403 and PARTY not in page


def test_secret_case_documents_open_only_for_its_readers(
    live_server: Any, officer: Any, officer2: Any, unit_head: Any, reviewer: Any, supervisor: Any, agency: Any
) -> None:
    secret = _case(officer, officer2, secret=True, filed=True)
    document = IssuedDocument.objects.filter(subject=secret.subject_label).first()
    assert document is not None
    bystander = UserFactory(
        username="bystander",
        role="officer",
        agency=agency,
        officer=OfficerFactory(agency=agency, unit=officer.officer.unit),
    )
    base = live_server.url
    paths = (
        f"/documents/{document.pk}/",
        f"/documents/{document.pk}/download",
        f"/api/documents/{document.pk}",
        f"/documents/?subject={secret.subject_label}",
    )
    for reader in (officer, unit_head):
        client = Http(base, reader)
        assert [client.get(p)[0] for p in paths] == [200, 200, 200, 200], reader.username
    for outsider in (bystander, reviewer, supervisor):
        client = Http(base, outsider)
        assert [client.get(p)[0] for p in paths] == [404, 404, 404, 404], outsider.username


def test_an_expired_officer_takes_no_enforcement_act(live_server: Any, officer: Any, officer2: Any) -> None:
    case = _case(officer, officer2, filed=True)
    o = officer.officer
    o.cert_valid_until = timezone.localdate() - dt.timedelta(days=1)
    o.save()
    expired = f"持证上岗：执法证在 {timezone.localdate().isoformat()} 已过期"
    client = Http(live_server.url, officer)

    status, body = client.post_json(
        "/api/cases/", {"kind": "penalty_ordinary", "title": "新案", "parties": [_person_party()]}
    )
    assert status == 403 and body["code"] == "forbidden" and body["message"].startswith(expired)

    meta = ",".join(
        f"{k} {base64.b64encode(v.encode()).decode()}"
        for k, v in {"case": str(case.pk), "kind": "photo", "filename": "a.png"}.items()
    )
    status, text = client.call(
        "POST",
        "/evidence/tus/",
        b"",
        {"Tus-Resumable": "1.0.0", "Upload-Length": "100", "Upload-Metadata": meta},
    )
    assert status == 403 and json.loads(text)["message"].startswith(expired)

    boundary = "----matrix"
    body_bytes = (
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="kind"\r\n\r\nphoto\r\n'
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\n'
            "Content-Type: image/png\r\n\r\n"
        ).encode()
        + b"\x89PNG\r\n\x1a\n"
        + f"\r\n--{boundary}--\r\n".encode()
    )
    status, text = client.call(
        "POST",
        f"/evidence/case/{case.pk}/upload",
        body_bytes,
        {"Content-Type": f"multipart/form-data; boundary={boundary}", "Accept": "application/json"},
    )
    assert status == 403 and json.loads(text)["message"].startswith(expired)

    status, body = client.post_json(
        f"/api/evidence/cases/{case.pk}/exceptions", {"step": "file", "reason": "设备故障无法录像"}
    )
    assert status == 403 and body["message"].startswith(expired)

    status, body = client.post_json(
        f"/api/cases/{case.pk}/transitions", {"action": "evidence", "data": {"name": "照片"}}
    )
    assert status == 403 and body["message"].startswith(expired)


def test_publication_management_in_the_browser(
    page: Any, login: Any, live_server: Any, officer: Any, officer2: Any, agency_head: Any, agency: Any
) -> None:
    case = _case(officer, officer2, filed=True)
    today = timezone.localdate()
    pub = publicity_services.create_publication(
        draft=publicity_services.Draft(
            source_kind=SourceKind.CASE_DECISION,
            source_id=case.pk,
            case=case,
            agency=agency,
            region=agency.region,
            action_kind="penalty",
            number=case.number,
            title=case.title,
            party_label="张某某",
            conclusion="罚款5000元",
            decided_on=today,
            original_text=f"当事人{PARTY}，罚款5000元。",
            known=Known(),
        ),
        actor=None,
    )
    # Publishing runs after commit from the outbox, as a task worker would run it.
    outbox.drain()
    pub.refresh_from_db()
    assert pub.status == "published"
    bystander = UserFactory(
        username="bystander",
        role="officer",
        agency=agency,
        officer=OfficerFactory(agency=agency, unit=officer.officer.unit),
    )
    url = f"{live_server.url}/public/manage/{pub.pk}/"

    # A non-member officer of the same agency: no page, no original, no redaction.
    login(bystander)
    response = page.goto(url)
    assert response is not None and response.status == 404
    assert PARTY not in page.content()
    status, _ = Http(live_server.url, bystander).post_form(f"/public/manage/{pub.pk}/redact/", {"terms": "罚款"})
    assert status == 404

    # A handler whose certificate expired: sees the case's publication (he may read the case), is
    # offered no correction or redaction, and is refused one sent anyway.
    o2 = officer2.officer
    o2.cert_valid_until = today - dt.timedelta(days=1)
    o2.save()
    page.goto(f"{live_server.url}/")
    page.click("text=退出")
    login(officer2)
    page.goto(url)
    assert PARTY in page.locator("#original-text").inner_text()
    assert page.locator("#redact-terms").count() == 0 and page.locator("#correct-text").count() == 0
    status, shown = Http(live_server.url, officer2).post_form(f"/public/manage/{pub.pk}/redact/", {"terms": "5000"})
    assert status == 200 and f"持证上岗：执法证在 {today.isoformat()} 已过期" in shown

    # The agency's publicity approver (the agency head) redacts.
    page.goto(f"{live_server.url}/")
    page.click("text=退出")
    login(agency_head)
    page.goto(url)
    page.fill("#redact-terms", "5000")
    with page.expect_navigation():
        page.locator("form[action$='/redact/'] button[type=submit]").click()
    assert "已添加遮蔽" in page.content()
    assert "5000" not in page.locator("#redacted-text").inner_text()
