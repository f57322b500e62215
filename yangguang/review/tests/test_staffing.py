"""Reviewer staffing: reviewers as a share of each agency's enforcement staff, with the 5% floor shown
and flagged; the agency's review period on the same page; home panels for reviewers."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from yangguang.review import selectors

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_share_and_floor(agency: Any, agency_head: Any, reviewer: Any, officer: Any) -> None:
    from yangguang.roster.tests.factories import OfficerFactory

    # 5 officers so far (李明, 孙审核, the head's, ...): add enough staff to fall below 5% with 1 reviewer
    for i in range(20):
        OfficerFactory(agency=agency, name=f"执法{i}")
    rows = {r["id"]: r for r in selectors.staffing(agency_head)}
    row = rows[agency.pk]
    assert row["reviewers"] == 1
    assert row["reviewer_below_floor"] is True
    assert row["reviewer_share"] == round(100 / row["officers"], 1)
    page = _client(agency_head).get("/review/staffing/").content.decode()
    assert "低于5%" in page and "1个执法主体低于5%" in page
    OfficerFactory(agency=agency, name="第二审核", is_reviewer=True)
    row = {r["id"]: r for r in selectors.staffing(agency_head)}[agency.pk]
    assert row["reviewers"] == 2 and row["reviewer_below_floor"] is False


def test_supervisor_sees_the_region_officer_does_not(supervisor: Any, agency: Any, officer: Any) -> None:
    page = _client(supervisor).get("/review/staffing/")
    assert page.status_code == 200 and agency.name in page.content.decode()
    assert _client(officer).get("/review/staffing/").status_code == 404


def test_agency_head_sets_the_review_period(agency: Any, agency_head: Any) -> None:
    c = _client(agency_head)
    r = c.post("/review/staffing/", {"days": "40", "warning_days": "1"})
    assert r.status_code == 400 and "审核期限应为1至30个工作日" in r.content.decode()
    r = c.post("/review/staffing/", {"days": "7", "warning_days": "2"})
    assert r.status_code == 302
    assert agency.review_setting.deadline_working_days == 7
    assert "本机关法制审核期限为提交后7个工作日，届满前2个工作日预警。" in c.get("/review/staffing/").content.decode()


def test_home_panel_for_reviewers(submitted_case: Any, review_reviewer: Any) -> None:
    case = submitted_case()
    page = _client(review_reviewer).get("/").content.decode()
    assert "法制审核待办" in page and case.number in page
