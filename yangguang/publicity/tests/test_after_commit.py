"""The decision's transaction holds only the legal facts (issue 15): the step, its ledger entry,
the document number, the publication record with its statutory due date and the outbox item. The
redaction, the publication and the search index follow after commit, from the durable queue."""

from __future__ import annotations

from typing import Any

import pytest
from django.utils import timezone

from yangguang.jobs import outbox
from yangguang.jobs.models import OutboxItem, OutboxStatus
from yangguang.ledger.models import Entry
from yangguang.publicity import search
from yangguang.publicity.models import Publication, PushTask


@pytest.fixture(autouse=True)
def _queued(settings: Any) -> None:
    settings.JOBS_OUTBOX_EAGER = False


@pytest.mark.django_db(transaction=True)
def test_the_decision_commits_the_facts_and_the_rest_follows_from_the_queue(decide: Any) -> None:
    case = decide()
    # Committed with the decision: the step and its ledger entry, the publication with its due
    # date and the decision's text, durable outbox items (the publication's, the decision
    # document's DOCX); nothing public yet.
    assert case.state == "decided" and Entry.objects.filter(action="cases.decide_on_spot").count() == 1
    pub = Publication.objects.get(case=case)
    assert pub.status == "pending" and pub.due_on is not None and "占道经营" in pub.original_text
    assert pub.redacted_text == "" and not PushTask.objects.exists()
    # (and the refresh of the supervision cockpit's roll-up for the case's months)
    assert set(OutboxItem.objects.values_list("kind", flat=True)) == {
        "publicity.prepare",
        "documents.render",
        "supervision.rollup",
    }
    item = OutboxItem.objects.get(kind="publicity.prepare")
    assert (item.kind, item.status, item.key) == (
        "publicity.prepare",
        OutboxStatus.PENDING,
        f"{pub.subject_label}:prepare",
    )
    # A task worker runs it (here: in line): redacted, published, ledger, push row; then indexed.
    rollups = OutboxItem.objects.filter(kind="supervision.rollup").count()
    assert outbox.drain() >= 3 + rollups
    assert not OutboxItem.objects.exclude(status=OutboxStatus.DONE).exists()
    pub.refresh_from_db()
    assert pub.status == "published" and pub.redacted_text and "张某某" in pub.redacted_text
    assert Entry.objects.filter(action="publicity.publish", subject=pub.subject_label).count() == 1
    assert PushTask.objects.filter(publication=pub, event="publish").count() == 1
    assert pub.pk in search.search("占道", search.SearchFilters(), today=pub.published_on or timezone.localdate()).ids
    # Running everything again changes nothing (idempotent by key and by state).
    for done in OutboxItem.objects.all():
        OutboxItem.objects.filter(pk=done.pk).update(status=OutboxStatus.PENDING)
    outbox.drain()
    assert Entry.objects.filter(action="publicity.publish").count() == 1 and PushTask.objects.count() == 1
    assert Entry.objects.filter(action="documents.render").count() == 1
