"""Campaigns (seed 003): the bureau deploys a campaign to the agencies of its region; two agency
heads file their self-inspection reports and problem lists; one problem is reported rectified with
evidence, returned, reported again and accepted; overdue problems escalate; the report shows the
closure rate and the repeat problems; agencies see only their own part."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.utils import timezone

from yangguang.ledger.models import Entry
from yangguang.roster.tests.factories import AgencyFactory, UserFactory
from yangguang.supervision import campaigns
from yangguang.supervision.models import Campaign, Problem, ProblemStatus

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_campaign_two_agencies_one_problem_to_closure(agency: Any, agency_head: Any, supervisor: Any) -> None:
    second: Any = AgencyFactory(name="杭州市城市管理局", region=agency.region)
    second_head: Any = UserFactory(username="cghead", role="agency_head", agency=second)
    today = timezone.localdate()
    due = today + dt.timedelta(days=30)
    s = _client(supervisor)
    r = s.post("/supervision/campaigns/", {"title": "", "tasks": "x", "report_due": due.isoformat()})
    assert r.status_code == 400 and "请填写专项活动名称和任务" in r.content.decode()
    r = s.post(
        "/supervision/campaigns/",
        {
            "title": "落实“三项制度”专项活动",
            "tasks": "一、执法公示是否全面\n二、全过程记录是否规范\n三、法制审核人员是否不少于5%",
            "report_due": due.isoformat(),
        },
    )
    campaign = Campaign.objects.get()
    assert r.status_code == 302 and campaign.participants.count() == 2

    for head, report, problems in (
        (
            agency_head,
            "对照三项制度逐条自查，发现两个问题。",
            [("publicity", "执法决定公开不及时"), ("review", "审核人员不足5%")],
        ),
        (second_head, "自查发现一个问题。", [("publicity", "执法人员清单未动态调整")]),
    ):
        h = _client(head)
        assert h.post(f"/supervision/campaigns/{campaign.pk}/report/", {"report": report}).status_code == 302
        for category, text in problems:
            r = h.post(
                f"/supervision/campaigns/{campaign.pk}/problems/",
                {
                    "category": category,
                    "description": text,
                    "measure": "建立台账",
                    "owner": "法规科",
                    "due_on": (today + dt.timedelta(days=20)).isoformat(),
                },
            )
            assert r.status_code == 302
    r = _client(second_head).post(
        f"/supervision/campaigns/{campaign.pk}/problems/", {"category": "other", "description": ""}
    )
    assert r.status_code == 400 and "请填写问题、整改措施、责任人和整改时限" in r.content.decode()
    # each agency sees its own part only
    page = _client(second_head).get(f"/supervision/campaigns/{campaign.pk}/").content.decode()
    assert "执法人员清单未动态调整" in page and "执法决定公开不及时" not in page

    problem = Problem.objects.get(description="执法决定公开不及时")
    h = _client(agency_head)
    r = h.post(
        f"/supervision/problems/{problem.pk}/progress/",
        {"progress": "已建立公开台账", "evidence": SimpleUploadedFile("台账.pdf", b"%PDF-1.4 t")},
    )
    assert r.status_code == 302
    r = s.post(f"/supervision/problems/{problem.pk}/decide/", {"decision": "return", "note": ""})
    assert r.status_code == 400 and "退回时请写明理由" in r.content.decode()
    s.post(f"/supervision/problems/{problem.pk}/decide/", {"decision": "return", "note": "台账未覆盖全年"})
    h.post(f"/supervision/problems/{problem.pk}/progress/", {"progress": "台账已补全全年"})
    s.post(f"/supervision/problems/{problem.pk}/decide/", {"decision": "accept", "note": ""})
    problem.refresh_from_db()
    assert problem.status == ProblemStatus.ACCEPTED and problem.closed_on == today
    assert s.get(f"/supervision/problems/{problem.pk}/evidence/").status_code == 200

    summary = campaigns.summary(campaign)
    assert (summary["reported"], summary["problems"], summary["accepted"], summary["closure_rate"]) == (2, 3, 1, 33.3)
    assert summary["repeats"] == ["执法公示"]
    report = s.get(f"/supervision/campaigns/{campaign.pk}/").content.decode()
    assert "整改完成率 33.3%" in report and "共性问题（两个以上机关存在）：执法公示" in report
    # overdue problems escalate once, in the ledger
    assert campaigns.escalate_overdue(today=today + dt.timedelta(days=21)) == 2
    assert campaigns.escalate_overdue(today=today + dt.timedelta(days=22)) == 0
    assert Entry.objects.filter(subject=campaign.subject_label, action="supervision.campaign.escalate").count() == 2
    assert _client(agency_head).post(
        f"/supervision/problems/{problem.pk}/decide/", {"decision": "accept"}
    ).status_code in (
        400,
        403,
    )
