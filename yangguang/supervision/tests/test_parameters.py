"""A justice bureau's own model parameters: set on the models page and through the API by the
bureau's supervisors only, versioned, in the ledger, shown with the model, and used when the model
runs for that bureau's scope — a firing and a non-firing fixture under an override (趋利性执法,
乱检查); the province bureau above keeps the declared defaults."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from yangguang.core.errors import DomainError
from yangguang.ledger.models import Entry
from yangguang.roster.models import Region
from yangguang.roster.tests.factories import AgencyFactory, UserFactory
from yangguang.supervision import parameters, selectors, services
from yangguang.supervision.models import HitMark, ModelSetting
from yangguang.supervision.rules import RULES

from .conftest import D, add_party, make_case, money

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _keys(user: Any, code: str) -> set[str]:
    return {row["hit"].key for row in selectors.hits_of(user, RULES[code], D(2026, 12, 1))}


@pytest.fixture
def province_supervisor(db: Any) -> Any:
    bureau = AgencyFactory(
        name="浙江省司法厅", region=Region.objects.get(code="330000"), is_supervisor=True, power_kinds=[]
    )
    return UserFactory(username="prov_supervisor", role="supervisor", agency=bureau)


def test_override_changes_what_fires_for_the_bureau_only(
    agency: Any, officer: Any, supervisor: Any, province_supervisor: Any
) -> None:
    # Fines up 50 % year on year: over the declared 20 % line.
    make_case(agency, officer, state="decided", fine_amount=money("20000"), decided_on=D(2025, 6, 1))
    make_case(agency, officer, state="decided", fine_amount=money("30000"), decided_on=D(2026, 6, 1))
    # Three inspections of one enterprise: over the declared ceiling of two.
    for i in range(3):
        add_party(make_case(agency, officer, kind="inspection", state="inspected", registered_on=D(2026, 3 + i, 5)), 1)
    hit = f"agency:{agency.pk}:2026"
    assert _keys(supervisor, "profit_driven") == {hit} and len(_keys(supervisor, "repeated_inspection")) == 1

    with pytest.raises(DomainError) as exc:
        parameters.set_values(actor=supervisor, rule_code="profit_driven", values={"share_percent": "60"}, reason=" ")
    assert exc.value.message == "请写明调整参数的理由"
    with pytest.raises(DomainError) as exc:
        parameters.set_values(actor=supervisor, rule_code="profit_driven", values={"share_percent": "0"}, reason="x")
    assert exc.value.message == "参数“同比增长预警线”应为1至1000之间的整数"
    with pytest.raises(DomainError) as exc:
        parameters.set_values(actor=supervisor, rule_code="profit_driven", values={"nope": "1"}, reason="x")
    assert exc.value.message == "模型“罚没金额同比异常增长（趋利性执法）”没有参数“nope”"

    s1 = parameters.set_values(
        actor=supervisor, rule_code="profit_driven", values={"share_percent": "60"}, reason="本市罚没基数小，提高预警线"
    )
    s2 = parameters.set_values(
        actor=supervisor, rule_code="repeated_inspection", values={"max_per_year": 3}, reason="本市双随机频次较高"
    )
    assert (s1.revision, s1.values, s2.values) == (1, {"share_percent": 60}, {"max_per_year": 3})
    # Non-firing under the bureau's values; the province above still uses the defaults.
    assert _keys(supervisor, "profit_driven") == set() and _keys(supervisor, "repeated_inspection") == set()
    assert _keys(province_supervisor, "profit_driven") == {hit}
    assert len(_keys(province_supervisor, "repeated_inspection")) == 1
    # A new revision (40 %) fires again; the verdict records the parameter version.
    s3 = parameters.set_values(
        actor=supervisor, rule_code="profit_driven", values={"share_percent": 40}, reason="试行一季度后下调"
    )
    assert s3.revision == 2 and _keys(supervisor, "profit_driven") == {hit}
    services.mark_hit(actor=supervisor, rule_code="profit_driven", key=hit, verdict="confirmed")
    assert HitMark.objects.get(rule="profit_driven", key=hit).rule_version == "1-p2"
    entries = Entry.objects.filter(action="supervision.model.parameters").order_by("seq")
    assert [e.subject for e in entries] == [
        f"supervision.modelsetting:{s.pk}" for s in (s1, s2, s3)
    ] and '"share_percent":40' in entries.last().canonical.replace(" ", "")  # type: ignore[union-attr]


def test_parameters_page_and_api(
    agency: Any, officer: Any, supervisor: Any, agency_head: Any, province_supervisor: Any
) -> None:
    make_case(agency, officer, state="decided", fine_amount=money("20000"), decided_on=D(2025, 6, 1))
    make_case(agency, officer, state="decided", fine_amount=money("30000"), decided_on=D(2026, 6, 1))
    page = _client(supervisor)
    response = page.post("/supervision/models/profit_driven/parameters/", {"p_share_percent": "60", "reason": ""})
    assert response.status_code == 400 and "请写明调整参数的理由" in response.content.decode()
    response = page.post(
        "/supervision/models/profit_driven/parameters/",
        {"p_share_percent": "60", "p_min_base": "", "reason": "提高预警线"},
    )
    assert response.status_code == 302
    html = page.get("/supervision/models/").content.decode()
    assert "同比增长预警线：60%" in html and "本机构设置（默认20%）" in html and "v1-p1" in html
    html = page.get("/supervision/models/profit_driven/").content.decode()
    assert "同比增长预警线 60%（本机构设置，默认20%）" in html and "v1-p1" in html

    api = page.get("/api/supervision/models/profit_driven").json()
    share = next(p for p in api["parameters"] if p["name"] == "share_percent")
    assert (api["version"], api["parameter_revision"], share["value"], share["default"], share["overridden"]) == (
        "1-p1",
        1,
        60,
        20,
        True,
    )
    reset = page.post(
        "/api/supervision/models/profit_driven/parameters",
        {"values": {"share_percent": None}, "reason": "恢复默认"},
        content_type="application/json",
    ).json()
    assert reset["version"] == "1-p2" and reset["hits"] >= 1
    history = page.get("/api/supervision/models/profit_driven/parameters").json()
    assert [(h["revision"], h["values"]) for h in history["items"]] == [(2, {}), (1, {"share_percent": 60})]
    # Agencies may not set a bureau's parameters; another bureau's supervisors set only their own.
    response = _client(agency_head).post(
        "/api/supervision/models/profit_driven/parameters",
        {"values": {"share_percent": 1}, "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    _client(province_supervisor).post(
        "/api/supervision/models/profit_driven/parameters",
        {"values": {"share_percent": 90}, "reason": "全省统一"},
        content_type="application/json",
    )
    assert ModelSetting.objects.filter(bureau=supervisor.agency).count() == 2
    assert page.get("/api/supervision/models/profit_driven").json()["version"] == "1-p2"
