"""Publicity's items in the to-do centre: a decision not yet published (事后公开) shows its due date
to its handlers when it is within 3 working days or overdue, and waits for those who may approve it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from yangguang.core.extensions import todo_for
from yangguang.publicity.models import Publication


def test_pending_publication_in_the_todo_centre(settings: Any, decide: Any, officer: Any, agency_head: Any) -> None:
    settings.JOBS_OUTBOX_EAGER = False  # the publication stays pending (the worker has not run)
    today = timezone.localdate()
    case = decide()
    pub = Publication.objects.get(case=case)
    assert pub.status == "pending"
    assert todo_for(officer, today)["overdue"] == []
    late = todo_for(officer, pub.due_on + dt.timedelta(days=1))
    assert [(i["kind"], i["url"]) for i in late["overdue"]] == [("公示期限", f"/public/manage/{pub.pk}/")]
    assert [i["kind"] for i in todo_for(agency_head, today)["mine"]] == ["待审核公开"]
