"""The natural persons a case touches besides the party (涉案人员): recorded at registration, on
the case page and by API, by the case's handlers only, in the ledger without their names."""

from __future__ import annotations

import json
from typing import Any

from django.test import Client

from yangguang.cases.models import CasePerson
from yangguang.cases.tests.conftest import company
from yangguang.ledger.models import Entry


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_persons_by_api_at_registration_and_later(officer: Any, officer2: Any, agency_head: Any) -> None:
    c = _client(officer)
    r = c.post(
        "/api/cases/",
        {
            "kind": "penalty_ordinary",
            "title": "销售过期食品案",
            "parties": [company()],
            "officers": [officer2.officer.pk],
            "persons": [{"role": "complainant", "name": "上官婉儿", "phone": "138-1234-5678"}],
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    case_id = r.json()["id"]
    r = c.post(
        f"/api/cases/{case_id}/persons",
        {"role": "witness", "name": "亓小明", "minor": True, "address": "西湖区文三路1号2幢301室"},
        content_type="application/json",
    )
    assert r.status_code == 201 and r.json()["minor"] is True
    persons = c.get(f"/api/cases/{case_id}").json()["persons"]
    assert [(p["role"], p["name"]) for p in persons] == [("complainant", "上官婉儿"), ("witness", "亓小明")]
    entry = Entry.objects.filter(action="case.person.add").get()
    assert "亓小明" not in entry.canonical and json.loads(entry.canonical)["payload"]["role"] == "witness"

    bad = c.post(f"/api/cases/{case_id}/persons", {"role": "king", "name": "x"}, content_type="application/json")
    assert bad.status_code == 400 and bad.json() == {"code": "invalid", "message": "涉案人员的身份无效"}
    # Not a handler of this case: the agency head may, an outsider may not (see the access matrix).
    pid = persons[1]["id"]
    assert _client(agency_head).delete(f"/api/cases/{case_id}/persons/{pid}").status_code == 204
    assert c.delete(f"/api/cases/{case_id}/persons/{pid}").json()["message"] == "该涉案人员不存在"
    assert CasePerson.objects.count() == 1


def test_persons_on_the_case_page(officer: Any, new_case: Any) -> None:
    case = new_case()
    c = _client(officer)
    r = c.post(f"/cases/{case.pk}/persons/", {"role": "witness", "name": "", "phone": "1"})
    assert r.status_code == 400 and "请填写涉案人员的姓名" in r.content.decode()
    r = c.post(f"/cases/{case.pk}/persons/", {"role": "witness", "name": "欧阳修远", "minor": "on"})
    assert r.status_code == 302
    page = c.get(f"/cases/{case.pk}/").content.decode()
    assert "欧阳修远" in page and "未成年人" in page


def test_persons_on_the_new_case_form(officer: Any, officer2: Any) -> None:
    from django.urls import reverse

    from yangguang.core.validators import make_uscc

    c = _client(officer)
    data = {
        "kind": "penalty_ordinary",
        "title": "涉嫌销售过期食品案",
        "source": "complaint",
        "party_kind": "organization",
        "party_name": "杭州某某食品有限公司",
        "party_id_number": make_uscc(434343),
        "party_legal_representative": "王五",
        "officers": [officer2.officer.pk],
        "occurred_on": "2026-03-02",
        "persons_text": "投诉人 上官婉儿 138-1234-5678 西湖区文三路1号2幢301室\n国王 某人",
    }
    r = c.post(reverse("cases:new"), data)
    assert r.status_code == 400 and "涉案人员第 2 行：身份“国王”无效" in r.content.decode()
    data["persons_text"] = (
        "投诉人 上官婉儿 138-1234-5678 西湖区文三路1号2幢301室\n证人，亓小明，110105198503171231，未成年人"
    )
    assert c.post(reverse("cases:new"), data).status_code == 302
    rows = list(CasePerson.objects.values_list("role", "name", "phone", "id_number", "address", "minor"))
    assert rows == [
        ("complainant", "上官婉儿", "138-1234-5678", "", "西湖区文三路1号2幢301室", False),
        ("witness", "亓小明", "", "110105198503171231", "", True),
    ]
