"""The case pages: my cases, new case, the case page with its actions and timeline, refusals shown
in Chinese, deadlines, home panels."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.test import Client
from django.urls import reverse

from yangguang.cases.models import Case
from yangguang.core.validators import make_uscc
from yangguang.roster.tests.factories import EntityFactory

D = dt.date


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_new_case_form_registers_and_links_the_entity(officer: Any, officer2: Any, item: Any) -> None:
    entity: Any = EntityFactory(name="杭州某某食品有限公司", uscc=make_uscc(424242))
    c = _client(officer)
    assert c.get(reverse("cases:new")).status_code == 200
    r = c.post(
        reverse("cases:new"),
        {
            "kind": "penalty_ordinary",
            "title": "涉嫌销售过期食品案",
            "item": item.pk,
            "source": "complaint",
            "party_kind": "organization",
            "party_name": "杭州某某食品有限公司",
            "party_id_number": entity.uscc,
            "party_legal_representative": "王五",
            "officers": [officer2.officer.pk],
            "facts": "销售过期食品",
            "violation_date": "2026-03-01",
            "discovery_date": "2026-03-02",
            "occurred_on": "2026-03-02",
        },
    )
    case = Case.objects.get()
    assert r.status_code == 302 and r["Location"] == reverse("cases:detail", args=[case.pk])
    assert case.parties.get().entity == entity
    assert [link.officer.name for link in case.case_officers.all()] == ["李明", "赵强"]


def test_new_case_bad_credit_code_is_refused_in_chinese(officer: Any) -> None:
    r = _client(officer).post(
        reverse("cases:new"),
        {
            "kind": "penalty_ordinary",
            "title": "x案",
            "source": "complaint",
            "party_kind": "organization",
            "party_name": "某公司",
            "party_id_number": "91330100MA2XXXXXX0",
            "party_legal_representative": "王五",
        },
    )
    assert r.status_code == 400
    assert "统一社会信用代码无效（应为18位且校验位正确）" in r.content.decode()
    assert not Case.objects.exists()


def test_case_page_shows_only_available_actions_and_the_timeline(new_case: Any, officer: Any, agency_head: Any) -> None:
    case = new_case()
    page = _client(officer).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="action-file"' in page and 'id="action-not_file"' in page
    assert 'id="action-decide"' not in page and 'id="action-recuse"' not in page
    assert "登记案件线索" in page and case.number in page
    assert '<g class="state current" data-state="clue">' in page
    head = _client(agency_head).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'id="action-recuse"' in head and 'id="action-file"' not in head


def test_refusal_is_shown_with_its_rule(new_case: Any, officer: Any) -> None:
    case = new_case(officers=[])
    r = _client(officer).post(reverse("cases:act", args=[case.pk, "file"]), {"occurred_on": "2026-03-02"})
    assert r.status_code == 400
    assert "立案需至少两名持有效执法证的执法人员承办（《行政处罚法》第四十二条）" in r.content.decode()
    assert Case.objects.get(pk=case.pk).state == "clue"
    r = _client(officer).post(
        reverse("cases:act", args=[case.pk, "file"]), {"occurred_on": "2026-03-02"}, HTTP_HX_REQUEST="true"
    )
    assert r.status_code == 200  # htmx swaps only successful responses


def test_step_through_the_page(new_case: Any, officer: Any, unit_head: Any) -> None:
    case = new_case()
    c = _client(officer)
    r = c.post(reverse("cases:act", args=[case.pk, "file"]), {"occurred_on": "2026-03-02"})
    assert r.status_code == 302
    page = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "已提请立案审批：立案，等待审批" in page and 'id="pending-approvals"' in page
    # The unit head approves it from his queue: the summary, then 批准 (the step is taken).
    head = _client(unit_head)
    req = case.approval_requests.get()
    queue = head.get(reverse("cases:approvals")).content.decode()
    assert reverse("cases:approval", args=[req.pk]) in queue
    r = head.post(
        reverse("cases:approval", args=[req.pk]), {"op": "approve", "opinion": "同意立案", "occurred_on": "2026-03-02"}
    )
    assert r.status_code == 302
    assert Case.objects.get(pk=case.pk).state == "investigating"
    r = c.post(
        reverse("cases:act", args=[case.pk, "inquiry_record"]),
        {
            "occurred_on": "2026-03-03",
            "person": "王五",
            "place": "本局询问室",
            "started_at": "2026-03-03T09:00",
            "ended_at": "2026-03-03T09:40",
            "content": "问：货架上的过期食品是谁销售的？\n答：承认销售过期食品",
        },
    )
    assert r.status_code == 302
    page = c.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "询问笔录" in page and "承认销售过期食品" in page and "线索登记 → 调查取证" in page
    assert "作出处罚决定（90日，《行政处罚法》第六十条）" in page
    # the filing approval form was issued with the step and is listed with the case
    assert '<section class="card" id="documents">' in page and "立案审批表" in page


def test_other_officers_cannot_see_the_case(new_case: Any, agency: Any) -> None:
    from yangguang.roster.tests.factories import OfficerFactory, UserFactory

    case = new_case()
    stranger: Any = UserFactory(username="s", role="officer", agency=agency, officer=OfficerFactory(agency=agency))
    assert _client(stranger).get(reverse("cases:detail", args=[case.pk])).status_code == 404


def test_my_cases_and_deadlines_pages(new_case: Any, step: Any, officer: Any, agency_head: Any) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    c = _client(officer)
    listing = c.get(reverse("cases:my_cases")).content.decode()
    assert case.number in listing
    assert case.number in c.get(reverse("cases:my_cases"), {"q": "过期"}, HTTP_HX_REQUEST="true").content.decode()
    assert case.number not in c.get(reverse("cases:my_cases"), {"q": "无此案"}).content.decode()
    page = c.get(reverse("cases:deadlines")).content.decode()
    assert "作出处罚决定" in page and "2026-06-01" in page and "已逾期" in page
    head_page = _client(agency_head).get(reverse("cases:deadlines")).content.decode()
    assert "本机关（辖区）案件的期限" in head_page and case.number in head_page


def test_home_panels(new_case: Any, step: Any, officer: Any) -> None:
    case = new_case()
    step(case, "file", officer, D(2026, 3, 2))
    home = _client(officer).get("/").content.decode()
    assert "我的待办案件" in home and "即将到期" in home and case.number in home


def test_record_export(new_case: Any, officer: Any) -> None:
    case = new_case()
    r = _client(officer).get(reverse("cases:export", args=[case.pk]))
    assert r.status_code == 200
    bundle = r.json()
    assert bundle["entries"] and all(
        e["subject"] == f"cases.case:{case.pk}" for e in bundle["entries"] if "subject" in e
    )


def test_entity_lookup_on_the_new_case_form(officer: Any) -> None:
    entity: Any = EntityFactory(name="杭州名录食品有限公司", uscc=make_uscc(515151), legal_representative="钱六")
    c = _client(officer)
    html = c.get(reverse("cases:entity_lookup"), {"entity_q": "名录食品"}).content.decode()
    assert f'data-uscc="{entity.uscc}"' in html and 'data-rep="钱六"' in html
    assert (
        "名录中没有匹配的市场主体" in c.get(reverse("cases:entity_lookup"), {"entity_q": "无此公司"}).content.decode()
    )


def test_new_case_page_tells_an_expired_officer_why_before_the_form(officer: Any) -> None:
    """The page walk of issue 11 found a 500 here: an unbound form cannot carry the refusal."""
    o = officer.officer
    o.cert_valid_until = dt.date.today() - dt.timedelta(days=1)
    o.save()
    page = _client(officer).get(reverse("cases:new"))
    assert page.status_code == 200
    html = page.content.decode()
    assert 'id="case-create-refusal"' in html and "持证上岗" in html
