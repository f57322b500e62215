"""The certificate's dated history (执法证历史) and the one judge of a certificate on a day; the
certificate and qualification services and who may use them (发证机关); imports that touch
certificate facts."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from yangguang.access.errors import AccessDenied
from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry
from yangguang.roster import certificate_history as h
from yangguang.roster import certificates
from yangguang.roster.importers import ImportInvalid, import_roster_file
from yangguang.roster.models import CertificateEvent, Officer, QualificationRequest, Region, RegionLevel
from yangguang.roster.selectors import certificate_state_on, certificate_valid_on
from yangguang.roster.tests.factories import AgencyFactory, OfficerFactory, UserFactory
from yangguang.roster.tests.sheets import OFFICER_HEADERS, officer_row, xlsx

D = dt.date
E = h.PlainEvent


# --- the judge ------------------------------------------------------------------------------------


def test_a_lapse_between_two_periods_stays_a_lapse() -> None:
    events = [
        E(h.ISSUE, D(2021, 1, 1), D(2021, 1, 1), D(2025, 12, 31)),
        E(h.RENEWAL, D(2026, 3, 1), D(2026, 3, 1), D(2031, 2, 28)),
    ]
    assert h.judge(events, D(2025, 12, 31)).valid
    gap = h.judge(events, D(2026, 1, 15))
    assert (gap.valid, gap.status, gap.reason) == (
        False,
        "expired",
        "执法证在 2026-01-15 已过期（有效期至 2025-12-31）",
    )
    assert h.judge(events, D(2026, 3, 1)).valid
    early = h.judge(events, D(2020, 6, 1))
    assert (early.status, early.reason) == ("not_yet_valid", "执法证在 2020-06-01 尚未生效（有效期自 2021-01-01）")


def test_suspension_lasts_until_reinstatement() -> None:
    events = [
        E(h.ISSUE, D(2024, 1, 1), D(2024, 1, 1), D(2029, 12, 31)),
        E(h.SUSPENSION, D(2026, 6, 1)),
        E(h.REINSTATEMENT, D(2026, 6, 10)),
        E(h.SUSPENSION, D(2026, 9, 1)),
    ]
    assert h.judge(events, D(2026, 5, 31)).valid
    assert h.judge(events, D(2026, 6, 9)).reason == "执法证在 2026-06-09 处于暂扣期间"
    assert h.judge(events, D(2026, 6, 10)).valid
    assert h.judge(events, D(2027, 1, 1)).status == "suspended"  # never reinstated


def test_revocation_voids_even_a_renewal_recorded_before_it_but_a_lapse_does_not() -> None:
    issue = E(h.ISSUE, D(2024, 1, 1), D(2024, 1, 1), D(2026, 12, 31))
    renewal = E(h.RENEWAL, D(2027, 1, 1), D(2027, 1, 1), D(2031, 12, 31))
    revoked = [issue, renewal, E(h.REVOCATION, D(2026, 8, 1))]
    assert h.judge(revoked, D(2026, 7, 31)).valid
    state = h.judge(revoked, D(2028, 1, 1), "ZJ1")
    assert (state.status, state.reason) == ("revoked", "执法证（ZJ1）已于 2026-08-01 被吊销")
    # a new issue recorded after the revocation starts afresh
    assert h.judge([*revoked, E(h.ISSUE, D(2029, 1, 1), D(2029, 1, 1), D(2033, 12, 31))], D(2029, 1, 2)).valid
    lapsed = [issue, renewal, E(h.LAPSE, D(2026, 8, 1))]
    assert not h.judge(lapsed, D(2026, 9, 1)).valid and h.judge(lapsed, D(2028, 1, 1)).valid


def test_history_implied_by_the_fields_is_as_strict_as_the_fields() -> None:
    today = D(2026, 12, 6)
    assert h.events_from_fields(D(2024, 1, 1), D(2029, 12, 31), "valid", today=today) == [
        E(h.ISSUE, D(2024, 1, 1), D(2024, 1, 1), D(2029, 12, 31))
    ]
    suspended = h.events_from_fields(D(2024, 1, 1), D(2029, 12, 31), "suspended", today=today)
    assert not h.judge(suspended, D(2024, 6, 1)).valid
    ran_out = h.events_from_fields(D(2020, 1, 1), D(2025, 12, 31), "expired", today=today)
    assert ran_out[-1] == E(h.LAPSE, D(2026, 1, 1))


# --- services and authority ------------------------------------------------------------------------


@pytest.fixture
def city_officer(officer: Any) -> Officer:
    o: Officer = officer.officer
    o.cert_valid_until = D(2026, 3, 31)
    o.save()
    return o


def test_renewal_by_the_issuing_bureau_keeps_history_and_records_it(city_officer: Officer, security_admin: Any) -> None:
    event = certificates.renew_certificate(
        officer=city_officer,
        valid_from=D(2026, 5, 1),
        valid_until=D(2031, 4, 30),
        actor=security_admin,
        reason="到期换证",
    )
    kinds = list(city_officer.certificate_events.order_by("pk").values_list("kind", "source"))
    assert kinds == [("issue", "backfill"), ("renewal", "service")]
    assert event.authority is not None and event.authority.name == "杭州市司法局"
    entry = Entry.objects.get(seq=int(event.ledger_seq or 0))
    doc = json.loads(entry.canonical)
    assert (entry.action, entry.public, entry.actor) == ("roster.certificate.renewal", False, "secadmin")
    assert doc["payload"]["valid_from"] == "2026-05-01" and doc["payload"]["reason"] == "到期换证"
    assert not certificate_valid_on(city_officer, D(2026, 4, 20)) and certificate_valid_on(city_officer, D(2026, 5, 1))


@pytest.mark.parametrize(
    ("who", "message"),
    [
        ("agency_head", "执法证由发证机关（司法行政部门）的安全管理员办理"),
        ("admin_user", "执法证由发证机关（司法行政部门）的安全管理员办理"),
        ("platform_secadmin", "您的账号不属于发证机关（司法行政部门），不能办理执法证和执法资格"),
        ("district_secadmin", "杭州市市场监督管理局不在西湖区司法局的发证范围内"),
    ],
)
def test_only_the_issuing_bureau_renews(
    request: pytest.FixtureRequest, city_officer: Officer, city: Any, who: str, message: str
) -> None:
    actor: Any
    if who == "platform_secadmin":
        actor = UserFactory(username="psec", role="security_admin")
    elif who == "district_secadmin":
        district = Region.objects.create(
            code="330106", name="西湖区", level=RegionLevel.COUNTY, parent=city, path="/330000/330100/330106/"
        )
        bureau = AgencyFactory(name="西湖区司法局", region=district, is_supervisor=True, power_kinds=[])
        actor = UserFactory(username="dsec", role="security_admin", agency=bureau)
    else:
        actor = request.getfixturevalue(who)
    with pytest.raises(AccessDenied) as exc:
        certificates.renew_certificate(
            officer=city_officer, valid_from=D(2026, 5, 1), valid_until=D(2031, 4, 30), actor=actor, reason="换证"
        )
    assert exc.value.message == message
    assert not CertificateEvent.objects.exists()


def test_service_rules_have_clear_messages(officer: Any, security_admin: Any) -> None:
    city_officer = officer.officer

    def refused(fn: Any, **kw: Any) -> str:
        with pytest.raises(DomainError) as exc:
            fn(officer=city_officer, actor=security_admin, **kw)
        return exc.value.message

    assert refused(certificates.renew_certificate, valid_from=D(2026, 1, 1), valid_until=D(2026, 2, 1), reason="x") == (
        "换发的证件有效期应晚于原有效期（原有效期至 2030-12-31）"
    )
    assert refused(certificates.reinstate_certificate, on=D(2026, 1, 1), reason="x") == "执法证未被暂扣，无需恢复"
    assert refused(certificates.suspend_certificate, on=D(2026, 1, 1), reason=" ") == "请填写事由"
    assert refused(certificates.suspend_certificate, on=D(2999, 1, 1), reason="x").startswith("生效日期不能晚于今天")
    certificates.suspend_certificate(officer=city_officer, on=D(2026, 1, 1), actor=security_admin, reason="违纪")
    assert (
        refused(certificates.suspend_certificate, on=D(2026, 2, 1), reason="x")
        == "执法证已处于暂扣状态（自 2026-01-01 起）"
    )
    assert (
        refused(certificates.reinstate_certificate, on=D(2026, 1, 1), reason="x")
        == "恢复日期应晚于暂扣日期（2026-01-01）"
    )
    city_officer.refresh_from_db()
    assert city_officer.cert_status == "suspended"
    certificates.revoke_certificate(officer=city_officer, on=D(2026, 2, 1), actor=security_admin, reason="吊销")
    assert certificate_state_on(city_officer, D(2026, 2, 2)).status == "revoked"
    assert refused(certificates.revoke_certificate, on=D(2026, 3, 1), reason="x") == "执法证已被吊销，请重新发证"


def test_the_lapse_job_records_each_run_out_certificate_once(city_officer: Officer) -> None:
    assert certificates.record_due_lapses(today=D(2026, 4, 2)) == 1
    assert certificates.record_due_lapses(today=D(2026, 4, 3)) == 0
    city_officer.refresh_from_db()
    assert city_officer.cert_status == "expired"
    lapse = city_officer.certificate_events.get(kind="lapse")
    assert (lapse.effective_on, lapse.source, lapse.reason) == (D(2026, 4, 1), "lapse_job", "有效期届满")
    assert Entry.objects.get(seq=int(lapse.ledger_seq or 0)).actor == "system"


# --- qualifications -------------------------------------------------------------------------------


def test_an_agency_head_requests_and_the_bureau_grants(agency_head: Any, officer: Any, security_admin: Any) -> None:
    o = officer.officer
    with pytest.raises(AccessDenied) as exc:
        certificates.set_qualification(officer=o, kind="reviewer", value=True, actor=agency_head, evidence="任命文件")
    assert (
        exc.value.message
        == "法律职业资格和法制审核人员由发证机关（司法行政部门）的安全管理员认定；机关负责人可提出申请"
    )
    req = certificates.request_qualification(
        officer=o, kind="reviewer", actor=agency_head, evidence="杭市监任〔2026〕3号"
    )
    o.refresh_from_db()
    assert not o.is_reviewer  # asked, not granted
    with pytest.raises(AccessDenied):
        certificates.decide_qualification_request(request=req, approve=True, actor=agency_head)
    certificates.decide_qualification_request(request=req, approve=True, actor=security_admin, note="材料齐全")
    o.refresh_from_db()
    assert o.is_reviewer
    assert QualificationRequest.objects.get(pk=req.pk).status == "granted"
    actions = list(Entry.objects.filter(subject=f"roster.officer:{o.pk}").values_list("action", flat=True))
    assert actions == ["roster.qualification.request", "roster.qualification.grant", "roster.qualification.decide"]


def test_an_agency_head_requests_only_for_his_own_officers(agency_head: Any, city: Any) -> None:
    other: Any = OfficerFactory(agency=AgencyFactory(name="杭州市交通运输局", region=city))
    with pytest.raises(AccessDenied) as exc:
        certificates.request_qualification(officer=other, kind="legal_qualification", actor=agency_head, evidence="A1")
    assert exc.value.message == "只能为本机关的执法人员提出申请"


# --- imports --------------------------------------------------------------------------------------


def _import(rows: list[list[Any]], actor: Any) -> Any:
    return import_roster_file(kind="officers", filename="人员.xlsx", data=xlsx([OFFICER_HEADERS, *rows]), actor=actor)


def test_an_agency_head_cannot_renew_an_expired_certificate_by_import(
    agency_head: Any, agency: Any, city_officer: Officer
) -> None:
    row = officer_row(city_officer.name, agency.uscc, city_officer.certificate_no, start="2026-05-01", end="2031-04-30")
    with pytest.raises(ImportInvalid) as exc:
        _import([row], agency_head)
    assert [e.text() for e in exc.value.errors] == [
        "第2行“证件有效期起”：执法证的有效期和状态须由发证机关（司法行政部门）的安全管理员变更（现为2024-01-01至2026-03-31，有效）"
    ]
    city_officer.refresh_from_db()
    assert city_officer.cert_valid_until == D(2026, 3, 31)


def test_the_bureau_renews_by_import_and_the_history_follows(
    security_admin: Any, agency: Any, city_officer: Officer
) -> None:
    row = officer_row(city_officer.name, agency.uscc, city_officer.certificate_no, start="2026-05-01", end="2031-04-30")
    new = officer_row("新人", agency.uscc, "ZJNEW1", start="2026-01-01", end="2030-12-31")
    result = _import([row, new], security_admin)
    assert (result.created, result.updated) == (1, 1)
    import_entry = Entry.objects.get(action="roster.import")
    renewal = CertificateEvent.objects.get(officer=city_officer, kind="renewal")
    assert (renewal.source, renewal.ledger_seq, renewal.valid_from) == ("import", import_entry.seq, D(2026, 5, 1))
    assert not certificate_valid_on(city_officer, D(2026, 4, 15))
    issued = CertificateEvent.objects.get(certificate_no="ZJNEW1")
    assert (issued.kind, issued.ledger_seq) == ("issue", import_entry.seq)
