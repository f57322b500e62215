"""Open data (JSON API, CSV, Atom) and the push to the superior platform (outbox, retries, HMAC,
idempotency)."""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import hmac
import io
import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from yangguang.publicity import push, services
from yangguang.publicity.models import Publication, PushTask

from .conftest import org_party

pytestmark = pytest.mark.django_db
KEY = "test-push-key"


@pytest.fixture
def published(decide: Any) -> Publication:
    return Publication.objects.get(case=decide(facts="当事人占道经营，罚款五十元。"))


def test_json_api_list_and_filters(public: Any, published: Publication, agency: Any, county_agency: Any) -> None:
    body = public.get("/api/publicity/decisions", {"q": "罚款", "agency": agency.pk}).json()
    assert body["count"] == 1 and body["pages"] == 1 and body["page"] == 1
    row = body["results"][0]
    assert (row["id"], row["party"], row["kind"]["code"], row["status"]) == (
        published.pk,
        "张某某",
        "penalty",
        "published",
    )
    assert public.get("/api/publicity/decisions", {"q": "罚款", "agency": county_agency.pk}).json()["count"] == 0
    bad = public.get("/api/publicity/decisions", {"to": "yesterday"})
    assert bad.status_code == 400 and bad.json()["message"] == "截止日期格式应为 YYYY-MM-DD"
    detail = public.get(f"/api/publicity/decisions/{published.pk}").json()
    assert "张某某" in detail["text"] and "张三" not in detail["text"]
    assert public.get("/api/publicity/decisions/999999").status_code == 404


def test_csv_export(public: Any, published: Publication) -> None:
    response = public.get("/public/open-data/decisions.csv", {"q": "罚款"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["编号", "文号", "执法主体"]
    assert [r[0] for r in rows[1:]] == [str(published.pk)]
    assert rows[1][6] == "张某某"


def test_atom_feed(public: Any, published: Publication, officer: Any) -> None:
    feed = public.get("/public/open-data/decisions.atom").content.decode()
    assert feed.startswith('<?xml version="1.0" encoding="utf-8"?>')
    assert f"/public/decisions/{published.pk}/" in feed and "张某某" in feed
    services.withdraw_publication(publication=published, ground="revoked", reason="复议撤销", actor=officer)
    feed = public.get("/public/open-data/decisions.atom").content.decode()
    assert "【已撤回】" in feed and "复议撤销" in feed


class Receiver(BaseHTTPRequestHandler):
    received: list[dict[str, Any]] = []
    fail_next = 1

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"]))
        if Receiver.fail_next:
            Receiver.fail_next -= 1
            self.send_response(503)
            self.end_headers()
            return
        Receiver.received.append(
            {"key": self.headers["Idempotency-Key"], "sig": self.headers["X-Yangguang-Signature"], "body": body}
        )
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args: Any) -> None:
        pass


@pytest.fixture
def receiver(monkeypatch: pytest.MonkeyPatch) -> Iterator[str]:
    Receiver.received, Receiver.fail_next = [], 1
    server = HTTPServer(("127.0.0.1", 0), Receiver)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{server.server_address[1]}/push"
    monkeypatch.setenv("YG_PUSH_URL", url)
    monkeypatch.setenv("YG_PUSH_KEY", KEY)
    monkeypatch.setenv("YG_PUSH_BACKOFF", "0")
    yield url
    server.shutdown()


def test_push_retries_then_delivers_signed_and_idempotent(receiver: str, published: Publication, officer: Any) -> None:
    task = PushTask.objects.get(publication=published)
    assert task.key == f"publicity.publication:{published.pk}:publish:v1"
    assert push.run_once() == {"sent": 0, "failed": 1, "skipped": 0}
    task.refresh_from_db()
    assert (task.status, task.attempts) == ("pending", 1) and "503" in task.last_error
    call_command("run_push", "--max-runs", "1", "--interval", "0")
    task.refresh_from_db()
    assert (task.status, task.attempts) == ("done", 2)
    [got] = Receiver.received
    assert got["key"] == task.key
    assert got["sig"] == "sha256=" + hmac.new(KEY.encode(), got["body"], hashlib.sha256).hexdigest()
    payload = json.loads(got["body"])
    assert (payload["event"], payload["idempotency_key"], payload["party"]) == ("publish", task.key, "张某某")
    # Nothing is sent twice; a withdrawal is its own event with its own key.
    assert push.run_once()["sent"] == 0
    services.withdraw_publication(publication=published, ground="revoked", reason="撤销", actor=officer)
    assert push.run_once()["sent"] == 1
    assert [r["key"] for r in Receiver.received][-1] == f"publicity.publication:{published.pk}:withdraw:v1"


def test_push_backoff_and_give_up(monkeypatch: pytest.MonkeyPatch, published: Publication) -> None:
    monkeypatch.setenv("YG_PUSH_URL", "http://127.0.0.1:9/closed")
    monkeypatch.setenv("YG_PUSH_BACKOFF", "60")
    monkeypatch.setenv("YG_PUSH_MAX_ATTEMPTS", "2")
    assert push.run_once()["failed"] == 1
    task = PushTask.objects.get(publication=published)
    assert 55 <= (task.next_attempt_at - timezone.now()).total_seconds() <= 60
    assert push.run_once()["failed"] == 0  # not due yet
    PushTask.objects.filter(pk=task.pk).update(next_attempt_at=timezone.now())
    push.run_once()
    task.refresh_from_db()
    assert (task.status, task.attempts) == ("failed", 2)


def test_push_status_page(client: Any, agency_head: Any, published: Publication) -> None:
    client.force_login(agency_head)
    html = client.get("/public/manage/push/").content.decode()
    # The publication and the event in words; no idempotency key (an internal identifier).
    assert f"<td>{published.number}</td><td>公开</td>" in html and "待推送" in html
    assert f"publicity.publication:{published.pk}" not in html


def test_org_decision_in_api_keeps_code(public: Any, decide: Any) -> None:
    party = org_party(9)
    pub = Publication.objects.get(case=decide(party, fine="800"))
    assert party["id_number"] in public.get(f"/api/publicity/decisions/{pub.pk}").json()["text"]


def test_a_claimed_push_is_not_sent_by_a_second_worker(receiver: str, published: Publication) -> None:
    """Two workers see the same due row; only one claim succeeds (the other skips it), and the
    claim holds while the first is sending."""
    task = PushTask.objects.get(publication=published)
    now = timezone.now()
    assert push._claim(task, now) is True
    assert push._claim(task, now) is False  # the second worker read the same row
    task.refresh_from_db()
    assert task.next_attempt_at >= now + dt.timedelta(seconds=push.CLAIM_SECONDS - 1)
    assert push.run_once()["sent"] == 0  # claimed: not due for anyone else
