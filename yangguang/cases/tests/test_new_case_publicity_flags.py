"""The new-case form's 涉及未成年人 and 涉密 checkboxes: a case registered through the form with
either flag is never published when decided (the publication pipeline blocks it)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from yangguang.cases.models import Case
from yangguang.cases.tests.conftest import SPOT, person
from yangguang.publicity.models import Publication


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def _register_and_decide(officer: Any, officer2: Any, **flags: str) -> Case:
    today = timezone.localdate().isoformat()
    p = person(3)
    c = _client(officer)
    form = c.get(reverse("cases:new")).content.decode()
    assert 'name="involves_minor"' in form and "涉及未成年人" in form
    assert 'name="is_secret"' in form and "涉密" in form
    r = c.post(
        reverse("cases:new"),
        {
            "kind": "penalty_summary",
            "title": "占道经营案",
            "source": "inspection",
            "party_kind": "person",
            "party_name": p["name"],
            "party_id_number": p["id_number"],
            "party_address": p["address"],
            "officers": [officer2.officer.pk],
            "violation_date": today,
            "discovery_date": today,
            "occurred_on": today,
            **flags,
        },
    )
    assert r.status_code == 302, r.content.decode()
    case = Case.objects.get()
    r = c.post(
        reverse("cases:act", args=[case.pk, "decide_on_spot"]),
        {
            **SPOT,
            "occurred_at": f"{today}T09:00",
            "penalty_types": ["fine"],
            "fine": "50",
            "occurred_on": today,
            "confirmed": "1",
        },
    )
    assert r.status_code == 302, r.content.decode()
    case.refresh_from_db()
    assert case.state == "decided"
    return case


@pytest.mark.parametrize(
    "flags, expected",
    [
        ({"involves_minor": "on"}, (True, False, "blocked", "涉及未成年人的案件不予公开")),
        ({"is_secret": "on"}, (False, True, "blocked", "涉及国家秘密的案件不予公开")),
        ({}, (False, False, "published", "")),
    ],
)
def test_flags_from_the_form_keep_the_decision_off_the_portal(
    officer: Any, officer2: Any, public: Any, flags: dict[str, str], expected: tuple[Any, ...]
) -> None:
    case = _register_and_decide(officer, officer2, **flags)
    pub = Publication.objects.get(case=case)
    assert (case.involves_minor, case.is_secret, pub.status, pub.blocked_reason) == expected
    status = public.get(f"/public/decisions/{pub.pk}/").status_code
    assert status == (200 if pub.status == "published" else 404)


def test_api_takes_the_flags(officer: Any, officer2: Any) -> None:
    p = person(4)
    r = _client(officer).post(
        "/api/cases/",
        {
            "kind": "penalty_summary",
            "title": "占道经营案",
            "parties": [p],
            "officers": [officer2.officer.pk],
            "involves_minor": True,
            "is_secret": True,
        },
        content_type="application/json",
    )
    assert r.status_code == 201, r.content
    case = Case.objects.get(pk=r.json()["id"])
    assert (case.involves_minor, case.is_secret) == (True, True)
