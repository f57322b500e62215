"""The new-case form at scale: the handler list with certificate status and categories (an officer
the policy refuses as a handler is disabled with its rule), the kinds limited to the agency's power
list and the items to those of the chosen kind (refused with a Chinese message otherwise); the case
page orders the next steps by the procedure and explains the steps the user may not take."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from yangguang.cases.models import Case
from yangguang.roster.models import ActionKind
from yangguang.roster.tests.factories import EnforcementItemFactory, OfficerFactory

from .conftest import company


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_handlers_show_certificate_and_the_policys_refusal(officer: Any, officer2: Any) -> None:
    expired: Any = OfficerFactory(
        agency=officer.agency, name="过期人员", cert_valid_until=dt.date(2020, 12, 31), categories=["penalty"]
    )
    page = _client(officer).get(reverse("cases:new")).content.decode()
    assert 'id="handler-search"' in page
    assert f'name="officers" value="{officer2.officer.pk}" id="handler-{officer2.officer.pk}">' in page
    assert f'name="officers" value="{expired.pk}" id="handler-{expired.pk}" disabled>' in page
    assert "持证上岗：执法人员过期人员的" in page and "不得承办案件（《行政处罚法》第四十二条、第五十五条）" in page
    assert "持证有效" in page and "执法类别" in page


def test_items_follow_the_kind_and_the_power_list(officer: Any, officer2: Any) -> None:
    agency = officer.agency
    agency.power_kinds = [ActionKind.PENALTY, ActionKind.LICENSING]
    agency.save(update_fields=["power_kinds"])
    penalty: Any = EnforcementItemFactory(agency=agency, name="对销售过期食品的行政处罚", kind=ActionKind.PENALTY)
    licence: Any = EnforcementItemFactory(agency=agency, name="食品经营许可", kind=ActionKind.LICENSING)
    EnforcementItemFactory(agency=agency, name="查封扣押", kind=ActionKind.COERCION)
    c = _client(officer)
    page = c.get(reverse("cases:new")).content.decode()
    assert f'value="{penalty.pk}" data-kind="penalty"' in page and f'value="{licence.pk}" data-kind="licensing"' in page
    assert "查封扣押</option>" not in page  # not in the agency's power list
    assert 'value="coercive_measure"' not in page and '<option value="inspection">行政检查</option>' not in page
    assert '<option value="licensing">行政许可</option>' in page
    assert 'id="kind-categories" type="application/json"' in page
    party = company()
    data = {
        "kind": "penalty_ordinary",
        "title": "涉嫌无证经营案",
        "item": str(licence.pk),
        "source": "complaint",
        "party_kind": "organization",
        "party_name": party["name"],
        "party_id_number": party["id_number"],
        "party_legal_representative": "王五",
        "officers": [str(officer2.officer.pk)],
        "occurred_on": "2026-03-02",
    }
    r = c.post(reverse("cases:new"), data)
    assert r.status_code == 400
    assert "执法事项“食品经营许可”属于行政许可，与案件类别不符" in r.content.decode()
    assert not Case.objects.exists()
    r = c.post(reverse("cases:new"), {**data, "item": str(penalty.pk)})
    assert r.status_code == 302 and Case.objects.get().item == penalty


def test_steps_in_procedural_order_and_refusals_explained(new_case: Any, officer: Any, officer2: Any) -> None:
    case = new_case()
    page = _client(officer).get(reverse("cases:detail", args=[case.pk])).content.decode()
    order = [page.index(f'id="action-{a}"') for a in ("file", "not_file", "add_officer")]
    assert order == sorted(order)
    assert 'id="refused-actions"' in page and "执法人员的回避由行政机关负责人决定（《行政处罚法》第四十三条）" in page


def test_an_expired_officer_is_told_why_he_may_do_nothing(new_case: Any, officer: Any, officer2: Any) -> None:
    case = new_case()
    link = officer2.officer
    link.cert_valid_until = dt.date(2020, 12, 31)
    link.save(update_fields=["cert_valid_until"])
    page = _client(officer2).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "您在本案当前状态下没有可办理的操作。" in page
    assert '<details class="refused-actions" id="refused-actions" open>' in page
    assert "持证上岗" in page
