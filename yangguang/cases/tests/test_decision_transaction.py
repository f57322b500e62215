"""The penalty decision's transaction holds the legal facts only (issue 15): the step, its ledger
entry, the document number and record (with the hash of its fields) and the durable outbox item.
The DOCX is rendered after commit by the task queue, exactly once; a failing renderer never undoes
the decision."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest
from django.db import connection
from django.test import Client

from yangguang.cases.models import Step
from yangguang.documents import services as documents
from yangguang.documents.models import IssuedDocument, StoredFile
from yangguang.jobs import outbox
from yangguang.jobs.models import OutboxItem, OutboxStatus
from yangguang.ledger.models import Entry
from yangguang.ledger.reconcile import reconcile
from yangguang.ledger.verify import verify_ledger

D = dt.date
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _queued(settings: Any, tmp_path: Any) -> None:
    settings.JOBS_OUTBOX_EAGER = False
    settings.MEDIA_ROOT = str(tmp_path / "media")


@pytest.fixture
def rendered(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The renderer, made to fail if it is ever called inside a transaction; records each render."""
    calls: list[str] = []
    real = documents.render_docx

    def outside_transactions_only(content: Any) -> bytes:
        if connection.in_atomic_block:
            raise AssertionError(f"《{content.title}》 rendered inside a transaction")
        calls.append(content.title)
        return real(content)

    monkeypatch.setattr(documents, "render_docx", outside_transactions_only)
    return calls


def _decide(case: Any, step: Any, agency_head: Any) -> Step:
    return step(
        case,
        "decide",
        agency_head,
        D(2026, 3, 20),
        decision_type="penalty",
        penalty_types=["fine"],
        fine="3000",
        reasons="从轻处罚",
    )


def test_the_decision_commits_without_rendering_and_the_queue_renders_the_docx_once(
    notified_case: Any, step: Any, agency_head: Any, officer: Any, rendered: list[str]
) -> None:
    case = notified_case()
    outbox.drain()  # the documents of the earlier steps
    rendered.clear()
    decided = _decide(case, step, agency_head)

    # Committed: the step, its ledger entry, the numbered document record and the outbox item.
    ref = decided.documents[0]
    assert ref["doc_type"] == "penalty_decision" and ref["number"] == "杭市监罚〔2026〕1号"
    assert Entry.objects.filter(action="cases.decide", subject=case.subject_label).count() == 1
    document = IssuedDocument.objects.get(pk=ref["id"])
    assert document.file is None and len(document.content_sha256) == 64
    assert Entry.objects.filter(action="documents.issue", subject=case.subject_label).count() == 4
    item = OutboxItem.objects.get(kind="documents.render", status=OutboxStatus.PENDING)
    assert item.key == f"documents.document:{document.pk}:render"
    assert rendered == []
    client = Client()
    client.force_login(officer)
    waiting = client.get(f"/documents/{document.pk}/download")
    assert waiting.status_code == 503 and waiting.content.decode() == "文书文件正在生成，请稍后再试"

    # A task worker (here: in line, outside any transaction) renders, stores and links it.
    outbox.drain()  # with the publication's items
    item.refresh_from_db()
    assert (item.status, item.attempts) == (OutboxStatus.DONE, 1)
    assert rendered == ["行政处罚决定书"]
    document.refresh_from_db()
    assert document.file is not None
    render_entries = Entry.objects.filter(action="documents.render", subject=case.subject_label)
    docs = [json.loads(e.canonical) for e in render_entries]
    files = [d["files"] for d in docs if d["payload"]["document_id"] == document.pk]
    assert files == [{"docx_sha256": document.file.sha256, "docx_sm3": document.file.sm3}]
    download = client.get(f"/documents/{document.pk}/download")
    assert download.status_code == 200 and b"".join(download.streaming_content)[:2] == b"PK"

    # Exactly once: the item run again, or the renderer called again, changes nothing.
    files_before, entries_before = StoredFile.objects.count(), Entry.objects.count()
    OutboxItem.objects.filter(pk=item.pk).update(status=OutboxStatus.PENDING)
    outbox.drain()
    assert documents.render_document(document_id=document.pk) == "already rendered"
    assert rendered == ["行政处罚决定书"]
    assert (StoredFile.objects.count(), Entry.objects.count()) == (files_before, entries_before)
    # The log verifies, and every document and its file match their entries (personas are made by
    # factories, not services, so only the documents' reconcilers are asked).
    report = verify_ledger(reconcile=False)
    assert report.ok, report.problems
    assert reconcile(entries=report.entries, names=["documents.issue", "documents.render"]) == []


def test_a_failing_renderer_never_undoes_the_decision(
    notified_case: Any, step: Any, agency_head: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = notified_case()
    outbox.drain()

    def broken(content: Any) -> bytes:
        raise RuntimeError("renderer down")

    monkeypatch.setattr(documents, "render_docx", broken)
    decided = _decide(case, step, agency_head)
    outbox.drain()
    case.refresh_from_db()
    assert case.state == "decided" and Step.objects.filter(pk=decided.pk).exists()
    item = OutboxItem.objects.get(kind="documents.render", key__endswith=f"{decided.documents[0]['id']}:render")
    # Retried with backoff, the error visible to administrators on /jobs/.
    assert (item.status, item.attempts) == (OutboxStatus.PENDING, 1) and "renderer down" in item.last_error
    assert IssuedDocument.objects.get(pk=decided.documents[0]["id"]).file is None
