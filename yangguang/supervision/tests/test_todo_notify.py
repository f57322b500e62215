"""Escalation notices and to-do items: an overdue answer notifies the agency head and the
supervisors (issuer, assignee) through the to-do centre's channels; an overdue campaign problem
notifies the agency head and the campaign's supervisor; /todo/ lists what waits for an agency head
(documents to answer, reports, problems) and for a supervisor (clues, answers to accept, files to
score)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.test import Client

from yangguang.core import extensions
from yangguang.jobs import outbox
from yangguang.supervision import campaigns, evaluation, services
from yangguang.supervision.tests.test_evaluation import _closed

from .conftest import D

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    c = Client()
    c.force_login(user)
    return c


def test_overdue_answer_and_problem_notify_head_and_supervisor(
    settings: Any, agency: Any, officer: Any, supervisor: Any, agency_head: Any
) -> None:
    settings.NOTIFY_CHANNELS = ["email"]
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.SITE_URL = "https://zf.example.gov.cn"
    for user, email in ((agency_head, "head@example.gov.cn"), (supervisor, "sup@example.gov.cn"), (officer, "o@x.cn")):
        user.email = email
        user.save(update_fields=["email"])
    clue = services.create_clue(
        actor=supervisor, agency=agency, title="未公示", description="清单", today=D(2026, 3, 2)
    )
    doc = services.issue_document(
        actor=supervisor, clue=clue, kind="opinion", problems="清单未更新", requirements="更新", today=D(2026, 3, 2)
    )
    assert services.escalate_overdue(today=D(2026, 4, 2)) == 1
    outbox.drain()
    sent = sorted((m.to[0], m.subject) for m in mail.outbox)
    assert sent == [
        ("head@example.gov.cn", f"【阳光执法】监督文书逾期未答复：{doc.number}"),
        ("sup@example.gov.cn", f"【阳光执法】监督文书逾期未答复：{doc.number}"),
    ]
    assert f"https://zf.example.gov.cn/supervision/documents/{doc.pk}/" in mail.outbox[0].body
    assert services.escalate_overdue(today=D(2026, 4, 3)) == 0  # once

    mail.outbox.clear()
    campaign = campaigns.launch(
        actor=supervisor, title="专项整治", tasks="自查", report_due=D(2026, 4, 30), today=D(2026, 3, 2)
    )
    part = campaign.participants.get(agency=agency)
    campaigns.add_problem(
        actor=agency_head,
        participant=part,
        category="publicity",
        description="公示不及时",
        measure="建立台账",
        owner="周局长",
        due_on=D(2026, 5, 1),
    )
    assert campaigns.escalate_overdue(today=D(2026, 5, 2)) == 1
    outbox.drain()
    assert sorted(m.to[0] for m in mail.outbox) == ["head@example.gov.cn", "sup@example.gov.cn"]
    assert mail.outbox[0].subject == "【阳光执法】专项活动问题逾期未整改：专项整治"


def test_todo_items_for_agency_head_and_supervisor(
    agency: Any, officer: Any, supervisor: Any, agency_head: Any, justice_bureau: Any
) -> None:
    today = D(2026, 12, 1)
    clue = services.create_clue(actor=supervisor, agency=agency, title="未公示", description="清单", today=today)
    fresh = services.create_clue(actor=supervisor, agency=agency, title="着装不规范", description="反映", today=today)
    doc = services.issue_document(
        actor=supervisor, clue=clue, kind="opinion", problems="清单未更新", requirements="更新", today=D(2026, 11, 2)
    )
    campaign = campaigns.launch(
        actor=supervisor, title="专项整治", tasks="自查", report_due=D(2026, 12, 3), today=today
    )
    campaigns.add_problem(
        actor=agency_head,
        participant=campaign.participants.get(agency=agency),
        category="publicity",
        description="公示不及时",
        measure="建立台账",
        owner="周局长",
        due_on=D(2026, 11, 30),
    )
    head = extensions.todo_for(agency_head, today)
    mine = {(i["kind"], i["title"]) for i in head["mine"]}
    assert ("待答复监督文书", f"{doc.number}（{justice_bureau.name}）") in mine
    assert ("报送自查报告", "专项整治") in mine and ("问题整改", "专项整治：公示不及时") in mine
    assert {i["kind"] for i in head["soon"]} == {"监督文书答复期限", "自查报告报送期限"}  # due 12-02, 12-03
    assert {i["kind"] for i in head["overdue"]} == {"问题整改时限"}

    services.answer_document(actor=agency_head, document=doc, rectification="已更新", today=today)
    _closed(agency, officer, 2)
    evaluation.draw_plan(
        actor=supervisor, name="评查", size=1, closed_from=D(2026, 1, 1), closed_until=D(2026, 12, 31), today=today
    )
    sup = extensions.todo_for(supervisor, today)
    kinds = {(i["kind"], i["title"].split(" ")[0]) for i in sup["mine"]}
    assert ("核查线索", clue.number) in kinds and ("待分派线索", fresh.number) in kinds
    assert ("审核整改答复", f"{doc.number}（{agency.name}）") in kinds and ("案卷评查", "PC2026-001") in kinds
    page = _client(supervisor).get("/todo/").content.decode()
    assert "审核整改答复" in page and f"/supervision/documents/{doc.pk}/" in page
    assert extensions.todo_for(officer, today)["mine"] == [] or all(
        not i["url"].startswith("/supervision/") for i in extensions.todo_for(officer, today)["mine"]
    )


def test_supervision_writes_drop_the_cached_todo_counts(
    django_capture_on_commit_callbacks: Any, agency: Any, supervisor: Any
) -> None:
    before = extensions.todo_counts(supervisor, D(2026, 12, 1))
    with django_capture_on_commit_callbacks(execute=True):
        services.create_clue(actor=supervisor, agency=agency, title="新线索", description="反映", today=D(2026, 12, 1))
    after = extensions.todo_counts(supervisor, D(2026, 12, 1))
    assert after["mine"] == before["mine"] + 1
